#include "core/i18n/day_text.h"

#include <gtest/gtest.h>

namespace lumbung::i18n {
namespace {

TEST(DayText, NamesTheMonthInTheReadersLanguage) {
  const auto catalogs =
      Catalogs::FromMaps({{"id", {{"date.months.11", "November"}, {"date.months.2", "Februari"}}},
                          {"en", {{"date.months.11", "November"}, {"date.months.2", "February"}}}});
  EXPECT_EQ(DayText(catalogs, "id", "2026-11-16"), "16 November 2026");
  EXPECT_EQ(DayText(catalogs, "en", "2024-02-05"), "5 February 2024");
  EXPECT_EQ(DayText(catalogs, "en", "2024-02-05 00:00:00"), "5 February 2024");
  EXPECT_EQ(DayText(catalogs, "en", "2024-02-30"), "2024-02-30");
  EXPECT_EQ(DayText(catalogs, "en", "soon"), "soon");
}

TEST(DayText, TheDayAfterCrossesMonthsAndYears) {
  EXPECT_EQ(NextDayIso("2026-11-15"), "2026-11-16");
  EXPECT_EQ(NextDayIso("2024-02-28"), "2024-02-29");
  EXPECT_EQ(NextDayIso("2026-12-31"), "2027-01-01");
  EXPECT_EQ(NextDayIso("x"), "x");
}

}  // namespace
}  // namespace lumbung::i18n
