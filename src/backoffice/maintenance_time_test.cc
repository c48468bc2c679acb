#include "backoffice/maintenance_time.h"

#include <gtest/gtest.h>

namespace lumbung::backoffice {
namespace {

using namespace std::chrono;

TEST(MaintenanceTime, ClockTexts) {
  EXPECT_EQ(ParseClockText("21.30"), 21 * 60 + 30);
  EXPECT_EQ(ParseClockText("21:30"), 21 * 60 + 30);
  EXPECT_EQ(ParseClockText(" 9.05 "), 9 * 60 + 5);
  EXPECT_EQ(ParseClockText("00.00"), 0);
  EXPECT_EQ(ParseClockText("23.59"), 23 * 60 + 59);
  EXPECT_EQ(ParseClockText("7"), 7 * 60);
  for (const char* bad : {"", "24.00", "25", "21.60", "21.3", "21-30", "2130", "ab", "21.30 WIB",
                          "-1.00", "21..30"}) {
    EXPECT_FALSE(ParseClockText(bad)) << bad;
  }
  EXPECT_EQ(ClockText(21 * 60 + 5, "id"), "21.05");
  EXPECT_EQ(ClockText(21 * 60 + 5, "en"), "21:05");
}

TEST(MaintenanceTime, MomentsOnTheFundsClock) {
  const year_month_day when{year(2026), December, day(8)};
  // 10.30 WIB is 03:30 UTC.
  EXPECT_EQ(FundMoment(when, 10 * 60 + 30, i18n::FundZone::kWib), 1796700600);
  EXPECT_EQ(FundMoment(when, 10 * 60 + 30, i18n::FundZone::kWit), 1796700600 - 2 * 3600);
  // Just after midnight WIB is still the day before in UTC.
  EXPECT_EQ(FundMoment(when, 0, i18n::FundZone::kWib), 1796662800);
}

}  // namespace
}  // namespace lumbung::backoffice
