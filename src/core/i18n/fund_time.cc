#include "core/i18n/fund_time.h"

#include <atomic>
#include <cstdio>

namespace lumbung::i18n {
namespace {

std::atomic<FundZone> current_zone{FundZone::kWib};

}  // namespace

std::optional<FundZone> ParseFundZone(const std::string& label) {
  if (label == "WIB") return FundZone::kWib;
  if (label == "WITA") return FundZone::kWita;
  if (label == "WIT") return FundZone::kWit;
  return std::nullopt;
}

std::string FundZoneLabel(FundZone zone) {
  switch (zone) {
    case FundZone::kWita:
      return "WITA";
    case FundZone::kWit:
      return "WIT";
    case FundZone::kWib:
      break;
  }
  return "WIB";
}

std::chrono::seconds FundZoneOffset(FundZone zone) {
  switch (zone) {
    case FundZone::kWita:
      return std::chrono::hours(8);
    case FundZone::kWit:
      return std::chrono::hours(9);
    case FundZone::kWib:
      break;
  }
  return std::chrono::hours(7);
}

void SetFundZone(FundZone zone) {
  current_zone.store(zone);
}

FundZone CurrentFundZone() {
  return current_zone.load();
}

FundClock FundClockAt(std::int64_t epoch_seconds, FundZone zone) {
  const std::chrono::sys_seconds local{std::chrono::seconds(epoch_seconds) + FundZoneOffset(zone)};
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::hh_mm_ss time{local - day};
  return FundClock{std::chrono::year_month_day{day}, static_cast<int>(time.hours().count()),
                   static_cast<int>(time.minutes().count()),
                   static_cast<int>(time.seconds().count())};
}

std::chrono::year_month_day FundDay(std::int64_t epoch_seconds, FundZone zone) {
  return FundClockAt(epoch_seconds, zone).day;
}

std::chrono::year_month_day FundDay(std::int64_t epoch_seconds) {
  return FundDay(epoch_seconds, CurrentFundZone());
}

std::chrono::year_month_day FundToday() {
  return FundDay(std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count());
}

int FundYear(std::int64_t epoch_seconds) {
  return static_cast<int>(FundDay(epoch_seconds).year());
}

std::string FundDayIso(std::int64_t epoch_seconds) {
  const auto day = FundDay(epoch_seconds);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

}  // namespace lumbung::i18n
