#include "subsidy/batch_workflow.h"

#include <array>

namespace lumbung::subsidy {
namespace {

constexpr std::array<std::string_view, kBatchStatusCount> kStatusNames = {
    "draft", "submitted", "approved", "sent", "reconciled"};
constexpr std::array<std::string_view, kBatchActionCount> kActionNames = {
    "edit", "submit", "withdraw", "send_back", "approve", "send", "record_results", "reconcile"};
constexpr std::array<std::string_view, kBatchRoleCount> kRoleNames = {
    "subsidy_officer", "subsidy_approver", "finance"};

struct Move {
  BatchStatus from;
  BatchAction action;
  BatchRole role;
  BatchStatus to;
};

// The whole table: anything not listed is refused.
constexpr Move kMoves[] = {
    {BatchStatus::kDraft, BatchAction::kEdit, BatchRole::kOfficer, BatchStatus::kDraft},
    {BatchStatus::kDraft, BatchAction::kSubmit, BatchRole::kOfficer, BatchStatus::kSubmitted},
    {BatchStatus::kSubmitted, BatchAction::kWithdraw, BatchRole::kOfficer, BatchStatus::kDraft},
    {BatchStatus::kSubmitted, BatchAction::kSendBack, BatchRole::kApprover, BatchStatus::kDraft},
    {BatchStatus::kSubmitted, BatchAction::kApprove, BatchRole::kApprover, BatchStatus::kApproved},
    {BatchStatus::kApproved, BatchAction::kSend, BatchRole::kFinance, BatchStatus::kSent},
    {BatchStatus::kSent, BatchAction::kRecordResults, BatchRole::kFinance, BatchStatus::kSent},
    {BatchStatus::kSent, BatchAction::kReconcile, BatchRole::kFinance, BatchStatus::kReconciled},
};

template <typename E, std::size_t N>
std::optional<E> Parse(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

std::optional<BatchStatus> NextBatchStatus(BatchStatus status, BatchAction action, BatchRole role) {
  for (const Move& move : kMoves) {
    if (move.from == status && move.action == action && move.role == role) return move.to;
  }
  return std::nullopt;
}

bool BatchCanChange(BatchStatus status) {
  return NextBatchStatus(status, BatchAction::kEdit, BatchRole::kOfficer).has_value();
}

bool BatchIsConfirmed(BatchStatus status) {
  return status == BatchStatus::kApproved || status == BatchStatus::kSent ||
         status == BatchStatus::kReconciled;
}

BatchSeparation CheckBatchSeparation(BatchAction action, BatchRole /*role*/,
                                     const BatchSeparationFacts& facts) {
  if (facts.actor_in_batch) return BatchSeparation::kOwnPayment;
  if (action == BatchAction::kApprove &&
      (!facts.submitted_by || *facts.submitted_by == facts.actor_account_id)) {
    // Without a recorded submitter nobody can show that two people looked: refuse.
    return BatchSeparation::kSubmittedIt;
  }
  return BatchSeparation::kAllowed;
}

bool CanReconcile(const BatchTally& tally) {
  return tally.members >= 0 && tally.paid >= 0 && tally.failed >= 0 && tally.rerouted >= 0 &&
         tally.Waiting() == 0;
}

std::string_view BatchStatusName(BatchStatus status) {
  return kStatusNames[static_cast<int>(status)];
}
std::optional<BatchStatus> ParseBatchStatus(std::string_view name) {
  return Parse<BatchStatus>(kStatusNames, name);
}
std::string_view BatchActionName(BatchAction action) {
  return kActionNames[static_cast<int>(action)];
}
std::optional<BatchAction> ParseBatchAction(std::string_view name) {
  return Parse<BatchAction>(kActionNames, name);
}
std::string_view BatchRoleName(BatchRole role) {
  return kRoleNames[static_cast<int>(role)];
}

std::string_view BatchSeparationName(BatchSeparation separation) {
  switch (separation) {
    case BatchSeparation::kAllowed:
      return "allowed";
    case BatchSeparation::kSubmittedIt:
      return "submitted_it";
    case BatchSeparation::kOwnPayment:
      return "own_payment";
  }
  return "allowed";
}

}  // namespace lumbung::subsidy
