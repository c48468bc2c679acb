// Second factors: the second sign-in step (/login/second-factor), setting up an
// authenticator app or codes by e-mail (/account/two-factor/...), recovery codes, remembered
// browsers, step-up confirmation (/account/confirm) and the dashboard's suggestion.
//
// A session partway through signing in has a stage (session_store.h): it is not signed in
// (request.visitor.account_id stays 0), so every other page sends it back to its step. Codes
// never reach a log or the audit trail; the failure counters for second factors are separate
// from the password's and keep the device-cookie protection, so someone who knows the password
// cannot lock the member out (login_throttle.h).
#include <soci/soci.h>

#include <algorithm>
#include <variant>

#include "core/audit/event.h"
#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/security/encoding.h"
#include "core/security/otp.h"
#include "core/security/password_hash.h"
#include "core/security/secret_box.h"
#include "core/security/signed_value.h"
#include "core/security/tokens.h"
#include "core/view/page.h"
#include "core/view/qr_svg.h"
#include "identity/device_label.h"
#include "identity/identity_impl.h"
#include "identity/passkey_store.h"
#include "identity/recovery_code.h"
#include "identity/session_store.h"
#include "identity/sign_in_wait.h"
#include "identity/throttle_store.h"
#include "identity/two_factor_store.h"

namespace lumbung::identity {
namespace {

constexpr std::string_view kSignInPurpose = "sign_in";
constexpr std::string_view kEnrolPurpose = "enrol";
constexpr std::size_t kMaxFactorName = 60;

// "ani@example.com" -> "a•••@example.com": enough for the member to recognise, little for
// someone reading over their shoulder.
std::string MaskEmail(const std::string& email) {
  const auto at = email.find('@');
  if (at == std::string::npos || at == 0) return email;
  return email.substr(0, 1) + "•••" + email.substr(at);
}

// The factor name as typed: trimmed, 1..60 bytes of valid UTF-8 text.
std::optional<std::string> CleanFactorName(const std::string& typed) {
  std::string name = audit::CleanText(typed, kMaxFactorName);
  while (!name.empty() && name.back() == ' ') name.pop_back();
  while (!name.empty() && name.front() == ' ') name.erase(name.begin());
  if (name.empty()) return std::nullopt;
  return name;
}

std::string SealTotpSecret(const std::string& key, std::int64_t account_id,
                           const std::string& secret) {
  // The owner's id inside the sealed value: a secret moved to another account's row fails.
  return security::Base64UrlEncode(security::Seal(key, std::to_string(account_id) + ":" + secret));
}

std::optional<std::string> OpenTotpSecret(const std::string& key, const SecondFactor& factor) {
  auto sealed = security::Base64UrlDecode(factor.secret_sealed);
  if (!sealed) return std::nullopt;
  auto plain = security::Open(key, *sealed);
  const std::string prefix = std::to_string(factor.account_id) + ":";
  if (!plain || plain->rfind(prefix, 0) != 0) return std::nullopt;
  return plain->substr(prefix.size());
}

// Ten new recovery codes replace the account's old ones (only their salted hashes are kept);
// returns the codes to show once.
std::vector<std::string> IssueRecoveryCodes(soci::session& sql, std::int64_t account_id,
                                            std::int64_t now) {
  std::vector<std::string> codes, hashes;
  for (int i = 0; i < kRecoveryCodeCount; ++i) {
    codes.push_back(NewRecoveryCode());
    hashes.push_back(HashRecoveryCode(*NormaliseRecoveryCode(codes.back())));
  }
  ReplaceRecoveryCodes(sql, account_id, hashes, now);
  return codes;
}

// The data of identity/recovery_codes: the codes as a list, and joined by spaces for the
// download form that posts them back.
view::mustache::data RecoveryCodesPage(const std::vector<std::string>& codes, bool first) {
  view::mustache::data page{view::mustache::data::type::object};
  view::mustache::data list{view::mustache::data::type::list};
  std::string joined;
  for (const auto& c : codes) {
    list.push_back(view::mustache::data(c));
    joined += (joined.empty() ? "" : " ") + c;
  }
  page.set("codes", list);
  page.set("joined", joined);
  if (first) page.set("first", true);
  return page;
}

}  // namespace

std::string Identity::Impl::EmailCodeHash(std::int64_t account_id, const std::string& purpose,
                                          const std::string& code) const {
  return security::HexEncode(security::DeriveKey(
      settings.code_key, purpose + ":" + std::to_string(account_id) + ":" + code));
}

bool Identity::Impl::SendEmailCode(soci::session& sql, const Account& account,
                                   const std::string& purpose, const http::Request& request) const {
  const std::int64_t now = Now();
  if (!TakeRateLimit(sql, "2fa-mail:a:" + std::to_string(account.id), settings.email_codes_per_hour,
                     3600, now)) {
    return false;
  }
  const std::string code = security::NewNumericCode(6);
  PutEmailCode(sql, account.id, purpose, EmailCodeHash(account.id, purpose, code), now,
               now + settings.email_code_seconds);
  SendMail(sql, account, "email_code", "", purpose == kSignInPurpose,
           {{"code", code},
            {"minutes", std::to_string(settings.email_code_seconds / 60)},
            {"ip", request.remote_ip}});
  return true;
}

void Identity::Impl::CompleteSignIn(soci::session& sql, http::Request& request,
                                    http::Response& response, const Account& account,
                                    const std::string& method) const {
  const std::int64_t now = Now();
  std::optional<KnownDevice> device;
  if (auto cookie = DeviceFromCookie(request); cookie && cookie->first == account.id) {
    device = FindKnownDevice(sql, cookie->second, account.id);
  }
  StartSession(sql, request, response, account);
  if (!device) {
    long long known = 0, id = account.id;
    sql << "SELECT COUNT(*) FROM known_devices WHERE account_id = :a", soci::use(id),
        soci::into(known);
    const std::string device_token = security::NewToken(32);
    RememberDevice(sql, security::HashToken(device_token), account.id, now);
    SetDeviceCookie(response, account.id, device_token);
    // The very first sign-in is not news to the member; every later new device is.
    if (known > 0) {
      SendMail(
          sql, account, "new_device", settings.public_url + "/account/sessions", true,
          {{"time", i18n::FormatWibTime(now, account.lang, catalogs)},
           {"ip", request.remote_ip},
           {"device", DeviceText(catalogs, catalogs.Supports(account.lang) ? account.lang : "id",
                                 request.Header("user-agent"))}});
    }
  } else {
    RememberDevice(sql, device->id_hash, account.id, now);
  }
  Audit(sql, request, "login.succeeded", audit::Result::kOk, account.id, account.id,
        {{"method", method}, {"device", device ? "known" : "new"}});
}

http::Response Identity::Impl::AfterPassword(soci::session& sql, http::Request& request,
                                             const Account& account, const std::string& next) {
  const std::int64_t now = Now();
  const auto factors = ListSecondFactors(sql, account.id);
  const bool has_passkey = HasPasskey(sql, account.id);  // a passkey is a second factor too
  if (factors.empty() && !has_passkey && !TwoFactorRequired(account)) {
    auto response = http::Response::Redirect(next);
    CompleteSignIn(sql, request, response, account, "password");
    return response;
  }
  if (factors.empty() && !has_passkey) {
    // Staff and employer administrators set up a second factor before anything else.
    auto response = http::Response::Redirect("/account/two-factor/setup");
    StartSession(sql, request, response, account, kStageEnrol, 3 * settings.pending_seconds);
    Audit(sql, request, "login.enrolment_required", audit::Result::kOk, account.id, account.id);
    return response;
  }
  // A browser the member asked to remember skips the second step (never for staff).
  if (settings.remember_browser_seconds > 0 && account.role != kStaff) {
    if (auto cookie = request.Cookie(kRememberCookie)) {
      // "remember:<account>:<token>": the prefix keeps a device cookie (same signing key)
      // from ever passing for a remember cookie.
      const std::string prefix = "remember:" + std::to_string(account.id) + ":";
      if (auto value = device_signer.Verify(*cookie); value && value->rfind(prefix, 0) == 0) {
        const std::string id_hash = security::HashToken(value->substr(prefix.size()));
        if (FindRememberedBrowser(sql, id_hash, account.id, now)) {
          TouchRememberedBrowser(sql, id_hash, now);
          auto response = http::Response::Redirect(next);
          CompleteSignIn(sql, request, response, account, "password+remembered_browser");
          return response;
        }
      }
    }
  }
  const bool has_app =
      std::any_of(factors.begin(), factors.end(), [](const auto& f) { return f.kind == "totp"; });
  std::string target = "/login/second-factor?next=" + http::PercentEncode(next);
  if (has_passkey && !has_app) {
    // A passkey is the way in; a code by mail only when asked for.
    target += "&method=email";
  } else if (!has_app) {
    // Codes by mail are the only method: send one now, the member expects it.
    const bool sent = SendEmailCode(sql, account, std::string(kSignInPurpose), request);
    target += sent ? "&method=email&sent=1" : "&method=email&limited=1";
  }
  auto response = http::Response::Redirect(target);
  StartSession(sql, request, response, account, kStageSecondFactor, settings.pending_seconds);
  Audit(sql, request, "login.second_factor_due", audit::Result::kOk, account.id, account.id);
  return response;
}

void Identity::Impl::AddTwoFactorRoutes(http::Router& router) {
  // The code a member typed, checked against one method. Marks what it used (a TOTP step, a
  // recovery code, an e-mail code) so it never works twice. `recovery_left` gets the number of
  // unused recovery codes after a recovery code was used.
  const auto check_code = [this](soci::session& sql, const Account& account,
                                 const std::string& method, const std::string& code,
                                 const std::string& purpose, int* recovery_left) -> bool {
    const std::int64_t now = Now();
    if (method == "totp") {
      for (const auto& factor : ListSecondFactors(sql, account.id)) {
        if (factor.kind != "totp") continue;
        auto secret = OpenTotpSecret(settings.totp_key, factor);
        if (!secret) continue;
        // Steps before the last one used never match: a code seen once is spent.
        std::optional<std::uint64_t> last;
        if (factor.last_step >= 0) last = static_cast<std::uint64_t>(factor.last_step);
        if (auto step = security::MatchTotp(*secret, code, now, last)) {
          // Conditional update: of two instances racing with the same code, one wins.
          return TakeTotpStep(sql, factor.id, static_cast<std::int64_t>(*step), now);
        }
      }
      return false;
    }
    if (method == "email") {
      auto stored = FindEmailCode(sql, account.id, purpose);
      if (!stored || stored->expires_at <= now ||
          stored->attempts >= settings.email_code_attempts) {
        return false;
      }
      std::string typed;
      for (char c : code) {
        if (c != ' ') typed += c;
      }
      if (!security::ConstantTimeEquals(stored->code_hash,
                                        EmailCodeHash(account.id, purpose, typed))) {
        CountEmailCodeAttempt(sql, account.id, purpose);
        return false;
      }
      return DeleteEmailCode(sql, account.id, purpose);
    }
    if (method == "recovery") {
      auto canonical = NormaliseRecoveryCode(code);
      if (!canonical) return false;
      const auto codes = UnusedRecoveryCodes(sql, account.id);
      for (const auto& stored : codes) {
        if (RecoveryCodeMatches(stored.code_hash, *canonical)) {
          if (!UseRecoveryCode(sql, stored.id, now)) return false;
          if (recovery_left) *recovery_left = static_cast<int>(codes.size()) - 1;
          return true;
        }
      }
      return false;
    }
    return false;
  };

  // Which counter a second-factor failure goes to: the browser's own when it has signed in to
  // this account before (device cookie), else the account's.
  const auto factor_throttle_key = [this](soci::session& sql, const http::Request& request,
                                          std::int64_t account_id) {
    if (auto cookie = DeviceFromCookie(request); cookie && cookie->first == account_id) {
      if (FindKnownDevice(sql, cookie->second, account_id)) return "2fa:d:" + cookie->second;
    }
    return "2fa:a:" + std::to_string(account_id);
  };

  const auto second_factor_form = [this](const http::Request& request, const Account& account,
                                         const std::vector<SecondFactor>& factors,
                                         const std::string& method, const std::string& next) {
    const bool has_app =
        std::any_of(factors.begin(), factors.end(), [](const auto& f) { return f.kind == "totp"; });
    view::Form form;
    form.heading = T(request, "identity.second_factor.title");
    form.action = "/login/second-factor";
    view::FormField code{.name = "code", .autocomplete = "one-time-code", .maxlength = 20};
    if (method == "totp") {
      form.intro = {T(request, "identity.second_factor.app_intro")};
      code.label = T(request, "identity.second_factor.app_code");
      code.inputmode = "numeric";
      code.width = "w6";
    } else if (method == "email") {
      form.intro = {Tf(request, "identity.second_factor.email_intro",
                       {{"email", MaskEmail(account.email)},
                        {"minutes", std::to_string(settings.email_code_seconds / 60)}})};
      code.label = T(request, "identity.second_factor.email_code");
      code.inputmode = "numeric";
      code.width = "w6";
      form.buttons = {{.action = "/login/second-factor/email-code",
                       .label = T(request, "identity.second_factor.send_email_code"),
                       .hidden = {{"next", next}}}};
    } else {
      form.intro = {T(request, "identity.second_factor.recovery_intro")};
      code.label = T(request, "identity.second_factor.recovery_code");
      code.hint = T(request, "identity.second_factor.recovery_hint");
      code.autocomplete = "off";
      code.width = "w16";
    }
    view::FormGroup group;
    group.fields = {code};
    if (settings.remember_browser_seconds > 0 && account.role != kStaff) {
      group.fields.push_back(view::FormField{
          .name = "remember",
          .label = Tf(request, "identity.second_factor.remember",
                      {{"days", std::to_string(settings.remember_browser_seconds / 86400)}}),
          .hint = T(request, "identity.second_factor.remember_hint"),
          .type = "checkbox",
          .required = false});
    }
    form.groups = {group};
    form.hidden = {{"method", method}, {"next", next}};
    form.submit = T(request, "identity.second_factor.submit");
    const std::string back = "&next=" + http::PercentEncode(next);
    if (method != "totp" && has_app) {
      form.links.push_back({"/login/second-factor?method=totp" + back,
                            T(request, "identity.second_factor.use_app")});
    }
    if (method != "email") {
      form.links.push_back({"/login/second-factor?method=email" + back,
                            T(request, "identity.second_factor.use_email")});
    }
    if (method != "recovery") {
      form.links.push_back({"/login/second-factor?method=recovery" + back,
                            T(request, "identity.second_factor.use_recovery")});
    }
    form.links.push_back({"/logout", T(request, "identity.second_factor.cancel")});
    return form;
  };

  // The methods an account may use at the second step: its app (if any), mail, recovery codes.
  const auto pick_method = [](const std::string& wanted, const std::vector<SecondFactor>& factors) {
    const bool has_app =
        std::any_of(factors.begin(), factors.end(), [](const auto& f) { return f.kind == "totp"; });
    if (wanted == "email" || wanted == "recovery") return wanted;
    return std::string(has_app ? "totp" : "email");
  };

  router.Get(
      "/login/second-factor", [this, second_factor_form, pick_method](http::Request& request) {
        std::string next = request.Query("next").value_or("");
        if (request.visitor.signed_in()) return http::Response::Redirect(NextTarget(next));
        if (request.visitor.pending_stage != kStageSecondFactor) {
          return http::Response::Redirect(request.visitor.session_expired ? "/login?reason=expired"
                                                                          : "/login");
        }
        next = NextTarget(next);
        auto lease = database.Acquire();
        soci::session& sql = lease.session();
        auto account = FindAccountById(sql, request.visitor.pending_account_id);
        if (!account) return http::Response::Redirect("/login");
        const auto factors = ListSecondFactors(sql, account->id);
        const std::string method = pick_method(request.Query("method").value_or(""), factors);
        view::Form form = second_factor_form(request, *account, factors, method, next);
        if (HasPasskey(sql, account->id) && PasskeysHere(request) == PasskeyPlace::kAvailable) {
          form.buttons.insert(form.buttons.begin(), PasskeyButton(request, true, next));
        }
        if (request.Query("passkey_error")) {
          form.form_error = T(request, "identity.passkey.error.sign_in");
        }
        if (method == "email") {
          if (request.Query("limited")) {
            form.notice = T(request, "identity.second_factor.email_limited");
            form.notice_kind = "warning";
          } else if (request.Query("sent")) {
            form.notice = T(request, "identity.second_factor.email_sent");
            form.notice_kind = "success";
          } else if (!FindEmailCode(sql, account->id, std::string(kSignInPurpose))) {
            form.notice = T(request, "identity.second_factor.email_none_yet");
          }
        }
        return FormPage(request, form, "identity.second_factor.title");
      });

  router.Post("/login/second-factor/email-code", [this](http::Request& request) {
    if (request.visitor.pending_stage != kStageSecondFactor) {
      return http::Response::Redirect("/login");
    }
    const std::string next = NextTarget(FormInput(request).Get("next"));
    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    auto tx = db::Transaction::ForWriting(sql);
    auto account = FindAccountById(sql, request.visitor.pending_account_id);
    if (!account) return http::Response::Redirect("/login");
    const bool sent = SendEmailCode(sql, *account, std::string(kSignInPurpose), request);
    Audit(sql, request, "login.email_code_sent", sent ? audit::Result::kOk : audit::Result::kDenied,
          account->id, account->id);
    tx.Commit();
    return http::Response::Redirect("/login/second-factor?method=email&" +
                                    std::string(sent ? "sent=1" : "limited=1") +
                                    "&next=" + http::PercentEncode(next));
  });

  router.Post("/login/second-factor", [this, second_factor_form, pick_method, check_code,
                                       factor_throttle_key](http::Request& request) {
    if (request.visitor.pending_stage != kStageSecondFactor) {
      return http::Response::Redirect(request.visitor.session_expired ? "/login?reason=expired"
                                                                      : "/login");
    }
    const FormInput input(request);
    const std::string next = NextTarget(input.Get("next"));
    const std::string code = input.Get("code");
    const std::int64_t now = Now();
    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    auto account = FindAccountById(sql, request.visitor.pending_account_id);
    if (!account) return http::Response::Redirect("/login");
    const auto factors = ListSecondFactors(sql, account->id);
    const std::string method = pick_method(input.Get("method"), factors);
    view::Form form = second_factor_form(request, *account, factors, method, next);
    if (input.Get("remember") == "1" && form.Field("remember")) form.Field("remember")->value = "1";
    if (code.empty()) {
      form.Field("code")->error = T(request, "identity.second_factor.code_missing");
      return FormPage(request, form, "identity.second_factor.title", 422);
    }

    auto tx = db::Transaction::ForWriting(sql);
    const std::string key = factor_throttle_key(sql, request, account->id);
    const GateDecision gate = CheckGate(LoadThrottle(sql, key), now, settings.login);
    if (gate.gate != Gate::kOpen) {
      Audit(sql, request, "login.second_factor_refused", audit::Result::kDenied, account->id,
            account->id, {{"method", method}, {"reason", "throttled"}});
      tx.Commit();
      form.form_error = Tf(
          request,
          gate.gate == Gate::kLocked ? "identity.second_factor.locked" : "identity.login.delayed",
          {{"when", RetryPhrase(catalogs, request.lang, now, gate.until)}});
      return FormPage(request, form, "identity.second_factor.title", 429);
    }
    int recovery_left = -1;
    if (!check_code(sql, *account, method, code, std::string(kSignInPurpose), &recovery_left)) {
      auto outcome = RecordFailure(LoadThrottle(sql, key), now, settings.login);
      SaveThrottle(sql, key, outcome.state);
      if (outcome.locked_now && key.rfind("2fa:a:", 0) == 0) {
        // Whoever this is knows the password: the member must hear of it.
        SendMail(
            sql, *account, "two_factor_locked", settings.public_url + "/forgot-password", true,
            {{"until", i18n::FormatWibTime(outcome.state.blocked_until, account->lang, catalogs)}});
      }
      Audit(sql, request, "login.second_factor_failed", audit::Result::kDenied, account->id,
            account->id,
            {{"method", method},
             {"locked", outcome.locked_now ? "yes" : "no"},
             {"device", key.rfind("2fa:d:", 0) == 0 ? "known" : "other"}});
      tx.Commit();
      const GateDecision after = CheckGate(outcome.state, now, settings.login);
      if (after.gate == Gate::kLocked) {
        form.form_error = Tf(request, "identity.second_factor.locked",
                             {{"when", RetryPhrase(catalogs, request.lang, now, after.until)}});
        return FormPage(request, form, "identity.second_factor.title", 429);
      }
      form.Field("code")->error = T(request, "identity.second_factor.code_wrong");
      return FormPage(request, form, "identity.second_factor.title", 422);
    }

    SaveThrottle(sql, key, RecordSuccess(LoadThrottle(sql, key)));
    auto response = http::Response::Redirect(next);
    if (recovery_left >= 0) {
      SendMail(sql, *account, "recovery_code_used", settings.public_url + "/account/security", true,
               {{"remaining", std::to_string(recovery_left)}});
      response = http::Response::Redirect("/account/security?notice=recovery_used&left=" +
                                          std::to_string(recovery_left));
    }
    if (input.Get("remember") == "1" && form.Field("remember")) {
      const std::string token = security::NewToken(32);
      RememberBrowser(sql, security::HashToken(token), account->id,
                      std::string(request.Header("user-agent")), now,
                      now + settings.remember_browser_seconds);
      response.SetCookie(
          kRememberCookie,
          device_signer.Sign("remember:" + std::to_string(account->id) + ":" + token),
          SecureCookie(static_cast<long>(settings.remember_browser_seconds)));
      Audit(sql, request, "two_factor.browser_remembered", audit::Result::kOk, account->id,
            account->id);
    }
    CompleteSignIn(sql, request, response, *account, "password+" + method);
    tx.Commit();
    return response;
  });

  // --- Setting up a second factor: members from the security centre (after step-up), staff
  // and employer administrators at their first sign-in (stage enrol). ---

  // The account a set-up request acts for, or the response that sends the visitor elsewhere.
  struct Enroller {
    std::int64_t account_id = 0;
    bool forced = false;  // the enrol stage: finishing signs the account in
  };
  const auto enroller = [](http::Request& request) -> std::variant<Enroller, http::Response> {
    if (request.visitor.pending_stage == kStageEnrol) {
      return Enroller{request.visitor.pending_account_id, true};
    }
    if (!request.visitor.signed_in()) {
      if (request.method == "GET")
        return http::Response::Redirect(http::LoginRedirectTarget(request));
      return http::Response::Error(403);
    }
    if (!request.visitor.recently_authenticated) {
      const std::string next =
          request.method == "GET" ? request.target : "/account/two-factor/setup";
      return http::Response::Redirect("/account/confirm?next=" + http::PercentEncode(next));
    }
    return Enroller{request.visitor.account_id, false};
  };

  // After the first factor is confirmed: ten recovery codes, shown once; a forced set-up also
  // finishes signing in.
  const auto factor_added = [this](soci::session& sql, http::Request& request,
                                   const Account& account, const Enroller& who,
                                   const std::string& kind, bool first) {
    SendMail(sql, account, "two_factor_added", settings.public_url + "/account/security", true,
             {{"method", T(request, "identity.two_factor.kind." + kind)}});
    Audit(sql, request, "two_factor.added", audit::Result::kOk, account.id, account.id,
          {{"kind", kind}});
    // The session changes first, so the page below carries the new session's CSRF token.
    http::Response session_cookies;
    if (who.forced) {
      CompleteSignIn(sql, request, session_cookies, account, "password+enrolment");
    } else {
      // A privilege change: a new session id (ASVS 3.2.1), still recently authenticated.
      StartSession(sql, request, session_cookies, account);
    }
    http::Response response;
    if (first) {
      const auto page = RecoveryCodesPage(IssueRecoveryCodes(sql, account.id, Now()), true);
      response = view::Page(request, views, "identity/recovery_codes",
                            "identity.recovery_codes.title", page);
    } else {
      response = http::Response::Redirect("/account/security?notice=factor_added");
    }
    for (auto& header : session_cookies.headers) response.Add(header.first, header.second);
    return response;
  };

  router.Get("/account/two-factor/setup", [this, enroller](http::Request& request) {
    auto who = enroller(request);
    if (auto* r = std::get_if<http::Response>(&who)) return std::move(*r);
    const Enroller e = std::get<Enroller>(who);
    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    const auto factors = ListSecondFactors(sql, e.account_id);
    view::Form form;
    form.no_form = true;
    form.heading = T(request, "identity.two_factor.setup_title");
    form.intro = {T(request, e.forced ? "identity.two_factor.setup_required"
                                      : "identity.two_factor.setup_intro"),
                  T(request, "identity.two_factor.setup_choice")};
    form.buttons.push_back({.action = "/account/two-factor/app/start",
                            .label = T(request, "identity.two_factor.setup_app")});
    if (std::none_of(factors.begin(), factors.end(),
                     [](const auto& f) { return f.kind == "email"; })) {
      form.buttons.push_back({.action = "/account/two-factor/email/start",
                              .label = T(request, "identity.two_factor.setup_email")});
    }
    if (e.forced) {
      form.links = {{"/logout", T(request, "identity.second_factor.cancel")}};
    } else {
      form.links = {{"/account/security", T(request, "identity.security.back_link")}};
    }
    return FormPage(request, form, "identity.two_factor.setup_title");
  });

  router.Post("/account/two-factor/app/start", [this, enroller](http::Request& request) {
    auto who = enroller(request);
    if (auto* r = std::get_if<http::Response>(&who)) return std::move(*r);
    const Enroller e = std::get<Enroller>(who);
    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    auto tx = db::Transaction::ForWriting(sql);
    AddUnconfirmedFactor(
        sql, e.account_id, "totp", T(request, "identity.two_factor.app_default_name"),
        SealTotpSecret(settings.totp_key, e.account_id, security::NewTotpSecret()), Now());
    tx.Commit();
    return http::Response::Redirect("/account/two-factor/app");
  });

  const auto app_page = [this](const http::Request& request, const Account& account,
                               const SecondFactor& pending, const std::string& name,
                               const std::string& name_error, const std::string& code_error) {
    const std::string secret = OpenTotpSecret(settings.totp_key, pending).value_or("");
    const std::string uri = security::OtpauthUri(fund_name, account.email, secret);
    view::mustache::data page{view::mustache::data::type::object};
    page.set("qr", view::QrSvg(uri, T(request, "identity.two_factor.qr_label")));
    page.set("key", security::GroupsOfFour(security::Base32Encode(secret)));
    page.set("name", name);
    view::mustache::data errors{view::mustache::data::type::list};
    const auto add_error = [&](const std::string& field, const std::string& message) {
      if (message.empty()) return;
      view::mustache::data e{view::mustache::data::type::object};
      e.set("href", "#f-" + field);
      e.set("message", message);
      errors.push_back(e);
      page.set(field + "_error", message);
    };
    add_error("name", name_error);
    add_error("code", code_error);
    page.set("errors", errors);
    page.set("has_errors", !name_error.empty() || !code_error.empty());
    return view::Page(request, views, "identity/two_factor_app", "identity.two_factor.app_title",
                      page, name_error.empty() && code_error.empty() ? 200 : 422);
  };

  router.Get("/account/two-factor/app", [this, enroller, app_page](http::Request& request) {
    auto who = enroller(request);
    if (auto* r = std::get_if<http::Response>(&who)) return std::move(*r);
    const Enroller e = std::get<Enroller>(who);
    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    auto account = FindAccountById(sql, e.account_id);
    auto pending = FindUnconfirmedFactor(sql, e.account_id, "totp");
    if (!account || !pending) return http::Response::Redirect("/account/two-factor/setup");
    return app_page(request, *account, *pending, pending->name, "", "");
  });

  router.Post(
      "/account/two-factor/app", [this, enroller, app_page, factor_added](http::Request& request) {
        auto who = enroller(request);
        if (auto* r = std::get_if<http::Response>(&who)) return std::move(*r);
        const Enroller e = std::get<Enroller>(who);
        const FormInput input(request);
        const std::int64_t now = Now();
        auto lease = database.Acquire();
        soci::session& sql = lease.session();
        auto account = FindAccountById(sql, e.account_id);
        auto pending = FindUnconfirmedFactor(sql, e.account_id, "totp");
        if (!account || !pending) return http::Response::Redirect("/account/two-factor/setup");
        const auto name = CleanFactorName(input.Get("name"));
        const std::string typed = input.Get("code");
        std::string name_error, code_error;
        if (!name) name_error = T(request, "identity.two_factor.name_missing");
        std::optional<std::uint64_t> step;
        if (typed.empty()) {
          code_error = T(request, "identity.second_factor.code_missing");
        } else if (auto secret = OpenTotpSecret(settings.totp_key, *pending)) {
          step = security::MatchTotp(*secret, typed, now, std::nullopt);
          if (!step) code_error = T(request, "identity.two_factor.app_code_wrong");
        }
        if (!name_error.empty() || !code_error.empty()) {
          return app_page(request, *account, *pending, input.Get("name"), name_error, code_error);
        }
        auto tx = db::Transaction::ForWriting(sql);
        const bool first = !HasSecondFactor(sql, account->id);
        ConfirmFactor(sql, pending->id, now);
        RenameFactor(sql, account->id, pending->id, *name);
        TakeTotpStep(sql, pending->id, static_cast<std::int64_t>(*step), now);
        auto response = factor_added(sql, request, *account, e, "totp", first);
        tx.Commit();
        return response;
      });

  const auto email_enrol_form = [this](const http::Request& request, const Account& account) {
    view::Form form;
    form.heading = T(request, "identity.two_factor.email_title");
    form.intro = {Tf(request, "identity.second_factor.email_intro",
                     {{"email", MaskEmail(account.email)},
                      {"minutes", std::to_string(settings.email_code_seconds / 60)}})};
    form.action = "/account/two-factor/email";
    form.groups = {
        {.fields = {view::FormField{.name = "code",
                                    .label = T(request, "identity.second_factor.email_code"),
                                    .autocomplete = "one-time-code",
                                    .inputmode = "numeric",
                                    .width = "w6",
                                    .maxlength = 20}}}};
    form.submit = T(request, "identity.two_factor.email_submit");
    form.buttons = {{.action = "/account/two-factor/email/start",
                     .label = T(request, "identity.second_factor.send_email_code")}};
    form.links = {{"/account/two-factor/setup", T(request, "identity.two_factor.other_method")}};
    return form;
  };

  router.Post("/account/two-factor/email/start", [this, enroller](http::Request& request) {
    auto who = enroller(request);
    if (auto* r = std::get_if<http::Response>(&who)) return std::move(*r);
    const Enroller e = std::get<Enroller>(who);
    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    auto tx = db::Transaction::ForWriting(sql);
    auto account = FindAccountById(sql, e.account_id);
    if (!account) return http::Response::Error(403);
    const bool sent = SendEmailCode(sql, *account, std::string(kEnrolPurpose), request);
    tx.Commit();
    return http::Response::Redirect(std::string("/account/two-factor/email?") +
                                    (sent ? "sent=1" : "limited=1"));
  });

  router.Get("/account/two-factor/email",
             [this, enroller, email_enrol_form](http::Request& request) {
               auto who = enroller(request);
               if (auto* r = std::get_if<http::Response>(&who)) return std::move(*r);
               const Enroller e = std::get<Enroller>(who);
               auto lease = database.Acquire();
               soci::session& sql = lease.session();
               auto account = FindAccountById(sql, e.account_id);
               if (!account) return http::Response::Error(403);
               view::Form form = email_enrol_form(request, *account);
               if (request.Query("limited")) {
                 form.notice = T(request, "identity.second_factor.email_limited");
                 form.notice_kind = "warning";
               } else if (request.Query("sent")) {
                 form.notice = T(request, "identity.second_factor.email_sent");
                 form.notice_kind = "success";
               }
               return FormPage(request, form, "identity.two_factor.email_title");
             });

  router.Post("/account/two-factor/email", [this, enroller, email_enrol_form, check_code,
                                            factor_added](http::Request& request) {
    auto who = enroller(request);
    if (auto* r = std::get_if<http::Response>(&who)) return std::move(*r);
    const Enroller e = std::get<Enroller>(who);
    const std::string code = FormInput(request).Get("code");
    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    auto account = FindAccountById(sql, e.account_id);
    if (!account) return http::Response::Error(403);
    view::Form form = email_enrol_form(request, *account);
    auto tx = db::Transaction::ForWriting(sql);
    if (code.empty() ||
        !check_code(sql, *account, "email", code, std::string(kEnrolPurpose), nullptr)) {
      tx.Commit();  // the attempt counter
      form.Field("code")->error = T(request, code.empty() ? "identity.second_factor.code_missing"
                                                          : "identity.second_factor.code_wrong");
      return FormPage(request, form, "identity.two_factor.email_title", 422);
    }
    const bool first = !HasSecondFactor(sql, account->id);
    const auto existing = ListSecondFactors(sql, account->id);
    if (std::none_of(existing.begin(), existing.end(),
                     [](const auto& f) { return f.kind == "email"; })) {
      const std::int64_t id = AddUnconfirmedFactor(
          sql, account->id, "email", T(request, "identity.two_factor.kind.email"), "", Now());
      ConfirmFactor(sql, id, Now());
    }
    auto response = factor_added(sql, request, *account, e, "email", first);
    tx.Commit();
    return response;
  });

  // --- Managing second factors from the security centre (step-up first). ---

  router.Post("/account/two-factor/recovery-codes",
              http::RecentlyAuthenticated(
                  [this](http::Request& request) {
                    auto lease = database.Acquire();
                    soci::session& sql = lease.session();
                    auto tx = db::Transaction::ForWriting(sql);
                    auto account = FindAccountById(sql, request.visitor.account_id);
                    if (!account || !HasSecondFactor(sql, account->id)) {
                      return http::Response::Redirect("/account/security");
                    }
                    const auto codes = IssueRecoveryCodes(sql, account->id, Now());
                    SendMail(sql, *account, "recovery_codes_new",
                             settings.public_url + "/account/security", true);
                    Audit(sql, request, "two_factor.recovery_codes_renewed", audit::Result::kOk,
                          account->id, account->id);
                    tx.Commit();
                    return view::Page(request, views, "identity/recovery_codes",
                                      "identity.recovery_codes.title",
                                      RecoveryCodesPage(codes, false));
                  },
                  "/account/security"));

  // The codes just shown, as a text file: the page posts them back (nothing keeps them on the
  // server), and only the account's own unused codes are echoed.
  router.Post("/account/two-factor/recovery-codes.txt",
              http::SignedIn([this](http::Request& request) {
                const std::string joined = FormInput(request).Get("codes");
                auto lease = database.Acquire();
                soci::session& sql = lease.session();
                const auto stored = UnusedRecoveryCodes(sql, request.visitor.account_id);
                std::string text = T(request, "identity.recovery_codes.file_heading") + "\n" +
                                   fund_name + " — " + web_address + "\n\n";
                std::size_t start = 0;
                int count = 0;
                while (start < joined.size() && count < kRecoveryCodeCount) {
                  auto end = joined.find(' ', start);
                  if (end == std::string::npos) end = joined.size();
                  const std::string typed = joined.substr(start, end - start);
                  start = end + 1;
                  auto canonical = NormaliseRecoveryCode(typed);
                  if (!canonical) continue;
                  const bool ours = std::any_of(stored.begin(), stored.end(), [&](const auto& s) {
                    return RecoveryCodeMatches(s.code_hash, *canonical);
                  });
                  if (!ours) continue;
                  text += typed + "\n";
                  ++count;
                }
                if (count == 0) return http::Response::Redirect("/account/security");
                auto response = http::Response::Text(text);
                response.Set("Content-Type", "text/plain; charset=utf-8");
                response.Set("Content-Disposition", "attachment; filename=\"recovery-codes.txt\"");
                response.Set("Cache-Control", "no-store");
                return response;
              }));

  router.Post(
      "/account/two-factor/remove",
      http::RecentlyAuthenticated(
          [this](http::Request& request) {
            const std::string factor_text = FormInput(request).Get("factor");
            std::int64_t factor_id = 0;
            try {
              factor_id = std::stoll(factor_text);
            } catch (const std::exception&) {
              return http::Response::Redirect("/account/security");
            }
            auto lease = database.Acquire();
            soci::session& sql = lease.session();
            auto tx = db::Transaction::ForWriting(sql);
            auto account = FindAccountById(sql, request.visitor.account_id);
            auto factor = FindSecondFactor(sql, request.visitor.account_id, factor_id);
            if (!account || !factor || !factor->confirmed) {
              return http::Response::Redirect("/account/security");
            }
            const auto all = ListSecondFactors(sql, account->id);
            if (all.size() == 1 && TwoFactorRequired(*account)) {
              return http::Response::Redirect("/account/security?notice=factor_required");
            }
            RemoveFactor(sql, account->id, factor->id);
            if (all.size() == 1) RemoveAllSecondFactors(sql, account->id);
            SendMail(sql, *account, "two_factor_removed", settings.public_url + "/account/security",
                     true, {{"method", factor->name}});
            Audit(sql, request, "two_factor.removed", audit::Result::kOk, account->id, account->id,
                  {{"kind", factor->kind}, {"last", all.size() == 1 ? "yes" : "no"}});
            tx.Commit();
            return http::Response::Redirect("/account/security?notice=factor_removed");
          },
          "/account/security"));

  const auto rename_form = [this](const http::Request& request, const SecondFactor& factor) {
    view::Form form;
    form.heading = T(request, "identity.two_factor.rename_title");
    form.action = "/account/two-factor/rename";
    form.groups = {{.fields = {view::FormField{.name = "name",
                                               .label = T(request, "identity.two_factor.name"),
                                               .hint = T(request, "identity.two_factor.name_hint"),
                                               .value = factor.name,
                                               .maxlength = static_cast<int>(kMaxFactorName)}}}};
    form.hidden = {{"factor", std::to_string(factor.id)}};
    form.submit = T(request, "identity.two_factor.rename_submit");
    form.links = {{"/account/security", T(request, "identity.security.back_link")}};
    return form;
  };
  const auto factor_from = [](const std::string& text) -> std::int64_t {
    try {
      return std::stoll(text);
    } catch (const std::exception&) {
      return 0;
    }
  };

  router.Get("/account/two-factor/rename",
             http::RecentlyAuthenticated([this, rename_form, factor_from](http::Request& request) {
               auto lease = database.Acquire();
               soci::session& sql = lease.session();
               auto factor = FindSecondFactor(sql, request.visitor.account_id,
                                              factor_from(request.Query("factor").value_or("")));
               if (!factor || !factor->confirmed) return http::Response::Error(404);
               return FormPage(request, rename_form(request, *factor),
                               "identity.two_factor.rename_title");
             }));

  router.Post(
      "/account/two-factor/rename",
      http::RecentlyAuthenticated(
          [this, rename_form, factor_from](http::Request& request) {
            const FormInput input(request);
            auto lease = database.Acquire();
            soci::session& sql = lease.session();
            auto account = FindAccountById(sql, request.visitor.account_id);
            auto factor =
                FindSecondFactor(sql, request.visitor.account_id, factor_from(input.Get("factor")));
            if (!account || !factor || !factor->confirmed) return http::Response::Error(404);
            const auto name = CleanFactorName(input.Get("name"));
            if (!name) {
              view::Form form = rename_form(request, *factor);
              form.Field("name")->value = input.Get("name");
              form.Field("name")->error = T(request, "identity.two_factor.name_missing");
              return FormPage(request, form, "identity.two_factor.rename_title", 422);
            }
            auto tx = db::Transaction::ForWriting(sql);
            RenameFactor(sql, account->id, factor->id, *name);
            SendMail(sql, *account, "two_factor_renamed", settings.public_url + "/account/security",
                     true, {{"old", factor->name}, {"new", *name}});
            Audit(sql, request, "two_factor.renamed", audit::Result::kOk, account->id, account->id,
                  {{"kind", factor->kind}});
            tx.Commit();
            return http::Response::Redirect("/account/security?notice=factor_renamed");
          },
          "/account/security"));

  router.Post(
      "/account/remembered-browsers/forget", http::SignedIn([this](http::Request& request) {
        const std::string handle = FormInput(request).Get("browser");
        auto lease = database.Acquire();
        soci::session& sql = lease.session();
        auto tx = db::Transaction::ForWriting(sql);
        auto account = FindAccountById(sql, request.visitor.account_id);
        if (!account) return http::Response::Error(403);
        const int forgotten = ForgetRememberedBrowsers(sql, account->id, handle);
        if (forgotten > 0) {
          SendMail(sql, *account, "browsers_forgotten", settings.public_url + "/account/security",
                   true, {{"count", std::to_string(forgotten)}});
          Audit(sql, request, "two_factor.browsers_forgotten", audit::Result::kOk, account->id,
                account->id, {{"count", std::to_string(forgotten)}});
        }
        tx.Commit();
        auto response = http::Response::Redirect("/account/security?notice=browsers_forgotten");
        if (handle.empty()) response.SetCookie(kRememberCookie, "", SecureCookie(0));
        return response;
      }));

  // --- Step-up: prove it is still the member before a sensitive change (ASVS 3.7.1). ---

  const auto confirm_form = [this](const http::Request& request, bool has_app,
                                   const std::string& next) {
    view::Form form;
    form.heading = T(request, "identity.confirm.title");
    form.intro = {T(request, "identity.confirm.intro")};
    form.action = "/account/confirm";
    view::FormGroup group;
    group.fields.push_back(view::FormField{.name = "password",
                                           .label = T(request, "identity.login.password"),
                                           .type = "password",
                                           .autocomplete = "current-password",
                                           .required = !has_app,
                                           .password_toggle = true});
    if (has_app) {
      group.fields.push_back(view::FormField{.name = "code",
                                             .label = T(request, "identity.confirm.app_code"),
                                             .hint = T(request, "identity.confirm.app_code_hint"),
                                             .autocomplete = "one-time-code",
                                             .inputmode = "numeric",
                                             .width = "w6",
                                             .required = false,
                                             .maxlength = 20});
    }
    form.groups = {group};
    form.hidden = {{"next", next}};
    form.submit = T(request, "identity.confirm.submit");
    form.links = {{"/account/security", T(request, "identity.security.back_link")}};
    return form;
  };
  const auto confirm_next = [](const std::string& next) {
    return http::IsLocalPath(next) && next.rfind("/account/confirm", 0) != 0 ? next
                                                                             : "/account/security";
  };

  router.Get("/account/confirm",
             http::SignedIn([this, confirm_form, confirm_next](http::Request& request) {
               auto lease = database.Acquire();
               soci::session& sql = lease.session();
               const auto factors = ListSecondFactors(sql, request.visitor.account_id);
               const bool has_app = std::any_of(factors.begin(), factors.end(),
                                                [](const auto& f) { return f.kind == "totp"; });
               return FormPage(
                   request,
                   confirm_form(request, has_app, confirm_next(request.Query("next").value_or(""))),
                   "identity.confirm.title");
             }));

  router.Post(
      "/account/confirm",
      http::SignedIn([this, confirm_form, confirm_next, check_code](http::Request& request) {
        const FormInput input(request);
        const std::string next = confirm_next(input.Get("next"));
        const std::string password = input.Get("password");
        const std::string code = input.Get("code");
        const std::int64_t now = Now();
        auto lease = database.Acquire();
        soci::session& sql = lease.session();
        auto account = FindAccountById(sql, request.visitor.account_id);
        if (!account) return http::Response::Error(403);
        const auto factors = ListSecondFactors(sql, account->id);
        const bool has_app = std::any_of(factors.begin(), factors.end(),
                                         [](const auto& f) { return f.kind == "totp"; });
        view::Form form = confirm_form(request, has_app, next);
        if (password.empty() && code.empty()) {
          form.Field("password")->error =
              T(request, has_app ? "identity.confirm.missing" : "identity.login.password_missing");
          return FormPage(request, form, "identity.confirm.title", 422);
        }
        // Its own counter: a stolen session cannot guess the password here without limit.
        const std::string key = "stepup:a:" + std::to_string(account->id);
        if (const GateDecision gate = CheckGate(LoadThrottle(sql, key), now, settings.login);
            gate.gate != Gate::kOpen) {
          form.form_error = Tf(request, "identity.login.delayed",
                               {{"when", RetryPhrase(catalogs, request.lang, now, gate.until)}});
          return FormPage(request, form, "identity.confirm.title", 429);
        }
        bool ok = false;
        std::string method;
        if (!password.empty()) {
          method = "password";
          const auto normalised = NormalizeNfkc(password);
          ok = normalised && normalised->size() <= security::kMaxPasswordBytes &&
               security::VerifyPassword(account->password_hash, *normalised);
        }
        auto tx = db::Transaction::ForWriting(sql);
        if (!ok && has_app && !code.empty()) {
          method = "totp";
          ok = check_code(sql, *account, "totp", code, "", nullptr);
        }
        if (!ok) {
          SaveThrottle(sql, key, RecordFailure(LoadThrottle(sql, key), now, settings.login).state);
          Audit(sql, request, "step_up.failed", audit::Result::kDenied, account->id, account->id,
                {{"method", method}});
          tx.Commit();
          form.form_error = T(request, "identity.confirm.wrong");
          return FormPage(request, form, "identity.confirm.title", 422);
        }
        SaveThrottle(sql, key, RecordSuccess(LoadThrottle(sql, key)));
        SetReauthenticated(sql, request.visitor.session_key, now);
        Audit(sql, request, "step_up.succeeded", audit::Result::kOk, account->id, account->id,
              {{"method", method}});
        tx.Commit();
        return http::Response::Redirect(next);
      }));

  // --- The dashboard's suggestion to turn two-factor on. ---

  router.Post("/account/two-factor/suggestion/dismiss",
              http::SignedIn([this](http::Request& request) {
                auto lease = database.Acquire();
                soci::session& sql = lease.session();
                long long id = request.visitor.account_id, now = Now();
                sql << "UPDATE accounts SET two_factor_nudge_dismissed_at = :t WHERE id = :a",
                    soci::use(now), soci::use(id);
                return http::Response::Redirect("/dashboard");
              }));

  dashboard_cards.push_back([this](const http::Request& request) {
    std::vector<view::DashboardCard> cards;
    if (!request.visitor.signed_in()) return cards;
    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    if (HasSecondFactor(sql, request.visitor.account_id) ||
        HasPasskey(sql, request.visitor.account_id)) {
      return cards;
    }
    long long id = request.visitor.account_id, dismissed = 0;
    soci::indicator ind;
    sql << "SELECT two_factor_nudge_dismissed_at FROM accounts WHERE id = :a", soci::use(id),
        soci::into(dismissed, ind);
    if (ind == soci::i_ok && dismissed > 0) return cards;
    view::DashboardCard card;
    card.order = 5;
    card.title = T(request, "identity.two_factor.nudge_title");
    card.lines = {T(request, "identity.two_factor.nudge_text")};
    card.href = "/account/two-factor/setup";
    card.link_text = T(request, "identity.two_factor.nudge_link");
    card.warning = true;
    card.dismiss_action = "/account/two-factor/suggestion/dismiss";
    card.dismiss_label = T(request, "identity.two_factor.nudge_dismiss");
    cards.push_back(card);
    return cards;
  });
}

}  // namespace lumbung::identity
