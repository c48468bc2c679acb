// A work accident as the employer reports it (/employer/accidents/new): what was typed, checked
// before anything is stored (ASVS 4.0.3 5.1.3, 5.1.4). Pure: the worker's employment periods at
// the reporting employer and today's date come from the caller.
//
// The rules, in the order of the form:
// - the worker is named by KPJ (11 digits) or NIK (16 digits); spaces, dots and dashes between
//   the digits are ignored. Whether that person works for this employer is the store's question.
// - the accident day is a real day (the memorable-date pattern, core/view/memorable_date.h), not
//   after today, not before the worker's first day at this employer, and inside one of the
//   worker's employment periods here (a JKK claim needs the work relationship on that day);
// - the place: 1 to kMaxPlaceChars characters on one line;
// - what happened: kMinDescriptionChars to kMaxDescriptionChars characters, line breaks allowed;
// - the monthly wage at the time: whole rupiah above 0, or empty for the last wage the employer
//   reported for the worker (the store fills it in);
// - fatal or not: "yes" or "no";
// - days unable to work: 0 to kMaxDaysUnableToWork; empty counts as 0 for a fatal accident.
// Text may not hold control characters or invalid UTF-8; spaces at the ends are dropped.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/view/memorable_date.h"

namespace lumbung::claims {

inline constexpr std::size_t kMaxPlaceChars = 200;
inline constexpr std::size_t kMinDescriptionChars = 10;
inline constexpr std::size_t kMaxDescriptionChars = 2000;
// Ten years: more than any temporary incapacity the fund pays for, less than a typing slip.
inline constexpr int kMaxDaysUnableToWork = 3660;
// A wage larger than this is a typing slip (the same bound as the employer's worker form).
inline constexpr std::int64_t kMaxAccidentWage = 1'000'000'000'000;

// One employment spell of the worker at the reporting employer.
struct EmploymentPeriod {
  std::string start_date{};  // YYYY-MM-DD
  std::string end_date{};    // YYYY-MM-DD; empty while it lasts
};

// The form's fields as typed.
struct TypedAccident {
  view::DateParts date{};
  std::string place{};
  std::string description{};
  std::string wage{};
  std::string fatal{};  // "yes" or "no"
  std::string days{};
};

// One problem, tied to its field: "worker", "date", "place", "description", "wage", "fatal" or
// "days". The message is the catalog text `message_id` with `values`; a value named "date" is a
// YYYY-MM-DD day and "month" a month number (1..12), for the caller to show in words.
struct AccidentProblem {
  std::string field{};
  std::string message_id{};
  std::map<std::string, std::string> values{};
  view::DatePart part = view::DatePart::kAll;  // for "date": the part it is about

  bool operator==(const AccidentProblem&) const = default;
};

// What is stored once every field passed.
struct CheckedAccident {
  std::string accident_date{};                 // YYYY-MM-DD
  std::string place{};                         // on one line, spaces tidied
  std::string description{};                   // line breaks as "\n"
  std::optional<std::int64_t> monthly_wage{};  // nullopt: use the last reported wage
  bool fatal = false;
  int days_unable_to_work = 0;
};

struct AccidentCheck {
  std::optional<CheckedAccident> accident;  // set exactly when problems is empty
  std::vector<AccidentProblem> problems;    // in the order of the form
  bool ok() const { return problems.empty(); }
};

// Every field is checked, so the employer sees every problem at once. `periods`: the worker's
// spells at this employer (any order); empty when the worker is not known yet (the date is then
// checked against today only). `today`: the fund's day.
AccidentCheck CheckAccident(const TypedAccident& typed,
                            const std::vector<EmploymentPeriod>& periods,
                            std::chrono::year_month_day today);

// The digits of a KPJ (11) or NIK (16) as typed, without spaces, dots and dashes; nullopt for
// anything else.
std::optional<std::string> WorkerNumber(std::string_view typed);

// The catalog id of the problem with the worker's number: empty, or not 11 or 16 digits. Empty
// when the number has a usable shape.
std::string WorkerNumberProblem(std::string_view typed);

}  // namespace lumbung::claims
