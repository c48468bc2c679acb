// The identity feature: accounts, sign-up against the registry, sign-in with throttling and
// device cookies, sessions, password reset and change, e-mail change, security alerts and
// "this wasn't me", the audit trail of all of it. One Identity per serving process; it is
// stateless between requests (everything lives in the database), so any number of instances
// can serve the same members.
//
// Request path: App calls Attend() before routing (finds the session, fills request.visitor,
// checks the CSRF token of every POST) and Finish() on the response (cookies). Routes are added
// by AddRoutes(); other features protect theirs with core/http/access.h.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/config/config.h"
#include "core/db/database.h"
#include "core/http/request.h"
#include "core/http/response.h"
#include "core/http/router.h"
#include "core/security/signed_value.h"
#include "core/view/dashboard.h"
#include "core/view/form.h"
#include "core/view/views.h"
#include "identity/account_mail.h"
#include "identity/account_store.h"
#include "identity/identity_settings.h"
#include "identity/password_policy.h"

namespace lumbung::identity {

// Cookie names. __Host-: Secure, Path=/, no Domain, so no other site or subdomain can set or
// read them (ASVS 3.4.4).
inline constexpr std::string_view kSessionCookie = "__Host-lumbung-session";
inline constexpr std::string_view kPreSessionCookie = "__Host-lumbung-pre";
inline constexpr std::string_view kDeviceCookie = "__Host-lumbung-device";
// "Remember this browser": the second step is skipped here for a while.
inline constexpr std::string_view kRememberCookie = "__Host-lumbung-remember";

class Identity {
 public:
  Identity(const config::Config& config, db::Database& database, const view::Views& views);
  ~Identity();

  // Before routing. Fills request.visitor from the session cookie (or issues a pre-session
  // CSRF secret); returns a 403 response for a POST without a valid CSRF token (ASVS 4.2.2).
  std::optional<http::Response> Attend(http::Request& request);
  // After the handler: the cookies Attend or the handler asked for.
  static void Finish(http::Request& request, http::Response& response);

  void AddRoutes(http::Router& router);
  // Cards other features show on /dashboard (call before serving).
  void AddDashboardCards(view::DashboardCardSource source);

  // For `lumbung user add`: an active account with no password yet and an invitation mail
  // (72 h) to set one. Throws std::invalid_argument with a message for the operator.
  // `staff_roles`: for role staff, the staff roles it holds, comma-separated (required).
  std::int64_t AddUser(const std::string& role, const std::string& email,
                       const std::string& display_name, std::optional<std::int64_t> employer_id,
                       const std::string& lang, const std::string& staff_roles = "");

  // An account someone else makes for a person (`lumbung user add`; an employer's administrator
  // at /employer/users): it has no password until the person follows the invitation mail's
  // link (identity.invitation_seconds, single use) and chooses one; the first sign-in then
  // asks for a second factor (every role but member).
  struct Invitation {
    std::string role;                         // any but member
    std::string email;                        // as NormaliseEmail returns it
    std::string display_name;                 // 1 to 200 bytes
    std::optional<std::int64_t> employer_id;  // set exactly for the employer roles
    std::vector<std::string> staff_roles;     // role staff: at least one (staff_roles.h)
    std::optional<std::int64_t> invited_by;   // the administrator; nullopt: the command line
    std::string lang = "id";                  // id or en: the mails' language
  };
  // In the caller's write transaction: the account (state pending) and the invitation mail.
  // nullopt, and nothing changed, when an account has that e-mail address already. The caller
  // has checked the fields and audits (account.invited, employer.user_invited).
  std::optional<std::int64_t> Invite(soci::session& sql, const Invitation& invitation) const;

  // In the caller's write transaction: disables the account (it cannot sign in, and every one
  // of its sessions ends at once) or enables it again (active, or pending while its invitation
  // is not accepted), and mails the person (account_disabled, account_enabled). `by` names who
  // did it in the mail ("PT Contoh"); empty: the fund. The caller audits.
  void SetDisabled(soci::session& sql, const Account& account, bool disabled,
                   const std::string& by) const;
  // For `lumbung user unlock`: ends a lock and clears its counters; false when no account has
  // that e-mail address.
  bool UnlockByEmail(const std::string& email);
  // For `lumbung user disable|enable`: a disabled account cannot sign in and its sessions end at
  // once; enabling makes it active again. False when no account has that address.
  bool SetDisabledByEmail(const std::string& email, bool disabled);

  // For `lumbung user reset-2fa`, when a member lost every second factor and staff checked who
  // they are another way: removes the factors, recovery codes and remembered browsers, ends
  // every session, mails the member and audits `reason`. False when no account has the address.
  bool ResetSecondFactorsByEmail(const std::string& email, const std::string& reason);

  const IdentitySettings& settings() const { return settings_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  IdentitySettings settings_;
};

}  // namespace lumbung::identity
