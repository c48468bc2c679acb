#include "calculators/jht_projection.h"

#include <gtest/gtest.h>

#include <cmath>

namespace lumbung::calculators {
namespace {

using std::chrono::January;
using std::chrono::November;
using std::chrono::year;

TEST(JhtProjection, WithoutReturnsTheBalanceGrowsByContributionsOnly) {
  // 5.7% of 5,000,000 = 285,000 a month, twelve months.
  const auto rows = ProjectJht({.balance = 1'000'000,
                                .monthly_wage = 5'000'000,
                                .wage_growth_bp = 0,
                                .return_bp = 0,
                                .years = 1,
                                .contribution_bp = 570,
                                .start = year(2027) / January});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].year, 2027);
  EXPECT_EQ(rows[0].contributions, 3'420'000);
  EXPECT_EQ(rows[0].returns, 0);
  EXPECT_EQ(rows[0].closing, 4'420'000);
}

TEST(JhtProjection, TwelveMonthlyFactorsMakeExactlyTheAnnualRate) {
  const auto rows = ProjectJht({.balance = 1'200'000,
                                .monthly_wage = 0,
                                .wage_growth_bp = 0,
                                .return_bp = 1200,
                                .years = 1,
                                .contribution_bp = 570,
                                .start = year(2027) / January});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].closing, 1'344'000);  // 1,200,000 x 1.12
  EXPECT_EQ(rows[0].returns, 144'000);
}

TEST(JhtProjection, WagesGrowEachJanuaryAndYearsFollowTheCalendar) {
  // Start in November: 2 months in 2026 at 5,000,000, then 10 in 2027 at 5,500,000.
  const auto rows = ProjectJht({.balance = 0,
                                .monthly_wage = 5'000'000,
                                .wage_growth_bp = 1000,
                                .return_bp = 0,
                                .years = 1,
                                .contribution_bp = 570,
                                .start = year(2026) / November});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].year, 2026);
  EXPECT_EQ(rows[0].wage, 5'000'000);
  EXPECT_EQ(rows[0].contributions, 570'000);
  EXPECT_EQ(rows[1].year, 2027);
  EXPECT_EQ(rows[1].wage, 5'500'000);
  EXPECT_EQ(rows[1].contributions, 3'135'000);
  EXPECT_EQ(rows[1].closing, 3'705'000);
}

TEST(JhtProjection, ContributionsAreAddedAtTheStartOfTheMonthAndEarnThatMonth) {
  // One month at 12%: 285,000 x 1.12^(1/12) = 287,697.4...
  const auto rows = ProjectJht({.balance = 0,
                                .monthly_wage = 5'000'000,
                                .wage_growth_bp = 0,
                                .return_bp = 1200,
                                .years = 1,
                                .contribution_bp = 570,
                                .start = year(2027) / January});
  // Twelve contributions of 285,000, each compounding from its month to the year end:
  // sum_{k=1..12} 285,000 x 1.12^(k/12) = 3,620,1xx; check against the closed form.
  long double expected = 0;
  for (int k = 1; k <= 12; ++k) expected += 285000.0L * std::pow(1.12L, k / 12.0L);
  EXPECT_EQ(rows[0].closing, registry::RoundRupiah(expected));
}

TEST(JhtProjection, RefusesInputsOutOfRange) {
  JhtProjectionInput in{.balance = 0,
                        .monthly_wage = 1,
                        .wage_growth_bp = 0,
                        .return_bp = 0,
                        .years = 1,
                        .contribution_bp = 570,
                        .start = year(2027) / January};
  in.years = 0;
  EXPECT_THROW(ProjectJht(in), std::invalid_argument);
  in.years = 51;
  EXPECT_THROW(ProjectJht(in), std::invalid_argument);
  in.years = 1;
  in.return_bp = 5001;
  EXPECT_THROW(ProjectJht(in), std::invalid_argument);
  in.return_bp = 0;
  in.balance = -1;
  EXPECT_THROW(ProjectJht(in), std::invalid_argument);
}

}  // namespace
}  // namespace lumbung::calculators
