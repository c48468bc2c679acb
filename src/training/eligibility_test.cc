#include "training/eligibility.h"

#include <gtest/gtest.h>

namespace lumbung::training {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

year_month_day D(int y, unsigned m, unsigned d) {
  return year_month_day{year{y}, month{m}, day{d}};
}

MemberFacts Born(year_month_day birth) {
  MemberFacts f;
  f.birth_date = birth;
  f.active_member = true;
  return f;
}

TEST(AgeOn, CountsWholeYearsOnTheDay) {
  EXPECT_EQ(AgeOn(D(2000, 3, 10), D(2026, 3, 9)), 25);
  EXPECT_EQ(AgeOn(D(2000, 3, 10), D(2026, 3, 10)), 26);
  EXPECT_EQ(AgeOn(D(2000, 12, 31), D(2026, 1, 1)), 25);
  // Born on 29 February: a year older from 1 March in other years.
  EXPECT_EQ(AgeOn(D(2004, 2, 29), D(2026, 2, 28)), 21);
  EXPECT_EQ(AgeOn(D(2004, 2, 29), D(2026, 3, 1)), 22);
}

TEST(Decide, NoRequirementsNoReasons) {
  const Decision d = Decide({}, Born(D(1990, 1, 1)), D(2026, 5, 1));
  EXPECT_TRUE(d.eligible);
  EXPECT_FALSE(d.priority);
  EXPECT_TRUE(d.reasons.empty());
}

TEST(Decide, AgeRangeBoundariesAreInclusive) {
  Requirements r;
  r.min_age = 18;
  r.max_age = 45;
  const auto starts = D(2026, 5, 1);
  // 18 exactly on the first day: in.
  EXPECT_TRUE(Decide(r, Born(D(2008, 5, 1)), starts).eligible);
  // 18 the day after: out.
  const Decision young = Decide(r, Born(D(2008, 5, 2)), starts);
  EXPECT_FALSE(young.eligible);
  ASSERT_EQ(young.reasons.size(), 1u);
  EXPECT_EQ(young.reasons[0].id, "training.rule.age_range_not_met");
  EXPECT_EQ(young.reasons[0].values.at("age"), "17");
  EXPECT_EQ(young.reasons[0].values.at("min"), "18");
  // 45 until the day before the 46th birthday: in; on it: out.
  EXPECT_TRUE(Decide(r, Born(D(1980, 5, 2)), starts).eligible);
  EXPECT_FALSE(Decide(r, Born(D(1980, 5, 1)), starts).eligible);
  EXPECT_EQ(Decide(r, Born(D(1990, 1, 1)), starts).reasons[0].id, "training.rule.age_range_met");
}

TEST(Decide, OneSidedAgeLimits) {
  Requirements lower;
  lower.min_age = 20;
  EXPECT_EQ(Decide(lower, Born(D(2006, 5, 1)), D(2026, 5, 1)).reasons[0].id,
            "training.rule.age_min_met");
  EXPECT_EQ(Decide(lower, Born(D(2006, 5, 2)), D(2026, 5, 1)).reasons[0].id,
            "training.rule.age_min_not_met");
  Requirements upper;
  upper.max_age = 30;
  EXPECT_EQ(Decide(upper, Born(D(1995, 5, 2)), D(2026, 5, 1)).reasons[0].id,
            "training.rule.age_max_met");
  EXPECT_EQ(Decide(upper, Born(D(1995, 5, 1)), D(2026, 5, 1)).reasons[0].id,
            "training.rule.age_max_not_met");
}

TEST(Decide, ActiveMembership) {
  Requirements r;
  r.needs_active_membership = true;
  MemberFacts f = Born(D(1990, 1, 1));
  EXPECT_TRUE(Decide(r, f, D(2026, 5, 1)).eligible);
  f.active_member = false;
  const Decision d = Decide(r, f, D(2026, 5, 1));
  EXPECT_FALSE(d.eligible);
  EXPECT_EQ(d.reasons[0].id, "training.rule.active_not_met");
  EXPECT_FALSE(d.reasons[0].met);
}

TEST(Decide, EducationAtLeastTheLevel) {
  Requirements r;
  r.min_education = "sma";
  MemberFacts f = Born(D(1990, 1, 1));
  for (const char* level : {"sma", "d3", "s1", "s2"}) {
    f.education = level;
    EXPECT_TRUE(Decide(r, f, D(2026, 5, 1)).eligible) << level;
  }
  for (const char* level : {"sd", "smp", "", "tk"}) {
    f.education = level;
    const Decision d = Decide(r, f, D(2026, 5, 1));
    EXPECT_FALSE(d.eligible) << level;
    EXPECT_EQ(d.reasons[0].id, "training.rule.education_not_met");
    EXPECT_EQ(d.reasons[0].values.at("level"), "training.education.sma");
  }
}

TEST(Decide, JkpFirstIsAnOrderNotACondition) {
  Requirements r;
  r.jkp_first = true;
  MemberFacts f = Born(D(1990, 1, 1));
  Decision d = Decide(r, f, D(2026, 5, 1));
  EXPECT_TRUE(d.eligible);
  EXPECT_FALSE(d.priority);
  EXPECT_EQ(d.reasons[0].id, "training.rule.jkp_first_no");
  f.jkp_recipient = true;
  d = Decide(r, f, D(2026, 5, 1));
  EXPECT_TRUE(d.priority);
  EXPECT_EQ(d.reasons[0].id, "training.rule.jkp_first_yes");
  // Without jkp_first nobody goes ahead.
  EXPECT_FALSE(Decide({}, f, D(2026, 5, 1)).priority);
}

TEST(Decide, EveryRequirementExplainedInOrderEvenWhenSeveralFail) {
  Requirements r{18, 30, true, "s1", true};
  MemberFacts f = Born(D(1980, 1, 1));
  f.active_member = false;
  f.education = "sma";
  const Decision d = Decide(r, f, D(2026, 5, 1));
  EXPECT_FALSE(d.eligible);
  ASSERT_EQ(d.reasons.size(), 4u);
  EXPECT_EQ(d.reasons[0].id, "training.rule.age_range_not_met");
  EXPECT_EQ(d.reasons[1].id, "training.rule.active_not_met");
  EXPECT_EQ(d.reasons[2].id, "training.rule.education_not_met");
  EXPECT_EQ(d.reasons[3].id, "training.rule.jkp_first_no");
}

TEST(EducationLevels, OrderedLowestFirst) {
  EXPECT_LT(EducationRank("sd"), EducationRank("smp"));
  EXPECT_LT(EducationRank("sma"), EducationRank("d3"));
  EXPECT_LT(EducationRank("s1"), EducationRank("s2"));
  EXPECT_EQ(EducationRank(""), -1);
  EXPECT_FALSE(IsEducationLevel("SMA"));
}

}  // namespace
}  // namespace lumbung::training
