#include "claims/accident_store.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <string>

#include "support/test_databases.h"

namespace lumbung::claims {
namespace {

constexpr std::int64_t kNow = 1'796'000'000;  // 2026-11-30

class AccidentStoreDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/registry/migrations", "src/core/audit/migrations",
                     "src/core/inbox/migrations", "src/identity/migrations",
                     "src/employers/migrations", "src/profile/migrations",
                     "src/claims/migrations"});
    acme_ = Employer("ACME0001", "PT Acme");
    other_ = Employer("OTHR0002", "CV Lain");
    siti_ = Member("10000000003", "3171014508900001", "Siti Rahayu");
    budi_ = Member("10000000424", "3171010508900002", "Budi Santoso");
    Spell(siti_, acme_, "2024-02-01", "", 4'500'000);
    Spell(budi_, other_, "2023-01-01", "", 6'000'000);
    siti_account_ = Account(siti_, "siti@example.id");
  }

  std::int64_t Employer(const std::string& npp, const std::string& name) {
    auto lease = db().Acquire();
    long long id = 0;
    lease.session() << "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, "
                       "registered_on) VALUES (:n, :m, 'manufacturing', 31, 1, '2015-01-01') "
                       "RETURNING id",
        soci::into(id), soci::use(npp), soci::use(name);
    return id;
  }
  std::int64_t Member(const std::string& kpj, const std::string& nik, const std::string& name) {
    auto lease = db().Acquire();
    long long id = 0;
    lease.session() << "INSERT INTO members (kpj, nik, full_name, birth_date, sex, province_code, "
                       "marital_status, registered_on, status) VALUES (:k, :n, :f, '1990-08-05', "
                       "'F', 31, 'married', '2015-07-01', 'active') RETURNING id",
        soci::into(id), soci::use(kpj), soci::use(nik), soci::use(name);
    return id;
  }
  void Spell(std::int64_t member, std::int64_t employer, const std::string& start,
             const std::string& end, long long wage) {
    auto lease = db().Acquire();
    long long m = member, e = employer;
    soci::indicator end_ind = end.empty() ? soci::i_null : soci::i_ok;
    lease.session() << "INSERT INTO employment_spells (member_id, employer_id, start_date, "
                       "end_date, declared_wage) VALUES (:m, :e, :s, :d, :w)",
        soci::use(m), soci::use(e), soci::use(start), soci::use(end, end_ind), soci::use(wage);
  }
  std::int64_t Account(std::int64_t member, const std::string& email) {
    auto lease = db().Acquire();
    long long id = 0, m = member;
    lease.session() << "INSERT INTO accounts (role, state, member_id, email, display_name, "
                       "created_at) VALUES ('member', 'active', :m, :e, 'Someone', 1) RETURNING id",
        soci::into(id), soci::use(m), soci::use(email);
    return id;
  }
  long long Count(const std::string& query) {
    auto lease = db().Acquire();
    long long n = 0;
    lease.session() << query, soci::into(n);
    return n;
  }
  static CheckedAccident Report(const std::string& day = "2026-11-03") {
    return {.accident_date = day,
            .place = "Gudang B",
            .description = "Tergelincir di tangga gudang.",
            .monthly_wage = 5'000'000,
            .fatal = false,
            .days_unable_to_work = 14};
  }
  ReportResult Reported(std::int64_t employer, std::int64_t member,
                        const CheckedAccident& accident = Report(),
                        const inbox::Notifier& notify = {}) {
    auto lease = db().Acquire();
    return ReportAccident(lease.session(), employer, member, accident, 77, kNow,
                          {.actor_user_id = 77, .ip = "10.0.0.1"}, notify);
  }

  std::int64_t acme_ = 0, other_ = 0, siti_ = 0, budi_ = 0, siti_account_ = 0;
};

TEST_P(AccidentStoreDbTest, FindsOnlyThisEmployersWorkersByKpjNikOrId) {
  auto lease = db().Acquire();
  auto& sql = lease.session();
  const auto by_kpj = FindWorkerByNumber(sql, acme_, "10000000003");
  ASSERT_TRUE(by_kpj);
  EXPECT_EQ(by_kpj->member_id, siti_);
  EXPECT_EQ(by_kpj->full_name, "Siti Rahayu");
  ASSERT_EQ(by_kpj->periods.size(), 1u);
  EXPECT_EQ(by_kpj->periods[0].start_date, "2024-02-01");
  EXPECT_EQ(by_kpj->periods[0].end_date, "");
  EXPECT_TRUE(FindWorkerByNumber(sql, acme_, "3171014508900001"));
  EXPECT_TRUE(FindWorker(sql, acme_, siti_));
  // ASVS 4.0.3 4.2.1: another employer's worker is not found, by any number.
  EXPECT_FALSE(FindWorkerByNumber(sql, acme_, "10000000424"));
  EXPECT_FALSE(FindWorkerByNumber(sql, acme_, "3171010508900002"));
  EXPECT_FALSE(FindWorker(sql, acme_, budi_));
  EXPECT_FALSE(FindWorker(sql, other_, siti_));
  EXPECT_FALSE(FindWorkerByNumber(sql, acme_, "123"));
}

TEST_P(AccidentStoreDbTest, TheLastReportedWageUpToTheAccidentMonthElseTheDeclaredOne) {
  auto lease = db().Acquire();
  auto& sql = lease.session();
  EXPECT_EQ(LastReportedWage(sql, acme_, siti_, "2026-11-03"), 4'500'000);  // declared
  long long m = siti_, e = acme_, o = other_;
  sql << "INSERT INTO wage_reports (member_id, period, employer_id, wage) VALUES "
         "(:m, 202609, :e, 4800000)",
      soci::use(m), soci::use(e);
  sql << "INSERT INTO wage_reports (member_id, period, employer_id, wage) VALUES "
         "(:m, 202612, :e, 5300000)",
      soci::use(m), soci::use(e);
  sql << "INSERT INTO wage_reports (member_id, period, employer_id, wage) VALUES "
         "(:m, 202610, :o, 9900000)",
      soci::use(m), soci::use(o);
  EXPECT_EQ(LastReportedWage(sql, acme_, siti_, "2026-11-03"), 4'800'000);
  EXPECT_EQ(LastReportedWage(sql, acme_, siti_, "2026-12-01"), 5'300'000);
  EXPECT_FALSE(LastReportedWage(sql, acme_, budi_, "2026-11-03"));
}

TEST_P(AccidentStoreDbTest, AReportIsStoredAuditedAndTheMemberIsTold) {
  int told = 0;
  const inbox::Notifier notify = [&told](soci::session& sql, const inbox::InboxItem& item) {
    ++told;
    EXPECT_EQ(item.category, "claims");
    EXPECT_EQ(item.message_id, "claims.accident.inbox.reported");
    EXPECT_EQ(item.values.at("employer"), "PT Acme");
    EXPECT_EQ(item.values.at("date"), "2026-11-03");
    EXPECT_EQ(item.mail_subject_id, "claims.accident.mail.reported_subject");
    return inbox::Post(sql, item);
  };
  const ReportResult result = Reported(acme_, siti_, Report(), notify);
  ASSERT_TRUE(result.reported());
  EXPECT_TRUE(result.notified);
  EXPECT_EQ(told, 1);
  auto lease = db().Acquire();
  auto& sql = lease.session();
  const auto a = FindEmployerAccident(sql, acme_, result.accident_id);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->member_id, siti_);
  EXPECT_EQ(a->member_name, "Siti Rahayu");
  EXPECT_EQ(a->kpj, "10000000003");
  EXPECT_EQ(a->employer_name, "PT Acme");
  EXPECT_EQ(a->accident_date, "2026-11-03");
  EXPECT_EQ(a->place, "Gudang B");
  EXPECT_EQ(a->monthly_wage, 5'000'000);
  EXPECT_EQ(a->days_unable_to_work, 14);
  EXPECT_EQ(a->reported_by, 77);
  EXPECT_EQ(a->reported_at, kNow);
  EXPECT_FALSE(a->confirmed());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inbox_items WHERE link = '/claims/accidents/" +
                  std::to_string(result.accident_id) + "'"),
            1);
  // ASVS 4.0.3 7.1.1: the audit row names ids, never the report's text.
  std::string details;
  long long subject = 0;
  sql << "SELECT details, subject_user_id FROM audit_log WHERE action = 'accidents.reported'",
      soci::into(details), soci::into(subject);
  EXPECT_EQ(subject, siti_account_);
  EXPECT_NE(details.find("\"accident_id\":\"" + std::to_string(result.accident_id) + "\""),
            std::string::npos);
  EXPECT_EQ(details.find("Gudang"), std::string::npos);
}

TEST_P(AccidentStoreDbTest, NothingIsStoredForADayOutsideTheSpellsOrAnotherEmployersWorker) {
  EXPECT_FALSE(Reported(acme_, siti_, Report("2024-01-31")).reported());
  EXPECT_FALSE(Reported(acme_, budi_, Report()).reported());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM work_accidents"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'accidents.%'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inbox_items"), 0);
}

// ASVS 4.0.3 4.2.1: every read is narrowed to its owner.
TEST_P(AccidentStoreDbTest, OwnersOnlyAndNewestFirst) {
  const auto first = Reported(acme_, siti_, Report("2025-01-10")).accident_id;
  const auto second = Reported(acme_, siti_, Report("2026-10-01")).accident_id;
  const auto budis = Reported(other_, budi_).accident_id;
  auto lease = db().Acquire();
  auto& sql = lease.session();
  const auto mine = AccidentsOfEmployer(sql, acme_);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].id, second);
  EXPECT_EQ(mine[1].id, first);
  EXPECT_EQ(AccidentsOfMember(sql, siti_).size(), 2u);
  EXPECT_FALSE(FindEmployerAccident(sql, acme_, budis));
  EXPECT_FALSE(FindEmployerAccident(sql, other_, first));
  EXPECT_FALSE(FindMemberAccident(sql, budi_, first));
  EXPECT_TRUE(FindMemberAccident(sql, budi_, budis));
  EXPECT_FALSE(FindMemberAccident(sql, siti_, 0));
}

TEST_P(AccidentStoreDbTest, TheMemberConfirmsWhatTheyReadOnce) {
  const auto id = Reported(acme_, siti_).accident_id;
  auto lease = db().Acquire();
  auto& sql = lease.session();
  const auto seen = FindMemberAccident(sql, siti_, id);
  ASSERT_TRUE(seen);
  const std::string version = AccidentVersion(*seen);
  const audit::Event by_siti{.actor_user_id = siti_account_, .subject_user_id = siti_account_};
  EXPECT_EQ(ConfirmAccident(sql, budi_, id, version, kNow + 60, by_siti),
            ConfirmOutcome::kNotFound);
  EXPECT_EQ(ConfirmAccident(sql, siti_, id, "0123456789abcdef", kNow + 60, by_siti),
            ConfirmOutcome::kChanged);
  EXPECT_EQ(ConfirmAccident(sql, siti_, id, version, kNow + 60, by_siti),
            ConfirmOutcome::kConfirmed);
  EXPECT_EQ(ConfirmAccident(sql, siti_, id, version, kNow + 90, by_siti),
            ConfirmOutcome::kAlreadyConfirmed);
  const auto confirmed = FindMemberAccident(sql, siti_, id);
  EXPECT_EQ(confirmed->member_confirmed_at, kNow + 60);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'accidents.confirmed'"), 1);
  // A confirmed report is no longer the employer's to correct.
  EXPECT_EQ(CorrectAccident(sql, acme_, id, Report("2026-11-04"), kNow + 120, {}),
            CorrectOutcome::kConfirmed);
  EXPECT_EQ(FindMemberAccident(sql, siti_, id)->accident_date, "2026-11-03");
}

TEST_P(AccidentStoreDbTest, ACorrectionBeforeConfirmationChangesTheVersionTheMemberConfirms) {
  const auto id = Reported(acme_, siti_).accident_id;
  auto lease = db().Acquire();
  auto& sql = lease.session();
  const std::string old_version = AccidentVersion(*FindMemberAccident(sql, siti_, id));
  CheckedAccident changed = Report("2026-11-04");
  changed.days_unable_to_work = 30;
  EXPECT_EQ(CorrectAccident(sql, other_, id, changed, kNow + 30, {}), CorrectOutcome::kNotFound);
  EXPECT_EQ(CorrectAccident(sql, acme_, id, Report("2020-01-01"), kNow + 30, {}),
            CorrectOutcome::kNotEmployed);
  EXPECT_EQ(CorrectAccident(sql, acme_, id, changed, kNow + 30, {.actor_user_id = 77}),
            CorrectOutcome::kCorrected);
  const auto now = FindMemberAccident(sql, siti_, id);
  EXPECT_EQ(now->accident_date, "2026-11-04");
  EXPECT_EQ(now->days_unable_to_work, 30);
  EXPECT_EQ(ConfirmAccident(sql, siti_, id, old_version, kNow + 60, {}), ConfirmOutcome::kChanged);
  EXPECT_FALSE(FindMemberAccident(sql, siti_, id)->confirmed());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'accidents.corrected'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inbox_items WHERE message_id = "
                  "'claims.accident.inbox.corrected'"),
            1);
}

LUMBUNG_INSTANTIATE_DB_TESTS(AccidentStoreDbTest);

}  // namespace
}  // namespace lumbung::claims
