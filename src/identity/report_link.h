// "This wasn't me" links for mail that other features send about a change to an account (the
// profile's bank account, beneficiaries and contact details), so that they offer the same way
// out as identity's own security mails: following the link ends every session, forgets
// remembered browsers, requires a new password and files a report staff see (audit
// account.reported, naming the mail).
#pragma once

#include <cstdint>
#include <string>

namespace soci {
class session;
}

namespace lumbung::identity {

// An absolute link (`public_url` + /report?token=…) valid for a week, in the caller's
// transaction; only the token's hash is stored. `mail_kind` names the mail in the report.
std::string IssueReportLink(soci::session& sql, const std::string& public_url,
                            std::int64_t account_id, const std::string& mail_kind);

}  // namespace lumbung::identity
