#include "core/i18n/working_days.h"

#include <gtest/gtest.h>

namespace lumbung::i18n {
namespace {

using namespace std::chrono;

// 2026-03-06 is a Friday.
constexpr year_month_day kFriday{year{2026}, March, day{6}};
constexpr year_month_day kSaturday{year{2026}, March, day{7}};
constexpr year_month_day kSunday{year{2026}, March, day{8}};
constexpr year_month_day kMonday{year{2026}, March, day{9}};
constexpr year_month_day kTuesday{year{2026}, March, day{10}};
constexpr year_month_day kWednesday{year{2026}, March, day{11}};

TEST(WorkingDays, WeekendsAreNotWorkingDays) {
  EXPECT_TRUE(IsWorkingDay(kFriday));
  EXPECT_FALSE(IsWorkingDay(kSaturday));
  EXPECT_FALSE(IsWorkingDay(kSunday));
  EXPECT_TRUE(IsWorkingDay(kMonday));
}

TEST(WorkingDaysBetween, SkipsSaturdaysAndSundays) {
  EXPECT_EQ(WorkingDaysBetween(kFriday, kFriday), 0);
  EXPECT_EQ(WorkingDaysBetween(kFriday, kSaturday), 0);
  EXPECT_EQ(WorkingDaysBetween(kFriday, kSunday), 0);
  EXPECT_EQ(WorkingDaysBetween(kFriday, kMonday), 1);
  EXPECT_EQ(WorkingDaysBetween(kFriday, kTuesday), 2);
  EXPECT_EQ(WorkingDaysBetween(kSaturday, kMonday), 1);
  EXPECT_EQ(WorkingDaysBetween(kMonday, kFriday), 0);  // backwards
  EXPECT_EQ(WorkingDaysBetween(kMonday, year_month_day{sys_days{kMonday} + days{7}}), 5);
  EXPECT_EQ(WorkingDaysBetween(kMonday, year_month_day{sys_days{kMonday} + days{30}}), 22);
  // Across a month and a year end: Wed 2025-12-31 to Mon 2026-01-05 is Thu, Fri, Mon.
  EXPECT_EQ(WorkingDaysBetween(year_month_day{year{2025}, December, day{31}},
                               year_month_day{year{2026}, January, day{5}}),
            3);
}

TEST(WorkingDayDeadline, CountsOnlyWorkingDays) {
  EXPECT_EQ(WorkingDayDeadline(kMonday, 2), kWednesday);
  EXPECT_EQ(WorkingDayDeadline(kFriday, 2), kTuesday);
  EXPECT_EQ(WorkingDayDeadline(kSaturday, 2), kTuesday);
  EXPECT_EQ(WorkingDayDeadline(kSunday, 1), kMonday);
  EXPECT_EQ(WorkingDayDeadline(kFriday, 0), kFriday);
  EXPECT_EQ(WorkingDayDeadline(kSaturday, 0), kMonday);
  EXPECT_EQ(WorkingDayDeadline(kMonday, 5), year_month_day{sys_days{kMonday} + days{7}});
}

TEST(ClockOf, OverdueOnlyAfterTheDueDay) {
  const ServiceClock on_time = ClockOf(kFriday, kTuesday, 2);
  EXPECT_EQ(on_time.due, kTuesday);
  EXPECT_EQ(on_time.working_days_waited, 2);
  EXPECT_FALSE(on_time.overdue);
  const ServiceClock late = ClockOf(kFriday, kWednesday, 2);
  EXPECT_TRUE(late.overdue);
  EXPECT_EQ(late.working_days_waited, 3);
  // A weekend does not make a Friday message late by Monday.
  EXPECT_FALSE(ClockOf(kFriday, kMonday, 1).overdue);
  EXPECT_TRUE(ClockOf(kFriday, kTuesday, 1).overdue);
}

}  // namespace
}  // namespace lumbung::i18n
