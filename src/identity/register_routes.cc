// /register and /verify-email: a member proves who they are with the registry's NIK, KPJ and
// birth date (one answer for every mismatch), chooses sign-in details, and confirms the e-mail
// address by a single-use link. /verify-email also confirms a changed address.
#include <soci/soci.h>

#include <chrono>

#include "core/db/transaction.h"
#include "core/i18n/fund_time.h"
#include "core/security/password_hash.h"
#include "identity/identity_impl.h"
#include "identity/session_store.h"
#include "identity/throttle_store.h"
#include "identity/token_store.h"

namespace lumbung::identity {
namespace {

bool IsDigits(const std::string& text, std::size_t count) {
  return text.size() == count &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string DigitsOnly(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      out += c;
    } else if (c != ' ' && c != '.' && c != '-') {
      return text;  // not a number with separators: leave it for the check to refuse
    }
  }
  return out;
}

// What an attacker may know and the member typed: checked before the registry is asked, so the
// answer about the password is the same whether or not the details match a member.
PasswordContext TypedContext(const std::string& fund_name, const std::string& nik,
                             const std::string& kpj, const std::optional<std::string>& birth,
                             const std::string& email, const std::string& username) {
  PasswordContext context;
  context.words = {fund_name};
  for (const std::string* word : {&nik, &kpj, &email, &username}) {
    if (!word->empty()) context.words.push_back(*word);
  }
  if (birth) {
    const std::string y = birth->substr(0, 4), m = birth->substr(5, 2), d = birth->substr(8, 2);
    for (std::string form :
         {y + "-" + m + "-" + d, d + m + y, d + "-" + m + "-" + y, d + m + y.substr(2)}) {
      context.words.push_back(std::move(form));
    }
  }
  return context;
}

}  // namespace

void Identity::Impl::AddRegisterRoutes(http::Router& router) {
  const auto register_form = [this](const http::Request& request) {
    view::Form form;
    form.heading = T(request, "identity.register.title");
    form.intro = {T(request, "identity.register.intro")};
    form.action = "/register";
    view::FormGroup who;
    who.legend = T(request, "identity.register.who_legend");
    view::FormField nik{.name = "nik",
                        .label = T(request, "identity.register.nik"),
                        .hint = T(request, "identity.register.nik_hint"),
                        .autocomplete = "off",
                        .inputmode = "numeric",
                        .width = "w16",
                        .maxlength = 24};
    view::FormField kpj{.name = "kpj",
                        .label = T(request, "identity.register.kpj"),
                        .hint = T(request, "identity.register.kpj_hint"),
                        .autocomplete = "off",
                        .inputmode = "numeric",
                        .width = "w11",
                        .maxlength = 16};
    view::FormField birth{.name = "birth_date",
                          .label = T(request, "identity.register.birth_date"),
                          .hint = T(request, "identity.register.birth_date_hint"),
                          .type = "date",
                          .autocomplete = "bday"};
    who.fields = {nik, kpj, birth};
    view::FormGroup sign_in;
    sign_in.legend = T(request, "identity.register.sign_in_legend");
    view::FormField email{.name = "email",
                          .label = T(request, "identity.register.email"),
                          .hint = T(request, "identity.register.email_hint"),
                          .type = "email",
                          .autocomplete = "email",
                          .maxlength = 254};
    view::FormField username{.name = "username",
                             .label = T(request, "identity.register.username"),
                             .hint = T(request, "identity.register.username_hint"),
                             .autocomplete = "username",
                             .width = "w20",
                             .required = false,
                             .maxlength = 32};
    view::FormField password{.name = "password",
                             .label = T(request, "identity.register.password"),
                             .hint = T(request, "identity.register.password_hint"),
                             .type = "password",
                             .autocomplete = "new-password",
                             .password_toggle = true};
    sign_in.fields = {email, username, password};
    form.groups = {who, sign_in};
    form.submit = T(request, "identity.register.submit");
    form.links = {{"/login", T(request, "identity.register.login_link")}};
    return form;
  };

  router.Get("/register", [this, register_form](http::Request& request) {
    if (request.visitor.signed_in()) return http::Response::Redirect("/dashboard");
    return FormPage(request, register_form(request), "identity.register.title");
  });

  router.Post("/register", [this, register_form](http::Request& request) {
    const FormInput input(request);
    view::Form form = register_form(request);
    for (const char* name : {"nik", "kpj", "email", "username"}) {
      form.Field(name)->value = input.Get(name);
    }
    // Every field is checked at once, so the member sees every problem together.
    const std::string nik = DigitsOnly(input.Get("nik"));
    const std::string kpj = DigitsOnly(input.Get("kpj"));
    // The three fields of the form; a client posting the single field `birth_date` ("1990-08-17"
    // or "17-08-1990", the route's contract) is read the same way, and has no fields to keep.
    view::DateParts typed_birth{input.Get("birth_date_day"), input.Get("birth_date_month"),
                                input.Get("birth_date_year")};
    const bool single_field =
        typed_birth.day.empty() && typed_birth.month.empty() && typed_birth.year.empty();
    if (single_field) typed_birth.day = input.Get("birth_date");
    const auto birth_day = view::ReadDateField(
        *form.Field("birth_date"), typed_birth,
        std::chrono::year_month_day(std::chrono::year(1900), std::chrono::January,
                                    std::chrono::day(1)),
        i18n::FundToday(), "identity.register.birth_date_problem.", catalogs, request.lang);
    if (single_field) form.Field("birth_date")->date = {};
    const std::optional<std::string> birth_date =
        birth_day ? std::optional(view::IsoDate(*birth_day)) : std::nullopt;
    const auto email = NormaliseEmail(input.Get("email"));
    const std::string username_text = input.Get("username");
    const auto username = NormaliseUsername(username_text);
    const std::string password = input.Get("password");
    if (!IsDigits(nik, 16)) form.Field("nik")->error = T(request, "identity.register.nik_invalid");
    if (!IsDigits(kpj, 11)) form.Field("kpj")->error = T(request, "identity.register.kpj_invalid");
    if (!email) form.Field("email")->error = T(request, "identity.register.email_invalid");
    if (!username_text.empty() && !username) {
      form.Field("username")->error = T(request, "identity.register.username_invalid");
    }
    if (password.empty()) {
      form.Field("password")->error = T(request, "identity.register.password_missing");
    } else if (auto problem =
                   NewPasswordProblem(request, password,
                                      TypedContext(fund_name, nik, kpj, birth_date,
                                                   email.value_or(""), username.value_or("")));
               !problem.empty()) {
      form.Field("password")->error = problem;
    }
    if (form.HasErrors()) return FormPage(request, form, "identity.register.title", 422);

    const std::int64_t now = Now();
    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    {
      auto tx = db::Transaction::ForWriting(sql);
      const bool allowed = TakeRateLimit(sql, "register:ip:" + request.remote_ip,
                                         settings.register_attempts_per_ip_hour, 3600, now);
      tx.Commit();
      if (!allowed) {
        form.form_error = T(request, "identity.register.rate_limited");
        return FormPage(request, form, "identity.register.title", 429);
      }
    }
    auto member = FindRegistryMember(sql, nik, kpj, *birth_date);
    std::optional<Account> existing;
    if (member) existing = FindAccountByMember(sql, member->id);
    if (!member || existing) {
      // One answer for every mismatch, at the cost of a match (which hashes a password).
      security::SpendDummyVerification(settings.argon2);
      auto tx = db::Transaction::ForWriting(sql);
      if (existing &&
          TakeRateLimit(sql, "register_existing:a:" + std::to_string(existing->id), 1, 3600, now)) {
        // The member may have forgotten they have an account: tell them, by mail only (once an
        // hour, so nobody can fill their mailbox this way).
        SendMail(sql, *existing, "register_existing", settings.public_url + "/forgot-password",
                 false);
      }
      Audit(sql, request, "account.register_failed", audit::Result::kDenied, std::nullopt,
            existing ? std::optional(existing->id) : std::nullopt,
            {{"reason", existing ? "has_account" : "no_match"}});
      tx.Commit();
      form.form_error = T(request, "identity.register.no_match");
      form.Field("password")->error.clear();
      return FormPage(request, form, "identity.register.title", 422);
    }

    Account account;
    account.role = "member";
    account.state = "pending";
    account.member_id = member->id;
    account.nik = member->nik;
    account.email = *email;
    account.username = username.value_or("");
    account.display_name = member->full_name;
    account.lang = request.lang;
    account.created_at = now;
    // Now also the registry's name: known only to a member who proved who they are (the same
    // member the account would be made for), so telling it reveals nothing new.
    if (auto problem = NewPasswordProblem(request, password, ContextFor(sql, account));
        !problem.empty()) {
      form.Field("password")->error = problem;
    }
    if (username && FindAccountByUsername(sql, *username)) {
      form.Field("username")->error = T(request, "identity.register.username_taken");
    }
    if (form.HasErrors()) return FormPage(request, form, "identity.register.title", 422);
    account.password_hash = security::HashPassword(*NormalizeNfkc(password), settings.argon2);

    auto tx = db::Transaction::ForWriting(sql);
    if (auto owner = FindAccountByEmail(sql, account.email)) {
      // Saying "that address is taken" would tell anyone whose address has an account here.
      SendMail(sql, *owner, "register_email_taken", settings.public_url + "/login", false);
      Audit(sql, request, "account.register_failed", audit::Result::kDenied, std::nullopt,
            owner->id, {{"reason", "email_taken"}});
    } else {
      account.id = InsertAccount(sql, account);
      const std::string token =
          IssueToken(sql, account.id, kVerifyEmail, "", now, settings.verify_email_seconds, false);
      SendMail(sql, account, "verify_email", Link("/verify-email", token), false,
               {{"hours", std::to_string(settings.verify_email_seconds / 3600)}});
      Audit(sql, request, "account.registered", audit::Result::kOk, account.id, account.id);
    }
    tx.Commit();
    return http::Response::Redirect("/verify-email?sent=1");
  });

  // GET shows; only POST changes anything (a mail scanner that opens links confirms nothing).
  router.Get("/verify-email", [this](http::Request& request) {
    const std::string token = request.Query("token").value_or("");
    view::Form form;
    form.heading = T(request, "identity.verify.title");
    if (!token.empty()) {
      auto lease = database.Acquire();
      soci::session& sql = lease.session();
      const std::int64_t now = Now();
      auto grant = PeekToken(sql, token, kVerifyEmail, now);
      bool change = false;
      if (!grant) {
        grant = PeekToken(sql, token, kChangeEmail, now);
        change = grant.has_value();
      }
      if (grant) {
        form.intro = {
            change ? Tf(request, "identity.verify.confirm_change", {{"email", grant->detail}})
                   : T(request, "identity.verify.confirm_intro")};
        form.action = "/verify-email";
        form.hidden = {{"token", token}};
        form.submit = T(request, "identity.verify.confirm_submit");
        return FormPage(request, form, "identity.verify.title");
      }
      // A link of an address confirmed already (by this link or another one mailed for it):
      // nothing went wrong, the member can sign in.
      if (const auto owner = TokenOwner(sql, token, kVerifyEmail)) {
        const auto account = FindAccountById(sql, *owner);
        if (account && account->email_verified_at > 0) {
          form.no_form = true;
          form.notice = T(request, "identity.verify.already_confirmed");
          form.notice_kind = "success";
          form.links = {{"/login", T(request, "identity.verify.login_link")}};
          return FormPage(request, form, "identity.verify.title");
        }
      }
      form.notice = T(request, "identity.verify.link_invalid");
      form.notice_kind = "warning";
    } else if (request.Query("sent").value_or("") == "1") {
      form.heading = T(request, "identity.verify.sent_title");
      form.intro = {Tf(request, "identity.verify.sent_intro",
                       {{"hours", std::to_string(settings.verify_email_seconds / 3600)}}),
                    T(request, "identity.verify.sent_spam")};
    }
    form.intro.push_back(Tf(request, "identity.verify.resend_intro",
                            {{"minutes", std::to_string(kConfirmationMailSpacingSeconds / 60)}}));
    form.action = "/verify-email";
    view::FormGroup group;
    group.fields = {view::FormField{.name = "email",
                                    .label = T(request, "identity.register.email"),
                                    .type = "email",
                                    .autocomplete = "email",
                                    .maxlength = 254}};
    form.groups = {group};
    form.submit = T(request, "identity.verify.resend_submit");
    return FormPage(request, form,
                    request.Query("sent") ? "identity.verify.sent_title" : "identity.verify.title");
  });

  router.Post("/verify-email", [this](http::Request& request) {
    const FormInput input(request);
    const std::int64_t now = Now();
    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    const std::string token = input.Get("token");
    if (!token.empty()) {
      auto tx = db::Transaction::ForWriting(sql);
      if (auto grant = ConsumeToken(sql, token, kVerifyEmail, now)) {
        MarkEmailVerified(sql, grant->account_id, now);
        // The address is confirmed: the other links mailed for it have nothing left to do.
        RevokeTokens(sql, grant->account_id, kVerifyEmail, now);
        Audit(sql, request, "email.verified", audit::Result::kOk, grant->account_id,
              grant->account_id);
        tx.Commit();
        return http::Response::Redirect("/login?notice=verified");
      }
      if (auto grant = ConsumeToken(sql, token, kChangeEmail, now)) {
        auto account = FindAccountById(sql, grant->account_id);
        if (account && !FindAccountByEmail(sql, grant->detail)) {
          const Account old = *account;
          SetEmail(sql, account->id, grant->detail, now);
          RevokeTokens(sql, account->id, kResetPassword, now);
          // The old address hears of it, with the way back if it was not the member.
          SendMail(sql, old, "email_changed", "", true, {{"email", grant->detail}});
          Audit(sql, request, "email.changed", audit::Result::kOk, account->id, account->id);
          tx.Commit();
          return http::Response::Redirect(request.visitor.signed_in()
                                              ? "/account/security?notice=email_changed"
                                              : "/login?notice=email_changed");
        }
      }
      tx.Commit();
      return http::Response::Redirect("/verify-email?token=" + http::PercentEncode(token));
    }
    // A new link: the same answer whether or not the address has an account waiting.
    auto email = NormaliseEmail(input.Get("email"));
    if (!email) {
      view::Form form;
      form.heading = T(request, "identity.verify.title");
      form.action = "/verify-email";
      view::FormGroup group;
      group.fields = {view::FormField{.name = "email",
                                      .label = T(request, "identity.register.email"),
                                      .type = "email",
                                      .autocomplete = "email",
                                      .value = input.Get("email"),
                                      .error = T(request, "identity.register.email_invalid"),
                                      .maxlength = 254}};
      form.groups = {group};
      form.submit = T(request, "identity.verify.resend_submit");
      return FormPage(request, form, "identity.verify.title", 422);
    }
    auto tx = db::Transaction::ForWriting(sql);
    const bool ip_ok = TakeRateLimit(sql, "verify:ip:" + request.remote_ip,
                                     settings.forgot_per_ip_hour, 3600, now);
    auto account = FindAccountByEmail(sql, *email);
    if (ip_ok && account && account->state == "pending" && account->role == "member" &&
        ConfirmationMailDue(sql, account->id, now) &&
        TakeRateLimit(sql, "verify:a:" + std::to_string(account->id), 3, 3600, now)) {
      const std::string token =
          IssueToken(sql, account->id, kVerifyEmail, "", now, settings.verify_email_seconds, false);
      SendMail(sql, *account, "verify_email", Link("/verify-email", token), false,
               {{"hours", std::to_string(settings.verify_email_seconds / 3600)}});
      Audit(sql, request, "email.verification_sent", audit::Result::kOk, std::nullopt, account->id);
    }
    tx.Commit();
    return http::Response::Redirect("/verify-email?sent=1");
  });
}

}  // namespace lumbung::identity
