#include "employers/routes.h"

#include <algorithm>

#include "core/http/access.h"
#include "employers/payment_routes.h"
#include "employers/report_routes.h"
#include "employers/report_store.h"
#include "employers/worker_routes.h"

namespace lumbung::employers {

bool IsEmployerRole(std::string_view role) {
  return std::find(std::begin(kEmployerRoles), std::end(kEmployerRoles), role) !=
         std::end(kEmployerRoles);
}

http::Handler ForEmployer(http::Handler handler) {
  return http::OnlyRoles({kEmployerAdmin, kEmployerStaff},
                         [handler = std::move(handler)](http::Request& request) {
                           if (request.visitor.employer_id <= 0) return http::Response::Error(403);
                           return handler(request);
                         });
}

void AddRoutes(http::Router& router, db::Database& database, const view::Views& views,
               const config::Config& config, const registry::RuleBook& rules,
               inbox::Notifier notify) {
  AddReportRoutes(router, database, views, config, rules);
  AddWorkerRoutes(router, database, views, config, rules, std::move(notify));
  AddPaymentRoutes(router, database, views);
}

view::DashboardCardSource DashboardCards(db::Database& database, const view::Views& views) {
  return [&database, &views](const http::Request& request) {
    std::vector<view::DashboardCard> cards;
    if (!IsEmployerRole(request.visitor.role) || request.visitor.employer_id == 0) return cards;
    auto lease = database.Acquire();
    const auto employer = FindEmployer(*lease, request.visitor.employer_id);
    if (!employer) return cards;
    const auto& t = views.catalogs();
    view::DashboardCard card;
    card.order = 5;
    card.title = t.Get(request.lang, "employers.card.title");
    card.figure = employer->name;
    card.lines.push_back(t.Get(request.lang, "employers.home.npp") + " " + employer->npp);
    card.href = "/employer";
    card.link_text = t.Get(request.lang, "employers.card.link");
    cards.push_back(std::move(card));
    return cards;
  };
}

}  // namespace lumbung::employers
