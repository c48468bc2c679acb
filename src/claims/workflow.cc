#include "claims/workflow.h"

#include <array>

namespace lumbung::claims {
namespace {

constexpr std::array<std::string_view, kStatusCount> kStatusNames = {
    "draft",     "submitted",     "being_verified", "more_documents", "verified", "approved",
    "in_payout", "payout_failed", "paid",           "rejected",       "withdrawn"};
constexpr std::array<std::string_view, kActionCount> kActionNames = {
    "submit",         "start_verification",
    "ask_documents",  "answer",
    "verify",         "approve",
    "reject",         "send_back",
    "withdraw",       "add_to_batch",
    "record_paid",    "record_failed",
    "correct_account"};
constexpr std::array<std::string_view, kRoleCount> kRoleNames = {"claimant", "claims_verifier",
                                                                 "claims_approver", "finance"};

struct Move {
  Status from;
  Action action;
  Role role;
  Status to;
};

// The whole table: anything not listed is refused.
constexpr Move kMoves[] = {
    {Status::kDraft, Action::kSubmit, Role::kClaimant, Status::kSubmitted},
    {Status::kSubmitted, Action::kStartVerification, Role::kVerifier, Status::kBeingVerified},
    {Status::kBeingVerified, Action::kAskDocuments, Role::kVerifier, Status::kMoreDocuments},
    {Status::kMoreDocuments, Action::kAnswer, Role::kClaimant, Status::kBeingVerified},
    {Status::kBeingVerified, Action::kVerify, Role::kVerifier, Status::kVerified},
    {Status::kVerified, Action::kApprove, Role::kApprover, Status::kApproved},
    {Status::kVerified, Action::kReject, Role::kApprover, Status::kRejected},
    {Status::kVerified, Action::kSendBack, Role::kApprover, Status::kBeingVerified},
    {Status::kDraft, Action::kWithdraw, Role::kClaimant, Status::kWithdrawn},
    {Status::kSubmitted, Action::kWithdraw, Role::kClaimant, Status::kWithdrawn},
    {Status::kBeingVerified, Action::kWithdraw, Role::kClaimant, Status::kWithdrawn},
    {Status::kMoreDocuments, Action::kWithdraw, Role::kClaimant, Status::kWithdrawn},
    {Status::kVerified, Action::kWithdraw, Role::kClaimant, Status::kWithdrawn},
    {Status::kApproved, Action::kAddToBatch, Role::kFinance, Status::kInPayout},
    {Status::kInPayout, Action::kRecordPaid, Role::kFinance, Status::kPaid},
    {Status::kInPayout, Action::kRecordFailed, Role::kFinance, Status::kPayoutFailed},
    {Status::kPayoutFailed, Action::kCorrectAccount, Role::kClaimant, Status::kApproved},
};

template <typename E, std::size_t N>
std::optional<E> Parse(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

std::optional<Status> NextStatus(Status status, Action action, Role role) {
  for (const Move& move : kMoves) {
    if (move.from == status && move.action == action && move.role == role) return move.to;
  }
  return std::nullopt;
}

bool IsOpen(Status status) {
  return status != Status::kDraft && status != Status::kPaid && status != Status::kRejected &&
         status != Status::kWithdrawn;
}

bool IsPending(Status status) {
  return IsOpen(status);
}

bool CanWithdraw(Status status) {
  return NextStatus(status, Action::kWithdraw, Role::kClaimant).has_value();
}

Separation CheckSeparation(Action action, Role role, const SeparationFacts& facts) {
  if (role == Role::kClaimant) return Separation::kAllowed;
  if (facts.actor_account_id == facts.claimant_account_id || facts.actor_is_insured_member) {
    return Separation::kOwnClaim;
  }
  if (facts.actor_is_beneficiary) return Separation::kRelativesClaim;
  const bool decides = action == Action::kApprove || action == Action::kReject;
  if (decides && facts.verifier_account_id == facts.actor_account_id) {
    return Separation::kVerifiedIt;
  }
  return Separation::kAllowed;
}

std::string_view StatusName(Status status) {
  return kStatusNames[static_cast<int>(status)];
}
std::optional<Status> ParseStatus(std::string_view name) {
  return Parse<Status>(kStatusNames, name);
}
std::string_view ActionName(Action action) {
  return kActionNames[static_cast<int>(action)];
}
std::optional<Action> ParseAction(std::string_view name) {
  return Parse<Action>(kActionNames, name);
}
std::string_view RoleName(Role role) {
  return kRoleNames[static_cast<int>(role)];
}

std::string_view SeparationName(Separation separation) {
  switch (separation) {
    case Separation::kAllowed:
      return "allowed";
    case Separation::kOwnClaim:
      return "own_claim";
    case Separation::kRelativesClaim:
      return "relatives_claim";
    case Separation::kVerifiedIt:
      return "verified_it";
  }
  return "allowed";
}

}  // namespace lumbung::claims
