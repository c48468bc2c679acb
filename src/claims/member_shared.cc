// What the member's claim pages share (member_context.h).

#include <soci/soci.h>

#include <algorithm>
#include <chrono>

#include "claims/accident_store.h"
#include "claims/claim_documents_rules.h"
#include "claims/claim_steps.h"
#include "claims/claimant_facts.h"
#include "claims/member_context.h"
#include "claims/routes.h"
#include "core/audit/audit_log.h"
#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/http/multipart.h"
#include "core/http/url.h"
#include "core/i18n/day_text.h"
#include "core/i18n/fund_time.h"
#include "core/i18n/rupiah.h"
#include "core/i18n/typed_text.h"
#include "core/i18n/wib_time.h"
#include "core/view/page.h"
#include "profile/payout_account.h"
#include "profile/profile_store.h"

namespace lumbung::claims {
namespace member {

using view::mustache::data;

const i18n::Catalogs& T(const MemberContext& c) {
  return c.services.views.catalogs();
}

std::string Field(const http::Fields& fields, std::string_view name) {
  for (const auto& [k, v] : fields) {
    if (k == name) return v;
  }
  return "";
}

std::string Base(const Claim& claim) {
  return "/claims/" + std::to_string(claim.id);
}

std::string StepHref(const Claim& claim, std::string_view page) {
  return Base(claim) + "/step/" + std::string(page);
}

std::string DayOf(const MemberContext& c, const std::string& lang, std::int64_t epoch) {
  return i18n::DayText(T(c), lang, i18n::FundDayIso(epoch));
}

std::string ChoiceLabel(const MemberContext& c, const std::string& lang, const Claim& claim) {
  return T(c).Get(lang, "claims.member.choice_" + ChoiceName(ChoiceOf(claim)));
}

std::string StatusLabel(const MemberContext& c, const std::string& lang, Status status) {
  return T(c).Get(lang, "claims.status." + std::string(StatusName(status)));
}

std::string AmountText(const MemberContext& c, const std::string& lang, std::int64_t amount,
                       bool monthly) {
  const std::string text = i18n::FormatRupiah(amount, lang);
  return monthly ? T(c).Format(lang, "claims.member.per_month", {{"amount", text}}) : text;
}

std::string BankName(const MemberContext& c, const std::string& code) {
  const profile::Bank* bank = profile::FindBank(c.banks, code);
  return bank ? bank->name : code;
}

std::string IsoOf(registry::Date day) {
  return IsoDate(day);
}

bool TidyNote(const std::string& typed, std::string* out) {
  return i18n::TidyTypedText(typed, true, out);
}

std::size_t Chars(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

void PutError(data& page, const std::string& href, const std::string& message) {
  data errors{data::type::list};
  data e{data::type::object};
  e.set("href", href);
  e.set("message", message);
  errors.push_back(e);
  page.set("errors", errors);
  page.set("has_errors", true);
}

Assessment Assess(const MemberContext& c, soci::session& sql, const Claim& claim,
                  const ClaimAnswers& answers) {
  const registry::Date today = i18n::FundToday();
  Assessment a;
  a.facts = LoadClaimantFacts(sql, claim.member_id, c.services.rules, today);
  const ClaimAnswers rules_answers = ForTheRules(answers);
  a.eligibility = Decide(rules_answers, a.facts, c.services.rules, today);
  if (a.eligibility.eligible) {
    a.amount = ComputeAmount(rules_answers, a.facts, c.services.rules, today);
  }
  return a;
}

data ReasonList(const MemberContext& c, const std::string& lang,
                const std::vector<Reason>& reasons) {
  data list{data::type::list};
  for (const auto& r : reasons) list.push_back(data(ExplainReason(r, T(c), lang)));
  return list;
}

// The name of the member who died, on an heir's pages.
std::string DeceasedName(soci::session& sql, const Claim& claim) {
  if (claim.member_id == claim.claimant_member_id) return "";
  const auto profile = profile::LoadRegistryProfile(sql, claim.member_id);
  return profile ? profile->full_name : "";
}

// Common parts of a journey page: back link, step counter, reference, the deceased's name.
}  // namespace member

std::int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::optional<Claim> OwnClaim(soci::session& sql, const http::Request& request) {
  const auto id = http::PathId(request, "id");
  if (!id) return std::nullopt;
  auto claim = FindClaim(sql, *id);
  if (!claim || request.visitor.account_id == 0 ||
      claim->claimant_account_id != request.visitor.account_id) {
    return std::nullopt;
  }
  return claim;
}

audit::Event ClaimAudit(const http::Request& request, std::string action, const Claim& claim) {
  audit::Event e;
  e.actor_user_id = request.visitor.account_id;
  e.subject_user_id = claim.claimant_account_id;
  e.action = std::move(action);
  e.ip = request.remote_ip;
  e.user_agent = std::string(request.Header("user-agent"));
  e.details = {{"claim", claim.reference}};
  return e;
}

Choice ChoiceOf(const Claim& claim) {
  ClaimType type = ClaimType::kJhtFull;
  ParseTypeName(claim.claim_type, &type);
  return {type, type == ClaimType::kJkm || claim.member_id != claim.claimant_member_id};
}

bool EligibleNow(const MemberContext& c, soci::session& sql, const Claim& claim) {
  const auto answers = AnswersOf(claim);
  const auto resume = ContinuePage(answers);
  if (!IsAnswered(resume, answers)) return false;
  return member::Assess(c, sql, claim, answers).eligibility.eligible;
}

ClaimAnswers AnswersOf(const Claim& claim) {
  const Choice choice = ChoiceOf(claim);
  ClaimAnswers answers = ParseAnswers(choice.type, claim.answers, claim.id);
  // Whether an heir makes the claim is the claim's own fact, not an answer.
  answers.claimant_is_heir = choice.heir;
  if (choice.type == ClaimType::kJhtFull && choice.heir) answers.jht_ground = JhtGround::kDeath;
  return answers;
}

}  // namespace lumbung::claims
