// Dates people know by heart (a date of birth) as three small fields, day, month and year: the
// memorable-date pattern of ../shared/design/ui-patterns.md. A browser's date picker shows its
// own format ("01/25/1986" under an English browser) whatever the hint says; three fields read
// the same everywhere. Pure: the parser below is what the forms accept.
//
// Accepted: leading zeros or not ("7", "07"), spaces anywhere, the month as a number or as a
// name or abbreviation in Indonesian or English, any case, with or without a final dot
// ("8", "08", "Agustus", "agt", "Aug.", "August"), and a whole date typed or pasted into the day
// field alone ("17-08-1990", "17/8/1990", "17.08.1990", "17 Agustus 1990", "1990-08-17").
// Refused, each with its own reason: a missing part, a day outside 1..31, a month that is no
// month, a year without four digits (a two-digit year is refused rather than guessed: "20" may
// be 1920 or 2020, and a wrong guess would only end in a confusing "no match"), a day the month
// does not have (31 February, 29 February 1991), and dates outside the caller's bounds.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace lumbung::view {

// The three fields as typed.
struct DateParts {
  std::string day{}, month{}, year{};
};

enum class DateProblem {
  kNone,
  kMissing,       // nothing typed
  kMissingDay,    // month and year typed, no day
  kMissingMonth,  // ...
  kMissingYear,
  kBadDay,        // not a number from 1 to 31
  kBadMonth,      // neither 1..12 nor a month's name
  kBadYear,       // not four digits
  kTwoDigitYear,  // "86": refused, not guessed
  kNoSuchDay,     // 31 February, 29 February of a common year
  kTooLate,       // after the latest allowed date (a birth date in the future)
  kTooEarly,      // before the earliest allowed date
};

// Which field a problem is about, for the error link and aria-invalid.
enum class DatePart { kAll, kDay, kMonth, kYear };

struct ParsedDate {
  std::optional<std::chrono::year_month_day> date;  // set when problem is kNone
  DateProblem problem = DateProblem::kNone;
  DatePart part = DatePart::kAll;
  // What was understood, for messages that name it ("31 February"): 0 when not understood.
  int day = 0, month = 0, year = 0;
};

// The date the three fields give, or why not. `earliest` and `latest` are inclusive.
ParsedDate ParseMemorableDate(const DateParts& typed, std::chrono::year_month_day earliest,
                              std::chrono::year_month_day latest);

// The month a text names: 1..12 for "8", "08", "Agustus", "agt", "Aug.", "august"; 0 otherwise.
int MonthFromText(std::string_view text);

// A whole date in one text ("17-08-1990", "17 Agustus 1990", "1990-08-17") split into its
// parts; nullopt when the text is not one date with separators.
std::optional<DateParts> SplitDateText(std::string_view text);

// "1990-08-17".
std::string IsoDate(std::chrono::year_month_day date);

// The catalog suffix of a problem: "missing", "missing_day", "bad_month", "no_such_day", ...
std::string_view DateProblemId(DateProblem problem);

}  // namespace lumbung::view
