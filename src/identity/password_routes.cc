// /forgot-password, /reset-password, /invitation and /account/password: choosing a password by
// mailed link (same answer whether or not the account exists) or with the current one.
#include <soci/soci.h>

#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/security/password_hash.h"
#include "identity/identity_impl.h"
#include "identity/session_store.h"
#include "identity/throttle_store.h"
#include "identity/token_store.h"
#include "identity/two_factor_store.h"

namespace lumbung::identity {

void Identity::Impl::AddPasswordRoutes(http::Router& router) {
  const auto forgot_form = [this](const http::Request& request) {
    view::Form form;
    form.heading = T(request, "identity.forgot.title");
    form.intro = {Tf(request, "identity.forgot.intro",
                     {{"minutes", std::to_string(settings.reset_seconds / 60)}})};
    form.action = "/forgot-password";
    view::FormGroup group;
    group.fields = {view::FormField{.name = "identifier",
                                    .label = T(request, "identity.login.identifier"),
                                    .hint = T(request, "identity.login.identifier_hint"),
                                    .autocomplete = "username",
                                    .maxlength = 254}};
    form.groups = {group};
    form.submit = T(request, "identity.forgot.submit");
    form.links = {{"/login", T(request, "identity.forgot.login_link")}};
    return form;
  };

  router.Get("/forgot-password", [this, forgot_form](http::Request& request) {
    if (request.Query("sent").value_or("") == "1") {
      view::Form form;
      form.no_form = true;
      form.heading = T(request, "identity.forgot.sent_title");
      form.intro = {Tf(request, "identity.forgot.sent_intro",
                       {{"minutes", std::to_string(settings.reset_seconds / 60)}}),
                    T(request, "identity.verify.sent_spam")};
      form.links = {{"/forgot-password", T(request, "identity.forgot.again_link")},
                    {"/login", T(request, "identity.forgot.login_link")}};
      return FormPage(request, form, "identity.forgot.sent_title");
    }
    return FormPage(request, forgot_form(request), "identity.forgot.title");
  });

  router.Post("/forgot-password", [this, forgot_form](http::Request& request) {
    const FormInput input(request);
    auto identifier = ParseIdentifier(input.Get("identifier"));
    if (!identifier) {
      view::Form form = forgot_form(request);
      form.Field("identifier")->value = input.Get("identifier");
      form.Field("identifier")->error = T(request, "identity.login.identifier_missing");
      return FormPage(request, form, "identity.forgot.title", 422);
    }
    const std::int64_t now = Now();
    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    // Known or not, the same work: one write transaction, the same redirect.
    auto tx = db::Transaction::ForWriting(sql);
    const bool ip_ok = TakeRateLimit(sql, "forgot:ip:" + request.remote_ip,
                                     settings.forgot_per_ip_hour, 3600, now);
    auto account = FindAccount(sql, *identifier);
    if (ip_ok && account && account->state != "disabled" && !account->password_hash.empty() &&
        TakeRateLimit(sql, "forgot:a:" + std::to_string(account->id),
                      settings.forgot_per_account_hour, 3600, now)) {
      const std::string token =
          IssueToken(sql, account->id, kResetPassword, "", now, settings.reset_seconds);
      SendMail(sql, *account, "reset_password", Link("/reset-password", token), false,
               {{"minutes", std::to_string(settings.reset_seconds / 60)}});
      Audit(sql, request, "password.reset_requested", audit::Result::kOk, std::nullopt,
            account->id);
    }
    tx.Commit();
    return http::Response::Redirect("/forgot-password?sent=1");
  });

  // The new-password form of a mailed link: /reset-password and /invitation differ only in
  // words and in what else completing them does.
  struct LinkFlow {
    std::string path;
    std::string_view purpose;
    std::string prefix;  // catalog prefix
  };
  for (const LinkFlow& flow : {LinkFlow{"/reset-password", kResetPassword, "identity.reset."},
                               LinkFlow{"/invitation", kInvitation, "identity.invitation."}}) {
    const auto new_password_form = [this, flow](const http::Request& request,
                                                const std::string& token) {
      view::Form form;
      form.heading = T(request, flow.prefix + "title");
      form.intro = {T(request, flow.prefix + "intro")};
      form.action = flow.path;
      form.hidden = {{"token", token}};
      view::FormGroup group;
      group.fields = {view::FormField{.name = "password",
                                      .label = T(request, "identity.reset.password"),
                                      .hint = T(request, "identity.register.password_hint"),
                                      .type = "password",
                                      .autocomplete = "new-password",
                                      .password_toggle = true}};
      form.groups = {group};
      form.submit = T(request, flow.prefix + "submit");
      return form;
    };
    const auto invalid_link = [this, flow](const http::Request& request) {
      view::Form form;
      form.no_form = true;
      form.heading = T(request, flow.prefix + "title");
      form.notice = T(request, flow.prefix + "link_invalid");
      form.notice_kind = "warning";
      form.links = {{"/forgot-password", T(request, "identity.reset.new_link")}};
      return FormPage(request, form, flow.prefix + "title", 410);
    };

    router.Get(flow.path, [this, flow, new_password_form, invalid_link](http::Request& request) {
      const std::string token = request.Query("token").value_or("");
      auto lease = database.Acquire();
      if (!PeekToken(lease.session(), token, flow.purpose, Now())) return invalid_link(request);
      return FormPage(request, new_password_form(request, token), flow.prefix + "title");
    });

    router.Post(flow.path, [this, flow, new_password_form, invalid_link](http::Request& request) {
      const FormInput input(request);
      const std::string token = input.Get("token");
      const std::string password = input.Get("password");
      const std::int64_t now = Now();
      auto lease = database.Acquire();
      soci::session& sql = lease.session();
      auto grant = PeekToken(sql, token, flow.purpose, now);
      std::optional<Account> account;
      if (grant) account = FindAccountById(sql, grant->account_id);
      if (!account) return invalid_link(request);
      std::string problem = password.empty()
                                ? T(request, "identity.register.password_missing")
                                : NewPasswordProblem(request, password, ContextFor(sql, *account),
                                                     HasSecondFactor(sql, account->id));
      if (!problem.empty()) {
        view::Form form = new_password_form(request, token);
        form.Field("password")->error = problem;
        return FormPage(request, form, flow.prefix + "title", 422);
      }
      const std::string hash = security::HashPassword(*NormalizeNfkc(password), settings.argon2);
      auto tx = db::Transaction::ForWriting(sql);
      if (!ConsumeToken(sql, token, flow.purpose, now)) return invalid_link(request);
      SetPasswordHash(sql, account->id, hash, now);
      // Every session ends, also this browser's: a reset never skips a sign-in (and a second
      // factor, once there is one).
      EndSessionsExcept(sql, account->id, "");
      RevokeTokens(sql, account->id, "", now);
      SetMustReset(sql, account->id, false);
      SaveThrottle(sql, "login:a:" + std::to_string(account->id), ThrottleState{});
      if (flow.purpose == kInvitation) {
        MarkEmailVerified(sql, account->id, now);
        Audit(sql, request, "invitation.accepted", audit::Result::kOk, account->id, account->id);
      } else {
        if (account->state == "locked") SetState(sql, account->id, "active");
        SendMail(sql, *account, "password_reset", settings.public_url + "/login", true,
                 {{"time", i18n::FormatWibTime(now, account->lang, catalogs)}});
        Audit(sql, request, "password.reset", audit::Result::kOk, account->id, account->id);
      }
      tx.Commit();
      auto response = http::Response::Redirect(
          flow.purpose == kInvitation ? "/login?notice=password_set" : "/login?notice=reset");
      response.SetCookie(kSessionCookie, "", SecureCookie(0));
      return response;
    });
  }

  const auto change_form = [this](const http::Request& request) {
    view::Form form;
    form.heading = T(request, "identity.change_password.title");
    form.intro = {T(request, "identity.change_password.intro")};
    form.action = "/account/password";
    view::FormGroup group;
    group.fields = {view::FormField{.name = "current_password",
                                    .label = T(request, "identity.change_password.current"),
                                    .type = "password",
                                    .autocomplete = "current-password",
                                    .password_toggle = true},
                    view::FormField{.name = "password",
                                    .label = T(request, "identity.change_password.new"),
                                    .hint = T(request, "identity.register.password_hint"),
                                    .type = "password",
                                    .autocomplete = "new-password",
                                    .password_toggle = true}};
    form.groups = {group};
    form.submit = T(request, "identity.change_password.submit");
    form.links = {{"/account/security", T(request, "identity.security.back_link")}};
    return form;
  };

  router.Get("/account/password", http::SignedIn([this, change_form](http::Request& request) {
               return FormPage(request, change_form(request), "identity.change_password.title");
             }));

  router.Post(
      "/account/password", http::SignedIn([this, change_form](http::Request& request) {
        const FormInput input(request);
        const std::string current = input.Get("current_password");
        const std::string password = input.Get("password");
        const std::int64_t now = Now();
        auto lease = database.Acquire();
        soci::session& sql = lease.session();
        auto account = FindAccountById(sql, request.visitor.account_id);
        if (!account) return http::Response::Error(403);
        view::Form form = change_form(request);
        const auto normalised_current = NormalizeNfkc(current);
        if (current.empty()) {
          form.Field("current_password")->error =
              T(request, "identity.change_password.current_missing");
        } else if (!normalised_current ||
                   !security::VerifyPassword(account->password_hash, *normalised_current)) {
          form.Field("current_password")->error =
              T(request, "identity.change_password.current_wrong");
          auto tx = db::Transaction::ForWriting(sql);
          Audit(sql, request, "password.change_failed", audit::Result::kDenied, account->id,
                account->id, {{"reason", "wrong_current_password"}});
          tx.Commit();
        }
        if (password.empty()) {
          form.Field("password")->error = T(request, "identity.register.password_missing");
        } else if (auto problem = NewPasswordProblem(request, password, ContextFor(sql, *account),
                                                     HasSecondFactor(sql, account->id));
                   !problem.empty()) {
          form.Field("password")->error = problem;
        }
        if (form.HasErrors()) return FormPage(request, form, "identity.change_password.title", 422);

        const std::string hash = security::HashPassword(*NormalizeNfkc(password), settings.argon2);
        auto tx = db::Transaction::ForWriting(sql);
        SetPasswordHash(sql, account->id, hash, now);
        EndSessionsExcept(sql, account->id, "");
        RevokeTokens(sql, account->id, kResetPassword, now);
        auto response = http::Response::Redirect("/account/security?notice=password_changed");
        // Other sessions end; this one continues under a new id (a privilege change, ASVS 3.2.1).
        request.visitor.session_key.clear();
        StartSession(sql, request, response, *account);
        SendMail(sql, *account, "password_changed", settings.public_url + "/account/security", true,
                 {{"time", i18n::FormatWibTime(now, account->lang, catalogs)}});
        Audit(sql, request, "password.changed", audit::Result::kOk, account->id, account->id);
        tx.Commit();
        return response;
      }));
}

}  // namespace lumbung::identity
