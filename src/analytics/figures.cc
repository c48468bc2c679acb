#include "analytics/figures.h"

#include <soci/soci.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "analytics/bands.h"
#include "analytics/chart.h"
#include "core/csv/safe_csv.h"
#include "core/db/row_value.h"
#include "core/i18n/rupiah.h"
#include "registry/nik.h"

namespace lumbung::analytics {
namespace {

const std::vector<std::string> kSections = {"members", "wages",   "arrears",
                                            "claims",  "subsidy", "training"};
const std::vector<std::string> kClaimTypes = {
    "jht_full", "jht_partial_10", "jht_partial_30", "jp", "jkm", "jkk", "jkp", "legacy"};
const std::vector<std::string> kOutcomes = {"pending", "approved", "rejected", "withdrawn"};
const std::vector<std::string> kResults = {"paid", "failed", "rerouted_post_office",
                                           "returned_to_employer", "pending"};
const std::vector<std::string> kReasons = {"",
                                           "unsent",
                                           "account_closed",
                                           "account_dormant",
                                           "account_invalid",
                                           "account_frozen",
                                           "account_nik_mismatch",
                                           "account_not_registered"};
const std::vector<std::string> kFields = {"digital",     "manufacturing", "hospitality",
                                          "agriculture", "construction",  "care",
                                          "business",    "language",      "other"};

int IndexIn(const std::vector<std::string>& list, const std::string& value) {
  const auto it = std::find(list.begin(), list.end(), value);
  return it == list.end() ? -1 : static_cast<int>(it - list.begin());
}

// What a section's figures are worded with.
class Words {
 public:
  Words(const i18n::Catalogs& catalogs, const std::string& lang) : c_(catalogs), lang_(lang) {}
  const std::string& operator()(const std::string& id) const { return c_.Get(lang_, id); }
  std::string Format(const std::string& id, const std::map<std::string, std::string>& v) const {
    return c_.Format(lang_, id, v);
  }
  bool Has(const std::string& id) const { return c_.All(lang_).count(id) > 0; }
  const std::string& lang() const { return lang_; }

 private:
  const i18n::Catalogs& c_;
  const std::string& lang_;
};

std::string Mark(const Words& w, Hidden hidden) {
  return w(hidden == Hidden::kSmallGroup ? "analytics.mark_small" : "analytics.mark_protect");
}

Cell CountCell(const Words& w, std::int64_t value, Hidden hidden) {
  if (hidden != Hidden::kShown) return {Mark(w, hidden), Mark(w, hidden), hidden};
  return {GroupedNumber(value, w.lang()), std::to_string(value), Hidden::kShown};
}

// A figure derived from a count (rupiah, a mean, a median): hidden with the count.
Cell MoneyCell(const Words& w, std::int64_t amount, Hidden with) {
  if (with != Hidden::kShown) return {Mark(w, with), Mark(w, with), with};
  return {i18n::FormatRupiah(amount, w.lang()), std::to_string(amount), Hidden::kShown};
}

Cell MedianCell(const Words& w, const std::optional<BandMedian>& median, Hidden with, bool money) {
  if (with != Hidden::kShown) return {Mark(w, with), Mark(w, with), with};
  if (!median) return {"–", "", Hidden::kShown};
  const auto value = static_cast<std::int64_t>(std::llround(median->value));
  std::string text = money ? i18n::FormatRupiah(value, w.lang()) : GroupedNumber(value, w.lang());
  if (median->at_least) text = "≥ " + text;
  return {text, (median->at_least ? ">=" : "") + std::to_string(value), Hidden::kShown};
}

// The provinces of the registry, and any other code the aggregates hold, in code order.
struct Provinces {
  std::vector<int> codes;
  std::map<int, int> index;
  int size() const { return static_cast<int>(codes.size()); }
  int Of(int code) const { return index.at(code); }
  // The cube index of the filter: a province, or the total over all.
  int Slice(int code) const {
    const auto it = index.find(code);
    return code == 0 || it == index.end() ? size() : it->second;
  }
};

Provinces MakeProvinces(const std::set<int>& seen) {
  std::set<int> all(seen);
  for (const auto& p : registry::Provinces()) all.insert(p.code);
  Provinces p;
  p.codes.assign(all.begin(), all.end());
  for (int i = 0; i < p.size(); ++i) p.index[p.codes[static_cast<std::size_t>(i)]] = i;
  return p;
}

std::string ProvinceName(int code) {
  for (const auto& p : registry::Provinces()) {
    if (p.code == code) return p.name;
  }
  return std::to_string(code);
}

std::string FilterPlace(const Words& w, const Filter& f) {
  return f.province == 0 ? w("analytics.all_provinces") : ProvinceName(f.province);
}

Row TotalRow(const Words& w, std::vector<Cell> cells) {
  return Row{w("analytics.total"), std::move(cells), true};
}

std::vector<Bar> BarsOf(const Table& table, std::size_t column) {
  std::vector<Bar> bars;
  for (const Row& row : table.rows) {
    if (row.total) continue;
    const Cell& cell = row.cells[column];
    Bar bar{.label = row.label,
            .value = 0,
            .value_text = cell.text,
            .hidden = cell.hidden != Hidden::kShown};
    if (!bar.hidden && !cell.csv.empty()) {
      try {
        bar.value = std::stoll(cell.csv[0] == '>' ? cell.csv.substr(2) : cell.csv);
      } catch (const std::exception&) {
        bar.value = 0;
      }
    }
    bars.push_back(bar);
  }
  return bars;
}

std::string ChartOf(const Table& table, std::size_t column, const std::string& title,
                    const std::string& description) {
  return BarChartSvg(BarsOf(table, column),
                     {.id = table.id + "-chart", .title = title, .description = description});
}

std::string Heading(const Words& w, const std::string& id, const Filter& f, bool with_year) {
  std::map<std::string, std::string> v{{"place", FilterPlace(w, f)}};
  if (with_year) v["year"] = std::to_string(f.year);
  return w.Format(id, v);
}

// --- members ------------------------------------------------------------------------------

SectionFigures Members(soci::session& sql, const Filter& f, const Words& w) {
  struct R {
    int province;
    std::string sector;
    int band;
    std::int64_t n;
  };
  std::vector<R> rows;
  std::set<int> seen;
  std::set<std::string> sectors_seen;
  soci::rowset<soci::row> rs =
      sql.prepare << "SELECT province_code, sector, age_band, members FROM analytics_members";
  for (const soci::row& row : rs) {
    R r{static_cast<int>(db::RowInt(row, 0)), db::RowText(row, 1),
        static_cast<int>(db::RowInt(row, 2)), db::RowInt(row, 3)};
    seen.insert(r.province);
    sectors_seen.insert(r.sector);
    rows.push_back(std::move(r));
  }
  const Provinces provinces = MakeProvinces(seen);
  std::vector<std::string> sectors;
  for (const auto& s : sectors_seen) {
    if (!s.empty()) sectors.push_back(s);
  }
  sectors.push_back("");  // no current job, last
  const int bands = static_cast<int>(AgeBands().size());
  Cube cube({provinces.size(), static_cast<int>(sectors.size()), bands});
  for (const R& r : rows) {
    if (r.band < 0 || r.band >= bands) continue;
    cube.Add({provinces.Of(r.province), IndexIn(sectors, r.sector), r.band}, r.n);
  }
  const SuppressedCube s(std::move(cube));
  const int P = provinces.size(), S = static_cast<int>(sectors.size()), A = bands;
  const int at = provinces.Slice(f.province);
  const auto cell = [&](std::vector<int> i) { return CountCell(w, s.Records(i), s.HiddenAt(i)); };

  SectionFigures out;
  {
    Table t{.id = "members-age",
            .caption = Heading(w, "analytics.members.by_age_caption", f, false),
            .row_header = w("analytics.col.age_band"),
            .columns = {w("analytics.col.members")}};
    const auto edges = AgeBands();
    for (int a = 0; a < A; ++a) {
      std::string label;
      if (a == 0) {
        label = w.Format("analytics.age_under", {{"age", std::to_string(edges[1])}});
      } else if (a + 1 == A) {
        label = w.Format("analytics.age_over", {{"age", std::to_string(edges[a])}});
      } else {
        label = std::to_string(edges[a]) + "–" + std::to_string(edges[a + 1] - 1);
      }
      t.rows.push_back({label, {cell({at, S, a})}});
    }
    t.rows.push_back(TotalRow(w, {cell({at, S, A})}));
    Figure fig{.heading = w("analytics.members.by_age"), .chart_svg = "", .table = t};
    fig.chart_svg = ChartOf(t, 0, t.caption, w("analytics.chart_desc"));
    out.figures.push_back(std::move(fig));
  }
  {
    Table t{.id = "members-sector",
            .caption = Heading(w, "analytics.members.by_sector_caption", f, false),
            .row_header = w("analytics.col.sector"),
            .columns = {w("analytics.col.members")}};
    for (int i = 0; i < S; ++i) {
      const std::string& slug = sectors[static_cast<std::size_t>(i)];
      const std::string id = slug.empty() ? "analytics.sector_none" : "analytics.sector_" + slug;
      t.rows.push_back({w.Has(id) ? w(id) : slug, {cell({at, i, A})}});
    }
    t.rows.push_back(TotalRow(w, {cell({at, S, A})}));
    out.figures.push_back(
        {.heading = w("analytics.members.by_sector"), .chart_svg = "", .table = t});
  }
  {
    Table t{.id = "members-province",
            .caption = w("analytics.members.by_province_caption"),
            .row_header = w("analytics.col.province"),
            .columns = {w("analytics.col.members")}};
    for (int p = 0; p < P; ++p) {
      if (s.Records({p, S, A}) == 0) continue;
      t.rows.push_back(
          {ProvinceName(provinces.codes[static_cast<std::size_t>(p)]), {cell({p, S, A})}});
    }
    t.rows.push_back(TotalRow(w, {cell({P, S, A})}));
    out.figures.push_back(
        {.heading = w("analytics.members.by_province"), .chart_svg = "", .table = t});
  }
  return out;
}

// --- wages and contributions --------------------------------------------------------------

SectionFigures Wages(soci::session& sql, const Filter& f, const Words& w) {
  const int from = f.year * 100 + 1, to = f.year * 100 + 12;
  const int nbands = static_cast<int>(WageBands().size());
  std::set<int> seen;
  struct W {
    int month, province, band;
    std::int64_t workers, sum;
  };
  std::vector<W> wages;
  {
    soci::rowset<soci::row> rs =
        (sql.prepare
             << "SELECT period, province_code, band, workers, wage_sum FROM analytics_wages "
                "WHERE period BETWEEN :f AND :t",
         soci::use(from, "f"), soci::use(to, "t"));
    for (const soci::row& row : rs) {
      W x{static_cast<int>(db::RowInt(row, 0) % 100) - 1, static_cast<int>(db::RowInt(row, 1)),
          static_cast<int>(db::RowInt(row, 2)), db::RowInt(row, 3), db::RowInt(row, 4)};
      seen.insert(x.province);
      wages.push_back(x);
    }
  }
  struct C {
    int month, province;
    std::int64_t contributors, billed, paid;
  };
  std::vector<C> contributions;
  {
    soci::rowset<soci::row> rs =
        (sql.prepare << "SELECT period, province_code, contributors, billed, paid FROM "
                        "analytics_contributions WHERE period BETWEEN :f AND :t",
         soci::use(from, "f"), soci::use(to, "t"));
    for (const soci::row& row : rs) {
      C x{static_cast<int>(db::RowInt(row, 0) % 100) - 1, static_cast<int>(db::RowInt(row, 1)),
          db::RowInt(row, 2), db::RowInt(row, 3), db::RowInt(row, 4)};
      seen.insert(x.province);
      contributions.push_back(x);
    }
  }
  const Provinces provinces = MakeProvinces(seen);
  const int at = provinces.Slice(f.province);
  Cube workers({12, provinces.size()});
  // Per month, for the province chosen (or all): the band counts and the wage sum.
  std::vector<std::vector<std::int64_t>> band_counts(12, std::vector<std::int64_t>(nbands, 0));
  std::vector<std::int64_t> wage_sum(12, 0);
  for (const W& x : wages) {
    if (x.month < 0 || x.month >= 12 || x.band < 0 || x.band >= nbands) continue;
    workers.Add({x.month, provinces.Of(x.province)}, x.workers);
    if (f.province == 0 || x.province == f.province) {
      band_counts[static_cast<std::size_t>(x.month)][static_cast<std::size_t>(x.band)] += x.workers;
      wage_sum[static_cast<std::size_t>(x.month)] += x.sum;
    }
  }
  Cube contributors({12, provinces.size()});
  std::vector<std::int64_t> billed(12, 0), paid(12, 0);
  for (const C& x : contributions) {
    if (x.month < 0 || x.month >= 12) continue;
    contributors.Add({x.month, provinces.Of(x.province)}, x.contributors);
    if (f.province == 0 || x.province == f.province) {
      billed[static_cast<std::size_t>(x.month)] += x.billed;
      paid[static_cast<std::size_t>(x.month)] += x.paid;
    }
  }
  const SuppressedCube sw(std::move(workers)), sc(std::move(contributors));
  const auto month_label = [&](int m) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", f.year, m + 1);
    return std::string(buf);
  };
  SectionFigures out;
  {
    Table t{.id = "wages-month",
            .caption = Heading(w, "analytics.wages.caption", f, true),
            .row_header = w("analytics.col.month"),
            .columns = {w("analytics.col.workers"), w("analytics.col.median_wage"),
                        w("analytics.col.mean_wage")}};
    for (int m = 0; m < 12; ++m) {
      const std::int64_t n = sw.Records({m, at});
      if (n == 0) continue;
      const Hidden h = sw.HiddenAt({m, at});
      t.rows.push_back(
          {month_label(m),
           {CountCell(w, n, h),
            MedianCell(w, MedianFromBands(WageBands(), band_counts[static_cast<std::size_t>(m)]), h,
                       true),
            MoneyCell(w, wage_sum[static_cast<std::size_t>(m)] / n, h)}});
    }
    Figure fig{.heading = w("analytics.wages.heading"), .chart_svg = "", .table = t};
    fig.chart_svg = ChartOf(t, 1, t.caption, w("analytics.chart_desc"));
    out.figures.push_back(std::move(fig));
  }
  {
    Table t{.id = "contributions-month",
            .caption = Heading(w, "analytics.contributions.caption", f, true),
            .row_header = w("analytics.col.month"),
            .columns = {w("analytics.col.contributors"), w("analytics.col.billed"),
                        w("analytics.col.paid")}};
    for (int m = 0; m < 12; ++m) {
      const std::int64_t n = sc.Records({m, at});
      if (n == 0) continue;
      const Hidden h = sc.HiddenAt({m, at});
      t.rows.push_back({month_label(m),
                        {CountCell(w, n, h), MoneyCell(w, billed[static_cast<std::size_t>(m)], h),
                         MoneyCell(w, paid[static_cast<std::size_t>(m)], h)}});
    }
    out.figures.push_back(
        {.heading = w("analytics.contributions.heading"), .chart_svg = "", .table = t});
  }
  return out;
}

// --- employers in arrears -----------------------------------------------------------------

SectionFigures Arrears(soci::session& sql, const Filter& f, const Words& w) {
  const int nbands = static_cast<int>(OverdueBands().size());
  struct A {
    int province, band;
    std::int64_t employers, outstanding;
  };
  std::vector<A> rows;
  std::set<int> seen;
  soci::rowset<soci::row> rs = sql.prepare << "SELECT province_code, overdue_band, employers, "
                                              "outstanding FROM analytics_arrears";
  for (const soci::row& row : rs) {
    A a{static_cast<int>(db::RowInt(row, 0)), static_cast<int>(db::RowInt(row, 1)),
        db::RowInt(row, 2), db::RowInt(row, 3)};
    seen.insert(a.province);
    rows.push_back(a);
  }
  const Provinces provinces = MakeProvinces(seen);
  const int P = provinces.size();
  Cube cube({P, nbands});
  std::map<std::pair<int, int>, std::int64_t> owed;  // cube index (with totals) -> rupiah
  for (const A& a : rows) {
    if (a.band < 0 || a.band >= nbands) continue;
    const int p = provinces.Of(a.province);
    cube.Add({p, a.band}, a.employers);
    for (int pp : {p, P}) {
      for (int bb : {a.band, nbands}) owed[{pp, bb}] += a.outstanding;
    }
  }
  const SuppressedCube s(std::move(cube));
  const int at = provinces.Slice(f.province);
  SectionFigures out;
  const auto cells = [&](int p, int b) {
    const Hidden h = s.HiddenAt({p, b});
    return std::vector<Cell>{CountCell(w, s.Records({p, b}), h), MoneyCell(w, owed[{p, b}], h)};
  };
  const std::vector<std::string> columns = {w("analytics.col.employers"),
                                            w("analytics.col.outstanding")};
  {
    Table t{.id = "arrears-overdue",
            .caption = Heading(w, "analytics.arrears.by_band_caption", f, false),
            .row_header = w("analytics.col.overdue"),
            .columns = columns};
    for (int b = 0; b < nbands; ++b) {
      t.rows.push_back({w("analytics.overdue_" + std::to_string(b)), cells(at, b)});
    }
    t.rows.push_back(TotalRow(w, cells(at, nbands)));
    Figure fig{.heading = w("analytics.arrears.by_band"), .chart_svg = "", .table = t};
    fig.chart_svg = ChartOf(t, 0, t.caption, w("analytics.chart_desc"));
    out.figures.push_back(std::move(fig));
  }
  {
    Table t{.id = "arrears-province",
            .caption = w("analytics.arrears.by_province_caption"),
            .row_header = w("analytics.col.province"),
            .columns = columns};
    for (int p = 0; p < P; ++p) {
      if (s.Records({p, nbands}) == 0) continue;
      t.rows.push_back(
          {ProvinceName(provinces.codes[static_cast<std::size_t>(p)]), cells(p, nbands)});
    }
    t.rows.push_back(TotalRow(w, cells(P, nbands)));
    out.figures.push_back(
        {.heading = w("analytics.arrears.by_province"), .chart_svg = "", .table = t});
  }
  return out;
}

// --- claims -------------------------------------------------------------------------------

SectionFigures Claims(soci::session& sql, const Filter& f, const Words& w) {
  const int T = static_cast<int>(kClaimTypes.size()), O = static_cast<int>(kOutcomes.size());
  const int D = static_cast<int>(ProcessingBands().size());
  struct X {
    int province, type, outcome, band;
    std::int64_t claims, people;
  };
  std::vector<X> rows;
  std::set<int> seen;
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT province_code, claim_type, outcome, days_band, claims, people "
                      "FROM analytics_claims WHERE year = :y",
       soci::use(f.year, "y"));
  for (const soci::row& row : rs) {
    X x{static_cast<int>(db::RowInt(row, 0)),
        IndexIn(kClaimTypes, db::RowText(row, 1)),
        IndexIn(kOutcomes, db::RowText(row, 2)),
        static_cast<int>(db::RowInt(row, 3)),
        db::RowInt(row, 4),
        db::RowInt(row, 5)};
    if (x.type < 0 || x.outcome < 0) continue;
    seen.insert(x.province);
    rows.push_back(x);
  }
  const Provinces provinces = MakeProvinces(seen);
  Cube by_outcome({T, O, provinces.size()});
  Cube by_days({T, D, provinces.size()});
  for (const X& x : rows) {
    const int p = provinces.Of(x.province);
    by_outcome.Add({x.type, x.outcome, p}, x.claims, x.people);
    if (x.band >= 0 && x.band < D) by_days.Add({x.type, x.band, p}, x.claims, x.people);
  }
  const SuppressedCube so(std::move(by_outcome)), sd(std::move(by_days));
  const int at = provinces.Slice(f.province);
  const auto type_label = [&](int t) {
    return w("analytics.claim_type_" + kClaimTypes[static_cast<std::size_t>(t)]);
  };
  SectionFigures out;
  {
    Table t{.id = "claims-outcome",
            .caption = Heading(w, "analytics.claims.outcome_caption", f, true),
            .row_header = w("analytics.col.claim_type"),
            .columns = {}};
    for (const auto& o : kOutcomes) t.columns.push_back(w("analytics.outcome_" + o));
    t.columns.push_back(w("analytics.total"));
    for (int ty = 0; ty <= T; ++ty) {
      if (ty < T && so.Records({ty, O, at}) == 0) continue;
      std::vector<Cell> cells;
      for (int o = 0; o <= O; ++o)
        cells.push_back(CountCell(w, so.Records({ty, o, at}), so.HiddenAt({ty, o, at})));
      if (ty == T) {
        t.rows.push_back(TotalRow(w, std::move(cells)));
      } else {
        t.rows.push_back({type_label(ty), std::move(cells)});
      }
    }
    Figure fig{.heading = w("analytics.claims.outcome_heading"), .chart_svg = "", .table = t};
    fig.chart_svg = ChartOf(t, static_cast<std::size_t>(O), t.caption, w("analytics.chart_desc"));
    out.figures.push_back(std::move(fig));
  }
  {
    Table t{.id = "claims-days",
            .caption = Heading(w, "analytics.claims.days_caption", f, true),
            .row_header = w("analytics.col.claim_type"),
            .columns = {w("analytics.col.decided"), w("analytics.col.median_days")}};
    for (int ty = 0; ty <= T; ++ty) {
      const std::int64_t n = sd.Records({ty, D, at});
      if (n == 0) continue;
      const Hidden h = sd.HiddenAt({ty, D, at});
      std::vector<std::int64_t> counts;
      for (int d = 0; d < D; ++d) counts.push_back(sd.Records({ty, d, at}));
      std::vector<Cell> cells{CountCell(w, n, h),
                              MedianCell(w, MedianFromBands(ProcessingBands(), counts), h, false)};
      if (ty == T) {
        t.rows.push_back(TotalRow(w, std::move(cells)));
      } else {
        t.rows.push_back({type_label(ty), std::move(cells)});
      }
    }
    out.figures.push_back(
        {.heading = w("analytics.claims.days_heading"), .chart_svg = "", .table = t});
  }
  return out;
}

// --- wage subsidy -------------------------------------------------------------------------

SectionFigures Subsidy(soci::session& sql, const Filter& f, const Words& w) {
  const int R = static_cast<int>(kResults.size()), E = static_cast<int>(kReasons.size());
  struct X {
    int province, result, reason;
    std::int64_t payments, people, amount;
  };
  std::vector<X> rows;
  std::set<int> seen;
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT province_code, result, reason, payments, people, amount "
                      "FROM analytics_subsidy WHERE program_year = :y",
       soci::use(f.year, "y"));
  for (const soci::row& row : rs) {
    X x{static_cast<int>(db::RowInt(row, 0)),
        IndexIn(kResults, db::RowText(row, 1)),
        IndexIn(kReasons, db::RowText(row, 2)),
        db::RowInt(row, 3),
        db::RowInt(row, 4),
        db::RowInt(row, 5)};
    if (x.result < 0 || x.reason < 0) continue;
    seen.insert(x.province);
    rows.push_back(x);
  }
  const Provinces provinces = MakeProvinces(seen);
  const int P = provinces.size();
  Cube cube({R, E, P});
  std::map<std::pair<int, int>, std::int64_t> amount;  // (result or R, province or P) -> rupiah
  for (const X& x : rows) {
    const int p = provinces.Of(x.province);
    cube.Add({x.result, x.reason, p}, x.payments, x.people);
    for (int rr : {x.result, R}) {
      for (int pp : {p, P}) amount[{rr, pp}] += x.amount;
    }
  }
  const SuppressedCube s(std::move(cube));
  const int at = provinces.Slice(f.province);
  SectionFigures out;
  {
    Table t{.id = "subsidy-result",
            .caption = Heading(w, "analytics.subsidy.result_caption", f, true),
            .row_header = w("analytics.col.result"),
            .columns = {w("analytics.col.payments"), w("analytics.col.amount")}};
    for (int r = 0; r <= R; ++r) {
      const Hidden h = s.HiddenAt({r, E, at});
      std::vector<Cell> cells{CountCell(w, s.Records({r, E, at}), h),
                              MoneyCell(w, amount[{r, at}], h)};
      if (r == R) {
        t.rows.push_back(TotalRow(w, std::move(cells)));
      } else {
        t.rows.push_back(
            {w("analytics.result_" + kResults[static_cast<std::size_t>(r)]), std::move(cells)});
      }
    }
    Figure fig{.heading = w("analytics.subsidy.result_heading"), .chart_svg = "", .table = t};
    fig.chart_svg = ChartOf(t, 0, t.caption, w("analytics.chart_desc"));
    out.figures.push_back(std::move(fig));
  }
  {
    // Failures by the bank's reason, for each result a failure can end in.
    const std::vector<int> failed = {1, 2, 3};
    Table t{.id = "subsidy-reason",
            .caption = Heading(w, "analytics.subsidy.reason_caption", f, true),
            .row_header = w("analytics.col.reason"),
            .columns = {}};
    for (int r : failed)
      t.columns.push_back(w("analytics.result_" + kResults[static_cast<std::size_t>(r)]));
    for (int e = 1; e < E; ++e) {
      std::vector<Cell> cells;
      std::int64_t any = 0;
      for (int r : failed) {
        any += s.Records({r, e, at});
        cells.push_back(CountCell(w, s.Records({r, e, at}), s.HiddenAt({r, e, at})));
      }
      if (any == 0) continue;
      t.rows.push_back(
          {w("analytics.reason_" + kReasons[static_cast<std::size_t>(e)]), std::move(cells)});
    }
    out.figures.push_back(
        {.heading = w("analytics.subsidy.reason_heading"), .chart_svg = "", .table = t});
  }
  {
    Table t{.id = "subsidy-province",
            .caption = Heading(w, "analytics.subsidy.province_caption", f, true),
            .row_header = w("analytics.col.province"),
            .columns = {w("analytics.result_paid"), w("analytics.result_failed")}};
    const auto cells = [&](int p) {
      return std::vector<Cell>{CountCell(w, s.Records({0, E, p}), s.HiddenAt({0, E, p})),
                               CountCell(w, s.Records({1, E, p}), s.HiddenAt({1, E, p}))};
    };
    for (int p = 0; p < P; ++p) {
      if (s.Records({R, E, p}) == 0) continue;
      t.rows.push_back({ProvinceName(provinces.codes[static_cast<std::size_t>(p)]), cells(p)});
    }
    t.rows.push_back(TotalRow(w, cells(P)));
    out.figures.push_back(
        {.heading = w("analytics.subsidy.province_heading"), .chart_svg = "", .table = t});
  }
  return out;
}

// --- training -----------------------------------------------------------------------------

SectionFigures Training(soci::session& sql, const Filter& f, const Words& w) {
  const int F = static_cast<int>(kFields.size());
  struct X {
    int province, field;
    std::int64_t applications, applicants, completions, completers;
  };
  std::vector<X> rows;
  std::set<int> seen;
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT province_code, field, applications, applicants, completions, "
                      "completers FROM analytics_training WHERE year = :y",
       soci::use(f.year, "y"));
  for (const soci::row& row : rs) {
    X x{static_cast<int>(db::RowInt(row, 0)),
        IndexIn(kFields, db::RowText(row, 1)),
        db::RowInt(row, 2),
        db::RowInt(row, 3),
        db::RowInt(row, 4),
        db::RowInt(row, 5)};
    if (x.field < 0) x.field = F - 1;  // a field added later counts as "other"
    seen.insert(x.province);
    rows.push_back(x);
  }
  const Provinces provinces = MakeProvinces(seen);
  Cube applications({F, provinces.size()}), completions({F, provinces.size()});
  for (const X& x : rows) {
    const int p = provinces.Of(x.province);
    applications.Add({x.field, p}, x.applications, x.applicants);
    completions.Add({x.field, p}, x.completions, x.completers);
  }
  const SuppressedCube sa(std::move(applications)), sc(std::move(completions));
  const int at = provinces.Slice(f.province);
  Table t{.id = "training-field",
          .caption = Heading(w, "analytics.training.caption", f, true),
          .row_header = w("analytics.col.field"),
          .columns = {w("analytics.col.applications"), w("analytics.col.completions")}};
  for (int i = 0; i <= F; ++i) {
    std::vector<Cell> cells{CountCell(w, sa.Records({i, at}), sa.HiddenAt({i, at})),
                            CountCell(w, sc.Records({i, at}), sc.HiddenAt({i, at}))};
    if (i == F) {
      t.rows.push_back(TotalRow(w, std::move(cells)));
    } else {
      t.rows.push_back(
          {w("analytics.field_" + kFields[static_cast<std::size_t>(i)]), std::move(cells)});
    }
  }
  SectionFigures out;
  Figure fig{.heading = w("analytics.training.heading"), .chart_svg = "", .table = t};
  fig.chart_svg = ChartOf(t, 0, t.caption, w("analytics.chart_desc"));
  out.figures.push_back(std::move(fig));
  return out;
}

}  // namespace

const std::vector<std::string>& SectionNames() {
  return kSections;
}

bool IsSection(std::string_view name) {
  return std::find(kSections.begin(), kSections.end(), name) != kSections.end();
}

bool IsSnapshot(std::string_view name) {
  return name == "members" || name == "arrears";
}

SectionFigures BuildSection(soci::session& sql, std::string_view section, const Filter& filter,
                            const i18n::Catalogs& catalogs, const std::string& lang) {
  const Words w(catalogs, lang);
  SectionFigures out;
  if (section == "members")
    out = Members(sql, filter, w);
  else if (section == "wages")
    out = Wages(sql, filter, w);
  else if (section == "arrears")
    out = Arrears(sql, filter, w);
  else if (section == "claims")
    out = Claims(sql, filter, w);
  else if (section == "subsidy")
    out = Subsidy(sql, filter, w);
  else if (section == "training")
    out = Training(sql, filter, w);
  for (const Figure& fig : out.figures) {
    for (const Row& row : fig.table.rows) {
      for (const Cell& c : row.cells) {
        if (c.hidden != Hidden::kShown) out.has_hidden = true;
      }
    }
  }
  return out;
}

std::string SectionCsv(const SectionFigures& figures, const std::string& note) {
  std::string body = "\xEF\xBB\xBF";
  if (!note.empty()) body += csv::CsvLine({csv::CsvCell(note)});
  for (const Figure& fig : figures.figures) {
    const Table& t = fig.table;
    body += "\r\n" + csv::CsvLine({csv::CsvCell(t.caption)});
    std::vector<std::string> header{csv::CsvCell(t.row_header)};
    for (const auto& c : t.columns) header.push_back(csv::CsvCell(c));
    body += csv::CsvLine(header);
    for (const Row& row : t.rows) {
      std::vector<std::string> line{csv::CsvCell(row.label)};
      for (const Cell& c : row.cells) line.push_back(csv::CsvCell(c.csv));
      body += csv::CsvLine(line);
    }
  }
  return body;
}

std::string GroupedNumber(std::int64_t value, std::string_view lang) {
  std::string text = i18n::FormatRupiah(value < 0 ? -value : value, lang);
  const auto space = text.find(' ');
  if (space != std::string::npos) text = text.substr(space + 1);
  return value < 0 ? "-" + text : text;
}

std::vector<int> OfferedYears(int current_year) {
  std::vector<int> years;
  for (int y = current_year; y > current_year - 10; --y) years.push_back(y);
  return years;
}

}  // namespace lumbung::analytics
