// A calendar day as people read it: "2026-11-16" -> "16 November 2026" (en) / "16 November
// 2026" (id, the month names from the catalog's date.months.N).
#pragma once

#include <string>
#include <string_view>

#include "core/i18n/catalog.h"

namespace lumbung::i18n {

// The text itself when it is not YYYY-MM-DD (a time part after the date is ignored).
std::string DayText(const Catalogs& catalogs, std::string_view lang, std::string_view iso);

// The ISO day after `iso` ("2026-11-15" -> "2026-11-16"); the text itself when malformed.
std::string NextDayIso(std::string_view iso);

}  // namespace lumbung::i18n
