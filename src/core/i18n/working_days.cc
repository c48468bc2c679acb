#include "core/i18n/working_days.h"

namespace lumbung::i18n {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::weekday;
using std::chrono::year_month_day;

year_month_day Next(year_month_day day) {
  return year_month_day{sys_days{day} + days{1}};
}

}  // namespace

bool IsWorkingDay(year_month_day day) {
  const weekday wd{sys_days{day}};
  return wd != std::chrono::Saturday && wd != std::chrono::Sunday;
}

int WorkingDaysBetween(year_month_day from, year_month_day to) {
  const sys_days a{from}, b{to};
  if (b <= a) return 0;
  // Whole weeks hold five working days each; count the rest one by one.
  const long total = (b - a).count();
  int count = static_cast<int>(total / 7) * 5;
  year_month_day day{a + days{total / 7 * 7}};
  for (long i = 0; i < total % 7; ++i) {
    day = Next(day);
    if (IsWorkingDay(day)) ++count;
  }
  return count;
}

year_month_day WorkingDayDeadline(year_month_day start, int working_days) {
  year_month_day day = start;
  if (working_days <= 0) {
    while (!IsWorkingDay(day)) day = Next(day);
    return day;
  }
  for (int left = working_days; left > 0;) {
    day = Next(day);
    if (IsWorkingDay(day)) --left;
  }
  return day;
}

ServiceClock ClockOf(year_month_day start, year_month_day today, int target_working_days) {
  ServiceClock clock{WorkingDayDeadline(start, target_working_days)};
  clock.working_days_waited = WorkingDaysBetween(start, today);
  clock.overdue = sys_days{today} > sys_days{clock.due};
  return clock;
}

}  // namespace lumbung::i18n
