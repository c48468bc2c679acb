// What the claimant answered in the journey, as stored in claims.answers (JSON), the pages of
// the journey those answers lead through, and the rules' decision as stored in claims.decision.
// Pure: the member's pages (member_routes.cc) and the staff's pages read the same shapes.
//
// claims.answers: {"heir": true, "ground": "job_ended", "spell": 12, "accident": 3,
//                  "children": 1}, each key only once answered.
// claims.decision: {"eligible": true, "eligible_from": "2027-01-15", "reasons": [reason...],
//                   "total": 1234567, "monthly": false,
//                   "lines": [{"label": reason, "amount": 1234567, "up_to": false}...]}
//   reason: {"id": "claims.reason.x", "text": {...}, "dates": {"day": "2027-01-15"},
//            "amounts": {...}, "numbers": {...}, "percents": {...}}
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claims/benefit_amount.h"
#include "claims/eligibility.h"

namespace lumbung::claims {

// What the member chooses on the first page: a claim for themselves, or (the last three) as the
// heir of a member who died.
struct Choice {
  ClaimType type = ClaimType::kJhtFull;
  bool heir = false;
  friend bool operator==(const Choice&, const Choice&) = default;
};
// "jht_full", "jht_partial_10", "jht_partial_30", "jp", "jkk", "jkp", then the heir's "jkm",
// "jht_death", "jkk_death".
inline constexpr std::string_view kChoiceNames[] = {
    "jht_full", "jht_partial_10", "jht_partial_30", "jp", "jkk", "jkp",
    "jkm",      "jht_death",      "jkk_death"};
std::optional<Choice> ParseChoice(std::string_view name);
std::string ChoiceName(const Choice& choice);

// "pension_age", "job_ended", "death", "permanent_disability"; and back.
std::string_view GroundName(JhtGround ground);
std::optional<JhtGround> ParseGround(std::string_view name);

// The answers of a stored claim. Anything unreadable counts as not answered yet; the number of
// children in school of a JKM claim is -1 until answered.
ClaimAnswers ParseAnswers(ClaimType type, std::string_view json, std::int64_t claim_id);
// The JSON stored for `answers` (type and claim id are stored in their own columns).
std::string AnswersJson(const ClaimAnswers& answers);
// The answers as the rules read them (a question not answered yet counts as its default).
ClaimAnswers ForTheRules(ClaimAnswers answers);
// The answers a new claim starts with.
ClaimAnswers StartingAnswers(const Choice& choice);

// The journey's pages, in order: the questions this claim needs ("ground", "spell",
// "accident", "children"), then "eligibility", "amount", "documents", "payout", "check".
std::vector<std::string_view> JourneyPages(const ClaimAnswers& answers);
// True for the question pages.
bool IsQuestionPage(std::string_view page);
// Whether a question page has an answer (the other pages always count as answered).
bool IsAnswered(std::string_view page, const ClaimAnswers& answers);
// Where a draft continues: its first unanswered question, else "eligibility".
std::string_view ContinuePage(const ClaimAnswers& answers);
// The page before `page` ("" for the first), and the page after it ("" for the last).
std::string_view PreviousPage(const ClaimAnswers& answers, std::string_view page);
std::string_view NextPage(const ClaimAnswers& answers, std::string_view page);

// The decision as stored.
struct StoredDecision {
  Eligibility eligibility;
  std::optional<BenefitAmount> amount;  // only for an eligible claim
};
std::string DecisionJson(const Eligibility& eligibility,
                         const std::optional<BenefitAmount>& amount);
// nullopt for "{}" (never decided) or anything unreadable.
std::optional<StoredDecision> ParseDecision(std::string_view json);

}  // namespace lumbung::claims
