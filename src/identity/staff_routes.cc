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

}  // namespace

void Identity::Impl::AddStaffRoutes(http::Router& router) {
  router.Get(
      "/staff/security-reports",
      http::OnlyRoles({"staff_officer", "staff_supervisor", "staff_admin"}, [this](http::Request&
                                                                                       request) {
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
