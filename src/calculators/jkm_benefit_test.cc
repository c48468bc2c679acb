#include "calculators/jkm_benefit.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace lumbung::calculators {
namespace {

// The amounts of PP 82/2019 (../shared/domain/programs.md): 20,000,000 + 12,000,000 (24
// months, at once) + 10,000,000 = 42,000,000; scholarship for at most 2 children, up to
// 174,000,000 together, after 3 years of contributions.
registry::JkmBenefit Pp82() {
  return {.death_lump_sum = 20'000'000,
          .periodic_total = 12'000'000,
          .periodic_months = 24,
          .funeral = 10'000'000,
          .scholarship_max_total = 174'000'000,
          .scholarship_max_children = 2,
          .scholarship_min_months = 36};
}

TEST(ExplainJkm, TheCashPartIsTheSumOfItsThreeParts) {
  const JkmExplanation e = ExplainJkm(Pp82(), 10, 0);
  EXPECT_EQ(e.death_lump_sum, 20'000'000);
  EXPECT_EQ(e.periodic_total, 12'000'000);
  EXPECT_EQ(e.periodic_months, 24);
  EXPECT_EQ(e.periodic_monthly, 500'000) << "12,000,000 stands for 24 payments of 500,000";
  EXPECT_EQ(e.funeral, 10'000'000);
  EXPECT_EQ(e.cash_total, 42'000'000);
}

TEST(ExplainJkm, ScholarshipNeedsThreeYearsAndCountsAtMostTwoChildren) {
  const JkmExplanation three = ExplainJkm(Pp82(), 36, 3);
  EXPECT_TRUE(three.scholarship_eligible);
  EXPECT_EQ(three.scholarship_children, 2);
  EXPECT_EQ(three.scholarship_max_total, 174'000'000);
  EXPECT_EQ(three.scholarship_months_missing, 0);

  const JkmExplanation one = ExplainJkm(Pp82(), 120, 1);
  EXPECT_TRUE(one.scholarship_eligible);
  EXPECT_EQ(one.scholarship_children, 1);

  const JkmExplanation short_of = ExplainJkm(Pp82(), 35, 2);
  EXPECT_FALSE(short_of.scholarship_eligible);
  EXPECT_EQ(short_of.scholarship_months_missing, 1);
  EXPECT_EQ(short_of.cash_total, 42'000'000) << "the cash part needs no minimum";

  const JkmExplanation no_children = ExplainJkm(Pp82(), 200, 0);
  EXPECT_FALSE(no_children.scholarship_eligible);
  EXPECT_EQ(no_children.scholarship_months_missing, 0);
}

TEST(ExplainJkm, OutOfRangeInputsAreRefused) {
  EXPECT_THROW(ExplainJkm(Pp82(), -1, 0), std::invalid_argument);
  EXPECT_THROW(ExplainJkm(Pp82(), 721, 0), std::invalid_argument);
  EXPECT_THROW(ExplainJkm(Pp82(), 10, 21), std::invalid_argument);
}

}  // namespace
}  // namespace lumbung::calculators
