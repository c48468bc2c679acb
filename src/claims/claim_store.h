// Claims in the database (migrations/0042_claims_journey*.sql): the claim, its documents and
// the steps taken on it. The store moves a claim only through the workflow (workflow.h), in
// the caller's transaction: Transition refuses what the table or the separation of duties
// refuses and changes nothing then; two people acting at once cannot both move the same claim
// (the status is compared and set in one UPDATE).
//
// Access is the caller's job for reads (a route checks that the visitor is the claimant or
// claims staff before it shows anything); ids come from the caller's own records.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claims/workflow.h"

namespace soci {
class session;
}

namespace lumbung::claims {

struct Claim {
  std::int64_t id = 0;
  std::string reference;
  std::int64_t member_id = 0;  // the insured member
  std::int64_t claimant_account_id = 0;
  std::int64_t claimant_member_id = 0;
  std::string program;     // JHT, JKK, JKM, JP, JKP
  std::string claim_type;  // claim_type.h TypeName, or "legacy" for branch-office records
  Status status = Status::kDraft;
  std::string answers = "{}";   // JSON: the claimant's answers
  std::string decision = "{}";  // JSON: the rules' decision and amount lines
  std::optional<std::int64_t> amount;
  bool amount_is_monthly = false;
  std::string payout_bank_code, payout_last4, payout_holder;
  std::string extra_checks;  // comma-separated reasons for extra checks; "" when none
  std::optional<std::int64_t> verifier_account_id, approver_account_id;
  std::string decision_reason;
  std::int64_t created_at = 0, updated_at = 0, status_since = 0;
  std::optional<std::int64_t> submitted_at, decided_at, paid_at;
};

struct NewClaim {
  std::int64_t member_id = 0;
  std::int64_t claimant_account_id = 0;
  std::int64_t claimant_member_id = 0;
  std::string program;
  std::string claim_type;
  std::string answers = "{}";
};

// A draft with a new random reference (reference.h; a rare clash is retried). Returns its id.
std::int64_t CreateDraft(soci::session& sql, const NewClaim& claim, std::int64_t now);

std::optional<Claim> FindClaim(soci::session& sql, std::int64_t id);
std::optional<Claim> FindByReference(soci::session& sql, std::string_view reference);
// The claims an account made, most recently changed first (at most `limit`).
std::vector<Claim> ClaimsOfClaimant(soci::session& sql, std::int64_t account_id, int limit = 200);
// The insured member's claims other than drafts (for the rules: once-each partial withdrawals,
// no second open claim of a type).
std::vector<Claim> ClaimsOfMember(soci::session& sql, std::int64_t member_id);

// The claims in `status`, longest waiting first (status_since), keyset-paged after
// (`after_since`, `after_id`); at most `limit`.
std::vector<Claim> Queue(soci::session& sql, Status status, int limit,
                         std::optional<std::pair<std::int64_t, std::int64_t>> after = {});
// How many claims are in each status (index = Status).
std::vector<std::int64_t> CountByStatus(soci::session& sql);

// The member's open claims (submitted until paid), for the dashboard.
int CountPending(soci::session& sql, std::int64_t member_id);

// Draft edits; false when the claim is no longer a draft (nothing changed).
bool SaveAnswers(soci::session& sql, std::int64_t id, std::string_view answers_json,
                 std::int64_t now);
// The rules' decision and amount as computed now (any open status).
void SaveDecision(soci::session& sql, std::int64_t id, std::string_view decision_json,
                  std::optional<std::int64_t> amount, bool monthly, std::int64_t now);
// The payout account the claimant confirmed (draft, or payout_failed when they correct it).
void SavePayoutChoice(soci::session& sql, std::int64_t id, std::string_view bank_code,
                      std::string_view last4, std::string_view holder,
                      std::string_view extra_checks, std::int64_t now);

// ---- Documents -------------------------------------------------------------------------------

struct Document {
  std::int64_t id = 0, claim_id = 0;
  std::string doc_type;  // ektp, family_card, termination_letter, bank_book, death_certificate,
                         // heir_statement, accident_report, doctor_statement, other
  std::string blob_id;   // the upload store's id; never shown
  std::string display_name, kind;  // kind: pdf, jpeg, png
  std::int64_t size_bytes = 0;
  std::string scan_state;  // pending, clean, infected
  std::string scan_signature;
  std::string review;  // pending, accepted, ask_again
  std::string review_reason;
  std::optional<std::int64_t> reviewed_by;
  bool superseded = false;
  std::int64_t uploaded_by = 0, uploaded_at = 0;
};

struct NewDocument {
  std::int64_t claim_id = 0;
  std::string doc_type, blob_id, display_name, kind;
  std::int64_t size_bytes = 0;
  std::string scan_state = "pending";
  std::string scan_signature;
  std::int64_t uploaded_by = 0;
};

// Adds a document; an earlier document of the same type that was asked again (or, in a draft,
// any earlier one of that type) is marked superseded, so each type has one current file.
std::int64_t AddDocument(soci::session& sql, const NewDocument& document, std::int64_t now);
// The claim's documents, oldest first (superseded ones included, marked).
std::vector<Document> DocumentsOf(soci::session& sql, std::int64_t claim_id);
// One document of this claim; nullopt when the id belongs to another claim.
std::optional<Document> FindDocument(soci::session& sql, std::int64_t claim_id,
                                     std::int64_t document_id);
// Removes a document from a draft (the caller removes the bytes); false when not a draft's.
bool RemoveDraftDocument(soci::session& sql, std::int64_t claim_id, std::int64_t document_id);
// The verifier's word on a current document: "accepted" or "ask_again" with a reason.
bool ReviewDocument(soci::session& sql, std::int64_t claim_id, std::int64_t document_id,
                    std::string_view review, std::string_view reason, std::int64_t reviewer);
// The scanner's answer for a document held as pending.
void SetScanResult(soci::session& sql, std::int64_t document_id, std::string_view scan_state,
                   std::string_view signature);
// Documents still waiting for the scanner, oldest first.
std::vector<Document> DocumentsAwaitingScan(soci::session& sql, int limit);

// ---- Steps -----------------------------------------------------------------------------------

struct ClaimEvent {
  std::int64_t id = 0, claim_id = 0;
  std::string action, from_status, to_status;
  std::int64_t actor_account_id = 0;
  std::string actor_role;
  std::string note;
  std::int64_t at = 0;
};
std::vector<ClaimEvent> EventsOf(soci::session& sql, std::int64_t claim_id);

struct StepRequest {
  std::int64_t claim_id = 0;
  Action action = Action::kSubmit;
  Role role = Role::kClaimant;
  std::int64_t actor_account_id = 0;
  // The acting staff member's NIK when their account has one: their own or a relative's claim
  // is refused (workflow.h CheckSeparation). Ignored for the claimant.
  std::optional<std::string> actor_nik;
  std::string note;  // the reason (reject, ask again) or the claimant's answer
  std::int64_t now = 0;
};

enum class StepRefusal { kNone, kNotFound, kNotAllowed, kSeparation, kChanged };

struct StepOutcome {
  StepRefusal refusal = StepRefusal::kNone;
  Separation separation = Separation::kAllowed;  // with kSeparation
  Status from = Status::kDraft, to = Status::kDraft;
  std::optional<Claim> claim;  // as it is after the step (or as it was, when refused)
  bool ok() const { return refusal == StepRefusal::kNone; }
};

// The facts CheckSeparation needs about `actor` and this claim (reads the insured member's NIK
// and beneficiaries).
SeparationFacts SeparationFactsFor(soci::session& sql, const Claim& claim,
                                   std::int64_t actor_account_id,
                                   const std::optional<std::string>& actor_nik);

// Moves the claim by the workflow, records the step (claim_events) and stamps what the step
// means (submitted_at, verifier, approver and decided_at, paid_at, the decision reason). Run it
// in the caller's write transaction; audit and notify in the same one (claim_steps.h).
StepOutcome Transition(soci::session& sql, const StepRequest& request);

}  // namespace lumbung::claims
