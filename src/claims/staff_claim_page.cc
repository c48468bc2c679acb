// The claim as claims staff see it (/staff/claims/{id}): who claims what, the answers in words,
// why it needs extra checks, the rules' decision and amount recomputed from the registry now
// (staff never type an amount), the documents with their scan and review, every step so far,
// and the forms the visitor's roles allow in the claim's status.
#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "claims/benefit_amount.h"
#include "claims/claim_answers.h"
#include "claims/claim_documents_rules.h"
#include "claims/claimant_facts.h"
#include "claims/staff_pages.h"
#include "claims/staff_queue.h"
#include "core/i18n/day_text.h"
#include "core/i18n/fund_time.h"
#include "core/i18n/rupiah.h"
#include "core/i18n/wib_time.h"
#include "core/i18n/working_days.h"
#include "core/view/mask.h"
#include "core/view/page.h"
#include "profile/profile_store.h"

namespace lumbung::claims {
namespace {

using view::mustache::data;

const i18n::Catalogs& T(const Services& s) {
  return s.views.catalogs();
}

// The catalog's text for `id`, or `fallback` for a value the catalogs do not name (a role or
// reason written by a later version).
std::string TextOr(const Services& s, const std::string& lang, const std::string& id,
                   const std::string& fallback) {
  return T(s).All(lang).count(id) ? T(s).Get(lang, id) : fallback;
}

std::string Iso(std::chrono::year_month_day day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return buf;
}

std::string Day(const Services& s, const std::string& lang, registry::Date day) {
  return i18n::DayText(T(s), lang, Iso(day));
}

std::string DocText(const Services& s, const std::string& lang, const std::string& doc_type) {
  return TextOr(s, lang, "claims.staff.doc." + doc_type, doc_type);
}

void Row(data& list, std::string label, std::string value, std::string id = "") {
  data item{data::type::object};
  item.set("label", std::move(label));
  item.set("value", std::move(value));
  if (!id.empty()) item.set("id", std::move(id));
  list.push_back(item);
}

// The answers in words, with what the registry says about the job or accident they name.
data AnswersInWords(const Services& s, const std::string& lang, const ClaimAnswers& answers,
                    const std::optional<ClaimantFacts>& facts) {
  data rows{data::type::list};
  if (answers.claimant_is_heir) {
    Row(rows, T(s).Get(lang, "claims.staff.answer.who"),
        T(s).Get(lang, "claims.staff.answer.heir"));
  }
  if (answers.jht_ground) {
    Row(rows, T(s).Get(lang, "claims.staff.answer.ground"),
        T(s).Get(lang, "claims.staff.ground." + std::string(GroundName(*answers.jht_ground))));
  }
  if (answers.spell_id) {
    std::string value = T(s).Get(lang, "claims.staff.answer.unknown");
    for (const auto& spell : facts ? facts->spells : std::vector<Spell>{}) {
      if (spell.id != *answers.spell_id) continue;
      value = T(s).Format(lang, "claims.staff.answer.spell_value",
                          {{"employer", spell.employer_name},
                           {"start", Day(s, lang, spell.start)},
                           {"end", spell.end ? Day(s, lang, *spell.end)
                                             : T(s).Get(lang, "claims.staff.answer.open")},
                           {"reason", TextOr(s, lang, "claims.staff.end_reason." + spell.end_reason,
                                             spell.end_reason)}});
    }
    Row(rows, T(s).Get(lang, "claims.staff.answer.spell"), value);
  }
  if (answers.accident_id) {
    std::string value = T(s).Get(lang, "claims.staff.answer.unknown");
    for (const auto& a : facts ? facts->accidents : std::vector<Accident>{}) {
      if (a.id != *answers.accident_id) continue;
      value = T(s).Format(
          lang,
          a.fatal ? "claims.staff.answer.accident_fatal" : "claims.staff.answer.accident_value",
          {{"day", Day(s, lang, a.date)}, {"days", std::to_string(a.days_unable_to_work)}});
    }
    Row(rows, T(s).Get(lang, "claims.staff.answer.accident"), value);
  }
  if (answers.type == ClaimType::kJkm) {
    Row(rows, T(s).Get(lang, "claims.staff.answer.children"),
        std::to_string(std::max(0, answers.children_in_school)));
  }
  return rows;
}

// The rules' decision and amount as they stand today.
void PutDecision(const Services& s, const std::string& lang, const ClaimAnswers& answers,
                 const ClaimantFacts& facts, registry::Date today, data& page) {
  ClaimAnswers rules_answers = answers;
  rules_answers.children_in_school = std::max(0, rules_answers.children_in_school);
  const Eligibility decision = Decide(rules_answers, facts, s.rules, today);
  page.set("decided", true);
  page.set("eligible", decision.eligible);
  data reasons{data::type::list};
  for (const auto& r : decision.reasons) reasons.push_back(data(ExplainReason(r, T(s), lang)));
  page.set("reasons", reasons);
  if (decision.eligible_from) page.set("eligible_from", Day(s, lang, *decision.eligible_from));
  if (!decision.eligible) return;
  const BenefitAmount amount = ComputeAmount(rules_answers, facts, s.rules, today);
  data lines{data::type::list};
  for (const auto& line : amount.lines) {
    data item{data::type::object};
    item.set("label", ExplainReason(line.label, T(s), lang));
    item.set("amount", i18n::FormatRupiah(line.amount, lang));
    item.set("up_to", line.up_to);
    lines.push_back(item);
  }
  page.set("lines", lines);
  page.set("total", i18n::FormatRupiah(amount.total, lang));
  page.set("monthly", amount.monthly);
}

data Documents(const Services& s, const http::Request& request, const Claim& claim,
               const std::vector<Document>& documents, bool reviewing,
               const PageProblems& problems) {
  const std::string& lang = request.lang;
  data list{data::type::list};
  const std::string base = "/staff/claims/" + std::to_string(claim.id) + "/documents/";
  for (const auto& d : documents) {
    data item{data::type::object};
    const std::string id = std::to_string(d.id);
    item.set("id", id);
    item.set("type", DocText(s, lang, d.doc_type));
    item.set("name", d.display_name);
    item.set("kind", d.kind == "jpeg"  ? std::string("JPEG")
                     : d.kind == "png" ? std::string("PNG")
                                       : std::string("PDF"));
    item.set("size", std::to_string((d.size_bytes + 1023) / 1024) + " KB");
    item.set("uploaded_at", i18n::FormatWibTime(d.uploaded_at, lang, T(s)));
    item.set("scan", T(s).Get(lang, "claims.staff.scan." + d.scan_state));
    item.set("scan_tag", std::string(d.scan_state == "clean"      ? "success"
                                     : d.scan_state == "infected" ? "error"
                                                                  : "warning"));
    item.set("review", T(s).Get(lang, "claims.staff.review." + d.review));
    item.set("review_tag", std::string(d.review == "accepted"    ? "success"
                                       : d.review == "ask_again" ? "error"
                                                                 : ""));
    item.set("review_reason", d.review_reason);
    item.set("superseded", d.superseded);
    if (IsDownloadable(d)) item.set("href", base + id);
    if (reviewing && IsReviewable(d)) {
      item.set("review_action", base + id + "/review");
      const std::string field = "doc_reason_" + id;
      if (auto it = problems.field_errors.find(field); it != problems.field_errors.end()) {
        item.set("reason_error", it->second);
      }
      if (auto it = problems.values.find(field); it != problems.values.end()) {
        item.set("reason_value", it->second);
      }
    }
    list.push_back(item);
  }
  return list;
}

data Events(const Services& s, const std::string& lang, soci::session& sql, const Claim& claim) {
  data list{data::type::list};
  for (const auto& e : EventsOf(sql, claim.id)) {
    data item{data::type::object};
    item.set("action", TextOr(s, lang, "claims.staff.action." + e.action, e.action));
    item.set("role", TextOr(s, lang, "claims.staff.role." + e.actor_role, e.actor_role));
    item.set("at", i18n::FormatWibTime(e.at, lang, T(s)));
    item.set("to", TextOr(s, lang, "claims.staff.status." + e.to_status, e.to_status));
    item.set("note", e.note);
    list.push_back(item);
  }
  return list;
}

}  // namespace

http::Response StaffClaimPage(const Services& s, const http::Request& request, soci::session& sql,
                              const Claim& claim, const PageProblems& problems, int status) {
  const std::string& lang = request.lang;
  const auto& t = T(s);
  const registry::Date today = i18n::FundToday();
  data page{data::type::object};
  const std::string base = "/staff/claims/" + std::to_string(claim.id);
  page.set("base", base);
  page.set("reference", claim.reference);
  page.set("heading",
           t.Format(lang, "claims.staff.claim.heading", {{"reference", claim.reference}}));
  page.set("status", t.Get(lang, "claims.staff.status." + std::string(StatusName(claim.status))));
  page.set("program", claim.program);
  if (const auto member = profile::LoadRegistryProfile(sql, claim.member_id)) {
    page.set("member_name", view::MaskName(member->full_name));
    page.set("member_nik", view::MaskNik(member->nik));
  }
  if (claim.claimant_member_id != claim.member_id) {
    if (const auto heir = profile::LoadRegistryProfile(sql, claim.claimant_member_id)) {
      page.set("claimant_name", view::MaskName(heir->full_name));
      page.set("claimant_nik", view::MaskNik(heir->nik));
    }
  }
  if (claim.submitted_at)
    page.set("submitted_at", i18n::FormatWibTime(*claim.submitted_at, lang, t));
  page.set("status_since", i18n::FormatWibTime(claim.status_since, lang, t));
  const int target = static_cast<int>(s.config.Int("claims.target_working_days"));
  const QueueClock clock = ReadClock(
      claim.status, i18n::WorkingDaysBetween(i18n::FundDay(claim.status_since), i18n::FundToday()),
      target);
  if (clock.runs) {
    const auto due = i18n::WorkingDayDeadline(i18n::FundDay(claim.status_since), target);
    page.set("clock", true);
    page.set("due", i18n::DayText(t, lang, Iso(due)));
    page.set("overdue", clock.overdue);
    page.set("due_today", clock.last_day);
  }
  if (!claim.payout_bank_code.empty()) {
    page.set("payout", t.Format(lang, "claims.staff.claim.payout_value",
                                {{"bank", claim.payout_bank_code},
                                 {"last4", claim.payout_last4},
                                 {"holder", view::MaskName(claim.payout_holder)}}));
  }
  data checks{data::type::list};
  for (const auto& reason : ExtraCheckReasons(claim.extra_checks)) {
    checks.push_back(
        data(TextOr(s, lang, "claims.staff.extra_check." + reason,
                    t.Format(lang, "claims.staff.extra_check_other", {{"reason", reason}}))));
  }
  page.set("extra_checks", checks);
  page.set("has_extra_checks", !claim.extra_checks.empty() && !checks.is_empty_list());
  if (!claim.decision_reason.empty()) page.set("decision_reason", claim.decision_reason);

  // The answers and the rules' view today.
  ClaimType type;
  const bool known_type = ParseTypeName(claim.claim_type, &type);
  page.set("type", known_type ? t.Get(lang, "claims.staff.type." + claim.claim_type)
                              : t.Get(lang, "claims.staff.type.legacy"));
  std::optional<ClaimAnswers> answers;
  std::optional<ClaimantFacts> facts;
  if (known_type) {
    answers = ParseAnswers(type, claim.answers, claim.id);
    try {
      facts = LoadClaimantFacts(sql, claim.member_id, s.rules, today);
    } catch (const std::runtime_error&) {
      facts.reset();  // no registry record: the page says the rules cannot be applied
    }
  }
  if (answers) page.set("answers", AnswersInWords(s, lang, *answers, facts));
  if (answers && facts) {
    PutDecision(s, lang, *answers, *facts, today, page);
  } else {
    page.set("undecidable", true);
  }

  // Documents and what the visitor may do now.
  const auto documents = DocumentsOf(sql, claim.id);
  const bool verifier = request.visitor.HasStaffRole(kVerifierRole);
  const bool approver = request.visitor.HasStaffRole(kApproverRole);
  const bool reviewing = verifier && claim.status == Status::kBeingVerified;
  page.set("documents", Documents(s, request, claim, documents, reviewing, problems));
  page.set("has_documents", !documents.empty());
  if (answers) {
    data required{data::type::list};
    for (const auto& r : RequiredDocuments(type, *answers)) {
      data item{data::type::object};
      item.set("type", DocText(s, lang, r.doc_type));
      item.set("optional", !r.required);
      required.push_back(item);
    }
    page.set("required", required);
  }
  page.set("can_start", verifier && claim.status == Status::kSubmitted);
  page.set("reviewing", reviewing);
  if (reviewing) {
    std::vector<std::string> required_types;
    if (answers) {
      for (const auto& r : RequiredDocuments(type, *answers)) {
        if (r.required) required_types.push_back(r.doc_type);
      }
    }
    const auto readiness = CheckVerifyReadiness(documents, required_types);
    page.set("can_verify", readiness.ok());
    if (!readiness.ok()) {
      page.set("verify_block", t.Format(lang,
                                        "claims.staff.verify_block." +
                                            std::string(VerifyBlockName(readiness.block)),
                                        {{"document", DocText(s, lang, readiness.doc_type)}}));
    }
  }
  page.set("deciding", approver && claim.status == Status::kVerified);
  page.set("events", Events(s, lang, sql, claim));

  // What a refused form left, and the notice after a step.
  data errors{data::type::list};
  if (!problems.form_error.empty()) {
    data e{data::type::object};
    e.set("href", std::string("#claim-actions"));
    e.set("message", problems.form_error);
    errors.push_back(e);
    page.set("form_error", problems.form_error);
  }
  for (const auto& [field, message] : problems.field_errors) {
    data e{data::type::object};
    e.set("href", "#f-" + field);
    e.set("message", message);
    errors.push_back(e);
    if (field.rfind("doc_reason_", 0) != 0) page.set(field + "_error", message);
  }
  for (const auto& [field, value] : problems.values) {
    if (field.rfind("doc_reason_", 0) != 0) page.set(field + "_value", value);
  }
  page.set("has_errors", !errors.is_empty_list());
  page.set("errors", errors);
  static const char* kNotices[] = {
      "start_verification", "ask_documents",     "verify", "approve", "reject", "send_back",
      "document_accepted",  "document_ask_again"};
  const std::string notice = request.Query("notice").value_or("");
  for (const char* n : kNotices) {
    if (status == 200 && notice == n)
      page.set("notice", t.Get(lang, "claims.staff.notice." + notice));
  }
  return view::Page(request, s.views, "claims/staff_claim", "claims.staff.claim.title", page,
                    status);
}

}  // namespace lumbung::claims
