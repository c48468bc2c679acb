// An HTTP request as handlers see it: plain data, no networking types.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lumbung::http {

// Who is asking, as the session middleware (src/identity/session_middleware.h) found out before
// routing. Features read it; only identity writes it.
struct Visitor {
  std::int64_t account_id = 0;   // 0: not signed in
  std::string role;              // "member", "employer_admin", "employer_staff" or "staff"
  std::int64_t member_id = 0;    // the registry member behind a member account; 0 otherwise
  std::int64_t employer_id = 0;  // the employer behind an employer account; 0 otherwise
  std::string display_name;
  // For a fund staff account (role "staff"): the staff roles it holds, each granting a set of
  // staff pages (least privilege; see kStaffRoles and docs/identity.md). Empty otherwise.
  std::vector<std::string> staff_roles;
  // The secret behind the CSRF tokens of this visitor's forms: the session's when signed in,
  // else the pre-session cookie's (so sign-in and sign-up forms are protected too).
  std::string csrf_secret;
  std::int64_t idle_expires_at = 0;  // epoch seconds; 0 when not signed in
  std::string session_key;           // the stored (hashed) id of the session; never the cookie
  bool session_expired = false;      // a session cookie came, but that session had ended
  // A session partway through signing in: "second_factor" (a code is due) or "enrol" (the
  // account must set up a second factor first). Such a visitor is NOT signed in: account_id
  // stays 0 and only the sign-in steps serve them (ASVS 2.8).
  std::string pending_stage;
  std::int64_t pending_account_id = 0;
  // The password or a second factor was proved in this session within the step-up window, so
  // sensitive changes may go ahead without asking again (ASVS 3.7.1).
  bool recently_authenticated = false;
  // Unread items in the visitor's inbox (core/inbox), counted once per signed-in request by the
  // app right after the session middleware (src/notifications): the header shows it.
  std::int64_t unread_notifications = 0;
  // Cookies the middleware wants set on whatever response this request gets.
  std::vector<std::pair<std::string, std::string>> set_cookie_headers;

  bool signed_in() const { return account_id != 0; }
  bool is_staff() const { return role == "staff"; }
  // A staff account holding this staff role.
  bool HasStaffRole(std::string_view staff_role) const {
    if (!is_staff()) return false;
    for (const auto& r : staff_roles) {
      if (r == staff_role) return true;
    }
    return false;
  }
};

// The fund staff's roles, each the least a task needs (docs/identity.md has the table of role and
// action): member services look members up and help them with their accounts and conversations;
// claims verifiers check claims and claims approvers approve them (never the same person for one
// claim); finance handles payment files and disbursements; subsidy officers prepare, submit and
// approve wage-subsidy payment batches (never approving their own submission); content editors
// write the help centre and announcements; analysts see aggregates only, never a person's data;
// training providers run their own programmes and sessions; certifiers issue and revoke the
// fund's competency certificates;
// administrators manage staff accounts, the audit log and maintenance.
inline constexpr std::string_view kStaffRoles[] = {
    "member_services", "claims_verifier", "claims_approver",   "finance",   "subsidy_officer",
    "content_editor",  "analyst",         "training_provider", "certifier", "administrator"};
bool IsStaffRole(std::string_view staff_role);

struct Request {
  std::string method;  // upper case, as sent
  std::string target;  // raw request target: "/path?query"
  std::string path;    // percent-decoded, valid UTF-8 (set by the app before routing)
  std::string raw_query;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_ip;
  std::string request_id;
  bool over_tls = false;  // true only when a trusted proxy said so
  bool keep_alive = true;

  // Set by routing and middleware.
  std::string route;  // the matched pattern, e.g. "/verify/card/{token}", for metrics
  std::map<std::string, std::string> params;
  std::string lang = "id";
  Visitor visitor;
  // Where the page's language switch leads back to. Empty: the request's own target (a GET). A
  // form's answer to a POST sets the nearest page above its path that a GET opens, since the
  // POST address itself cannot be opened by a link.
  std::string language_return;

  // First header with this (case-insensitive) name, or empty.
  std::string_view Header(std::string_view name) const;
  std::optional<std::string> Cookie(std::string_view name) const;
  // Decoded query parameter; nullopt when absent or the query is malformed.
  std::optional<std::string> Query(std::string_view name) const;
};

// A row id as written in a path or a form: 1 to 18 digits, no sign, no leading zero, not 0;
// nullopt for anything else ("7a", "-1", "007", "", an overflow), which routes answer with
// 404 like an id that does not exist.
std::optional<std::int64_t> ParsePositiveId(std::string_view text);
// The path parameter `name` ("/claims/{id}") as such an id.
std::optional<std::int64_t> PathId(const Request& request, std::string_view name);

}  // namespace lumbung::http
