#include "backoffice/maintenance_time.h"

#include <cstdio>
#include <string>

namespace lumbung::backoffice {

std::optional<int> ParseClockText(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  const auto separator = text.find_first_of(".:");
  const std::string_view hours = text.substr(0, separator);
  const std::string_view minutes =
      separator == std::string_view::npos ? std::string_view() : text.substr(separator + 1);
  const auto number = [](std::string_view digits) -> int {
    if (digits.empty() || digits.size() > 2) return -1;
    int value = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return -1;
      value = value * 10 + (c - '0');
    }
    return value;
  };
  const int h = number(hours);
  if (h < 0 || h > 23) return std::nullopt;
  if (separator == std::string_view::npos) return h * 60;
  if (minutes.size() != 2) return std::nullopt;
  const int m = number(minutes);
  if (m < 0 || m > 59) return std::nullopt;
  return h * 60 + m;
}

std::int64_t FundMoment(std::chrono::year_month_day day, int minute_of_day, i18n::FundZone zone) {
  const auto midnight_utc = std::chrono::sys_days(day).time_since_epoch();
  return std::chrono::duration_cast<std::chrono::seconds>(midnight_utc).count() +
         static_cast<std::int64_t>(minute_of_day) * 60 - i18n::FundZoneOffset(zone).count();
}

std::string ClockText(int minute_of_day, std::string_view lang) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d%c%02d", minute_of_day / 60 % 24, lang == "en" ? ':' : '.',
                minute_of_day % 60);
  return text;
}

}  // namespace lumbung::backoffice
