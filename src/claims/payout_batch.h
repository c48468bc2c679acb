// Payout batches in the database (migrations/0042_claims_journey*.sql: payout_batches,
// payout_items): approved claims gathered into a batch that finance sends to the bank as one
// file (payout_file.h), and the bank's results recorded against it.
//
// Every payout reads the member's account through profile/payout_account.h PayoutAccountFor at
// the moment it is needed: when the batch is made (bank, last four digits and holder are kept
// with the item) and when the bank file is made (the full number, which is never stored with
// the batch). A claim whose account needs a staff check, or that has no account or no amount,
// stays out of the batch and is listed apart with the reason.
//
// Each claim moves only through the workflow (claim_steps.h TakeStepInTransaction, role
// finance): approved -> in_payout when batched, in_payout -> paid / payout_failed when the
// bank's result is recorded, each step audited and told to the claimant in the same
// transaction as the batch's own rows and its audit event ("payouts.batch_created",
// "payouts.results_imported").
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claims/claim_steps.h"
#include "claims/claim_store.h"
#include "claims/payout_file.h"
#include "core/inbox/inbox.h"

namespace soci {
class session;
}

namespace lumbung::claims {

// At most this many claims go into one batch; the rest wait for the next one.
inline constexpr int kMaxBatchItems = 2000;

// Why an approved claim is not put into a batch.
enum class HoldReason {
  kNone,
  kNoAccount,        // the member has no payout account (or no registry row)
  kNeedsStaffCheck,  // PayoutAccountFor says so: another person's name, or the number does not
                     // open
  kNoAmount,         // the claim has no amount above 0
  kSeparation,       // the finance staff member making the batch may not act on this claim
};
std::string_view HoldReasonName(HoldReason reason);  // "no_account", "needs_staff_check", ...

struct WaitingClaim {
  Claim claim;
  HoldReason hold = HoldReason::kNone;
  std::string bank_code, account_last4, holder_name;  // the account as it stands, when any
};

struct WaitingClaims {
  std::vector<WaitingClaim> ready;  // would go into the next batch, longest waiting first
  std::vector<WaitingClaim> held;   // approved but held, with the reason
  std::int64_t ready_total = 0;     // rupiah
  std::int64_t held_total = 0;
};

// The approved claims, sorted into ready and held (at most kMaxBatchItems ready ones).
// `seal_key`: profile::PayoutAccountKey.
WaitingClaims ClaimsWaiting(soci::session& sql, std::string_view seal_key);

struct PayoutBatch {
  std::int64_t id = 0;
  std::string state;  // exported, reconciled
  std::int64_t item_count = 0, total_amount = 0;
  std::int64_t created_by = 0, created_at = 0;
  std::optional<std::int64_t> reconciled_by, reconciled_at;
  std::int64_t paid = 0, failed = 0, pending = 0;  // items by result
  std::int64_t paid_amount = 0;
};

struct PayoutItem {
  std::int64_t id = 0, batch_id = 0, claim_id = 0;
  std::string reference, program;  // the claim's
  std::int64_t member_id = 0, claimant_account_id = 0;
  std::int64_t amount = 0;
  std::string bank_code, account_last4, holder_name;
  std::string result;  // pending, paid, failed
  std::string failure_reason;
  std::string paid_on;
};

// Newest first, at most `limit`.
std::vector<PayoutBatch> RecentBatches(soci::session& sql, int limit);
std::optional<PayoutBatch> FindBatch(soci::session& sql, std::int64_t batch_id);
// The batch's items by id.
std::vector<PayoutItem> ItemsOf(soci::session& sql, std::int64_t batch_id);
// The claim's most recent payout item, if it was ever in a batch.
std::optional<PayoutItem> LatestItemOfClaim(soci::session& sql, std::int64_t claim_id);

// Who acts (a finance staff member), for the steps and the audit events.
struct PayoutActor {
  std::int64_t account_id = 0;
  std::optional<std::string> nik;  // the account's NIK, for the separation of duties
  StepContext context;
};

struct BatchMade {
  std::optional<std::int64_t> batch_id;  // nullopt: no claim was ready
  std::int64_t items = 0, total = 0;
  std::vector<WaitingClaim> held;  // left out, with the reason
};

// Makes a batch of every ready claim in one write transaction of its own: the payout_batches
// row, one payout_items row per claim (amount = the claim's amount; bank, last four and holder
// from PayoutAccountFor now), each claim moved to in_payout (audited, the claimant told), and
// the audit event "payouts.batch_created". Claims read and checked inside the transaction, so
// two people making a batch at once never put a claim into both.
BatchMade MakeBatch(soci::session& sql, std::string_view seal_key, const PayoutActor& actor,
                    const inbox::Notifier& notify, std::int64_t now);

// One bank-file row per pending item, with the full account number read now. An item whose
// account has changed since the batch was made (bank or last four digits), has gone, or now
// needs a staff check is left out and returned in `left_out`: the bank is never sent a number
// nobody checked.
struct BankFileContent {
  std::string csv;  // header and rows
  std::int64_t rows = 0;
  std::vector<PayoutItem> left_out;
};
BankFileContent MakeBankFile(soci::session& sql, std::string_view seal_key, std::int64_t batch_id);

struct ResultsApplied {
  std::optional<ResultFileError> file_error;    // the file could not be read: nothing stored
  std::vector<ResultIssue> issues;              // rows in the way: nothing stored
  std::map<ResultColumn, std::string> headers;  // as the file wrote them, for messages
  std::int64_t paid = 0, failed = 0, unchanged = 0;
  bool reconciled = false;  // every item of the batch now has its result
  bool ok() const { return !file_error && issues.empty(); }
};

// Reads the bank's result file for `batch_id` (payout_file.h) and, when every row is right,
// records it in one write transaction: each paid item's result and paid_on with the claim moved
// to paid, each failed item's result and reason with the claim moved to payout_failed (the
// claimant told why through their notice), the batch reconciled once no item is pending, and
// the audit event "payouts.results_imported". Rows that repeat what is recorded change nothing;
// a file with nothing new writes nothing. `today`: the fund's day, YYYY-MM-DD.
ResultsApplied ImportResults(soci::session& sql, std::int64_t batch_id, std::string_view bytes,
                             const PayoutActor& actor, const inbox::Notifier& notify,
                             std::string_view today, std::int64_t now);

}  // namespace lumbung::claims
