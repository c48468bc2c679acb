#include "site/routes.h"

#include <chrono>

#include "core/view/page.h"
#include "site/program_rates.h"

namespace lumbung::site {
namespace {

registry::Date Today() {
  return registry::Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

}  // namespace

void AddRoutes(http::Router& router, const view::Views& views, const registry::RuleBook& rules) {
  router.Get("/", [&views, &rules](http::Request& request) {
    view::mustache::data rates{view::mustache::data::type::object};
    for (const auto& [key, value] : ProgramRates(rules, Today(), request.lang, views.catalogs())) {
      rates.set(key, value);
    }
    view::mustache::data page{view::mustache::data::type::object};
    page.set("rates", rates);
    return view::Page(request, views, "site/home", "page.home.title", page);
  });
  router.Get("/help", [&views](http::Request& request) {
    view::mustache::data page{view::mustache::data::type::object};
    return view::Page(request, views, "site/help", "page.help.title", page);
  });
}

}  // namespace lumbung::site
