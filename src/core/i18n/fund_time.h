// The fund's clock: dates and times as the fund keeps them, in one of Indonesia's three time
// zones (fund.time_zone). They are fixed offsets without daylight saving: WIB is UTC+7, WITA
// UTC+8, WIT UTC+9. "Today" for rules in force, due dates and lock times is the fund's day, so
// a member at 03.44 WIB on 5 December never sees the rules of 4 December.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace lumbung::i18n {

enum class FundZone { kWib, kWita, kWit };

// "WIB", "WITA" or "WIT" (the configuration value); nullopt for anything else.
std::optional<FundZone> ParseFundZone(const std::string& label);
std::string FundZoneLabel(FundZone zone);
std::chrono::seconds FundZoneOffset(FundZone zone);

// The zone the whole process uses, set once at start from fund.time_zone (WIB until then).
void SetFundZone(FundZone zone);
FundZone CurrentFundZone();

// The fund's calendar day holding `epoch_seconds`.
std::chrono::year_month_day FundDay(std::int64_t epoch_seconds, FundZone zone);
std::chrono::year_month_day FundDay(std::int64_t epoch_seconds);
// The fund's day now.
std::chrono::year_month_day FundToday();
// The fund's calendar year holding `epoch_seconds`.
int FundYear(std::int64_t epoch_seconds);
// The fund's day as "YYYY-MM-DD".
std::string FundDayIso(std::int64_t epoch_seconds);

// Wall-clock parts in the fund's zone.
struct FundClock {
  std::chrono::year_month_day day;
  int hour = 0;
  int minute = 0;
  int second = 0;
};
FundClock FundClockAt(std::int64_t epoch_seconds, FundZone zone);

}  // namespace lumbung::i18n
