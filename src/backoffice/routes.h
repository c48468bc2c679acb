// The fund's back office for staff administrators (http::StaffOnly({"administrator"})):
//   /staff/audit          the audit log viewer (filters, pages, CSV export, chain check)
//   /staff/maintenance    maintenance mode: on/off, the message to members, the announced end
// Every look at the log and every switch is itself audited. See docs/backoffice.md.
#pragma once

#include "core/db/database.h"
#include "core/http/router.h"
#include "core/view/views.h"

namespace lumbung::backoffice {

void AddRoutes(http::Router& router, db::Database& database, const view::Views& views);

// The parts, each also called by AddRoutes.
void AddAuditRoutes(http::Router& router, db::Database& database, const view::Views& views);
void AddMaintenanceRoutes(http::Router& router, db::Database& database, const view::Views& views);

}  // namespace lumbung::backoffice
