// /staff: the staff member's home, the tasks their staff roles open (each route checks again).
// /staff/security-reports: the "this wasn't me" reports members sent from security mails, for
// staff to follow up (the report itself is the audit row written by POST /report).
#include <soci/soci.h>

#include "core/audit/audit_log.h"
#include "core/http/access.h"
#include "core/view/page.h"
#include "identity/device_label.h"
#include "identity/identity_impl.h"

namespace lumbung::identity {
namespace {

constexpr int kReportsShown = 200;

// The staff pages each staff role opens, in the menu's order: (role, path, catalog id of the
// link, catalog id of its description).
struct StaffTask {
  std::string_view role, path, link_id, text_id;
};
constexpr StaffTask kStaffTasks[] = {
    {"member_services", "/staff/members", "layout.nav.staff_members",
     "identity.staff_home.members"},
    {"member_services", "/staff/support", "layout.nav.staff_support",
     "identity.staff_home.support"},
    {"member_services", "/staff/security-reports", "layout.nav.staff_reports",
     "identity.staff_home.reports"},
    {"claims_verifier", "/staff/claims", "layout.nav.staff_claims",
     "identity.staff_home.claims_verifier"},
    {"claims_approver", "/staff/claims", "layout.nav.staff_claims",
     "identity.staff_home.claims_approver"},
    {"finance", "/staff/payments", "layout.nav.staff_payments", "identity.staff_home.payments"},
    {"finance", "/staff/payouts", "layout.nav.staff_payouts", "identity.staff_home.payouts"},
    {"subsidy_officer", "/staff/subsidy/runs", "layout.nav.staff_subsidy_runs",
     "identity.staff_home.subsidy_runs"},
    {"subsidy_officer", "/staff/subsidy/batches", "layout.nav.staff_subsidy_batches",
     "identity.staff_home.subsidy_batches"},
    {"finance", "/staff/subsidy/batches", "layout.nav.staff_subsidy_batches",
     "identity.staff_home.subsidy_batches"},
    {"training_provider", "/staff/training", "layout.nav.staff_training",
     "identity.staff_home.training"},
    {"certifier", "/staff/certificates", "layout.nav.staff_certificates",
     "identity.staff_home.certificates"},
    {"analyst", "/staff/analytics", "layout.nav.staff_analytics", "identity.staff_home.analytics"},
    {"content_editor", "/staff/help", "layout.nav.staff_help", "identity.staff_home.help"},
    {"content_editor", "/staff/announcements", "layout.nav.staff_announcements",
     "identity.staff_home.announcements"},
    {"administrator", "/staff/accounts", "layout.nav.staff_accounts",
     "identity.staff_home.accounts"},
    {"administrator", "/staff/audit", "layout.nav.staff_audit", "identity.staff_home.audit"},
    {"administrator", "/staff/maintenance", "layout.nav.staff_maintenance",
     "identity.staff_home.maintenance"},
};

}  // namespace

void Identity::Impl::AddStaffRoutes(http::Router& router) {
  router.Get("/staff", http::AnyStaff([this](http::Request& request) {
               view::mustache::data tasks{view::mustache::data::type::list};
               std::string_view previous_path;  // both claims roles share one queue
               for (const StaffTask& task : kStaffTasks) {
                 if (!request.visitor.HasStaffRole(task.role)) continue;
                 if (task.path == previous_path) continue;
                 previous_path = task.path;
                 view::mustache::data row{view::mustache::data::type::object};
                 row.set("href", std::string(task.path));
                 row.set("link", T(request, task.link_id));
                 row.set("text", T(request, task.text_id));
                 tasks.push_back(row);
               }
               std::string roles;
               for (const auto& role : request.visitor.staff_roles) {
                 roles += (roles.empty() ? "" : ", ") + T(request, "identity.staff_role." + role);
               }
               view::mustache::data page{view::mustache::data::type::object};
               page.set("tasks", tasks);
               page.set("roles", Tf(request, "identity.staff_home.roles", {{"roles", roles}}));
               return view::Page(request, views, "identity/staff_home", "identity.staff_home.title",
                                 page);
             }));
  router.Get(
      "/staff/security-reports",
      http::StaffOnly({"member_services"}, [this](http::Request& request) {
        auto lease = database.Acquire();
        soci::session& sql = lease.session();
        view::mustache::data rows{view::mustache::data::type::list};
        int count = 0;
        for (const auto& e : audit::RecentWithAction(sql, "account.reported", kReportsShown)) {
          view::mustache::data row{view::mustache::data::type::object};
          row.set("when", When(request, EpochOfAuditTime(e.occurred_at)));
          std::string who = "–";
          if (e.subject_user_id) {
            if (auto account = FindAccountById(sql, *e.subject_user_id)) {
              who = account->display_name + " <" + account->email + ">";
            }
          }
          row.set("account", who);
          const auto mail = e.details.find("mail");
          const std::string mail_id =
              "identity.mail." + (mail == e.details.end() ? std::string("unknown") : mail->second) +
              ".subject";
          const auto& all = catalogs.All(request.lang);
          row.set("mail", all.count(mail_id) ? Tf(request, mail_id, {{"fund", fund_name}}) : "–");
          row.set("ip", e.ip.empty() ? "–" : e.ip);
          row.set("device",
                  e.user_agent.empty() ? "–" : DeviceText(catalogs, request.lang, e.user_agent));
          rows.push_back(row);
          ++count;
        }
        view::mustache::data page{view::mustache::data::type::object};
        page.set("reports", rows);
        page.set("has_reports", count > 0);
        return view::Page(request, views, "identity/staff_reports", "identity.staff_reports.title",
                          page);
      }));
}

}  // namespace lumbung::identity
