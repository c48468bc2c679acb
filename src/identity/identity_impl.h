// Internal to the identity feature: the state and helpers its route files share. Each
// *_routes.cc adds one flow's routes (sign-in, sign-up, passwords, account pages).
#pragma once

#include <soci/soci.h>

#include <chrono>
#include <map>
#include <string>

#include "core/audit/event.h"
#include "core/http/url.h"
#include "core/i18n/wib_time.h"
#include "identity/identity.h"

namespace lumbung::identity {

// The submitted form of a POST (application/x-www-form-urlencoded); empty when malformed.
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
  std::string NewPasswordProblem(const http::Request& request, const std::string& password,
                                 const PasswordContext& context) const;
  // What an attacker may know about the account holder: fund name, e-mail, name, username, and
  // for members NIK, KPJ and birth date in the forms people write it.
  PasswordContext ContextFor(soci::session& sql, const Account& account) const;

  // A page showing `form` ("app/form"); the title comes from the heading.
  http::Response FormPage(const http::Request& request, const view::Form& form,
                          const std::string& title_id, int status = 200) const;

  // Starts a session for `account` in `response`: a new id every time (no fixation, ASVS 3.2.1);
  // ends the request's old session if it had one.
  void StartSession(soci::session& sql, http::Request& request, http::Response& response,
                    const Account& account) const;

  // The account id the request's device cookie was issued to, with the device's id hash.
  std::optional<std::pair<std::int64_t, std::string>> DeviceFromCookie(
      const http::Request& request) const;
  void SetDeviceCookie(http::Response& response, std::int64_t account_id,
                       const std::string& device_token) const;

  // Routes by flow.
  void AddSignInRoutes(http::Router& router);
  void AddRegisterRoutes(http::Router& router);
  void AddPasswordRoutes(http::Router& router);
  void AddAccountRoutes(http::Router& router);
  void AddStaffRoutes(http::Router& router);
};

// "2026-11-22T07:58:00.123Z" (audit timestamps) -> epoch seconds; 0 when malformed.
std::int64_t EpochOfAuditTime(const std::string& iso);

// Cookie attributes for the feature's cookies: Secure, HttpOnly, SameSite=Lax, Path=/.
http::CookieOptions SecureCookie(long max_age_seconds = -1);

// The session cookie was present but the session had ended: for the sign-in page's notice.
inline constexpr std::string_view kExpiredQuery = "reason=expired";

}  // namespace lumbung::identity
