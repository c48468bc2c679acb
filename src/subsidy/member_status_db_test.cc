#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>

#include "subsidy/member_status.h"
#include "subsidy/reason_mask.h"
#include "support/test_databases.h"

namespace lumbung::subsidy {
namespace {

const ProgramBook& Shipped() {
  static const ProgramBook book = ProgramBook::LoadFile(
      std::filesystem::path(LUMBUNG_TEST_SHARE_DIR) / "config" / "subsidy_programs.json");
  return book;
}

// The tables as the run and the batches leave them, written directly (docs/subsidy.md).
class MemberStatusDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/registry/migrations", "src/subsidy/migrations"});
    auto lease = db().Acquire();
    auto& sql = lease.session();
    sql << "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, "
           "registered_on) VALUES ('NPP00001', 'PT Maju Jaya', 'retail', 31, 1, '2010-01-01') "
           "RETURNING id",
        soci::into(maju_);
    sql << "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, "
           "registered_on) VALUES ('NPP00002', 'CV Sinar', 'retail', 32, 1, '2010-01-01') "
           "RETURNING id",
        soci::into(sinar_);
    siti_ = Member(sql, "10000000001", "3171014508900001", "Siti Rahayu");
    budi_ = Member(sql, "10000000002", "3171011708850002", "Budi Santoso");
  }

  static long long Member(soci::session& sql, const std::string& kpj, const std::string& nik,
                          const std::string& name) {
    long long id = 0;
    sql << "INSERT INTO members (kpj, nik, full_name, birth_date, sex, province_code, "
           "marital_status, registered_on, status) VALUES (:k, :n, :f, '1990-08-05', 'F', 31, "
           "'single', '2015-01-01', 'active') RETURNING id",
        soci::into(id), soci::use(kpj), soci::use(nik), soci::use(name);
    return id;
  }

  long long Run(int year, bool confirmed, bool dry_run = false) {
    auto lease = db().Acquire();
    long long id = 0;
    int c = confirmed ? 1 : 0, d = dry_run ? 1 : 0;
    lease.session() << "INSERT INTO subsidy_runs (program_year, dry_run, state, started_at, "
                       "finished_at, members_total, members_done, eligible_count, confirmed) "
                       "VALUES (:y, :d, 'done', 100, 200, 2, 2, 1, :c) RETURNING id",
        soci::into(id), soci::use(year), soci::use(d), soci::use(c);
    return id;
  }

  void Outcome(long long run, long long member, bool eligible, std::int64_t reasons,
               long long wage = 3000000, long long limit = 3500000, bool account_problem = false) {
    auto lease = db().Acquire();
    int e = eligible ? 1 : 0, a = account_problem ? 1 : 0;
    long long r = reasons;
    lease.session() << "INSERT INTO subsidy_outcomes (run_id, member_id, eligible, reasons, wage, "
                       "wage_limit, account_problem) VALUES (:run, :m, :e, :r, :w, :l, :a)",
        soci::use(run), soci::use(member), soci::use(e), soci::use(r), soci::use(wage),
        soci::use(limit), soci::use(a);
  }

  long long Batch(int year, long long run, int number, const std::string& state) {
    auto lease = db().Acquire();
    long long id = 0;
    lease.session() << "INSERT INTO subsidy_batches (program_year, run_id, number, state, "
                       "member_count, control_total, created_by) VALUES (:y, :r, :n, :s, 1, "
                       "600000, 1) RETURNING id",
        soci::into(id), soci::use(year), soci::use(run), soci::use(number), soci::use(state);
    return id;
  }

  void Payment(long long batch, long long member, const std::string& channel,
               const std::string& result) {
    auto lease = db().Acquire();
    lease.session() << "INSERT INTO subsidy_payments (batch_id, member_id, amount, channel, "
                       "result) VALUES (:b, :m, 600000, :c, :r)",
        soci::use(batch), soci::use(member), soci::use(channel), soci::use(result);
  }

  std::vector<YearStatus> Read(long long member, bool with_reasons = false) {
    auto lease = db().Acquire();
    return ReadMemberStatus(lease.session(), Shipped(), member, with_reasons);
  }

  long long maju_ = 0, sinar_ = 0, siti_ = 0, budi_ = 0;
};

// A dry run, or a run staff have not confirmed, is never shown to members.
TEST_P(MemberStatusDbTest, OnlyTheConfirmedRunIsShown) {
  const Program& p2025 = *Shipped().ForYear(2025);
  Outcome(Run(2025, false, true), siti_, true, ReasonBit(p2025, "citizen"));
  Outcome(Run(2025, false), siti_, true, ReasonBit(p2025, "citizen"));
  EXPECT_TRUE(Read(siti_).empty());
  const long long confirmed = Run(2025, true);
  Outcome(confirmed, budi_, true, ReasonBit(p2025, "citizen"));
  EXPECT_TRUE(Read(siti_).empty()) << "Siti was not considered in the confirmed run";
  ASSERT_EQ(Read(budi_).size(), 1u);
  EXPECT_EQ(Read(budi_)[0].stage.id, "subsidy.stage.y2025.meets_criteria");
}

TEST_P(MemberStatusDbTest, NewestYearFirstEachWithItsLatestPayment) {
  const long long r2022 = Run(2022, true), r2025 = Run(2025, true);
  Outcome(r2022, siti_, true, 0);
  Outcome(r2025, siti_, true, 0);
  Payment(Batch(2022, r2022, 1, "reconciled"), siti_, "bank", "failed");
  Payment(Batch(2022, r2022, 2, "reconciled"), siti_, "bank", "paid");
  Payment(Batch(2025, r2025, 1, "approved"), siti_, "bank", "pending");
  // Another member's payment in a later batch says nothing about Siti.
  Payment(Batch(2025, r2025, 2, "reconciled"), budi_, "bank", "paid");
  const auto years = Read(siti_);
  ASSERT_EQ(years.size(), 2u);
  EXPECT_EQ(years[0].program->year, 2025);
  EXPECT_EQ(years[0].stage.id, "subsidy.stage.y2025.confirmed");
  EXPECT_EQ(years[0].stage.values.at("batch"), "1");
  EXPECT_EQ(years[1].program->year, 2022);
  EXPECT_EQ(years[1].stage.id, "subsidy.stage.y2022.paid") << "batch 2 paid after batch 1 failed";
  EXPECT_TRUE(years[0].reasons.empty()) << "reasons only when asked";
}

TEST_P(MemberStatusDbTest, ReasonsTakeTheJobsActiveOnTheCutoffFromTheRegistry) {
  const Program& p2022 = *Shipped().ForYear(2022);
  {
    auto lease = db().Acquire();
    auto& sql = lease.session();
    // Two employers on 31 July 2022; PT Maju Jaya reported July's wage, CV Sinar did not; a spell
    // that ended before the cutoff does not count.
    sql << "INSERT INTO employment_spells (member_id, employer_id, start_date) VALUES (:m, :e, "
           "'2020-01-01')",
        soci::use(siti_), soci::use(maju_);
    sql << "INSERT INTO employment_spells (member_id, employer_id, start_date, end_date, "
           "end_reason) VALUES (:m, :e, '2022-07-31', '2022-12-31', 'resigned')",
        soci::use(siti_), soci::use(sinar_);
    sql << "INSERT INTO employment_spells (member_id, employer_id, start_date, end_date, "
           "end_reason) VALUES (:m, :e, '2019-01-01', '2019-12-31', 'resigned')",
        soci::use(siti_), soci::use(sinar_);
    sql << "INSERT INTO wage_reports (member_id, period, employer_id, wage) VALUES (:m, 202207, "
           ":e, 2000000)",
        soci::use(siti_), soci::use(maju_);
  }
  Outcome(Run(2022, true), siti_, false,
          ReasonBit(p2022, "active_on_cutoff") | ReasonBit(p2022, "no_wage_reported") |
              ReasonBit(p2022, "citizen"),
          0, 0);
  const auto years = Read(siti_, true);
  ASSERT_EQ(years.size(), 1u);
  const auto& reasons = years[0].reasons;
  ASSERT_EQ(reasons.size(), 3u);
  EXPECT_EQ(reasons[0].code, "citizen");
  EXPECT_EQ(reasons[1].code, "active_on_cutoff");
  EXPECT_EQ(reasons[1].numbers.at("jobs"), 2);
  EXPECT_EQ(reasons[2].code, "no_wage_reported");
  EXPECT_EQ(reasons[2].text.at("employer"), "CV Sinar");
  EXPECT_TRUE(reasons[2].blocks);
  EXPECT_EQ(years[0].stage.id, "subsidy.stage.y2022.not_eligible");
}

// Programmes the file no longer names are left out rather than shown without words.
TEST_P(MemberStatusDbTest, AYearWithoutAProgrammeIsLeftOut) {
  Outcome(Run(2023, true), siti_, true, 0);
  EXPECT_TRUE(Read(siti_).empty());
}

TEST_P(MemberStatusDbTest, NobodyHasNothing) {
  Outcome(Run(2025, true), siti_, true, 0);
  EXPECT_TRUE(Read(0).empty());
}

LUMBUNG_INSTANTIATE_DB_TESTS(MemberStatusDbTest);

}  // namespace
}  // namespace lumbung::subsidy
