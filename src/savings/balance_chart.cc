#include "savings/balance_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/view/escape.h"

namespace lumbung::savings {
namespace {

using view::EscapeHtml;

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// A narrow drawing (320 units) so that at 360 px, where the chart is about 328 px wide, one
// unit is at least one CSS pixel and the 16-unit labels read at the body text size; the
// stylesheet caps the chart's width on larger screens.
constexpr double kWidth = 320, kHeight = 200;
constexpr double kLeft = 4, kRight = 4, kTop = 30, kBottom = 30;
constexpr double kFontSize = 16;
// The room one year label ("2019") needs at 16 units, with a gap.
constexpr double kLabelRoom = 46;

}  // namespace

std::string BalanceChartSvg(const std::vector<ChartPoint>& points, const ChartText& text) {
  if (points.empty()) return "";
  std::int64_t max = 1;
  for (const auto& p : points) max = std::max(max, p.value);
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  const double slot = plot_w / static_cast<double>(points.size());
  const double bar = std::clamp(slot * 0.7, 2.0, 48.0);
  // Label every n-th year, counting back from the latest, which is always labelled; a label
  // kept off the drawing's edge that would then touch its neighbour is left out.
  const std::size_t every =
      std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(kLabelRoom / slot)));
  const auto column_x = [&](std::size_t i) {
    return kLeft + slot * static_cast<double>(i) + (slot - bar) / 2;
  };
  std::vector<double> label_x(points.size(), -1);  // < 0: no label
  double next_label = kWidth + kLabelRoom;
  for (std::size_t back = 0; back < points.size(); back += every) {
    const std::size_t i = points.size() - 1 - back;
    const double centre =
        std::clamp(column_x(i) + bar / 2, kLeft + kLabelRoom / 2, kWidth - kRight - kLabelRoom / 2);
    if (next_label - centre < kLabelRoom) continue;
    label_x[i] = centre;
    next_label = centre;
  }
  const std::string font = "font-size=\"" + Num(kFontSize) + "\"";
  std::string svg =
      "<svg class=\"chart\" viewBox=\"0 0 " + Num(kWidth) + " " + Num(kHeight) +
      "\" role=\"img\" aria-labelledby=\"chart-title "
      "chart-desc\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"chart-title\">" +
      EscapeHtml(text.title) + "</title>\n<desc id=\"chart-desc\">" + EscapeHtml(text.description) +
      "</desc>\n";
  svg += "<text x=\"" + Num(kLeft) + "\" y=\"20\" " + font + " fill=\"#1b1b1b\">" +
         EscapeHtml(text.top_label) + "</text>\n";
  svg += "<line x1=\"" + Num(kLeft) + "\" y1=\"" + Num(kTop) + "\" x2=\"" + Num(kWidth - kRight) +
         "\" y2=\"" + Num(kTop) + "\" stroke=\"#c9c0b4\" stroke-dasharray=\"4 4\"/>\n";
  for (std::size_t i = 0; i < points.size(); ++i) {
    const double value = static_cast<double>(std::max<std::int64_t>(0, points[i].value));
    const double h = plot_h * value / static_cast<double>(max);
    const double x = column_x(i);
    svg += "<rect x=\"" + Num(x) + "\" y=\"" + Num(kTop + plot_h - h) + "\" width=\"" + Num(bar) +
           "\" height=\"" + Num(h) + "\" fill=\"#7c3f0c\"/>\n";
    if (label_x[i] >= 0) {
      svg += "<text x=\"" + Num(label_x[i]) + "\" y=\"" + Num(kHeight - 8) + "\" " + font +
             " text-anchor=\"middle\" fill=\"#1b1b1b\">" + EscapeHtml(points[i].label) +
             "</text>\n";
    }
  }
  svg += "<line x1=\"" + Num(kLeft) + "\" y1=\"" + Num(kTop + plot_h) + "\" x2=\"" +
         Num(kWidth - kRight) + "\" y2=\"" + Num(kTop + plot_h) + "\" stroke=\"#1b1b1b\"/>\n";
  return svg + "</svg>";
}

}  // namespace lumbung::savings
