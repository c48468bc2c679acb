#include "backoffice/audit_text.h"

#include <cstdio>

#include "backoffice/audit_filter.h"
#include "core/csv/safe_csv.h"
#include "core/i18n/day_text.h"

namespace lumbung::backoffice {
namespace {

std::string IsoDay(std::chrono::year_month_day day) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

std::string Clock(const i18n::FundClock& clock, char separator) {
  char text[16];
  std::snprintf(text, sizeof text, "%02d%c%02d%c%02d", clock.hour, separator, clock.minute,
                separator, clock.second);
  return text;
}

}  // namespace

std::string AuditTimeText(const std::string& occurred_at, const std::string& lang,
                          const i18n::Catalogs& catalogs, i18n::FundZone zone) {
  const auto epoch = EpochOfTimestamp(occurred_at);
  if (!epoch) return occurred_at;
  const i18n::FundClock clock = i18n::FundClockAt(*epoch, zone);
  return i18n::DayText(catalogs, lang, IsoDay(clock.day)) + ", " +
         Clock(clock, lang == "id" ? '.' : ':') + " " + i18n::FundZoneLabel(zone);
}

std::string AuditTimeIso(const std::string& occurred_at, i18n::FundZone zone) {
  const auto epoch = EpochOfTimestamp(occurred_at);
  if (!epoch) return occurred_at;
  const i18n::FundClock clock = i18n::FundClockAt(*epoch, zone);
  return IsoDay(clock.day) + " " + Clock(clock, ':') + " " + i18n::FundZoneLabel(zone);
}

std::string DetailsText(const audit::Details& details) {
  std::string text;
  for (const auto& [name, value] : details) {
    if (!text.empty()) text += "; ";
    text += name;
    text += ": ";
    text += value;
  }
  return text;
}

std::vector<std::string> AuditCsvHeaderIds() {
  std::vector<std::string> ids;
  for (const char* column : {"id", "time", "time_utc", "actor_id", "actor", "subject_id", "subject",
                             "action", "action_text", "result", "ip", "user_agent", "details"}) {
    ids.push_back(std::string("backoffice.audit.csv.") + column);
  }
  return ids;
}

std::string AuditCsvLine(const AuditCsvRow& row, i18n::FundZone zone) {
  const audit::Event& e = *row.event;
  const auto id_cell = [](const std::optional<std::int64_t>& id) {
    return id ? csv::CsvNumber(*id) : std::string();
  };
  return csv::CsvLine({csv::CsvNumber(e.id), csv::CsvCell(AuditTimeIso(e.occurred_at, zone)),
                       csv::CsvCell(e.occurred_at), id_cell(e.actor_user_id),
                       csv::CsvCell(row.actor), id_cell(e.subject_user_id),
                       csv::CsvCell(row.subject), csv::CsvCell(e.action),
                       csv::CsvCell(row.action_text),
                       csv::CsvCell(std::string(audit::ResultName(e.result))), csv::CsvCell(e.ip),
                       csv::CsvCell(e.user_agent), csv::CsvCell(audit::DetailsJson(e.details))});
}

}  // namespace lumbung::backoffice
