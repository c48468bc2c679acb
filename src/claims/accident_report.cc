#include "claims/accident_report.h"

#include <algorithm>

#include "core/i18n/rupiah_input.h"

namespace lumbung::claims {
namespace {

constexpr std::string_view kErrors = "claims.accident.error.";

const std::chrono::year_month_day kEarliestDay{std::chrono::year(1900), std::chrono::January,
                                               std::chrono::day(1)};

std::string Id(std::string_view leaf) {
  return std::string(kErrors) + std::string(leaf);
}

std::optional<std::chrono::year_month_day> ParseIso(std::string_view iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (iso[static_cast<std::size_t>(i)] < '0' || iso[static_cast<std::size_t>(i)] > '9') {
      return std::nullopt;
    }
  }
  const auto number = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (iso[i] - '0');
    return v;
  };
  const std::chrono::year_month_day day{std::chrono::year(number(0, 4)),
                                        std::chrono::month(static_cast<unsigned>(number(5, 2))),
                                        std::chrono::day(static_cast<unsigned>(number(8, 2)))};
  if (!day.ok()) return std::nullopt;
  return day;
}

// Valid UTF-8 without control characters (line feeds and tabs only where `lines` allows them).
// Counts the characters into `chars`.
bool CleanText(std::string_view text, bool lines, std::size_t* chars) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t code = 0;
    if (c < 0x80) {
      length = 1;
      code = c;
    } else if ((c & 0xE0) == 0xC0) {
      length = 2;
      code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      code = c & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    // Overlong forms, surrogates and numbers beyond Unicode are not text.
    if ((length == 2 && code < 0x80) || (length == 3 && code < 0x800) ||
        (length == 4 && (code < 0x10000 || code > 0x10FFFF)) ||
        (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    const bool allowed_control = lines && (code == '\n' || code == '\t');
    if ((code < 0x20 || code == 0x7F || (code >= 0x80 && code < 0xA0)) && !allowed_control) {
      return false;
    }
    // Line and paragraph separators and the characters that reorder text are refused like
    // control characters: they make a report read differently from what is stored.
    if (code == 0x2028 || code == 0x2029 || (code >= 0x202A && code <= 0x202E) ||
        (code >= 0x2066 && code <= 0x2069)) {
      return false;
    }
    i += length;
    ++count;
  }
  *chars = count;
  return true;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string Trim(std::string_view text) {
  std::size_t begin = 0, end = text.size();
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
  return std::string(text.substr(begin, end - begin));
}

// One line: runs of spaces and tabs become one space; line breaks are kept for the check to
// refuse (a place is one line).
std::string TidyLine(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : Trim(text)) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// Line breaks as "\n" whatever the browser sent, spaces at the ends of the text dropped.
std::string TidyLines(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return Trim(out);
}

void CheckDate(const TypedAccident& typed, const std::vector<EmploymentPeriod>& periods,
               std::chrono::year_month_day today, AccidentCheck& check, CheckedAccident& out) {
  std::optional<std::chrono::year_month_day> first_day;
  for (const EmploymentPeriod& p : periods) {
    const auto start = ParseIso(p.start_date);
    if (start && (!first_day || *start < *first_day)) first_day = start;
  }
  const view::ParsedDate parsed =
      view::ParseMemorableDate(typed.date, first_day.value_or(kEarliestDay), today);
  AccidentProblem problem{.field = "date", .part = parsed.part};
  switch (parsed.problem) {
    case view::DateProblem::kNone:
      break;
    case view::DateProblem::kTooLate:
      problem.message_id = Id("date_future");
      check.problems.push_back(std::move(problem));
      return;
    case view::DateProblem::kTooEarly:
      if (first_day) {
        problem.message_id = Id("date_before_start");
        problem.values = {{"date", view::IsoDate(*first_day)}};
      } else {
        problem.message_id = Id("date_too_early");
      }
      check.problems.push_back(std::move(problem));
      return;
    default:
      problem.message_id =
          "claims.accident.date_problem." + std::string(view::DateProblemId(parsed.problem));
      if (parsed.problem == view::DateProblem::kNoSuchDay) {
        problem.values = {{"day", std::to_string(parsed.day)},
                          {"month", std::to_string(parsed.month)},
                          {"year", std::to_string(parsed.year)}};
      }
      check.problems.push_back(std::move(problem));
      return;
  }
  const std::string day = view::IsoDate(*parsed.date);
  if (!periods.empty()) {
    const bool employed =
        std::any_of(periods.begin(), periods.end(), [&](const EmploymentPeriod& p) {
          return p.start_date.substr(0, 10) <= day &&
                 (p.end_date.empty() || day <= p.end_date.substr(0, 10));
        });
    if (!employed) {
      check.problems.push_back({.field = "date", .message_id = Id("date_not_employed")});
      return;
    }
  }
  out.accident_date = day;
}

}  // namespace

std::optional<std::string> WorkerNumber(std::string_view typed) {
  std::string digits;
  for (char c : typed) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != ' ' && c != '.' && c != '-' && c != '\t') {
      return std::nullopt;
    }
  }
  if (digits.size() != 11 && digits.size() != 16) return std::nullopt;
  return digits;
}

std::string WorkerNumberProblem(std::string_view typed) {
  if (Trim(typed).empty()) return Id("worker_missing");
  if (!WorkerNumber(typed)) return Id("worker_number");
  return "";
}

AccidentCheck CheckAccident(const TypedAccident& typed,
                            const std::vector<EmploymentPeriod>& periods,
                            std::chrono::year_month_day today) {
  AccidentCheck check;
  CheckedAccident out;

  CheckDate(typed, periods, today, check, out);

  std::size_t chars = 0;
  out.place = TidyLine(typed.place);
  if (out.place.empty()) {
    check.problems.push_back({.field = "place", .message_id = Id("place_missing")});
  } else if (!CleanText(out.place, false, &chars)) {
    check.problems.push_back({.field = "place", .message_id = Id("place_characters")});
  } else if (chars > kMaxPlaceChars) {
    check.problems.push_back({.field = "place",
                              .message_id = Id("place_too_long"),
                              .values = {{"max", std::to_string(kMaxPlaceChars)}}});
  }

  out.description = TidyLines(typed.description);
  if (out.description.empty()) {
    check.problems.push_back({.field = "description", .message_id = Id("description_missing")});
  } else if (!CleanText(out.description, true, &chars)) {
    check.problems.push_back({.field = "description", .message_id = Id("description_characters")});
  } else if (chars < kMinDescriptionChars) {
    check.problems.push_back({.field = "description",
                              .message_id = Id("description_too_short"),
                              .values = {{"min", std::to_string(kMinDescriptionChars)}}});
  } else if (chars > kMaxDescriptionChars) {
    check.problems.push_back({.field = "description",
                              .message_id = Id("description_too_long"),
                              .values = {{"max", std::to_string(kMaxDescriptionChars)}}});
  }

  if (!Trim(typed.wage).empty()) {
    const i18n::RupiahInput wage = i18n::ParseRupiah(typed.wage, kMaxAccidentWage);
    if (wage.error != i18n::RupiahInputError::kNone) {
      check.problems.push_back({.field = "wage",
                                .message_id = std::string(i18n::RupiahInputErrorKey(wage.error)),
                                .values = {{"max", std::to_string(kMaxAccidentWage)}}});
    } else if (*wage.amount == 0) {
      check.problems.push_back({.field = "wage", .message_id = Id("wage_zero")});
    } else {
      out.monthly_wage = *wage.amount;
    }
  }

  if (typed.fatal == "yes" || typed.fatal == "no") {
    out.fatal = typed.fatal == "yes";
  } else {
    check.problems.push_back({.field = "fatal", .message_id = Id("fatal_missing")});
  }

  const std::string days = Trim(typed.days);
  if (days.empty()) {
    if (typed.fatal != "yes") {
      check.problems.push_back({.field = "days", .message_id = Id("days_missing")});
    }
  } else if (days.size() > 6 ||
             !std::all_of(days.begin(), days.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    check.problems.push_back({.field = "days", .message_id = Id("days_not_number")});
  } else if (std::stoi(days) > kMaxDaysUnableToWork) {
    check.problems.push_back({.field = "days",
                              .message_id = Id("days_too_many"),
                              .values = {{"max", std::to_string(kMaxDaysUnableToWork)}}});
  } else {
    out.days_unable_to_work = std::stoi(days);
  }

  if (check.problems.empty()) check.accident = std::move(out);
  return check;
}

}  // namespace lumbung::claims
