// /login, /logout, /dashboard and /account/stay-signed-in: signing in with throttling that
// cannot be turned against the member (login_throttle.h, device cookies), and out again.
#include <soci/soci.h>

#include <algorithm>

#include "core/audit/event.h"
#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/security/digest.h"
#include "core/security/password_hash.h"
#include "core/security/tokens.h"
#include "core/view/page.h"
#include "identity/identity_impl.h"
#include "identity/password_policy.h"
#include "identity/session_store.h"
#include "identity/sign_in_wait.h"
#include "identity/throttle_store.h"
#include "identity/token_store.h"

namespace lumbung::identity {
namespace {

// Notices the sign-in page shows after another flow sent the member here (an allow-list: the
// query never carries text).
constexpr std::string_view kLoginNotices[] = {
    "verified", "reset", "signed_out", "unlocked", "password_set", "email_changed", "reset_needed"};

// The sign-in field takes what ParseIdentifier accepts: an e-mail address is at most 254 bytes.
constexpr std::size_t kMaxIdentifierBytes = 254;
// No password longer than kMaxPasswordBytes after NFKC can be right; normalisation rarely
// shrinks text, never to a quarter, so anything beyond this is refused unread.
constexpr std::size_t kMaxTypedPasswordBytes = 4 * kMaxPasswordBytes;

std::string ThrottleKey(const std::optional<Account>& account, const Identifier& identifier) {
  if (account) return "login:a:" + std::to_string(account->id);
  // Unknown identifiers get the same counters as accounts, so the answers cannot tell them apart.
  return "login:i:" + security::Sha256Hex(std::to_string(static_cast<int>(identifier.kind)) + ":" +
                                          identifier.value);
}

}  // namespace

void Identity::Impl::AddSignInRoutes(http::Router& router) {
  const auto login_form = [this](const http::Request& request, const std::string& identifier,
                                 const std::string& next) {
    view::Form form;
    form.heading = T(request, "identity.login.title");
    form.action = "/login";
    view::FormGroup group;
    view::FormField id_field;
    id_field.name = "identifier";
    id_field.label = T(request, "identity.login.identifier");
    id_field.hint = T(request, "identity.login.identifier_hint");
    id_field.autocomplete = "username";
    id_field.value = identifier;
    id_field.maxlength = 254;
    view::FormField password;
    password.name = "password";
    password.label = T(request, "identity.login.password");
    password.type = "password";
    password.autocomplete = "current-password";
    password.password_toggle = true;
    group.fields = {id_field, password};
    form.groups = {group};
    if (!next.empty()) form.hidden = {{"next", next}};
    form.submit = T(request, "identity.login.submit");
    form.links = {{"/forgot-password", T(request, "identity.login.forgot_link")},
                  {"/register", T(request, "identity.login.register_link")},
                  {"/verify-email", T(request, "identity.login.resend_link")}};
    return form;
  };

  router.Get("/login", [this, login_form](http::Request& request) {
    if (request.visitor.signed_in()) {
      return http::Response::Redirect(NextTarget(request.Query("next").value_or("")));
    }
    std::string next = request.Query("next").value_or("");
    if (!http::IsLocalPath(next)) next.clear();
    view::Form form = login_form(request, "", next);
    const std::string notice = request.Query("notice").value_or("");
    for (auto known : kLoginNotices) {
      if (notice == known) {
        form.notice = T(request, "identity.login.notice." + notice);
        form.notice_kind = notice == "reset_needed" ? "warning" : "success";
      }
    }
    if (request.Query("reason").value_or("") == "expired") {
      form.notice = T(request, "identity.login.notice.expired");
      form.notice_kind = "warning";
    }
    // Passwordless sign-in: shown by static/js/passkeys.js where WebAuthn works, and only on
    // the configured address (a passkey made for it is refused anywhere else); at another
    // address of the same server (127.0.0.1 for localhost) a link leads there instead.
    const PasskeyPlace passkeys = PasskeysHere(request);
    if (passkeys == PasskeyPlace::kAvailable) {
      form.buttons.push_back(PasskeyButton(request, false, next));
    } else if (passkeys == PasskeyPlace::kOtherAddress) {
      const std::string origin = PasskeyRelyingParty()->origin;
      form.links.push_back(
          {origin + "/login" + (next.empty() ? "" : "?next=" + http::PercentEncode(next)),
           Tf(request, "identity.passkey.sign_in_elsewhere", {{"address", origin}})});
    }
    if (request.Query("passkey_error")) {
      form.form_error = T(request, "identity.passkey.error.sign_in");
    }
    return FormPage(request, form, "identity.login.title");
  });

  router.Post("/login", [this, login_form](http::Request& request) {
    const FormInput input(request);
    const std::string identifier_text = input.Get("identifier");
    const std::string password_text = input.Get("password");
    std::string next = input.Get("next");
    if (!http::IsLocalPath(next)) next.clear();
    view::Form form = login_form(request, identifier_text, next);

    // Length checks come before any account is looked up: the answer is the same whether or
    // not the identifier names one, and a huge input costs no lookup and no hash.
    auto identifier = ParseIdentifier(identifier_text);
    if (identifier_text.size() > kMaxIdentifierBytes) {
      form.Field("identifier")->value.clear();
      form.Field("identifier")->error = Tf(request, "identity.login.identifier_too_long",
                                           {{"max", std::to_string(kMaxIdentifierBytes)}});
    } else if (!identifier) {
      form.Field("identifier")->error = T(request, "identity.login.identifier_missing");
    }
    if (password_text.empty()) {
      form.Field("password")->error = T(request, "identity.login.password_missing");
    } else if (password_text.size() > kMaxTypedPasswordBytes) {
      form.Field("password")->error = T(request, "identity.login.password_too_long");
    }
    if (form.HasErrors()) return FormPage(request, form, "identity.login.title", 422);

    const std::int64_t now = Now();
    const std::string ip_key = "login:ip:" + request.remote_ip;
    auto lease = database.Acquire();
    soci::session& sql = lease.session();

    // Read phase, outside any write transaction: the password check takes tens of milliseconds
    // and must not hold SQLite's write lock.
    std::optional<Account> account = FindAccount(sql, *identifier);
    std::optional<KnownDevice> device;
    if (account) {
      if (auto cookie = DeviceFromCookie(request); cookie && cookie->first == account->id) {
        device = FindKnownDevice(sql, cookie->second, account->id);
      }
    }
    const std::string key = ThrottleKey(account, *identifier);
    const auto refuse = [&](const GateDecision& gate) {
      form.form_error =
          gate.gate == Gate::kLocked
              ? Tf(request, "identity.login.locked", {{"until", When(request, gate.until)}})
              : Tf(request, "identity.login.delayed",
                   {{"when", RetryPhrase(catalogs, request.lang, now, gate.until)}});
      return FormPage(request, form, "identity.login.title", 429);
    };
    if (!device &&
        RateLimitCount(sql, ip_key, 15 * 60, now) >= settings.ip_login_failures_per_15min) {
      form.form_error = T(request, "identity.login.ip_limited");
      return FormPage(request, form, "identity.login.title", 429);
    }
    {
      GateDecision gate =
          CheckGate(device ? device->throttle : LoadThrottle(sql, key), now, settings.login);
      if (!device && account && account->state == "locked" && account->locked_until > now) {
        gate = {Gate::kLocked, std::max(gate.until, account->locked_until)};
      }
      if (gate.gate != Gate::kOpen) {
        auto tx = db::Transaction::ForWriting(sql);
        Audit(sql, request, "login.refused", audit::Result::kDenied, std::nullopt,
              account ? std::optional(account->id) : std::nullopt,
              {{"reason", gate.gate == Gate::kLocked ? "locked" : "delayed"},
               {"device", device ? "known" : "other"}});
        tx.Commit();
        return refuse(gate);
      }
    }

    const auto normalised = NormalizeNfkc(password_text);
    bool password_ok = false;
    if (account && !account->password_hash.empty() && normalised &&
        normalised->size() <= security::kMaxPasswordBytes) {
      password_ok = security::VerifyPassword(account->password_hash, *normalised);
    } else {
      security::SpendDummyVerification(settings.argon2);
    }

    auto tx = db::Transaction::ForWriting(sql);
    if (!password_ok) {
      bool locked_now = false;
      GateDecision after;
      if (device) {
        auto fresh = FindKnownDevice(sql, device->id_hash, device->account_id).value_or(*device);
        auto outcome = RecordFailure(fresh.throttle, now, settings.login);
        fresh.throttle = outcome.state;
        SaveDeviceThrottle(sql, fresh, now);
        locked_now = outcome.locked_now;
        after = CheckGate(outcome.state, now, settings.login);
      } else {
        auto outcome = RecordFailure(LoadThrottle(sql, key), now, settings.login);
        SaveThrottle(sql, key, outcome.state);
        TakeRateLimit(sql, ip_key, settings.ip_login_failures_per_15min, 15 * 60, now);
        locked_now = outcome.locked_now;
        after = CheckGate(outcome.state, now, settings.login);
        // The owner hears of a run of failures once, when it starts to be throttled, and again
        // if it ends in a lock; failures on the member's own devices (their own counters,
        // above) are the member's own typing and send nothing. Nothing here changes the answer,
        // which is the same for an identifier that names no account.
        if (account && outcome.delay_started_now) {
          SendMail(sql, *account, "sign_in_failures", settings.public_url + "/account/security",
                   true,
                   {{"failures", std::to_string(settings.login.delay_after)},
                    {"time", i18n::FormatWibTime(now, account->lang, catalogs)},
                    {"ip", request.remote_ip}});
        }
        if (account && locked_now) {
          SetState(sql, account->id, "locked", after.until);
          const std::string token =
              IssueToken(sql, account->id, kUnlock, "", now, settings.unlock_seconds);
          SendMail(sql, *account, "locked", Link("/unlock", token), true,
                   {{"until", i18n::FormatWibTime(after.until, account->lang, catalogs)},
                    {"failures", std::to_string(settings.login.lock_after)}});
        }
      }
      Audit(sql, request, "login.failed", audit::Result::kDenied, std::nullopt,
            account ? std::optional(account->id) : std::nullopt,
            {{"reason", account ? "wrong_password" : "unknown_identifier"},
             {"device", device ? "known" : "other"},
             {"locked", locked_now ? "yes" : "no"}});
      tx.Commit();
      if (after.gate != Gate::kOpen) return refuse(after);
      form.form_error = T(request, "identity.login.failed");
      return FormPage(request, form, "identity.login.title", 422);
    }

    // The password is right: from here on the answers may depend on the account.
    std::string refusal;
    if (account->state == "disabled") {
      refusal = "disabled";
      form.form_error = T(request, "identity.login.disabled");
    } else if (account->state == "pending") {
      refusal = "unverified";
      form.form_error = T(request, "identity.login.unverified");
      // Earlier links keep working; a new one at most every few minutes (token_store.h).
      if (account->role == "member" && ConfirmationMailDue(sql, account->id, now) &&
          TakeRateLimit(sql, "verify:a:" + std::to_string(account->id), 3, 3600, now)) {
        const std::string token = IssueToken(sql, account->id, kVerifyEmail, "", now,
                                             settings.verify_email_seconds, false);
        SendMail(sql, *account, "verify_email", Link("/verify-email", token), false,
                 {{"hours", std::to_string(settings.verify_email_seconds / 3600)}});
      }
    } else if (account->must_reset) {
      refusal = "must_reset";
      form.form_error = T(request, "identity.login.must_reset");
    }
    if (!refusal.empty()) {
      Audit(sql, request, "login.refused", audit::Result::kDenied, std::nullopt, account->id,
            {{"reason", refusal}});
      tx.Commit();
      return FormPage(request, form, "identity.login.title", 403);
    }

    if (device) {
      RememberDevice(sql, device->id_hash, account->id, now);
    } else {
      SaveThrottle(sql, key, RecordSuccess(LoadThrottle(sql, key)));
      // A lock whose time is over ends at the first good sign-in from anywhere.
      if (account->state == "locked") SetState(sql, account->id, "active");
    }
    if (security::NeedsRehash(account->password_hash, settings.argon2)) {
      SetPasswordHash(sql, account->id, security::HashPassword(*normalised, settings.argon2), now);
    }
    // Next: the second step, a forced set-up, or straight in (two_factor_routes.cc).
    auto response = AfterPassword(sql, request, *account, NextTarget(next));
    tx.Commit();
    return response;
  });

  const auto logout_form = [this](const http::Request& request) {
    view::Form form;
    form.heading = T(request, "identity.logout.title");
    form.intro = {T(request, "identity.logout.intro")};
    form.action = "/logout";
    form.submit = T(request, "identity.logout.submit");
    return form;
  };
  router.Get("/logout", [this, logout_form](http::Request& request) {
    if (request.visitor.session_key.empty()) return http::Response::Redirect("/login");
    return FormPage(request, logout_form(request), "identity.logout.title");
  });
  router.Post("/logout", [this](http::Request& request) {
    auto response = http::Response::Redirect("/login?notice=signed_out");
    response.SetCookie(kSessionCookie, "", SecureCookie(0));
    if (request.visitor.session_key.empty()) return response;
    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    auto tx = db::Transaction::ForWriting(sql);
    EndSession(sql, request.visitor.session_key);
    const std::int64_t who = request.visitor.signed_in() ? request.visitor.account_id
                                                         : request.visitor.pending_account_id;
    Audit(sql, request, "logout", audit::Result::kOk, who, who);
    tx.Commit();
    return response;
  });

  router.Post("/account/stay-signed-in", http::SignedIn([](http::Request& request) {
                // Attend() has already renewed the session.
                std::string next = FormInput(request).Get("next");
                return http::Response::Redirect(http::IsLocalPath(next) ? next : "/dashboard");
              }));

  router.Get("/dashboard", http::SignedIn([this](http::Request& request) {
               // The signed-in home page is opened far more often than its figures change: it
               // is rendered once per visitor, language, unread count and address within
               // cache.seconds (fresh_cache.h), and each response only fills in its own CSRF
               // mask and expiry times (view::StampedPage).
               const std::string key =
                   std::to_string(request.visitor.account_id) + ":" + request.lang + ":" +
                   std::to_string(request.visitor.unread_notifications) + ":" + request.target;
               const auto page = dashboard_pages.Get(key, [&] { return DashboardPage(request); });
               return page->Fill(request);
             }));
}

view::StampedPage Identity::Impl::DashboardPage(const http::Request& request) const {
  view::mustache::data page{view::mustache::data::type::object};
  page.set("name", request.visitor.display_name);
  page.set("role", T(request, "identity.role." + request.visitor.role));
  std::vector<view::DashboardCard> cards;
  for (const auto& source : dashboard_cards) {
    for (auto& card : source(request)) cards.push_back(std::move(card));
  }
  std::stable_sort(cards.begin(), cards.end(),
                   [](const auto& a, const auto& b) { return a.order < b.order; });
  view::mustache::data list{view::mustache::data::type::list};
  for (const auto& card : cards) {
    view::mustache::data c{view::mustache::data::type::object};
    c.set("title", card.title);
    if (!card.figure.empty()) c.set("figure", card.figure);
    view::mustache::data lines{view::mustache::data::type::list};
    for (const auto& line : card.lines) lines.push_back(view::mustache::data(line));
    c.set("lines", lines);
    if (!card.href.empty()) {
      c.set("href", card.href);
      c.set("link_text", card.link_text);
    }
    c.set("warning", card.warning);
    if (!card.dismiss_action.empty()) {
      c.set("dismiss_action", card.dismiss_action);
      c.set("dismiss_label", card.dismiss_label);
    }
    list.push_back(c);
  }
  page.set("cards", list);
  page.set("has_cards", !cards.empty());
  return view::StampPage(request, views, "identity/dashboard", "identity.dashboard.title", page);
}

}  // namespace lumbung::identity
