#include "core/i18n/day_text.h"

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

namespace lumbung::i18n {
namespace {

std::optional<std::chrono::year_month_day> ParseIso(std::string_view iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (iso[i] < '0' || iso[i] > '9') return std::nullopt;
  }
  y = std::stoi(std::string(iso.substr(0, 4)));
  m = static_cast<unsigned>(std::stoi(std::string(iso.substr(5, 2))));
  d = static_cast<unsigned>(std::stoi(std::string(iso.substr(8, 2))));
  const std::chrono::year_month_day day{std::chrono::year(y), std::chrono::month(m),
                                        std::chrono::day(d)};
  if (!day.ok()) return std::nullopt;
  return day;
}

}  // namespace

std::string DayText(const Catalogs& catalogs, std::string_view lang, std::string_view iso) {
  const auto day = ParseIso(iso);
  if (!day) return std::string(iso);
  return std::to_string(static_cast<unsigned>(day->day())) + " " +
         catalogs.Get(lang, "date.months." + std::to_string(static_cast<unsigned>(day->month()))) +
         " " + std::to_string(static_cast<int>(day->year()));
}

std::string NextDayIso(std::string_view iso) {
  const auto day = ParseIso(iso);
  if (!day) return std::string(iso);
  const std::chrono::year_month_day next{std::chrono::sys_days(*day) + std::chrono::days(1)};
  char out[11];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(next.year()),
                static_cast<unsigned>(next.month()), static_cast<unsigned>(next.day()));
  return out;
}

}  // namespace lumbung::i18n
