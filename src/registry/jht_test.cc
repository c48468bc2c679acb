#include "registry/jht.h"

#include <cmath>
#include <limits>
#include <map>
#include <vector>

#include <gtest/gtest.h>

namespace lumbung::registry {
namespace {

using std::chrono::year;

// The published rates 2016-2020; other years undeclared.
std::optional<int> Published(int y) {
  static const std::map<int, int> rates = {
      {2016, 719}, {2017, 782}, {2018, 626}, {2019, 606}, {2020, 559}};
  auto it = rates.find(y);
  return it == rates.end() ? std::nullopt : std::optional<int>(it->second);
}

// Differences far below a rupiah: long double keeps ~19 significant digits.
constexpr long double kTolerance = 1e-6L;

TEST(Jht, SingleDepositGrowsByExactlyTheAnnualRateInAYear) {
  // 1,000,000 in January 2016 at 7.19%: twelve factors 1.0719^(1/12) make 1.0719.
  const std::vector<JhtFlow> flows = {{year{2016} / 1, 1000000}};
  const JhtLedger ledger = ComputeJhtLedger(flows, year{2016} / 12, Published);
  ASSERT_EQ(ledger.years.size(), 1u);
  const JhtYear& y = ledger.years[0];
  EXPECT_EQ(y.year, 2016);
  EXPECT_EQ(y.rate_bp, 719);
  EXPECT_EQ(y.opening, 0);
  EXPECT_EQ(y.contributions, 1000000);
  EXPECT_EQ(y.withdrawals, 0);
  EXPECT_NEAR(static_cast<double>(y.returns), 71900, kTolerance);
  EXPECT_NEAR(static_cast<double>(y.closing), 1071900, kTolerance);
  EXPECT_EQ(RoundRupiah(ledger.Balance()), 1071900);
}

TEST(Jht, MonthlyContributionsThroughAYear) {
  // 100,000 at the start of each month of 2017 at 7.82%. With f = 1.0782^(1/12) the deposit of
  // month k grows for 13 - k months: 100,000 x (f + f^2 + ... + f^12)
  //   = 100,000 x f (f^12 - 1) / (f - 1) = 1,250,245.353... -> Rp 1,250,245.
  std::vector<JhtFlow> flows;
  for (unsigned m = 1; m <= 12; ++m) flows.push_back({year{2017} / m, 100000});
  const JhtLedger ledger = ComputeJhtLedger(flows, year{2017} / 12, Published);

  const long double f = std::pow(1.0782L, 1.0L / 12.0L);
  const long double expected = 100000.0L * f * (1.0782L - 1.0L) / (f - 1.0L);
  ASSERT_EQ(ledger.years.size(), 1u);
  EXPECT_NEAR(static_cast<double>(ledger.Balance()), static_cast<double>(expected), kTolerance);
  EXPECT_NEAR(static_cast<double>(ledger.Balance()), 1250245.3533132570, 1e-6);
  EXPECT_EQ(RoundRupiah(ledger.Balance()), 1250245);
  EXPECT_EQ(ledger.years[0].contributions, 1200000);
  EXPECT_NEAR(static_cast<double>(ledger.years[0].returns), 50245.3533132570, 1e-6);
}

TEST(Jht, CompoundsAcrossYearsAtEachYearsRate) {
  // 1,000,000 in January 2016, nothing after: x 1.0719 x 1.0782 = 1,155,722.58 -> 1,155,723.
  const std::vector<JhtFlow> flows = {{year{2016} / 1, 1000000}};
  const JhtLedger ledger = ComputeJhtLedger(flows, year{2017} / 12, Published);
  ASSERT_EQ(ledger.years.size(), 2u);
  EXPECT_NEAR(static_cast<double>(ledger.years[0].closing), 1071900, kTolerance);
  EXPECT_NEAR(static_cast<double>(ledger.years[1].opening), 1071900, kTolerance);
  EXPECT_EQ(ledger.years[1].contributions, 0);
  EXPECT_NEAR(static_cast<double>(ledger.years[1].returns), 83822.58, kTolerance);
  EXPECT_NEAR(static_cast<double>(ledger.Balance()), 1155722.58, kTolerance);
  EXPECT_EQ(RoundRupiah(ledger.Balance()), 1155723);
}

TEST(Jht, FiveYearsOfPublishedRates) {
  // 1,000,000 in January 2016 to December 2020: the product of the five annual factors.
  const std::vector<JhtFlow> flows = {{year{2016} / 1, 1000000}};
  const JhtLedger ledger = ComputeJhtLedger(flows, year{2020} / 12, Published);
  const long double expected = 1000000.0L * 1.0719L * 1.0782L * 1.0626L * 1.0606L * 1.0559L;
  ASSERT_EQ(ledger.years.size(), 5u);
  EXPECT_NEAR(static_cast<double>(ledger.Balance()), static_cast<double>(expected), kTolerance);
  // 1,155,722.58 x 1.0626 x 1.0606 x 1.0559 = 1,375,301.2023 -> Rp 1,375,301.
  EXPECT_EQ(RoundRupiah(ledger.Balance()), 1375301);
  for (std::size_t i = 1; i < ledger.years.size(); ++i) {
    EXPECT_EQ(ledger.years[i].opening, ledger.years[i - 1].closing);
  }
}

TEST(Jht, AWithdrawalStopsEarningFromItsMonth) {
  // 1,000,000 in January 2016, 500,000 taken out at the start of July 2016:
  //   1,000,000 x 1.0719 - 500,000 x 1.0719^(6/12) = 554,236.98... -> Rp 554,237.
  const std::vector<JhtFlow> flows = {{year{2016} / 1, 1000000}, {year{2016} / 7, -500000}};
  const JhtLedger ledger = ComputeJhtLedger(flows, year{2016} / 12, Published);
  const long double expected = 1000000.0L * 1.0719L - 500000.0L * std::sqrt(1.0719L);
  ASSERT_EQ(ledger.years.size(), 1u);
  EXPECT_EQ(ledger.years[0].contributions, 1000000);
  EXPECT_EQ(ledger.years[0].withdrawals, 500000);
  EXPECT_NEAR(static_cast<double>(ledger.Balance()), static_cast<double>(expected), kTolerance);
  EXPECT_NEAR(static_cast<double>(ledger.Balance()), 554236.98219787808, 1e-6);
  EXPECT_EQ(RoundRupiah(ledger.Balance()), 554237);
  const JhtYear& y = ledger.years[0];
  EXPECT_NEAR(static_cast<double>(y.opening + y.contributions - y.withdrawals + y.returns),
              static_cast<double>(y.closing), kTolerance);
}

TEST(Jht, MonthsAfterTheLastFlowStillEarn) {
  // One deposit in December 2015, a year without a declared rate: no growth in 2015, then all
  // of 2016 at 7.19%.
  const std::vector<JhtFlow> flows = {{year{2015} / 12, 1000000}};
  const JhtLedger ledger = ComputeJhtLedger(flows, year{2016} / 12, Published);
  ASSERT_EQ(ledger.years.size(), 2u);
  EXPECT_EQ(ledger.years[0].rate_bp, std::nullopt);
  EXPECT_EQ(ledger.years[0].returns, 0);
  EXPECT_EQ(ledger.years[0].closing, 1000000);
  EXPECT_EQ(RoundRupiah(ledger.Balance()), 1071900);
}

TEST(Jht, PartOfAYear) {
  // Through June only: six monthly factors = sqrt(1.0719); 1,035,326.0356 -> Rp 1,035,326.
  const std::vector<JhtFlow> flows = {{year{2016} / 1, 1000000}};
  const JhtLedger ledger = ComputeJhtLedger(flows, year{2016} / 6, Published);
  EXPECT_NEAR(static_cast<double>(ledger.Balance()), 1035326.0356042438, 1e-6);
  EXPECT_EQ(RoundRupiah(ledger.Balance()), 1035326);
}

TEST(Jht, YearsWithoutARateHaveNoGrowth) {
  const std::vector<JhtFlow> flows = {{year{2021} / 3, 250000}, {year{2022} / 5, 250000}};
  const JhtLedger ledger = ComputeJhtLedger(flows, year{2023} / 12, Published);
  ASSERT_EQ(ledger.years.size(), 3u);
  EXPECT_EQ(ledger.years[0].year, 2021);
  EXPECT_EQ(ledger.years[2].year, 2023);
  EXPECT_EQ(ledger.years[1].contributions, 250000);
  EXPECT_EQ(ledger.years[2].contributions, 0);
  EXPECT_EQ(ledger.Balance(), 500000);
  // No lookup at all is treated the same way.
  EXPECT_EQ(ComputeJhtLedger(flows, year{2023} / 12, ReturnRateLookup{}).Balance(), 500000);
}

TEST(Jht, SeveralFlowsInOneMonthAddUp) {
  const std::vector<JhtFlow> one = {{year{2017} / 4, 300000}};
  const std::vector<JhtFlow> split = {{year{2017} / 4, 100000}, {year{2017} / 4, 200000}};
  EXPECT_NEAR(static_cast<double>(ComputeJhtLedger(one, year{2018} / 6, Published).Balance()),
              static_cast<double>(ComputeJhtLedger(split, year{2018} / 6, Published).Balance()),
              kTolerance);
}

TEST(Jht, KeepsFullPrecisionRatherThanRoundingEachMonth) {
  // 1 rupiah a month for 2016: every monthly return is below half a rupiah, so rounding the
  // balance each month would credit nothing; full precision credits 0.4624 in all.
  std::vector<JhtFlow> flows;
  for (unsigned m = 1; m <= 12; ++m) flows.push_back({year{2016} / m, 1});
  const JhtLedger ledger = ComputeJhtLedger(flows, year{2016} / 12, Published);
  const long double f = std::pow(1.0719L, 1.0L / 12.0L);
  const long double expected = f * (1.0719L - 1.0L) / (f - 1.0L);  // 12.4624...
  EXPECT_NEAR(static_cast<double>(ledger.Balance()), static_cast<double>(expected), 1e-12);
  EXPECT_GT(ledger.years[0].returns, 0.4L);
}

TEST(Jht, EdgeCases) {
  EXPECT_TRUE(ComputeJhtLedger({}, year{2020} / 1, Published).years.empty());
  EXPECT_EQ(ComputeJhtLedger({}, year{2020} / 1, Published).Balance(), 0);
  // Flows after `through` are not counted.
  const std::vector<JhtFlow> flows = {{year{2016} / 1, 1000000}, {year{2017} / 1, 1000000}};
  const JhtLedger ledger = ComputeJhtLedger(flows, year{2016} / 12, Published);
  EXPECT_EQ(ledger.years.size(), 1u);
  EXPECT_EQ(RoundRupiah(ledger.Balance()), 1071900);
  // `through` before the first flow's year: nothing to show.
  EXPECT_TRUE(ComputeJhtLedger(flows, year{2015} / 12, Published).years.empty());
  const std::vector<JhtFlow> unsorted = {{year{2017} / 1, 1}, {year{2016} / 1, 1}};
  EXPECT_THROW(ComputeJhtLedger(unsorted, year{2017} / 12, Published), std::invalid_argument);
}

// A job change in 2020 (5.59%): employer A credits JHT of 285,000 a month (2% + 3.7% of
// 5,000,000) from January to June, employer B 342,000 (of 6,000,000) from June to December;
// June carries both. Only paid months are flows: the registry credits what the employers paid
// (the demo seeder builds the flows from paid rows; /savings says so).
std::vector<JhtFlow> JobChange2020() {
  std::vector<JhtFlow> flows;
  for (unsigned m = 1; m <= 12; ++m) {
    if (m <= 6) flows.push_back({year{2020} / m, 285000});
    if (m >= 6) flows.push_back({year{2020} / m, 342000});
  }
  return flows;
}

TEST(Jht, AJobChangeMidYearCreditsBothEmployersFlows) {
  // With f = 1.0559^(1/12) = 1.00454307895..., a flow of month k grows for 13 - k months:
  //   A: 285,000 x (f^12 + ... + f^7) = 285,000 x f^7 (f^6 - 1) / (f - 1) = 1,785,297.0957
  //   B: 342,000 x (f^7 + ... + f^1) = 342,000 x f (f^7 - 1) / (f - 1)   = 2,437,902.0660
  //   closing 4,223,199.1617 -> Rp 4,223,199; contributions 6 x 285,000 + 7 x 342,000
  //   = 4,104,000; returns 119,199.1617.
  const std::vector<JhtFlow> flows = JobChange2020();
  ASSERT_EQ(flows.size(), 13u);
  const JhtLedger ledger = ComputeJhtLedger(flows, year{2020} / 12, Published);
  ASSERT_EQ(ledger.years.size(), 1u);
  const JhtYear& y = ledger.years[0];
  EXPECT_EQ(y.rate_bp, 559);
  EXPECT_EQ(y.contributions, 4104000);
  EXPECT_NEAR(static_cast<double>(y.returns), 119199.16168668520, 1e-6);
  EXPECT_NEAR(static_cast<double>(ledger.Balance()), 4223199.1616866852, 1e-6);
  EXPECT_EQ(RoundRupiah(ledger.Balance()), 4223199);
  // The same as the two employers' flows taken apart: the ledger is linear in its flows.
  const long double f = std::pow(1.0559L, 1.0L / 12.0L);
  const long double a = 285000.0L * std::pow(f, 7) * (std::pow(f, 6) - 1.0L) / (f - 1.0L);
  const long double b = 342000.0L * f * (std::pow(f, 7) - 1.0L) / (f - 1.0L);
  EXPECT_NEAR(static_cast<double>(a), 1785297.0956964342, 1e-6);
  EXPECT_NEAR(static_cast<double>(b), 2437902.0659902510, 1e-6);
  EXPECT_NEAR(static_cast<double>(ledger.Balance()), static_cast<double>(a + b), kTolerance);
}

TEST(Jht, AnUnpaidMonthIsNotCredited) {
  // B did not pay October 2020: its 342,000 is no flow, so the year loses the deposit and the
  // three months (October to December) it would have grown:
  //   342,000 x f^3 = 346,682.4073; 4,223,199.1617 - 346,682.4073 = 3,876,516.7544
  //   -> Rp 3,876,517; contributions 4,104,000 - 342,000 = 3,762,000.
  std::vector<JhtFlow> flows = JobChange2020();
  ASSERT_EQ(flows[10].month, year{2020} / 10);
  flows.erase(flows.begin() + 10);
  const JhtLedger ledger = ComputeJhtLedger(flows, year{2020} / 12, Published);
  EXPECT_EQ(ledger.years[0].contributions, 3762000);
  EXPECT_NEAR(static_cast<double>(ledger.Balance()), 3876516.7544176755, 1e-6);
  EXPECT_EQ(RoundRupiah(ledger.Balance()), 3876517);
  const JhtLedger all_paid = ComputeJhtLedger(JobChange2020(), year{2020} / 12, Published);
  EXPECT_NEAR(static_cast<double>(all_paid.Balance() - ledger.Balance()), 346682.40726900966, 1e-6);
}

TEST(JhtRoundRupiah, HalfAwayFromZero) {
  EXPECT_EQ(RoundRupiah(0.0L), 0);
  EXPECT_EQ(RoundRupiah(0.4999L), 0);
  EXPECT_EQ(RoundRupiah(0.5L), 1);
  EXPECT_EQ(RoundRupiah(2.5L), 3);
  EXPECT_EQ(RoundRupiah(-0.5L), -1);
  EXPECT_EQ(RoundRupiah(-2.4L), -2);
  EXPECT_EQ(RoundRupiah(1071899.9999999L), 1071900);
  EXPECT_EQ(RoundRupiah(-9223372036854775807.0L - 1.0L), std::numeric_limits<Rupiah>::min());
}

TEST(JhtRoundRupiah, RefusesWhatCannotBeARupiahFigure) {
  EXPECT_THROW(RoundRupiah(std::numeric_limits<long double>::infinity()), std::overflow_error);
  EXPECT_THROW(RoundRupiah(std::numeric_limits<long double>::quiet_NaN()), std::overflow_error);
  EXPECT_THROW(RoundRupiah(1e19L), std::overflow_error);
  EXPECT_THROW(RoundRupiah(-1e19L), std::overflow_error);
}

}  // namespace
}  // namespace lumbung::registry
