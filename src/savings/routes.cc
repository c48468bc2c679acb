#include "savings/routes.h"

#include <map>
#include <string>

#include "core/http/access.h"
#include "core/i18n/rupiah.h"
#include "core/view/page.h"
#include "savings/balance_chart.h"
#include "savings/ledger.h"
#include "savings/rate_basis.h"

namespace lumbung::savings {
namespace {

using view::mustache::data;

// 626 bp -> "6,26%" (id) / "6.26%" (en).
std::string Percent(int bp, const std::string& lang) {
  std::string whole = std::to_string(bp / 100);
  std::string cents = std::to_string(bp % 100);
  if (cents.size() < 2) cents.insert(cents.begin(), '0');
  return whole + (lang == "en" ? "." : ",") + cents + "%";
}

}  // namespace

void AddRoutes(http::Router& router, db::Database& database, const view::Views& views) {
  router.Get(
      "/savings", http::OnlyRoles({"member"}, [&database, &views](http::Request& request) {
        const std::string& lang = request.lang;
        const auto& t = views.catalogs();
        auto lease = database.Acquire();
        soci::session& sql = lease.session();
        const auto ledger = LoadLedger(sql, request.visitor.member_id);
        const int as_of = LastPaidPeriod(sql, request.visitor.member_id);
        data page{data::type::object};
        page.set("has_ledger", !ledger.empty());
        if (!ledger.empty()) {
          const LedgerYear& now = ledger.back();
          page.set("balance", i18n::FormatRupiah(now.closing, lang));
          page.set("as_of", as_of ? t.Get(lang, "date.months." + std::to_string(as_of % 100)) +
                                        " " + std::to_string(as_of / 100)
                                  : std::to_string(now.year));
          data rows{data::type::list};
          std::vector<ChartPoint> points;
          for (auto it = ledger.rbegin(); it != ledger.rend(); ++it) {
            const LedgerYear& y = *it;
            data row{data::type::object};
            row.set("year", std::to_string(y.year));
            row.set("current", &y == &now);
            row.set("opening", i18n::FormatRupiah(y.opening, lang));
            row.set("contributions", i18n::FormatRupiah(y.contributions, lang));
            row.set("returns", i18n::FormatRupiah(y.returns, lang));
            const RateBasis basis = RateBasisFor(y, &y == &now);
            row.set("rate",
                    basis.rate_bp ? Percent(*basis.rate_bp, lang) : t.Get(lang, "savings.no_rate"));
            row.set("rate_assumed", basis.status == RateStatus::kAssumed);
            if (basis.status == RateStatus::kAssumed) {
              const std::map<std::string, std::string> values = {
                  {"rate", Percent(*basis.rate_bp, lang)}, {"year", std::to_string(basis.year)}};
              page.set("assumed_rate_note", t.Format(lang, "savings.rate.assumed_note", values));
            }
            row.set("withdrawals", i18n::FormatRupiah(y.withdrawals, lang));
            row.set("closing", i18n::FormatRupiah(y.closing, lang));
            rows.push_back(row);
          }
          for (const auto& y : ledger) points.push_back({std::to_string(y.year), y.closing});
          std::int64_t max = 0;
          for (const auto& p : points) max = std::max(max, p.value);
          ChartText text;
          text.title = t.Get(lang, "savings.chart.title");
          text.description = t.Format(lang, "savings.chart.description",
                                      {{"first", points.front().label},
                                       {"last", points.back().label},
                                       {"balance", i18n::FormatRupiah(now.closing, lang)}});
          text.top_label = i18n::FormatRupiah(max, lang);
          page.set("rows", rows);
          page.set("chart", BalanceChartSvg(points, text));
        }
        return view::Page(request, views, "savings/savings", "savings.title", page);
      }));
}

view::DashboardCardSource DashboardCards(db::Database& database, const view::Views& views) {
  return [&database, &views](const http::Request& request) {
    std::vector<view::DashboardCard> cards;
    if (request.visitor.role != "member" || !request.visitor.member_id) return cards;
    const auto& t = views.catalogs();
    auto lease = database.Acquire();
    const auto ledger = LoadLedger(lease.session(), request.visitor.member_id);
    const int as_of = LastPaidPeriod(lease.session(), request.visitor.member_id);
    view::DashboardCard card;
    card.order = 20;
    card.title = t.Get(request.lang, "savings.title");
    if (ledger.empty()) {
      card.lines = {t.Get(request.lang, "savings.none")};
    } else {
      card.figure = i18n::FormatRupiah(ledger.back().closing, request.lang);
      const std::string month =
          as_of ? t.Get(request.lang, "date.months." + std::to_string(as_of % 100)) + " " +
                      std::to_string(as_of / 100)
                : std::to_string(ledger.back().year);
      card.lines = {t.Format(request.lang, "savings.balance_label", {{"as_of", month}})};
    }
    card.href = "/savings";
    card.link_text = t.Get(request.lang, "savings.card_link");
    cards.push_back(std::move(card));
    return cards;
  };
}

}  // namespace lumbung::savings
