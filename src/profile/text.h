// Checks of short texts members type into their profile: one line of printable text (addresses,
// names). Pure functions; the routes turn the problems into translated messages.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lumbung::profile {

enum class LineProblem {
  kNone,
  kEmpty,             // nothing but white space
  kTooLong,           // more than the maximum number of characters
  kControlCharacter,  // control characters, line breaks, bidirectional overrides, bad UTF-8
};

struct LineCheck {
  std::string text;  // trimmed, runs of spaces made one; meaningful when problem is kNone
  LineProblem problem = LineProblem::kNone;
};

// One line of text as stored: surrounding spaces trimmed and runs of spaces made one, at most
// `max_chars` Unicode characters. Anything that could break a page, a mail or a log line
// (control characters including tab and line breaks, U+2028/2029, bidirectional controls,
// invalid UTF-8) is refused rather than silently removed, so the member sees what is stored.
LineCheck CheckLine(std::string_view typed, std::size_t max_chars);

enum class NameProblem { kNone, kEmpty, kTooLong, kCharacters };

struct NameCheck {
  std::string name;
  NameProblem problem = NameProblem::kNone;
};

inline constexpr std::size_t kMaxNameChars = 100;

// A person's name as on an e-KTP or a savings book: CheckLine, then letters (any script),
// spaces, and . , ' - only; at least one letter. Digits and other symbols are refused.
NameCheck CheckPersonName(std::string_view typed);

// Unicode characters (code points) in valid UTF-8 `text`.
std::size_t CountCodePoints(std::string_view text);

}  // namespace lumbung::profile
