// /staff/members: the fund staff's member look-up and member record (staff role
// member_services only; administrators and every other staff role get 403 unless they also hold
// it). Looking people up shows masked data only and is audited (staff.member_searched: the kind
// of query and how many were found, never what was typed). A record opens only after staff give
// a reason (staff.member_viewed, which the member sees in their recent activity); the reason
// grants this staff session the record for kRecordGrantSeconds, kept on the server
// (member_directory.h), during which looking again is not audited again but every action is.
// Actions change the member's account the way the command line does (`lumbung user unlock |
// disable | enable | reset-2fa`), each audited with the staff member as actor and the member as
// subject, and mailed to the member.
#include <soci/soci.h>

#include <algorithm>
#include <functional>

#include "core/audit/audit_log.h"
#include "core/audit/audit_query.h"
#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/i18n/day_text.h"
#include "core/i18n/wib_time.h"
#include "core/view/mask.h"
#include "core/view/page.h"
#include "identity/activity.h"
#include "identity/device_label.h"
#include "identity/identity_impl.h"
#include "identity/member_directory.h"
#include "identity/member_lookup.h"
#include "identity/passkey_store.h"
#include "identity/session_store.h"
#include "identity/throttle_store.h"
#include "identity/token_store.h"
#include "identity/two_factor_store.h"
#include "membership/summary.h"

namespace lumbung::identity {
namespace {

using view::mustache::data;

constexpr int kResultsShown = 50;
constexpr int kRecentEvents = 20;
constexpr std::string_view kNotices[] = {"unlocked", "verification_sent", "sessions_ended",
                                         "disabled", "enabled",           "two_factor_reset"};

http::Handler ForMemberServices(http::Handler handler) {
  return http::StaffOnly({"member_services"}, std::move(handler));
}

// The member id of the URL: 1 to 18 digits, not starting with 0; nullopt otherwise (404).
std::optional<std::int64_t> MemberIdOf(const http::Request& request) {
  const auto it = request.params.find("id");
  if (it == request.params.end()) return std::nullopt;
  const std::string& text = it->second;
  if (text.empty() || text.size() > 18 || text[0] == '0') return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::stoll(text);
}

std::string RecordPath(std::int64_t member_id) {
  return "/staff/members/" + std::to_string(member_id);
}

data ErrorItem(const std::string& href, const std::string& message) {
  data e{data::type::object};
  e.set("href", href);
  e.set("message", message);
  return e;
}

// What the reset form was given, and its problems, when it is shown again.
struct ResetForm {
  std::string method, note;
  std::string method_error, note_error;
};

}  // namespace

void Identity::Impl::AddStaffMemberRoutes(http::Router& router, const Identity& identity) {
  const auto t = [this](const http::Request& request, std::string_view id) -> const std::string& {
    return T(request, id);
  };

  // The look-up page; `searched` with the matches when a search was made.
  const auto search_page = [this, t](const http::Request& request, const std::string& typed,
                                     const std::string& error, const MemberMatches* found,
                                     int status) {
    data page{data::type::object};
    page.set("q", typed);
    data errors{data::type::list};
    if (!error.empty()) {
      page.set("error", error);
      errors.push_back(ErrorItem("#f-q", error));
    }
    page.set("errors", errors);
    page.set("has_errors", !error.empty());
    if (found) {
      page.set("searched", true);
      page.set("count", found->rows.empty() ? t(request, "identity.staff_members.count_none")
                                            : Tf(request,
                                                 found->more ? "identity.staff_members.count_more"
                                                             : "identity.staff_members.count",
                                                 {{"count", std::to_string(found->rows.size())}}));
      page.set("more", found->more);
      data rows{data::type::list};
      for (const MemberMatch& m : found->rows) {
        data row{data::type::object};
        row.set("name", view::MaskName(m.full_name));
        row.set("nik", view::MaskNik(m.nik));
        row.set("kpj", MaskKpj(m.kpj));
        row.set("birth_year", BirthYear(m.birth_date));
        row.set("email", m.email.empty() ? std::string("–") : MaskEmail(m.email));
        row.set("status", t(request, "membership.status." + m.status));
        row.set("account", m.account_id
                               ? t(request, "identity.staff_member.state." + m.account_state)
                               : t(request, "identity.staff_members.no_account"));
        row.set("href", RecordPath(m.member_id) + "/open");
        rows.push_back(row);
      }
      page.set("rows", rows);
      page.set("has_rows", !found->rows.empty());
    }
    return view::Page(request, views, "identity/staff_member_search",
                      "identity.staff_members.title", page, status);
  };

  router.Get("/staff/members", ForMemberServices([search_page](http::Request& request) {
               return search_page(request, "", "", nullptr, 200);
             }));

  // A POST, so that a NIK never sits in a URL (ASVS 8.3.1: history, logs, referrers).
  router.Post("/staff/members", ForMemberServices([this, search_page](http::Request& request) {
                const std::string typed = FormInput(request).Get("q");
                const MemberQueryCheck check = ClassifyMemberQuery(typed);
                if (!check.query) {
                  return search_page(request, typed,
                                     T(request, "identity.staff_members.error." + check.problem),
                                     nullptr, 422);
                }
                MemberMatches found;
                {
                  auto lease = database.Acquire();
                  soci::session& sql = lease.session();
                  auto tx = db::Transaction::ForWriting(sql);
                  found = FindMembers(sql, *check.query, kResultsShown);
                  // The kind of query and the count, never what was typed (a NIK is a secret of
                  // sorts: ASVS 7.1.1).
                  Audit(sql, request, "staff.member_searched", audit::Result::kOk,
                        request.visitor.account_id, std::nullopt,
                        {{"kind", std::string(MemberQueryKindName(check.query->kind))},
                         {"shown", std::to_string(found.rows.size())},
                         {"more", found.more ? "yes" : "no"}});
                  tx.Commit();
                }
                return search_page(request, typed, "", &found, 200);
              }));

  // The reason form, with the member named as the result list names them.
  const auto open_page = [this](const http::Request& request, const RegistryFacts& facts,
                                const std::string& reason, const std::string& error, int status) {
    data page{data::type::object};
    page.set("action", RecordPath(facts.member_id) + "/open");
    page.set("member",
             Tf(request, "identity.staff_member_open.member",
                {{"name", view::MaskName(facts.full_name)}, {"kpj", MaskKpj(facts.kpj)}}));
    page.set("intro", Tf(request, "identity.staff_member_open.intro",
                         {{"minutes", std::to_string(kRecordGrantSeconds / 60)}}));
    page.set("reason", reason);
    data errors{data::type::list};
    if (!error.empty()) {
      page.set("error", error);
      errors.push_back(ErrorItem("#f-reason", error));
    }
    page.set("errors", errors);
    page.set("has_errors", !error.empty());
    return view::Page(request, views, "identity/staff_member_open",
                      "identity.staff_member_open.title", page, status);
  };

  router.Get("/staff/members/{id}/open",
             ForMemberServices([this, open_page](http::Request& request) {
               const auto id = MemberIdOf(request);
               if (!id) return http::Response::Error(404);
               auto lease = database.Acquire();
               const auto facts = FindRegistryFacts(lease.session(), *id);
               if (!facts) return http::Response::Error(404);
               return open_page(request, *facts, "", "", 200);
             }));

  router.Post(
      "/staff/members/{id}/open", ForMemberServices([this, open_page](http::Request& request) {
        const auto id = MemberIdOf(request);
        if (!id) return http::Response::Error(404);
        const std::string typed = FormInput(request).Get("reason");
        auto lease = database.Acquire();
        soci::session& sql = lease.session();
        const auto facts = FindRegistryFacts(sql, *id);
        if (!facts) return http::Response::Error(404);
        std::string reason;
        if (const std::string problem = CheckStaffText(typed, &reason); !problem.empty()) {
          // Nothing opened, nothing audited: the form again with the problem beside the field.
          return open_page(request, *facts, typed,
                           Tf(request, "identity.staff_member_open.error." + problem,
                              {{"min", std::to_string(kMinStaffTextChars)},
                               {"max", std::to_string(kMaxStaffTextChars)}}),
                           422);
        }
        const std::int64_t now = Now();
        auto tx = db::Transaction::ForWriting(sql);
        const auto account = FindAccountByMember(sql, *id);
        GrantRecordAccess(sql,
                          {.session_key = request.visitor.session_key,
                           .member_id = *id,
                           .staff_account_id = request.visitor.account_id,
                           .reason = reason,
                           .granted_at = now,
                           .expires_at = now + kRecordGrantSeconds},
                          now);
        audit::Details details = {{"member", std::to_string(*id)}, {"reason", reason}};
        if (const std::string ticket = SupportReferenceIn(reason); !ticket.empty()) {
          details["ticket"] = ticket;
        }
        Audit(sql, request, "staff.member_viewed", audit::Result::kOk, request.visitor.account_id,
              account ? std::optional<std::int64_t>(account->id) : std::nullopt,
              std::move(details));
        tx.Commit();
        return http::Response::Redirect(RecordPath(*id));
      }));

  // The record: registry facts, the account, its sessions, factors and recent events, and the
  // actions. `errors` (href, message) and `reset` when an action was refused.
  const auto record_page = [this](const http::Request& request, soci::session& sql,
                                  const RegistryFacts& facts, const RecordGrant& grant, data errors,
                                  const ResetForm& reset, int status) {
    const std::string& lang = request.lang;
    const std::int64_t now = Now();
    data page{data::type::object};
    const std::string base = RecordPath(facts.member_id);
    page.set("base", base);
    page.set("name", facts.full_name);
    page.set("grant", Tf(request, "identity.staff_member.grant",
                         {{"until", When(request, grant.expires_at)}}));
    page.set("grant_reason", grant.reason);
    const std::string notice = request.Query("notice").value_or("");
    if (status == 200 &&
        std::find(std::begin(kNotices), std::end(kNotices), notice) != std::end(kNotices)) {
      page.set("notice", T(request, "identity.staff_member.notice." + notice));
    }

    // Registry. The NIK stays masked here too (view::MaskNik): staff who need to compare it
    // ask the member for it and look it up; the record never needs to show it whole.
    page.set("nik", view::MaskNik(facts.nik));
    page.set("kpj", facts.kpj);
    page.set("birth_date", i18n::DayText(catalogs, lang, facts.birth_date));
    page.set("sex", T(request, "identity.staff_member.sex." + facts.sex));
    page.set("status", T(request, "membership.status." + facts.status));
    page.set("status_active", facts.status == "active");
    page.set("registered_on", i18n::DayText(catalogs, lang, facts.registered_on));
    page.set("registry_email", facts.email.empty() ? std::string("–") : facts.email);
    page.set("phone", facts.phone.empty() ? std::string("–") : facts.phone);
    const auto summary = membership::LoadSummary(sql, facts.member_id);
    std::string employer = "–", programs = "–";
    if (summary && !summary->current_employer.empty()) employer = summary->current_employer;
    if (summary && !summary->programs.empty()) {
      programs.clear();
      for (const auto& p : summary->programs) programs += (programs.empty() ? "" : ", ") + p;
    }
    page.set("employer", employer);
    page.set("programs", programs);

    const auto account = FindAccountByMember(sql, facts.member_id);
    page.set("has_account", account.has_value());
    if (account) {
      const bool locked = account->state == "locked";
      std::string state = T(request, "identity.staff_member.state." + account->state);
      if (locked && account->locked_until > now) {
        state = Tf(request, "identity.staff_member.locked_until",
                   {{"until", When(request, account->locked_until)}});
      }
      page.set("state", state);
      page.set("state_tag", account->state == "active"     ? std::string("success")
                            : account->state == "disabled" ? std::string("error")
                            : locked                       ? std::string("warning")
                                                           : std::string(""));
      page.set("email", account->email);
      page.set("email_verified", account->email_verified_at != 0);
      page.set("username", account->username.empty() ? std::string("–") : account->username);
      page.set("created", When(request, account->created_at));
      const auto last = audit::FindEvents(
          sql, {.subject_user_id = account->id, .action = "login.succeeded"}, {}, 1);
      page.set("last_sign_in", last.events.empty()
                                   ? T(request, "identity.staff_member.never")
                                   : When(request, EpochOfAuditTime(last.events[0].occurred_at)));
      page.set("account_lang", T(request, "lang." + account->lang));

      const auto sessions =
          ListLiveSessions(sql, account->id, now, settings.IdleSecondsFor(account->role));
      data session_rows{data::type::list};
      for (const auto& s : sessions) {
        data row{data::type::object};
        row.set("device", DeviceText(catalogs, lang, s.user_agent));
        row.set("ip", s.ip.empty() ? std::string("–") : s.ip);
        row.set("started", When(request, s.created_at));
        row.set("seen", When(request, s.last_seen_at));
        session_rows.push_back(row);
      }
      page.set("sessions", session_rows);
      page.set("has_sessions", !sessions.empty());

      // Names and kinds only: never a secret, a code or a key.
      const auto factors = ListSecondFactors(sql, account->id);
      data factor_rows{data::type::list};
      for (const auto& f : factors) {
        data row{data::type::object};
        row.set("name", f.name);
        row.set("kind", T(request, "identity.two_factor.kind." + f.kind));
        row.set("added", When(request, f.created_at));
        factor_rows.push_back(row);
      }
      const auto passkeys = ListPasskeys(sql, account->id);
      for (const auto& p : passkeys) {
        data row{data::type::object};
        row.set("name", p.name);
        row.set("kind", T(request, "identity.staff_member.kind_passkey"));
        row.set("added", When(request, p.created_at));
        factor_rows.push_back(row);
      }
      const bool has_factors = !factors.empty() || !passkeys.empty();
      page.set("factors", factor_rows);
      page.set("has_factors", has_factors);

      data events{data::type::list};
      for (const auto& e : audit::RecentForUser(sql, account->id, kRecentEvents)) {
        data row{data::type::object};
        row.set("what", T(request, ActivityTextId(e.action, e.result)));
        row.set("denied", e.result != audit::Result::kOk);
        row.set("when", When(request, EpochOfAuditTime(e.occurred_at)));
        row.set("ip", e.ip.empty() ? std::string("–") : e.ip);
        row.set("device",
                e.user_agent.empty() ? std::string("–") : DeviceText(catalogs, lang, e.user_agent));
        events.push_back(row);
      }
      page.set("events", events);
      page.set("has_events", !events.list_value().empty());

      // Only the actions that would change something.
      page.set("can_unlock", locked);
      page.set("can_resend", account->state == "pending" && account->email_verified_at == 0 &&
                                 !account->password_hash.empty());
      page.set("can_end_sessions", !sessions.empty());
      page.set("can_disable", account->state != "disabled");
      page.set("can_enable", account->state == "disabled");
      page.set("can_reset", has_factors);
      data methods{data::type::list};
      {
        data o{data::type::object};
        o.set("value", std::string(""));
        o.set("label", T(request, "identity.staff_member.reset.method_choose"));
        o.set("selected", reset.method.empty());
        methods.push_back(o);
      }
      for (auto m : kIdentityChecks) {
        data o{data::type::object};
        o.set("value", std::string(m));
        o.set("label", T(request, "identity.staff_member.reset.method." + std::string(m)));
        o.set("selected", reset.method == m);
        methods.push_back(o);
      }
      page.set("methods", methods);
      page.set("note", reset.note);
      if (!reset.method_error.empty()) page.set("method_error", reset.method_error);
      if (!reset.note_error.empty()) page.set("note_error", reset.note_error);
    }
    page.set("has_errors", !errors.list_value().empty());
    page.set("errors", errors);
    return view::Page(request, views, "identity/staff_member_record", "identity.staff_member.title",
                      page, status);
  };

  router.Get("/staff/members/{id}", ForMemberServices([this, record_page](http::Request& request) {
               const auto id = MemberIdOf(request);
               if (!id) return http::Response::Error(404);
               auto lease = database.Acquire();
               soci::session& sql = lease.session();
               const auto facts = FindRegistryFacts(sql, *id);
               if (!facts) return http::Response::Error(404);
               // Without a live grant for this session: the reason first.
               const auto grant = LiveRecordGrant(sql, request.visitor.session_key, *id, Now());
               if (!grant) return http::Response::Redirect(RecordPath(*id) + "/open");
               return record_page(request, sql, *facts, *grant, data{data::type::list}, ResetForm{},
                                  200);
             }));

  // One action on the member's account: needs the record's grant and an account; `act` checks
  // what it must, changes, mails and audits in the transaction, and returns the notice to show
  // (or sets `*refusal` to the catalog id of why nothing was done).
  struct Action {
    std::string path;
    std::function<std::string(soci::session&, http::Request&, const Account&, ResetForm&,
                              std::string* refusal)>
        act;
  };
  const auto staff_details = [](std::int64_t member_id) {
    return audit::Details{{"member", std::to_string(member_id)}};
  };
  const auto mail_time = [this](const Account& account) {
    return i18n::FormatWibTime(Now(), catalogs.Supports(account.lang) ? account.lang : "id",
                               catalogs);
  };
  std::vector<Action> actions;
  actions.push_back({"unlock",
                     [this, staff_details, mail_time](soci::session& sql, http::Request& request,
                                                      const Account& account, ResetForm&,
                                                      std::string* refusal) -> std::string {
                       if (account.state != "locked") {
                         *refusal = "identity.staff_member.refused.not_locked";
                         return "";
                       }
                       UnlockAccount(sql, account);
                       SendMail(sql, account, "staff_unlocked", settings.public_url + "/login",
                                true, {{"time", mail_time(account)}});
                       Audit(sql, request, "staff.member_unlocked", audit::Result::kOk,
                             request.visitor.account_id, account.id,
                             staff_details(*account.member_id));
                       return "unlocked";
                     }});
  actions.push_back(
      {"resend-verification",
       [this, staff_details](soci::session& sql, http::Request& request, const Account& account,
                             ResetForm&, std::string* refusal) -> std::string {
         if (account.state != "pending" || account.email_verified_at != 0 ||
             account.password_hash.empty()) {
           *refusal = "identity.staff_member.refused.not_pending";
           return "";
         }
         const std::int64_t now = Now();
         if (!ConfirmationMailDue(sql, account.id, now)) {
           *refusal = "identity.staff_member.refused.verification_recent";
           return "";
         }
         // As /verify-email's resend: every link mailed works until one is used.
         const std::string token = IssueToken(sql, account.id, kVerifyEmail, "", now,
                                              settings.verify_email_seconds, false);
         SendMail(sql, account, "verify_email", Link("/verify-email", token), false,
                  {{"hours", std::to_string(settings.verify_email_seconds / 3600)}});
         Audit(sql, request, "staff.member_verification_sent", audit::Result::kOk,
               request.visitor.account_id, account.id, staff_details(*account.member_id));
         return "verification_sent";
       }});
  actions.push_back({"end-sessions",
                     [this, staff_details, mail_time](soci::session& sql, http::Request& request,
                                                      const Account& account, ResetForm&,
                                                      std::string* refusal) -> std::string {
                       const int ended = EndSessionsExcept(sql, account.id, "");
                       if (ended == 0) {
                         *refusal = "identity.staff_member.refused.no_sessions";
                         return "";
                       }
                       SendMail(sql, account, "staff_sessions_ended",
                                settings.public_url + "/login", true,
                                {{"time", mail_time(account)}});
                       audit::Details details = staff_details(*account.member_id);
                       details["count"] = std::to_string(ended);
                       Audit(sql, request, "staff.member_sessions_ended", audit::Result::kOk,
                             request.visitor.account_id, account.id, std::move(details));
                       return "sessions_ended";
                     }});
  for (const bool disable : {true, false}) {
    actions.push_back({disable ? "disable" : "enable",
                       [this, &identity, staff_details, disable](
                           soci::session& sql, http::Request& request, const Account& account,
                           ResetForm&, std::string* refusal) -> std::string {
                         if ((account.state == "disabled") == disable) {
                           *refusal = disable ? "identity.staff_member.refused.already_disabled"
                                              : "identity.staff_member.refused.not_disabled";
                           return "";
                         }
                         // The same as `lumbung user disable|enable`: sessions end, the member is
                         // mailed.
                         identity.SetDisabled(sql, account, disable, "");
                         Audit(sql, request,
                               disable ? "staff.member_disabled" : "staff.member_enabled",
                               audit::Result::kOk, request.visitor.account_id, account.id,
                               staff_details(*account.member_id));
                         return disable ? "disabled" : "enabled";
                       }});
  }
  actions.push_back(
      {"reset-two-factor",
       [this, staff_details](soci::session& sql, http::Request& request, const Account& account,
                             ResetForm& form, std::string* refusal) -> std::string {
         const FormInput input(request);
         form.method = input.Get("check_method");
         form.note = input.Get("check_note");
         if (!IsIdentityCheck(form.method)) {
           form.method = "";
           form.method_error = T(request, "identity.staff_member.reset.error.method");
         }
         std::string note;
         if (const std::string problem = CheckStaffText(form.note, &note); !problem.empty()) {
           form.note_error = Tf(request, "identity.staff_member.reset.error." + problem,
                                {{"min", std::to_string(kMinStaffTextChars)},
                                 {"max", std::to_string(kMaxStaffTextChars)}});
         }
         if (!form.method_error.empty() || !form.note_error.empty()) return "";
         if (ListSecondFactors(sql, account.id).empty() && !HasPasskey(sql, account.id)) {
           *refusal = "identity.staff_member.refused.no_factors";
           return "";
         }
         const int ended = ResetSecondFactors(sql, account);
         audit::Details details = staff_details(*account.member_id);
         details["check"] = form.method;
         details["note"] = note;
         details["sessions_ended"] = std::to_string(ended);
         Audit(sql, request, "staff.member_two_factor_reset", audit::Result::kOk,
               request.visitor.account_id, account.id, std::move(details));
         return "two_factor_reset";
       }});

  for (const Action& action : actions) {
    router.Post("/staff/members/{id}/" + action.path,
                ForMemberServices([this, record_page, action](http::Request& request) {
                  const auto id = MemberIdOf(request);
                  if (!id) return http::Response::Error(404);
                  auto lease = database.Acquire();
                  soci::session& sql = lease.session();
                  auto tx = db::Transaction::ForWriting(sql);
                  const auto facts = FindRegistryFacts(sql, *id);
                  if (!facts) return http::Response::Error(404);
                  const auto grant = LiveRecordGrant(sql, request.visitor.session_key, *id, Now());
                  if (!grant) return http::Response::Redirect(RecordPath(*id) + "/open");
                  const auto account = FindAccountByMember(sql, *id);
                  if (!account) return http::Response::Error(404);
                  ResetForm form;
                  std::string refusal;
                  const std::string notice = action.act(sql, request, *account, form, &refusal);
                  if (!notice.empty()) {
                    tx.Commit();
                    return http::Response::Redirect(RecordPath(*id) + "?notice=" + notice);
                  }
                  // Nothing changed (the transaction rolls back): the record with the problems.
                  data errors{data::type::list};
                  if (!refusal.empty())
                    errors.push_back(ErrorItem("#actions", T(request, refusal)));
                  if (!form.method_error.empty()) {
                    errors.push_back(ErrorItem("#f-check_method", form.method_error));
                  }
                  if (!form.note_error.empty()) {
                    errors.push_back(ErrorItem("#f-check_note", form.note_error));
                  }
                  return record_page(request, sql, *facts, *grant, errors, form, 422);
                }));
  }
}

}  // namespace lumbung::identity
