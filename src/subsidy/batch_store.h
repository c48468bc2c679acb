// Wage-subsidy payment batches in the database (migrations/0046_subsidy_batches*.sql): the
// eligible members of a programme's confirmed run grouped into numbered batches, moved through
// batch_workflow.h with four eyes, sent to the paying bank as one disbursement file per batch
// (disbursement_file.h), the bank's results recorded (bank_result.h), failed payments rerouted
// to the post office or returned to the employer, and the batch reconciled (docs/subsidy.md).
//
// Every change is one write transaction ending with its audit event (subsidy.batch_*), so a
// change and its record commit together or not at all. Refusals by the four-eyes rule are
// audited as denied.
//
// Accounts. Every payment to a bank account reads it through profile/payout_account.h
// PayoutAccountFor when the disbursement file is made (the full number goes only into the
// file). Making batches is set-based (INSERT ... SELECT over the confirmed run, never a loop per
// member): a member with no payout account is paid through the post office; a member whose
// stored account is confirmed as another person's (holder_mismatch) is held out of batches for
// a staff check. When the file is made, a bank payment whose account now needs a staff check
// or differs from the one the batch was approved with is not sent: it is recorded as failed
// without a bank reason, and (like every failed payment) is queued again by the next batch made
// once the member's account has changed.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "subsidy/bank_result.h"
#include "subsidy/batch_workflow.h"
#include "subsidy/program.h"

namespace soci {
class session;
}

namespace lumbung::subsidy {

// Who acts, for the four-eyes checks and the audit events.
struct BatchActor {
  std::int64_t account_id = 0;
  std::optional<std::string> nik;  // the staff member's own NIK (identity's staff_niks)
  std::string ip, user_agent;
};

struct SubsidyBatch {
  std::int64_t id = 0;
  int program_year = 0;
  std::int64_t run_id = 0, number = 0;
  BatchStatus state = BatchStatus::kDraft;
  std::int64_t member_count = 0, control_total = 0;
  std::string file_sha256;
  std::int64_t created_by = 0;
  std::optional<std::int64_t> submitted_by, submitted_at, approved_by, approved_at, sent_at,
      reconciled_at;
  // The payments by result now.
  std::int64_t pending = 0, paid = 0, failed = 0, rerouted = 0, returned = 0;
  std::int64_t paid_amount = 0;
  BatchTally Tally() const {
    return {
        .members = member_count, .paid = paid, .failed = failed, .rerouted = rerouted + returned};
  }
};

struct SubsidyPayment {
  std::int64_t batch_id = 0, member_id = 0, amount = 0;
  std::string channel;  // bank, post_office
  std::string bank_code, account_last4;
  // pending, paid, failed, rerouted_post_office, returned_to_employer
  std::string result;
  std::string failure_reason;  // empty: none, or a failed payment that was never sent
  std::string paid_on, bank_reference;
  std::string full_name;  // the member's name in the registry
};

// What the next "make batches" would take from the programme's confirmed run.
struct BatchCandidates {
  std::optional<std::int64_t> run_id;  // nullopt: no confirmed run yet
  std::int64_t ready = 0, ready_bank = 0, ready_post_office = 0;
  // Held for a staff check: the account is another person's, or shared by more members than
  // the programme's niks_per_bank_account (`held_shared` of them), until the account changes.
  std::int64_t held = 0, held_shared = 0;
};
BatchCandidates CandidatesFor(soci::session& sql, const Program& program);

struct BatchesMade {
  std::optional<std::int64_t> run_id;
  std::vector<std::int64_t> batch_ids;  // the draft batches made, by number
  std::int64_t members = 0, total = 0, held = 0;
};
// Groups every candidate into new draft batches of at most `batch_size` members, numbered after
// the programme's last batch, each payment `program.Total()` rupiah. Audited
// "subsidy.batch_created" per batch. Nothing is made without a confirmed run or candidates.
BatchesMade MakeBatches(soci::session& sql, const Program& program, std::int64_t batch_size,
                        const BatchActor& actor);

// The programme's batches by number.
std::vector<SubsidyBatch> BatchesOf(soci::session& sql, int program_year);
std::optional<SubsidyBatch> FindBatch(soci::session& sql, std::int64_t batch_id);
// The batch's payments by member, at most `limit`; `result` empty = every result.
std::vector<SubsidyPayment> PaymentsOf(soci::session& sql, std::int64_t batch_id,
                                       std::string_view result, int limit);

enum class BatchRefusal {
  kNone,
  kNotFound,
  kNotAllowed,   // the workflow's table has no such move for this role in this state
  kSubmittedIt,  // four eyes: the approver submitted it
  kOwnPayment,   // four eyes: the actor's own NIK is in the batch
  kNotReady,     // reconcile while payments wait for a result; a send with nothing to send
  kStale,        // the batch moved meanwhile
};
std::string_view BatchRefusalName(BatchRefusal refusal);  // "not_found", "submitted_it", ...

// submit, withdraw, send_back, approve and reconcile (send has its own function). The role is
// the batch_workflow.h role the visitor's staff role gives for this action.
BatchRefusal TakeBatchStep(soci::session& sql, std::int64_t batch_id, BatchAction action,
                           BatchRole role, const BatchActor& actor, std::int64_t now);

// The disbursement file's content (disbursement_file.h) with the full account numbers read now.
struct DisbursementContent {
  std::string csv;
  std::string sha256;
  std::int64_t rows = 0, total = 0;
  std::vector<std::int64_t> not_sendable;  // members whose bank payment cannot be sent now
};

struct BatchSent {
  BatchRefusal refusal = BatchRefusal::kNone;
  DisbursementContent file;
};
// Finance sends an approved batch: the file made, its SHA-256 recorded, payments that cannot be
// sent recorded as failed without a bank reason, the batch moved to sent. Audited
// "subsidy.batch_sent". `seal_key`: profile::PayoutAccountKey.
BatchSent SendBatch(soci::session& sql, std::string_view seal_key, std::int64_t batch_id,
                    BatchRole role, const BatchActor& actor, std::int64_t now);

// The file of a sent batch again, made anew from the payments sent and the accounts as they are
// now; nullopt when the batch was not sent, or when the file made now is not the one recorded
// (an account changed since): the bank must never get two different files for one batch.
// The caller audits the download ("subsidy.batch_file_downloaded").
std::optional<DisbursementContent> DisbursementFileAgain(soci::session& sql,
                                                         std::string_view seal_key,
                                                         std::int64_t batch_id);

struct ResultsRecorded {
  BatchRefusal refusal = BatchRefusal::kNone;  // the batch is not sent, or the actor's own
  std::optional<BankFileError> file_error;     // the file could not be read or does not add up
  std::vector<BankRowIssue> issues;            // rows in the way
  std::map<BankColumn, std::string> headers;   // as the file wrote them
  std::int64_t paid = 0, failed = 0, unchanged = 0;
  bool ok() const { return refusal == BatchRefusal::kNone && !file_error && issues.empty(); }
};
// Records the bank's result file for a sent batch when every row is right, in one transaction:
// paid payments with the day and reference, failed ones with the reason. Nothing is stored when
// anything is wrong; a file that says only what is recorded writes nothing. Audited
// "subsidy.batch_results_imported". `today`: the fund's day, YYYY-MM-DD.
ResultsRecorded RecordBankResults(soci::session& sql, std::int64_t batch_id, std::string_view bytes,
                                  BatchRole role, const BatchActor& actor, std::string_view today);

// Staff's answer to a failed payment: pay it through the post office (the member is queued into
// the next batch through the post office) or return it to the employer to correct the data.
enum class FailedPaymentAction { kRerouteToPostOffice, kReturnToEmployer };
// Only a failed payment of a sent or reconciled batch; a post-office payment cannot be
// rerouted to the post office. Audited "subsidy.batch_payment_rerouted" /
// "subsidy.batch_payment_returned".
BatchRefusal HandleFailedPayment(soci::session& sql, std::int64_t batch_id, std::int64_t member_id,
                                 FailedPaymentAction action, const BatchActor& actor);

}  // namespace lumbung::subsidy
