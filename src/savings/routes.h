// /savings: the member's JHT balance, its yearly ledger and a chart. Members only, and only
// their own ledger (the member comes from the session).
#pragma once

#include "core/db/database.h"
#include "core/http/router.h"
#include "core/view/dashboard.h"
#include "core/view/views.h"

namespace lumbung::savings {

void AddRoutes(http::Router& router, db::Database& database, const view::Views& views);

// The dashboard card: the balance and its date.
view::DashboardCardSource DashboardCards(db::Database& database, const view::Views& views);

}  // namespace lumbung::savings
