#include "core/i18n/wib_time.h"

#include <cstdio>
#include <ctime>

namespace lumbung::i18n {
namespace {

std::tm WibParts(std::int64_t epoch_seconds) {
  std::time_t t = static_cast<std::time_t>(epoch_seconds + 7 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}

std::string Clock(const std::tm& tm, const std::string& lang) {
  char clock[16];
  std::snprintf(clock, sizeof clock, lang == "en" ? "%02d:%02d" : "%02d.%02d", tm.tm_hour,
                tm.tm_min);
  return clock;
}

}  // namespace

std::string FormatWibTime(std::int64_t epoch_seconds, const std::string& lang,
                          const Catalogs& catalogs) {
  const std::tm tm = WibParts(epoch_seconds);
  return std::to_string(tm.tm_mday) + " " +
         catalogs.Get(lang, "date.months." + std::to_string(tm.tm_mon + 1)) + " " +
         std::to_string(tm.tm_year + 1900) + ", " + Clock(tm, lang) + " WIB";
}

std::string FormatWibClock(std::int64_t epoch_seconds, const std::string& lang) {
  return Clock(WibParts(epoch_seconds), lang) + " WIB";
}

}  // namespace lumbung::i18n
