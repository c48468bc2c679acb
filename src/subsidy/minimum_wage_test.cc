#include "subsidy/minimum_wage.h"

#include <filesystem>
#include <limits>
#include <stdexcept>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace lumbung::subsidy {
namespace {

using ::testing::HasSubstr;

const std::filesystem::path kConfig = std::filesystem::path(LUMBUNG_TEST_SHARE_DIR) / "config";

const MinimumWages& Shipped() {
  static const MinimumWages wages = MinimumWages::LoadFile(kConfig / "minimum_wages.json");
  return wages;
}

const ProgramBook& Programs() {
  static const ProgramBook book = ProgramBook::LoadFile(kConfig / "subsidy_programs.json");
  return book;
}

std::string ErrorOf(const std::string& text) {
  try {
    MinimumWages::FromJson(text);
  } catch (const DataError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(SubsidyMinimumWage, RoundsUpToTheNextHundredThousand) {
  EXPECT_EQ(RoundUpToHundredThousand(4'416'186), 4'500'000);
  EXPECT_EQ(RoundUpToHundredThousand(4'500'000), 4'500'000) << "a multiple stays";
  EXPECT_EQ(RoundUpToHundredThousand(4'400'001), 4'500'000);
  EXPECT_EQ(RoundUpToHundredThousand(4'499'999), 4'500'000);
  EXPECT_EQ(RoundUpToHundredThousand(1), 100'000);
  EXPECT_EQ(RoundUpToHundredThousand(0), 0);
  EXPECT_EQ(RoundUpTo(1'234'567, 0), 1'234'567) << "step 0: not rounded";
  EXPECT_THROW(RoundUpTo(-1, 100'000), std::invalid_argument);
  EXPECT_THROW(RoundUpTo(std::numeric_limits<Rupiah>::max() - 5, 100'000), std::overflow_error);
}

// The provinces of the demo registry (src/demo/demo_people.cc) all have a figure for every
// year a programme may need, so a demo run never falls back to the ceiling for want of data.
TEST(SubsidyMinimumWage, ShipsEveryDemoProvinceFor2020To2025Unverified) {
  for (int code : {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51,
                   52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92}) {
    for (int year = 2020; year <= 2025; ++year) {
      const auto wage = Shipped().For({code, 0}, year);
      ASSERT_TRUE(wage.has_value()) << code << " " << year;
      EXPECT_GT(wage->amount, 1'000'000) << code << " " << year;
      EXPECT_LT(wage->amount, 7'000'000) << code << " " << year;
      EXPECT_FALSE(wage->verified) << "no primary source in the domain facts";
    }
  }
  EXPECT_FALSE(Shipped().For({31, 0}, 2019).has_value());
  EXPECT_EQ(Shipped().NameOf({31, 0}), "DKI Jakarta");
}

TEST(SubsidyMinimumWage, RegencyFigureWinsElseTheProvince) {
  const auto bekasi = Shipped().For({32, 75}, 2021);
  ASSERT_TRUE(bekasi);
  EXPECT_EQ(bekasi->area, (Area{32, 75}));
  EXPECT_EQ(bekasi->amount, 4'816'921);
  const auto bandung = Shipped().For({32, 73}, 2021);
  ASSERT_TRUE(bandung);
  EXPECT_EQ(bandung->area, (Area{32, 0})) << "no own figure: the province's";
  EXPECT_EQ(bandung->amount, Shipped().For({32, 0}, 2021)->amount);
}

TEST(SubsidyMinimumWage, EffectiveLimitIsTheHigherOfCeilingAndRoundedMinimumWage) {
  const Program& y2021 = *Programs().ForYear(2021);
  const WageLimit jakarta = EffectiveWageLimit(y2021, {31, 0}, Shipped());
  EXPECT_EQ(jakarta.minimum_wage->amount, 4'416'186);
  EXPECT_EQ(jakarta.amount, 4'500'000);
  EXPECT_TRUE(jakarta.from_minimum_wage);
  EXPECT_FALSE(jakarta.verified) << "the minimum wage figure is unverified";

  const WageLimit central_java = EffectiveWageLimit(y2021, {33, 0}, Shipped());
  EXPECT_EQ(central_java.amount, 3'500'000) << "1,798,979 rounds to 1,800,000: lower";
  EXPECT_FALSE(central_java.from_minimum_wage);

  const WageLimit bekasi = EffectiveWageLimit(y2021, {32, 75}, Shipped());
  EXPECT_EQ(bekasi.amount, 4'900'000) << "the city's own 4,816,921 rounded up";

  const Program& y2020 = *Programs().ForYear(2020);
  const WageLimit jakarta_2020 = EffectiveWageLimit(y2020, {31, 0}, Shipped());
  EXPECT_EQ(jakarta_2020.amount, 5'000'000) << "2020: the ceiling only";
  EXPECT_FALSE(jakarta_2020.minimum_wage.has_value());
}

TEST(SubsidyMinimumWage, AMinimumWageExactlyOnAHundredThousandStays) {
  const MinimumWages wages = MinimumWages::FromJson(
      R"({"schema": 1, "minimum_wages": [{"area": "31", "name": "DKI Jakarta",
          "amounts": {"2021": 4500000}}]})");
  const WageLimit limit = EffectiveWageLimit(*Programs().ForYear(2021), {31, 0}, wages);
  EXPECT_EQ(limit.amount, 4'500'000);
  EXPECT_TRUE(limit.verified) << "a verified figure under a verified rule";
}

TEST(SubsidyMinimumWage, MissingFigureFallsBackToTheCeilingAndSaysSo) {
  const MinimumWages wages = MinimumWages::FromJson(
      R"({"schema": 1, "minimum_wages": [{"area": "31", "name": "DKI Jakarta",
          "amounts": {"2020": 4276349}}]})");
  const WageLimit limit = EffectiveWageLimit(*Programs().ForYear(2021), {31, 0}, wages);
  EXPECT_EQ(limit.amount, 3'500'000);
  EXPECT_TRUE(limit.minimum_wage_unknown);
}

TEST(SubsidyMinimumWage, Comparison) {
  EXPECT_TRUE(WithinLimit(*Programs().ForYear(2021), 3'500'000, 3'500'000)) << "<=";
  EXPECT_FALSE(WithinLimit(*Programs().ForYear(2020), 5'000'000, 5'000'000)) << "under";
  EXPECT_TRUE(WithinLimit(*Programs().ForYear(2020), 4'999'999, 5'000'000));
}

TEST(SubsidyMinimumWage, ValidationNamesTheKey) {
  const std::string head = R"({"schema": 1, "minimum_wages": [)";
  EXPECT_THAT(ErrorOf(head + R"({"area": "31", "name": "X", "amounts": {"2021": 0}}]})"),
              HasSubstr("minimum_wages: minimum_wages[0].amounts.2021: must be 1 to 10^15"));
  EXPECT_THAT(ErrorOf(head + R"({"area": "31", "name": "X", "amounts": {"21": 5}}]})"),
              HasSubstr("minimum_wages[0].amounts.21: must be a year"));
  EXPECT_THAT(ErrorOf(head + R"({"area": "31", "name": "X", "amounts": {"2021": "5"}}]})"),
              HasSubstr("minimum_wages[0].amounts.2021: must be 1 to 10^15"));
  EXPECT_THAT(ErrorOf(head + R"({"area": "31", "name": "X", "amounts": {}}]})"),
              HasSubstr("minimum_wages[0].amounts: must be an object"));
  EXPECT_THAT(ErrorOf(head + R"({"area": "3", "name": "X", "amounts": {"2021": 5}}]})"),
              HasSubstr("minimum_wages[0].area: must be a province code"));
  EXPECT_THAT(ErrorOf(head + R"({"area": "31", "name": "X", "amounts": {"2021": 5}},
                                {"area": "31", "name": "Y", "amounts": {"2022": 5}}]})"),
              HasSubstr("minimum_wages[1].area: named twice"));
  EXPECT_THAT(ErrorOf(head + R"({"area": "31", "name": "", "amounts": {"2021": 5}}]})"),
              HasSubstr("minimum_wages[0].name: must be a non-empty string"));
  EXPECT_THAT(ErrorOf(head + R"({"area": "31", "name": "X", "amount": 5}]})"),
              HasSubstr("minimum_wages[0].amount: unknown key"));
  EXPECT_THAT(ErrorOf(head + R"({"area": "31", "name": "X", "amounts": {"2021": 5},
                                 "verified": "no"}]})"),
              HasSubstr("minimum_wages[0].verified: must be true or false"));
}

}  // namespace
}  // namespace lumbung::subsidy
