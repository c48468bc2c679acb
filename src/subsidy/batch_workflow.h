// Where a subsidy payment batch stands and who may move it on: the one place the batch's life
// is decided.
//
//   draft --edit--> draft                 (the officer adds or removes members)
//   draft --submit--> submitted           (the officer, for approval)
//   submitted --withdraw--> draft         (the officer who submitted takes it back)
//   submitted --send_back--> draft        (the approver, with the reason)
//   submitted --approve--> approved       (the approver: never the person who submitted it)
//   approved --send--> sent               (finance: the disbursement file goes to the bank)
//   sent --record_results--> sent         (finance: a bank result file, imported)
//   sent --reconcile--> reconciled        (finance: every member paid, failed or rerouted)
//
// An approved batch cannot change: its only move is `send`. NextStatus is a pure function of
// status x action x role; the table is tested whole. On top of it, CheckSeparation enforces
// four eyes (OWASP ASVS 4.0.3 1.1.6, 4.3.3, 11.1.1's business-logic order): the approver is not
// the submitter, and nobody acts on a batch that pays them.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace lumbung::subsidy {

enum class BatchStatus { kDraft, kSubmitted, kApproved, kSent, kReconciled };
inline constexpr int kBatchStatusCount = 5;

enum class BatchAction {
  kEdit,
  kSubmit,
  kWithdraw,
  kSendBack,
  kApprove,
  kSend,
  kRecordResults,
  kReconcile,
};
inline constexpr int kBatchActionCount = 8;

// The officer prepares batches (programme staff), the approver confirms them, finance sends
// them to the banks and brings the results back.
enum class BatchRole { kOfficer, kApprover, kFinance };
inline constexpr int kBatchRoleCount = 3;

// The status after `action` by `role`, or nullopt when that role may not do that in `status`.
std::optional<BatchStatus> NextBatchStatus(BatchStatus status, BatchAction action, BatchRole role);

// The members of the batch may still change (draft only).
bool BatchCanChange(BatchStatus status);
// Members see "confirmed in batch N" from approval on; before that the batch is internal.
bool BatchIsConfirmed(BatchStatus status);

// Why a person may not act on a particular batch, whatever the table allows.
enum class BatchSeparation {
  kAllowed,
  kSubmittedIt,  // the approver submitted the batch
  kOwnPayment,   // the actor's own NIK is among the batch's members
};
struct BatchSeparationFacts {
  std::int64_t actor_account_id = 0;
  std::optional<std::int64_t> submitted_by;  // who submitted the batch, once submitted
  bool actor_in_batch = false;               // the actor's NIK is one of the batch's members
};
BatchSeparation CheckBatchSeparation(BatchAction action, BatchRole role,
                                     const BatchSeparationFacts& facts);

// Every member of a sent batch ends paid, failed or rerouted (to the post office, or back to the
// employer to correct the data); the batch is reconciled only when none is still waiting.
struct BatchTally {
  std::int64_t members = 0;
  std::int64_t paid = 0;
  std::int64_t failed = 0;
  std::int64_t rerouted = 0;
  std::int64_t Waiting() const { return members - paid - failed - rerouted; }
};
bool CanReconcile(const BatchTally& tally);

// Stored spellings: "draft", "submitted", ...; "edit", "send_back", ...; "subsidy_officer",
// "subsidy_approver", "finance"; "allowed", "submitted_it", "own_payment".
std::string_view BatchStatusName(BatchStatus status);
std::optional<BatchStatus> ParseBatchStatus(std::string_view name);
std::string_view BatchActionName(BatchAction action);
std::optional<BatchAction> ParseBatchAction(std::string_view name);
std::string_view BatchRoleName(BatchRole role);
std::string_view BatchSeparationName(BatchSeparation separation);

}  // namespace lumbung::subsidy
