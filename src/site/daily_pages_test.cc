#include "site/daily_pages.h"

#include <gtest/gtest.h>

namespace lumbung::site {
namespace {

using namespace std::chrono;

constexpr registry::Date kFourth{year{2026}, month{12}, day{4}};
constexpr registry::Date kFifth{year{2026}, month{12}, day{5}};

// A render that says which language and day it was made for, and counts itself.
struct CountingRender {
  int calls = 0;
  DailyPages::Render For(const std::string& lang, registry::Date day) {
    return [this, lang, day] {
      ++calls;
      return view::StampedPage(lang + " " + std::to_string(static_cast<unsigned>(day.day())), 200);
    };
  }
};

std::string Body(const view::StampedPage& page) {
  return page.Fill(http::Request{}).body;
}

TEST(DailyPages, OneRenderPerLanguageAndDay) {
  DailyPages pages;
  CountingRender render;
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Body(*pages.Get("id", kFourth, render.For("id", kFourth))), "id 4");
  }
  EXPECT_EQ(render.calls, 1);
  EXPECT_EQ(Body(*pages.Get("en", kFourth, render.For("en", kFourth))), "en 4");
  EXPECT_EQ(Body(*pages.Get("id", kFourth, render.For("id", kFourth))), "id 4");
  EXPECT_EQ(render.calls, 2);
  EXPECT_EQ(pages.size(), 2u);
}

TEST(DailyPages, TheNextDayIsRenderedAnewAndReplacesThePreviousDay) {
  DailyPages pages;
  CountingRender render;
  pages.Get("id", kFourth, render.For("id", kFourth));
  EXPECT_EQ(Body(*pages.Get("id", kFifth, render.For("id", kFifth))), "id 5");
  EXPECT_EQ(Body(*pages.Get("id", kFifth, render.For("id", kFifth))), "id 5");
  EXPECT_EQ(render.calls, 2);
  EXPECT_EQ(pages.size(), 1u);
}

TEST(DailyPages, ALateRequestForThePreviousDayGetsItsPageButDoesNotReplaceTheNewOne) {
  DailyPages pages;
  CountingRender render;
  pages.Get("id", kFifth, render.For("id", kFifth));
  EXPECT_EQ(Body(*pages.Get("id", kFourth, render.For("id", kFourth))), "id 4");
  EXPECT_EQ(Body(*pages.Get("id", kFifth, render.For("id", kFifth))), "id 5");
  EXPECT_EQ(render.calls, 2);
}

}  // namespace
}  // namespace lumbung::site
