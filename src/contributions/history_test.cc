#include "contributions/history.h"

#include <gtest/gtest.h>

namespace lumbung::contributions {
namespace {

MonthRow Row(int period, std::optional<std::int64_t> wage, bool paid) {
  MonthRow r;
  r.period = period;
  r.wage = wage;
  r.jht_worker = 100;
  r.jht_employer = 185;
  r.jkk = 12;
  r.jkm = 15;
  r.jp_worker = 50;
  r.jp_employer = 100;
  r.jkp = 23;
  r.paid = paid;
  return r;
}

TEST(History, RowTotalIsEveryProgramBothShares) {
  EXPECT_EQ(Row(202601, 5000, true).Total(), 100 + 185 + 12 + 15 + 50 + 100 + 23);
}

TEST(History, SumAddsEachColumnAndCountsUnpaidMonths) {
  const Totals t =
      Sum({Row(202601, 5000, true), Row(202602, std::nullopt, false), Row(202603, 7000, false)});
  EXPECT_EQ(t.wage, 12000);  // a month without a wage report adds nothing
  EXPECT_EQ(t.jht_worker, 300);
  EXPECT_EQ(t.jht_employer, 555);
  EXPECT_EQ(t.jp_employer, 300);
  EXPECT_EQ(t.total, 3 * Row(202601, 0, true).Total());
  EXPECT_EQ(t.months_unpaid, 2);
}

// A year with a job change, as the registry stores it: employer A (risk class very low, JKK
// 0.24%) pays a wage of Rp 5,000,000 from January to June, employer B (medium, JKK 0.89%)
// Rp 6,000,000 from June to December. June is reported by both: one row per employer.
// Under the 2024 rules (JHT 2% + 3.7%, JKM 0.30%, JP 1% + 2% below the JP cap, JKP 0.46% of
// at most Rp 5,000,000), by hand:
//   A:  JHT 100,000 + 185,000, JKK 12,000, JKM 15,000, JP 50,000 + 100,000, JKP 23,000
//       = 485,000 a month
//   B:  JHT 120,000 + 222,000, JKK 53,400, JKM 18,000, JP 60,000 + 120,000, JKP 23,000
//       (capped base) = 616,400 a month
// (registry/contribution_test.cc checks these months against ComputeContribution.)
MonthRow EmployerA(int month) {
  MonthRow r;
  r.period = 202400 + month;
  r.employer_id = 1;
  r.employer_name = "PT A";
  r.wage = 5'000'000;
  r.jht_worker = 100'000;
  r.jht_employer = 185'000;
  r.jkk = 12'000;
  r.jkm = 15'000;
  r.jp_worker = 50'000;
  r.jp_employer = 100'000;
  r.jkp = 23'000;
  r.paid = true;
  return r;
}
MonthRow EmployerB(int month) {
  MonthRow r;
  r.period = 202400 + month;
  r.employer_id = 2;
  r.employer_name = "PT B";
  r.wage = 6'000'000;
  r.jht_worker = 120'000;
  r.jht_employer = 222'000;
  r.jkk = 53'400;
  r.jkm = 18'000;
  r.jp_worker = 60'000;
  r.jp_employer = 120'000;
  r.jkp = 23'000;
  r.paid = true;
  return r;
}
std::vector<MonthRow> JobChangeYear() {
  std::vector<MonthRow> rows;
  for (int m = 1; m <= 6; ++m) rows.push_back(EmployerA(m));
  for (int m = 6; m <= 12; ++m) rows.push_back(EmployerB(m));
  return rows;
}

TEST(History, AJobChangeMidYearAddsBothEmployersMonths) {
  const std::vector<MonthRow> rows = JobChangeYear();
  ASSERT_EQ(rows.size(), 13u) << "6 months at A, 7 at B, June at both";
  EXPECT_EQ(rows[0].Total(), 485'000);
  EXPECT_EQ(rows[6].Total(), 616'400);
  const Totals t = Sum(rows);
  EXPECT_EQ(t.wage, 72'000'000);         // 6 x 5,000,000 + 7 x 6,000,000
  EXPECT_EQ(t.jht_worker, 1'440'000);    // 6 x 100,000 + 7 x 120,000
  EXPECT_EQ(t.jht_employer, 2'664'000);  // 6 x 185,000 + 7 x 222,000
  EXPECT_EQ(t.jkk, 445'800);             // 6 x 12,000 + 7 x 53,400
  EXPECT_EQ(t.jkm, 216'000);             // 6 x 15,000 + 7 x 18,000
  EXPECT_EQ(t.jp_worker, 720'000);       // 6 x 50,000 + 7 x 60,000
  EXPECT_EQ(t.jp_employer, 1'440'000);   // 6 x 100,000 + 7 x 120,000
  EXPECT_EQ(t.jkp, 299'000);             // 13 x 23,000
  EXPECT_EQ(t.total, 7'224'800);         // 6 x 485,000 + 7 x 616,400
  EXPECT_EQ(t.months_unpaid, 0);
  // JHT of the year, worker + employer: 4,104,000, the ledger's contributions in
  // registry/jht_test.cc.
  EXPECT_EQ(t.jht_worker + t.jht_employer, 4'104'000);
}

TEST(History, AnUnpaidMonthIsCountedAndStillOwed) {
  // B did not pay October: the month still shows what is owed, and is counted unpaid.
  std::vector<MonthRow> rows = JobChangeYear();
  rows[10].paid = false;
  ASSERT_EQ(rows[10].period, 202410);
  const Totals t = Sum(rows);
  EXPECT_EQ(t.total, 7'224'800);
  EXPECT_EQ(t.jht_worker, 1'440'000);
  EXPECT_EQ(t.months_unpaid, 1);
}

TEST(History, UnpaidMonthsAreCountedPerEmployerRow) {
  // Neither employer paid June: two rows unpaid, as the dashboard's arrears count them.
  std::vector<MonthRow> rows = JobChangeYear();
  rows[5].paid = false;  // A, June
  rows[6].paid = false;  // B, June
  ASSERT_EQ(rows[5].period, 202406);
  ASSERT_EQ(rows[6].period, 202406);
  EXPECT_EQ(Sum(rows).months_unpaid, 2);
}

TEST(History, SumOfNothingIsZero) {
  const Totals t = Sum({});
  EXPECT_EQ(t.total, 0);
  EXPECT_EQ(t.months_unpaid, 0);
}

}  // namespace
}  // namespace lumbung::contributions
