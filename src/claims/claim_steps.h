// One step on a claim as the people involved see it: the workflow move (claim_store.h
// Transition), the audit event (who, when, why: "claims.<action>", ASVS 4.0.3 7.1.x; a refusal
// by the separation of duties is audited as denied) and the claimant's notice (inbox, and mail
// per their choices through the notifier the app hands in), all in one write transaction, so a
// step is never recorded without its audit or its notice.
#pragma once

#include <cstdint>
#include <string>

#include "claims/claim_store.h"
#include "core/inbox/inbox.h"

namespace soci {
class session;
}

namespace lumbung::claims {

struct StepContext {
  std::string ip, user_agent;  // of the request, for the audit log
};

// Opens its own write transaction (db::Transaction::ForWriting) and commits when the step is
// taken or a separation refusal was audited; nothing is written for other refusals.
StepOutcome TakeStep(soci::session& sql, const StepRequest& request, const StepContext& context,
                     const inbox::Notifier& notify);

// The same inside the caller's open transaction (for steps taken together with other writes,
// such as a payout batch).
StepOutcome TakeStepInTransaction(soci::session& sql, const StepRequest& request,
                                  const StepContext& context, const inbox::Notifier& notify);

// The catalog id of the notice the claimant gets when their claim reaches `status`
// ("claims.notice.verified"); empty for statuses nobody is told about (draft).
std::string NoticeMessageId(Status status);

}  // namespace lumbung::claims
