#include "employers/user_routes.h"

#include <soci/soci.h>

#include <algorithm>

#include "core/audit/audit_log.h"
#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/http/url.h"
#include "core/view/form.h"
#include "core/view/page.h"
#include "employers/report_store.h"
#include "employers/routes.h"
#include "identity/account_store.h"
#include "identity/identifier.h"

namespace lumbung::employers {
namespace {

using view::mustache::data;

constexpr std::size_t kMaxNameChars = 100;
constexpr std::string_view kLanguages[] = {"id", "en"};
constexpr std::string_view kNotices[] = {"invited", "disabled", "enabled"};

// The administrator's own routes: signed in as employer_admin with an employer; employer staff,
// members and fund staff get 403 (anonymous GETs go to sign in).
http::Handler ForAdministrator(http::Handler handler) {
  return http::OnlyRoles({kEmployerAdmin}, [handler = std::move(handler)](http::Request& request) {
    if (request.visitor.employer_id <= 0) return http::Response::Error(403);
    return handler(request);
  });
}

// The account id of the URL: 1 to 18 digits, not 0; nullopt otherwise (not found).
std::optional<std::int64_t> AccountIdOf(const http::Request& request) {
  const auto it = request.params.find("id");
  if (it == request.params.end()) return std::nullopt;
  const std::string& text = it->second;
  if (text.empty() || text.size() > 18 || text[0] == '0') return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::stoll(text);
}

// The name as typed with spaces tidied; the catalog id of its problem, or empty.
std::string CheckName(const std::string& typed, std::string* name) {
  std::string out;
  bool space = false;
  for (unsigned char c : typed) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (c < 0x20 || c == 0x7f) return "employers.users.error.name_characters";
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  *name = out;
  if (out.empty()) return "employers.users.error.name_missing";
  std::size_t chars = 0;
  for (unsigned char c : out) chars += (c & 0xC0) != 0x80;
  if (chars > kMaxNameChars) return "employers.users.error.name_too_long";
  return "";
}

struct InviteForm {
  view::FormField name, email;
  std::string lang;
  std::string lang_error;
};

InviteForm EmptyInviteForm(const http::Request& request, const i18n::Catalogs& t) {
  InviteForm f;
  f.name = {.name = "name",
            .label = t.Get(request.lang, "employers.users.invite.name"),
            .hint = t.Get(request.lang, "employers.users.invite.name_hint"),
            .autocomplete = "off",
            .maxlength = static_cast<int>(kMaxNameChars) * 2};
  f.email = {.name = "email",
             .label = t.Get(request.lang, "employers.users.invite.email"),
             .hint = t.Get(request.lang, "employers.users.invite.email_hint"),
             .type = "email",
             .autocomplete = "off",
             .maxlength = 254};
  f.lang = request.lang;
  return f;
}

std::string StateText(const identity::Account& a, const i18n::Catalogs& t,
                      const std::string& lang) {
  // An invitation not accepted yet reads as such, not as "pending".
  if (a.state == "pending" && a.password_hash.empty()) {
    return t.Get(lang, "employers.users.state.invited");
  }
  return t.Get(lang, "employers.users.state." + a.state);
}

http::Response UsersPage(const http::Request& request, db::Database& database,
                         const view::Views& views, const InviteForm& form, int status = 200) {
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  std::vector<identity::Account> accounts;
  {
    auto lease = database.Acquire();
    accounts = identity::AccountsOfEmployer(lease.session(), request.visitor.employer_id);
  }
  data page{data::type::object};
  const std::string notice = request.Query("notice").value_or("");
  if (status == 200 &&
      std::find(std::begin(kNotices), std::end(kNotices), notice) != std::end(kNotices)) {
    page.set("notice", t.Get(lang, "employers.users.notice." + notice));
  }
  data rows{data::type::list};
  for (const identity::Account& a : accounts) {
    data row{data::type::object};
    const bool you = a.id == request.visitor.account_id;
    row.set("name", a.display_name);
    row.set("you", you);
    row.set("email", a.email);
    row.set("role", t.Get(lang, "identity.role." + a.role));
    row.set("state", StateText(a, t, lang));
    row.set("tag", a.state == "disabled" ? std::string("error")
                   : a.state == "active" ? std::string("success")
                                         : std::string(""));
    // Only staff of this employer, never oneself nor an administrator.
    if (!you && a.role == identity::kEmployerStaff) {
      const bool disabled = a.state == "disabled";
      data action{data::type::object};
      action.set("href",
                 "/employer/users/" + std::to_string(a.id) + (disabled ? "/enable" : "/disable"));
      action.set("label",
                 t.Get(lang, disabled ? "employers.users.enable" : "employers.users.disable"));
      action.set("warning", !disabled);
      row.set("action", action);
    }
    rows.push_back(row);
  }
  page.set("rows", rows);
  page.set("count",
           t.Format(lang, "employers.users.count", {{"count", std::to_string(accounts.size())}}));

  data errors{data::type::list};
  bool any_error = false;
  const auto field = [&](const view::FormField& f) {
    auto [rendered, href] = view::RenderField(f, t, lang);
    if (!f.error.empty()) {
      data e{data::type::object};
      e.set("href", href);
      e.set("message", f.error);
      errors.push_back(e);
      any_error = true;
    }
    return rendered;
  };
  data fields{data::type::list};
  fields.push_back(field(form.name));
  fields.push_back(field(form.email));
  page.set("fields", fields);
  data languages{data::type::list};
  for (auto code : kLanguages) {
    data o{data::type::object};
    o.set("value", std::string(code));
    o.set("label", t.Get(lang, "lang." + std::string(code)));
    o.set("selected", form.lang == code);
    languages.push_back(o);
  }
  page.set("languages", languages);
  if (!form.lang_error.empty()) {
    page.set("lang_error", form.lang_error);
    data e{data::type::object};
    e.set("href", "#f-lang");
    e.set("message", form.lang_error);
    errors.push_back(e);
    any_error = true;
  }
  page.set("errors", errors);
  page.set("has_errors", any_error);
  return view::Page(request, views, "employers/users", "employers.users.title", page, status);
}

// The administrator acted on `subject` (an account of their employer).
audit::Event AuditBy(const http::Request& request, std::optional<std::int64_t> subject) {
  return audit::Event{.actor_user_id = request.visitor.account_id,
                      .subject_user_id = subject,
                      .ip = request.remote_ip,
                      .user_agent = std::string(request.Header("user-agent")),
                      .details = {{"employer", std::to_string(request.visitor.employer_id)}}};
}

http::Response InvitePost(http::Request& request, db::Database& database, const view::Views& views,
                          const identity::Identity& accounts) {
  const auto& t = views.catalogs();
  const std::string& lang = request.lang;
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  const auto get = [&](std::string_view name) {
    for (const auto& [key, value] : *fields) {
      if (key == name) return value;
    }
    return std::string();
  };
  InviteForm form = EmptyInviteForm(request, t);
  form.name.value = get("name");
  form.email.value = get("email");
  std::string name;
  if (const std::string problem = CheckName(form.name.value, &name); !problem.empty()) {
    form.name.error = t.Get(lang, problem);
  }
  std::optional<std::string> email;
  if (form.email.value.find_first_not_of(" \t") == std::string::npos) {
    form.email.error = t.Get(lang, "employers.users.error.email_missing");
  } else if (email = identity::NormaliseEmail(form.email.value); !email) {
    form.email.error = t.Get(lang, "employers.users.error.email_invalid");
  }
  form.lang = get("lang");
  if (std::find(std::begin(kLanguages), std::end(kLanguages), form.lang) == std::end(kLanguages)) {
    form.lang = request.lang;
    form.lang_error = t.Get(lang, "employers.users.error.lang");
  }
  if (!form.name.error.empty() || !form.email.error.empty() || !form.lang_error.empty()) {
    return UsersPage(request, database, views, form, 422);
  }

  std::optional<std::int64_t> id;
  {
    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    auto tx = db::Transaction::ForWriting(sql);
    id = accounts.Invite(sql, {.role = std::string(identity::kEmployerStaff),
                               .email = *email,
                               .display_name = name,
                               .employer_id = request.visitor.employer_id,
                               .lang = form.lang});
    audit::Event event = AuditBy(request, id);
    event.action = "employer.user_invited";
    if (id) {
      event.details["role"] = std::string(identity::kEmployerStaff);
    } else {
      // The address has an account (anyone's: a member, another employer's, the fund's
      // staff's). Said plainly, as `lumbung user add` says it: only an administrator past
      // two-factor sign-in can ask, nothing changes, and each refusal is audited (without the
      // address).
      event.result = audit::Result::kDenied;
      event.details["reason"] = "email_taken";
    }
    audit::Append(sql, event);
    tx.Commit();
  }
  if (!id) {
    form.email.error = t.Get(lang, "employers.users.error.email_taken");
    return UsersPage(request, database, views, form, 422);
  }
  return http::Response::Redirect("/employer/users?notice=invited");
}

http::Response SetDisabledPost(http::Request& request, db::Database& database,
                               const identity::Identity& accounts, bool disabled) {
  const auto id = AccountIdOf(request);
  if (!id) return http::Response::Error(404);
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  auto tx = db::Transaction::ForWriting(sql);
  const auto account = identity::FindAccountById(sql, *id);
  // Another employer's account, a member's, the fund's staff's: as if there were none.
  if (!account || account->employer_id != request.visitor.employer_id) {
    return http::Response::Error(404);
  }
  // Never oneself, never an administrator (the fund manages those).
  if (account->id == request.visitor.account_id || account->role != identity::kEmployerStaff) {
    return http::Response::Error(403);
  }
  const std::string notice = disabled ? "disabled" : "enabled";
  if ((account->state == "disabled") == disabled) {
    return http::Response::Redirect("/employer/users?notice=" + notice);  // nothing to do
  }
  const auto employer = FindEmployer(sql, request.visitor.employer_id);
  accounts.SetDisabled(sql, *account, disabled, employer ? employer->name : "");
  audit::Event event = AuditBy(request, account->id);
  event.action = disabled ? "employer.user_disabled" : "employer.user_enabled";
  audit::Append(sql, event);
  tx.Commit();
  return http::Response::Redirect("/employer/users?notice=" + notice);
}

}  // namespace

void AddUserRoutes(http::Router& router, db::Database& database, const view::Views& views,
                   const identity::Identity& accounts) {
  router.Get("/employer/users", ForAdministrator([&database, &views](http::Request& request) {
               return UsersPage(request, database, views,
                                EmptyInviteForm(request, views.catalogs()));
             }));
  router.Post("/employer/users/invite",
              ForAdministrator([&database, &views, &accounts](http::Request& request) {
                return InvitePost(request, database, views, accounts);
              }));
  router.Post("/employer/users/{id}/disable",
              ForAdministrator([&database, &accounts](http::Request& request) {
                return SetDisabledPost(request, database, accounts, true);
              }));
  router.Post("/employer/users/{id}/enable",
              ForAdministrator([&database, &accounts](http::Request& request) {
                return SetDisabledPost(request, database, accounts, false);
              }));
}

}  // namespace lumbung::employers
