#include "employers/bill.h"

#include <filesystem>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

namespace lumbung::employers {
namespace {

using namespace std::chrono;
using registry::RiskClass;

const registry::RuleBook& Rules() {
  static const registry::RuleBook rules = registry::RuleBook::LoadFile(
      std::filesystem::path(LUMBUNG_TEST_SHARE_DIR) / "config" / "rules.json");
  return rules;
}

const Month kFebruary2025{year{2025}, February};
const Month kMarch2025{year{2025}, March};

// Every figure below is worked by hand from the shipped rules: JHT 2% + 3.7%, JKK low 0.54%,
// JKM 0.30%, JP 1% + 2% of min(wage, cap), JKP 0.46% of min(wage, 5,000,000); the JP cap is
// 10,042,300 until February 2025 and 10,547,400 from March 2025.
TEST(Bill, JpCapChangesInMarch) {
  const std::vector<ReportedWage> report = {{1, 12'000'000, {}}, {2, 4'500'000, {}}};

  const Bill february = ComputeBill(Rules(), kFebruary2025, RiskClass::kLow, report);
  ASSERT_EQ(february.lines.size(), 2u);
  const MonthlyContribution& high = february.lines[0].amounts;
  EXPECT_EQ(high.jht_worker, 240'000);
  EXPECT_EQ(high.jht_employer, 444'000);
  EXPECT_EQ(high.jkk, 64'800);
  EXPECT_EQ(high.jkm, 36'000);
  EXPECT_EQ(high.jp_worker, 100'423);    // 1% of the old cap 10,042,300
  EXPECT_EQ(high.jp_employer, 200'846);  // 2% of it
  EXPECT_EQ(high.jkp, 23'000);           // 0.46% of 5,000,000, not billed
  EXPECT_EQ(high.Billed(), 1'086'069);
  EXPECT_EQ(february.lines[1].amounts.Billed(), 429'300);
  EXPECT_EQ(february.totals.jp_worker, 100'423 + 45'000);
  EXPECT_EQ(february.totals.Billed(), 1'515'369);
  EXPECT_EQ(february.totals.jkp, 23'000 + 20'700);

  const Bill march = ComputeBill(Rules(), kMarch2025, RiskClass::kLow, report);
  EXPECT_EQ(march.lines[0].amounts.jp_worker, 105'474);  // 1% of the new cap 10,547,400
  EXPECT_EQ(march.lines[0].amounts.jp_employer, 210'948);
  EXPECT_EQ(march.lines[0].amounts.Billed(), 1'101'222);
  EXPECT_EQ(march.lines[1].amounts.Billed(), 429'300);  // below both caps: unchanged
  EXPECT_EQ(march.totals.Billed(), 1'530'522);

  // Month to month: same workers and wages, so nothing "changed"; only the JP totals moved.
  const BillDifference d = CompareBills(february, march);
  EXPECT_TRUE(d.added.empty());
  EXPECT_TRUE(d.removed.empty());
  EXPECT_TRUE(d.changed.empty());
  EXPECT_EQ(d.difference.jp_worker, 5'051);
  EXPECT_EQ(d.difference.jp_employer, 10'102);
  EXPECT_EQ(d.difference.jht_worker, 0);
  EXPECT_EQ(d.Billed(), 15'153);
}

TEST(Bill, DueOnTheFifteenthOfTheNextMonth) {
  const Bill bill = ComputeBill(Rules(), kMarch2025, RiskClass::kLow, {});
  ASSERT_TRUE(bill.due);
  EXPECT_EQ(*bill.due, (Date{year{2025}, April, day{15}}));
  EXPECT_EQ(bill.totals.Billed(), 0);
  // The March 2025 cap has no primary source: the bill says so.
  EXPECT_FALSE(bill.rules_verified);
  EXPECT_TRUE(ComputeBill(Rules(), Month{year{2024}, March}, RiskClass::kLow, {}).rules_verified);
}

// One member, two jobs: each employer's bill caps JP on its own wage, never on the sum.
TEST(Bill, TwoEmployersForOneWorkerAreCappedSeparately) {
  const std::vector<ReportedWage> at_a = {{7, 11'000'000, {}}};
  const std::vector<ReportedWage> at_b = {{7, 11'000'000, {}}};
  const Bill a = ComputeBill(Rules(), kMarch2025, RiskClass::kMedium, at_a);
  const Bill b = ComputeBill(Rules(), kMarch2025, RiskClass::kVeryHigh, at_b);
  EXPECT_EQ(a.lines[0].amounts.jp_worker, 105'474);
  EXPECT_EQ(b.lines[0].amounts.jp_worker, 105'474);
  EXPECT_EQ(a.lines[0].amounts.jkk, 97'900);   // 0.89% of 11,000,000
  EXPECT_EQ(b.lines[0].amounts.jkk, 191'400);  // 1.74%
  EXPECT_EQ(a.totals.Billed(), 1'074'322);
  EXPECT_EQ(b.totals.Billed(), 1'167'822);

  // Below the cap at each, above it together: both wages carry JP in full.
  const Bill c = ComputeBill(Rules(), kMarch2025, RiskClass::kLow,
                             std::vector<ReportedWage>{{7, 9'000'000, {}}});
  const Bill e = ComputeBill(Rules(), kMarch2025, RiskClass::kLow,
                             std::vector<ReportedWage>{{7, 6'000'000, {}}});
  EXPECT_EQ(c.totals.jp_worker + e.totals.jp_worker, 150'000);
}

TEST(Bill, JkkFollowsTheEmployersRiskClass) {
  const std::vector<ReportedWage> report = {{1, 4'500'000, {}}};
  EXPECT_EQ(ComputeBill(Rules(), kMarch2025, RiskClass::kVeryLow, report).totals.jkk, 10'800);
  EXPECT_EQ(ComputeBill(Rules(), kMarch2025, RiskClass::kLow, report).totals.jkk, 24'300);
  EXPECT_EQ(ComputeBill(Rules(), kMarch2025, RiskClass::kMedium, report).totals.jkk, 40'050);
  EXPECT_EQ(ComputeBill(Rules(), kMarch2025, RiskClass::kHigh, report).totals.jkk, 57'150);
  EXPECT_EQ(ComputeBill(Rules(), kMarch2025, RiskClass::kVeryHigh, report).totals.jkk, 78'300);
}

TEST(Bill, ProgramsNotEnrolledAreNotBilled) {
  Enrolment no_jp;
  no_jp.jp = false;
  const std::vector<ReportedWage> report = {{1, 4'500'000, no_jp}};
  const Bill bill = ComputeBill(Rules(), kMarch2025, RiskClass::kLow, report);
  EXPECT_EQ(bill.totals.jp_worker, 0);
  EXPECT_EQ(bill.totals.jp_employer, 0);
  EXPECT_EQ(bill.totals.Billed(), 429'300 - 135'000);
}

TEST(Bill, AWorkerReportedTwiceIsRefused) {
  const std::vector<ReportedWage> report = {{1, 4'500'000, {}}, {2, 1, {}}, {1, 4'500'000, {}}};
  EXPECT_THROW(ComputeBill(Rules(), kMarch2025, RiskClass::kLow, report), std::invalid_argument);
}

TEST(Bill, AMonthBeforeTheRulesBeginIsRefused) {
  EXPECT_THROW(ComputeBill(Rules(), Month{year{2015}, June}, RiskClass::kLow, {}),
               registry::RuleError);
}

// The amendment of March 2025 after the original was paid: worker 2's wage had one zero too
// many, worker 3 had left, worker 4 was missing.
TEST(Bill, AmendmentShowsAddedRemovedAndChangedWorkersAndTheDifference) {
  const std::vector<ReportedWage> original = {
      {1, 12'000'000, {}}, {2, 45'000'000, {}}, {3, 6'000'000, {}}};
  const std::vector<ReportedWage> amended = {
      {4, 5'000'000, {}}, {2, 4'500'000, {}}, {1, 12'000'000, {}}};
  const Bill before = ComputeBill(Rules(), kMarch2025, RiskClass::kLow, original);
  const Bill after = ComputeBill(Rules(), kMarch2025, RiskClass::kLow, amended);
  EXPECT_EQ(before.totals.Billed(), 1'101'222 + 3'259'422 + 572'400);
  EXPECT_EQ(after.totals.Billed(), 1'101'222 + 429'300 + 477'000);

  const BillDifference d = CompareBills(before, after);
  ASSERT_EQ(d.added.size(), 1u);
  EXPECT_EQ(d.added[0].worker, 4);
  EXPECT_EQ(d.added[0].amounts.Billed(), 477'000);
  ASSERT_EQ(d.removed.size(), 1u);
  EXPECT_EQ(d.removed[0].worker, 3);
  EXPECT_EQ(d.removed[0].amounts.Billed(), 572'400);
  ASSERT_EQ(d.changed.size(), 1u);
  EXPECT_EQ(d.changed[0].worker, 2);
  EXPECT_EQ(d.changed[0].before_wage, 45'000'000);
  EXPECT_EQ(d.changed[0].after_wage, 4'500'000);
  EXPECT_EQ(d.changed[0].billed_difference, 429'300 - 3'259'422);
  // The paid month's new bill line: a credit of 2,925,522.
  EXPECT_EQ(d.Billed(), -2'925'522);
  EXPECT_EQ(d.difference.jht_worker, 100'000 - 120'000 + 90'000 - 900'000);
  EXPECT_EQ(d.difference.jp_worker, 50'000 - 60'000 + 45'000 - 105'474);
}

}  // namespace
}  // namespace lumbung::employers
