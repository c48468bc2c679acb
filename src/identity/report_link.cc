#include "identity/report_link.h"

#include <chrono>

#include "identity/identity_settings.h"
#include "identity/token_store.h"

namespace lumbung::identity {

std::string IssueReportLink(soci::session& sql, const std::string& public_url,
                            std::int64_t account_id, const std::string& mail_kind) {
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  // Report links stay valid side by side (the member may have several such mails).
  const std::string token = IssueToken(sql, account_id, kReport, mail_kind, now,
                                       IdentitySettings{}.report_seconds, false);
  return public_url + "/report?token=" + token;
}

}  // namespace lumbung::identity
