// /staff/accounts: administrators manage the fund's staff accounts (ASVS 4.1.3 least privilege,
// 1.4.x access control in one place). They invite staff with the staff roles a task needs,
// change a person's roles and disable or enable an account. Nobody changes their own roles or
// disables themselves: a second administrator must (an administrator cannot grant themselves
// more than they hold, nor lock the last door behind them unnoticed). Every change is audited
// and mailed to the staff member.
//
//   GET  /staff/accounts                 the staff accounts, and the invitation form
//   POST /staff/accounts/invite          name, e-mail, mail language, staff roles
//   GET  /staff/accounts/{id}            one account: its roles form, disable or enable
//   POST /staff/accounts/{id}/roles      roles (repeated field)
//   POST /staff/accounts/{id}/disable    its sessions end at once, on every instance
//   POST /staff/accounts/{id}/enable
#include <soci/soci.h>

#include <algorithm>

#include "core/audit/audit_log.h"
#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/http/url.h"
#include "core/view/page.h"
#include "identity/identifier.h"
#include "identity/identity_impl.h"
#include "identity/staff_roles.h"
#include "registry/nik.h"

namespace lumbung::identity {
namespace {

using view::mustache::data;

constexpr std::size_t kMaxNameChars = 100;
constexpr std::string_view kLanguages[] = {"id", "en"};
constexpr std::string_view kNotices[] = {"invited", "roles_changed", "disabled", "enabled"};

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

// Every value of a repeated field (the roles' checkboxes).
std::vector<std::string> AllOf(const http::Fields& fields, std::string_view name) {
  std::vector<std::string> values;
  for (const auto& [key, value] : fields) {
    if (key == name) values.push_back(value);
  }
  return values;
}

std::string FirstOf(const http::Fields& fields, std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (key == name) return value;
  }
  return "";
}

// The name with spaces tidied; the catalog id of its problem, or empty.
std::string CheckName(const std::string& typed, std::string* name) {
  std::string out;
  bool space = false;
  for (unsigned char c : typed) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (c < 0x20 || c == 0x7f) return "identity.staff_accounts.error.name_characters";
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  *name = out;
  if (out.empty()) return "identity.staff_accounts.error.name_missing";
  std::size_t chars = 0;
  for (unsigned char c : out) chars += (c & 0xC0) != 0x80;
  if (chars > kMaxNameChars) return "identity.staff_accounts.error.name_too_long";
  return "";
}

// The roles ticked, when each is a staff role; nullopt for a name that is not one (a forged
// form), an empty list when none is ticked.
std::optional<std::vector<std::string>> TickedRoles(const http::Fields& fields) {
  std::vector<std::string> roles;
  for (const auto& role : AllOf(fields, "roles")) {
    if (!http::IsStaffRole(role)) return std::nullopt;
    if (std::find(roles.begin(), roles.end(), role) == roles.end()) roles.push_back(role);
  }
  return roles;
}

std::string Joined(const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& r : roles) out += (out.empty() ? "" : ",") + r;
  return out;
}

// "Member services, Finance" in the reader's language.
std::string RoleNames(const i18n::Catalogs& t, const std::string& lang,
                      const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& r : roles) {
    out += (out.empty() ? "" : ", ") + t.Get(lang, "identity.staff_role." + r);
  }
  return out;
}

// The roles' checkboxes, `held` ticked.
data RoleChoices(const i18n::Catalogs& t, const std::string& lang,
                 const std::vector<std::string>& held) {
  data list{data::type::list};
  for (const auto role : http::kStaffRoles) {
    data o{data::type::object};
    const std::string name(role);
    o.set("value", name);
    o.set("label", t.Get(lang, "identity.staff_role." + name));
    o.set("hint", t.Get(lang, "identity.staff_role_hint." + name));
    o.set("checked", std::find(held.begin(), held.end(), name) != held.end());
    list.push_back(o);
  }
  return list;
}

std::string StateText(const Account& a, const i18n::Catalogs& t, const std::string& lang) {
  if (a.state == "pending" && a.password_hash.empty()) {
    return t.Get(lang, "identity.staff_accounts.state.invited");
  }
  return t.Get(lang, "identity.staff_accounts.state." + a.state);
}

std::string StateTag(const Account& a) {
  if (a.state == "disabled" || a.state == "locked") return "error";
  return a.state == "active" ? "success" : "";
}

struct InviteForm {
  std::string name, email, lang, nik;
  std::vector<std::string> roles;
  std::string name_error, email_error, lang_error, roles_error, nik_error;
};

void AddError(data& errors, const std::string& href, const std::string& message) {
  data e{data::type::object};
  e.set("href", href);
  e.set("message", message);
  errors.push_back(e);
}

}  // namespace

void Identity::Impl::AddStaffAccountRoutes(http::Router& router, const Identity& owner) {
  const auto accounts_page = [this](const http::Request& request, const InviteForm& form,
                                    int status) {
    const std::string& lang = request.lang;
    data rows{data::type::list};
    std::size_t count = 0;
    {
      auto lease = database.Acquire();
      soci::session& sql = lease.session();
      for (const Account& a : StaffAccounts(sql)) {
        data row{data::type::object};
        row.set("name", a.display_name);
        row.set("you", a.id == request.visitor.account_id);
        row.set("email", a.email);
        row.set("roles", RoleNames(catalogs, lang, StaffRolesOf(sql, a.id)));
        row.set("state", StateText(a, catalogs, lang));
        row.set("tag", StateTag(a));
        row.set("href", "/staff/accounts/" + std::to_string(a.id));
        rows.push_back(row);
        ++count;
      }
    }
    data page{data::type::object};
    const std::string notice = request.Query("notice").value_or("");
    if (status == 200 &&
        std::find(std::begin(kNotices), std::end(kNotices), notice) != std::end(kNotices)) {
      page.set("notice", T(request, "identity.staff_accounts.notice." + notice));
    }
    page.set("rows", rows);
    page.set("count",
             Tf(request, "identity.staff_accounts.count", {{"count", std::to_string(count)}}));
    data errors{data::type::list};
    if (!form.name_error.empty()) AddError(errors, "#f-name", form.name_error);
    if (!form.email_error.empty()) AddError(errors, "#f-email", form.email_error);
    if (!form.nik_error.empty()) AddError(errors, "#f-nik", form.nik_error);
    if (!form.lang_error.empty()) AddError(errors, "#f-lang", form.lang_error);
    if (!form.roles_error.empty())
      AddError(errors, "#f-roles-" + std::string(http::kStaffRoles[0]), form.roles_error);
    page.set("errors", errors);
    page.set("has_errors", status != 200);
    page.set("name", form.name);
    page.set("name_error", form.name_error);
    page.set("email", form.email);
    page.set("email_error", form.email_error);
    page.set("nik", form.nik);
    page.set("nik_error", form.nik_error);
    page.set("lang_error", form.lang_error);
    page.set("roles_error", form.roles_error);
    data languages{data::type::list};
    for (auto code : kLanguages) {
      data o{data::type::object};
      o.set("value", std::string(code));
      o.set("label", T(request, "lang." + std::string(code)));
      o.set("selected", (form.lang.empty() ? request.lang : form.lang) == code);
      languages.push_back(o);
    }
    page.set("languages", languages);
    page.set("roles", RoleChoices(catalogs, lang, form.roles));
    return view::Page(request, views, "identity/staff_accounts", "identity.staff_accounts.title",
                      page, status);
  };

  router.Get("/staff/accounts",
             http::StaffOnly({"administrator"}, [accounts_page](http::Request& request) {
               return accounts_page(request, InviteForm{}, 200);
             }));

  router.Post(
      "/staff/accounts/invite",
      http::StaffOnly({"administrator"}, [this, &owner, accounts_page](http::Request& request) {
        const auto fields = http::ParseUrlEncoded(request.body);
        if (!fields) return http::Response::Error(400);
        InviteForm form;
        form.name = FirstOf(*fields, "name");
        form.email = FirstOf(*fields, "email");
        form.lang = FirstOf(*fields, "lang");
        form.nik = FirstOf(*fields, "nik");
        std::string name;
        if (const std::string problem = CheckName(form.name, &name); !problem.empty()) {
          form.name_error = T(request, problem);
        }
        std::optional<std::string> email;
        if (form.email.find_first_not_of(" \t") == std::string::npos) {
          form.email_error = T(request, "identity.staff_accounts.error.email_missing");
        } else if (email = NormaliseEmail(form.email); !email) {
          form.email_error = T(request, "identity.staff_accounts.error.email_invalid");
        }
        if (std::find(std::begin(kLanguages), std::end(kLanguages), form.lang) ==
            std::end(kLanguages)) {
          form.lang = request.lang;
          form.lang_error = T(request, "identity.staff_accounts.error.lang");
        }
        // The person's NIK, so that the claims work never gives them their own or a relative's
        // claim (claims/workflow.h CheckSeparation); optional for the other roles.
        std::string nik;
        for (char c : form.nik) {
          if (c != ' ' && c != '.' && c != '-') nik += c;
        }
        if (!nik.empty() && registry::CheckNikStructure(nik) != registry::NikProblem::kNone) {
          form.nik_error = T(request, "identity.staff_accounts.error.nik");
        }
        const auto roles = TickedRoles(*fields);
        if (!roles) return http::Response::Error(400);
        form.roles = *roles;
        if (roles->empty()) form.roles_error = T(request, "identity.staff_accounts.error.roles");
        if (!form.name_error.empty() || !form.email_error.empty() || !form.lang_error.empty() ||
            !form.roles_error.empty() || !form.nik_error.empty()) {
          return accounts_page(request, form, 422);
        }
        std::optional<std::int64_t> id;
        {
          auto lease = database.Acquire();
          soci::session& sql = lease.session();
          auto tx = db::Transaction::ForWriting(sql);
          id = owner.Invite(sql, {.role = std::string(kStaff),
                                  .email = *email,
                                  .display_name = name,
                                  .staff_roles = *roles,
                                  .invited_by = request.visitor.account_id,
                                  .lang = form.lang});
          if (id) {
            if (!nik.empty()) SetStaffNik(sql, *id, nik);
            Audit(sql, request, "staff.invited", audit::Result::kOk, request.visitor.account_id, id,
                  {{"staff_roles", Joined(*roles)}, {"nik_recorded", nik.empty() ? "no" : "yes"}});
          } else {
            // Said plainly: only an administrator past two-factor sign-in can ask, and nothing
            // changes. The refusal is audited without the address.
            Audit(sql, request, "staff.invited", audit::Result::kDenied, request.visitor.account_id,
                  std::nullopt, {{"reason", "email_taken"}});
          }
          tx.Commit();
        }
        if (!id) {
          form.email_error = T(request, "identity.staff_accounts.error.email_taken");
          return accounts_page(request, form, 422);
        }
        return http::Response::Redirect("/staff/accounts?notice=invited");
      }));

  // One staff account's page; `roles_error` when a roles form came back.
  const auto account_page = [this](const http::Request& request, const Account& account,
                                   const std::vector<std::string>& ticked, bool ticked_given,
                                   const std::string& roles_error, int status) {
    const std::string& lang = request.lang;
    std::vector<std::string> held;
    {
      auto lease = database.Acquire();
      held = StaffRolesOf(lease.session(), account.id);
    }
    data page{data::type::object};
    const bool you = account.id == request.visitor.account_id;
    page.set("name", account.display_name);
    page.set("email", account.email);
    page.set("state", StateText(account, catalogs, lang));
    page.set("tag", StateTag(account));
    page.set("held", RoleNames(catalogs, lang, held));
    page.set("you", you);
    page.set("action", "/staff/accounts/" + std::to_string(account.id));
    page.set("roles", RoleChoices(catalogs, lang, ticked_given ? ticked : held));
    page.set("roles_error", roles_error);
    page.set("has_errors", !roles_error.empty());
    page.set("first_role", std::string(http::kStaffRoles[0]));
    page.set("disabled", account.state == "disabled");
    const std::string notice = request.Query("notice").value_or("");
    if (status == 200 &&
        std::find(std::begin(kNotices), std::end(kNotices), notice) != std::end(kNotices)) {
      page.set("notice", T(request, "identity.staff_accounts.notice." + notice));
    }
    return view::Page(request, views, "identity/staff_account", "identity.staff_account.title",
                      page, status);
  };

  // The staff account of the URL, or nullopt (members', employers' and unknown ids alike).
  const auto staff_account = [this](const http::Request& request) -> std::optional<Account> {
    const auto id = AccountIdOf(request);
    if (!id) return std::nullopt;
    auto lease = database.Acquire();
    auto account = FindAccountById(lease.session(), *id);
    if (!account || account->role != kStaff) return std::nullopt;
    return account;
  };

  router.Get(
      "/staff/accounts/{id}",
      http::StaffOnly({"administrator"}, [staff_account, account_page](http::Request& request) {
        const auto account = staff_account(request);
        if (!account) return http::Response::Error(404);
        return account_page(request, *account, {}, false, "", 200);
      }));

  router.Post(
      "/staff/accounts/{id}/roles",
      http::StaffOnly({"administrator"}, [this, staff_account,
                                          account_page](http::Request& request) {
        const auto account = staff_account(request);
        if (!account) return http::Response::Error(404);
        const auto fields = http::ParseUrlEncoded(request.body);
        if (!fields) return http::Response::Error(400);
        const auto roles = TickedRoles(*fields);
        if (!roles) return http::Response::Error(400);
        auto lease = database.Acquire();
        soci::session& sql = lease.session();
        if (account->id == request.visitor.account_id) {
          // Nobody grants themselves a role (nor quietly drops one to hide a trail).
          auto tx = db::Transaction::ForWriting(sql);
          Audit(sql, request, "staff.roles_changed", audit::Result::kDenied,
                request.visitor.account_id, account->id, {{"reason", "own_account"}});
          tx.Commit();
          return account_page(request, *account, *roles, true,
                              T(request, "identity.staff_accounts.error.own_roles"), 403);
        }
        if (roles->empty()) {
          return account_page(request, *account, *roles, true,
                              T(request, "identity.staff_account.error.no_roles"), 422);
        }
        auto tx = db::Transaction::ForWriting(sql);
        const StaffRoleChange change =
            SetStaffRoles(sql, account->id, *roles, request.visitor.account_id, Now());
        if (change.empty()) {
          tx.Commit();
          return http::Response::Redirect("/staff/accounts/" + std::to_string(account->id) +
                                          "?notice=roles_changed");
        }
        // The staff member's next request reads the new roles (another instance within
        // cache.seconds for a GET, core/cache/fresh_cache.h; every POST at once).
        SendMail(sql, *account, "staff_roles_changed", settings.public_url + "/staff", false,
                 {{"roles", RoleNames(catalogs, account->lang, StaffRolesOf(sql, account->id))}});
        Audit(sql, request, "staff.roles_changed", audit::Result::kOk, request.visitor.account_id,
              account->id,
              {{"granted", Joined(change.granted)}, {"revoked", Joined(change.revoked)}});
        tx.Commit();
        return http::Response::Redirect("/staff/accounts/" + std::to_string(account->id) +
                                        "?notice=roles_changed");
      }));

  for (const bool disabled : {true, false}) {
    router.Post(disabled ? "/staff/accounts/{id}/disable" : "/staff/accounts/{id}/enable",
                http::StaffOnly({"administrator"}, [this, &owner, staff_account,
                                                    disabled](http::Request& request) {
                  const auto account = staff_account(request);
                  if (!account) return http::Response::Error(404);
                  if (account->id == request.visitor.account_id) return http::Response::Error(403);
                  const std::string notice = disabled ? "disabled" : "enabled";
                  const std::string back =
                      "/staff/accounts/" + std::to_string(account->id) + "?notice=" + notice;
                  if ((account->state == "disabled") == disabled)
                    return http::Response::Redirect(back);
                  auto lease = database.Acquire();
                  soci::session& sql = lease.session();
                  auto tx = db::Transaction::ForWriting(sql);
                  owner.SetDisabled(sql, *account, disabled, "");
                  Audit(sql, request, disabled ? "staff.disabled" : "staff.enabled",
                        audit::Result::kOk, request.visitor.account_id, account->id);
                  tx.Commit();
                  return http::Response::Redirect(back);
                }));
  }
}

}  // namespace lumbung::identity
