#include "analytics/refresh.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "analytics/figures.h"
#include "core/db/native_handle.h"
#include "core/db/row_value.h"
#include "core/db/transaction.h"
#include "core/jobs/jobs.h"
#include "core/jobs/runner.h"
#include "support/test_databases.h"

namespace lumbung::analytics {
namespace {

// 15 June 2025, 12.00 WIB.
constexpr std::int64_t kNow = 1749963600;
// 1 March 2025, 12.00 WIB.
constexpr std::int64_t kMarch = 1740805200;

class RefreshDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/registry/migrations", "src/core/audit/migrations",
                     "src/core/jobs/migrations", "src/employers/migrations",
                     "src/claims/migrations", "src/subsidy/migrations",
                     "src/analytics/migrations"});
    auto lease = db().Acquire();
    Seed(lease.session());
  }

  static void Exec(soci::session& sql, const std::string& statement) { sql << statement; }

  static std::int64_t Count(soci::session& sql, const std::string& query) {
    soci::rowset<soci::row> rows = sql.prepare << query;
    for (const soci::row& row : rows) return db::RowMaybeInt(row, 0).value_or(0);
    return 0;
  }

  static void Member(soci::session& sql, int id, int province, const std::string& birth,
                     const std::string& status = "active") {
    char kpj[16], nik[20];
    std::snprintf(kpj, sizeof kpj, "%011d", id);
    std::snprintf(nik, sizeof nik, "3171%012d", id);
    const std::string k = kpj, n = nik;
    sql << "INSERT INTO members (id, kpj, nik, full_name, birth_date, sex, province_code, "
           "marital_status, registered_on, status) VALUES (:id, :kpj, :nik, 'Anggota', :b, 'F', "
           ":p, 'single', '2015-01-01', :s)",
        soci::use(id, "id"), soci::use(k, "kpj"), soci::use(n, "nik"), soci::use(birth, "b"),
        soci::use(province, "p"), soci::use(status, "s");
  }

  static void Spell(soci::session& sql, int member, int employer, bool ended = false) {
    if (ended) {
      sql << "INSERT INTO employment_spells (member_id, employer_id, start_date, end_date, "
             "end_reason) VALUES (:m, :e, '2020-01-01', '2024-12-31', 'resigned')",
          soci::use(member, "m"), soci::use(employer, "e");
    } else {
      sql << "INSERT INTO employment_spells (member_id, employer_id, start_date) VALUES (:m, :e, "
             "'2020-01-01')",
          soci::use(member, "m"), soci::use(employer, "e");
    }
  }

  static void Wage(soci::session& sql, int member, int period, int employer, long long wage) {
    sql << "INSERT INTO wage_reports (member_id, period, employer_id, wage) VALUES (:m, :p, :e, "
           ":w)",
        soci::use(member, "m"), soci::use(period, "p"), soci::use(employer, "e"),
        soci::use(wage, "w");
    const int paid = employer == 1 ? 1 : 0;
    sql << "INSERT INTO contributions (member_id, period, employer_id, jht_worker, jht_employer, "
           "jkk, jkm, jp_worker, jp_employer, jkp, paid) VALUES (:m, :p, :e, 1000, 1000, 1000, "
           "1000, 1000, 1000, 500, :paid)",
        soci::use(member, "m"), soci::use(period, "p"), soci::use(employer, "e"),
        soci::use(paid, "paid");
  }

  static void Submission(soci::session& sql, int employer, int period) {
    sql << "INSERT INTO wage_report_submissions (employer_id, period, version, submitted_by, "
           "submitted_at, workers, total_wage, billed) VALUES (:e, :p, 1, 1, 0, 1, 1, 1)",
        soci::use(employer, "e"), soci::use(period, "p");
  }

  static void Claim(soci::session& sql, int id, int member, const std::string& type,
                    const std::string& status, std::int64_t submitted, std::int64_t decided_after) {
    const std::string reference = "K-" + std::to_string(1000000000 + id);
    const std::string program = type.rfind("jht", 0) == 0 ? "JHT" : "JKP";
    const long long at = submitted, decided = submitted + decided_after;
    sql << "INSERT INTO claims (id, reference, member_id, claimant_account_id, claimant_member_id, "
           "program, claim_type, status, created_at, updated_at, submitted_at, decided_at, "
           "status_since) VALUES (:id, :r, :m, 1, :m, :prog, :t, :s, :at, :d, :at, :d, :d)",
        soci::use(id, "id"), soci::use(reference, "r"), soci::use(member, "m"),
        soci::use(program, "prog"), soci::use(type, "t"), soci::use(status, "s"),
        soci::use(at, "at"), soci::use(decided, "d");
  }

  // Province 31: members 1..25, aged 35, at a construction employer; province 32: members
  // 26..30 aged 24 at a logistics employer (a small group) and 31..40 aged 45 whose job ended.
  void Seed(soci::session& sql) {
    auto tx = db::Transaction::ForWriting(sql);
    Exec(sql,
         "INSERT INTO employers (id, npp, name, sector, province_code, jkk_risk_class, "
         "registered_on) VALUES (1, '00000001', 'PT Satu', 'construction', 31, 4, "
         "'2010-01-01'), (2, '00000002', 'PT Dua', 'logistics', 32, 3, '2010-01-01')");
    for (int i = 1; i <= 25; ++i) {
      Member(sql, i, 31, "1990-01-01");
      Spell(sql, i, 1);
      Wage(sql, i, 202505, 1, 2000000 + i * 100000LL);
    }
    for (int i = 26; i <= 30; ++i) {
      Member(sql, i, 32, "2000-06-16");
      Spell(sql, i, 2);
      Wage(sql, i, 202505, 2, 3000000);
    }
    for (int i = 31; i <= 40; ++i) {
      Member(sql, i, 32, "1980-01-01");
      Spell(sql, i, 1, true);
    }
    Member(sql, 41, 31, "1990-01-01", "inactive");
    // Member 1 also works for the second employer: one person, wages summed.
    Spell(sql, 1, 2);
    Wage(sql, 1, 202505, 2, 500000);
    Submission(sql, 1, 202505);
    Submission(sql, 2, 202505);
    // Bills: one 31 days overdue and unpaid, one 5 days overdue and partly paid, one paid.
    Exec(sql,
         "INSERT INTO employer_payments (employer_id, period, amount_billed, amount_paid, "
         "payment_code, due_date) VALUES (1, 202504, 100000, 0, '10000000001', '2025-05-15'), "
         "(2, 202505, 50000, 10000, '10000000002', '2025-06-10'), "
         "(1, 202503, 70000, 70000, '10000000003', '2025-04-15')");
    for (int i = 1; i <= 12; ++i) Claim(sql, i, i, "jht_full", "paid", kMarch, 5 * 86400);
    for (int i = 13; i <= 15; ++i) Claim(sql, i, i, "jkp", "rejected", kMarch, 40 * 86400);
    Exec(sql,
         "INSERT INTO subsidy_batches (id, program_year, run_id, number, state, member_count, "
         "control_total, created_by) VALUES (1, 2025, 1, 1, 'reconciled', 23, 1, 1)");
    for (int i = 1; i <= 23; ++i) {
      const std::string result = i <= 20 ? "paid" : "failed";
      soci::indicator reason_ind = i <= 20 ? soci::i_null : soci::i_ok;
      const std::string reason = "account_closed";
      sql << "INSERT INTO subsidy_payments (batch_id, member_id, amount, channel, result, "
             "failure_reason) VALUES (1, :m, 600000, 'bank', :r, :f)",
          soci::use(i, "m"), soci::use(result, "r"), soci::use(reason, reason_ind, "f");
    }
    tx.Commit();
  }
};

TEST_P(RefreshDbTest, TheAggregatesMatchADirectCount) {
  EXPECT_GT(RefreshNow(db(), kNow), 0);
  auto lease = db().Acquire();
  auto& sql = lease.session();
  EXPECT_EQ(Count(sql, "SELECT SUM(members) FROM analytics_members"),
            Count(sql, "SELECT COUNT(*) FROM members WHERE status = 'active'"));
  EXPECT_EQ(Count(sql,
                  "SELECT members FROM analytics_members WHERE province_code = 31 AND "
                  "sector = 'construction' AND age_band = 4"),
            24);
  // Member 1 has two current jobs: counted once, at the latest (the logistics one).
  EXPECT_EQ(Count(sql, "SELECT SUM(members) FROM analytics_members WHERE province_code = 31"), 25);
  EXPECT_EQ(Count(sql,
                  "SELECT members FROM analytics_members WHERE province_code = 32 AND "
                  "sector = 'logistics' AND age_band = 1"),
            5);
  EXPECT_EQ(Count(sql,
                  "SELECT members FROM analytics_members WHERE province_code = 32 AND "
                  "sector = '' AND age_band = 6"),
            10);

  EXPECT_EQ(Count(sql, "SELECT SUM(workers) FROM analytics_wages WHERE period = 202505"),
            Count(sql, "SELECT COUNT(DISTINCT member_id) FROM wage_reports WHERE period = 202505"));
  EXPECT_EQ(Count(sql, "SELECT SUM(wage_sum) FROM analytics_wages WHERE period = 202505"),
            Count(sql, "SELECT SUM(wage) FROM wage_reports WHERE period = 202505"));
  // Member 1: 2,100,000 + 500,000 in the band from 2,500,000.
  EXPECT_EQ(Count(sql,
                  "SELECT SUM(workers) FROM analytics_wages WHERE period = 202505 AND "
                  "province_code = 31 AND band = 10"),
            4);  // members 5, 6 and 7, and member 1 (2.6M)
  EXPECT_EQ(Count(sql,
                  "SELECT contributors FROM analytics_contributions WHERE period = 202505 "
                  "AND province_code = 31"),
            25);
  EXPECT_EQ(Count(sql, "SELECT SUM(billed) FROM analytics_contributions"),
            Count(sql,
                  "SELECT SUM(jht_worker + jht_employer + jkk + jkm + jp_worker + "
                  "jp_employer) FROM contributions"));
  EXPECT_EQ(Count(sql, "SELECT SUM(paid) FROM analytics_contributions"), 25 * 6000);

  EXPECT_EQ(Count(sql,
                  "SELECT employers FROM analytics_arrears WHERE province_code = 31 AND "
                  "overdue_band = 1"),
            1);
  EXPECT_EQ(Count(sql,
                  "SELECT outstanding FROM analytics_arrears WHERE province_code = 32 AND "
                  "overdue_band = 0"),
            40000);
  EXPECT_EQ(Count(sql, "SELECT SUM(employers) FROM analytics_arrears"), 2);

  EXPECT_EQ(Count(sql,
                  "SELECT claims FROM analytics_claims WHERE year = 2025 AND "
                  "claim_type = 'jht_full' AND outcome = 'approved' AND days_band = 0"),
            12);
  EXPECT_EQ(Count(sql,
                  "SELECT claims FROM analytics_claims WHERE year = 2025 AND "
                  "claim_type = 'jkp' AND outcome = 'rejected' AND days_band = 3"),
            3);
  EXPECT_EQ(Count(sql, "SELECT SUM(claims) FROM analytics_claims"),
            Count(sql, "SELECT COUNT(*) FROM claims"));

  EXPECT_EQ(Count(sql,
                  "SELECT payments FROM analytics_subsidy WHERE program_year = 2025 AND "
                  "result = 'paid' AND reason = '' AND province_code = 31"),
            20);
  EXPECT_EQ(Count(sql,
                  "SELECT payments FROM analytics_subsidy WHERE result = 'failed' AND "
                  "reason = 'account_closed'"),
            3);
  EXPECT_TRUE(LastRefreshed(sql));
}

TEST_P(RefreshDbTest, OnlyWhatChangedIsRewritten) {
  RefreshNow(db(), kNow);
  auto lease = db().Acquire();
  auto& sql = lease.session();
  {
    auto tx = db::Transaction::ForWriting(sql);
    EXPECT_TRUE(PlanRefresh(sql, dialect(), kNow + 60).empty()) << "nothing changed";
    tx.Commit();
  }
  // A mark to show that May is not rewritten by June's refresh.
  Exec(sql, "UPDATE analytics_contributions SET billed = 1 WHERE period = 202505");
  {
    auto tx = db::Transaction::ForWriting(sql);
    for (int i = 1; i <= 12; ++i) Wage(sql, i, 202506, 1, 4000000);
    Submission(sql, 1, 202506);
    Claim(sql, 99, 16, "jkp", "submitted", kNow - 3600, 0);
    Exec(sql, "UPDATE claims SET decided_at = NULL WHERE id = 99");
    tx.Commit();
  }
  std::vector<std::string> units;
  {
    auto tx = db::Transaction::ForWriting(sql);
    units = PlanRefresh(sql, dialect(), kNow + 120);
    for (const auto& unit : units) RefreshUnit(sql, dialect(), unit, kNow + 120);
    tx.Commit();
  }
  EXPECT_EQ(units, (std::vector<std::string>{"wages:202506:202506", "claims:2025"}));
  EXPECT_EQ(Count(sql, "SELECT SUM(workers) FROM analytics_wages WHERE period = 202506"), 12);
  EXPECT_EQ(Count(sql, "SELECT SUM(billed) FROM analytics_contributions WHERE period = 202505"), 2)
      << "May was left as it was";
  EXPECT_EQ(Count(sql,
                  "SELECT SUM(claims) FROM analytics_claims WHERE outcome = 'pending' AND "
                  "days_band = -1"),
            1);
  EXPECT_EQ(Count(sql, "SELECT SUM(claims) FROM analytics_claims"),
            Count(sql, "SELECT COUNT(*) FROM claims"));
  // The next fund day: the snapshots (ages, arrears) and the daily looks come round again.
  {
    auto tx = db::Transaction::ForWriting(sql);
    units = PlanRefresh(sql, dialect(), kNow + 86400);
    tx.Commit();
  }
  EXPECT_NE(std::find(units.begin(), units.end(), "members"), units.end());
  EXPECT_NE(std::find(units.begin(), units.end(), "arrears"), units.end());
}

TEST_P(RefreshDbTest, TheJobRefreshesThenWaits) {
  jobs::RunnerOptions options;
  options.clock = [] { return std::chrono::system_clock::time_point(std::chrono::seconds(kNow)); };
  options.log = [](std::string_view) {};
  jobs::Runner runner(db(), options);
  RegisterJobs(runner, {.interval_seconds = 600});
  {
    auto lease = db().Acquire();
    EnsureRefreshJob(lease.session(), kNow);
    EnsureRefreshJob(lease.session(), kNow);  // once a day
  }
  runner.RunOnce();
  auto lease = db().Acquire();
  auto& sql = lease.session();
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM jobs"), 1);
  EXPECT_EQ(Count(sql, "SELECT SUM(members) FROM analytics_members"), 40);
  const auto job = jobs::FindByKey(sql, "analytics.refresh:2025-06-15");
  ASSERT_TRUE(job);
  EXPECT_EQ(job->state, jobs::kQueued);
  EXPECT_EQ(job->run_after, kNow + 600);
}

// A bulk load or a migration holding a table: the refresh waits a moment, gives way without
// failing, and refreshes once the table is free (no deadlock with the other side).
TEST_P(RefreshDbTest, TheJobGivesWayToAnotherTransactionsTableLock) {
  if (dialect() != db::Dialect::kPostgres) GTEST_SKIP() << "SQLite has one writer at a time";
  std::int64_t now = kNow;
  jobs::RunnerOptions options;
  options.clock = [&now] {
    return std::chrono::system_clock::time_point(std::chrono::seconds(now));
  };
  options.log = [](std::string_view) {};
  jobs::Runner runner(db(), options);
  RegisterJobs(runner, {.interval_seconds = 600});
  {
    auto lease = db().Acquire();
    EnsureRefreshJob(lease.session(), kNow);
  }
  {
    auto holder = db().Acquire();
    auto tx = db::Transaction::ForWriting(holder.session());
    db::ExecuteVerbatim(holder.session(), "LOCK TABLE members IN ACCESS EXCLUSIVE MODE");
    EXPECT_EQ(runner.RunOnce(), 1);
    auto lease = db().Acquire();
    const auto job = jobs::FindByKey(lease.session(), "analytics.refresh:2025-06-15");
    ASSERT_TRUE(job);
    EXPECT_EQ(job->state, jobs::kQueued);
    EXPECT_EQ(job->attempts, 0) << "giving way is not failing";
    EXPECT_EQ(job->run_after, kNow + 5);
  }  // the holder's transaction ends
  now += 5;
  runner.RunOnce();
  auto lease = db().Acquire();
  EXPECT_EQ(Count(lease.session(), "SELECT SUM(members) FROM analytics_members"), 40);
}

TEST_P(RefreshDbTest, SmallGroupsAreHiddenInPagesAndCsv) {
  RefreshNow(db(), kNow);
  auto lease = db().Acquire();
  auto& sql = lease.session();
  const auto catalogs = i18n::Catalogs::FromMaps(
      {{"id", {{"analytics.mark_small", "<10"}, {"analytics.mark_protect", "disamarkan"}}}});
  const auto find = [](const SectionFigures& s, const std::string& id) -> const Table& {
    for (const auto& f : s.figures) {
      if (f.table.id == id) return f.table;
    }
    throw std::runtime_error("no table " + id);
  };
  // Province 32's 24-year-olds are 5 people.
  const auto members = BuildSection(sql, "members", {.year = 2025, .province = 32}, catalogs, "id");
  EXPECT_TRUE(members.has_hidden);
  const Table& ages = find(members, "members-age");
  EXPECT_EQ(ages.rows[1].cells[0].hidden, Hidden::kSmallGroup);
  EXPECT_EQ(ages.rows[1].cells[0].csv, "<10");
  // The province's total would give the 5 away: the 10 is hidden too.
  EXPECT_NE(ages.rows[6].cells[0].hidden, Hidden::kShown);
  const std::string csv = SectionCsv(members, "");
  EXPECT_EQ(csv.find(",5\r\n"), std::string::npos);

  // May's wages: province 32 has 5 workers, hidden; so is province 31's 25, else 30 - 25.
  const auto all = BuildSection(sql, "wages", {.year = 2025, .province = 0}, catalogs, "id");
  EXPECT_EQ(find(all, "wages-month").rows[0].cells[0].csv, "30");
  const auto p31 = BuildSection(sql, "wages", {.year = 2025, .province = 31}, catalogs, "id");
  EXPECT_EQ(find(p31, "wages-month").rows[0].cells[0].hidden, Hidden::kComplementary);
  EXPECT_EQ(find(p31, "wages-month").rows[0].cells[1].csv, "disamarkan") << "the median too";
  const auto p32 = BuildSection(sql, "wages", {.year = 2025, .province = 32}, catalogs, "id");
  EXPECT_EQ(find(p32, "wages-month").rows[0].cells[0].hidden, Hidden::kSmallGroup);

  // Claims: the 3 rejected JKP claims are hidden; 15 - 3 would give away the 12 JHT claims,
  // so they are withheld; the year's 15 stay shown.
  const auto claims = BuildSection(sql, "claims", {.year = 2025, .province = 0}, catalogs, "id");
  const Table& outcome = find(claims, "claims-outcome");
  EXPECT_EQ(outcome.rows[1].cells[2].csv, "<10");
  EXPECT_EQ(outcome.rows[0].cells[1].csv, "disamarkan");
  EXPECT_EQ(outcome.rows.back().cells[4].csv, "15");
}

// Training applications (the training feature's tables, when they exist) by field.
TEST_P(RefreshDbTest, TrainingApplicationsAndCompletionsByField) {
  ApplyMigrations({"src/training/migrations"});
  auto lease = db().Acquire();
  auto& sql = lease.session();
  {
    auto tx = db::Transaction::ForWriting(sql);
    Exec(sql, "INSERT INTO training_providers (id, name, created_at) VALUES (1, 'LPK Uji', 0)");
    Exec(sql,
         "INSERT INTO training_programmes (id, provider_id, title, field, mode, "
         "duration_hours, created_at, updated_at) VALUES (1, 1, 'Data', 'digital', 'online', "
         "40, 0, 0), (2, 1, 'Rawat', 'care', 'online', 40, 0, 0)");
    Exec(sql,
         "INSERT INTO training_sessions (id, programme_id, starts_on, ends_on, quota, "
         "created_at) VALUES (1, 1, '2025-04-01', '2025-04-30', 100, 0), "
         "(2, 2, '2025-04-01', '2025-04-30', 100, 0)");
    for (int i = 1; i <= 15; ++i) {
      const int session = i <= 12 ? 1 : 2;
      const std::string status = i <= 11 ? "completed" : "applied";
      const long long at = kMarch;
      sql << "INSERT INTO training_applications (session_id, member_id, account_id, status, "
             "applied_at, updated_at) VALUES (:s, :m, :m, :st, :at, :at)",
          soci::use(session, "s"), soci::use(i, "m"), soci::use(status, "st"), soci::use(at, "at");
    }
    tx.Commit();
  }
  RefreshNow(db(), kNow);
  EXPECT_EQ(Count(sql,
                  "SELECT applications FROM analytics_training WHERE year = 2025 AND "
                  "field = 'digital'"),
            12);
  EXPECT_EQ(Count(sql, "SELECT completions FROM analytics_training WHERE field = 'digital'"), 11);
  EXPECT_EQ(Count(sql, "SELECT SUM(applications) FROM analytics_training"),
            Count(sql, "SELECT COUNT(*) FROM training_applications"));
  const auto catalogs = i18n::Catalogs::FromMaps({{"id", {{"analytics.mark_small", "<10"}}}});
  const auto training =
      BuildSection(sql, "training", {.year = 2025, .province = 0}, catalogs, "id");
  const Table& t = training.figures[0].table;
  // Care's 3 applications are hidden, and digital's 12 with them (15 - 3 would give them away);
  // digital's 11 completions stand beside care's none.
  EXPECT_EQ(t.rows[5].cells[0].csv, "<10");
  EXPECT_EQ(t.rows[0].cells[0].hidden, Hidden::kComplementary);
  EXPECT_EQ(t.rows[0].cells[1].csv, "11");
  EXPECT_EQ(t.rows.back().cells[0].csv, "15");
}

LUMBUNG_INSTANTIATE_DB_TESTS(RefreshDbTest);

}  // namespace
}  // namespace lumbung::analytics
