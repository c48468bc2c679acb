#include "backoffice/audit_filter.h"

#include <charconv>

#include "core/audit/event.h"

namespace lumbung::backoffice {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The number in text[pos, pos + n), or -1.
int Number(std::string_view text, std::size_t pos, std::size_t n) {
  if (pos + n > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

AuditFilterInput ReadAuditFilterInput(const http::Fields& query) {
  AuditFilterInput input;
  const std::pair<const char*, std::string*> fields[] = {
      {"actor", &input.actor},         {"subject", &input.subject},
      {"action", &input.action},       {"prefix", &input.prefix},
      {"from_day", &input.from.day},   {"from_month", &input.from.month},
      {"from_year", &input.from.year}, {"to_day", &input.to.day},
      {"to_month", &input.to.month},   {"to_year", &input.to.year}};
  for (const auto& [name, target] : fields) {
    for (const auto& [key, value] : query) {
      if (key == name) {
        *target = std::string(Trim(value));
        break;
      }
    }
  }
  return input;
}

std::string AuditFilterQuery(const AuditFilterInput& input) {
  const std::pair<const char*, const std::string*> fields[] = {
      {"actor", &input.actor},         {"subject", &input.subject},
      {"action", &input.action},       {"prefix", &input.prefix},
      {"from_day", &input.from.day},   {"from_month", &input.from.month},
      {"from_year", &input.from.year}, {"to_day", &input.to.day},
      {"to_month", &input.to.month},   {"to_year", &input.to.year}};
  std::string query;
  for (const auto& [name, value] : fields) {
    if (value->empty()) continue;
    if (!query.empty()) query += '&';
    query += name;
    query += '=';
    query += http::PercentEncode(*value);
  }
  return query;
}

std::optional<PersonRef> ParsePersonRef(std::string_view text) {
  text = Trim(text);
  if (AllDigits(text)) {
    if (text.size() > 15) return std::nullopt;
    std::int64_t id = 0;
    std::from_chars(text.data(), text.data() + text.size(), id);
    if (id <= 0) return std::nullopt;
    return PersonRef{.account_id = id};
  }
  const auto at = text.find('@');
  if (text.size() > 254 || at == std::string_view::npos || at == 0 || at + 1 == text.size() ||
      text.find('@', at + 1) != std::string_view::npos ||
      text.find_first_of(" \t\r\n<>\"") != std::string_view::npos) {
    return std::nullopt;
  }
  return PersonRef{.email = LowerAscii(text)};
}

bool IsActionText(std::string_view text) {
  if (text.empty() || text.size() > audit::kMaxActionChars) return false;
  for (char c : text) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string LowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string DayStartTimestamp(std::chrono::year_month_day day, i18n::FundZone zone) {
  const std::chrono::sys_seconds start =
      std::chrono::sys_days(day) -
      std::chrono::duration_cast<std::chrono::seconds>(i18n::FundZoneOffset(zone));
  return audit::FormatTimestamp(std::chrono::system_clock::time_point(start));
}

std::optional<std::int64_t> EpochOfTimestamp(std::string_view t) {
  // YYYY-MM-DDTHH:MM:SS(.mmm)Z
  if (t.size() < 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' ||
      t.back() != 'Z') {
    return std::nullopt;
  }
  const int year = Number(t, 0, 4), month = Number(t, 5, 2), day = Number(t, 8, 2);
  const int hour = Number(t, 11, 2), minute = Number(t, 14, 2), second = Number(t, 17, 2);
  if (year < 0 || month < 1 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
      second < 0 || second > 60) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year(year),
                                        std::chrono::month(static_cast<unsigned>(month)),
                                        std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok()) return std::nullopt;
  const auto days = std::chrono::sys_days(ymd).time_since_epoch();
  return std::chrono::duration_cast<std::chrono::seconds>(days).count() + hour * 3600 +
         minute * 60 + second;
}

std::optional<std::int64_t> RowIdParam(std::string_view text) {
  if (!AllDigits(text) || text.size() > 16) return std::nullopt;
  std::int64_t id = 0;
  std::from_chars(text.data(), text.data() + text.size(), id);
  if (id <= 0 || id > (std::int64_t{1} << 53)) return std::nullopt;
  return id;
}

}  // namespace lumbung::backoffice
