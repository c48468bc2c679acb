#include "analytics/chart.h"

#include <gtest/gtest.h>

namespace lumbung::analytics {
namespace {

TEST(BarChart, EscapesEveryText) {
  const std::string svg =
      BarChartSvg({{.label = "<script>alert(1)</script>", .value = 10, .value_text = "a&b"}},
                  {.id = "x\"y", .title = "T <b>", .description = "D \" '"});
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(svg.find("a&amp;b"), std::string::npos);
  EXPECT_NE(svg.find("T &lt;b&gt;"), std::string::npos);
  EXPECT_EQ(svg.find("x\"y"), std::string::npos);
}

TEST(BarChart, HasATextAlternative) {
  const std::string svg = BarChartSvg({{.label = "A", .value = 1, .value_text = "1"}},
                                      {.id = "c1", .title = "Title", .description = "Desc"});
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("aria-labelledby=\"c1-title c1-desc\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"c1-title\">Title</title>"), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"c1-desc\">Desc</desc>"), std::string::npos);
}

TEST(BarChart, AHiddenFigureHasNoBarOnlyItsMark) {
  const std::string svg =
      BarChartSvg({{.label = "A", .value = 100, .value_text = "100"},
                   {.label = "B", .value = 7, .value_text = "<10", .hidden = true}},
                  {.id = "c", .title = "t", .description = "d"});
  // One filled bar (A) and B's dashed empty box with its mark, never its value.
  EXPECT_EQ(svg.find("fill=\"#7c3f0c\""), svg.rfind("fill=\"#7c3f0c\""));
  EXPECT_NE(svg.find("stroke-dasharray"), std::string::npos);
  EXPECT_NE(svg.find("&lt;10"), std::string::npos);
  EXPECT_EQ(svg.find(">7<"), std::string::npos);
}

TEST(BarChart, NoBarsNoChart) {
  EXPECT_EQ(BarChartSvg({}, {}), "");
}

}  // namespace
}  // namespace lumbung::analytics
