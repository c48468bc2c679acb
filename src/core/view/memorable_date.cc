#include "core/view/memorable_date.h"

#include <algorithm>
#include <cstdio>
#include <regex>

namespace lumbung::view {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

std::string Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return std::string(text);
}

// Lower-case ASCII without any spaces: "1 990" is 1990, " Agu " is "agu".
std::string Squeeze(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (IsSpace(c)) continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

bool AllDigits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A small number of at most `digits` digits after leading zeros ("007" is not a day); -1 if not.
int SmallNumber(const std::string& text, std::size_t digits) {
  if (!AllDigits(text) || text.size() > digits) return -1;
  return std::stoi(text);
}

struct MonthName {
  std::string_view name;
  int month;
};

// Indonesian and English names and the abbreviations people write (calendars, forms, the
// registry's old "Pebruari" and "Nopember").
constexpr MonthName kMonthNames[] = {
    {"januari", 1},   {"january", 1},  {"jan", 1},       {"februari", 2},  {"february", 2},
    {"pebruari", 2},  {"feb", 2},      {"peb", 2},       {"maret", 3},     {"march", 3},
    {"mar", 3},       {"april", 4},    {"apr", 4},       {"mei", 5},       {"may", 5},
    {"juni", 6},      {"june", 6},     {"jun", 6},       {"juli", 7},      {"july", 7},
    {"jul", 7},       {"agustus", 8},  {"august", 8},    {"agu", 8},       {"agt", 8},
    {"ags", 8},       {"aug", 8},      {"september", 9}, {"sept", 9},      {"sep", 9},
    {"oktober", 10},  {"october", 10}, {"okt", 10},      {"oct", 10},      {"november", 11},
    {"nopember", 11}, {"nov", 11},     {"nop", 11},      {"desember", 12}, {"december", 12},
    {"des", 12},      {"dec", 12},     {"agus", 8},
};

}  // namespace

int MonthFromText(std::string_view text) {
  std::string month = Squeeze(text);
  if (const int number = SmallNumber(month, 2); number >= 1 && number <= 12) return number;
  if (!month.empty() && month.back() == '.') month.pop_back();
  for (const auto& known : kMonthNames) {
    if (month == known.name) return known.month;
  }
  return 0;
}

std::optional<DateParts> SplitDateText(std::string_view text) {
  static const std::regex year_first(R"(^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$)");
  static const std::regex day_first(R"(^(\d{1,2})[\s./,-]+(\d{1,2}|[A-Za-z]+)[\s./,-]+(\d+)$)");
  static const std::regex name_first(R"(^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d+)$)");
  const std::string trimmed = Trim(text);
  std::smatch m;
  if (std::regex_match(trimmed, m, year_first)) return DateParts{m[3], m[2], m[1]};
  if (std::regex_match(trimmed, m, day_first)) return DateParts{m[1], m[2], m[3]};
  if (std::regex_match(trimmed, m, name_first) && MonthFromText(m[1].str()) != 0) {
    return DateParts{m[2], m[1], m[3]};
  }
  return std::nullopt;
}

ParsedDate ParseMemorableDate(const DateParts& typed, std::chrono::year_month_day earliest,
                              std::chrono::year_month_day latest) {
  DateParts parts{Trim(typed.day), Trim(typed.month), Trim(typed.year)};
  // The whole date in the day field (pasted, or filled in by a browser that knows one field).
  if (!parts.day.empty() && parts.month.empty() && parts.year.empty()) {
    if (auto split = SplitDateText(parts.day)) parts = *split;
  }
  ParsedDate out;
  const auto fail = [&out](DateProblem problem, DatePart part) {
    out.problem = problem;
    out.part = part;
    return out;
  };
  if (parts.day.empty() && parts.month.empty() && parts.year.empty()) {
    return fail(DateProblem::kMissing, DatePart::kAll);
  }
  if (parts.day.empty()) return fail(DateProblem::kMissingDay, DatePart::kDay);
  if (parts.month.empty()) return fail(DateProblem::kMissingMonth, DatePart::kMonth);
  if (parts.year.empty()) return fail(DateProblem::kMissingYear, DatePart::kYear);

  const int day = SmallNumber(Squeeze(parts.day), 2);
  if (day < 1 || day > 31) return fail(DateProblem::kBadDay, DatePart::kDay);
  out.day = day;
  const int month = MonthFromText(parts.month);
  if (month == 0) return fail(DateProblem::kBadMonth, DatePart::kMonth);
  out.month = month;
  const std::string year_text = Squeeze(parts.year);
  if (!AllDigits(year_text)) return fail(DateProblem::kBadYear, DatePart::kYear);
  if (year_text.size() == 2) return fail(DateProblem::kTwoDigitYear, DatePart::kYear);
  if (year_text.size() != 4) return fail(DateProblem::kBadYear, DatePart::kYear);
  const int year = std::stoi(year_text);
  out.year = year;

  const std::chrono::year_month_day date{std::chrono::year(year),
                                         std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok()) return fail(DateProblem::kNoSuchDay, DatePart::kDay);
  if (std::chrono::sys_days(date) > std::chrono::sys_days(latest)) {
    return fail(DateProblem::kTooLate, DatePart::kAll);
  }
  if (std::chrono::sys_days(date) < std::chrono::sys_days(earliest)) {
    return fail(DateProblem::kTooEarly, DatePart::kYear);
  }
  out.date = date;
  return out;
}

std::string IsoDate(std::chrono::year_month_day date) {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return out;
}

std::string_view DateProblemId(DateProblem problem) {
  switch (problem) {
    case DateProblem::kNone:
      return "";
    case DateProblem::kMissing:
      return "missing";
    case DateProblem::kMissingDay:
      return "missing_day";
    case DateProblem::kMissingMonth:
      return "missing_month";
    case DateProblem::kMissingYear:
      return "missing_year";
    case DateProblem::kBadDay:
      return "bad_day";
    case DateProblem::kBadMonth:
      return "bad_month";
    case DateProblem::kBadYear:
      return "bad_year";
    case DateProblem::kTwoDigitYear:
      return "two_digit_year";
    case DateProblem::kNoSuchDay:
      return "no_such_day";
    case DateProblem::kTooLate:
      return "too_late";
    case DateProblem::kTooEarly:
      return "too_early";
  }
  return "";
}

}  // namespace lumbung::view
