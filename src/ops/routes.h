// Operational endpoints: /healthz (the process answers), /readyz (the database answers),
// /metrics (Prometheus text). None of them is affected by maintenance mode.
#pragma once

#include "core/db/database.h"
#include "core/http/router.h"
#include "core/observe/metrics.h"

namespace lumbung::ops {

void AddRoutes(http::Router& router, db::Database& database, const observe::Metrics& metrics);

}  // namespace lumbung::ops
