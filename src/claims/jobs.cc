#include "claims/jobs.h"

#include <soci/soci.h>

#include <stdexcept>
#include <vector>

#include "claims/claim_store.h"
#include "core/audit/audit_log.h"
#include "core/jobs/jobs.h"

namespace lumbung::claims {
namespace {

constexpr int kBatch = 20;

}  // namespace

void EnqueueScan(soci::session& sql, std::int64_t document_id, std::int64_t now) {
  jobs::Enqueue(sql,
                {.kind = kScanJob,
                 .payload = "{\"document\":" + std::to_string(document_id) + "}",
                 .dedupe_key = "claims.scan:" + std::to_string(document_id)},
                now);
}

void RegisterJobs(jobs::Runner& runner, Services& services) {
  runner.Register(kScanJob, [&services](jobs::StepContext& step) {
    // The cursor is the last document id this job dealt with; documents whose bytes cannot be
    // read are passed over (they stay pending: staff never open them) rather than retried.
    std::int64_t after = 0;
    if (!step.job.cursor.empty()) after = std::stoll(step.job.cursor);
    std::int64_t last = after, processed = 0;
    // Audit rows last in the step's transaction (audit_log.h: the chain's lock is taken last).
    std::vector<audit::Event> audits;
    const auto finish = [&](jobs::StepResult result) {
      for (const auto& e : audits) audit::Append(step.sql, e);
      return result;
    };
    for (const Document& d : DocumentsAwaitingScan(step.sql, 200)) {
      if (d.id <= after) continue;
      if (processed >= kBatch) break;
      const auto bytes = services.read_blob(step.sql, d.blob_id);
      if (!bytes) {
        last = d.id;
        continue;
      }
      const ScanAnswer answer = services.scan ? services.scan(*bytes) : ScanAnswer{};
      if (answer.verdict == ScanAnswer::Verdict::kUnavailable) {
        // Keep what was scanned in this step and wait for the scanner: the job comes back after
        // uploads.rescan_seconds, as often as it takes, starting at this document. The file
        // stays pending (never shown to staff) and is never lost.
        return finish({.cursor = std::to_string(last),
                       .processed = processed,
                       .again_in = services.config.Int("uploads.rescan_seconds")});
      }
      if (answer.verdict == ScanAnswer::Verdict::kClean) {
        SetScanResult(step.sql, d.id, "clean", "");
      } else {
        SetScanResult(step.sql, d.id, "infected", answer.signature.substr(0, 100));
        if (const auto claim = FindClaim(step.sql, d.claim_id)) {
          inbox::InboxItem item;
          item.account_id = claim->claimant_account_id;
          item.category = std::string(inbox::kClaims);
          item.message_id = "claims.doc.notice_infected";
          item.values = {{"reference", claim->reference}, {"name", d.display_name}};
          item.link = "/claims/" + std::to_string(claim->id);
          item.created_at = step.now;
          item.dedupe_key = "claim_document_infected:" + std::to_string(d.id);
          item.mail_subject_id = "claims.notice_subject";
          inbox::Notify(services.notify, step.sql, item);
          audits.push_back(
              {.subject_user_id = claim->claimant_account_id,
               .action = "claims.document_infected",
               .result = audit::Result::kDenied,
               .details = {{"claim", claim->reference}, {"document", std::to_string(d.id)}}});
        }
        services.remove_blob(step.sql, d.blob_id);
      }
      last = d.id;
      ++processed;
    }
    const bool finished = last == after;  // nothing left after the cursor
    return finish({.cursor = std::to_string(last), .processed = processed, .finished = finished});
  });
}

}  // namespace lumbung::claims
