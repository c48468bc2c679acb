// The national ID number (NIK): 16 digits = province(2) regency(2) district(2) DDMMYY(6,
// +40 on the day for women) serial(4, from 0001).
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace lumbung::registry {

enum class Sex { kMale, kFemale };

enum class NikProblem {
  kNone,
  kNotSixteenDigits,
  kUnknownProvince,
  kBadRegencyOrDistrict,  // "00"
  kBadBirthDate,          // day not 01-31 or 41-71, month not 01-12, or no such date
  kBadSerial,             // 0000
  kBirthDateMismatch,     // cross-check only
  kSexMismatch,           // cross-check only
};

struct NikParts {
  int province = 0, regency = 0, district = 0;
  int day = 0, month = 0, two_digit_year = 0;  // day already without the +40
  Sex sex = Sex::kMale;
  int serial = 0;
};

// Structure only. Fills `out` when the result is kNone.
NikProblem CheckNikStructure(std::string_view nik, NikParts* out = nullptr);

// Structure, then the date of birth (DDMMYY) and sex match those given.
NikProblem CrossCheckNik(std::string_view nik, std::chrono::year_month_day birth_date, Sex sex);

struct Province {
  int code;
  const char* name;
};
// Real province codes (including the pre-2022 Papua codes that old NIKs keep).
std::span<const Province> Provinces();
bool IsKnownProvinceCode(int code);

// Builds a NIK for demo data and tests. serial 1..9999.
std::string MakeNik(int province, int regency, int district, std::chrono::year_month_day birth,
                    Sex sex, int serial);

}  // namespace lumbung::registry
