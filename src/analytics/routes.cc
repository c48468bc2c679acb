#include "analytics/routes.h"

#include <soci/soci.h>

#include <ctime>

#include "analytics/figures.h"
#include "analytics/refresh.h"
#include "core/audit/audit_log.h"
#include "core/http/access.h"
#include "core/i18n/fund_time.h"
#include "core/i18n/wib_time.h"
#include "core/view/page.h"
#include "registry/nik.h"

namespace lumbung::analytics {
namespace {

using view::mustache::data;

int ParseInt(const std::optional<std::string>& text) {
  if (!text || text->empty() || text->size() > 6) return -1;
  int value = 0;
  for (char c : *text) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

// The filter from the query; anything not offered falls back to the default (this year, all
// provinces), as the form only offers valid choices.
Filter ReadFilter(const http::Request& request) {
  Filter f;
  const int current = i18n::FundYear(static_cast<std::int64_t>(std::time(nullptr)));
  f.year = current;
  const int year = ParseInt(request.Query("year"));
  for (int y : OfferedYears(current)) {
    if (y == year) f.year = year;
  }
  const int province = ParseInt(request.Query("province"));
  if (province > 0 && registry::IsKnownProvinceCode(province)) f.province = province;
  return f;
}

std::string FilterQuery(const std::string& section, const Filter& f) {
  std::string query;
  if (!IsSnapshot(section)) query = "year=" + std::to_string(f.year);
  if (f.province != 0)
    query += (query.empty() ? "" : "&") + std::string("province=") + std::to_string(f.province);
  return query;
}

std::string AsOf(soci::session& sql, const http::Request& request, const view::Views& views) {
  const auto& t = views.catalogs();
  const auto at = LastRefreshed(sql);
  if (!at) return t.Get(request.lang, "analytics.not_refreshed");
  return t.Format(request.lang, "analytics.as_of",
                  {{"time", i18n::FormatWibTime(*at, request.lang, t)}});
}

http::Response IndexPage(http::Request& request, db::Database& database, const view::Views& views) {
  const auto& t = views.catalogs();
  auto lease = database.Acquire();
  data page{data::type::object};
  page.set("as_of", AsOf(lease.session(), request, views));
  data sections{data::type::list};
  for (const std::string& name : SectionNames()) {
    data s{data::type::object};
    s.set("href", "/staff/analytics/" + name);
    s.set("title", t.Get(request.lang, "analytics.section_" + name));
    s.set("summary", t.Get(request.lang, "analytics.summary_" + name));
    sections.push_back(s);
  }
  page.set("sections", sections);
  page.set("rule",
           t.Format(request.lang, "analytics.rule", {{"minimum", std::to_string(kMinimumGroup)}}));
  return view::Page(request, views, "analytics/index", "analytics.title", page);
}

http::Response SectionPage(http::Request& request, db::Database& database, const view::Views& views,
                           const std::string& section) {
  const auto& t = views.catalogs();
  const std::string& lang = request.lang;
  const Filter f = ReadFilter(request);
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  const SectionFigures figures = BuildSection(sql, section, f, t, lang);

  data page{data::type::object};
  page.set("section", section);
  page.set("title", t.Get(lang, "analytics.section_" + section));
  page.set("intro", t.Get(lang, "analytics.intro_" + section));
  page.set("as_of", AsOf(sql, request, views));
  if (IsSnapshot(section)) {
    page.set("snapshot_note", t.Get(lang, "analytics.snapshot_note"));
  } else {
    data years{data::type::list};
    for (int y : OfferedYears(i18n::FundYear(static_cast<std::int64_t>(std::time(nullptr))))) {
      data o{data::type::object};
      o.set("value", std::to_string(y));
      if (y == f.year) o.set("selected", true);
      years.push_back(o);
    }
    page.set("years", years);
    page.set("has_year", true);
  }
  data provinces{data::type::list};
  {
    data all{data::type::object};
    all.set("value", "");
    all.set("label", t.Get(lang, "analytics.all_provinces"));
    provinces.push_back(all);
  }
  for (const auto& p : registry::Provinces()) {
    data o{data::type::object};
    o.set("value", std::to_string(p.code));
    o.set("label", std::string(p.name));
    if (p.code == f.province) o.set("selected", true);
    provinces.push_back(o);
  }
  page.set("provinces", provinces);
  const std::string query = FilterQuery(section, f);
  page.set("csv_href", "/staff/analytics/" + section + ".csv" + (query.empty() ? "" : "?" + query));
  page.set("has_hidden", figures.has_hidden);
  page.set("rule", t.Format(lang, "analytics.rule", {{"minimum", std::to_string(kMinimumGroup)}}));
  data list{data::type::list};
  for (const Figure& fig : figures.figures) {
    data d{data::type::object};
    d.set("heading", fig.heading);
    if (!fig.chart_svg.empty()) d.set("chart", fig.chart_svg);
    d.set("id", fig.table.id);
    d.set("caption", fig.table.caption);
    d.set("row_header", fig.table.row_header);
    data columns{data::type::list};
    for (const auto& c : fig.table.columns) {
      data col{data::type::object};
      col.set("label", c);
      columns.push_back(col);
    }
    d.set("columns", columns);
    data rows{data::type::list};
    for (const Row& row : fig.table.rows) {
      data r{data::type::object};
      r.set("label", row.label);
      if (row.total) r.set("total", true);
      data cells{data::type::list};
      for (const Cell& c : row.cells) {
        data cell{data::type::object};
        cell.set("text", c.text);
        if (c.hidden == Hidden::kSmallGroup) cell.set("hidden", std::string("small"));
        if (c.hidden == Hidden::kComplementary) cell.set("hidden", std::string("protect"));
        cells.push_back(cell);
      }
      r.set("cells", cells);
      rows.push_back(r);
    }
    d.set("rows", rows);
    d.set("has_rows", !fig.table.rows.empty());
    list.push_back(d);
  }
  page.set("figures", list);
  return view::Page(request, views, "analytics/section", "analytics.section_" + section, page);
}

http::Response SectionCsvDownload(http::Request& request, db::Database& database,
                                  const view::Views& views, const std::string& section) {
  const auto& t = views.catalogs();
  const Filter f = ReadFilter(request);
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  const SectionFigures figures = BuildSection(sql, section, f, t, request.lang);
  std::string body = SectionCsv(figures, t.Format(request.lang, "analytics.rule",
                                                  {{"minimum", std::to_string(kMinimumGroup)}}));
  audit::Details details{{"section", section}, {"province", std::to_string(f.province)}};
  if (!IsSnapshot(section)) details["year"] = std::to_string(f.year);
  audit::Append(sql, {.actor_user_id = request.visitor.account_id,
                      .action = "analytics.exported",
                      .ip = request.remote_ip,
                      .user_agent = std::string(request.Header("user-agent")),
                      .details = details});
  auto response = http::Response::Text(std::move(body));
  response.Set("Content-Type", "text/csv; charset=utf-8");
  std::string name = "analytics-" + section;
  if (!IsSnapshot(section)) name += "-" + std::to_string(f.year);
  if (f.province != 0) name += "-" + std::to_string(f.province);
  response.Set("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
  return response;
}

}  // namespace

void AddRoutes(http::Router& router, db::Database& database, const view::Views& views) {
  router.Get("/staff/analytics",
             http::StaffOnly({"analyst"}, [&database, &views](http::Request& request) {
               return IndexPage(request, database, views);
             }));
  router.Get("/staff/analytics/{section}",
             http::StaffOnly({"analyst"}, [&database, &views](http::Request& request) {
               std::string section = request.params["section"];
               const bool csv = section.size() > 4 && section.ends_with(".csv");
               if (csv) section.resize(section.size() - 4);
               if (!IsSection(section)) return http::Response::Error(404);
               return csv ? SectionCsvDownload(request, database, views, section)
                          : SectionPage(request, database, views, section);
             }));
}

}  // namespace lumbung::analytics
