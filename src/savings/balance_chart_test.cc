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
  EXPECT_NE(svg.find("height=\"256.0\""), std::string::npos);  // 320 - 28 - 36
}

TEST(BalanceChart, TextIsEscaped) {
  const std::string svg = BalanceChartSvg({{"<b>", 1}}, {"A & B", "\"x\"", "<y>"});
  EXPECT_NE(svg.find("A &amp; B"), std::string::npos);
  EXPECT_NE(svg.find("&quot;x&quot;"), std::string::npos);
  EXPECT_NE(svg.find("&lt;b&gt;"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
}

TEST(BalanceChart, ManyYearsLabelEveryNthAndAlwaysTheLast) {
  std::vector<ChartPoint> points;
  for (int y = 1990; y < 2030; ++y) points.push_back({std::to_string(y), y - 1989});
  const std::string svg = BalanceChartSvg(points, {"t", "d", "x"});
  EXPECT_EQ(Count(svg, "<rect "), 40);
  EXPECT_LE(Count(svg, "</text>"), 1 + 14);
  EXPECT_NE(svg.find(">2029</text>"), std::string::npos);
}

}  // namespace
}  // namespace lumbung::savings
