#include "claims/claim_steps.h"

#include <soci/soci.h>

#include "core/audit/audit_log.h"
#include "core/db/transaction.h"

namespace lumbung::claims {

std::string NoticeMessageId(Status status) {
  if (status == Status::kDraft) return "";
  return "claims.notice." + std::string(StatusName(status));
}

namespace {

// The audit action of each step, written out literally (one `.action = "..."` per step) so that
// the list of every audited action (identity/activity.h) is checked against this file.
std::string AuditActionOf(Action action) {
  audit::Event event;
  switch (action) {
    case Action::kSubmit:
      event.action = "claims.submit";
      break;
    case Action::kStartVerification:
      event.action = "claims.start_verification";
      break;
    case Action::kAskDocuments:
      event.action = "claims.ask_documents";
      break;
    case Action::kAnswer:
      event.action = "claims.answer";
      break;
    case Action::kVerify:
      event.action = "claims.verify";
      break;
    case Action::kApprove:
      event.action = "claims.approve";
      break;
    case Action::kReject:
      event.action = "claims.reject";
      break;
    case Action::kSendBack:
      event.action = "claims.send_back";
      break;
    case Action::kWithdraw:
      event.action = "claims.withdraw";
      break;
    case Action::kAddToBatch:
      event.action = "claims.add_to_batch";
      break;
    case Action::kRecordPaid:
      event.action = "claims.record_paid";
      break;
    case Action::kRecordFailed:
      event.action = "claims.record_failed";
      break;
    case Action::kCorrectAccount:
      event.action = "claims.correct_account";
      break;
  }
  return event.action;
}

}  // namespace

StepOutcome TakeStepInTransaction(soci::session& sql, const StepRequest& request,
                                  const StepContext& context, const inbox::Notifier& notify) {
  StepOutcome outcome = Transition(sql, request);
  const std::string action = AuditActionOf(request.action);
  if (outcome.refusal == StepRefusal::kSeparation) {
    audit::Append(sql, {.actor_user_id = request.actor_account_id,
                        .subject_user_id = outcome.claim->claimant_account_id,
                        .action = action,
                        .result = audit::Result::kDenied,
                        .ip = context.ip,
                        .user_agent = context.user_agent,
                        .details = {{"claim", outcome.claim->reference},
                                    {"reason", std::string(SeparationName(outcome.separation))}}});
    return outcome;
  }
  if (!outcome.ok()) return outcome;
  const Claim& claim = *outcome.claim;
  audit::Append(sql, {.actor_user_id = request.actor_account_id,
                      .subject_user_id = claim.claimant_account_id,
                      .action = action,
                      .ip = context.ip,
                      .user_agent = context.user_agent,
                      .details = {{"claim", claim.reference},
                                  {"from", std::string(StatusName(outcome.from))},
                                  {"to", std::string(StatusName(outcome.to))},
                                  {"role", std::string(RoleName(request.role))}}});
  const std::string message = NoticeMessageId(outcome.to);
  if (!message.empty()) {
    inbox::InboxItem item;
    item.account_id = claim.claimant_account_id;
    item.category = "claims";
    item.message_id = message;
    item.values = {{"reference", claim.reference}};
    // After a failed payout the member's next step is to correct the account.
    item.link = "/claims/" + std::to_string(claim.id) +
                (outcome.to == Status::kPayoutFailed ? "/payout" : "");
    item.created_at = request.now;
    item.mail_subject_id = "claims.notice_subject";
    // One notice per step: the event id is unique, a retried request posts nothing new.
    long long event_id = 0, claim_id = claim.id;
    sql << "SELECT MAX(id) FROM claim_events WHERE claim_id = :c", soci::use(claim_id),
        soci::into(event_id);
    item.dedupe_key = "claim:" + std::to_string(claim.id) + ":" + std::to_string(event_id);
    inbox::Notify(notify, sql, item);
  }
  return outcome;
}

StepOutcome TakeStep(soci::session& sql, const StepRequest& request, const StepContext& context,
                     const inbox::Notifier& notify) {
  auto tx = db::Transaction::ForWriting(sql);
  StepOutcome outcome = TakeStepInTransaction(sql, request, context, notify);
  if (outcome.ok() || outcome.refusal == StepRefusal::kSeparation) tx.Commit();
  return outcome;
}

}  // namespace lumbung::claims
