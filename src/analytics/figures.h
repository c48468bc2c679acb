// The analyst's figures, read from the aggregates (migration 0052, refresh.h) and laid out as
// tables and charts with every small group hidden (suppression.h). Each section's counts are
// put in one Cube over all its categories and every province, suppressed once, and only then
// sliced for the filter: the province or year chosen never changes which figures are hidden.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/suppression.h"
#include "core/i18n/catalog.h"

namespace soci {
class session;
}

namespace lumbung::analytics {

// The sections, in the order the index lists them; each is /staff/analytics/<name>.
const std::vector<std::string>& SectionNames();
bool IsSection(std::string_view name);
// Sections that are a snapshot as of the last refresh (no year).
bool IsSnapshot(std::string_view name);

struct Filter {
  int year = 0;      // fund year (programme year for the subsidy); ignored by snapshots
  int province = 0;  // 0: all provinces
};

struct Cell {
  std::string text;  // as shown: "1.234", "Rp 3.100.000", or the hidden mark
  std::string csv;   // as exported: "1234", or the hidden mark
  Hidden hidden = Hidden::kShown;
};

struct Row {
  std::string label;
  std::vector<Cell> cells;
  bool total = false;
};

struct Table {
  std::string id;  // unique on the page
  std::string caption;
  std::string row_header;  // the first column's heading
  std::vector<std::string> columns;
  std::vector<Row> rows{};
};

struct Figure {
  std::string heading;
  std::string chart_svg;  // "" when the figure has no chart
  Table table;
};

struct SectionFigures {
  std::vector<Figure> figures;
  bool has_hidden = false;  // some figure is hidden: the page explains why
};

// Reads the section's aggregates and lays them out in `lang`. `section` must be IsSection.
SectionFigures BuildSection(soci::session& sql, std::string_view section, const Filter& filter,
                            const i18n::Catalogs& catalogs, const std::string& lang);

// The section as CSV (safe against formula injection): each table under its caption, the
// figures as plain numbers, hidden ones as their marks. Starts with a UTF-8 BOM.
std::string SectionCsv(const SectionFigures& figures, const std::string& note);

// 1234567 -> "1.234.567" (id) or "1,234,567" (en).
std::string GroupedNumber(std::int64_t value, std::string_view lang);

// Years the period filter offers: the current fund year and the nine before it, newest first.
std::vector<int> OfferedYears(int current_year);

}  // namespace lumbung::analytics
