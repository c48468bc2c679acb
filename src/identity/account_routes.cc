// /account/security, /account/sessions, /account/email, /unlock and /report: what a signed-in
// member can see and change about their account, and the links in security mails.
#include <soci/soci.h>

#include <algorithm>
#include <ctime>

#include "core/audit/audit_log.h"
#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/i18n/wib_time.h"
#include "core/security/password_hash.h"
#include "core/view/mask.h"
#include "core/view/page.h"
#include "identity/activity.h"
#include "identity/device_label.h"
#include "identity/identifier.h"
#include "identity/identity_impl.h"
#include "identity/passkey_store.h"
#include "identity/password_policy.h"
#include "identity/session_store.h"
#include "identity/throttle_store.h"
#include "identity/token_store.h"
#include "identity/two_factor_store.h"

namespace lumbung::identity {
namespace {

constexpr std::string_view kSecurityNotices[] = {
    "password_changed", "email_change_sent", "email_changed",   "factor_added",
    "factor_removed",   "factor_renamed",    "factor_required", "browsers_forgotten",
    "username_changed", "username_removed"};
constexpr int kRecentActivity = 20;

}  // namespace

void Identity::Impl::AddAccountRoutes(http::Router& router) {
  const auto device_text = [this](const http::Request& request, const std::string& user_agent) {
    return DeviceText(catalogs, request.lang, user_agent);
  };

  router.Get(
      "/account/security", http::SignedIn([this, device_text](http::Request& request) {
        auto lease = database.Acquire();
        soci::session& sql = lease.session();
        auto account = FindAccountById(sql, request.visitor.account_id);
        if (!account) return http::Response::Error(403);
        view::mustache::data page{view::mustache::data::type::object};
        page.set("email", account->email);
        page.set("username", account->username);
        page.set("has_username", !account->username.empty());
        page.set("nik", view::MaskNik(account->nik));
        page.set("has_nik", !account->nik.empty());
        const std::string notice = request.Query("notice").value_or("");
        for (auto known : kSecurityNotices) {
          if (notice == known) page.set("notice", T(request, "identity.security.notice." + notice));
        }
        if (notice == "recovery_used") {
          page.set("notice",
                   Tf(request, "identity.security.notice.recovery_used",
                      {{"left", std::to_string(UnusedRecoveryCodes(sql, account->id).size())}}));
        }
        // Second factors, recovery codes and remembered browsers.
        const auto factors = ListSecondFactors(sql, account->id);
        view::mustache::data factor_rows{view::mustache::data::type::list};
        for (const auto& f : factors) {
          view::mustache::data row{view::mustache::data::type::object};
          row.set("id", std::to_string(f.id));
          row.set("name", f.name);
          row.set("kind", T(request, "identity.two_factor.kind." + f.kind));
          row.set("added", When(request, f.created_at));
          row.set("used", f.last_used_at ? When(request, f.last_used_at) : "–");
          row.set("removable", factors.size() > 1 || account->role == "member");
          factor_rows.push_back(row);
        }
        page.set("factors", factor_rows);
        // A passkey is a second factor too.
        page.set("two_factor_on", !factors.empty() || HasPasskey(sql, account->id));
        page.set("has_app", std::any_of(factors.begin(), factors.end(),
                                        [](const auto& f) { return f.kind == "totp"; }));
        page.set("has_email_factor", std::any_of(factors.begin(), factors.end(),
                                                 [](const auto& f) { return f.kind == "email"; }));
        const std::size_t codes_left = UnusedRecoveryCodes(sql, account->id).size();
        page.set("recovery_left", Tf(request, "identity.security.recovery_left",
                                     {{"count", std::to_string(codes_left)}}));
        page.set("recovery_low", !factors.empty() && codes_left <= 3);
        view::mustache::data browsers{view::mustache::data::type::list};
        const auto remembered = ListRememberedBrowsers(sql, account->id, Now());
        for (const auto& b : remembered) {
          view::mustache::data row{view::mustache::data::type::object};
          row.set("handle", b.handle);
          row.set("device", device_text(request, b.user_agent));
          row.set("since", When(request, b.created_at));
          row.set("until", When(request, b.expires_at));
          browsers.push_back(row);
        }
        page.set("has_browsers", !remembered.empty());
        page.set("browsers", browsers);
        page.set("web_address", web_address);
        AddPasskeysToSecurityPage(sql, request, *account, page);
        view::mustache::data events{view::mustache::data::type::list};
        for (const auto& e : audit::RecentForUser(sql, account->id, kRecentActivity)) {
          view::mustache::data row{view::mustache::data::type::object};
          // The text says how it ended ("Failed sign-in attempt"); a refusal is also marked.
          row.set("what", T(request, ActivityTextId(e.action, e.result)));
          row.set("denied", e.result != audit::Result::kOk);
          row.set("when", When(request, EpochOfAuditTime(e.occurred_at)));
          row.set("ip", e.ip.empty() ? "–" : e.ip);
          row.set("device", e.user_agent.empty() ? "–" : device_text(request, e.user_agent));
          events.push_back(row);
        }
        page.set("events", events);
        return view::Page(request, views, "identity/security", "identity.security.title", page);
      }));

  router.Get(
      "/account/sessions", http::SignedIn([this, device_text](http::Request& request) {
        auto lease = database.Acquire();
        soci::session& sql = lease.session();
        view::mustache::data rows{view::mustache::data::type::list};
        int others = 0;
        for (const auto& s :
             ListLiveSessions(sql, request.visitor.account_id, Now(), settings.idle_seconds)) {
          view::mustache::data row{view::mustache::data::type::object};
          const bool current = s.id_hash == request.visitor.session_key;
          row.set("current", current);
          row.set("device", device_text(request, s.user_agent));
          row.set("ip", s.ip);
          row.set("started", When(request, s.created_at));
          row.set("seen", When(request, s.last_seen_at));
          row.set("handle", s.handle);
          if (!current) ++others;
          rows.push_back(row);
        }
        view::mustache::data page{view::mustache::data::type::object};
        page.set("sessions", rows);
        page.set("has_others", others > 0);
        const std::string notice = request.Query("notice").value_or("");
        if (notice == "ended" || notice == "ended_others") {
          page.set("notice", T(request, "identity.sessions.notice." + notice));
        }
        return view::Page(request, views, "identity/sessions", "identity.sessions.title", page);
      }));

  router.Post("/account/sessions/end", http::SignedIn([this](http::Request& request) {
                const std::string handle = FormInput(request).Get("session");
                auto lease = database.Acquire();
                soci::session& sql = lease.session();
                auto tx = db::Transaction::ForWriting(sql);
                const bool ended = EndSessionByHandle(sql, request.visitor.account_id, handle);
                if (ended) {
                  Audit(sql, request, "session.ended", audit::Result::kOk,
                        request.visitor.account_id, request.visitor.account_id);
                }
                tx.Commit();
                return http::Response::Redirect("/account/sessions?notice=ended");
              }));

  router.Post("/account/sessions/end-others", http::SignedIn([this](http::Request& request) {
                auto lease = database.Acquire();
                soci::session& sql = lease.session();
                auto tx = db::Transaction::ForWriting(sql);
                const int ended =
                    EndSessionsExcept(sql, request.visitor.account_id, request.visitor.session_key);
                Audit(sql, request, "session.ended_others", audit::Result::kOk,
                      request.visitor.account_id, request.visitor.account_id,
                      {{"count", std::to_string(ended)}});
                tx.Commit();
                return http::Response::Redirect("/account/sessions?notice=ended_others");
              }));

  const auto email_form = [this](const http::Request& request) {
    view::Form form;
    form.heading = T(request, "identity.change_email.title");
    form.intro = {Tf(request, "identity.change_email.intro",
                     {{"hours", std::to_string(settings.change_email_seconds / 3600)}})};
    form.action = "/account/email";
    view::FormGroup group;
    group.fields = {view::FormField{.name = "email",
                                    .label = T(request, "identity.change_email.new"),
                                    .type = "email",
                                    .autocomplete = "email",
                                    .maxlength = 254},
                    view::FormField{.name = "current_password",
                                    .label = T(request, "identity.change_password.current"),
                                    .type = "password",
                                    .autocomplete = "current-password",
                                    .password_toggle = true}};
    form.groups = {group};
    form.submit = T(request, "identity.change_email.submit");
    form.links = {{"/account/security", T(request, "identity.security.back_link")}};
    return form;
  };

  router.Get("/account/email", http::SignedIn([this, email_form](http::Request& request) {
               return FormPage(request, email_form(request), "identity.change_email.title");
             }));

  router.Post(
      "/account/email", http::SignedIn([this, email_form](http::Request& request) {
        const FormInput input(request);
        view::Form form = email_form(request);
        form.Field("email")->value = input.Get("email");
        auto email = NormaliseEmail(input.Get("email"));
        auto lease = database.Acquire();
        soci::session& sql = lease.session();
        auto account = FindAccountById(sql, request.visitor.account_id);
        if (!account) return http::Response::Error(403);
        if (!email) {
          form.Field("email")->error = T(request, "identity.register.email_invalid");
        } else if (*email == account->email) {
          form.Field("email")->error = T(request, "identity.change_email.same");
        }
        const auto current = NormalizeNfkc(input.Get("current_password"));
        if (!current || current->empty() ||
            !security::VerifyPassword(account->password_hash, *current)) {
          form.Field("current_password")->error =
              T(request, "identity.change_password.current_wrong");
        }
        if (form.HasErrors()) return FormPage(request, form, "identity.change_email.title", 422);
        const std::int64_t now = Now();
        auto tx = db::Transaction::ForWriting(sql);
        if (auto owner = FindAccountByEmail(sql, *email)) {
          // Do not reveal that the address has an account: its owner is told instead.
          SendMail(sql, *owner, "register_email_taken", settings.public_url + "/login", false);
        } else {
          Account to_new = *account;
          to_new.email = *email;
          const std::string token = IssueToken(sql, account->id, kChangeEmail, *email, now,
                                               settings.change_email_seconds);
          SendMail(sql, to_new, "confirm_new_email", Link("/verify-email", token), false,
                   {{"hours", std::to_string(settings.change_email_seconds / 3600)}});
        }
        Audit(sql, request, "email.change_requested", audit::Result::kOk, account->id, account->id);
        tx.Commit();
        return http::Response::Redirect("/account/security?notice=email_change_sent");
      }));

  // The username (a third way to sign in, after the e-mail address and the NIK): set, changed or
  // removed (an empty field) by the same rules as at registration, with the current password.
  const auto username_form = [this](const http::Request& request, const Account& account) {
    view::Form form;
    form.heading = T(request, "identity.change_username.title");
    form.intro = {T(request, "identity.change_username.intro")};
    if (!account.username.empty()) {
      form.intro.push_back(
          Tf(request, "identity.change_username.current", {{"username", account.username}}));
    }
    form.action = "/account/username";
    view::FormGroup group;
    group.fields = {view::FormField{.name = "username",
                                    .label = T(request, "identity.change_username.new"),
                                    .hint = T(request, "identity.change_username.hint"),
                                    .autocomplete = "username",
                                    .width = "w20",
                                    .value = account.username,
                                    .required = false,
                                    .maxlength = 32},
                    view::FormField{.name = "current_password",
                                    .label = T(request, "identity.change_password.current"),
                                    .type = "password",
                                    .autocomplete = "current-password",
                                    .password_toggle = true}};
    form.groups = {group};
    form.submit = T(request, "identity.change_username.submit");
    form.links = {{"/account/security", T(request, "identity.security.back_link")}};
    return form;
  };

  router.Get("/account/username", http::SignedIn([this, username_form](http::Request& request) {
               auto lease = database.Acquire();
               auto account = FindAccountById(lease.session(), request.visitor.account_id);
               if (!account) return http::Response::Error(403);
               return FormPage(request, username_form(request, *account),
                               "identity.change_username.title");
             }));

  router.Post(
      "/account/username", http::SignedIn([this, username_form](http::Request& request) {
        const FormInput input(request);
        auto lease = database.Acquire();
        soci::session& sql = lease.session();
        auto account = FindAccountById(sql, request.visitor.account_id);
        if (!account) return http::Response::Error(403);
        view::Form form = username_form(request, *account);
        const std::string typed = input.Get("username");
        form.Field("username")->value = typed;
        // Registration's rules: NormaliseUsername (which refuses what looks like an e-mail
        // address, a NIK or a KPJ) and its message; empty removes the username.
        const bool remove = typed.find_first_not_of(" \t") == std::string::npos;
        const auto username = remove ? std::optional<std::string>("") : NormaliseUsername(typed);
        if (!username) {
          form.Field("username")->error = T(request, "identity.register.username_invalid");
        } else if (remove && account->username.empty()) {
          form.Field("username")->error = T(request, "identity.change_username.none");
        } else if (*username == account->username) {
          form.Field("username")->error = T(request, "identity.change_username.same");
        }
        const std::string current = input.Get("current_password");
        const auto normalised_current = NormalizeNfkc(current);
        if (current.empty()) {
          form.Field("current_password")->error =
              T(request, "identity.change_password.current_missing");
        } else if (!normalised_current ||
                   !security::VerifyPassword(account->password_hash, *normalised_current)) {
          form.Field("current_password")->error =
              T(request, "identity.change_password.current_wrong");
          auto tx = db::Transaction::ForWriting(sql);
          Audit(sql, request, "username.change_failed", audit::Result::kDenied, account->id,
                account->id, {{"reason", "wrong_current_password"}});
          tx.Commit();
        }
        if (form.HasErrors()) return FormPage(request, form, "identity.change_username.title", 422);

        // Whether the name is taken is told only to someone who knows the password (as at
        // registration only to a member the registry matched), with registration's message.
        const auto taken = [&] {
          form.Field("username")->error = T(request, "identity.register.username_taken");
          return FormPage(request, form, "identity.change_username.title", 422);
        };
        if (!remove && FindAccountByUsername(sql, *username)) return taken();
        const std::int64_t now = Now();
        try {
          auto tx = db::Transaction::ForWriting(sql);
          SetUsername(sql, account->id, *username);
          const std::map<std::string, std::string> values = {
              {"username", *username}, {"time", i18n::FormatWibTime(now, account->lang, catalogs)}};
          SendMail(sql, *account, remove ? "username_removed" : "username_changed",
                   settings.public_url + "/account/security", true, values);
          Audit(sql, request,
                remove                      ? "username.removed"
                : account->username.empty() ? "username.set"
                                            : "username.changed",
                audit::Result::kOk, account->id, account->id);
          tx.Commit();
        } catch (const soci::soci_error&) {
          // PostgreSQL: another account took the name at the same moment (the unique column
          // refused this one).
          if (!remove && FindAccountByUsername(sql, *username)) return taken();
          throw;
        }
        return http::Response::Redirect(remove ? "/account/security?notice=username_removed"
                                               : "/account/security?notice=username_changed");
      }));

  // Links from security mails: GET explains, POST acts (mail scanners open links).
  struct MailAction {
    std::string path;
    std::string_view purpose;
    std::string prefix;
  };
  for (const MailAction& action : {MailAction{"/unlock", kUnlock, "identity.unlock."},
                                   MailAction{"/report", kReport, "identity.report."}}) {
    router.Get(action.path, [this, action](http::Request& request) {
      view::Form form;
      form.heading = T(request, action.prefix + "title");
      if (request.Query("done").value_or("") == "1") {
        form.no_form = true;
        form.notice = T(request, action.prefix + "done");
        form.notice_kind = "success";
        form.links = {{"/forgot-password", T(request, "identity.reset.new_link")}};
        return FormPage(request, form, action.prefix + "title");
      }
      const std::string token = request.Query("token").value_or("");
      auto lease = database.Acquire();
      if (!PeekToken(lease.session(), token, action.purpose, Now())) {
        form.no_form = true;
        form.notice = T(request, action.prefix + "link_invalid");
        form.notice_kind = "warning";
        form.links = {{"/forgot-password", T(request, "identity.reset.new_link")},
                      {"/help", T(request, "identity.report.help_link")}};
        return FormPage(request, form, action.prefix + "title", 410);
      }
      form.intro = {T(request, action.prefix + "intro")};
      form.action = action.path;
      form.hidden = {{"token", token}};
      form.submit = T(request, action.prefix + "submit");
      form.submit_warning = action.purpose == kReport;
      return FormPage(request, form, action.prefix + "title");
    });
  }

  router.Post("/unlock", [this](http::Request& request) {
    const std::string token = FormInput(request).Get("token");
    const std::int64_t now = Now();
    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    auto tx = db::Transaction::ForWriting(sql);
    auto grant = ConsumeToken(sql, token, kUnlock, now);
    if (!grant) {
      tx.Commit();
      return http::Response::Redirect("/unlock?token=" + http::PercentEncode(token));
    }
    auto account = FindAccountById(sql, grant->account_id);
    if (account && account->state == "locked") SetState(sql, account->id, "active");
    SaveThrottle(sql, "login:a:" + std::to_string(grant->account_id), ThrottleState{});
    Audit(sql, request, "account.unlocked", audit::Result::kOk, std::nullopt, grant->account_id,
          {{"by", "mail_link"}});
    tx.Commit();
    return http::Response::Redirect("/login?notice=unlocked");
  });

  router.Post("/report", [this](http::Request& request) {
    const std::string token = FormInput(request).Get("token");
    const std::int64_t now = Now();
    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    auto tx = db::Transaction::ForWriting(sql);
    // Report links stay valid until they expire: the member may need one twice.
    auto grant = PeekToken(sql, token, kReport, now);
    std::optional<Account> account;
    if (grant) account = FindAccountById(sql, grant->account_id);
    if (!account) {
      tx.Commit();
      return http::Response::Redirect("/report?token=" + http::PercentEncode(token));
    }
    const int ended = EndSessionsExcept(sql, account->id, "");
    // Someone else may have had the password and a browser that skips the second step.
    ForgetRememberedBrowsers(sql, account->id, "");
    SetMustReset(sql, account->id, true);
    RevokeTokens(sql, account->id, "", now);
    const std::string reset =
        IssueToken(sql, account->id, kResetPassword, "", now, settings.reset_seconds);
    SendMail(sql, *account, "reported", Link("/reset-password", reset), false,
             {{"minutes", std::to_string(settings.reset_seconds / 60)}});
    // The audit row is the report staff see (details: which mail it came from).
    Audit(sql, request, "account.reported", audit::Result::kOk, std::nullopt, account->id,
          {{"mail", grant->detail}, {"sessions_ended", std::to_string(ended)}});
    tx.Commit();
    auto response = http::Response::Redirect("/report?done=1");
    response.SetCookie(kSessionCookie, "", SecureCookie(0));
    return response;
  });
}

}  // namespace lumbung::identity
