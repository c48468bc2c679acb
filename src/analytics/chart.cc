#include "analytics/chart.h"

#include <algorithm>
#include <cstdio>

#include "core/view/escape.h"

namespace lumbung::analytics {
namespace {

using view::EscapeHtml;

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// As the savings chart: 320 units so that at 360 px a unit is about a CSS pixel and the
// 14-unit labels read at the body text size.
constexpr double kWidth = 320, kRow = 40, kTop = 4, kFontSize = 14;
// Room kept right of the longest bar for its figure.
constexpr double kValueRoom = 110;

}  // namespace

std::string BarChartSvg(const std::vector<Bar>& bars, const BarChartText& text) {
  if (bars.empty()) return "";
  std::int64_t max = 1;
  for (const Bar& b : bars) {
    if (!b.hidden) max = std::max(max, b.value);
  }
  const double height = kTop * 2 + kRow * static_cast<double>(bars.size());
  const std::string id = EscapeHtml(text.id);
  std::string svg = "<svg class=\"chart chart--bars\" viewBox=\"0 0 " + Num(kWidth) + " " +
                    Num(height) + "\" role=\"img\" aria-labelledby=\"" + id + "-title " + id +
                    "-desc\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"" + id +
                    "-title\">" + EscapeHtml(text.title) + "</title>\n<desc id=\"" + id +
                    "-desc\">" + EscapeHtml(text.description) + "</desc>\n";
  const std::string font = "font-size=\"" + Num(kFontSize) + "\"";
  const double plot = kWidth - kValueRoom;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const double y = kTop + kRow * static_cast<double>(i);
    svg += "<text x=\"0\" y=\"" + Num(y + 14) + "\" " + font + " fill=\"#1b1b1b\">" +
           EscapeHtml(b.label) + "</text>\n";
    double end = 0;
    if (b.hidden) {
      svg += "<rect x=\"0.5\" y=\"" + Num(y + 19.5) +
             "\" width=\"24\" height=\"14\" "
             "fill=\"none\" stroke=\"#6b6b6b\" stroke-dasharray=\"3 2\"/>\n";
      end = 25;
    } else {
      const double w =
          plot * static_cast<double>(std::max<std::int64_t>(0, b.value)) / static_cast<double>(max);
      svg += "<rect x=\"0\" y=\"" + Num(y + 19) + "\" width=\"" + Num(w) +
             "\" height=\"15\" fill=\"#7c3f0c\"/>\n";
      end = w;
    }
    svg += "<text x=\"" + Num(end + 6) + "\" y=\"" + Num(y + 32) + "\" " + font +
           " fill=\"#1b1b1b\">" + EscapeHtml(b.value_text) + "</text>\n";
  }
  return svg + "</svg>";
}

}  // namespace lumbung::analytics
