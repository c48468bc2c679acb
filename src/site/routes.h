// The public pages: home (the programs in plain words) and help/contact.
#pragma once

#include "core/http/router.h"
#include "core/view/views.h"
#include "registry/rules.h"

namespace lumbung::site {

// `today` gives the date whose rules the home page explains.
void AddRoutes(http::Router& router, const view::Views& views, const registry::RuleBook& rules);

}  // namespace lumbung::site
