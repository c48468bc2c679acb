// The balance-over-time chart as server-rendered SVG (no script, no inline style: the CSP
// allows neither), with a <title> and <desc> for screen readers; the page shows the same
// numbers in a table beside it. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lumbung::savings {

struct ChartPoint {
  std::string label;   // x axis: "2019"
  std::int64_t value;  // y: rupiah, >= 0 (negative values are drawn at 0)
};

struct ChartText {
  std::string title, description;
  std::string top_label;  // the y-axis maximum, formatted ("Rp 45.000.000")
};

// An SVG element (viewBox 0 0 320 200) of columns, one per point, scaled to the largest value,
// its labels 16 units high. Text is XML-escaped. An empty `points` gives an empty string.
std::string BalanceChartSvg(const std::vector<ChartPoint>& points, const ChartText& text);

}  // namespace lumbung::savings
