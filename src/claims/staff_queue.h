// The claims staff's queue and checks, without I/O (/staff/claims, staff_routes.cc): which
// statuses the queue lists, who is expected to move a claim on, how the service-level clock
// reads, the keyset cursor of the queue's pages, and what the documents still lack before a
// verifier may verify or ask the member for more.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "claims/claim_store.h"
#include "claims/workflow.h"

namespace lumbung::claims {

// The queue's tabs, in order: the fund's work first (submitted, being verified, verified), then
// the claims waiting for the member, then those decided, paid or withdrawn. Drafts are the
// member's own and never listed.
std::span<const Status> QueueStatuses();
inline constexpr Status kDefaultQueueStatus = Status::kSubmitted;
// A status the queue lists (every one but draft).
bool IsQueueStatus(Status status);

// Who moves a claim on from its status.
enum class NextActor { kVerifier, kApprover, kClaimant, kFinance, kNobody };
NextActor NextActorOf(Status status);

// The service-level clock: it runs while claims staff must act (a verifier or an approver), in
// working days since the claim entered its status; the target is claims.target_working_days.
struct QueueClock {
  bool runs = false;
  int working_days_waited = 0;
  bool overdue = false;       // waited longer than the target
  bool last_day = false;      // waited exactly the target: due today
  int working_days_left = 0;  // before the target is reached (0 when due today or overdue)
};
// `working_days_waited` as counted from status_since to today (Monday to Friday, the fund's
// days). Overdue means past the target-th working day after the status began.
QueueClock ReadClock(Status status, int working_days_waited, int target_working_days);
// The tag a row or page shows for the clock: "error" overdue, "warning" due today, "" else.
std::string_view ClockTag(const QueueClock& clock);

// The queue pages after the last row shown, by (status_since, id): "<status_since>.<id>".
std::string FormatQueueCursor(std::int64_t status_since, std::int64_t id);
// The reverse; nullopt for anything else (negative, non-digits, too long).
std::optional<std::pair<std::int64_t, std::int64_t>> ParseQueueCursor(std::string_view text);

// ---- Documents -------------------------------------------------------------------------------

// A document a verifier may accept or ask again for: the current one of its type, scanned
// clean. A pending or infected file is never reviewed nor opened by staff.
bool IsReviewable(const Document& document);
// A document staff may download: scanned clean (a superseded one stays readable for the record).
bool IsDownloadable(const Document& document);

// What still stands in the way of verifying a claim, first problem only.
enum class VerifyBlock {
  kNone,
  kNoDocuments,      // the claim has no current document at all
  kRequiredMissing,  // a required document type has no current document
  kNotScanned,       // a current document is still waiting for the virus scanner
  kInfected,         // a current document was found infected
  kNotReviewed,      // a current document is neither accepted nor asked again
  kAskedAgain,       // a current document was asked again: ask the member for documents
};
struct VerifyReadiness {
  VerifyBlock block = VerifyBlock::kNone;
  std::string doc_type;  // the document type the block is about, when it is about one
  bool ok() const { return block == VerifyBlock::kNone; }
};
// Every current document must be clean and accepted, and every type in `required_types`
// (claim_documents_rules.h for the claim's type and answers) must have one. An empty
// `required_types` checks only the documents the claim has.
VerifyReadiness CheckVerifyReadiness(const std::vector<Document>& documents,
                                     const std::vector<std::string>& required_types);
std::string_view VerifyBlockName(VerifyBlock block);  // "required_missing", ...

// Asking the member for documents needs something to ask for: a current document asked again,
// or a note saying what is missing.
bool CanAskForDocuments(const std::vector<Document>& documents, std::string_view note);

// The reasons a claim needs extra checks (claims.extra_checks, comma-separated), in order,
// without empty or repeated ones.
std::vector<std::string> ExtraCheckReasons(std::string_view extra_checks);

// Text a staff member typed (a reason, a note) made tidy: line ends "\n", tabs as spaces,
// surrounding space trimmed. False when it holds another control character or is longer than
// `max_chars` characters.
bool TidyStaffText(std::string_view typed, std::size_t max_chars, std::string* out);

}  // namespace lumbung::claims
