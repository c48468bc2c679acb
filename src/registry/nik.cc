#include "registry/nik.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <stdexcept>

namespace lumbung::registry {
namespace {

// Dukcapil (Ministry of Home Affairs) codes. Papua's 2022 split kept 91 and 92 and added 93-96;
// NIKs never change, so every code ever issued stays valid.
constexpr std::array<Province, 38> kProvinces = {{
    {11, "Aceh"},
    {12, "Sumatera Utara"},
    {13, "Sumatera Barat"},
    {14, "Riau"},
    {15, "Jambi"},
    {16, "Sumatera Selatan"},
    {17, "Bengkulu"},
    {18, "Lampung"},
    {19, "Kepulauan Bangka Belitung"},
    {21, "Kepulauan Riau"},
    {31, "DKI Jakarta"},
    {32, "Jawa Barat"},
    {33, "Jawa Tengah"},
    {34, "DI Yogyakarta"},
    {35, "Jawa Timur"},
    {36, "Banten"},
    {51, "Bali"},
    {52, "Nusa Tenggara Barat"},
    {53, "Nusa Tenggara Timur"},
    {61, "Kalimantan Barat"},
    {62, "Kalimantan Tengah"},
    {63, "Kalimantan Selatan"},
    {64, "Kalimantan Timur"},
    {65, "Kalimantan Utara"},
    {71, "Sulawesi Utara"},
    {72, "Sulawesi Tengah"},
    {73, "Sulawesi Selatan"},
    {74, "Sulawesi Tenggara"},
    {75, "Gorontalo"},
    {76, "Sulawesi Barat"},
    {81, "Maluku"},
    {82, "Maluku Utara"},
    {91, "Papua"},
    {92, "Papua Barat"},
    {93, "Papua Selatan"},
    {94, "Papua Tengah"},
    {95, "Papua Pegunungan"},
    {96, "Papua Barat Daya"},
}};

int TwoDigits(std::string_view text, std::size_t at) {
  return (text[at] - '0') * 10 + (text[at + 1] - '0');
}

// The NIK holds only two digits of the year, so the date is possible when it exists in some
// century: 29 February needs a year divisible by 4 (00 stands for 2000, a leap year).
bool DateCanExist(int day, int month, int two_digit_year) {
  if (month < 1 || month > 12 || day < 1) return false;
  const int leap_year = two_digit_year % 4 == 0 ? 2000 : 2001;
  const std::chrono::year_month_day date{std::chrono::year{leap_year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  return date.ok();
}

}  // namespace

std::span<const Province> Provinces() {
  return kProvinces;
}

bool IsKnownProvinceCode(int code) {
  return std::any_of(kProvinces.begin(), kProvinces.end(),
                     [code](const Province& p) { return p.code == code; });
}

NikProblem CheckNikStructure(std::string_view nik, NikParts* out) {
  if (nik.size() != 16 ||
      !std::all_of(nik.begin(), nik.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return NikProblem::kNotSixteenDigits;
  }
  NikParts parts;
  parts.province = TwoDigits(nik, 0);
  parts.regency = TwoDigits(nik, 2);
  parts.district = TwoDigits(nik, 4);
  if (!IsKnownProvinceCode(parts.province)) return NikProblem::kUnknownProvince;
  if (parts.regency == 0 || parts.district == 0) return NikProblem::kBadRegencyOrDistrict;

  int day = TwoDigits(nik, 6);
  parts.sex = day > 40 ? Sex::kFemale : Sex::kMale;
  if (parts.sex == Sex::kFemale) day -= 40;
  parts.day = day;
  parts.month = TwoDigits(nik, 8);
  parts.two_digit_year = TwoDigits(nik, 10);
  if (!DateCanExist(parts.day, parts.month, parts.two_digit_year)) {
    return NikProblem::kBadBirthDate;
  }

  parts.serial = TwoDigits(nik, 12) * 100 + TwoDigits(nik, 14);
  if (parts.serial == 0) return NikProblem::kBadSerial;
  if (out) *out = parts;
  return NikProblem::kNone;
}

NikProblem CrossCheckNik(std::string_view nik, std::chrono::year_month_day birth_date, Sex sex) {
  NikParts parts;
  if (const NikProblem problem = CheckNikStructure(nik, &parts); problem != NikProblem::kNone) {
    return problem;
  }
  if (!birth_date.ok()) return NikProblem::kBirthDateMismatch;
  const int year = static_cast<int>(birth_date.year());
  const int two_digit_year = (year % 100 + 100) % 100;
  if (parts.day != static_cast<int>(static_cast<unsigned>(birth_date.day())) ||
      parts.month != static_cast<int>(static_cast<unsigned>(birth_date.month())) ||
      parts.two_digit_year != two_digit_year) {
    return NikProblem::kBirthDateMismatch;
  }
  if (parts.sex != sex) return NikProblem::kSexMismatch;
  return NikProblem::kNone;
}

std::string MakeNik(int province, int regency, int district, std::chrono::year_month_day birth,
                    Sex sex, int serial) {
  if (!IsKnownProvinceCode(province)) throw std::invalid_argument("MakeNik: unknown province");
  if (regency < 1 || regency > 99 || district < 1 || district > 99) {
    throw std::invalid_argument("MakeNik: regency and district must be 1..99");
  }
  if (!birth.ok()) throw std::invalid_argument("MakeNik: no such birth date");
  if (serial < 1 || serial > 9999) throw std::invalid_argument("MakeNik: serial must be 1..9999");
  const int day =
      static_cast<int>(static_cast<unsigned>(birth.day())) + (sex == Sex::kFemale ? 40 : 0);
  const int month = static_cast<int>(static_cast<unsigned>(birth.month()));
  const int year = (static_cast<int>(birth.year()) % 100 + 100) % 100;
  char text[17];
  std::snprintf(text, sizeof text, "%02d%02d%02d%02d%02d%02d%04d", province, regency, district, day,
                month, year, serial);
  return text;
}

}  // namespace lumbung::registry
