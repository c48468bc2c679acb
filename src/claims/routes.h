// The claims feature's part of the signed-in pages. There is no claims page yet: the dashboard
// card counts the member's pending claims and leads to the help centre's "how to claim".
#pragma once

#include "core/db/database.h"
#include "core/view/dashboard.h"
#include "core/view/views.h"

namespace lumbung::claims {

// The dashboard card: how many of the member's claims are pending (0 until claims exist).
view::DashboardCardSource DashboardCards(db::Database& database, const view::Views& views);

}  // namespace lumbung::claims
