// The announced end of a maintenance as an administrator types it: a day (the memorable-date
// fields) and a time of day on the fund's clock ("21.30" or "21:30"), and the moment they name.
// Pure.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/i18n/fund_time.h"

namespace lumbung::backoffice {

// Minutes after midnight for "21.30", "21:30", "9.05", "09:05" or "21" (whole hour); nullopt for
// anything else (24.00 and later, minutes of 60 or more, other separators).
std::optional<int> ParseClockText(std::string_view text);

// Seconds since the epoch of `minute_of_day` on the fund's day `day`.
std::int64_t FundMoment(std::chrono::year_month_day day, int minute_of_day, i18n::FundZone zone);

// "21.30" (id) / "21:30" (en) again for the form.
std::string ClockText(int minute_of_day, std::string_view lang);

}  // namespace lumbung::backoffice
