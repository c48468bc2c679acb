// The journey of a member's draft claim: one question a page (back links keep the answers),
// the rules' explanation, the amount line by line, the payout account, "check your answers",
// the submission (the rules asked again on the server) and the confirmation with the
// reference. Documents: member_documents_routes.cc.

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
#include "core/i18n/wib_time.h"
#include "core/view/page.h"
#include "profile/payout_account.h"
#include "profile/profile_store.h"

namespace lumbung::claims {
namespace {

using view::mustache::data;
using namespace member;

data JourneyPage(const MemberContext& c, const http::Request& request, soci::session& sql,
                 const Claim& claim, const ClaimAnswers& answers, std::string_view page_name) {
  const std::string& lang = request.lang;
  data page{data::type::object};
  page.set("base", Base(claim));
  page.set("action", StepHref(claim, page_name));
  page.set("reference", claim.reference);
  page.set("type_label", ChoiceLabel(c, lang, claim));
  const auto pages = JourneyPages(answers);
  const auto at = std::find(pages.begin(), pages.end(), page_name);
  page.set("step", T(c).Format(lang, "claims.member.step_of",
                               {{"n", std::to_string(at - pages.begin() + 1)},
                                {"total", std::to_string(pages.size())}}));
  const auto previous = PreviousPage(answers, page_name);
  page.set("back_href", previous.empty() ? std::string("/claims") : StepHref(claim, previous));
  const std::string deceased = DeceasedName(sql, claim);
  if (!deceased.empty()) page.set("deceased", deceased);
  return page;
}

std::string SpellLabel(const MemberContext& c, const std::string& lang, const Spell& s) {
  return T(c).Format(lang, "claims.member.spell_label",
                     {{"employer", s.employer_name},
                      {"start", i18n::DayText(T(c), lang, IsoOf(s.start))},
                      {"end", s.end ? i18n::DayText(T(c), lang, IsoOf(*s.end)) : std::string()},
                      {"reason", s.end_reason.empty() ? std::string()
                                                      : T(c).Get(lang, "claims.member.end_reason_" +
                                                                           s.end_reason)}});
}

std::string AccidentLabel(const MemberContext& c, const std::string& lang, const WorkAccident& a) {
  return T(c).Format(lang, "claims.member.accident_label",
                     {{"date", i18n::DayText(T(c), lang, a.accident_date)},
                      {"place", a.place},
                      {"employer", a.employer_name}});
}

// ---------------------------------------------------------------------------------------------
// The journey's pages

// Options of a question page: value, label, hint, checked.
struct Option {
  std::string value, label, hint;
};

http::Response QuestionPage(const MemberContext& c, const http::Request& request,
                            soci::session& sql, const Claim& claim, const ClaimAnswers& answers,
                            std::string_view name, const std::string& error = "",
                            int status = 200) {
  const std::string& lang = request.lang;
  data page = JourneyPage(c, request, sql, claim, answers, name);
  const std::string q(name);
  page.set("question", T(c).Get(lang, "claims.member.q_" + q));
  page.set("hint", T(c).Get(lang, "claims.member.q_" + q + "_hint"));
  std::vector<Option> options;
  std::string chosen;
  if (name == "ground") {
    for (auto g : {JhtGround::kJobEnded, JhtGround::kPensionAge, JhtGround::kPermanentDisability}) {
      const std::string v(GroundName(g));
      options.push_back({v, T(c).Get(lang, "claims.member.ground_" + v), ""});
    }
    if (answers.jht_ground) chosen = GroundName(*answers.jht_ground);
  } else if (name == "spell") {
    const auto facts = LoadClaimantFacts(sql, claim.member_id, c.services.rules, i18n::FundToday());
    for (auto it = facts.spells.rbegin(); it != facts.spells.rend(); ++it) {
      if (!it->end) continue;
      options.push_back({std::to_string(it->id), SpellLabel(c, lang, *it), ""});
    }
    if (answers.spell_id) chosen = std::to_string(*answers.spell_id);
  } else if (name == "accident") {
    for (const auto& a : AccidentsOfMember(sql, claim.member_id)) {
      options.push_back(
          {std::to_string(a.id), AccidentLabel(c, lang, a),
           a.confirmed() ? "" : T(c).Get(lang, "claims.member.accident_unconfirmed")});
    }
    if (answers.accident_id) chosen = std::to_string(*answers.accident_id);
  } else if (name == "children") {
    page.set("number_question", true);
    page.set("value", answers.children_in_school >= 0 ? std::to_string(answers.children_in_school)
                                                      : std::string());
  }
  data list{data::type::list};
  for (const auto& o : options) {
    data item{data::type::object};
    item.set("value", o.value);
    item.set("label", o.label);
    if (!o.hint.empty()) item.set("option_hint", o.hint);
    item.set("checked", o.value == chosen);
    list.push_back(item);
  }
  page.set("options", list);
  page.set("has_options", !options.empty());
  page.set("no_options", name != "children" && options.empty());
  if (name != "children" && options.empty()) {
    page.set("none_text", T(c).Get(lang, "claims.member.q_" + q + "_none"));
  }
  const std::string first = options.empty() ? "f-value" : "f-answer-" + options.front().value;
  page.set("first_id", first);
  if (!error.empty()) {
    page.set("error", error);
    PutError(page, "#" + first, error);
  }
  return view::Page(request, c.services.views, "claims/member_question", "claims.member.q_" + q,
                    page, status);
}

http::Response EligibilityPage(const MemberContext& c, const http::Request& request,
                               soci::session& sql, const Claim& claim, const ClaimAnswers& answers,
                               const Assessment& a, const std::string& error = "",
                               int status = 200) {
  const std::string& lang = request.lang;
  data page = JourneyPage(c, request, sql, claim, answers, "eligibility");
  page.set("eligible", a.eligibility.eligible);
  page.set("reasons", ReasonList(c, lang, a.eligibility.reasons));
  if (a.eligibility.eligible_from) {
    page.set(
        "eligible_from",
        T(c).Format(lang, "claims.member.eligible_from",
                    {{"date", i18n::DayText(T(c), lang, IsoOf(*a.eligibility.eligible_from))}}));
  }
  page.set("next_href", StepHref(claim, "amount"));
  if (!error.empty()) PutError(page, "#reasons", error);
  return view::Page(
      request, c.services.views, "claims/member_eligibility",
      a.eligibility.eligible ? "claims.member.eligible_title" : "claims.member.not_eligible_title",
      page, status);
}

http::Response AmountPage(const MemberContext& c, const http::Request& request, soci::session& sql,
                          const Claim& claim, const ClaimAnswers& answers, const Assessment& a) {
  const std::string& lang = request.lang;
  data page = JourneyPage(c, request, sql, claim, answers, "amount");
  data lines{data::type::list};
  for (const auto& line : a.amount->lines) {
    data item{data::type::object};
    item.set("label", ExplainReason(line.label, T(c), lang));
    item.set("amount", i18n::FormatRupiah(line.amount, lang));
    item.set("up_to", line.up_to);
    lines.push_back(item);
  }
  page.set("lines", lines);
  page.set("total", AmountText(c, lang, a.amount->total, a.amount->monthly));
  page.set("monthly", a.amount->monthly);
  page.set("next_href", StepHref(claim, "documents"));
  return view::Page(request, c.services.views, "claims/member_amount", "claims.member.amount_title",
                    page);
}

// Why a claim needs extra checks before it is paid (comma-separated, claims.extra_checks).
std::string ExtraChecks(const profile::PayoutAccount& account, std::int64_t now, int days) {
  std::string checks;
  if (account.updated_at > 0 &&
      now - account.updated_at <= static_cast<std::int64_t>(days) * 86400) {
    checks = "bank_changed_recently";
  }
  if (account.needs_staff_check)
    checks += checks.empty() ? "payout_account_check" : ",payout_account_check";
  return checks;
}

http::Response PayoutPage(const MemberContext& c, const http::Request& request, soci::session& sql,
                          const Claim& claim, const ClaimAnswers& answers,
                          const std::string& error = "", int status = 200) {
  const std::string& lang = request.lang;
  data page = JourneyPage(c, request, sql, claim, answers, "payout");
  const auto account = profile::PayoutAccountFor(sql, c.seal_key, claim.claimant_member_id);
  page.set("has_account", account.has_value());
  if (account) {
    page.set("bank", BankName(c, account->bank_code));
    page.set("last4", account->account_last4);
    page.set("holder", account->holder_name);
    page.set("staff_check", account->needs_staff_check);
    page.set(
        "recent",
        ExtraChecks(*account, NowSeconds(), c.bank_change_days).find("bank_changed_recently") !=
            std::string::npos);
    page.set("recent_text", T(c).Format(lang, "claims.member.payout_recent",
                                        {{"days", std::to_string(c.bank_change_days)}}));
    page.set("confirmed", !claim.payout_last4.empty() &&
                              claim.payout_last4 == account->account_last4 &&
                              claim.payout_bank_code == account->bank_code);
  }
  page.set("back_href", StepHref(claim, "documents"));
  if (!error.empty()) {
    page.set("error", error);
    PutError(page, "#f-confirm", error);
  }
  return view::Page(request, c.services.views, "claims/member_payout", "claims.member.payout_title",
                    page, status);
}

// "Check your answers": every answer with a link to change it, the amount, the documents and
// the payout account; `errors` say what stops the submission.
http::Response CheckPage(const MemberContext& c, const http::Request& request, soci::session& sql,
                         const Claim& claim, const ClaimAnswers& answers, const Assessment& a,
                         const std::vector<std::pair<std::string, std::string>>& errors = {},
                         int status = 200) {
  const std::string& lang = request.lang;
  data page = JourneyPage(c, request, sql, claim, answers, "check");
  data rows{data::type::list};
  const auto add = [&](const std::string& label, const std::string& value,
                       const std::string& href) {
    data row{data::type::object};
    row.set("label", label);
    row.set("value", value);
    if (!href.empty()) row.set("href", href);
    rows.push_back(row);
  };
  add(T(c).Get(lang, "claims.member.check_type"), ChoiceLabel(c, lang, claim), "");
  const std::string deceased = DeceasedName(sql, claim);
  if (!deceased.empty()) add(T(c).Get(lang, "claims.member.check_deceased"), deceased, "");
  for (auto p : JourneyPages(answers)) {
    if (!IsQuestionPage(p)) continue;
    std::string value;
    if (p == "ground" && answers.jht_ground) {
      value =
          T(c).Get(lang, "claims.member.ground_" + std::string(GroundName(*answers.jht_ground)));
    } else if (p == "spell") {
      for (const auto& s : a.facts.spells) {
        if (answers.spell_id == s.id) value = SpellLabel(c, lang, s);
      }
    } else if (p == "accident") {
      for (const auto& acc : AccidentsOfMember(sql, claim.member_id)) {
        if (answers.accident_id == acc.id) value = AccidentLabel(c, lang, acc);
      }
    } else if (p == "children") {
      value = std::to_string(std::max(answers.children_in_school, 0));
    }
    add(T(c).Get(lang, "claims.member.q_" + std::string(p)), value, StepHref(claim, p));
  }
  if (a.amount) {
    add(T(c).Get(lang, "claims.member.check_amount"),
        AmountText(c, lang, a.amount->total, a.amount->monthly), StepHref(claim, "amount"));
  }
  const auto documents = DocumentsOf(sql, claim.id);
  const auto present = PresentDocumentTypes(documents);
  for (const auto& need : RequiredDocuments(answers.type, answers)) {
    std::string value;
    for (const auto& d : documents) {
      if (!d.superseded && d.scan_state != "infected" && d.doc_type == need.doc_type) {
        value = d.display_name;
      }
    }
    if (value.empty()) {
      value = T(c).Get(
          lang, need.required ? "claims.member.check_missing" : "claims.member.check_not_sent");
    }
    add(T(c).Get(lang, "claims.doc.type_" + need.doc_type), value, StepHref(claim, "documents"));
  }
  std::string payout = T(c).Get(lang, "claims.member.check_missing");
  if (!claim.payout_last4.empty()) {
    payout = T(c).Format(lang, "claims.member.payout_line",
                         {{"bank", BankName(c, claim.payout_bank_code)},
                          {"last4", claim.payout_last4},
                          {"holder", claim.payout_holder}});
  }
  add(T(c).Get(lang, "claims.member.check_payout"), payout, StepHref(claim, "payout"));
  page.set("rows", rows);
  if (!errors.empty()) {
    data list{data::type::list};
    for (const auto& [href, message] : errors) {
      data e{data::type::object};
      e.set("href", href);
      e.set("message", message);
      list.push_back(e);
    }
    page.set("errors", list);
    page.set("has_errors", true);
  }
  return view::Page(request, c.services.views, "claims/member_check", "claims.member.check_title",
                    page, status);
}

std::optional<std::size_t> PageIndex(const std::vector<std::string_view>& pages,
                                     std::string_view page) {
  const auto it = std::find(pages.begin(), pages.end(), page);
  if (it == pages.end()) return std::nullopt;
  return static_cast<std::size_t>(it - pages.begin());
}

// The draft of the URL for a journey page: 404 for another account's claim; a redirect when
// it is no longer a draft or an earlier question is still unanswered.
struct DraftPage {
  std::optional<Claim> claim;
  ClaimAnswers answers;
  std::optional<http::Response> answer;  // set: respond with this
};

DraftPage FindDraftPage(soci::session& sql, const http::Request& request, std::string_view page) {
  DraftPage d;
  d.claim = OwnClaim(sql, request);
  if (!d.claim) {
    d.answer = http::Response::Error(404);
    return d;
  }
  if (d.claim->status != Status::kDraft) {
    d.answer = http::Response::Redirect(Base(*d.claim));
    return d;
  }
  d.answers = AnswersOf(*d.claim);
  const auto pages = JourneyPages(d.answers);
  const auto at = PageIndex(pages, page);
  if (!at) {
    d.answer = http::Response::Error(404);
    return d;
  }
  const auto resume = ContinuePage(d.answers);
  if (!IsAnswered(resume, d.answers) && *at > *PageIndex(pages, resume)) {
    d.answer = http::Response::Redirect(StepHref(*d.claim, resume));
  }
  return d;
}

http::Response StepGet(const MemberContext& c, http::Request& request) {
  const std::string page = request.params.at("page");
  auto lease = c.services.database.Acquire();
  auto& sql = *lease;
  auto d = FindDraftPage(sql, request, page);
  if (d.answer) return *d.answer;
  if (IsQuestionPage(page)) return QuestionPage(c, request, sql, *d.claim, d.answers, page);
  const Assessment a = Assess(c, sql, *d.claim, d.answers);
  if (page == "eligibility") return EligibilityPage(c, request, sql, *d.claim, d.answers, a);
  // Nothing after the explanation while the rules say no: there is no way to go on.
  if (!a.eligibility.eligible) return http::Response::Redirect(StepHref(*d.claim, "eligibility"));
  if (page == "amount") return AmountPage(c, request, sql, *d.claim, d.answers, a);
  if (page == "payout") return PayoutPage(c, request, sql, *d.claim, d.answers);
  if (page == "check") return CheckPage(c, request, sql, *d.claim, d.answers, a);
  return http::Response::Error(404);
}

// A question's answer, checked against what the registry offers for this claim.
http::Response QuestionPost(const MemberContext& c, http::Request& request, soci::session& sql,
                            const Claim& claim, ClaimAnswers answers, const std::string& page,
                            const http::Fields& fields) {
  const std::string& lang = request.lang;
  const std::string value = Field(fields, page == "children" ? "value" : "answer");
  bool ok = false;
  if (page == "ground") {
    const auto g = ParseGround(value);
    ok = g && *g != JhtGround::kDeath;
    if (ok) answers.jht_ground = g;
  } else if (page == "spell") {
    const auto facts = LoadClaimantFacts(sql, claim.member_id, c.services.rules, i18n::FundToday());
    for (const auto& s : facts.spells) {
      if (s.end && std::to_string(s.id) == value) {
        answers.spell_id = s.id;
        ok = true;
      }
    }
  } else if (page == "accident") {
    for (const auto& a : AccidentsOfMember(sql, claim.member_id)) {
      if (std::to_string(a.id) == value) {
        answers.accident_id = a.id;
        ok = true;
      }
    }
  } else if (page == "children") {
    if (!value.empty() && value.size() <= 2 &&
        value.find_first_not_of("0123456789") == std::string::npos && std::stoi(value) <= 20) {
      answers.children_in_school = std::stoi(value);
      ok = true;
    }
  }
  if (!ok) {
    return QuestionPage(c, request, sql, claim, answers, page,
                        T(c).Get(lang, "claims.member.q_" + page + "_error"), 422);
  }
  {
    auto tx = db::Transaction::ForWriting(sql);
    if (!SaveAnswers(sql, claim.id, AnswersJson(answers), NowSeconds())) {
      return http::Response::Redirect(Base(claim));
    }
    audit::Event e = ClaimAudit(request, "claims.draft_saved", claim);
    e.details["page"] = page;
    audit::Append(sql, e);
    tx.Commit();
  }
  const auto next = NextPage(answers, page);
  return http::Response::Redirect(StepHref(claim, next.empty() ? "check" : next));
}

http::Response PayoutPost(const MemberContext& c, http::Request& request, soci::session& sql,
                          const Claim& claim, const ClaimAnswers& answers,
                          const http::Fields& fields) {
  const auto account = profile::PayoutAccountFor(sql, c.seal_key, claim.claimant_member_id);
  if (!account) return PayoutPage(c, request, sql, claim, answers);
  if (Field(fields, "confirm") != "1") {
    return PayoutPage(c, request, sql, claim, answers,
                      T(c).Get(request.lang, "claims.member.error_payout_confirm"), 422);
  }
  auto tx = db::Transaction::ForWriting(sql);
  SavePayoutChoice(sql, claim.id, account->bank_code, account->account_last4, account->holder_name,
                   ExtraChecks(*account, NowSeconds(), c.bank_change_days), NowSeconds());
  audit::Event e = ClaimAudit(request, "claims.payout_confirmed", claim);
  e.details["bank"] = account->bank_code;
  e.details["last4"] = account->account_last4;
  audit::Append(sql, e);
  tx.Commit();
  return http::Response::Redirect(StepHref(claim, "check"));
}

http::Response StepPost(const MemberContext& c, http::Request& request) {
  const std::string page = request.params.at("page");
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  auto lease = c.services.database.Acquire();
  auto& sql = *lease;
  auto d = FindDraftPage(sql, request, page);
  if (d.answer) return *d.answer;
  if (IsQuestionPage(page))
    return QuestionPost(c, request, sql, *d.claim, d.answers, page, *fields);
  if (page == "payout") {
    const Assessment a = Assess(c, sql, *d.claim, d.answers);
    if (!a.eligibility.eligible) return http::Response::Redirect(StepHref(*d.claim, "eligibility"));
    return PayoutPost(c, request, sql, *d.claim, d.answers, *fields);
  }
  return http::Response::Error(404);
}

// ---------------------------------------------------------------------------------------------
// Submission

// The rules are asked again on the server: an ineligible claim, a missing required document or
// a payout account changed since it was confirmed stops the submission, whatever the form said.
http::Response SubmitPost(const MemberContext& c, http::Request& request) {
  const std::string& lang = request.lang;
  auto lease = c.services.database.Acquire();
  auto& sql = *lease;
  const auto claim = OwnClaim(sql, request);
  if (!claim) return http::Response::Error(404);
  if (claim->status != Status::kDraft) return http::Response::Redirect(Base(*claim));
  const auto answers = AnswersOf(*claim);
  for (auto p : JourneyPages(answers)) {
    if (!IsAnswered(p, answers)) return http::Response::Redirect(StepHref(*claim, p));
  }
  const Assessment a = Assess(c, sql, *claim, answers);
  if (!a.eligibility.eligible) {
    return EligibilityPage(c, request, sql, *claim, answers, a,
                           T(c).Get(lang, "claims.member.error_not_eligible"), 422);
  }
  std::vector<std::pair<std::string, std::string>> errors;
  const auto documents = DocumentsOf(sql, claim->id);
  for (const auto& missing : MissingDocuments(RequiredDocuments(answers.type, answers),
                                              PresentDocumentTypes(documents))) {
    errors.emplace_back(StepHref(*claim, "documents"),
                        T(c).Format(lang, "claims.member.error_document_missing",
                                    {{"document", T(c).Get(lang, "claims.doc.type_" + missing)}}));
  }
  const auto account = profile::PayoutAccountFor(sql, c.seal_key, claim->claimant_member_id);
  if (!account || claim->payout_last4.empty() || account->bank_code != claim->payout_bank_code ||
      account->account_last4 != claim->payout_last4 ||
      account->holder_name != claim->payout_holder) {
    errors.emplace_back(StepHref(*claim, "payout"), T(c).Get(lang, "claims.member.error_payout"));
  }
  if (!errors.empty()) return CheckPage(c, request, sql, *claim, answers, a, errors, 422);

  const std::int64_t now = NowSeconds();
  const std::string checks = ExtraChecks(*account, now, c.bank_change_days);
  auto tx = db::Transaction::ForWriting(sql);
  SavePayoutChoice(sql, claim->id, account->bank_code, account->account_last4, account->holder_name,
                   checks, now);
  SaveDecision(sql, claim->id, DecisionJson(a.eligibility, a.amount), a.amount->total,
               a.amount->monthly, now);
  if (checks.find("bank_changed_recently") != std::string::npos) {
    inbox::InboxItem item;
    item.account_id = claim->claimant_account_id;
    item.category = std::string(inbox::kClaims);
    item.message_id = "claims.member.notice_bank_changed";
    item.values = {{"reference", claim->reference}, {"days", std::to_string(c.bank_change_days)}};
    item.link = Base(*claim);
    item.created_at = now;
    item.dedupe_key = "claim:" + std::to_string(claim->id) + ":bank_changed";
    item.mail_subject_id = "claims.notice_subject";
    inbox::Notify(c.services.notify, sql, item);
  }
  StepRequest step;
  step.claim_id = claim->id;
  step.action = Action::kSubmit;
  step.role = Role::kClaimant;
  step.actor_account_id = request.visitor.account_id;
  step.now = now;
  const auto outcome = TakeStepInTransaction(
      sql, step, {request.remote_ip, std::string(request.Header("user-agent"))}, c.services.notify);
  if (!outcome.ok()) return http::Response::Redirect(Base(*claim));  // rolled back
  tx.Commit();
  return http::Response::Redirect(Base(*claim) + "/confirmation");
}

http::Response ConfirmationGet(const MemberContext& c, http::Request& request) {
  auto lease = c.services.database.Acquire();
  const auto claim = OwnClaim(*lease, request);
  if (!claim) return http::Response::Error(404);
  if (claim->status == Status::kDraft) return http::Response::Redirect(Base(*claim));
  data page{data::type::object};
  page.set("reference", claim->reference);
  page.set("status_href", Base(*claim));
  page.set("type_label", ChoiceLabel(c, request.lang, *claim));
  return view::Page(request, c.services.views, "claims/member_confirmation",
                    "claims.member.confirmation_title", page);
}

}  // namespace

void AddMemberJourneyRoutes(http::Router& router, const MemberCtx& context) {
  const auto bind = [context](http::Response (*f)(const MemberContext&, http::Request&)) {
    return http::OnlyRoles({"member"},
                           [context, f](http::Request& request) { return f(*context, request); });
  };
  router.Get("/claims/{id}/step/{page}", bind(StepGet));
  router.Post("/claims/{id}/step/{page}", bind(StepPost));
  router.Post("/claims/{id}/submit", bind(SubmitPost));
  router.Get("/claims/{id}/confirmation", bind(ConfirmationGet));
}

}  // namespace lumbung::claims
