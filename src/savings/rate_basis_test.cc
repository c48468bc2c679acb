#include "savings/rate_basis.h"

#include <gtest/gtest.h>

namespace lumbung::savings {
namespace {

LedgerYear Year(int year, std::optional<int> rate_bp) {
  LedgerYear y;
  y.year = year;
  y.rate_bp = rate_bp;
  return y;
}

TEST(RateBasis, AClosedYearCarriesTheRateTheFundDeclared) {
  const RateBasis basis = RateBasisFor(Year(2025, 575), /*running=*/false);
  EXPECT_EQ(basis.status, RateStatus::kDeclared);
  EXPECT_EQ(basis.rate_bp, 575);
  EXPECT_EQ(basis.year, 2025);
}

TEST(RateBasis, TheRunningYearIsAnEstimateAtTheRateSetInTheRulesForThatYear) {
  const RateBasis basis = RateBasisFor(Year(2026, 550), /*running=*/true);
  EXPECT_EQ(basis.status, RateStatus::kAssumed);
  EXPECT_EQ(basis.rate_bp, 550);
  EXPECT_EQ(basis.year, 2026);
}

TEST(RateBasis, AYearWithoutARateIsNeitherDeclaredNorAssumed) {
  EXPECT_EQ(RateBasisFor(Year(2026, std::nullopt), true).status, RateStatus::kNotSet);
  EXPECT_EQ(RateBasisFor(Year(2019, std::nullopt), false).status, RateStatus::kNotSet);
  EXPECT_FALSE(RateBasisFor(Year(2026, std::nullopt), true).rate_bp.has_value());
}

}  // namespace
}  // namespace lumbung::savings
