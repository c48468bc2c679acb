// The claims feature's background work (core/jobs): documents the virus scanner could not
// check at upload are scanned later by the job kind "claims.scan" (docs/claims.md).
//
// Each upload that stays pending enqueues one job (dedupe key "claims.scan:<document id>").
// A step scans the oldest pending documents (DocumentsAwaitingScan): a clean one becomes
// clean; an infected one becomes infected, its bytes are removed and the claimant is told
// (claims.doc.notice_infected); while the scanner is still unavailable the step hands the job
// back to wait (StepResult.again_in = uploads.rescan_seconds), as often as it takes, without
// counting it as a failure. A file is never lost and never marked clean without a scan.
#pragma once

#include "claims/routes.h"
#include "core/jobs/runner.h"

namespace lumbung::claims {

inline constexpr const char* kScanJob = "claims.scan";

void RegisterJobs(jobs::Runner& runner, Services& services);

// Enqueues the scan of a pending document in the caller's transaction.
void EnqueueScan(soci::session& sql, std::int64_t document_id, std::int64_t now);

}  // namespace lumbung::claims
