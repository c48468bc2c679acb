#include "contributions/history.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <map>
#include <string>

#include "contributions/paging.h"
#include "support/test_databases.h"

namespace lumbung::contributions {
namespace {

// A member with 40 years of history (1986-2025) at two employers: A until 2005, B from 2005
// (both in 2005), A leaving March unpaid every fifth year; and a second member at A.
class HistoryDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/registry/migrations"});
    employer_a_ = Employer("00000001", "PT Alpha");
    employer_b_ = Employer("00000002", "PT Beta");
    alice_ = Member("10000000001", "3171000000000001");
    bob_ = Member("10000000002", "3171000000000002");
    auto lease = db().Acquire();
    soci::transaction tx(lease.session());
    for (int year = 1986; year <= 2025; ++year) {
      for (int month = 1; month <= 12; ++month) {
        const int period = year * 100 + month;
        const bool unpaid = year % 5 == 0 && month == 3;
        if (year <= 2005) Row(lease.session(), alice_, employer_a_, period, 1000 + year, !unpaid);
        if (year >= 2005) Row(lease.session(), alice_, employer_b_, period, 2000 + month, true);
      }
    }
    Row(lease.session(), bob_, employer_a_, 202501, 999999, false);
    tx.commit();
  }

  std::int64_t Employer(const std::string& npp, const std::string& name) {
    auto lease = db().Acquire();
    long long id = 0;
    lease.session() << "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, "
                       "registered_on) VALUES (:npp, :name, 'retail', 31, 0, '1980-01-01') "
                       "RETURNING id",
        soci::into(id), soci::use(npp), soci::use(name);
    return id;
  }
  std::int64_t Member(const std::string& kpj, const std::string& nik) {
    auto lease = db().Acquire();
    long long id = 0;
    lease.session() << "INSERT INTO members (kpj, nik, full_name, birth_date, sex, province_code, "
                       "marital_status, registered_on, status) VALUES (:k, :n, 'Siti', "
                       "'1965-08-05', 'F', 33, 'married', '1986-01-01', 'active') RETURNING id",
        soci::into(id), soci::use(kpj), soci::use(nik);
    return id;
  }
  // Every program's amount is `base` plus a small offset, so each column has its own total.
  static void Row(soci::session& sql, std::int64_t member, std::int64_t employer, int period,
                  long long base, bool paid) {
    long long m = member, e = employer, wage = base * 100, jhtw = base, jhte = base + 1,
              jkk = base + 2, jkm = base + 3, jpw = base + 4, jpe = base + 5, jkp = base + 6;
    int paid_flag = paid ? 1 : 0;
    sql << "INSERT INTO wage_reports (member_id, period, employer_id, wage) "
           "VALUES (:m, :p, :e, :w)",
        soci::use(m), soci::use(period), soci::use(e), soci::use(wage);
    sql << "INSERT INTO contributions (member_id, period, employer_id, jht_worker, jht_employer, "
           "jkk, jkm, jp_worker, jp_employer, jkp, paid) VALUES (:m, :p, :e, :a, :b, :c, :d, "
           ":f, :g, :h, :paid)",
        soci::use(m), soci::use(period), soci::use(e), soci::use(jhtw), soci::use(jhte),
        soci::use(jkk), soci::use(jkm), soci::use(jpw), soci::use(jpe), soci::use(jkp),
        soci::use(paid_flag);
  }

  std::int64_t employer_a_ = 0, employer_b_ = 0, alice_ = 0, bob_ = 0;
};

TEST_P(HistoryDbTest, PagesCoverEveryRowOnceInHistoryOrder) {
  auto lease = db().Acquire();
  const auto all = History(lease.session(), alice_, 0, 0);
  // 20 years at A (1986-2005) + 21 at B (2005-2025), 12 months each.
  ASSERT_EQ(all.size(), 41u * 12u);
  ASSERT_EQ(CountRows(lease.session(), alice_, 0), 492);
  const PageSlice first = SliceFor(492, 1);
  ASSERT_EQ(first.pages, 21);  // 20 full pages and 12 rows
  std::size_t seen = 0;
  for (int page = 1; page <= first.pages; ++page) {
    const PageSlice slice = SliceFor(492, page);
    const auto rows = HistoryPage(lease.session(), alice_, 0, slice.limit, slice.offset);
    ASSERT_EQ(rows.size(), page < 21 ? 24u : 12u) << page;
    for (const auto& row : rows) {
      ASSERT_LT(seen, all.size());
      EXPECT_EQ(row.period, all[seen].period) << page;
      EXPECT_EQ(row.employer_id, all[seen].employer_id) << page;
      EXPECT_EQ(row.Total(), all[seen].Total()) << page;
      ++seen;
    }
  }
  EXPECT_EQ(seen, all.size());
  // Newest first; in 2005, when both employers reported, by employer name.
  const auto second = HistoryPage(lease.session(), alice_, 0, 24, 24);
  EXPECT_EQ(second.front().period, 202312);
  // 2006-2025 at B alone are the newest 240 rows.
  const auto both = HistoryPage(lease.session(), alice_, 0, 2, 20 * 12);
  EXPECT_EQ(both[0].period, 200512);
  EXPECT_EQ(both[0].employer_name, "PT Alpha");
  EXPECT_EQ(both[1].employer_name, "PT Beta");
}

TEST_P(HistoryDbTest, TheEmployerFilterAppliesToCountsPagesAndTotals) {
  auto lease = db().Acquire();
  EXPECT_EQ(CountRows(lease.session(), alice_, employer_a_), 240);
  EXPECT_EQ(CountRows(lease.session(), alice_, employer_b_), 252);
  for (const auto& row : HistoryPage(lease.session(), alice_, employer_a_, 24, 24)) {
    EXPECT_EQ(row.employer_id, employer_a_);
  }
  const auto years = TotalsByYear(lease.session(), alice_, employer_a_);
  ASSERT_EQ(years.size(), 20u);
  EXPECT_EQ(years.front().year, 2005);
  EXPECT_EQ(years.back().year, 1986);
}

TEST_P(HistoryDbTest, YearlyTotalsFromTheDatabaseEqualSumOfEachYearsRows) {
  auto lease = db().Acquire();
  const auto years = TotalsByYear(lease.session(), alice_, 0);
  ASSERT_EQ(years.size(), 40u);
  EXPECT_EQ(years.front().year, 2025);
  EXPECT_EQ(years.back().year, 1986);
  for (const auto& y : years) {
    const Totals expected = Sum(History(lease.session(), alice_, y.year, 0));
    EXPECT_EQ(y.totals.wage, expected.wage) << y.year;
    EXPECT_EQ(y.totals.jht_worker, expected.jht_worker) << y.year;
    EXPECT_EQ(y.totals.jht_employer, expected.jht_employer) << y.year;
    EXPECT_EQ(y.totals.jkk, expected.jkk) << y.year;
    EXPECT_EQ(y.totals.jkm, expected.jkm) << y.year;
    EXPECT_EQ(y.totals.jp_worker, expected.jp_worker) << y.year;
    EXPECT_EQ(y.totals.jp_employer, expected.jp_employer) << y.year;
    EXPECT_EQ(y.totals.jkp, expected.jkp) << y.year;
    EXPECT_EQ(y.totals.total, expected.total) << y.year;
    EXPECT_EQ(y.totals.months_unpaid, expected.months_unpaid) << y.year;
  }
  // 2005 by hand: A's 12 months of base 3005 (March unpaid), B's of base 2001..2012.
  //   JHT worker 12 x 3005 + (2001 + ... + 2012) = 36,060 + 24,078 = 60,138.
  const auto y2005 = years[20];
  ASSERT_EQ(y2005.year, 2005);
  EXPECT_EQ(y2005.totals.jht_worker, 60138);
  EXPECT_EQ(y2005.totals.months_unpaid, 1);
  EXPECT_EQ(y2005.totals.wage, 6013800);
}

TEST_P(HistoryDbTest, AnotherMembersRowsNeverCount) {
  auto lease = db().Acquire();
  EXPECT_EQ(CountRows(lease.session(), bob_, 0), 1);
  EXPECT_EQ(CountRows(lease.session(), bob_, employer_b_), 0);
  EXPECT_TRUE(HistoryPage(lease.session(), bob_, employer_b_, 24, 0).empty());
  const auto years = TotalsByYear(lease.session(), alice_, 0);
  EXPECT_EQ(years.front().totals.months_unpaid, 0) << "bob's unpaid January 2025 is his own";
  EXPECT_EQ(years.front().totals.jht_worker,
            2001 + 2002 + 2003 + 2004 + 2005 + 2006 + 2007 + 2008 + 2009 + 2010 + 2011 + 2012);
}

LUMBUNG_INSTANTIATE_DB_TESTS(HistoryDbTest);

}  // namespace
}  // namespace lumbung::contributions
