#include "savings/balance_chart.h"

#include <gtest/gtest.h>

namespace lumbung::savings {
namespace {

int Count(const std::string& text, const std::string& part) {
  int n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

TEST(BalanceChart, NothingToDrawGivesNoSvg) {
  EXPECT_EQ(BalanceChartSvg({}, {}), "");
}

TEST(BalanceChart, OneColumnPerYearWithTitleAndDescriptionForScreenReaders) {
  const std::string svg = BalanceChartSvg({{"2024", 100}, {"2025", 250}, {"2026", 400}},
                                          {"Saldo", "Tiga tahun", "Rp 400"});
  EXPECT_EQ(Count(svg, "<rect "), 3);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"chart-title\">Saldo</title>"), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"chart-desc\">Tiga tahun</desc>"), std::string::npos);
  EXPECT_NE(svg.find(">2026</text>"), std::string::npos);
}

// The CSP forbids inline styles and scripts: the chart uses presentation attributes only.
TEST(BalanceChart, NoStyleOrScript) {
  const std::string svg = BalanceChartSvg({{"2026", 1}}, {"t", "d", "x"});
  EXPECT_EQ(svg.find("style"), std::string::npos);
  EXPECT_EQ(svg.find("script"), std::string::npos);
}

TEST(BalanceChart, TheLargestValueFillsThePlotAndZeroHasNoHeight) {
  const std::string svg = BalanceChartSvg({{"a", 0}, {"b", 500}}, {"t", "d", "x"});
  EXPECT_NE(svg.find("height=\"0.0\""), std::string::npos);
  EXPECT_NE(svg.find("height=\"140.0\""), std::string::npos);  // 200 - 30 - 30
}

TEST(BalanceChart, TextIsEscaped) {
  const std::string svg = BalanceChartSvg({{"<b>", 1}}, {"A & B", "\"x\"", "<y>"});
  EXPECT_NE(svg.find("A &amp; B"), std::string::npos);
  EXPECT_NE(svg.find("&quot;x&quot;"), std::string::npos);
  EXPECT_NE(svg.find("&lt;b&gt;"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
}

// The x of every label, in order.
std::vector<double> LabelXs(const std::string& svg) {
  std::vector<double> xs;
  for (auto at = svg.find("text-anchor"); at != std::string::npos;
       at = svg.find("text-anchor", at + 1)) {
    const auto x = svg.rfind("<text x=\"", at) + 9;
    xs.push_back(std::stod(svg.substr(x)));
  }
  return xs;
}

TEST(BalanceChart, ManyYearsLabelEveryNthAndAlwaysTheLast) {
  std::vector<ChartPoint> points;
  for (int y = 1990; y < 2030; ++y) points.push_back({std::to_string(y), y - 1989});
  const std::string svg = BalanceChartSvg(points, {"t", "d", "x"});
  EXPECT_EQ(Count(svg, "<rect "), 40);
  EXPECT_LE(Count(svg, "</text>"), 1 + 8);
  EXPECT_NE(svg.find(">2029</text>"), std::string::npos);
}

// At 360 px the drawing is about 328 px wide: one unit is a CSS pixel or more, so 16-unit text
// reads at the body text size; labels never overlap or leave the drawing.
TEST(BalanceChart, LabelsAreBodyTextSizedAndNeverTouch) {
  for (int years : {1, 3, 7, 12, 25, 40, 60}) {
    std::vector<ChartPoint> points;
    for (int y = 0; y < years; ++y) points.push_back({std::to_string(2000 + y), y + 1});
    const std::string svg = BalanceChartSvg(points, {"t", "d", "Rp 45.000.000"});
    EXPECT_NE(svg.find("viewBox=\"0 0 320.0 200.0\""), std::string::npos);
    EXPECT_EQ(Count(svg, "font-size=\"16.0\""), Count(svg, "</text>")) << years;
    const auto xs = LabelXs(svg);
    ASSERT_FALSE(xs.empty());
    for (std::size_t i = 0; i < xs.size(); ++i) {
      EXPECT_GE(xs[i] - 23, 0.0) << years;
      EXPECT_LE(xs[i] + 23, 320.0) << years;
      if (i > 0) EXPECT_GE(xs[i] - xs[i - 1], 44.0) << years << " years, label " << i;
    }
  }
}

}  // namespace
}  // namespace lumbung::savings
