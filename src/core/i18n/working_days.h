// The fund's service-level clock: staff answer a support conversation or move a claim on within
// a number of working days (support.target_working_days, claims.target_working_days). Working days are Monday to Friday;
// public holidays are not known here and count as working days (a conservative target: the
// clock never waits longer than promised). Days are the fund's days (core/i18n/fund_time.h).
// Pure.
#pragma once

#include <chrono>

namespace lumbung::i18n {

bool IsWorkingDay(std::chrono::year_month_day day);

// The working days after `from` up to and including `to`: Friday to the next Monday is 1,
// a day to itself 0; 0 when `to` is before `from`.
int WorkingDaysBetween(std::chrono::year_month_day from, std::chrono::year_month_day to);

// The last day an answer is on time for a wait that began on `start`: the `working_days`-th
// working day after it (a message on Friday with 2 days is due by Tuesday; one on Saturday
// too). 0 days: `start` itself when it is a working day, else the next working day.
std::chrono::year_month_day WorkingDayDeadline(std::chrono::year_month_day start, int working_days);

struct ServiceClock {
  std::chrono::year_month_day due;
  int working_days_waited = 0;  // WorkingDaysBetween(start, today)
  bool overdue = false;         // today is after `due`
};

ServiceClock ClockOf(std::chrono::year_month_day start, std::chrono::year_month_day today,
                     int target_working_days);

}  // namespace lumbung::i18n
