// When a member refused by the sign-in throttle may try again, in words read at a glance: a
// short back-off as a duration ("in 40 seconds", "dalam 2 menit"), because a clock time that is
// this very minute reads as nonsense; a wait of an hour or more as the fund's local time
// ("after 5 December 2026, 04:52 WIB"). Pure apart from the catalogs.
#pragma once

#include <cstdint>
#include <string>

#include "core/i18n/catalog.h"

namespace lumbung::identity {

// "in 40 seconds" / "after 5 December 2026, 04:52 WIB": the phrase that follows "try again".
// Seconds are shown under a minute, whole minutes (rounded up, never "in 0 minutes") under an
// hour.
std::string RetryPhrase(const i18n::Catalogs& catalogs, const std::string& lang, std::int64_t now,
                        std::int64_t until);

}  // namespace lumbung::identity
