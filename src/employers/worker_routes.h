// /employer/workers: the employer's workers (list, search, register, end employment).
#pragma once

#include "core/config/config.h"
#include "core/db/database.h"
#include "core/http/router.h"
#include "core/inbox/inbox.h"
#include "core/view/views.h"
#include "registry/rules.h"

namespace lumbung::employers {

// `notify` tells a member their employment was ended (inbox, and mail per their choices).
void AddWorkerRoutes(http::Router& router, db::Database& database, const view::Views& views,
                     const config::Config& config, const registry::RuleBook& rules,
                     inbox::Notifier notify);

}  // namespace lumbung::employers
