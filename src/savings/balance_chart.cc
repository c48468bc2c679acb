#include "savings/balance_chart.h"

#include <algorithm>
#include <cstdio>

namespace lumbung::savings {
namespace {

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

constexpr double kWidth = 640, kHeight = 320;
constexpr double kLeft = 16, kRight = 16, kTop = 28, kBottom = 36;

}  // namespace

std::string BalanceChartSvg(const std::vector<ChartPoint>& points, const ChartText& text) {
  if (points.empty()) return "";
  std::int64_t max = 1;
  for (const auto& p : points) max = std::max(max, p.value);
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  const double slot = plot_w / static_cast<double>(points.size());
  const double bar = std::clamp(slot * 0.7, 2.0, 48.0);
  // Label every year when they fit, else every n-th, always the last.
  const std::size_t every = std::max<std::size_t>(1, (points.size() + 11) / 12);
  std::string svg =
      "<svg class=\"chart\" viewBox=\"0 0 640 320\" role=\"img\" aria-labelledby=\"chart-title "
      "chart-desc\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"chart-title\">" +
      Escape(text.title) + "</title>\n<desc id=\"chart-desc\">" + Escape(text.description) +
      "</desc>\n";
  svg += "<text x=\"" + Num(kLeft) + "\" y=\"18\" font-size=\"14\" fill=\"#1b1b1b\">" +
         Escape(text.top_label) + "</text>\n";
  svg += "<line x1=\"" + Num(kLeft) + "\" y1=\"" + Num(kTop) + "\" x2=\"" + Num(kWidth - kRight) +
         "\" y2=\"" + Num(kTop) + "\" stroke=\"#c9c0b4\" stroke-dasharray=\"4 4\"/>\n";
  for (std::size_t i = 0; i < points.size(); ++i) {
    const double value = static_cast<double>(std::max<std::int64_t>(0, points[i].value));
    const double h = plot_h * value / static_cast<double>(max);
    const double x = kLeft + slot * static_cast<double>(i) + (slot - bar) / 2;
    svg += "<rect x=\"" + Num(x) + "\" y=\"" + Num(kTop + plot_h - h) + "\" width=\"" + Num(bar) +
           "\" height=\"" + Num(h) + "\" fill=\"#7c3f0c\"/>\n";
    if (i % every == 0 || i + 1 == points.size()) {
      svg += "<text x=\"" + Num(x + bar / 2) + "\" y=\"" + Num(kHeight - 12) +
             "\" font-size=\"13\" text-anchor=\"middle\" fill=\"#1b1b1b\">" +
             Escape(points[i].label) + "</text>\n";
    }
  }
  svg += "<line x1=\"" + Num(kLeft) + "\" y1=\"" + Num(kTop + plot_h) + "\" x2=\"" +
         Num(kWidth - kRight) + "\" y2=\"" + Num(kTop + plot_h) + "\" stroke=\"#1b1b1b\"/>\n";
  return svg + "</svg>";
}

}  // namespace lumbung::savings
