// /calculators, /calculators/jht and /calculators/jp: benefit calculators anyone can use,
// signed in or not, with typed inputs (GET forms: nothing is stored). Every result shows its
// inputs and assumptions; figures come from the dated rules in force today.
#pragma once

#include "core/http/router.h"
#include "core/view/views.h"
#include "registry/rules.h"

namespace lumbung::calculators {

void AddRoutes(http::Router& router, const view::Views& views, const registry::RuleBook& rules);

}  // namespace lumbung::calculators
