#include "employers/late_fine.h"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace lumbung::employers {
namespace {

using namespace std::chrono;

constexpr Date Day(int y, unsigned m, unsigned d) {
  return Date{year{y}, month{m}, day{d}};
}

registry::RuleBook DefaultRules() {
  return registry::RuleBook::LoadFile(std::filesystem::path(LUMBUNG_TEST_SHARE_DIR) / "config" /
                                      "rules.json");
}

// The published examples: 2% of the unpaid amount per month, simple.
TEST(LateFine, PublishedExamples) {
  EXPECT_EQ(LateFine(1'000'000, 200, 3), 60'000);
  EXPECT_EQ(LateFine(10'000'000, 200, 1), 200'000);
}

TEST(LateFine, IsSimpleNotCompounding) {
  // Twelve months at 2% is 24%, not 1.02^12 - 1 = 26.8%.
  EXPECT_EQ(LateFine(1'000'000, 200, 12), 240'000);
}

TEST(LateFine, RoundedOnceHalfUp) {
  // 1,234,567 x 6% = 74,074.02 -> 74,074 (month by month it would be 3 x 24,691 = 74,073).
  EXPECT_EQ(LateFine(1'234'567, 200, 3), 74'074);
  // 25 x 2% = 0.5 -> 1; 24 x 2% = 0.48 -> 0.
  EXPECT_EQ(LateFine(25, 200, 1), 1);
  EXPECT_EQ(LateFine(24, 200, 1), 0);
}

TEST(LateFine, NothingOwedGivesNoFine) {
  EXPECT_EQ(LateFine(0, 200, 5), 0);
  EXPECT_EQ(LateFine(-1'000'000, 200, 5), 0);  // a credit is not fined
  EXPECT_EQ(LateFine(1'000'000, 200, 0), 0);
  EXPECT_EQ(LateFine(1'000'000, 0, 5), 0);
}

TEST(LateFine, AbsurdInputsThrowInsteadOfWrapping) {
  EXPECT_THROW(LateFine(1'000'000, 10000, 1'000'000), std::overflow_error);
  EXPECT_THROW(LateFine(std::numeric_limits<Rupiah>::max(), 200, 100), std::overflow_error);
}

TEST(MonthsLate, BoundariesAroundTheDueDay) {
  const Date due = Day(2026, 3, 15);
  EXPECT_EQ(MonthsLate(due, Day(2026, 2, 20)), 0);
  EXPECT_EQ(MonthsLate(due, Day(2026, 3, 15)), 0);  // on the due day
  EXPECT_EQ(MonthsLate(due, Day(2026, 3, 16)), 1);  // one day late is a part of a month
  EXPECT_EQ(MonthsLate(due, Day(2026, 4, 1)), 1);
  EXPECT_EQ(MonthsLate(due, Day(2026, 4, 15)), 1);  // a whole month late, still 1
  EXPECT_EQ(MonthsLate(due, Day(2026, 4, 16)), 2);
  EXPECT_EQ(MonthsLate(due, Day(2026, 5, 15)), 2);
  EXPECT_EQ(MonthsLate(due, Day(2026, 5, 16)), 3);
}

TEST(MonthsLate, AcrossTheYearEnd) {
  const Date due = Day(2025, 12, 15);
  EXPECT_EQ(MonthsLate(due, Day(2026, 1, 15)), 1);
  EXPECT_EQ(MonthsLate(due, Day(2026, 1, 16)), 2);
  EXPECT_EQ(MonthsLate(due, Day(2026, 12, 16)), 13);
}

TEST(DueDate, TheFifteenthOfTheNextMonth) {
  const registry::EmployerPaymentRules rules{15, 200};
  EXPECT_EQ(DueDate(Month{year{2026}, February}, rules), Day(2026, 3, 15));
  EXPECT_EQ(DueDate(Month{year{2025}, December}, rules), Day(2026, 1, 15));
}

TEST(ArrearsOn, TheShippedRulesSayFifteenthAndTwoPercent) {
  const auto rules = DefaultRules();
  const auto february = rules.EmployerPaymentRulesFor(Month{year{2026}, February});
  ASSERT_TRUE(february);
  EXPECT_EQ(february->due_day, 15);
  EXPECT_EQ(february->late_fine_bp, 200);

  // February 2026's 1,000,000, due 15 March, paid 16 May: three months or parts late.
  const auto arrears = ArrearsOn(rules, Month{year{2026}, February}, 1'000'000, Day(2026, 5, 16));
  ASSERT_TRUE(arrears);
  EXPECT_EQ(arrears->due, Day(2026, 3, 15));
  EXPECT_EQ(arrears->months_late, 3);
  EXPECT_EQ(arrears->fine, 60'000);

  const auto on_time = ArrearsOn(rules, Month{year{2026}, February}, 1'000'000, Day(2026, 3, 15));
  ASSERT_TRUE(on_time);
  EXPECT_EQ(on_time->fine, 0);
}

// A minimal rules file, with a changed fine from 2026 to show the month's own rules apply.
std::string RulesJson(const std::string& employer_payment) {
  return R"({"schema": 1,
    "jht": [{"from": "2015-07-01", "worker_bp": 200, "employer_bp": 370}],
    "jkk": [{"from": "2015-07-01", "very_low_bp": 24, "low_bp": 54, "medium_bp": 89,
             "high_bp": 127, "very_high_bp": 174}],
    "jkm": [{"from": "2015-07-01", "bp": 30}],
    "jp": [{"from": "2015-07-01", "worker_bp": 100, "employer_bp": 200}],
    "jp_wage_cap": [{"from": "2015-07-01", "amount": 7000000}],
    "jkp": [{"from": "2021-02-01", "total_bp": 46, "government_bp": 22, "from_jkk_bp": 14,
             "from_jkm_bp": 10, "wage_cap": 5000000}],
    "jht_return": [{"year": 2016, "rate_bp": 719}],
    "jp_benefit_limits": [{"year": 2015, "minimum_monthly": 300000, "maximum_monthly": 3600000}],
    "pension_age": [{"year": 2015, "age": 56}])" +
         employer_payment + "}";
}

TEST(ArrearsOn, EachContributionMonthUsesTheRulesInForceThen) {
  const auto rules = registry::RuleBook::FromJson(RulesJson(R"(, "employer_payment": [
      {"from": "2015-07-01", "due_day": 15, "late_fine_bp": 200},
      {"from": "2026-01-01", "due_day": 10, "late_fine_bp": 100}])"));
  const auto december = ArrearsOn(rules, Month{year{2025}, December}, 1'000'000, Day(2026, 1, 12));
  ASSERT_TRUE(december);
  EXPECT_EQ(december->due, Day(2026, 1, 15));
  EXPECT_EQ(december->fine, 0);
  const auto january = ArrearsOn(rules, Month{year{2026}, January}, 1'000'000, Day(2026, 2, 12));
  ASSERT_TRUE(january);
  EXPECT_EQ(january->due, Day(2026, 2, 10));
  EXPECT_EQ(january->months_late, 1);
  EXPECT_EQ(january->fine, 10'000);
  EXPECT_FALSE(ArrearsOn(rules, Month{year{2015}, June}, 1'000'000, Day(2026, 1, 1)));
}

TEST(ArrearsOn, RulesWithoutTheSeriesComputeNoFine) {
  const auto rules = registry::RuleBook::FromJson(RulesJson(""));
  EXPECT_FALSE(rules.EmployerPaymentRulesFor(Month{year{2026}, January}));
  EXPECT_FALSE(ArrearsOn(rules, Month{year{2026}, January}, 1'000'000, Day(2026, 6, 1)));
}

TEST(ArrearsOn, TheRulesFileRefusesADueDayNotInEveryMonth) {
  EXPECT_THROW(
      registry::RuleBook::FromJson(RulesJson(
          R"(, "employer_payment": [{"from": "2015-07-01", "due_day": 29, "late_fine_bp": 200}])")),
      registry::RuleError);
  EXPECT_THROW(
      registry::RuleBook::FromJson(RulesJson(
          R"(, "employer_payment": [{"from": "2015-07-01", "due_day": 15, "late_fine_bp": 10001}])")),
      registry::RuleError);
  EXPECT_THROW(registry::RuleBook::FromJson(
                   RulesJson(R"(, "employer_payment": [{"from": "2015-07-01", "due_day": 15}])")),
               registry::RuleError);
}

// A bill paid in parts owes the fine of each part to the day it was paid, and the rest's to
// today: Rp 1,000,000 for March 2026 (due 15 April), Rp 400,000 paid 10 April (on time),
// Rp 300,000 paid 20 May (2 months late: 12,000), the rest Rp 300,000 still unpaid on 1 July
// (3 months late: 18,000).
TEST(FineOnBill, EachPartToItsOwnDay) {
  const auto rules = DefaultRules();
  using namespace std::chrono;
  const Month march = 2026y / March;
  const std::vector<PaidPart> parts = {{300'000, 2026y / May / 20}, {400'000, 2026y / April / 10}};
  EXPECT_EQ(FineOnBill(rules, march, 1'000'000, parts, 2026y / July / 1), 12'000 + 18'000);
  // Paid in full late: only the parts count, whatever day it is now.
  const std::vector<PaidPart> all = {{1'000'000, 2026y / July / 15}};
  EXPECT_EQ(FineOnBill(rules, march, 1'000'000, all, 2027y / January / 1), 60'000)
      << "the published example: 1,000,000 three months late";
  // Nothing paid, nothing late yet.
  EXPECT_EQ(FineOnBill(rules, march, 1'000'000, {}, 2026y / April / 15), 0);
  // An overpayment counts only up to the bill.
  const std::vector<PaidPart> over = {{5'000'000, 2026y / May / 15}};
  EXPECT_EQ(FineOnBill(rules, march, 1'000'000, over, 2027y / January / 1), 20'000);
}

}  // namespace
}  // namespace lumbung::employers
