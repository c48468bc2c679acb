#include "contributions/routes.h"

#include <algorithm>
#include <ctime>
#include <map>

#include "contributions/history.h"
#include "contributions/paging.h"
#include "core/csv/safe_csv.h"
#include "core/http/access.h"
#include "core/i18n/day_text.h"
#include "core/i18n/fund_time.h"
#include "core/i18n/rupiah.h"
#include "core/view/page.h"

namespace lumbung::contributions {
namespace {

using csv::CsvCell;
using csv::CsvLine;
using csv::CsvNumber;
using view::mustache::data;

struct Filter {
  int year = 0;                  // 0: every year (the "all years" choice, and the CSV)
  std::int64_t employer_id = 0;  // 0: every employer
};

// The value of the year filter's "all years" choice.
constexpr std::string_view kAllYears = "all";

// A query value that must be a whole number in range; nullopt when absent, malformed or out
// of range (the page then falls back to its default rather than failing).
std::optional<long long> NumberParam(const http::Request& request, std::string_view name,
                                     long long min, long long max) {
  auto text = request.Query(name);
  if (!text || text->empty() || text->size() > 18) return std::nullopt;
  if (!std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  const long long value = std::stoll(*text);
  if (value < min || value > max) return std::nullopt;
  return value;
}

std::string MonthName(const view::Views& views, const std::string& lang, int period) {
  return views.catalogs().Get(lang, "date.months." + std::to_string(period % 100)) + " " +
         std::to_string(period / 100);
}

data AmountCells(const std::string& lang, const MonthRow& r) {
  data row{data::type::object};
  row.set("wage", r.wage ? i18n::FormatRupiah(*r.wage, lang) : "–");
  row.set("jht_worker", i18n::FormatRupiah(r.jht_worker, lang));
  row.set("jht_employer", i18n::FormatRupiah(r.jht_employer, lang));
  row.set("jkk", i18n::FormatRupiah(r.jkk, lang));
  row.set("jkm", i18n::FormatRupiah(r.jkm, lang));
  row.set("jp_worker", i18n::FormatRupiah(r.jp_worker, lang));
  row.set("jp_employer", i18n::FormatRupiah(r.jp_employer, lang));
  row.set("jkp", i18n::FormatRupiah(r.jkp, lang));
  row.set("total", i18n::FormatRupiah(r.Total(), lang));
  return row;
}

data TotalsCells(const std::string& lang, const Totals& t) {
  data row{data::type::object};
  row.set("wage", i18n::FormatRupiah(t.wage, lang));
  row.set("jht_worker", i18n::FormatRupiah(t.jht_worker, lang));
  row.set("jht_employer", i18n::FormatRupiah(t.jht_employer, lang));
  row.set("jkk", i18n::FormatRupiah(t.jkk, lang));
  row.set("jkm", i18n::FormatRupiah(t.jkm, lang));
  row.set("jp_worker", i18n::FormatRupiah(t.jp_worker, lang));
  row.set("jp_employer", i18n::FormatRupiah(t.jp_employer, lang));
  row.set("jkp", i18n::FormatRupiah(t.jkp, lang));
  row.set("total", i18n::FormatRupiah(t.total, lang));
  return row;
}

std::string QueryFor(int year, std::int64_t employer_id) {
  std::string q = "?year=" + std::to_string(year);
  if (employer_id) q += "&employer=" + std::to_string(employer_id);
  return q;
}

std::string AllYearsHref(std::int64_t employer_id, int page) {
  std::string href = "/contributions?year=" + std::string(kAllYears);
  if (employer_id) href += "&employer=" + std::to_string(employer_id);
  if (page > 1) href += "&page=" + std::to_string(page);
  return href;
}

data MonthRows(const view::Views& views, const std::string& lang,
               const std::vector<MonthRow>& rows) {
  data list{data::type::list};
  for (const auto& r : rows) {
    data row = AmountCells(lang, r);
    row.set("month", MonthName(views, lang, r.period));
    row.set("employer", r.employer_name);
    row.set("paid", r.paid);
    // An unpaid month after its bill's due date: the employer is late since the day after.
    if (!r.paid && r.due_date) {
      const bool late = *r.due_date < i18n::FundDayIso(std::time(nullptr));
      row.set("late", late);
      row.set("late_since", i18n::DayText(views.catalogs(), lang, i18n::NextDayIso(*r.due_date)));
      row.set("due", i18n::DayText(views.catalogs(), lang, *r.due_date));
    }
    list.push_back(row);
  }
  return list;
}

// Every year at once: one page of months, the pager, and each year's totals (summed by the
// database, so a 40-year history costs a COUNT, a 24-row slice and a GROUP BY).
void AllYears(const http::Request& request, const view::Views& views, soci::session& sql,
              std::int64_t member, std::int64_t employer_id, data& page) {
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  const PageSlice slice = SliceFor(CountRows(sql, member, employer_id),
                                   NumberParam(request, "page", 1, 1'000'000).value_or(0));
  const auto rows = HistoryPage(sql, member, employer_id, slice.limit, slice.offset);
  page.set("all_years", true);
  page.set("rows", MonthRows(views, lang, rows));
  page.set("has_rows", !rows.empty());
  const std::map<std::string, std::string> position = {{"page", std::to_string(slice.page)},
                                                       {"pages", std::to_string(slice.pages)}};
  page.set("caption", t.Get(lang, "contributions.caption_all"));
  page.set("page_of", t.Format(lang, "contributions.page_of", position));

  if (slice.pages > 1) {
    data links{data::type::list};
    for (int number : PageLinks(slice.page, slice.pages)) {
      data link{data::type::object};
      if (number == 0) {
        link.set("gap", true);
      } else {
        link.set("href", AllYearsHref(employer_id, number));
        link.set("number", std::to_string(number));
        link.set("current", number == slice.page);
        link.set("label",
                 t.Format(lang, "contributions.page_link", {{"page", std::to_string(number)}}));
      }
      links.push_back(link);
    }
    page.set("page_links", links);
    page.set("has_pages", true);
    if (slice.page > 1) page.set("previous_href", AllYearsHref(employer_id, slice.page - 1));
    if (slice.page < slice.pages) page.set("next_href", AllYearsHref(employer_id, slice.page + 1));
  }

  data years{data::type::list};
  int months_unpaid = 0;
  for (const auto& y : TotalsByYear(sql, member, employer_id)) {
    data row = TotalsCells(lang, y.totals);
    row.set("year", std::to_string(y.year));
    row.set("href", "/contributions" + QueryFor(y.year, employer_id));
    row.set("months_unpaid", std::to_string(y.totals.months_unpaid));
    row.set("has_unpaid", y.totals.months_unpaid > 0);
    years.push_back(row);
    months_unpaid += y.totals.months_unpaid;
  }
  page.set("year_totals", years);
  page.set("months_unpaid", std::to_string(months_unpaid));
  page.set("has_unpaid", months_unpaid > 0);
}

}  // namespace

void AddRoutes(http::Router& router, db::Database& database, const view::Views& views) {
  router.Get(
      "/contributions", http::OnlyRoles({"member"}, [&database, &views](http::Request& request) {
        const std::string& lang = request.lang;
        const auto& t = views.catalogs();
        auto lease = database.Acquire();
        soci::session& sql = lease.session();
        const std::int64_t member = request.visitor.member_id;
        const std::vector<int> years = YearsWithContributions(sql, member);
        const std::vector<EmployerChoice> employers = EmployersOf(sql, member);
        Filter filter;
        if (!years.empty()) filter.year = years.front();
        const bool all_years = !years.empty() && request.Query("year") == kAllYears;
        if (all_years) {
          filter.year = 0;
        } else if (auto y = NumberParam(request, "year", 1900, 2200);
                   y && std::find(years.begin(), years.end(), *y) != years.end()) {
          filter.year = static_cast<int>(*y);
        }
        if (auto e = NumberParam(request, "employer", 1, 1LL << 62)) {
          for (const auto& choice : employers) {
            if (choice.id == *e) filter.employer_id = choice.id;
          }
        }

        data page{data::type::object};
        page.set("has_history", !years.empty());
        page.set("all_years_value", std::string(kAllYears));
        page.set("all_years_selected", all_years);
        data year_options{data::type::list};
        for (int y : years) {
          data o{data::type::object};
          o.set("value", std::to_string(y));
          o.set("selected", y == filter.year);
          year_options.push_back(o);
        }
        page.set("years", year_options);
        data employer_options{data::type::list};
        for (const auto& e : employers) {
          data o{data::type::object};
          o.set("value", std::to_string(e.id));
          o.set("name", e.name);
          o.set("selected", e.id == filter.employer_id);
          employer_options.push_back(o);
        }
        page.set("employers", employer_options);
        page.set("all_employers_selected", filter.employer_id == 0);
        page.set("csv_all_href",
                 std::string("/contributions.csv") +
                     (filter.employer_id ? "?employer=" + std::to_string(filter.employer_id) : ""));

        if (all_years) {
          AllYears(request, views, sql, member, filter.employer_id, page);
        } else if (!years.empty()) {
          const auto rows = History(sql, member, filter.year, filter.employer_id);
          page.set("rows", MonthRows(views, lang, rows));
          page.set("has_rows", !rows.empty());
          const Totals totals = Sum(rows);
          page.set("totals", TotalsCells(lang, totals));
          page.set("months_unpaid", std::to_string(totals.months_unpaid));
          page.set("has_unpaid", totals.months_unpaid > 0);
          page.set("year", std::to_string(filter.year));
          page.set("caption", t.Format(lang, "contributions.caption",
                                       {{"year", std::to_string(filter.year)}}));
          const auto at = std::find(years.begin(), years.end(), filter.year);
          if (at != years.end() && at + 1 != years.end()) {
            page.set("older_href", "/contributions" + QueryFor(*(at + 1), filter.employer_id));
            page.set("older_year", std::to_string(*(at + 1)));
          }
          if (at != years.begin() && at != years.end()) {
            page.set("newer_href", "/contributions" + QueryFor(*(at - 1), filter.employer_id));
            page.set("newer_year", std::to_string(*(at - 1)));
          }
          page.set("all_years_href", AllYearsHref(filter.employer_id, 1));
          page.set("csv_year_href",
                   "/contributions.csv" + QueryFor(filter.year, filter.employer_id));
        }
        return view::Page(request, views, "contributions/history", "contributions.title", page);
      }));

  router.Get(
      "/contributions.csv",
      http::OnlyRoles({"member"}, [&database, &views](http::Request& request) {
        const std::string& lang = request.lang;
        const auto& t = views.catalogs();
        auto lease = database.Acquire();
        soci::session& sql = lease.session();
        const std::int64_t member = request.visitor.member_id;
        const int year = static_cast<int>(NumberParam(request, "year", 1900, 2200).value_or(0));
        std::int64_t employer = 0;
        if (auto e = NumberParam(request, "employer", 1, 1LL << 62)) employer = *e;
        const auto rows = History(sql, member, year, employer);
        std::string body = "\xEF\xBB\xBF";  // BOM: spreadsheets then read the names as UTF-8
        std::vector<std::string> header;
        for (const char* id : {"month", "employer", "wage", "jht_worker", "jht_employer", "jkk",
                               "jkm", "jp_worker", "jp_employer", "jkp", "total", "status"}) {
          header.push_back(CsvCell(t.Get(lang, std::string("contributions.col.") + id)));
        }
        body += CsvLine(header);
        for (const auto& r : rows) {
          char month[24];
          std::snprintf(month, sizeof month, "%04d-%02d", r.period / 100, r.period % 100);
          body += CsvLine(
              {month, CsvCell(r.employer_name), r.wage ? CsvNumber(*r.wage) : "",
               CsvNumber(r.jht_worker), CsvNumber(r.jht_employer), CsvNumber(r.jkk),
               CsvNumber(r.jkm), CsvNumber(r.jp_worker), CsvNumber(r.jp_employer), CsvNumber(r.jkp),
               CsvNumber(r.Total()),
               CsvCell(t.Get(lang, r.paid ? "contributions.paid" : "contributions.unpaid"))});
        }
        auto response = http::Response::Text(body);
        response.Set("Content-Type", "text/csv; charset=utf-8");
        const std::string name =
            "contributions" + (year ? "-" + std::to_string(year) : "") + ".csv";
        response.Set("Content-Disposition", "attachment; filename=\"" + name + "\"");
        return response;
      }));
}

view::DashboardCardSource DashboardCards(db::Database& database, const view::Views& views) {
  return [&database, &views](const http::Request& request) {
    std::vector<view::DashboardCard> cards;
    if (request.visitor.role != "member" || !request.visitor.member_id) return cards;
    const std::string& lang = request.lang;
    const auto& t = views.catalogs();
    auto lease = database.Acquire();
    const LatestPosition position = Latest(lease.session(), request.visitor.member_id);
    view::DashboardCard card;
    card.order = 30;
    card.title = t.Get(lang, "contributions.card.title");
    if (position.latest.empty()) {
      card.lines = {t.Get(lang, "contributions.none")};
    } else {
      card.figure = MonthName(views, lang, position.latest.front().period);
      for (const auto& row : position.latest) {
        card.lines.push_back(t.Format(
            lang, row.paid ? "contributions.card.paid_by" : "contributions.card.unpaid_by",
            {{"employer", row.employer_name}, {"amount", i18n::FormatRupiah(row.Total(), lang)}}));
      }
      if (position.unpaid_rows > 0) {
        card.warning = true;
        card.lines.push_back(t.Format(lang, "contributions.card.arrears",
                                      {{"months", std::to_string(position.unpaid_rows)}}));
      }
    }
    card.href = "/contributions";
    card.link_text = t.Get(lang, "contributions.card.link");
    cards.push_back(std::move(card));
    return cards;
  };
}

}  // namespace lumbung::contributions
