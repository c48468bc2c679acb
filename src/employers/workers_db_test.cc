#include "employers/workers.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "core/audit/event.h"
#include "employers/kpj_number.h"
#include "support/test_databases.h"

namespace lumbung::employers {
namespace {

constexpr const char* kToday = "2026-03-10";

class WorkersDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/registry/migrations", "src/core/audit/migrations",
                     "src/core/inbox/migrations", "src/identity/migrations",
                     "src/employers/migrations"});
    acme_ = Employer("ACME0001", "PT Acme");
    other_ = Employer("OTHR0002", "CV Lain");
  }

  std::int64_t Employer(const std::string& npp, const std::string& name) {
    auto lease = db().Acquire();
    long long id = 0;
    lease.session() << "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, "
                       "registered_on) VALUES (:n, :name, 'manufacturing', 31, 1, '2010-01-01') "
                       "RETURNING id",
        soci::into(id), soci::use(npp), soci::use(name);
    return id;
  }
  std::int64_t Member(const std::string& kpj, const std::string& nik, const std::string& name,
                      const std::string& status = "active", const std::string& birth = "1990-08-05",
                      const std::string& sex = "F") {
    auto lease = db().Acquire();
    long long id = 0;
    lease.session() << "INSERT INTO members (kpj, nik, full_name, birth_date, sex, province_code, "
                       "marital_status, registered_on, status) VALUES (:k, :n, :f, :b, :s, 31, "
                       "'married', '2015-07-01', :st) RETURNING id",
        soci::into(id), soci::use(kpj), soci::use(nik), soci::use(name), soci::use(birth),
        soci::use(sex), soci::use(status);
    return id;
  }
  void Spell(std::int64_t member, std::int64_t employer, const std::string& start,
             const std::string& end = "", const std::string& reason = "resigned") {
    auto lease = db().Acquire();
    long long m = member, e = employer;
    std::string end_date = end, end_reason = reason;
    soci::indicator ind = end.empty() ? soci::i_null : soci::i_ok;
    soci::indicator reason_ind = end.empty() ? soci::i_null : soci::i_ok;
    lease.session() << "INSERT INTO employment_spells (member_id, employer_id, start_date, "
                       "end_date, end_reason) VALUES (:m, :e, :s, :d, :r)",
        soci::use(m), soci::use(e), soci::use(start), soci::use(end_date, ind),
        soci::use(end_reason, reason_ind);
  }
  void Wage(std::int64_t member, std::int64_t employer, int period, long long wage) {
    auto lease = db().Acquire();
    long long m = member, e = employer;
    lease.session() << "INSERT INTO wage_reports (member_id, period, employer_id, wage) "
                       "VALUES (:m, :p, :e, :w)",
        soci::use(m), soci::use(period), soci::use(e), soci::use(wage);
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
  std::string Text(const std::string& query) {
    auto lease = db().Acquire();
    std::string text;
    lease.session() << query, soci::into(text);
    return text;
  }
  // What a change must leave untouched when it is refused.
  std::string Snapshot() {
    return std::to_string(Count("SELECT COUNT(*) FROM members")) + "/" +
           std::to_string(Count("SELECT COUNT(*) FROM employment_spells")) + "/" +
           std::to_string(Count("SELECT COUNT(*) FROM employment_spells WHERE end_date IS NULL")) +
           "/" + std::to_string(Count("SELECT COUNT(*) FROM audit_log")) + "/" +
           std::to_string(Count("SELECT COUNT(*) FROM inbox_items")) + "/" +
           std::to_string(Count("SELECT next_value FROM number_sequences WHERE name = 'kpj'")) +
           "/" + Text("SELECT status FROM members ORDER BY id LIMIT 1");
  }

  static audit::Event By(std::int64_t account) {
    return audit::Event{.actor_user_id = account,
                        .subject_user_id = account,
                        .ip = "203.0.113.9",
                        .user_agent = "test"};
  }
  WorkerPage List(std::int64_t employer, const std::string& search,
                  WorkerFilter filter = WorkerFilter::kActive, std::int64_t page = 1) {
    auto lease = db().Acquire();
    return ListWorkers(lease.session(), employer,
                       {.search = search, .filter = filter, .page = page});
  }
  RegisterResult Register(std::int64_t employer, const NewWorker& w) {
    auto lease = db().Acquire();
    return RegisterWorker(lease.session(), employer, w, kToday, By(7));
  }
  EndResult End(std::int64_t employer, std::int64_t member, const std::string& date,
                const std::string& reason = "resigned") {
    auto lease = db().Acquire();
    return EndEmployment(lease.session(), employer, member, date, reason, By(7));
  }
  std::optional<WorkerDetail> Load(std::int64_t employer, std::int64_t member) {
    auto lease = db().Acquire();
    return LoadWorker(lease.session(), employer, member);
  }
  static NewWorker Person(const std::string& nik) {
    return NewWorker{.nik = nik,
                     .full_name = "Rina Wulandari",
                     .birth_date = "1990-08-05",
                     .sex = "F",
                     .start_date = "2026-03-01",
                     .monthly_wage = 5'000'000,
                     .programs = "jht,jkk,jkm"};
  }

  std::int64_t acme_ = 0, other_ = 0;
};

std::string Nik(int serial) {
  std::string s = std::to_string(serial);
  return "317101450890" + std::string(4 - s.size(), '0') + s;
}
std::string Kpj(int n) {
  std::string s = std::to_string(n);
  return "2" + std::string(10 - s.size(), '0') + s;  // legacy: no check digit
}

// ASVS 4.2.1: the list holds this employer's workers only; filter, search and 25 to a page.
TEST_P(WorkersDbTest, ListsFiltersSearchesAndPagesThisEmployersWorkersOnly) {
  for (int i = 1; i <= 30; ++i) {
    const std::string name = i == 7 ? "Siti Rahayu" : "Pekerja " + std::to_string(100 + i);
    const std::int64_t m = Member(Kpj(i), Nik(i), name);
    Spell(m, acme_, "2020-01-01");
  }
  for (int i = 31; i <= 33; ++i) {
    const std::int64_t m = Member(Kpj(i), Nik(i), "Mantan " + std::to_string(i));
    Spell(m, acme_, "2019-01-01", "2024-06-30");
  }
  // Someone who left and came back is active; someone working only elsewhere is not listed.
  const std::int64_t back = Member(Kpj(40), Nik(40), "Kembali Lagi");
  Spell(back, acme_, "2018-01-01", "2019-12-31");
  Spell(back, acme_, "2025-01-01");
  const std::int64_t elsewhere = Member(Kpj(41), Nik(41), "Siti Lain");
  Spell(elsewhere, other_, "2020-01-01");

  const WorkerPage first = List(acme_, "");
  EXPECT_EQ(first.total, 31);
  EXPECT_EQ(first.pages, 2);
  ASSERT_EQ(first.rows.size(), 25u);
  EXPECT_EQ(first.rows.front().full_name, "Kembali Lagi") << "by name";
  EXPECT_EQ(first.rows.front().start_date, "2025-01-01") << "the latest spell";
  EXPECT_TRUE(first.rows.front().active);
  const WorkerPage second = List(acme_, "", WorkerFilter::kActive, 2);
  EXPECT_EQ(second.page, 2);
  EXPECT_EQ(second.rows.size(), 6u);
  EXPECT_EQ(List(acme_, "", WorkerFilter::kActive, 3).page, 1) << "no such page: the first";
  EXPECT_EQ(List(acme_, "", WorkerFilter::kActive, -1).page, 1);

  const WorkerPage ended = List(acme_, "", WorkerFilter::kEnded);
  EXPECT_EQ(ended.total, 3);
  ASSERT_EQ(ended.rows.size(), 3u);
  EXPECT_FALSE(ended.rows[0].active);
  EXPECT_EQ(ended.rows[0].end_date, "2024-06-30");
  EXPECT_EQ(List(acme_, "", WorkerFilter::kAll).total, 34);

  // By name, any case and part of it; by KPJ or its first digits; by the whole NIK.
  const WorkerPage siti = List(acme_, "sITi", WorkerFilter::kAll);
  ASSERT_EQ(siti.total, 1) << "another employer's Siti is not found";
  EXPECT_EQ(siti.rows[0].full_name, "Siti Rahayu");
  EXPECT_EQ(List(acme_, Kpj(7), WorkerFilter::kAll).rows.at(0).full_name, "Siti Rahayu");
  EXPECT_EQ(List(acme_, "2000 0000 0", WorkerFilter::kAll).total, 34) << "first digits of KPJs";
  EXPECT_EQ(List(acme_, Nik(7), WorkerFilter::kAll).rows.at(0).full_name, "Siti Rahayu");
  EXPECT_EQ(List(acme_, "3171-0145-0890-0007", WorkerFilter::kAll).total, 1);
  EXPECT_EQ(List(acme_, Nik(41), WorkerFilter::kAll).total, 0) << "another employer's worker";
  EXPECT_EQ(List(acme_, Kpj(41), WorkerFilter::kAll).total, 0);
  EXPECT_EQ(List(acme_, "Mantan", WorkerFilter::kActive).total, 0);
  EXPECT_EQ(List(acme_, "Mantan", WorkerFilter::kEnded).total, 3);
  // Pattern characters and quotes are text, never SQL.
  EXPECT_EQ(List(acme_, "%", WorkerFilter::kAll).total, 0);
  EXPECT_EQ(List(acme_, "_", WorkerFilter::kAll).total, 0);
  EXPECT_EQ(List(acme_, "' OR 1=1 --", WorkerFilter::kAll).total, 0);
  EXPECT_EQ(List(other_, "", WorkerFilter::kAll).total, 1);
}

TEST_P(WorkersDbTest, AWorkersDetailHasOnlyThisEmployersSpellsAndWages) {
  const std::int64_t rina = Member(Kpj(1), Nik(1), "Rina");
  Spell(rina, acme_, "2018-01-01", "2020-12-31", "contract_ended");
  Spell(rina, other_, "2021-01-01");
  Spell(rina, acme_, "2023-02-01");
  Wage(rina, acme_, 202301, 4'000'000);
  Wage(rina, acme_, 202303, 4'500'000);
  Wage(rina, other_, 202303, 9'999'999);

  const auto w = Load(acme_, rina);
  ASSERT_TRUE(w);
  EXPECT_EQ(w->full_name, "Rina");
  EXPECT_EQ(w->kpj, Kpj(1));
  EXPECT_EQ(w->birth_date, "1990-08-05");
  ASSERT_EQ(w->spells.size(), 2u) << "the other employer's spell is not shown";
  EXPECT_EQ(w->spells[0].start_date, "2023-02-01");
  EXPECT_EQ(w->spells[0].end_date, "");
  EXPECT_EQ(w->spells[0].programs, "jht,jkk,jkm,jp,jkp");
  EXPECT_EQ(w->spells[1].end_date, "2020-12-31");
  EXPECT_EQ(w->spells[1].end_reason, "contract_ended");
  ASSERT_TRUE(w->OpenSpell());
  EXPECT_EQ(w->OpenSpell()->start_date, "2023-02-01");
  ASSERT_EQ(w->wages.size(), 2u);
  EXPECT_EQ(w->wages[0].period, 202303);
  EXPECT_EQ(w->wages[0].wage, 4'500'000);
  EXPECT_EQ(w->wages[1].period, 202301);
  EXPECT_FALSE(w->more_wages);

  // ASVS 4.2.1: a member who never worked here reads like no member at all.
  const std::int64_t stranger = Member(Kpj(2), Nik(2), "Orang Lain");
  Spell(stranger, other_, "2020-01-01");
  EXPECT_FALSE(Load(acme_, stranger));
  EXPECT_FALSE(Load(acme_, 999999));
  EXPECT_TRUE(Load(other_, stranger));
}

TEST_P(WorkersDbTest, ANewPersonGetsTheNextFreeKpjWithACheckDigit) {
  // An older registry already holds the first number this scheme would issue.
  Member(IssueKpj(0), Nik(1), "Lama");
  const std::string before = Snapshot();
  const RegisterResult r = Register(acme_, Person(Nik(2)));
  ASSERT_TRUE(r.registered());
  EXPECT_TRUE(r.new_member);
  EXPECT_EQ(r.kpj, IssueKpj(1)) << "number 0 is taken: skipped, never reused";
  EXPECT_EQ(CheckKpj(r.kpj), KpjProblem::kNone);
  EXPECT_EQ(Count("SELECT next_value FROM number_sequences WHERE name = 'kpj'"), 1'000'000'002);
  EXPECT_NE(Snapshot(), before);

  const auto w = Load(acme_, r.member_id);
  ASSERT_TRUE(w);
  EXPECT_EQ(w->kpj, r.kpj);
  EXPECT_EQ(w->full_name, "Rina Wulandari");
  EXPECT_EQ(w->sex, "F");
  EXPECT_EQ(w->status, "active");
  ASSERT_EQ(w->spells.size(), 1u);
  EXPECT_EQ(w->spells[0].start_date, "2026-03-01");
  EXPECT_EQ(w->spells[0].declared_wage, 5'000'000);
  EXPECT_EQ(w->spells[0].programs, "jht,jkk,jkm");
  EXPECT_EQ(Text("SELECT CAST(registered_on AS TEXT) FROM members WHERE kpj = '" + r.kpj + "'")
                .substr(0, 10),
            kToday);
  EXPECT_EQ(Count("SELECT province_code FROM members WHERE kpj = '" + r.kpj + "'"), 31);

  // The next one gets the next number.
  const RegisterResult next = Register(acme_, Person(Nik(3)));
  EXPECT_EQ(next.kpj, IssueKpj(2));

  // ASVS 7.1.1: audited with the employer and the member, never the NIK.
  auto lease = db().Acquire();
  std::string action, details;
  long long actor = 0;
  lease.session() << "SELECT action, actor_user_id, details FROM audit_log ORDER BY id LIMIT 1",
      soci::into(action), soci::into(actor), soci::into(details);
  EXPECT_EQ(action, "employer.worker_registered");
  EXPECT_EQ(actor, 7);
  const auto parsed = audit::ParseDetailsJson(details);
  EXPECT_EQ(parsed.at("employer_id"), std::to_string(acme_));
  EXPECT_EQ(parsed.at("member_id"), std::to_string(r.member_id));
  EXPECT_EQ(parsed.at("new_member"), "1");
  EXPECT_EQ(details.find(Nik(2)), std::string::npos);
}

TEST_P(WorkersDbTest, AnExistingMemberIsLinkedAndKeepsTheirKpj) {
  const std::int64_t rina = Member(Kpj(1), Nik(1), "Rina Registry", "inactive");
  Spell(rina, other_, "2015-01-01", "2020-01-01");
  NewWorker w = Person(Nik(1));
  w.full_name = "Rina Typed Otherwise";
  const RegisterResult r = Register(acme_, w);
  ASSERT_TRUE(r.registered());
  EXPECT_FALSE(r.new_member);
  EXPECT_EQ(r.member_id, rina);
  EXPECT_EQ(r.kpj, Kpj(1));
  EXPECT_EQ(Count("SELECT next_value FROM number_sequences WHERE name = 'kpj'"), 1'000'000'000)
      << "no number used";
  const auto loaded = Load(acme_, rina);
  EXPECT_EQ(loaded->full_name, "Rina Registry") << "the registry's name stays";
  EXPECT_EQ(loaded->status, "active") << "inactive members become active again";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM members"), 1);

  // Active at another employer is allowed: a second job.
  const std::int64_t budi = Member(Kpj(2), Nik(2), "Budi", "active", "1985-03-04", "M");
  Spell(budi, other_, "2020-01-01");
  NewWorker b = Person(Nik(2));
  b.birth_date = "1985-03-04";
  b.sex = "M";
  EXPECT_TRUE(Register(acme_, b).registered());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM employment_spells WHERE end_date IS NULL AND member_id = " +
                  std::to_string(budi)),
            2);
}

// ASVS 5.1.x: every refusal changes nothing.
TEST_P(WorkersDbTest, RefusalsChangeNothing) {
  const std::int64_t rina = Member(Kpj(1), Nik(1), "Rina");
  Spell(rina, acme_, "2020-01-01");
  Member(Kpj(2), Nik(2), "Almarhum", "deceased");
  const std::string before = Snapshot();

  const RegisterResult again = Register(acme_, Person(Nik(1)));
  EXPECT_FALSE(again.registered());
  EXPECT_TRUE(again.already_active_here);

  NewWorker other_birth = Person(Nik(1));
  other_birth.birth_date = "1991-08-05";
  const RegisterResult birth = Register(other_, other_birth);
  EXPECT_FALSE(birth.registered());
  EXPECT_TRUE(birth.birth_date_differs);
  EXPECT_FALSE(birth.sex_differs);

  NewWorker other_sex = Person(Nik(1));
  other_sex.sex = "M";
  EXPECT_TRUE(Register(other_, other_sex).sex_differs);

  EXPECT_TRUE(Register(acme_, Person(Nik(2))).deceased);
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(WorkersDbTest, EndingTheLastJobMakesTheMemberInactiveAndTellsThem) {
  const std::int64_t rina = Member(Kpj(1), Nik(1), "Rina");
  Spell(rina, acme_, "2020-01-01");
  const std::int64_t account = Account(rina, "rina@example.id");
  const std::string before = Snapshot();

  EXPECT_EQ(End(acme_, rina, "2019-12-31").outcome, EndOutcome::kBeforeStart);
  EXPECT_EQ(End(other_, rina, "2026-01-31").outcome, EndOutcome::kNoOpenSpell)
      << "another employer cannot end it (ASVS 4.2.1)";
  EXPECT_EQ(Snapshot(), before);

  const EndResult r = End(acme_, rina, "2020-01-01", "contract_ended");
  EXPECT_EQ(r.outcome, EndOutcome::kEnded) << "the first day is allowed";
  EXPECT_EQ(r.member_status, "inactive");
  EXPECT_TRUE(r.notified);
  const auto w = Load(acme_, rina);
  EXPECT_EQ(w->spells.at(0).end_date, "2020-01-01");
  EXPECT_EQ(w->spells.at(0).end_reason, "contract_ended");
  EXPECT_EQ(w->status, "inactive");
  EXPECT_FALSE(w->OpenSpell());

  auto lease = db().Acquire();
  long long owner = 0;
  std::string category, message, values, link;
  lease.session() << "SELECT account_id, category, message_id, link FROM inbox_items",
      soci::into(owner), soci::into(category), soci::into(message), soci::into(link);
  EXPECT_EQ(owner, account);
  EXPECT_EQ(category, "contributions");
  EXPECT_EQ(message, "employers.workers.inbox.ended.contract_ended");
  std::string action, details;
  lease.session() << "SELECT action, details FROM audit_log ORDER BY id DESC LIMIT 1",
      soci::into(action), soci::into(details);
  EXPECT_EQ(action, "employer.worker_ended");
  EXPECT_EQ(audit::ParseDetailsJson(details).at("employer_id"), std::to_string(acme_));
  EXPECT_EQ(details.find(Nik(1)), std::string::npos);

  // Ending it again: nothing open any more.
  EXPECT_EQ(EndEmployment(lease.session(), acme_, rina, "2026-01-01", "resigned", By(7)).outcome,
            EndOutcome::kNoOpenSpell);
}

TEST_P(WorkersDbTest, AMemberWithAnotherJobStaysActiveUnlessTheyDied) {
  const std::int64_t budi = Member(Kpj(1), Nik(1), "Budi");  // no portal account
  Spell(budi, acme_, "2020-01-01");
  Spell(budi, other_, "2021-01-01");
  const EndResult r = End(acme_, budi, "2025-12-31");
  EXPECT_EQ(r.outcome, EndOutcome::kEnded);
  EXPECT_EQ(r.member_status, "active") << "still working at the other employer";
  EXPECT_FALSE(r.notified) << "no account: nobody to tell";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inbox_items"), 0);

  const std::int64_t sari = Member(Kpj(2), Nik(2), "Sari");
  Spell(sari, acme_, "2020-01-01");
  Spell(sari, other_, "2021-01-01");
  Account(sari, "sari@example.id");
  EXPECT_EQ(End(other_, sari, "2026-02-02", "died").member_status, "deceased");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inbox_items WHERE message_id = "
                  "'employers.workers.inbox.ended.died'"),
            1);
}

LUMBUNG_INSTANTIATE_DB_TESTS(WorkersDbTest);

}  // namespace
}  // namespace lumbung::employers
