#include "calculators/jp_estimate.h"

#include <gtest/gtest.h>

namespace lumbung::calculators {
namespace {

const registry::JpBenefitLimits k2024{393500, 4718200};  // PP 45/2015 indexation, 2024

TEST(JpEstimate, TwentyYearsOnFiveMillionIsOneMillionAMonth) {
  // 1% x 240/12 x (5,000,000 x 12) / 12 = 1,000,000
  const auto e = EstimateJp({240, 5'000'000, k2024});
  EXPECT_TRUE(e.eligible);
  EXPECT_EQ(e.formula, 1'000'000);
  EXPECT_EQ(e.monthly, 1'000'000);
  EXPECT_FALSE(e.raised_to_minimum);
  EXPECT_FALSE(e.cut_to_maximum);
}

TEST(JpEstimate, SmallPensionsAreRaisedToTheYearsMinimum) {
  const auto e = EstimateJp({180, 1'000'000, k2024});  // formula 150,000
  EXPECT_EQ(e.formula, 150'000);
  EXPECT_EQ(e.monthly, 393'500);
  EXPECT_TRUE(e.raised_to_minimum);
}

TEST(JpEstimate, LargePensionsAreCutToTheYearsMaximum) {
  const auto e = EstimateJp({480, 30'000'000, k2024});  // formula 12,000,000
  EXPECT_EQ(e.formula, 12'000'000);
  EXPECT_EQ(e.monthly, 4'718'200);
  EXPECT_TRUE(e.cut_to_maximum);
}

TEST(JpEstimate, AnAverageAboveTheWageCapCountsAsTheCap) {
  // 1% x 240/12 x 10,547,400 = 2,109,480: the cap, not the 50,000,000 typed, is in the formula.
  const auto e = EstimateJp({240, 50'000'000, k2024, 10'547'400});
  EXPECT_TRUE(e.wage_capped);
  EXPECT_EQ(e.wage_used, 10'547'400);
  EXPECT_EQ(e.formula, 2'109'480);
  EXPECT_EQ(e.monthly, 2'109'480);
  EXPECT_FALSE(e.cut_to_maximum);
}

TEST(JpEstimate, AnAverageAtOrBelowTheCapIsUsedAsTyped) {
  const auto at = EstimateJp({240, 10'547'400, k2024, 10'547'400});
  EXPECT_FALSE(at.wage_capped);
  EXPECT_EQ(at.wage_used, 10'547'400);
  const auto without_cap = EstimateJp({240, 50'000'000, k2024, 0});
  EXPECT_FALSE(without_cap.wage_capped);
  EXPECT_EQ(without_cap.wage_used, 50'000'000);
}

TEST(JpEstimate, UnderFifteenYearsThereIsNoPensionButALumpSum) {
  const auto e = EstimateJp({179, 5'000'000, k2024});
  EXPECT_FALSE(e.eligible);
  EXPECT_EQ(e.months_missing, 1);
  EXPECT_EQ(e.monthly, 0);
  EXPECT_EQ(e.formula, 745'833);  // shown only to explain
}

TEST(JpEstimate, RoundsHalfUpToTheRupiah) {
  EXPECT_EQ(EstimateJp({181, 1'001, k2024}).formula, 151);  // 150.98
  EXPECT_EQ(EstimateJp({200, 3, k2024}).formula, 1);        // 0.5 -> 1
  EXPECT_EQ(EstimateJp({199, 3, k2024}).formula, 0);        // 0.4975 -> 0
}

TEST(JpEstimate, RefusesImpossibleInput) {
  EXPECT_THROW(EstimateJp({-1, 1, k2024}), std::invalid_argument);
  EXPECT_THROW(EstimateJp({721, 1, k2024}), std::invalid_argument);
  EXPECT_THROW(EstimateJp({200, -1, k2024}), std::invalid_argument);
  EXPECT_THROW(EstimateJp({200, 1, k2024, -1}), std::invalid_argument);
}

}  // namespace
}  // namespace lumbung::calculators
