// The claims staff's forms (/staff/claims/{id}/...): the verifier starts verification, accepts
// each document or asks for it again, then asks the member for documents or verifies; the
// approver approves, rejects with a reason or sends the claim back. Every move goes through the
// workflow in one transaction with its audit and the member's notice (claim_steps.h); the store
// refuses the verifier approving and anyone acting on their own or a relative's claim
// (OWASP ASVS 4.0.3 1.1.6, 4.3.3), and a refusal by the separation of duties is audited.
#include <soci/soci.h>

#include "claims/benefit_amount.h"
#include "claims/claim_answers.h"
#include "claims/claim_documents_rules.h"
#include "claims/claim_steps.h"
#include "claims/claimant_facts.h"
#include "claims/staff_pages.h"
#include "claims/staff_queue.h"
#include "core/audit/audit_log.h"
#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/http/url.h"
#include "core/i18n/fund_time.h"

namespace lumbung::claims {
namespace {

constexpr std::size_t kMaxNoteChars = 1000;

const i18n::Catalogs& T(const Services& s) {
  return s.views.catalogs();
}

std::string Field(const http::Fields& fields, std::string_view name) {
  for (const auto& [k, v] : fields) {
    if (k == name) return v;
  }
  return "";
}

// The claim, held against other writers until the transaction ends (PostgreSQL; SQLite's
// write transaction already holds the whole database).
std::optional<Claim> ClaimForWrite(soci::session& sql, std::int64_t id) {
  if (sql.get_backend_name() == "postgresql") {
    long long key = id, found = 0;
    sql << "SELECT id FROM claims WHERE id = :id FOR UPDATE", soci::use(key), soci::into(found);
  }
  auto claim = FindClaim(sql, id);
  if (claim && claim->status == Status::kDraft) return std::nullopt;
  return claim;
}

// The claim page again with what went wrong (after the write transaction ended).
http::Response Refused(const Services& s, const http::Request& request, std::int64_t id,
                       const PageProblems& problems, int status) {
  auto lease = s.database.Acquire();
  const auto claim = FindClaim(*lease, id);
  if (!claim) return http::Response::Error(404);
  return StaffClaimPage(s, request, *lease, *claim, problems, status);
}

std::string WrongStatus(const Services& s, const std::string& lang, Status status) {
  return T(s).Format(
      lang, "claims.staff.error.wrong_status",
      {{"status", T(s).Get(lang, "claims.staff.status." + std::string(StatusName(status)))}});
}

std::string SeparationMessage(const Services& s, const std::string& lang, Separation why) {
  return T(s).Get(lang, "claims.staff.error.separation_" + std::string(SeparationName(why)));
}

// The required document types of the claim's type and answers (claim_documents_rules.h).
std::vector<std::string> RequiredTypes(const Claim& claim) {
  std::vector<std::string> out;
  ClaimType type;
  if (!ParseTypeName(claim.claim_type, &type)) return out;
  for (const auto& r : RequiredDocuments(type, ParseAnswers(type, claim.answers, claim.id))) {
    if (r.required) out.push_back(r.doc_type);
  }
  return out;
}

// The rules' decision and amount for the claim as the registry stands today; nullopt when the
// rules cannot be applied (a branch-office record, or no registry record).
std::optional<StoredDecision> DecideNow(const Services& s, soci::session& sql, const Claim& claim) {
  ClaimType type;
  if (!ParseTypeName(claim.claim_type, &type)) return std::nullopt;
  ClaimAnswers answers = ParseAnswers(type, claim.answers, claim.id);
  answers.children_in_school = std::max(0, answers.children_in_school);
  const registry::Date today = i18n::FundToday();
  ClaimantFacts facts;
  try {
    facts = LoadClaimantFacts(sql, claim.member_id, s.rules, today);
  } catch (const std::runtime_error&) {
    return std::nullopt;
  }
  StoredDecision decision;
  decision.eligibility = Decide(answers, facts, s.rules, today);
  if (decision.eligibility.eligible) {
    decision.amount = ComputeAmount(answers, facts, s.rules, today);
  }
  return decision;
}

void SaveDecisionNow(soci::session& sql, const Claim& claim, const StoredDecision& decision) {
  SaveDecision(sql, claim.id, DecisionJson(decision.eligibility, decision.amount),
               decision.amount ? std::optional<std::int64_t>(decision.amount->total) : std::nullopt,
               decision.amount && decision.amount->monthly, StaffNow());
}

// One step by a verifier or an approver. `note_field`: the form's reason field ("" when the
// step takes none); `note_required`: the step needs one.
http::Response StepPost(const Services& s, http::Request& request, Action action, Role role,
                        const std::string& note_field, bool note_required) {
  const auto id = http::PathId(request, "id");
  if (!id) return http::Response::Error(404);
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  const std::string& lang = request.lang;
  PageProblems problems;
  std::string note;
  if (!note_field.empty()) {
    const std::string typed = Field(*fields, note_field);
    problems.values[note_field] = typed;
    if (!TidyStaffText(typed, kMaxNoteChars, &note)) {
      problems.field_errors[note_field] = T(s).Get(lang, "claims.staff.error.note_characters");
    } else if (note_required && note.empty()) {
      problems.field_errors[note_field] =
          T(s).Get(lang, "claims.staff.error." + note_field + "_missing");
    }
  }
  if (!problems.field_errors.empty()) return Refused(s, request, *id, problems, 422);
  int refused = 0;
  {
    auto lease = s.database.Acquire();
    soci::session& sql = *lease;
    auto tx = db::Transaction::ForWriting(sql);
    const auto claim = ClaimForWrite(sql, *id);
    if (!claim) return http::Response::Error(404);
    const auto documents = DocumentsOf(sql, claim->id);
    if (!NextStatus(claim->status, action, role)) {
      problems.form_error = WrongStatus(s, lang, claim->status);
      refused = 409;
    } else if (action == Action::kAskDocuments && !CanAskForDocuments(documents, note)) {
      problems.field_errors[note_field] = T(s).Get(lang, "claims.staff.error.ask_note_missing");
      refused = 422;
    } else if (action == Action::kVerify) {
      const auto readiness = CheckVerifyReadiness(documents, RequiredTypes(*claim));
      if (!readiness.ok()) {
        const auto doc = "claims.staff.doc." + readiness.doc_type;
        problems.form_error = T(s).Format(
            lang, "claims.staff.verify_block." + std::string(VerifyBlockName(readiness.block)),
            {{"document", T(s).All(lang).count(doc) ? T(s).Get(lang, doc) : readiness.doc_type}});
        refused = 409;
      }
    }
    if (refused == 0) {
      StepRequest step;
      step.claim_id = claim->id;
      step.action = action;
      step.role = role;
      step.actor_account_id = request.visitor.account_id;
      step.actor_nik = s.nik_of_account(sql, request.visitor.account_id);
      step.note = note;
      step.now = StaffNow();
      const StepContext context{request.remote_ip, std::string(request.Header("user-agent"))};
      const StepOutcome outcome = TakeStepInTransaction(sql, step, context, s.notify);
      switch (outcome.refusal) {
        case StepRefusal::kNone: {
          // The rules' view as it stands at this step; an approval fixes the amount paid,
          // computed from the registry, never typed (and only while the rules allow it).
          const auto decision = DecideNow(s, sql, *outcome.claim);
          if (action == Action::kApprove && (!decision || !decision->amount)) {
            problems.form_error = T(s).Get(lang, "claims.staff.error.not_eligible");
            refused = 409;
            break;  // the transaction is rolled back: nothing changed
          }
          if (decision) SaveDecisionNow(sql, *outcome.claim, *decision);
          tx.Commit();
          return http::Response::Redirect("/staff/claims/" + std::to_string(claim->id) +
                                          "?notice=" + std::string(ActionName(action)));
        }
        case StepRefusal::kSeparation:
          tx.Commit();  // the refusal's audit row
          problems.form_error = SeparationMessage(s, lang, outcome.separation);
          refused = 403;
          break;
        case StepRefusal::kNotAllowed:
          problems.form_error = WrongStatus(s, lang, outcome.from);
          refused = 409;
          break;
        case StepRefusal::kChanged:
          problems.form_error = T(s).Get(lang, "claims.staff.error.changed");
          refused = 409;
          break;
        case StepRefusal::kNotFound:
          return http::Response::Error(404);
      }
    }
  }
  return Refused(s, request, *id, problems, refused);
}

// The verifier's word on one document: accepted, or asked again with the reason the member
// reads. Only while the claim is being verified, only a current document the scanner cleared,
// and never on the verifier's own or a relative's claim.
http::Response ReviewPost(const Services& s, http::Request& request) {
  const auto id = http::PathId(request, "id");
  const auto doc_id = http::PathId(request, "doc");
  if (!id || !doc_id) return http::Response::Error(404);
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  const std::string& lang = request.lang;
  const std::string review = Field(*fields, "review");
  if (review != "accepted" && review != "ask_again") return http::Response::Error(400);
  const std::string field = "doc_reason_" + std::to_string(*doc_id);
  PageProblems problems;
  std::string reason;
  const std::string typed = Field(*fields, "reason");
  problems.values[field] = typed;
  if (!TidyStaffText(typed, kMaxNoteChars, &reason)) {
    problems.field_errors[field] = T(s).Get(lang, "claims.staff.error.note_characters");
  } else if (review == "ask_again" && reason.empty()) {
    problems.field_errors[field] = T(s).Get(lang, "claims.staff.error.document_reason_missing");
  }
  if (review == "accepted") reason.clear();
  if (!problems.field_errors.empty()) return Refused(s, request, *id, problems, 422);
  int refused = 0;
  {
    auto lease = s.database.Acquire();
    soci::session& sql = *lease;
    auto tx = db::Transaction::ForWriting(sql);
    const auto claim = ClaimForWrite(sql, *id);
    if (!claim) return http::Response::Error(404);
    const auto document = FindDocument(sql, claim->id, *doc_id);
    if (!document) return http::Response::Error(404);
    audit::Event e;
    e.actor_user_id = request.visitor.account_id;
    e.subject_user_id = claim->claimant_account_id;
    e.action = "claims.document_reviewed";
    e.ip = request.remote_ip;
    e.user_agent = std::string(request.Header("user-agent"));
    e.details = {{"claim", claim->reference},
                 {"document", std::to_string(document->id)},
                 {"doc_type", document->doc_type},
                 {"review", review}};
    const auto separation =
        CheckSeparation(Action::kVerify, Role::kVerifier,
                        SeparationFactsFor(sql, *claim, request.visitor.account_id,
                                           s.nik_of_account(sql, request.visitor.account_id)));
    if (claim->status != Status::kBeingVerified) {
      problems.form_error = WrongStatus(s, lang, claim->status);
      refused = 409;
    } else if (separation != Separation::kAllowed) {
      e.result = audit::Result::kDenied;
      e.details["reason"] = std::string(SeparationName(separation));
      audit::Append(sql, e);
      tx.Commit();
      problems.form_error = SeparationMessage(s, lang, separation);
      refused = 403;
    } else if (!IsReviewable(*document) || !ReviewDocument(sql, claim->id, document->id, review,
                                                           reason, request.visitor.account_id)) {
      problems.form_error = T(s).Get(lang, "claims.staff.error.document_not_reviewable");
      refused = 409;
    } else {
      audit::Append(sql, e);
      tx.Commit();
      return http::Response::Redirect(
          "/staff/claims/" + std::to_string(claim->id) +
          (review == "accepted" ? "?notice=document_accepted" : "?notice=document_ask_again") +
          "#document-" + std::to_string(document->id));
    }
  }
  return Refused(s, request, *id, problems, refused);
}

}  // namespace

void AddStaffActionRoutes(http::Router& router, Services& services) {
  Services* s = &services;
  const auto verifier = [](http::Handler h) {
    return http::StaffOnly({kVerifierRole}, std::move(h));
  };
  const auto approver = [](http::Handler h) {
    return http::StaffOnly({kApproverRole}, std::move(h));
  };
  const auto step = [s](Action action, Role role, std::string note_field, bool required) {
    return [s, action, role, note_field, required](http::Request& request) {
      return StepPost(*s, request, action, role, note_field, required);
    };
  };
  router.Post("/staff/claims/{id}/start",
              verifier(step(Action::kStartVerification, Role::kVerifier, "", false)));
  router.Post("/staff/claims/{id}/documents/{doc}/review",
              verifier([s](http::Request& request) { return ReviewPost(*s, request); }));
  router.Post("/staff/claims/{id}/ask-documents",
              verifier(step(Action::kAskDocuments, Role::kVerifier, "ask_note", false)));
  router.Post("/staff/claims/{id}/verify",
              verifier(step(Action::kVerify, Role::kVerifier, "", false)));
  router.Post("/staff/claims/{id}/approve",
              approver(step(Action::kApprove, Role::kApprover, "", false)));
  router.Post("/staff/claims/{id}/reject",
              approver(step(Action::kReject, Role::kApprover, "reject_reason", true)));
  router.Post("/staff/claims/{id}/send-back",
              approver(step(Action::kSendBack, Role::kApprover, "send_back_reason", true)));
}

}  // namespace lumbung::claims
