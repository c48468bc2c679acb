// Where a claim stands and who may move it on: the one place the claim's life is decided.
//
//   draft --submit--> submitted --start_verification--> being_verified
//   being_verified --ask_documents--> more_documents --answer--> being_verified
//   being_verified --verify--> verified --approve--> approved      (a different person)
//                                      --reject--> rejected        (with the reason)
//                                      --send_back--> being_verified
//   approved --add_to_batch--> in_payout --record_paid--> paid
//                                        --record_failed--> payout_failed
//   payout_failed --correct_account--> approved (joins the next batch by itself)
//   draft..verified --withdraw--> withdrawn (the claimant, before any approval)
//
// NextStatus is a pure function of status x action x role; the table is tested whole. On top of
// it, CheckSeparation enforces segregation of duties (OWASP ASVS 4.0.3 1.1.6 and 4.3.3): the
// person who verified a claim never approves or rejects it, and no staff member acts on a claim
// of their own or of a member who named them as a beneficiary.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace lumbung::claims {

enum class Status {
  kDraft,
  kSubmitted,
  kBeingVerified,
  kMoreDocuments,
  kVerified,
  kApproved,
  kInPayout,
  kPayoutFailed,
  kPaid,
  kRejected,
  kWithdrawn,
};
inline constexpr int kStatusCount = 11;

enum class Action {
  kSubmit,
  kStartVerification,
  kAskDocuments,
  kAnswer,
  kVerify,
  kApprove,
  kReject,
  kSendBack,
  kWithdraw,
  kAddToBatch,
  kRecordPaid,
  kRecordFailed,
  kCorrectAccount,
};
inline constexpr int kActionCount = 13;

// Who acts: the claimant (the member, or the heir for a death claim), a staff role, or the
// system (payout batches and bank results it records on finance's behalf).
enum class Role { kClaimant, kVerifier, kApprover, kFinance };
inline constexpr int kRoleCount = 4;

// The status after `action` by `role`, or nullopt when that role may not do that in `status`.
std::optional<Status> NextStatus(Status status, Action action, Role role);

// Still open: the fund has not finished with it (neither draft, paid, rejected nor withdrawn).
bool IsOpen(Status status);
// Counted on the member's dashboard as waiting for the fund or for the member.
bool IsPending(Status status);
// The claimant may still withdraw it.
bool CanWithdraw(Status status);

// Why a person may not act on a particular claim, whatever the table allows.
enum class Separation {
  kAllowed,
  kOwnClaim,        // the staff member is the claimant or the insured member
  kRelativesClaim,  // the staff member's NIK is among the insured member's beneficiaries
  kVerifiedIt,      // the approver is the person who verified it
};
struct SeparationFacts {
  std::int64_t actor_account_id = 0;
  std::int64_t claimant_account_id = 0;
  bool actor_is_insured_member = false;  // the actor's account is the insured member's
  bool actor_is_beneficiary = false;     // the actor's NIK is in the insured's beneficiaries
  std::optional<std::int64_t> verifier_account_id;  // who verified the claim, if anyone yet
};
Separation CheckSeparation(Action action, Role role, const SeparationFacts& facts);

// Stored spellings: "draft", "being_verified", ...; "submit", "ask_documents", ...
std::string_view StatusName(Status status);
std::optional<Status> ParseStatus(std::string_view name);
std::string_view ActionName(Action action);
std::optional<Action> ParseAction(std::string_view name);
std::string_view RoleName(
    Role role);  // "claimant", "claims_verifier", "claims_approver", "finance"
std::string_view SeparationName(Separation separation);  // "own_claim", ...

}  // namespace lumbung::claims
