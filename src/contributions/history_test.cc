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

TEST(History, SumOfNothingIsZero) {
  const Totals t = Sum({});
  EXPECT_EQ(t.total, 0);
  EXPECT_EQ(t.months_unpaid, 0);
}

}  // namespace
}  // namespace lumbung::contributions
