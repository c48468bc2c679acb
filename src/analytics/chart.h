// The analyst's charts as server-rendered SVG, like the savings chart (no script, no inline
// style), with <title> and <desc> for screen readers; every chart sits beside a table holding
// the same figures. Horizontal bars, one per category, so that long labels (provinces, claim
// types) read at 360 px. A hidden figure (suppression.h) has no bar, only its mark. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lumbung::analytics {

struct Bar {
  std::string label;       // "Jawa Barat"
  std::int64_t value = 0;  // drawn to scale; ignored when hidden
  std::string value_text;  // written after the bar: "1.234", "Rp 3.100.000"
  bool hidden = false;     // no bar; value_text says why (the page's hidden mark)
};

struct BarChartText {
  std::string id;  // unique on the page: the ids of <title> and <desc> start with it
  std::string title, description;
};

// An SVG element 320 units wide, 40 units per bar, scaled to the largest shown value. All
// text is XML-escaped. No bars: an empty string.
std::string BarChartSvg(const std::vector<Bar>& bars, const BarChartText& text);

}  // namespace lumbung::analytics
