// The analyst's pages (http::StaffOnly({"analyst"})): figures for policy, never a person.
//   GET /staff/analytics                  the sections, when the figures were last refreshed
//   GET /staff/analytics/<section>        charts and tables; filters ?year=YYYY&province=NN
//   GET /staff/analytics/<section>.csv    the same tables as CSV (each export audited,
//                                         "analytics.exported")
// Sections: members, wages, arrears, claims, subsidy, training (figures.h). Pages read only
// the aggregates (refresh.h); no route here reads or links to a member, an employer or a claim.
#pragma once

#include "core/db/database.h"
#include "core/http/router.h"
#include "core/view/views.h"

namespace lumbung::analytics {

void AddRoutes(http::Router& router, db::Database& database, const view::Views& views);

}  // namespace lumbung::analytics
