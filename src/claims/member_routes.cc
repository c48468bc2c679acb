// The member's claims (/claims): the list, starting a claim (for oneself, or as an heir named
// by the member who died), the status page with the answer to "more documents needed", and
// withdrawal. The journey of a draft: member_journey_routes.cc; documents:
// member_documents_routes.cc; shared pieces: member_shared.cc.

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

constexpr std::size_t kMaxNoteChars = 2000;

// ---------------------------------------------------------------------------------------------
// The list and the start

http::Response ListGet(const MemberContext& c, http::Request& request) {
  const std::string& lang = request.lang;
  std::vector<Claim> claims;
  {
    auto lease = c.services.database.Acquire();
    claims = ClaimsOfClaimant(*lease, request.visitor.account_id);
  }
  data rows{data::type::list}, drafts{data::type::list};
  for (const auto& claim : claims) {
    data row{data::type::object};
    row.set("reference", claim.reference);
    row.set("type", ChoiceLabel(c, lang, claim));
    row.set("status", StatusLabel(c, lang, claim.status));
    row.set("started", DayOf(c, lang, claim.created_at));
    if (claim.status == Status::kDraft) {
      row.set("href", StepHref(claim, ContinuePage(AnswersOf(claim))));
      row.set("status_href", Base(claim));
      drafts.push_back(row);
      continue;
    }
    row.set("href", Base(claim));
    row.set("submitted", claim.submitted_at ? DayOf(c, lang, *claim.submitted_at) : "");
    row.set("updated", DayOf(c, lang, claim.status_since));
    row.set("amount", claim.amount ? AmountText(c, lang, *claim.amount, claim.amount_is_monthly)
                                   : std::string("–"));
    rows.push_back(row);
  }
  data page{data::type::object};
  page.set("rows", rows);
  page.set("has_rows", !rows.is_empty_list());
  page.set("drafts", drafts);
  page.set("has_drafts", !drafts.is_empty_list());
  const std::string notice = request.Query("notice").value_or("");
  if (notice == "withdrawn") page.set("notice", T(c).Get(lang, "claims.member.notice_withdrawn"));
  return view::Page(request, c.services.views, "claims/member_list", "claims.member.list_title",
                    page);
}

data ChoiceGroup(const MemberContext& c, const std::string& lang, bool heir,
                 const std::string& chosen) {
  data list{data::type::list};
  for (auto name : kChoiceNames) {
    if (ParseChoice(name)->heir != heir) continue;
    data item{data::type::object};
    item.set("value", std::string(name));
    item.set("label", T(c).Get(lang, "claims.member.choice_" + std::string(name)));
    item.set("hint", T(c).Get(lang, "claims.member.choice_hint_" + std::string(name)));
    item.set("checked", chosen == name);
    list.push_back(item);
  }
  return list;
}

http::Response NewPage(const MemberContext& c, const http::Request& request,
                       const std::string& chosen, const std::string& error, int status) {
  const std::string& lang = request.lang;
  data page{data::type::object};
  page.set("self_choices", ChoiceGroup(c, lang, false, chosen));
  page.set("heir_choices", ChoiceGroup(c, lang, true, chosen));
  if (!error.empty()) {
    page.set("choice_error", error);
    PutError(page, "#f-choice-jht_full", error);
  }
  return view::Page(request, c.services.views, "claims/member_new", "claims.member.new_title", page,
                    status);
}

http::Response NewGet(const MemberContext& c, http::Request& request) {
  return NewPage(c, request, request.Query("choice").value_or(""), "", 200);
}

std::int64_t StartDraft(const MemberContext& c, soci::session& sql, const http::Request& request,
                        const Choice& choice, std::int64_t member_id, bool heir) {
  auto tx = db::Transaction::ForWriting(sql);
  NewClaim claim;
  claim.member_id = member_id;
  claim.claimant_account_id = request.visitor.account_id;
  claim.claimant_member_id = request.visitor.member_id;
  claim.program = std::string(ProgramOf(choice.type));
  claim.claim_type = std::string(TypeName(choice.type));
  claim.answers = AnswersJson(StartingAnswers(choice));
  const std::int64_t id = CreateDraft(sql, claim, NowSeconds());
  const auto stored = FindClaim(sql, id);
  audit::Event e = ClaimAudit(request, "claims.draft_started", *stored);
  e.details["type"] = claim.claim_type;
  e.details["heir"] = heir ? "1" : "0";
  audit::Append(sql, e);
  tx.Commit();
  (void)c;
  return id;
}

http::Response NewPost(const MemberContext& c, http::Request& request) {
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  if (request.visitor.member_id == 0) return http::Response::Error(403);
  const std::string name = Field(*fields, "choice");
  const auto choice = ParseChoice(name);
  if (!choice) {
    return NewPage(c, request, "", T(c).Get(request.lang, "claims.member.error_choice"), 422);
  }
  if (choice->heir) return http::Response::Redirect("/claims/new/heir?choice=" + name);
  auto lease = c.services.database.Acquire();
  const std::int64_t id = StartDraft(c, *lease, request, *choice, request.visitor.member_id, false);
  const auto claim = FindClaim(*lease, id);
  return http::Response::Redirect(StepHref(*claim, ContinuePage(AnswersOf(*claim))));
}

http::Response HeirPage(const MemberContext& c, const http::Request& request,
                        const std::string& choice, const std::string& number,
                        const std::string& error, int status) {
  data page{data::type::object};
  page.set("choice", choice);
  page.set("choice_label", T(c).Get(request.lang, "claims.member.choice_" + choice));
  page.set("number", number);
  page.set("back_href", "/claims/new?choice=" + choice);
  if (!error.empty()) {
    page.set("number_error", error);
    PutError(page, "#f-number", error);
  }
  return view::Page(request, c.services.views, "claims/member_heir", "claims.member.heir_title",
                    page, status);
}

http::Response HeirGet(const MemberContext& c, http::Request& request) {
  const std::string name = request.Query("choice").value_or("");
  const auto choice = ParseChoice(name);
  if (!choice || !choice->heir) return http::Response::Redirect("/claims/new");
  return HeirPage(c, request, name, "", "", 200);
}

// The heir names the member who died by KPJ or NIK. One neutral refusal whether the number is
// unknown, or known but the visitor is not among that member's beneficiaries, so the form
// tells nobody which numbers exist (ASVS 4.0.3 2.2.1-style enumeration, 4.2.1).
http::Response HeirPost(const MemberContext& c, http::Request& request) {
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  if (request.visitor.member_id == 0) return http::Response::Error(403);
  const std::string name = Field(*fields, "choice");
  const auto choice = ParseChoice(name);
  if (!choice || !choice->heir) return http::Response::Redirect("/claims/new");
  const std::string typed = Field(*fields, "number");
  std::string digits;
  for (char ch : typed) {
    if (ch >= '0' && ch <= '9') {
      digits += ch;
    } else if (ch != ' ' && ch != '-' && ch != '.') {
      digits = "x";
      break;
    }
  }
  if (digits.size() != 11 && digits.size() != 16) {
    return HeirPage(c, request, name, typed.substr(0, 40),
                    T(c).Get(request.lang, "claims.member.error_heir_number"), 422);
  }
  auto lease = c.services.database.Acquire();
  auto& sql = *lease;
  std::optional<std::int64_t> deceased;
  {
    long long id = 0;
    soci::indicator ind = soci::i_null;
    if (digits.size() == 11) {
      sql << "SELECT id FROM members WHERE kpj = :k", soci::use(digits), soci::into(id, ind);
    } else {
      sql << "SELECT id FROM members WHERE nik = :n", soci::use(digits), soci::into(id, ind);
    }
    if (sql.got_data() && ind == soci::i_ok) deceased = id;
  }
  bool listed = false;
  if (deceased && *deceased != request.visitor.member_id) {
    const auto own = profile::LoadRegistryProfile(sql, request.visitor.member_id);
    if (own) {
      for (const auto& b : profile::LoadBeneficiaries(sql, *deceased)) {
        listed = listed || b.nik == own->nik;
      }
    }
  }
  if (!listed) {
    audit::Event e;
    e.actor_user_id = request.visitor.account_id;
    e.subject_user_id = request.visitor.account_id;
    e.action = "claims.heir_refused";
    e.result = audit::Result::kDenied;
    e.ip = request.remote_ip;
    e.user_agent = std::string(request.Header("user-agent"));
    e.details = {{"type", name}};
    audit::Append(sql, e);
    return HeirPage(c, request, name, typed.substr(0, 40),
                    T(c).Get(request.lang, "claims.member.error_heir_refused"), 422);
  }
  const std::int64_t id = StartDraft(c, sql, request, *choice, *deceased, true);
  const auto claim = FindClaim(sql, id);
  return http::Response::Redirect(StepHref(*claim, ContinuePage(AnswersOf(*claim))));
}

// ---------------------------------------------------------------------------------------------
// Status, answering "more documents needed", withdrawal

// A problem with the answer to "more documents needed", shown beside its own field and linked
// from the error summary: the note ("f-note") or the file asked for ("f-file-<doc_type>").
struct AnswerError {
  std::string field;
  std::string message;
};

const std::string* ErrorFor(const std::vector<AnswerError>& errors, const std::string& field) {
  for (const auto& e : errors) {
    if (e.field == field) return &e.message;
  }
  return nullptr;
}

http::Response StatusPage(const MemberContext& c, const http::Request& request, soci::session& sql,
                          const Claim& claim, const std::vector<AnswerError>& errors = {},
                          const std::string& note = "", int status = 200) {
  const std::string& lang = request.lang;
  data page{data::type::object};
  page.set("base", Base(claim));
  page.set("reference", claim.reference);
  page.set("type_label", ChoiceLabel(c, lang, claim));
  page.set("status", StatusLabel(c, lang, claim.status));
  page.set("next", T(c).Get(lang, "claims.member.next_" + std::string(StatusName(claim.status))));
  const std::string deceased = DeceasedName(sql, claim);
  if (!deceased.empty()) page.set("deceased", deceased);
  page.set("draft", claim.status == Status::kDraft);
  if (claim.status == Status::kDraft) {
    page.set("continue_href", StepHref(claim, ContinuePage(AnswersOf(claim))));
  }
  if (claim.amount) {
    page.set("amount", AmountText(c, lang, *claim.amount, claim.amount_is_monthly));
  }
  data steps{data::type::list};
  const auto events = EventsOf(sql, claim.id);
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& ev = events[i];
    const auto to = ParseStatus(ev.to_status);
    if (!to) continue;
    data item{data::type::object};
    item.set("label", StatusLabel(c, lang, *to));
    item.set("at", i18n::FormatWibTime(ev.at, lang, T(c)));
    item.set("current", i + 1 == events.size());
    std::string detail;
    if (*to == Status::kMoreDocuments && !ev.note.empty()) {
      detail = T(c).Format(lang, "claims.member.step_asked", {{"note", ev.note}});
    } else if (*to == Status::kRejected) {
      detail = T(c).Format(lang, "claims.member.step_rejected",
                           {{"reason", ev.note.empty() ? claim.decision_reason : ev.note}});
    } else if (ParseAction(ev.action) == Action::kAnswer && !ev.note.empty()) {
      detail = T(c).Format(lang, "claims.member.step_answered", {{"note", ev.note}});
    } else if (*to == Status::kPaid) {
      detail = T(c).Format(
          lang, "claims.member.step_paid",
          {{"date", claim.paid_at ? DayOf(c, lang, *claim.paid_at) : DayOf(c, lang, ev.at)},
           {"amount", claim.amount ? AmountText(c, lang, *claim.amount, claim.amount_is_monthly)
                                   : std::string("–")},
           {"last4", claim.payout_last4}});
    } else if (*to == Status::kPayoutFailed && !ev.note.empty()) {
      detail = ev.note;
    }
    if (!detail.empty()) item.set("detail", detail);
    steps.push_back(item);
  }
  page.set("steps", steps);
  page.set("has_steps", !steps.is_empty_list());
  const auto documents = DocumentsOf(sql, claim.id);
  data docs = DocumentRows(c, request, claim, documents);
  page.set("documents", docs);
  page.set("has_documents", !docs.is_empty_list());
  if (claim.status == Status::kMoreDocuments) {
    page.set("answer", true);
    data asked{data::type::list};
    for (const auto& d : documents) {
      if (d.superseded || d.review != "ask_again") continue;
      data item{data::type::object};
      item.set("doc_type", d.doc_type);
      item.set("label", T(c).Get(lang, "claims.doc.type_" + d.doc_type));
      if (!d.review_reason.empty()) item.set("reason", d.review_reason);
      if (const auto* error = ErrorFor(errors, "f-file-" + d.doc_type)) item.set("error", *error);
      asked.push_back(item);
    }
    page.set("asked", asked);
    page.set("note", note);
    if (const auto* error = ErrorFor(errors, "f-note")) page.set("note_error", *error);
    page.set("upload_hint",
             T(c).Format(
                 lang, "claims.doc.upload_hint",
                 {{"max", std::to_string((c.max_file_bytes + 1024 * 1024 - 1) / (1024 * 1024))}}));
  }
  page.set("can_withdraw", CanWithdraw(claim.status));
  if (!errors.empty()) {
    data list{data::type::list};
    for (const auto& error : errors) {
      data e{data::type::object};
      e.set("href", "#" + error.field);
      e.set("message", error.message);
      list.push_back(e);
    }
    page.set("errors", list);
    page.set("has_errors", true);
  }
  const std::string notice = request.Query("notice").value_or("");
  if (status == 200 && (notice == "answered" || notice == "withdrawn")) {
    page.set("notice", T(c).Get(lang, "claims.member.notice_" + notice));
  }
  return view::Page(request, c.services.views, "claims/member_status", "claims.member.status_title",
                    page, status);
}

http::Response StatusGet(const MemberContext& c, http::Request& request) {
  auto lease = c.services.database.Acquire();
  const auto claim = OwnClaim(*lease, request);
  if (!claim) return http::Response::Error(404);
  return StatusPage(c, request, *lease, *claim);
}

// The claimant answers "more documents needed": a note and new files for what was asked again.
http::Response AnswerPost(const MemberContext& c, http::Request& request) {
  const std::string& lang = request.lang;
  const auto form = http::ParseMultipart(request);
  if (!form) return http::Response::Error(400);
  auto lease = c.services.database.Acquire();
  auto& sql = *lease;
  const auto claim = OwnClaim(sql, request);
  if (!claim) return http::Response::Error(404);
  if (claim->status != Status::kMoreDocuments) return http::Response::Redirect(Base(*claim));
  std::vector<AnswerError> errors;
  std::string note;
  if (!TidyNote(form->Get("note"), &note)) {
    errors.push_back({"f-note", T(c).Get(lang, "claims.member.error_note_characters")});
  } else if (note.empty()) {
    errors.push_back({"f-note", T(c).Get(lang, "claims.member.error_note_missing")});
  } else if (Chars(note) > kMaxNoteChars) {
    errors.push_back({"f-note", T(c).Get(lang, "claims.member.error_note_too_long")});
  }
  bool too_big = false;
  std::vector<IncomingDocument> incoming;
  for (const auto& d : DocumentsOf(sql, claim->id)) {
    if (d.superseded || d.review != "ask_again") continue;
    const http::UploadedFile* file = form->File("file_" + d.doc_type);
    if (!file) continue;
    std::string error;
    bool big = false;
    auto checked =
        CheckDocument(c, request, *claim, d.doc_type, file->content, file->filename, &error, &big);
    too_big = too_big || big;
    if (checked) {
      incoming.push_back(std::move(*checked));
    } else {
      errors.push_back({"f-file-" + d.doc_type, error});
    }
  }
  if (!errors.empty()) {
    return StatusPage(c, request, sql, *claim, errors, form->Get("note").substr(0, 8000),
                      too_big ? 413 : 422);
  }
  bool pending = false;
  for (const auto& doc : incoming) {
    std::string blob_id;
    StoreDocument(c, sql, *claim, doc, request, &blob_id);
    pending = pending || doc.scan_state == "pending";
  }
  if (pending && c.services.wake_jobs) c.services.wake_jobs();
  StepRequest step;
  step.claim_id = claim->id;
  step.action = Action::kAnswer;
  step.role = Role::kClaimant;
  step.actor_account_id = request.visitor.account_id;
  step.note = note;
  step.now = NowSeconds();
  const auto outcome = TakeStep(
      sql, step, {request.remote_ip, std::string(request.Header("user-agent"))}, c.services.notify);
  if (!outcome.ok()) return http::Response::Redirect(Base(*claim));
  return http::Response::Redirect(Base(*claim) + "?notice=answered");
}

http::Response WithdrawGet(const MemberContext& c, http::Request& request) {
  auto lease = c.services.database.Acquire();
  const auto claim = OwnClaim(*lease, request);
  if (!claim) return http::Response::Error(404);
  if (!CanWithdraw(claim->status)) return http::Response::Redirect(Base(*claim));
  data page{data::type::object};
  page.set("base", Base(*claim));
  page.set("reference", claim->reference);
  page.set("type_label", ChoiceLabel(c, request.lang, *claim));
  return view::Page(request, c.services.views, "claims/member_withdraw",
                    "claims.member.withdraw_title", page);
}

http::Response WithdrawPost(const MemberContext& c, http::Request& request) {
  auto lease = c.services.database.Acquire();
  auto& sql = *lease;
  const auto claim = OwnClaim(sql, request);
  if (!claim) return http::Response::Error(404);
  if (!CanWithdraw(claim->status)) return http::Response::Redirect(Base(*claim));
  StepRequest step;
  step.claim_id = claim->id;
  step.action = Action::kWithdraw;
  step.role = Role::kClaimant;
  step.actor_account_id = request.visitor.account_id;
  step.now = NowSeconds();
  TakeStep(sql, step, {request.remote_ip, std::string(request.Header("user-agent"))},
           c.services.notify);
  return http::Response::Redirect(Base(*claim) + "?notice=withdrawn");
}

}  // namespace

void AddMemberRoutes(http::Router& router, Services& services) {
  const auto& config = services.config;
  std::vector<profile::Bank> banks;
  try {
    banks = profile::LoadBankList(config.SharePath(config.String("profile.banks_file")));
  } catch (const std::exception&) {
    // Without the list the bank's code is shown instead of its name.
  }
  auto context = std::make_shared<const MemberContext>(
      MemberContext{services, static_cast<std::size_t>(config.Int("claims.max_file_bytes")),
                    static_cast<int>(config.Int("claims.bank_change_days")),
                    profile::PayoutAccountKey(config), std::move(banks)});
  const auto bind = [context](http::Response (*f)(const MemberContext&, http::Request&)) {
    return http::OnlyRoles({"member"},
                           [context, f](http::Request& request) { return f(*context, request); });
  };
  router.Get("/claims", bind(ListGet));
  router.Get("/claims/new", bind(NewGet));
  router.Post("/claims/new", bind(NewPost));
  router.Get("/claims/new/heir", bind(HeirGet));
  router.Post("/claims/new/heir", bind(HeirPost));
  router.Get("/claims/{id}", bind(StatusGet));
  router.Post("/claims/{id}/answer", bind(AnswerPost));
  router.Get("/claims/{id}/withdraw", bind(WithdrawGet));
  router.Post("/claims/{id}/withdraw", bind(WithdrawPost));
  AddMemberJourneyRoutes(router, context);
  AddMemberDocumentRoutes(router, context);
}

}  // namespace lumbung::claims