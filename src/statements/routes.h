// /documents: the member's yearly statements as PDF, in Indonesian or English, made on demand
// and cached (documents.h). Members only, and only their own: the member always comes from the
// session, never from the URL. /verify/statement: anyone can check a statement's verification
// code and learn only whether it is genuine, its year and a masked name.
#pragma once

#include "core/config/config.h"
#include "core/db/database.h"
#include "core/http/router.h"
#include "core/view/views.h"

namespace lumbung::statements {

void AddRoutes(http::Router& router, db::Database& database, const view::Views& views,
               const config::Config& config);

}  // namespace lumbung::statements
