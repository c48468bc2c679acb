#include <gtest/gtest.h>
#include <soci/soci.h>

#include <string>

#include "claims/claim_store.h"
#include "claims/reference.h"
#include "core/db/transaction.h"
#include "profile/profile_store.h"
#include "support/test_databases.h"

namespace lumbung::claims {
namespace {

constexpr std::int64_t kNow = 1'767'225'600;  // 2026-01-01 07.00 WIB

class ClaimStoreDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/registry/migrations", "src/profile/migrations", "src/claims/migrations"});
    alice_ = Member("10000000001", "3171000000000001", "Siti Rahayu");
    bob_ = Member("10000000002", "3171000000000002", "Bambang Wijaya");
  }

  std::int64_t Member(const std::string& kpj, const std::string& nik, const std::string& name) {
    auto lease = db().Acquire();
    long long id = 0;
    lease.session() << "INSERT INTO members (kpj, nik, full_name, birth_date, sex, province_code, "
                       "marital_status, registered_on, status) VALUES (:k, :n, :f, '1990-08-05', "
                       "'F', 33, 'married', '2015-07-01', 'active') RETURNING id",
        soci::into(id), soci::use(kpj), soci::use(nik), soci::use(name);
    return id;
  }
  std::int64_t Draft(std::int64_t member, std::int64_t account) {
    auto lease = db().Acquire();
    return CreateDraft(lease.session(),
                       {.member_id = member,
                        .claimant_account_id = account,
                        .claimant_member_id = member,
                        .program = "JHT",
                        .claim_type = "jht_full"},
                       kNow);
  }
  StepOutcome Step(std::int64_t claim, Action action, Role role, std::int64_t actor,
                   std::optional<std::string> nik = std::nullopt, std::string note = "") {
    auto lease = db().Acquire();
    auto tx = db::Transaction::ForWriting(lease.session());
    auto out = Transition(lease.session(), {.claim_id = claim,
                                            .action = action,
                                            .role = role,
                                            .actor_account_id = actor,
                                            .actor_nik = std::move(nik),
                                            .note = std::move(note),
                                            .now = kNow + 60});
    tx.Commit();
    return out;
  }
  int Pending(std::int64_t member) {
    auto lease = db().Acquire();
    return CountPending(lease.session(), member);
  }

  std::int64_t alice_ = 0, bob_ = 0;
};

TEST_P(ClaimStoreDbTest, ADraftHasARandomReferenceAndIsNotPending) {
  const auto id = Draft(alice_, 11);
  auto lease = db().Acquire();
  const auto claim = FindClaim(lease.session(), id);
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->status, Status::kDraft);
  EXPECT_TRUE(ParseReference(claim->reference).has_value());
  EXPECT_EQ(FindByReference(lease.session(), claim->reference)->id, id);
  EXPECT_EQ(CountPending(lease.session(), alice_), 0) << "a draft is not a claim yet";
}

// The whole happy path, each step recorded; four eyes enforced by the store (ASVS 1.1.6, 4.3.3).
TEST_P(ClaimStoreDbTest, FromDraftToPaidWithFourEyes) {
  const auto id = Draft(alice_, 11);
  EXPECT_EQ(Step(id, Action::kSubmit, Role::kClaimant, 11).to, Status::kSubmitted);
  EXPECT_EQ(Pending(alice_), 1);
  EXPECT_EQ(Step(id, Action::kStartVerification, Role::kVerifier, 21).to, Status::kBeingVerified);
  EXPECT_EQ(Step(id, Action::kVerify, Role::kVerifier, 21).to, Status::kVerified);
  const auto same = Step(id, Action::kApprove, Role::kApprover, 21);
  EXPECT_EQ(same.refusal, StepRefusal::kSeparation);
  EXPECT_EQ(same.separation, Separation::kVerifiedIt);
  const auto approved = Step(id, Action::kApprove, Role::kApprover, 22);
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(approved.claim->verifier_account_id, 21);
  EXPECT_EQ(approved.claim->approver_account_id, 22);
  EXPECT_TRUE(approved.claim->decided_at.has_value());
  EXPECT_EQ(Step(id, Action::kAddToBatch, Role::kFinance, 31).to, Status::kInPayout);
  EXPECT_EQ(Step(id, Action::kRecordPaid, Role::kFinance, 31).to, Status::kPaid);
  EXPECT_EQ(Pending(alice_), 0);
  auto lease = db().Acquire();
  const auto events = EventsOf(lease.session(), id);
  ASSERT_EQ(events.size(), 6u);
  EXPECT_EQ(events[0].action, "submit");
  EXPECT_EQ(events[4].actor_role, "finance");
  EXPECT_EQ(events[5].to_status, "paid");
}

TEST_P(ClaimStoreDbTest, RefusesWhatTheTableRefusesAndChangesNothing) {
  const auto id = Draft(alice_, 11);
  EXPECT_EQ(Step(id, Action::kApprove, Role::kApprover, 22).refusal, StepRefusal::kNotAllowed);
  EXPECT_EQ(Step(id, Action::kSubmit, Role::kClaimant, 12).refusal, StepRefusal::kNotFound)
      << "another account cannot submit it (ASVS 4.2.1)";
  EXPECT_EQ(Step(999999, Action::kSubmit, Role::kClaimant, 11).refusal, StepRefusal::kNotFound);
  auto lease = db().Acquire();
  EXPECT_EQ(FindClaim(lease.session(), id)->status, Status::kDraft);
  EXPECT_TRUE(EventsOf(lease.session(), id).empty());
}

TEST_P(ClaimStoreDbTest, StaffNeverActOnTheirOwnOrARelativesClaim) {
  const auto id = Draft(alice_, 11);
  Step(id, Action::kSubmit, Role::kClaimant, 11);
  const auto own =
      Step(id, Action::kStartVerification, Role::kVerifier, 40, std::string("3171000000000001"));
  EXPECT_EQ(own.separation, Separation::kOwnClaim) << "the staff member is the insured member";
  {
    auto lease = db().Acquire();
    profile::Beneficiary b;
    b.full_name = "Bambang Wijaya";
    b.relation = "spouse";
    b.nik = "3171000000000002";
    b.share_percent = 100;
    ASSERT_TRUE(profile::ReplaceBeneficiaries(lease.session(), alice_, {b}, kNow));
  }
  const auto relative =
      Step(id, Action::kStartVerification, Role::kVerifier, 41, std::string("3171000000000002"));
  EXPECT_EQ(relative.separation, Separation::kRelativesClaim);
  EXPECT_TRUE(
      Step(id, Action::kStartVerification, Role::kVerifier, 42, std::string("3171999999999999"))
          .ok());
}

TEST_P(ClaimStoreDbTest, DocumentsOfOneTypeHaveOneCurrentFile) {
  const auto id = Draft(alice_, 11);
  auto lease = db().Acquire();
  auto& sql = lease.session();
  const auto first = AddDocument(sql,
                                 {.claim_id = id,
                                  .doc_type = "ektp",
                                  .blob_id = "a",
                                  .display_name = "ktp.pdf",
                                  .kind = "pdf",
                                  .size_bytes = 10,
                                  .uploaded_by = 11},
                                 kNow);
  const auto second = AddDocument(sql,
                                  {.claim_id = id,
                                   .doc_type = "ektp",
                                   .blob_id = "b",
                                   .display_name = "ktp2.pdf",
                                   .kind = "pdf",
                                   .size_bytes = 12,
                                   .uploaded_by = 11},
                                  kNow);
  const auto docs = DocumentsOf(sql, id);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_TRUE(docs[0].superseded);
  EXPECT_FALSE(docs[1].superseded);
  EXPECT_FALSE(FindDocument(sql, id + 1, second).has_value()) << "another claim's id";
  EXPECT_FALSE(ReviewDocument(sql, id, second, "accepted", "", 21))
      << "a file the scanner has not cleared cannot be reviewed";
  SetScanResult(sql, second, "clean", "");
  EXPECT_TRUE(ReviewDocument(sql, id, second, "accepted", "", 21));
  EXPECT_FALSE(ReviewDocument(sql, id, first, "accepted", "", 21)) << "superseded";
  EXPECT_TRUE(DocumentsAwaitingScan(sql, 10).size() == 1u);
  EXPECT_TRUE(RemoveDraftDocument(sql, id, first));
}

TEST_P(ClaimStoreDbTest, TheQueueIsOldestFirstAndCountsByStatus) {
  const auto a = Draft(alice_, 11), b = Draft(bob_, 12);
  Step(b, Action::kSubmit, Role::kClaimant, 12);
  Step(a, Action::kSubmit, Role::kClaimant, 11);
  auto lease = db().Acquire();
  const auto queue = Queue(lease.session(), Status::kSubmitted, 10);
  ASSERT_EQ(queue.size(), 2u);
  EXPECT_EQ(queue[0].id, std::min(a, b)) << "same clock: by id";
  const auto next = Queue(lease.session(), Status::kSubmitted, 10,
                          std::make_pair(queue[0].status_since, queue[0].id));
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(CountByStatus(lease.session())[static_cast<int>(Status::kSubmitted)], 2);
}

LUMBUNG_INSTANTIATE_DB_TESTS(ClaimStoreDbTest);

}  // namespace
}  // namespace lumbung::claims
