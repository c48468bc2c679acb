// The training store on SQLite and PostgreSQL: applying, the waiting list, cancelling and the
// offer of the freed place, compare-and-set on the last place, the catalog's search, and one
// provider never reaching another's programmes, sessions or participants (ASVS 4.0.3 V4.2.1).
#include "training/training_store.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <thread>

#include "core/db/transaction.h"
#include "support/test_databases.h"

namespace lumbung::training {
namespace {

constexpr const char* kToday = "2026-03-01";

class TrainingStoreDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations(
        {"src/registry/migrations", "src/claims/migrations", "src/training/migrations"});
    auto lease = db().Acquire();
    auto& sql = lease.session();
    for (int i = 0; i < 6; ++i) {
      members_.push_back(Member(sql, i));
    }
    alpha_ = AddProvider(sql, "Alpha", 100);
    beta_ = AddProvider(sql, "Beta", 100);
    EXPECT_EQ(AddProvider(sql, "Alpha", 200), alpha_);
    LinkProviderStaff(sql, 501, alpha_);
    LinkProviderStaff(sql, 502, beta_);
    programme_ = CreateProgramme(sql, Web(alpha_), 100);
    session_ = *CreateSession(sql, alpha_, Cohort(programme_, 2), 100);
  }

  static long long Member(soci::session& sql, int i) {
    long long id = 0;
    const std::string kpj = "1000000000" + std::to_string(i);
    const std::string nik = "317101450890000" + std::to_string(i);
    const std::string name = "Peserta " + std::to_string(i);
    sql << "INSERT INTO members (kpj, nik, full_name, birth_date, sex, province_code, "
           "marital_status, registered_on, status) VALUES (:k, :n, :f, '1990-08-05', 'F', 31, "
           "'single', '2015-01-01', 'active') RETURNING id",
        soci::into(id), soci::use(kpj), soci::use(nik), soci::use(name);
    return id;
  }

  static Programme Web(std::int64_t provider) {
    Programme p;
    p.provider_id = provider;
    p.title = "Dasar Pemrograman Web";
    p.field = "digital";
    p.mode = "online";
    p.description = "HTML dan CSS";
    p.duration_hours = 40;
    p.requirements.jkp_first = true;
    return p;
  }

  static Session Cohort(std::int64_t programme, int quota,
                        const std::string& starts = "2026-03-10") {
    Session s;
    s.programme_id = programme;
    s.starts_on = starts;
    s.ends_on = starts > "2026-03-20" ? starts : "2026-03-20";
    s.schedule = "Senin-Jumat";
    s.quota = quota;
    return s;
  }

  ApplyResult ApplyAs(int i, bool priority = false, std::int64_t at = 1000,
                      std::int64_t session = 0) {
    auto lease = db().Acquire();
    auto tx = db::Transaction::ForWriting(lease.session());
    const auto r = Apply(lease.session(),
                         {.session_id = session ? session : session_,
                          .member_id = members_[i],
                          .account_id = 700 + i,
                          .priority = priority,
                          .education = ""},
                         kToday, at);
    tx.Commit();
    return r;
  }

  Application App(std::int64_t id) {
    auto lease = db().Acquire();
    return *FindApplication(lease.session(), id);
  }

  int Taken() {
    auto lease = db().Acquire();
    return FindSession(lease.session(), session_)->taken;
  }

  std::vector<long long> members_;
  std::int64_t alpha_ = 0, beta_ = 0, programme_ = 0, session_ = 0;
};

TEST_P(TrainingStoreDbTest, ApplyHoldsAPlaceUntilFullThenTheWaitingListInOrder) {
  const auto a = ApplyAs(0, false, 1000);
  const auto b = ApplyAs(1, false, 1001);
  EXPECT_EQ(a.outcome, ApplyOutcome::kApplied);
  EXPECT_EQ(b.outcome, ApplyOutcome::kApplied);
  EXPECT_EQ(Taken(), 2);
  const auto c = ApplyAs(2, false, 1002);
  const auto d = ApplyAs(3, false, 1003);
  // A JKP recipient goes ahead of those already waiting (the programme says jkp_first).
  const auto e = ApplyAs(4, true, 1004);
  EXPECT_EQ(c.outcome, ApplyOutcome::kWaiting);
  EXPECT_EQ(Taken(), 2);
  auto lease = db().Acquire();
  auto& sql = lease.session();
  EXPECT_EQ(WaitingPosition(sql, *FindApplication(sql, e.application_id)), 1);
  EXPECT_EQ(WaitingPosition(sql, *FindApplication(sql, c.application_id)), 2);
  EXPECT_EQ(WaitingPosition(sql, *FindApplication(sql, d.application_id)), 3);
  EXPECT_EQ(WaitingPosition(sql, *FindApplication(sql, a.application_id)), 0);
  EXPECT_EQ(FindSession(sql, session_)->waiting, 3);
  // One open application per member and programme.
  const auto again = Apply(
      sql, {.session_id = session_, .member_id = members_[2], .account_id = 702}, kToday, 1005);
  EXPECT_EQ(again.outcome, ApplyOutcome::kAlreadyApplied);
  EXPECT_EQ(again.application_id, c.application_id);
}

TEST_P(TrainingStoreDbTest, ClosedOnceTheSessionBegins) {
  auto lease = db().Acquire();
  auto& sql = lease.session();
  EXPECT_EQ(Apply(sql, {.session_id = session_, .member_id = members_[0], .account_id = 700},
                  "2026-03-10", 1000)
                .outcome,
            ApplyOutcome::kClosed);
  EXPECT_EQ(
      Apply(sql, {.session_id = 999999, .member_id = members_[0], .account_id = 700}, kToday, 1000)
          .outcome,
      ApplyOutcome::kClosed);
}

TEST_P(TrainingStoreDbTest, CancelOffersThePlaceToTheFirstWaitingWhoAnswers) {
  const auto a = ApplyAs(0);
  ApplyAs(1);
  const auto c = ApplyAs(2, false, 1002);
  const auto d = ApplyAs(3, false, 1003);
  auto lease = db().Acquire();
  auto& sql = lease.session();
  // Only the owner may cancel (another member's looks like none).
  EXPECT_FALSE(Cancel(sql, a.application_id, members_[1], kToday, 2000));
  const auto cancelled = Cancel(sql, a.application_id, members_[0], kToday, 2000);
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->after, Status::kCancelled);
  ASSERT_TRUE(cancelled->offered);
  EXPECT_EQ(cancelled->offered->id, c.application_id);
  EXPECT_EQ(cancelled->offered->account_id, 702);
  EXPECT_EQ(FindApplication(sql, c.application_id)->status, Status::kOffered);
  EXPECT_EQ(FindSession(sql, session_)->taken, 2);  // the place went on to the offer
  EXPECT_EQ(WaitingPosition(sql, *FindApplication(sql, d.application_id)), 1);
  // Cancelling twice changes nothing.
  EXPECT_FALSE(Cancel(sql, a.application_id, members_[0], kToday, 2001));
  // The offered member declines: the next is offered.
  const auto declined = DeclineOffer(sql, c.application_id, members_[2], 2100);
  ASSERT_TRUE(declined);
  EXPECT_EQ(declined->after, Status::kDeclined);
  ASSERT_TRUE(declined->offered);
  EXPECT_EQ(declined->offered->id, d.application_id);
  // Not an offer any more: it cannot be accepted.
  EXPECT_FALSE(AcceptOffer(sql, c.application_id, members_[2], 2101));
  const auto accepted = AcceptOffer(sql, d.application_id, members_[3], 2200);
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->after, Status::kAccepted);
  EXPECT_EQ(FindSession(sql, session_)->taken, 2);
  // With nobody waiting a cancelled place goes back to the session.
  ASSERT_TRUE(Cancel(sql, d.application_id, members_[3], kToday, 2300));
  EXPECT_EQ(FindSession(sql, session_)->taken, 1);
  // Too late on the first day.
  const auto b = ApplicationsOf(sql, members_[1]).at(0).application;
  EXPECT_FALSE(Cancel(sql, b.id, members_[1], "2026-03-10", 2400));
}

// Two members racing for the last place from two connections: exactly one gets it, the other
// joins the waiting list (compare-and-set on taken < quota).
TEST_P(TrainingStoreDbTest, TwoMembersCannotBothTakeTheLastPlace) {
  ApplyAs(0);
  ASSERT_EQ(Taken(), 1);
  std::atomic<int> ready{0};
  std::vector<ApplyResult> results(2);
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready < 2) std::this_thread::yield();
      for (int attempt = 0;; ++attempt) {
        try {
          results[i] = ApplyAs(1 + i, false, 1500 + i);
          return;
        } catch (const std::exception&) {
          // SQLite's writer lock was busy: try again, as a request would be.
          if (attempt > 50) throw;
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  const int applied = (results[0].outcome == ApplyOutcome::kApplied) +
                      (results[1].outcome == ApplyOutcome::kApplied);
  const int waiting = (results[0].outcome == ApplyOutcome::kWaiting) +
                      (results[1].outcome == ApplyOutcome::kWaiting);
  EXPECT_EQ(applied, 1);
  EXPECT_EQ(waiting, 1);
  EXPECT_EQ(Taken(), 2);
}

TEST_P(TrainingStoreDbTest, ProvidersReachOnlyTheirOwn) {
  const auto a = ApplyAs(0);
  auto lease = db().Acquire();
  auto& sql = lease.session();
  EXPECT_EQ(ProviderOfAccount(sql, 501)->id, alpha_);
  EXPECT_EQ(ProviderOfAccount(sql, 502)->id, beta_);
  EXPECT_FALSE(ProviderOfAccount(sql, 503));
  // Beta cannot see, change or add sessions to Alpha's programme, nor act on its participants.
  EXPECT_FALSE(FindProviderProgramme(sql, beta_, programme_));
  EXPECT_FALSE(FindProviderSession(sql, beta_, session_));
  Programme changed = Web(beta_);
  changed.id = programme_;
  changed.title = "Diambil alih";
  EXPECT_FALSE(UpdateProgramme(sql, beta_, changed, 300));
  EXPECT_EQ(FindProgramme(sql, programme_)->title, "Dasar Pemrograman Web");
  EXPECT_FALSE(CreateSession(sql, beta_, Cohort(programme_, 5), 300));
  Session bigger = Cohort(programme_, 50);
  bigger.id = session_;
  EXPECT_EQ(UpdateSession(sql, beta_, bigger, 300, nullptr), SessionUpdate::kNotFound);
  EXPECT_FALSE(ProviderStep(sql, beta_, a.application_id, Step::kConfirm, kToday, 300));
  EXPECT_EQ(FindApplication(sql, a.application_id)->status, Status::kApplied);
  EXPECT_TRUE(ProgrammesOf(sql, beta_).empty());
  ASSERT_EQ(ProgrammesOf(sql, alpha_).size(), 1u);
  // Alpha can.
  const auto confirmed = ProviderStep(sql, alpha_, a.application_id, Step::kConfirm, kToday, 300);
  ASSERT_TRUE(confirmed);
  EXPECT_EQ(confirmed->after, Status::kAccepted);
}

TEST_P(TrainingStoreDbTest, AttendanceAndCompletionFromTheFirstDay) {
  const auto a = ApplyAs(0);
  auto lease = db().Acquire();
  auto& sql = lease.session();
  ASSERT_TRUE(ProviderStep(sql, alpha_, a.application_id, Step::kConfirm, kToday, 300));
  EXPECT_FALSE(ProviderStep(sql, alpha_, a.application_id, Step::kStart, kToday, 301));
  ASSERT_TRUE(ProviderStep(sql, alpha_, a.application_id, Step::kStart, "2026-03-10", 302));
  const auto done = ProviderStep(sql, alpha_, a.application_id, Step::kComplete, "2026-03-20", 303);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->after, Status::kCompleted);
  EXPECT_FALSE(
      ProviderStep(sql, alpha_, a.application_id, Step::kRecordNotComplete, "2026-03-20", 304));
  SetCertificate(sql, a.application_id, 77);
  EXPECT_EQ(FindApplication(sql, a.application_id)->certificate_id, 77);
  // A member's own pages.
  const auto mine = ApplicationsOf(sql, members_[0]);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].programme.title, "Dasar Pemrograman Web");
  EXPECT_EQ(mine[0].programme.provider_name, "Alpha");
  EXPECT_TRUE(ApplicationsOf(sql, members_[1]).empty());
  const auto people = Participants(sql, session_);
  ASSERT_EQ(people.size(), 1u);
  EXPECT_EQ(people[0].full_name, "Peserta 0");
  EXPECT_EQ(people[0].nik, "3171014508900000");
}

TEST_P(TrainingStoreDbTest, ALargerQuotaOffersTheNewPlacesToTheWaitingList) {
  ApplyAs(0);
  ApplyAs(1);
  const auto c = ApplyAs(2, false, 1002);
  const auto d = ApplyAs(3, false, 1003);
  auto lease = db().Acquire();
  auto& sql = lease.session();
  Session s = *FindSession(sql, session_);
  s.quota = 1;
  EXPECT_EQ(UpdateSession(sql, alpha_, s, 400, nullptr), SessionUpdate::kQuotaBelowTaken);
  s.quota = 3;
  std::vector<std::int64_t> offered;
  EXPECT_EQ(UpdateSession(sql, alpha_, s, 400, &offered), SessionUpdate::kUpdated);
  ASSERT_EQ(offered.size(), 1u);
  EXPECT_EQ(offered[0], c.application_id);
  EXPECT_EQ(FindApplication(sql, d.application_id)->status, Status::kWaiting);
  EXPECT_EQ(FindSession(sql, session_)->taken, 3);
}

TEST_P(TrainingStoreDbTest, CatalogSearchFiltersAndPages) {
  auto lease = db().Acquire();
  auto& sql = lease.session();
  Programme weld = Web(beta_);
  weld.title = "Teknik Las 100%";
  weld.field = "construction";
  weld.mode = "in_person";
  weld.province_code = 35;
  weld.city = "Surabaya";
  const auto weld_id = CreateProgramme(sql, weld, 100);
  ASSERT_TRUE(CreateSession(sql, beta_, Cohort(weld_id, 10, "2026-04-01"), 100));
  Programme old = Web(beta_);
  old.title = "Sudah lewat";
  const auto old_id = CreateProgramme(sql, old, 100);
  ASSERT_TRUE(CreateSession(sql, beta_, Cohort(old_id, 10, "2026-02-01"), 100));
  Programme hidden = Web(beta_);
  hidden.title = "Belum terbit";
  hidden.published = false;
  const auto hidden_id = CreateProgramme(sql, hidden, 100);
  ASSERT_TRUE(CreateSession(sql, beta_, Cohort(hidden_id, 10), 100));

  CatalogPage all = SearchCatalog(sql, {}, kToday, 10);
  ASSERT_EQ(all.total, 2);
  EXPECT_EQ(all.programmes[0].id, programme_);  // the soonest first
  EXPECT_EQ(all.next_starts[0], "2026-03-10");
  EXPECT_EQ(all.programmes[1].id, weld_id);
  CatalogFilter f;
  f.field = "construction";
  EXPECT_EQ(SearchCatalog(sql, f, kToday, 10).total, 1);
  f = {};
  f.province = 35;  // that province's in-person ones and every online one
  EXPECT_EQ(SearchCatalog(sql, f, kToday, 10).total, 2);
  f.mode = "in_person";
  EXPECT_EQ(SearchCatalog(sql, f, kToday, 10).total, 1);
  f = {};
  f.province = 31;
  f.mode = "in_person";
  EXPECT_EQ(SearchCatalog(sql, f, kToday, 10).total, 0);
  f = {};
  f.q = "LAS 100%";  // case-insensitive; % is a character, not a wildcard
  ASSERT_EQ(SearchCatalog(sql, f, kToday, 10).total, 1);
  f.q = "100%%";
  EXPECT_EQ(SearchCatalog(sql, f, kToday, 10).total, 0);
  f = {};
  f.q = "beta";  // the provider's name
  EXPECT_EQ(SearchCatalog(sql, f, kToday, 10).total, 1);
  f = {};
  f.from = "2026-03-15";
  EXPECT_EQ(SearchCatalog(sql, f, kToday, 10).total, 1);
  f = {};
  f.page = 2;
  CatalogPage second = SearchCatalog(sql, f, kToday, 1);
  EXPECT_EQ(second.total, 2);
  ASSERT_EQ(second.programmes.size(), 1u);
  EXPECT_EQ(second.programmes[0].id, weld_id);
}

TEST_P(TrainingStoreDbTest, MemberFactsFromTheRegistryAndJkpClaims) {
  auto lease = db().Acquire();
  auto& sql = lease.session();
  auto facts = LoadMemberFacts(sql, members_[0]);
  ASSERT_TRUE(facts);
  EXPECT_EQ(IsoDay(facts->birth_date), "1990-08-05");
  EXPECT_TRUE(facts->active_member);
  EXPECT_FALSE(facts->jkp_recipient);
  long long member = members_[0], now = 1000;
  sql << "INSERT INTO claims (reference, member_id, claimant_account_id, claimant_member_id,"
         " program, claim_type, status, created_at, updated_at, status_since) VALUES"
         " ('K-00000000001', :m, 1, :cm, 'JKP', 'jkp', 'paid', :n1, :n2, :n3)",
      soci::use(member), soci::use(member), soci::use(now), soci::use(now), soci::use(now);
  EXPECT_TRUE(LoadMemberFacts(sql, members_[0])->jkp_recipient);
  EXPECT_FALSE(LoadMemberFacts(sql, 999999));
}

TEST_P(TrainingStoreDbTest, DashboardSummary) {
  const auto a = ApplyAs(0);
  auto lease = db().Acquire();
  auto& sql = lease.session();
  auto s = SummaryOf(sql, members_[0], kToday);
  EXPECT_EQ(s.open, 1);
  ASSERT_TRUE(s.next);
  EXPECT_EQ(s.next->application.id, a.application_id);
  EXPECT_EQ(SummaryOf(sql, members_[1], kToday).open, 0);
  EXPECT_FALSE(SummaryOf(sql, members_[0], "2026-03-21").next);
}

LUMBUNG_INSTANTIATE_DB_TESTS(TrainingStoreDbTest);

}  // namespace
}  // namespace lumbung::training
