#include "core/i18n/wib_time.h"

#include <cstdio>

#include "core/i18n/fund_time.h"

namespace lumbung::i18n {
namespace {

std::string Clock(const FundClock& clock, const std::string& lang) {
  char text[16];
  std::snprintf(text, sizeof text, lang == "en" ? "%02d:%02d" : "%02d.%02d", clock.hour,
                clock.minute);
  return text;
}

}  // namespace

std::string FormatWibTime(std::int64_t epoch_seconds, const std::string& lang,
                          const Catalogs& catalogs) {
  const FundZone zone = CurrentFundZone();
  const FundClock clock = FundClockAt(epoch_seconds, zone);
  return std::to_string(static_cast<unsigned>(clock.day.day())) + " " +
         catalogs.Get(lang,
                      "date.months." + std::to_string(static_cast<unsigned>(clock.day.month()))) +
         " " + std::to_string(static_cast<int>(clock.day.year())) + ", " + Clock(clock, lang) +
         " " + FundZoneLabel(zone);
}

std::string FormatWibClock(std::int64_t epoch_seconds, const std::string& lang) {
  const FundZone zone = CurrentFundZone();
  return Clock(FundClockAt(epoch_seconds, zone), lang) + " " + FundZoneLabel(zone);
}

}  // namespace lumbung::i18n
