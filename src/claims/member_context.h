// What the member's claim pages share (member_routes.cc: the journey, status and withdrawal;
// member_documents_routes.cc: documents). Private to the claims feature.
//
// Every page is for the member role only, and every page of a claim first finds the claim by
// its id AND the visitor's account (OwnClaim): another account's claim answers 404 exactly like
// a claim that does not exist (ASVS 4.0.3 4.2.1).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "claims/claim_answers.h"
#include "claims/claim_store.h"
#include "claims/claimant_facts.h"
#include "claims/routes.h"
#include "core/audit/event.h"
#include "core/http/request.h"
#include "core/http/response.h"
#include "core/http/router.h"
#include "core/http/url.h"
#include "core/i18n/catalog.h"
#include "core/view/views.h"
#include "profile/bank.h"

namespace lumbung::claims {

struct MemberContext {
  Services& services;
  std::size_t max_file_bytes;  // claims.max_file_bytes
  int bank_change_days;        // claims.bank_change_days
  std::string seal_key;        // profile/payout_account.h PayoutAccountKey
  std::vector<profile::Bank> banks;
};
using MemberCtx = std::shared_ptr<const MemberContext>;

std::int64_t NowSeconds();

// The claim of the URL's {id} when the visitor made it; nullopt (answer 404) otherwise.
std::optional<Claim> OwnClaim(soci::session& sql, const http::Request& request);

// An audit event of the visitor about `claim` ("claims.<what>").
audit::Event ClaimAudit(const http::Request& request, std::string action, const Claim& claim);

// The choice the claim was made as (type, and whether an heir makes it).
Choice ChoiceOf(const Claim& claim);
ClaimAnswers AnswersOf(const Claim& claim);

// Whether the rules let the claim go on today (eligibility.h Decide); the pages after the
// explanation send the claimant back to it otherwise.
bool EligibleNow(const MemberContext& c, soci::session& sql, const Claim& claim);

// The pieces the member's pages share (member_shared.cc).
namespace member {

const i18n::Catalogs& T(const MemberContext& c);
std::string Field(const http::Fields& fields, std::string_view name);
std::string Base(const Claim& claim);                             // "/claims/12"
std::string StepHref(const Claim& claim, std::string_view page);  // "/claims/12/step/spell"
std::string DayOf(const MemberContext& c, const std::string& lang, std::int64_t epoch);
std::string ChoiceLabel(const MemberContext& c, const std::string& lang, const Claim& claim);
std::string StatusLabel(const MemberContext& c, const std::string& lang, Status status);
std::string AmountText(const MemberContext& c, const std::string& lang, std::int64_t amount,
                       bool monthly);
std::string BankName(const MemberContext& c, const std::string& code);
std::string IsoOf(registry::Date day);
// Text as typed, line ends made "\n", surrounding space trimmed; false with a control
// character other than a line end or tab.
bool TidyNote(const std::string& typed, std::string* out);
std::size_t Chars(const std::string& s);
// One error in the page's error summary.
void PutError(view::mustache::data& page, const std::string& href, const std::string& message);

// What the rules say about a claim today.
struct Assessment {
  ClaimantFacts facts;
  Eligibility eligibility;
  std::optional<BenefitAmount> amount;
};
Assessment Assess(const MemberContext& c, soci::session& sql, const Claim& claim,
                  const ClaimAnswers& answers);
view::mustache::data ReasonList(const MemberContext& c, const std::string& lang,
                                const std::vector<Reason>& reasons);
// The name of the member who died, on an heir's pages; "" for the member's own claim.
std::string DeceasedName(soci::session& sql, const Claim& claim);

}  // namespace member

// Registers the journey's pages of a draft (questions, explanation, amount, payout account,
// check your answers), the submission and the confirmation (member_journey_routes.cc).
void AddMemberJourneyRoutes(http::Router& router, const MemberCtx& context);

// Registers the document pages of a claim: the journey's documents page, uploads, removal and
// downloads.
void AddMemberDocumentRoutes(http::Router& router, const MemberCtx& context);

// The documents of a claim as its pages show them (member_documents_routes.cc).
view::mustache::data DocumentRows(const MemberContext& c, const http::Request& request,
                                  const Claim& claim, const std::vector<Document>& documents);
// The types of the claim's current documents that count (neither superseded nor refused by
// the virus scan).
std::vector<std::string> PresentDocumentTypes(const std::vector<Document>& documents);

// A document that passed the checks, ready to be stored: the caller stores it with
// StoreDocument in its own write transaction.
struct IncomingDocument {
  std::string doc_type;
  std::string bytes, display_name, kind;
  std::string scan_state;  // clean or pending
};
// Checks one uploaded file (document_intake.h PrepareDocument, then the virus scanner).
// Returns the document, or the member's message why it was refused in `error` (with
// `too_big` set when it is over the size limit).
std::optional<IncomingDocument> CheckDocument(const MemberContext& c, const http::Request& request,
                                              const Claim& claim, const std::string& doc_type,
                                              std::string_view bytes,
                                              std::string_view uploaded_name, std::string* error,
                                              bool* too_big);
// Stores the bytes and the row (and, for a file not yet scanned, the scan-later job); returns
// the row id. Throws after removing the stored bytes again when the row cannot be written.
std::int64_t StoreDocument(const MemberContext& c, soci::session& sql, const Claim& claim,
                           const IncomingDocument& document, const http::Request& request,
                           std::string* blob_id);

}  // namespace lumbung::claims
