#include "subsidy/batch_store.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <string>

#include "core/db/row_value.h"
#include "profile/bank.h"
#include "profile/profile_store.h"
#include "support/test_databases.h"

namespace lumbung::subsidy {
namespace {

constexpr std::int64_t kNow = 1'767'225'600;  // 2026-01-01 07.00 WIB
constexpr std::int64_t kOfficer = 900;
constexpr std::int64_t kSecondOfficer = 901;
constexpr std::int64_t kFinance = 902;
const std::string kSealKey(32, 'k');
constexpr int kYear = 2025;

Program TestProgram() {
  Program p;
  p.year = kYear;
  p.amount_per_month = 300'000;
  p.months = 2;
  p.transfers = {600'000};
  return p;
}

class BatchStoreDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/core/audit/migrations", "src/registry/migrations",
                     "src/profile/migrations", "src/subsidy/migrations"});
  }

  std::int64_t Member(const std::string& nik, const std::string& name) {
    auto lease = db().Acquire();
    long long id = 0;
    const std::string kpj = "1" + nik.substr(6);
    lease.session() << "INSERT INTO members (kpj, nik, full_name, birth_date, sex, province_code, "
                       "marital_status, registered_on, status) VALUES (:k, :n, :f, '1990-08-05', "
                       "'F', 33, 'married', '2015-07-01', 'active') RETURNING id",
        soci::into(id), soci::use(kpj), soci::use(nik), soci::use(name);
    return id;
  }
  void Bank(std::int64_t member, const std::string& bank, const std::string& digits,
            const std::string& holder, bool mismatch = false, std::int64_t at = kNow) {
    auto lease = db().Acquire();
    profile::SaveBankAccount(
        lease.session(), member,
        {.bank_code = bank,
         .account_sealed = profile::SealAccountNumber(kSealKey, member, digits),
         .account_last4 = profile::LastFour(digits),
         .holder_name = holder,
         .updated_at = at,
         .holder_mismatch = mismatch});
  }
  // A run of the programme (confirmed or not) deciding `eligible` members eligible.
  std::int64_t Run(const std::vector<std::int64_t>& eligible, bool confirmed = true,
                   const std::vector<std::int64_t>& not_eligible = {}) {
    auto lease = db().Acquire();
    long long run = 0;
    int year = kYear, flag = confirmed ? 1 : 0;
    long long at = kNow;
    lease.session() << "INSERT INTO subsidy_runs (program_year, dry_run, state, started_at,"
                       " finished_at, confirmed) VALUES (:y, 0, 'done', :a, :a2, :c) RETURNING id",
        soci::use(year), soci::use(at), soci::use(at), soci::use(flag), soci::into(run);
    for (auto [list, value] : {std::pair{&eligible, 1}, std::pair{&not_eligible, 0}}) {
      for (std::int64_t m : *list) {
        long long member = m;
        int e = value;
        lease.session() << "INSERT INTO subsidy_outcomes (run_id, member_id, eligible, reasons,"
                           " wage, wage_limit, account_problem) VALUES (:r, :m, :e, 0, 3000000,"
                           " 3500000, 0)",
            soci::use(run), soci::use(member), soci::use(e);
      }
    }
    return run;
  }
  BatchActor Actor(std::int64_t account, std::optional<std::string> nik = std::nullopt) {
    return {.account_id = account, .nik = nik, .ip = "203.0.113.9", .user_agent = "test"};
  }
  BatchesMade Make(std::int64_t size = 10000) {
    auto lease = db().Acquire();
    return MakeBatches(lease.session(), TestProgram(), size, Actor(kOfficer));
  }
  BatchRefusal Step(std::int64_t batch, BatchAction action, BatchRole role, std::int64_t account,
                    std::optional<std::string> nik = std::nullopt) {
    auto lease = db().Acquire();
    return TakeBatchStep(lease.session(), batch, action, role, Actor(account, nik), kNow + 10);
  }
  BatchSent Send(std::int64_t batch) {
    auto lease = db().Acquire();
    return SendBatch(lease.session(), kSealKey, batch, BatchRole::kFinance, Actor(kFinance),
                     kNow + 20);
  }
  ResultsRecorded Import(std::int64_t batch, const std::string& csv) {
    auto lease = db().Acquire();
    return RecordBankResults(lease.session(), batch, csv, BatchRole::kFinance, Actor(kFinance),
                             "2026-01-05");
  }
  SubsidyBatch Batch(std::int64_t id) {
    auto lease = db().Acquire();
    return *FindBatch(lease.session(), id);
  }
  std::vector<SubsidyPayment> Payments(std::int64_t batch) {
    auto lease = db().Acquire();
    return PaymentsOf(lease.session(), batch, "", 1000);
  }
  std::int64_t Count(const std::string& query) {
    auto lease = db().Acquire();
    long long n = 0;
    lease.session() << query, soci::into(n);
    return n;
  }
  // Made, submitted by one officer, approved by another, sent.
  std::int64_t SentBatch(std::int64_t batch) {
    EXPECT_EQ(Step(batch, BatchAction::kSubmit, BatchRole::kOfficer, kOfficer),
              BatchRefusal::kNone);
    EXPECT_EQ(Step(batch, BatchAction::kApprove, BatchRole::kApprover, kSecondOfficer),
              BatchRefusal::kNone);
    EXPECT_EQ(Send(batch).refusal, BatchRefusal::kNone);
    return batch;
  }
};

// Set-based batches: eligible members of the confirmed run only, in numbered batches of the
// configured size, bank or post office by the payout account, another person's account held.
TEST_P(BatchStoreDbTest, MakingBatchesGroupsTheConfirmedRunsEligibleMembers) {
  const auto a = Member("3171010101900001", "Siti Rahayu");
  const auto b = Member("3171010101900002", "Budi Santoso");
  const auto c = Member("3171010101900003", "Ani Lestari");
  const auto d = Member("3171010101900004", "Dewi Sartika");
  const auto e = Member("3171010101900005", "Eko Prasetyo");
  const auto f = Member("3171010101900006", "Fajar Nugroho");
  Bank(a, "bca", "0012345678", "Siti Rahayu");
  Bank(b, "bri", "9876543210", "Budi Santoso");
  Bank(d, "bni", "5555666677", "Orang Lain", /*mismatch=*/true);
  Bank(e, "bca", "1111222233", "Eko Prasetyo");
  Run({a, b}, /*confirmed=*/false);  // a dry run nobody confirmed: not the candidates
  {
    auto lease = db().Acquire();
    EXPECT_FALSE(CandidatesFor(lease.session(), TestProgram()).run_id);
  }
  Run({a, b, c, d, e}, true, {f});
  {
    auto lease = db().Acquire();
    const auto candidates = CandidatesFor(lease.session(), TestProgram());
    ASSERT_TRUE(candidates.run_id);
    EXPECT_EQ(candidates.ready, 4);
    EXPECT_EQ(candidates.ready_bank, 3);
    EXPECT_EQ(candidates.ready_post_office, 1);
    EXPECT_EQ(candidates.held, 1);
  }
  const BatchesMade made = Make(/*size=*/3);
  ASSERT_EQ(made.batch_ids.size(), 2u);
  EXPECT_EQ(made.members, 4);
  EXPECT_EQ(made.total, 4 * 600'000);
  EXPECT_EQ(made.held, 1);
  const SubsidyBatch first = Batch(made.batch_ids[0]);
  EXPECT_EQ(first.number, 1);
  EXPECT_EQ(first.state, BatchStatus::kDraft);
  EXPECT_EQ(first.member_count, 3);
  EXPECT_EQ(first.control_total, 1'800'000);
  EXPECT_EQ(Batch(made.batch_ids[1]).number, 2);
  EXPECT_EQ(Batch(made.batch_ids[1]).member_count, 1);
  const auto payments = Payments(made.batch_ids[0]);
  ASSERT_EQ(payments.size(), 3u);
  EXPECT_EQ(payments[0].member_id, a);
  EXPECT_EQ(payments[0].channel, "bank");
  EXPECT_EQ(payments[0].bank_code, "bca");
  EXPECT_EQ(payments[0].account_last4, "5678");
  EXPECT_EQ(payments[2].member_id, c);
  EXPECT_EQ(payments[2].channel, "post_office");
  EXPECT_EQ(payments[2].bank_code, "");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM subsidy_payments WHERE member_id = " + std::to_string(d)),
            0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'subsidy.batch_created'"), 2);
  // Nobody is put into a second batch; the next batch continues the numbering.
  EXPECT_TRUE(Make().batch_ids.empty());
  const auto g = Member("3171010101900007", "Gita Permata");
  {
    auto lease = db().Acquire();
    long long run = 0, m = g;
    lease.session() << "SELECT id FROM subsidy_runs WHERE confirmed = 1", soci::into(run);
    lease.session() << "INSERT INTO subsidy_outcomes (run_id, member_id, eligible, reasons, wage,"
                       " wage_limit, account_problem) VALUES (:r, :m, 1, 0, 1, 1, 1)",
        soci::use(run), soci::use(m);
  }
  const BatchesMade next = Make();
  ASSERT_EQ(next.batch_ids.size(), 1u);
  EXPECT_EQ(Batch(next.batch_ids[0]).number, 3);
}

// OWASP ASVS 4.0.3 1.1.6, 4.3.3 (business logic, four eyes): the approver is never the
// submitter, nobody acts on a batch that pays them, the table's order holds, an approved batch
// cannot go back.
TEST_P(BatchStoreDbTest, FourEyesAreEnforcedByTheStore) {
  const auto a = Member("3171010101900011", "Siti Rahayu");
  const auto officer_as_member = Member("3171010101900012", "Petugas Sendiri");
  Bank(a, "bca", "0012345678", "Siti Rahayu");
  Run({a, officer_as_member});
  const auto batch = Make().batch_ids.at(0);
  EXPECT_EQ(Step(batch, BatchAction::kApprove, BatchRole::kApprover, kSecondOfficer),
            BatchRefusal::kNotAllowed);  // a draft cannot be approved
  // The second officer's own NIK is in the batch: they may not submit it.
  EXPECT_EQ(
      Step(batch, BatchAction::kSubmit, BatchRole::kOfficer, kSecondOfficer, "3171010101900012"),
      BatchRefusal::kOwnPayment);
  EXPECT_EQ(Step(batch, BatchAction::kSubmit, BatchRole::kOfficer, kOfficer), BatchRefusal::kNone);
  EXPECT_EQ(Step(batch, BatchAction::kApprove, BatchRole::kApprover, kOfficer),
            BatchRefusal::kSubmittedIt);
  EXPECT_EQ(Batch(batch).state, BatchStatus::kSubmitted);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'subsidy.batch_refused'"
                  " AND result = 'denied'"),
            2);
  EXPECT_EQ(Step(batch, BatchAction::kApprove, BatchRole::kFinance, kFinance),
            BatchRefusal::kNotAllowed);
  EXPECT_EQ(Step(batch, BatchAction::kApprove, BatchRole::kApprover, kSecondOfficer),
            BatchRefusal::kNone);
  const SubsidyBatch approved = Batch(batch);
  EXPECT_EQ(approved.state, BatchStatus::kApproved);
  EXPECT_EQ(approved.submitted_by, kOfficer);
  EXPECT_EQ(approved.approved_by, kSecondOfficer);
  for (auto action : {BatchAction::kWithdraw, BatchAction::kSubmit}) {
    EXPECT_EQ(Step(batch, action, BatchRole::kOfficer, kOfficer), BatchRefusal::kNotAllowed);
  }
  EXPECT_EQ(Step(batch, BatchAction::kSendBack, BatchRole::kApprover, kSecondOfficer),
            BatchRefusal::kNotAllowed);
  EXPECT_EQ(Step(batch, BatchAction::kReconcile, BatchRole::kFinance, kFinance),
            BatchRefusal::kNotAllowed);  // not sent yet
  // Sending records the file's SHA-256; a batch is reconciled only when nothing waits.
  const BatchSent sent = Send(batch);
  ASSERT_EQ(sent.refusal, BatchRefusal::kNone);
  EXPECT_EQ(sent.file.rows, 2);
  EXPECT_NE(sent.file.csv.find("0012345678"), std::string::npos);
  EXPECT_NE(sent.file.csv.find("TOTAL,2,,,,,,,,1200000,"), std::string::npos);
  EXPECT_EQ(Batch(batch).file_sha256, sent.file.sha256);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM subsidy_payments WHERE account_last4 = '5678'"), 1);
  EXPECT_EQ(Step(batch, BatchAction::kReconcile, BatchRole::kFinance, kFinance),
            BatchRefusal::kNotReady);
  {
    auto lease = db().Acquire();
    const auto again = DisbursementFileAgain(lease.session(), kSealKey, batch);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->csv, sent.file.csv);
  }
  // Changing an account after sending means the recorded file can no longer be made again.
  Bank(a, "bca", "0099887766", "Siti Rahayu", false, kNow + 30);
  {
    auto lease = db().Acquire();
    EXPECT_FALSE(DisbursementFileAgain(lease.session(), kSealKey, batch));
  }
}

// Import: idempotent, refused whole for totals or any bad row, never half-applied.
TEST_P(BatchStoreDbTest, BankResultsAreAllOrNothingAndIdempotent) {
  const auto a = Member("3171010101900021", "Siti Rahayu");
  const auto b = Member("3171010101900022", "Budi Santoso");
  const auto c = Member("3171010101900023", "Ani Lestari");
  Bank(a, "bca", "0012345678", "Siti Rahayu");
  Bank(b, "bri", "9876543210", "Budi Santoso");
  Run({a, b, c});
  const auto batch = SentBatch(Make().batch_ids.at(0));
  const std::string sa = std::to_string(a), sb = std::to_string(b), sc = std::to_string(c);
  const std::string header = "member,amount,result,reason,paid_on,bank_reference\n";
  // Two of three rows: the totals do not match the batch; nothing is stored.
  const auto partial = Import(batch, header + sa + ",600000,paid,,2026-01-03,TRX1\n" + sb +
                                         ",600000,failed,account_dormant,,\n");
  ASSERT_TRUE(partial.file_error);
  EXPECT_EQ(partial.file_error->problem, BankFileProblem::kTotalsMismatch);
  EXPECT_EQ(partial.file_error->file_rows, 2);
  EXPECT_EQ(partial.file_error->expected_rows, 3);
  EXPECT_EQ(partial.file_error->expected_total, 1'800'000);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM subsidy_payments WHERE result <> 'pending'"), 0);
  // Every row, but one bad reason: refused whole, the problem named by row and column.
  const auto bad =
      Import(batch, header + sa + ",600000,paid,,2026-01-03,TRX1\n" + sb +
                        ",600000,failed,closed,,\n" + sc + ",600000,paid,,2026-01-04,POS7\n");
  ASSERT_EQ(bad.issues.size(), 1u);
  EXPECT_EQ(bad.issues[0].row_number, 3);
  EXPECT_EQ(bad.issues[0].column, BankColumn::kReason);
  EXPECT_EQ(bad.issues[0].problem, BankRowProblem::kReasonInvalid);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM subsidy_payments WHERE result <> 'pending'"), 0);
  // A wrong amount that keeps the count but not the total.
  const auto wrong_amount = Import(batch, header + sa + ",600000,paid,,2026-01-03,TRX1\n" + sb +
                                              ",600000,failed,account_dormant,,\n" + sc +
                                              ",500000,paid,,2026-01-04,POS7\n");
  EXPECT_FALSE(wrong_amount.ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM subsidy_payments WHERE result <> 'pending'"), 0);
  // The right file, with the control row the bank may keep.
  const std::string good = header + sa + ",600000,paid,,2026-01-03,TRX1\n" + sb +
                           ",600000,failed,account_dormant,,\n" + sc +
                           ",600000,paid,,2026-01-04,POS7\nTOTAL,1800000,,,,\n";
  const auto first = Import(batch, good);
  ASSERT_TRUE(first.ok()) << (first.file_error ? BankFileProblemName(first.file_error->problem)
                                               : "issues");
  EXPECT_EQ(first.paid, 2);
  EXPECT_EQ(first.failed, 1);
  const auto audit_rows =
      Count("SELECT COUNT(*) FROM audit_log WHERE action = 'subsidy.batch_results_imported'");
  EXPECT_EQ(audit_rows, 1);
  // The same file again changes nothing and writes nothing.
  const auto second = Import(batch, good);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second.paid + second.failed, 0);
  EXPECT_EQ(second.unchanged, 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'subsidy.batch_results_imported'"),
            audit_rows);
  // A later file may not change a recorded result.
  const auto changed = Import(batch, header + sa + ",600000,failed,account_closed,,\n" + sb +
                                         ",600000,failed,account_dormant,,\n" + sc +
                                         ",600000,paid,,2026-01-04,POS7\n");
  ASSERT_EQ(changed.issues.size(), 1u);
  EXPECT_EQ(changed.issues[0].problem, BankRowProblem::kAlreadyRecorded);
  const auto payments = Payments(batch);
  EXPECT_EQ(payments[0].result, "paid");
  EXPECT_EQ(payments[0].paid_on, "2026-01-03");
  EXPECT_EQ(payments[0].bank_reference, "TRX1");
  EXPECT_EQ(payments[1].failure_reason, "account_dormant");
  // Nothing waits: the batch can be reconciled.
  EXPECT_EQ(Step(batch, BatchAction::kReconcile, BatchRole::kFinance, kFinance),
            BatchRefusal::kNone);
  EXPECT_EQ(Batch(batch).state, BatchStatus::kReconciled);
  EXPECT_FALSE(Import(batch, good).ok());  // no results after reconciling
}

// Failed payments: rerouted to the post office (the next batch pays there), returned to the
// employer, or the member corrects the account and is queued into the next batch by itself.
TEST_P(BatchStoreDbTest, FailedPaymentsAreReroutedReturnedOrRequeuedAfterACorrection) {
  const auto a = Member("3171010101900031", "Siti Rahayu");
  const auto b = Member("3171010101900032", "Budi Santoso");
  const auto c = Member("3171010101900033", "Ani Lestari");
  const auto d = Member("3171010101900034", "Dewi Sartika");
  Bank(a, "bca", "0012345678", "Siti Rahayu");
  Bank(b, "bri", "9876543210", "Budi Santoso");
  Bank(c, "bni", "1234000011", "Ani Lestari");
  Bank(d, "bca", "4444555566", "Dewi Sartika");
  Run({a, b, c, d});
  const auto batch = Make().batch_ids.at(0);
  EXPECT_EQ(Step(batch, BatchAction::kSubmit, BatchRole::kOfficer, kOfficer), BatchRefusal::kNone);
  EXPECT_EQ(Step(batch, BatchAction::kApprove, BatchRole::kApprover, kSecondOfficer),
            BatchRefusal::kNone);
  // d changes the account after approval: not sent, failed without a bank reason.
  Bank(d, "bca", "4444555577", "Dewi Sartika", false, kNow + 15);
  const BatchSent sent = Send(batch);
  ASSERT_EQ(sent.refusal, BatchRefusal::kNone);
  EXPECT_EQ(sent.file.rows, 3);
  ASSERT_EQ(sent.file.not_sendable.size(), 1u);
  EXPECT_EQ(sent.file.not_sendable[0], d);
  const std::string header = "member,amount,result,reason,paid_on,bank_reference\n";
  const auto imported =
      Import(batch, header + std::to_string(a) + ",600000,failed,account_closed,,\n" +
                        std::to_string(b) + ",600000,failed,account_nik_mismatch,,\n" +
                        std::to_string(c) + ",600000,failed,account_frozen,,\n");
  ASSERT_TRUE(imported.ok());
  EXPECT_EQ(imported.failed, 3);
  {
    auto lease = db().Acquire();
    EXPECT_EQ(HandleFailedPayment(lease.session(), batch, a,
                                  FailedPaymentAction::kRerouteToPostOffice, Actor(kOfficer)),
              BatchRefusal::kNone);
    EXPECT_EQ(HandleFailedPayment(lease.session(), batch, b, FailedPaymentAction::kReturnToEmployer,
                                  Actor(kFinance)),
              BatchRefusal::kNone);
    // Handled once only; nobody handles their own payment.
    EXPECT_EQ(HandleFailedPayment(lease.session(), batch, a, FailedPaymentAction::kReturnToEmployer,
                                  Actor(kOfficer)),
              BatchRefusal::kStale);
    EXPECT_EQ(HandleFailedPayment(lease.session(), batch, c, FailedPaymentAction::kReturnToEmployer,
                                  Actor(kOfficer, "3171010101900033")),
              BatchRefusal::kOwnPayment);
  }
  // Re-importing the same file after staff acted still changes nothing.
  const auto again =
      Import(batch, header + std::to_string(a) + ",600000,failed,account_closed,,\n" +
                        std::to_string(b) + ",600000,failed,account_nik_mismatch,,\n" +
                        std::to_string(c) + ",600000,failed,account_frozen,,\n");
  EXPECT_TRUE(again.ok());
  EXPECT_EQ(again.unchanged, 3);
  // Nothing waits: reconciled with failures handled or left to the member.
  EXPECT_EQ(Step(batch, BatchAction::kReconcile, BatchRole::kFinance, kFinance),
            BatchRefusal::kNone);
  // c corrects the account in the profile after the failure.
  Bank(c, "bni", "1234000022", "Ani Lestari", false, kNow + 100);
  {
    auto lease = db().Acquire();
    const auto candidates = CandidatesFor(lease.session(), TestProgram());
    // a (post office), c (new account), d (account changed before sending); b waits for the
    // employer's correction.
    EXPECT_EQ(candidates.ready, 3);
    EXPECT_EQ(candidates.ready_post_office, 1);
  }
  const auto next = Make().batch_ids.at(0);
  const auto payments = Payments(next);
  ASSERT_EQ(payments.size(), 3u);
  EXPECT_EQ(payments[0].member_id, a);
  EXPECT_EQ(payments[0].channel, "post_office");
  EXPECT_EQ(payments[1].member_id, c);
  EXPECT_EQ(payments[1].channel, "bank");
  EXPECT_EQ(payments[1].account_last4, "0022");
  EXPECT_EQ(payments[2].member_id, d);
  EXPECT_EQ(payments[2].account_last4, "5577");
  EXPECT_EQ(Batch(next).number, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action IN"
                  " ('subsidy.batch_payment_rerouted', 'subsidy.batch_payment_returned')"),
            2);
}

// One account on record for more NIKs than the programme allows (niks_per_bank_account, 1 in
// the test programme): every payment to it is held for staff until the account changes.
TEST_P(BatchStoreDbTest, AnAccountSharedByMoreNiksThanAllowedIsHeld) {
  const std::string key(32, 'f');
  const auto save = [&](std::int64_t member, const std::string& bank, const std::string& digits,
                        const std::string& holder, std::int64_t at) {
    auto lease = db().Acquire();
    profile::SaveBankAccount(
        lease.session(), member,
        {.bank_code = bank,
         .account_sealed = profile::SealAccountNumber(kSealKey, member, digits),
         .account_last4 = profile::LastFour(digits),
         .holder_name = holder,
         .updated_at = at,
         .holder_mismatch = false,
         .account_fingerprint = profile::AccountFingerprint(key, bank, digits)});
  };
  const auto a = Member("3171010101900011", "Siti Rahayu");
  const auto b = Member("3171010101900012", "Budi Santoso");
  const auto c = Member("3171010101900013", "Ani Lestari");
  save(a, "bca", "0012345678", "Siti Rahayu", kNow);
  save(b, "bca", "0012-345678", "Budi Santoso", kNow);  // the same account, typed otherwise
  save(c, "bca", "0012345679", "Ani Lestari", kNow);
  Run({a, b, c});
  {
    auto lease = db().Acquire();
    const auto candidates = CandidatesFor(lease.session(), TestProgram());
    EXPECT_EQ(candidates.ready, 1);
    EXPECT_EQ(candidates.held, 2);
    EXPECT_EQ(candidates.held_shared, 2);
    Program lenient = TestProgram();
    lenient.niks_per_bank_account = 2;  // a programme allowing two NIKs per account
    EXPECT_EQ(CandidatesFor(lease.session(), lenient).held, 0);
  }
  const auto first = Make().batch_ids.at(0);
  ASSERT_EQ(Payments(first).size(), 1u);
  EXPECT_EQ(Payments(first)[0].member_id, c);
  // b saves an account of their own: neither is shared any more, both join the next batch.
  save(b, "bri", "9876543210", "Budi Santoso", kNow + 50);
  {
    auto lease = db().Acquire();
    const auto candidates = CandidatesFor(lease.session(), TestProgram());
    EXPECT_EQ(candidates.ready, 2);
    EXPECT_EQ(candidates.held, 0);
  }
  const auto next = Make().batch_ids.at(0);
  ASSERT_EQ(Payments(next).size(), 2u);
  EXPECT_EQ(Payments(next)[0].member_id, a);
  EXPECT_EQ(Payments(next)[1].member_id, b);
}

LUMBUNG_INSTANTIATE_DB_TESTS(BatchStoreDbTest);

}  // namespace
}  // namespace lumbung::subsidy
