// Internal to the identity feature: the state and helpers its route files share. Each
// *_routes.cc adds one flow's routes (sign-in, sign-up, passwords, account pages).
#pragma once

#include <soci/soci.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/audit/event.h"
#include "core/cache/fresh_cache.h"
#include "core/http/url.h"
#include "core/i18n/wib_time.h"
#include "core/security/webauthn.h"
#include "core/view/form.h"
#include "core/view/page.h"
#include "identity/account_store.h"
#include "identity/identity.h"
#include "identity/passkey_availability.h"
#include "identity/session_store.h"

namespace lumbung::identity {

// The submitted form of a POST (application/x-www-form-urlencoded, or the text fields of a
// multipart/form-data upload); empty when malformed.
class FormInput {
 public:
  explicit FormInput(const http::Request& request);
  // The value, or "" when absent. Repeated fields: the first.
  std::string Get(std::string_view name) const;

 private:
  http::Fields fields_;
};

struct Identity::Impl {
  Impl(const config::Config& config, db::Database& database, const view::Views& views,
       const IdentitySettings& settings);

  const config::Config& config;
  db::Database& database;
  const view::Views& views;
  const i18n::Catalogs& catalogs;
  const IdentitySettings& settings;
  CommonPasswords common_passwords;
  security::Signer device_signer;
  std::string fund_name;
  std::string web_address;
  std::vector<view::DashboardCardSource> dashboard_cards;

  // A session with its account as read for a GET (by the session id's hash; nullopt: none
  // live), and the rendered dashboard (see the route). See core/cache/fresh_cache.h.
  struct LiveVisit {
    SessionRecord session;
    Account account;                       // without its password hash
    std::vector<std::string> staff_roles;  // a staff account's (staff_roles.h)
  };
  cache::FreshCache<std::optional<LiveVisit>> live_visits;
  cache::FreshCache<view::StampedPage> dashboard_pages;
  view::StampedPage DashboardPage(const http::Request& request) const;

  static std::int64_t Now();
  const std::string& T(const http::Request& request, std::string_view id) const {
    return catalogs.Get(request.lang, id);
  }
  std::string Tf(const http::Request& request, std::string_view id,
                 const std::map<std::string, std::string>& values) const {
    return catalogs.Format(request.lang, id, values);
  }
  std::string When(const http::Request& request, std::int64_t epoch) const;

  // Appends a security event in the caller's transaction (call it last: see audit_log.h).
  void Audit(soci::session& sql, const http::Request& request, std::string action,
             audit::Result result, std::optional<std::int64_t> actor,
             std::optional<std::int64_t> subject, audit::Details details = {}) const;

  // Queues a mail to the account in its language (transactional outbox).
  void SendMail(soci::session& sql, const Account& account, const std::string& kind,
                const std::string& link, bool with_report_link,
                std::map<std::string, std::string> values = {}) const;
  // public.url + path + "?token=" + token.
  std::string Link(std::string_view path, const std::string& token) const;

  // The problem with a new password as a translated sentence, or "" when it may be used.
  // The stricter minimum (security.password_min_length_without_2fa) applies unless the account
  // has a second factor.
  std::string NewPasswordProblem(const http::Request& request, const std::string& password,
                                 const PasswordContext& context,
                                 bool has_second_factor = false) const;
  // What an attacker may know about the account holder: fund name, e-mail, name, username, and
  // for members NIK, KPJ and birth date in the forms people write it.
  PasswordContext ContextFor(soci::session& sql, const Account& account) const;

  // A page showing `form` ("app/form"); the title comes from the heading.
  http::Response FormPage(const http::Request& request, const view::Form& form,
                          const std::string& title_id, int status = 200) const;

  // Starts a session for `account` in `response`: a new id every time (no fixation, ASVS 3.2.1);
  // ends the request's old session if it had one. A session partway through signing in
  // (stage second_factor or enrol) lasts `lifetime_seconds` at most.
  void StartSession(soci::session& sql, http::Request& request, http::Response& response,
                    const Account& account, std::string_view stage = "full",
                    std::int64_t lifetime_seconds = 0) const;

  // Sign-in steps (two_factor_routes.cc). The password was right: a full session, or the
  // second step, or a forced set-up of a second factor; the response says where to go.
  http::Response AfterPassword(soci::session& sql, http::Request& request, const Account& account,
                               const std::string& next);
  // Every step is done: a full session with a new id, the device cookie and the new-device
  // mail, the audit row. `method`: how the last step was proved.
  void CompleteSignIn(soci::session& sql, http::Request& request, http::Response& response,
                      const Account& account, const std::string& method) const;
  // Staff and employer administrators must have a second factor; members may.
  static bool TwoFactorRequired(const Account& account) { return account.role != "member"; }
  // A keyed hash of an e-mail code (never the code itself in the database).
  std::string EmailCodeHash(std::int64_t account_id, const std::string& purpose,
                            const std::string& code) const;
  // Mails a fresh code for `purpose` (sign_in, enrol); false when the hourly limit is reached.
  bool SendEmailCode(soci::session& sql, const Account& account, const std::string& purpose,
                     const http::Request& request) const;

  // The account id the request's device cookie was issued to, with the device's id hash.
  std::optional<std::pair<std::int64_t, std::string>> DeviceFromCookie(
      const http::Request& request) const;
  void SetDeviceCookie(http::Response& response, std::int64_t account_id,
                       const std::string& device_token) const;

  // Passkeys (passkey_routes.cc). The relying party of the configured public URL
  // (nullopt: not usable there, e.g. an IP address; the passkey routes then answer 404).
  std::optional<security::RelyingParty> PasskeyRelyingParty() const;
  // Whether this request's page may offer a passkey ceremony (passkey_availability.h).
  PasskeyPlace PasskeysHere(const http::Request& request) const;
  // A new challenge for `purpose`, stored bound to the request's session; the JSON options.
  http::Response PasskeyChallenge(soci::session& sql, const http::Request& request,
                                  std::string_view purpose, std::int64_t account_id,
                                  nlohmann::json options) const;
  // Takes (deletes) the challenge that `client_data` answers, if this session was issued it for
  // `purpose` and it is live; the expectation to verify against (challenge in *storage).
  std::optional<security::Expected> TakeChallengeOf(soci::session& sql,
                                                    const http::Request& request,
                                                    std::string_view purpose,
                                                    const std::string& client_data,
                                                    std::string* storage) const;
  // The passkeys section of /account/security (account_routes.cc).
  void AddPasskeysToSecurityPage(soci::session& sql, const http::Request& request,
                                 const Account& account, view::mustache::data& page) const;
  // "Sign in with a passkey" (/login) or "Use a passkey" (second step): hidden until
  // static/js/passkeys.js finds WebAuthn in the browser.
  view::ButtonForm PasskeyButton(const http::Request& request, bool second_factor,
                                 const std::string& next) const;

  // Routes by flow.
  void AddSignInRoutes(http::Router& router);
  void AddRegisterRoutes(http::Router& router);
  void AddPasswordRoutes(http::Router& router);
  void AddAccountRoutes(http::Router& router);
  void AddStaffRoutes(http::Router& router);
  // Administrators manage the staff accounts through the public Invite and SetDisabled.
  void AddStaffAccountRoutes(http::Router& router, const Identity& owner);
  void AddTwoFactorRoutes(http::Router& router);
  void AddPasskeyRoutes(http::Router& router);
  // The fund staff's member look-up and record (staff_member_routes.cc); `identity` for the
  // account changes it shares with the command line (SetDisabled).
  void AddStaffMemberRoutes(http::Router& router, const Identity& identity);

  // In the caller's write transaction, for staff acting on a member's account (the staff pages
  // and `lumbung user unlock|reset-2fa`): ends a lock and clears the sign-in and second-step
  // counters; removes every second factor, recovery code, remembered browser and passkey, ends
  // every session and mails the member (two_factor_reset), returning how many sessions ended. The
  // caller audits.
  void UnlockAccount(soci::session& sql, const Account& account) const;
  int ResetSecondFactors(soci::session& sql, const Account& account) const;
};

// The inbox message (core/inbox, category security) a security mail of this kind also posts,
// or nullopt for mails that are not security notices (links, codes).
std::optional<std::string> SecurityNoticeFor(std::string_view mail_kind);

// "2026-11-22T07:58:00.123Z" (audit timestamps) -> epoch seconds; 0 when malformed.
std::int64_t EpochOfAuditTime(const std::string& iso);

// Cookie attributes for the feature's cookies: Secure, HttpOnly, SameSite=Lax, Path=/.
http::CookieOptions SecureCookie(long max_age_seconds = -1);

// Where to go after signing in: a local path, never back to the sign-in page.
inline std::string NextTarget(const std::string& next) {
  return http::IsLocalPath(next) && next != "/login" && next.rfind("/login/", 0) != 0
             ? next
             : "/dashboard";
}

// The session cookie was present but the session had ended: for the sign-in page's notice.
inline constexpr std::string_view kExpiredQuery = "reason=expired";

}  // namespace lumbung::identity
