#include "registry/nik.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace lumbung::registry {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

year_month_day Ymd(int y, unsigned m, unsigned d) {
  return year{y} / month{m} / day{d};
}

TEST(Nik, ReadsTheParts) {
  // Kota Bandung (32 73) district 05, man born 17 August 1990, serial 0042.
  NikParts parts;
  ASSERT_EQ(CheckNikStructure("3273051708900042", &parts), NikProblem::kNone);
  EXPECT_EQ(parts.province, 32);
  EXPECT_EQ(parts.regency, 73);
  EXPECT_EQ(parts.district, 5);
  EXPECT_EQ(parts.day, 17);
  EXPECT_EQ(parts.month, 8);
  EXPECT_EQ(parts.two_digit_year, 90);
  EXPECT_EQ(parts.sex, Sex::kMale);
  EXPECT_EQ(parts.serial, 42);
}

TEST(Nik, WomenHaveFortyAddedToTheDay) {
  NikParts parts;
  ASSERT_EQ(CheckNikStructure("3273054508900001", &parts), NikProblem::kNone);
  EXPECT_EQ(parts.day, 5);
  EXPECT_EQ(parts.sex, Sex::kFemale);
  ASSERT_EQ(CheckNikStructure("3273057101900001", &parts), NikProblem::kNone);  // 31 January
  EXPECT_EQ(parts.day, 31);
  EXPECT_EQ(parts.sex, Sex::kFemale);
  ASSERT_EQ(CheckNikStructure("3273054101900001", &parts), NikProblem::kNone);  // 1 January
  EXPECT_EQ(parts.day, 1);
}

TEST(Nik, MustBeSixteenDigits) {
  for (const char* nik :
       {"", "327305170890004", "32730517089000421", "3273O51708900042", "3273 51708900042",
        "-273051708900042", "+273051708900042", "３２７３051708900042"}) {
    EXPECT_EQ(CheckNikStructure(nik), NikProblem::kNotSixteenDigits) << nik;
  }
  std::string with_nul = "3273051708900042";
  with_nul[5] = '\0';
  EXPECT_EQ(CheckNikStructure(with_nul), NikProblem::kNotSixteenDigits);
}

TEST(Nik, ProvinceMustExist) {
  for (const char* nik :
       {"0073051708900042", "1073051708900042", "2073051708900042", "3773051708900042",
        "5473051708900042", "6673051708900042", "7773051708900042", "8373051708900042",
        "9073051708900042", "9773051708900042", "9973051708900042"}) {
    EXPECT_EQ(CheckNikStructure(nik), NikProblem::kUnknownProvince) << nik;
  }
  for (const char* nik :
       {"1173051708900042", "2173051708900042", "9173051708900042", "9673051708900042"}) {
    EXPECT_EQ(CheckNikStructure(nik), NikProblem::kNone) << nik;
  }
}

TEST(Nik, RegencyAndDistrictCannotBeZero) {
  EXPECT_EQ(CheckNikStructure("3200051708900042"), NikProblem::kBadRegencyOrDistrict);
  EXPECT_EQ(CheckNikStructure("3273001708900042"), NikProblem::kBadRegencyOrDistrict);
  EXPECT_EQ(CheckNikStructure("3201011708900042"), NikProblem::kNone);
}

TEST(Nik, BirthDateMustExist) {
  const char* bad[] = {
      "3273050008900042",  // day 00
      "3273053208900042",  // day 32
      "3273054008900042",  // 40: neither a man's day nor a woman's (41-71)
      "3273057208900042",  // 72
      "3273059908900042",  // 99
      "3273051700900042",  // month 00
      "3273051713900042",  // month 13
      "3273053104900042",  // 31 April
      "3273053002900042",  // 30 February
      "3273056902900042",  // a woman's 29 February in a year ending 90: never a leap year
      "3273052902010042",  // 29 February 01
  };
  for (const char* nik : bad) {
    EXPECT_EQ(CheckNikStructure(nik), NikProblem::kBadBirthDate) << nik;
  }
  EXPECT_EQ(CheckNikStructure("3273057004900042"), NikProblem::kNone);  // woman, 30 April
  // 29 February is possible when the two digits can be a leap year (00 can be 2000).
  EXPECT_EQ(CheckNikStructure("3273052902000042"), NikProblem::kNone);
  EXPECT_EQ(CheckNikStructure("3273052902960042"), NikProblem::kNone);
  EXPECT_EQ(CheckNikStructure("3273056902040042"), NikProblem::kNone);
}

TEST(Nik, SerialStartsAtOne) {
  EXPECT_EQ(CheckNikStructure("3273051708900000"), NikProblem::kBadSerial);
  EXPECT_EQ(CheckNikStructure("3273051708900001"), NikProblem::kNone);
  EXPECT_EQ(CheckNikStructure("3273051708909999"), NikProblem::kNone);
}

TEST(Nik, PartsAreOnlyFilledForAGoodNik) {
  NikParts parts;
  parts.province = -7;
  EXPECT_EQ(CheckNikStructure("3273051708900000", &parts), NikProblem::kBadSerial);
  EXPECT_EQ(parts.province, -7);
}

TEST(NikCrossCheck, MatchesDateAndSex) {
  EXPECT_EQ(CrossCheckNik("3273051708900042", Ymd(1990, 8, 17), Sex::kMale), NikProblem::kNone);
  EXPECT_EQ(CrossCheckNik("3273055708900042", Ymd(1990, 8, 17), Sex::kFemale), NikProblem::kNone);
  EXPECT_EQ(CrossCheckNik("3273051708900042", Ymd(1990, 8, 17), Sex::kFemale),
            NikProblem::kSexMismatch);
  EXPECT_EQ(CrossCheckNik("3273055708900042", Ymd(1990, 8, 17), Sex::kMale),
            NikProblem::kSexMismatch);
}

TEST(NikCrossCheck, DateMismatches) {
  const char* nik = "3273051708900042";
  EXPECT_EQ(CrossCheckNik(nik, Ymd(1990, 8, 18), Sex::kMale), NikProblem::kBirthDateMismatch);
  EXPECT_EQ(CrossCheckNik(nik, Ymd(1990, 9, 17), Sex::kMale), NikProblem::kBirthDateMismatch);
  EXPECT_EQ(CrossCheckNik(nik, Ymd(1991, 8, 17), Sex::kMale), NikProblem::kBirthDateMismatch);
  EXPECT_EQ(CrossCheckNik(nik, Ymd(1980, 8, 17), Sex::kMale), NikProblem::kBirthDateMismatch);
  // Only two digits of the year are in the NIK.
  EXPECT_EQ(CrossCheckNik(nik, Ymd(2090, 8, 17), Sex::kMale), NikProblem::kNone);
  // A date that does not exist never matches.
  EXPECT_EQ(CrossCheckNik(nik, Ymd(1990, 8, 32), Sex::kMale), NikProblem::kBirthDateMismatch);
}

TEST(NikCrossCheck, LeapDayNeedsTheFullYear) {
  // "290200" passes the structure check; 29 February 2000 exists, 1900 does not.
  EXPECT_EQ(CrossCheckNik("3273052902000042", Ymd(2000, 2, 29), Sex::kMale), NikProblem::kNone);
  EXPECT_EQ(CrossCheckNik("3273052902000042", Ymd(1900, 2, 29), Sex::kMale),
            NikProblem::kBirthDateMismatch);
  EXPECT_EQ(CrossCheckNik("3273052902000042", Ymd(1900, 2, 28), Sex::kMale),
            NikProblem::kBirthDateMismatch);
  EXPECT_EQ(CrossCheckNik("3273056902960042", Ymd(1996, 2, 29), Sex::kFemale), NikProblem::kNone);
}

TEST(NikCrossCheck, StructureProblemsComeFirst) {
  EXPECT_EQ(CrossCheckNik("12345", Ymd(1990, 8, 17), Sex::kMale), NikProblem::kNotSixteenDigits);
  EXPECT_EQ(CrossCheckNik("3273051708900000", Ymd(1990, 8, 17), Sex::kFemale),
            NikProblem::kBadSerial);
}

TEST(NikProvinces, TheRealCodes) {
  std::set<int> expected;
  for (int c = 11; c <= 19; ++c) expected.insert(c);
  expected.insert(21);
  for (int c = 31; c <= 36; ++c) expected.insert(c);
  for (int c = 51; c <= 53; ++c) expected.insert(c);
  for (int c = 61; c <= 65; ++c) expected.insert(c);
  for (int c = 71; c <= 76; ++c) expected.insert(c);
  for (int c = 81; c <= 82; ++c) expected.insert(c);
  for (int c = 91; c <= 96; ++c) expected.insert(c);

  std::set<int> codes;
  int previous = 0;
  for (const Province& p : Provinces()) {
    EXPECT_GT(p.code, previous) << "sorted, no duplicates";
    previous = p.code;
    ASSERT_NE(p.name, nullptr);
    EXPECT_NE(std::string(p.name), "");
    codes.insert(p.code);
  }
  EXPECT_EQ(codes, expected);
  for (int c = -1; c <= 100; ++c) EXPECT_EQ(IsKnownProvinceCode(c), expected.contains(c)) << c;
  EXPECT_STREQ(Provinces().front().name, "Aceh");
  EXPECT_STREQ(Provinces()[10].name, "DKI Jakarta");
}

TEST(NikMake, Format) {
  EXPECT_EQ(MakeNik(32, 73, 5, Ymd(1990, 8, 17), Sex::kMale, 42), "3273051708900042");
  EXPECT_EQ(MakeNik(32, 73, 5, Ymd(1990, 8, 17), Sex::kFemale, 42), "3273055708900042");
  EXPECT_EQ(MakeNik(11, 1, 1, Ymd(2001, 1, 1), Sex::kMale, 9999), "1101010101019999");
  EXPECT_EQ(MakeNik(96, 99, 99, Ymd(2000, 2, 29), Sex::kFemale, 1), "9699996902000001");
}

TEST(NikMake, PassesTheCrossCheckForEveryDayOverACentury) {
  const std::chrono::sys_days first{Ymd(1940, 1, 1)};
  const std::chrono::sys_days last{Ymd(2040, 12, 31)};
  const auto provinces = Provinces();
  int n = 0;
  int leap_days = 0;
  for (auto d = first; d <= last; d += std::chrono::days{1}, ++n) {
    const year_month_day birth{d};
    if (birth.month() == std::chrono::February && birth.day() == day{29}) ++leap_days;
    const int province = provinces[n % provinces.size()].code;
    for (Sex sex : {Sex::kMale, Sex::kFemale}) {
      const std::string nik = MakeNik(province, n % 99 + 1, n % 97 + 1, birth, sex, n % 9999 + 1);
      ASSERT_EQ(CrossCheckNik(nik, birth, sex), NikProblem::kNone) << nik;
      NikParts parts;
      ASSERT_EQ(CheckNikStructure(nik, &parts), NikProblem::kNone) << nik;
      ASSERT_EQ(parts.province, province);
      ASSERT_EQ(parts.serial, n % 9999 + 1);
      ASSERT_EQ(parts.sex, sex);
      // And the other sex is caught.
      ASSERT_EQ(CrossCheckNik(nik, birth, sex == Sex::kMale ? Sex::kFemale : Sex::kMale),
                NikProblem::kSexMismatch);
    }
  }
  EXPECT_EQ(leap_days, 26);  // 1940, 1944, ..., 2040, 2000 included
}

TEST(NikMake, RefusesWhatCannotBeANik) {
  const auto birth = Ymd(1990, 8, 17);
  EXPECT_THROW(MakeNik(10, 73, 5, birth, Sex::kMale, 1), std::invalid_argument);
  EXPECT_THROW(MakeNik(32, 0, 5, birth, Sex::kMale, 1), std::invalid_argument);
  EXPECT_THROW(MakeNik(32, 73, 100, birth, Sex::kMale, 1), std::invalid_argument);
  EXPECT_THROW(MakeNik(32, 73, 5, birth, Sex::kMale, 0), std::invalid_argument);
  EXPECT_THROW(MakeNik(32, 73, 5, birth, Sex::kMale, 10000), std::invalid_argument);
  EXPECT_THROW(MakeNik(32, 73, 5, Ymd(1900, 2, 29), Sex::kMale, 1), std::invalid_argument);
}

}  // namespace
}  // namespace lumbung::registry
