// Times as members read them: on the fund's clock (core/i18n/fund_time.h, WIB unless
// fund.time_zone says WITA or WIT), with the month spelled out in the page's language.
#pragma once

#include <cstdint>
#include <string>

#include "core/i18n/catalog.h"

namespace lumbung::i18n {

// "22 November 2026, 10.30 WIB" (id) or "22 November 2026, 10:30 WIB" (en), the fund's zone label,
// for `epoch_seconds`.
std::string FormatWibTime(std::int64_t epoch_seconds, const std::string& lang,
                          const Catalogs& catalogs);

// "10.30 WIB" / "10:30 WIB".
std::string FormatWibClock(std::int64_t epoch_seconds, const std::string& lang);

}  // namespace lumbung::i18n
