#include "site/routes.h"

#include <chrono>
#include <memory>

#include "core/i18n/fund_time.h"
#include "core/view/page.h"
#include "site/daily_pages.h"
#include "site/program_rates.h"

namespace lumbung::site {
namespace {

// The fund's day: the rules in force change at midnight in the fund's zone, not in UTC.
registry::Date Today() {
  return i18n::FundToday();
}

}  // namespace

void AddRoutes(http::Router& router, const view::Views& views, const registry::RuleBook& rules) {
  auto anonymous_homes = std::make_shared<DailyPages>();
  router.Get("/", [&views, &rules, anonymous_homes](http::Request& request) {
    const registry::Date today = Today();
    const auto render = [&] {
      view::mustache::data rates{view::mustache::data::type::object};
      for (const auto& [key, value] : ProgramRates(rules, today, request.lang, views.catalogs())) {
        rates.set(key, value);
      }
      view::mustache::data page{view::mustache::data::type::object};
      page.set("rates", rates);
      return view::StampPage(request, views, "site/home", "page.home.title", page);
    };
    // Everyone signed out sees the same page in a language on one day; a signed-in visitor's
    // header is their own. Only the plain address: the language switch links back to it.
    if (!request.visitor.signed_in() && request.target == "/") {
      return anonymous_homes->Get(request.lang, today, render)->Fill(request);
    }
    return render().Fill(request);
  });
}

}  // namespace lumbung::site
