#include "claims/payout_batch.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <string>

#include "claims/claim_store.h"
#include "claims/reference.h"
#include "core/db/row_value.h"
#include "profile/bank.h"
#include "profile/profile_store.h"
#include "support/test_databases.h"

namespace lumbung::claims {
namespace {

constexpr std::int64_t kNow = 1'767'225'600;  // 2026-01-01 07.00 WIB
constexpr std::int64_t kFinance = 900;        // a finance staff account
constexpr std::int64_t kOtherFinance = 901;
const std::string kSealKey(32, 'k');

class PayoutBatchDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/core/audit/migrations", "src/core/inbox/migrations",
                     "src/registry/migrations", "src/profile/migrations", "src/claims/migrations"});
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
  void Bank(std::int64_t member, const std::string& bank, const std::string& digits,
            const std::string& holder, bool mismatch = false) {
    auto lease = db().Acquire();
    profile::SaveBankAccount(
        lease.session(), member,
        {.bank_code = bank,
         .account_sealed = profile::SealAccountNumber(kSealKey, member, digits),
         .account_last4 = profile::LastFour(digits),
         .holder_name = holder,
         .updated_at = kNow,
         .holder_mismatch = mismatch});
  }
  // An approved claim of `member`, made by account `account`.
  std::int64_t Approved(std::int64_t member, std::int64_t account, std::int64_t amount,
                        std::int64_t since = kNow) {
    auto lease = db().Acquire();
    const auto id = CreateDraft(lease.session(),
                                {.member_id = member,
                                 .claimant_account_id = account,
                                 .claimant_member_id = member,
                                 .program = "JHT",
                                 .claim_type = "jht_full",
                                 .answers = "{}"},
                                kNow);
    long long key = id, value = amount, at = since;
    lease.session() << "UPDATE claims SET status = 'approved', amount = :a, status_since = :s"
                       " WHERE id = :id",
        soci::use(value), soci::use(at), soci::use(key);
    return id;
  }
  Status StatusOf(std::int64_t claim) {
    auto lease = db().Acquire();
    return FindClaim(lease.session(), claim)->status;
  }
  std::int64_t Count(const std::string& query) {
    auto lease = db().Acquire();
    long long n = 0;
    lease.session() << query, soci::into(n);
    return n;
  }
  PayoutActor Actor(std::int64_t account = kFinance) {
    return {.account_id = account, .nik = std::nullopt, .context = {"203.0.113.9", "test"}};
  }
  BatchMade Make(std::int64_t account = kFinance) {
    auto lease = db().Acquire();
    return MakeBatch(lease.session(), kSealKey, Actor(account), {}, kNow + 60);
  }
  ResultsApplied Import(std::int64_t batch, const std::string& csv) {
    auto lease = db().Acquire();
    return ImportResults(lease.session(), batch, csv, Actor(), {}, "2026-01-05", kNow + 120);
  }
  std::string Reference(std::int64_t claim) {
    auto lease = db().Acquire();
    return FindClaim(lease.session(), claim)->reference;
  }
};

// Every payout reads its account through PayoutAccountFor; held claims stay out, with why.
TEST_P(PayoutBatchDbTest, MakingABatchTakesReadyClaimsAndHoldsTheRest) {
  const auto siti = Member("10000000001", "3171000000000001", "Siti Rahayu");
  const auto budi = Member("10000000002", "3171000000000002", "Budi Santoso");
  const auto ani = Member("10000000003", "3171000000000003", "Ani Lestari");
  const auto dewi = Member("10000000004", "3171000000000004", "Dewi Sartika");
  Bank(siti, "bca", "0012345678", "Siti Rahayu");
  Bank(budi, "bri", "9876543210", "Budi Santoso");
  Bank(dewi, "bni", "5555666677", "Orang Lain", /*mismatch=*/true);
  const auto a = Approved(siti, 11, 12'500'000);
  const auto b = Approved(budi, 12, 7'000'000);
  const auto no_account = Approved(ani, 13, 1'000'000);
  const auto other_holder = Approved(dewi, 14, 2'000'000);

  {
    auto lease = db().Acquire();
    const auto waiting = ClaimsWaiting(lease.session(), kSealKey);
    EXPECT_EQ(waiting.ready.size(), 2u);
    EXPECT_EQ(waiting.ready_total, 19'500'000);
    ASSERT_EQ(waiting.held.size(), 2u);
  }
  const BatchMade made = Make();
  ASSERT_TRUE(made.batch_id);
  EXPECT_EQ(made.items, 2);
  EXPECT_EQ(made.total, 19'500'000);
  ASSERT_EQ(made.held.size(), 2u);
  EXPECT_EQ(made.held[0].claim.id, no_account);
  EXPECT_EQ(made.held[0].hold, HoldReason::kNoAccount);
  EXPECT_EQ(made.held[1].claim.id, other_holder);
  EXPECT_EQ(made.held[1].hold, HoldReason::kNeedsStaffCheck);

  EXPECT_EQ(StatusOf(a), Status::kInPayout);
  EXPECT_EQ(StatusOf(b), Status::kInPayout);
  EXPECT_EQ(StatusOf(no_account), Status::kApproved);
  EXPECT_EQ(StatusOf(other_holder), Status::kApproved);
  auto lease = db().Acquire();
  const auto batch = FindBatch(lease.session(), *made.batch_id);
  ASSERT_TRUE(batch);
  EXPECT_EQ(batch->state, "exported");
  EXPECT_EQ(batch->item_count, 2);
  EXPECT_EQ(batch->pending, 2);
  const auto items = ItemsOf(lease.session(), *made.batch_id);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].claim_id, a);
  EXPECT_EQ(items[0].amount, 12'500'000);
  EXPECT_EQ(items[0].bank_code, "bca");
  EXPECT_EQ(items[0].account_last4, "5678");
  EXPECT_EQ(items[0].holder_name, "Siti Rahayu");
  // ASVS 7.1.x: the batch and each claim's step are on record; the claimant is told.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'payouts.batch_created'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'claims.add_to_batch'"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inbox_items WHERE account_id IN (11, 12)"), 2);
  EXPECT_FALSE(MakeBatch(lease.session(), kSealKey, Actor(), {}, kNow + 90).batch_id)
      << "nothing is ready any more";
}

// ASVS 1.1.6 / 4.3.3: finance never pays out their own claim.
TEST_P(PayoutBatchDbTest, FinanceNeverBatchesTheirOwnClaim) {
  const auto siti = Member("10000000001", "3171000000000001", "Siti Rahayu");
  Bank(siti, "bca", "0012345678", "Siti Rahayu");
  const auto own = Approved(siti, kFinance, 1'000'000);
  const BatchMade made = Make(kFinance);
  EXPECT_FALSE(made.batch_id);
  ASSERT_EQ(made.held.size(), 1u);
  EXPECT_EQ(made.held[0].hold, HoldReason::kSeparation);
  EXPECT_EQ(StatusOf(own), Status::kApproved);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'claims.add_to_batch'"
                  " AND result = 'denied'"),
            1);
  EXPECT_TRUE(Make(kOtherFinance).batch_id);
}

TEST_P(PayoutBatchDbTest, TheBankFileHasFullNumbersOnlyForUnchangedAccounts) {
  const auto siti = Member("10000000001", "3171000000000001", "Siti Rahayu");
  const auto budi = Member("10000000002", "3171000000000002", "Budi Santoso");
  Bank(siti, "bca", "0012345678", "Siti Rahayu");
  Bank(budi, "bri", "9876543210", "Budi Santoso");
  const auto a = Approved(siti, 11, 12'500'000);
  Approved(budi, 12, 7'000'000);
  const auto batch = *Make().batch_id;
  Bank(budi, "bri", "1111222233", "Budi Santoso");  // changed after the batch was made

  auto lease = db().Acquire();
  const auto file = MakeBankFile(lease.session(), kSealKey, batch);
  EXPECT_EQ(file.rows, 1);
  ASSERT_EQ(file.left_out.size(), 1u);
  EXPECT_EQ(file.left_out[0].account_last4, "3210");
  const auto items = ItemsOf(lease.session(), batch);
  const std::string ref = FindClaim(lease.session(), a)->reference;
  EXPECT_EQ(file.csv, BankFileHeaderLine() + std::to_string(batch) + "," +
                          std::to_string(items[0].id) + "," + ref +
                          ",bca,0012345678,Siti Rahayu,12500000,Lumbung JHT " + ref + "\r\n");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM payout_items WHERE account_last4 = '5678'"), 1)
      << "only the last four digits are kept with the batch";
}

TEST_P(PayoutBatchDbTest, ResultsMovePaidAndFailedClaimsOnceAndAFailedClaimJoinsTheNextBatch) {
  const auto siti = Member("10000000001", "3171000000000001", "Siti Rahayu");
  const auto budi = Member("10000000002", "3171000000000002", "Budi Santoso");
  Bank(siti, "bca", "0012345678", "Siti Rahayu");
  Bank(budi, "bri", "9876543210", "Budi Santoso");
  const auto a = Approved(siti, 11, 12'500'000);
  const auto b = Approved(budi, 12, 7'000'000);
  const auto batch = *Make().batch_id;
  std::vector<PayoutItem> items;
  {
    auto lease = db().Acquire();
    items = ItemsOf(lease.session(), batch);
  }
  const std::string header = "item,reference,amount,result,reason,paid_on\n";
  const std::string paid =
      std::to_string(items[0].id) + "," + Reference(a) + ",12500000,paid,," + "2026-01-03\n";
  const std::string failed =
      std::to_string(items[1].id) + "," + Reference(b) + ",7000000,failed,closed,\n";

  // One wrong amount refuses the whole file: nothing stored.
  const std::string wrong =
      std::to_string(items[1].id) + "," + Reference(b) + ",7000001,failed,closed,\n";
  auto refused = Import(batch, header + paid + wrong);
  EXPECT_FALSE(refused.ok());
  ASSERT_EQ(refused.issues.size(), 1u);
  EXPECT_EQ(refused.issues[0].row_number, 3);
  EXPECT_EQ(refused.issues[0].problem, ResultProblem::kAmountMismatch);
  EXPECT_EQ(StatusOf(a), Status::kInPayout);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM payout_items WHERE result <> 'pending'"), 0);

  const auto applied = Import(batch, header + paid + failed);
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(applied.paid, 1);
  EXPECT_EQ(applied.failed, 1);
  EXPECT_TRUE(applied.reconciled);
  EXPECT_EQ(StatusOf(a), Status::kPaid);
  EXPECT_EQ(StatusOf(b), Status::kPayoutFailed);
  {
    auto lease = db().Acquire();
    const auto stored = ItemsOf(lease.session(), batch);
    EXPECT_EQ(stored[0].paid_on, "2026-01-03");
    EXPECT_EQ(stored[1].failure_reason, "closed");
    EXPECT_EQ(FindBatch(lease.session(), batch)->state, "reconciled");
    EXPECT_EQ(LatestItemOfClaim(lease.session(), b)->failure_reason, "closed");
  }
  const auto audits = Count("SELECT COUNT(*) FROM audit_log");
  const auto events = Count("SELECT COUNT(*) FROM claim_events");

  // The same file again changes nothing.
  const auto again = Import(batch, header + paid + failed);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.paid + again.failed, 0);
  EXPECT_EQ(again.unchanged, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), audits);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM claim_events"), events);
  // A later file cannot turn a recorded result around.
  const std::string turned =
      std::to_string(items[0].id) + "," + Reference(a) + ",12500000,failed,other,\n";
  EXPECT_FALSE(Import(batch, header + turned).ok());
  EXPECT_EQ(StatusOf(a), Status::kPaid);

  // The member corrects the account and the claim joins the next batch by itself.
  Bank(budi, "mandiri", "4444555566", "Budi Santoso");
  {
    auto lease = db().Acquire();
    SavePayoutChoice(lease.session(), b, "mandiri", "5566", "Budi Santoso", "", kNow + 200);
    auto step = Transition(lease.session(), {.claim_id = b,
                                             .action = Action::kCorrectAccount,
                                             .role = Role::kClaimant,
                                             .actor_account_id = 12,
                                             .actor_nik = std::nullopt,
                                             .note = "",
                                             .now = kNow + 200});
    ASSERT_TRUE(step.ok());
  }
  const auto next = Make();
  ASSERT_TRUE(next.batch_id);
  EXPECT_EQ(next.items, 1);
  auto lease = db().Acquire();
  const auto again_items = ItemsOf(lease.session(), *next.batch_id);
  ASSERT_EQ(again_items.size(), 1u);
  EXPECT_EQ(again_items[0].claim_id, b);
  EXPECT_EQ(again_items[0].bank_code, "mandiri");
  EXPECT_EQ(LatestItemOfClaim(lease.session(), b)->batch_id, *next.batch_id);
}

TEST_P(PayoutBatchDbTest, AFileThatCannotBeReadStoresNothing) {
  const auto siti = Member("10000000001", "3171000000000001", "Siti Rahayu");
  Bank(siti, "bca", "0012345678", "Siti Rahayu");
  Approved(siti, 11, 1'000);
  const auto batch = *Make().batch_id;
  const auto result = Import(batch, "item,reference,amount\n1,2,3\n");
  ASSERT_TRUE(result.file_error);
  EXPECT_EQ(result.file_error->problem, ResultFileProblem::kMissingColumn);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM payout_items WHERE result <> 'pending'"), 0);
}

LUMBUNG_INSTANTIATE_DB_TESTS(PayoutBatchDbTest);

}  // namespace
}  // namespace lumbung::claims
