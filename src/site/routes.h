// The public home page (the programs in plain words); help and contact are src/help.
#pragma once

#include "core/http/router.h"
#include "core/view/views.h"
#include "registry/rules.h"

namespace lumbung::site {

// `today` gives the date whose rules the home page explains.
void AddRoutes(http::Router& router, const view::Views& views, const registry::RuleBook& rules);

}  // namespace lumbung::site
