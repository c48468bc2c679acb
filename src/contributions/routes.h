// /contributions (the member's history, filtered by year and employer, with yearly totals) and
// /contributions.csv (the same rows as a spreadsheet file). Members only, and only their own
// rows: the member comes from the session, never from the request.
#pragma once

#include "core/db/database.h"
#include "core/http/router.h"
#include "core/view/dashboard.h"
#include "core/view/views.h"

namespace lumbung::contributions {

void AddRoutes(http::Router& router, db::Database& database, const view::Views& views);

// The dashboard card: the last month reported, whether it was paid, months unpaid.
view::DashboardCardSource DashboardCards(db::Database& database, const view::Views& views);

}  // namespace lumbung::contributions
