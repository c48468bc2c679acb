#include "claims/routes.h"

#include "claims/claim_store.h"

namespace lumbung::claims {

void AddRoutes(http::Router& router, Services& services) {
  AddMemberRoutes(router, services);
  AddStaffRoutes(router, services);
  AddPayoutRoutes(router, services);
  AddAccidentRoutes(router, services);
}

view::DashboardCardSource DashboardCards(db::Database& database, const view::Views& views) {
  return [&database, &views](const http::Request& request) {
    std::vector<view::DashboardCard> cards;
    if (request.visitor.role != "member" || !request.visitor.member_id) return cards;
    const std::string& lang = request.lang;
    const auto& t = views.catalogs();
    int pending = 0;
    {
      auto lease = database.Acquire();
      pending = CountPending(lease.session(), request.visitor.member_id);
    }
    view::DashboardCard card;
    card.order = 25;
    card.title = t.Get(lang, "claims.card.title");
    card.figure = std::to_string(pending);
    card.lines = {
        pending == 0 ? t.Get(lang, "claims.card.none")
                     : t.Format(lang, "claims.card.pending", {{"count", std::to_string(pending)}})};
    card.href = "/claims";
    card.link_text = t.Get(lang, "claims.card.link");
    cards.push_back(std::move(card));
    return cards;
  };
}

}  // namespace lumbung::claims
