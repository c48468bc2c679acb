#include "core/i18n/rupiah_input.h"

#include <cctype>
#include <string>
#include <vector>

namespace lumbung::i18n {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsLetter(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

// Spaces people paste: ASCII blanks, no-break space (U+00A0), narrow no-break space (U+202F)
// and thin space (U+2009) all become one ' '.
std::string NormaliseSpaces(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      out += ' ';
    } else if (c == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      out += ' ';
      ++i;
    } else if (c == 0xE2 && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(text[i + 2]) == 0xAF ||
                static_cast<unsigned char>(text[i + 2]) == 0x89)) {
      out += ' ';
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

void Trim(std::string_view& s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

RupiahInput Fail(RupiahInputError error) {
  return {std::nullopt, error};
}

}  // namespace

RupiahInput ParseRupiah(std::string_view text, std::int64_t max) {
  const std::string normalised = NormaliseSpaces(text);
  std::string_view s = normalised;
  Trim(s);
  if (s.empty()) return Fail(RupiahInputError::kEmpty);
  // A minus sign ('-' or U+2212) before or after the currency: "-Rp 5.000", "Rp -5.000".
  bool negative = false;
  const auto take_minus = [&] {
    if (s.substr(0, 1) == "-" || s.substr(0, 3) == "\xE2\x88\x92") {
      s.remove_prefix(s.front() == '-' ? 1 : 3);
      Trim(s);
      negative = true;
    }
  };
  take_minus();
  // The currency in front: "Rp", "Rp.", "IDR".
  if (StartsWithNoCase(s, "idr")) {
    s.remove_prefix(3);
  } else if (StartsWithNoCase(s, "rp")) {
    s.remove_prefix(2);
    if (!s.empty() && s.front() == '.') s.remove_prefix(1);
  }
  Trim(s);
  take_minus();
  // The price notation "5.000,-" / "5.000.-".
  if (s.size() >= 2 && s.back() == '-' && (s[s.size() - 2] == ',' || s[s.size() - 2] == '.')) {
    s.remove_suffix(2);
  }
  Trim(s);
  if (s.empty()) return Fail(RupiahInputError::kNotUnderstood);
  if (negative && IsDigit(s.front())) return Fail(RupiahInputError::kNegative);
  if (!IsDigit(s.front())) return Fail(RupiahInputError::kNotUnderstood);

  // Digits and separators first; anything after them must be nothing or a word.
  std::size_t end = 0;
  while (end < s.size() && (IsDigit(s[end]) || s[end] == '.' || s[end] == ',' || s[end] == ' ')) {
    ++end;
  }
  std::string_view number = s.substr(0, end);
  std::string_view rest = s.substr(end);
  Trim(number);
  Trim(rest);
  // The currency written after the amount: "5.000.000 rupiah".
  for (std::string_view unit : {"rupiah", "idr", "rp"}) {
    if (rest.size() == unit.size() && StartsWithNoCase(rest, unit)) rest = {};
  }
  if (!rest.empty()) {
    bool word = true;
    for (char c : rest) word = word && (IsLetter(c) || c == ' ' || c == '.');
    return Fail(word && IsLetter(rest.front()) ? RupiahInputError::kShorthand
                                               : RupiahInputError::kNotUnderstood);
  }
  if (!IsDigit(number.back())) return Fail(RupiahInputError::kNotUnderstood);

  // A cents part: the last '.' or ',' followed by one or two digits only.
  const std::size_t last_mark = number.find_last_of(".,");
  char decimal_mark = 0;
  if (last_mark != std::string_view::npos) {
    const std::string_view after = number.substr(last_mark + 1);
    bool digits_only = true;
    for (char c : after) digits_only = digits_only && IsDigit(c);
    if (digits_only && (after.size() == 1 || after.size() == 2)) {
      decimal_mark = number[last_mark];
      bool zero = true;
      for (char c : after) zero = zero && c == '0';
      if (!zero) return Fail(RupiahInputError::kCents);
      number = number.substr(0, last_mark);
      if (number.empty() || !IsDigit(number.back())) {
        return Fail(RupiahInputError::kNotUnderstood);
      }
    }
  }

  // Whole rupiah: plain digits, or groups of three after a first group of one to three, all
  // with the same separator (not the cents mark).
  std::vector<std::string_view> groups;
  char separator = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < number.size(); ++i) {
    if (IsDigit(number[i])) continue;
    if (separator == 0) separator = number[i];
    if (number[i] != separator || separator == decimal_mark) {
      return Fail(RupiahInputError::kNotUnderstood);
    }
    groups.push_back(number.substr(start, i - start));
    start = i + 1;
  }
  groups.push_back(number.substr(start));
  if (groups.size() > 1) {
    if (groups.front().empty() || groups.front().size() > 3) {
      return Fail(RupiahInputError::kNotUnderstood);
    }
    for (std::size_t g = 1; g < groups.size(); ++g) {
      if (groups[g].size() != 3) return Fail(RupiahInputError::kNotUnderstood);
    }
  }
  std::string digits;
  for (auto g : groups) digits += g;
  const std::size_t first_significant = digits.find_first_not_of('0');
  if (first_significant == std::string::npos) return {0, RupiahInputError::kNone};
  if (digits.size() - first_significant > 18) return Fail(RupiahInputError::kTooLarge);
  std::int64_t value = 0;
  for (std::size_t i = first_significant; i < digits.size(); ++i)
    value = value * 10 + (digits[i] - '0');
  if (value > max) return Fail(RupiahInputError::kTooLarge);
  return {value, RupiahInputError::kNone};
}

std::string_view RupiahInputErrorKey(RupiahInputError error) {
  switch (error) {
    case RupiahInputError::kNone:
      return "";
    case RupiahInputError::kEmpty:
      return "money.error.empty";
    case RupiahInputError::kNotUnderstood:
      return "money.error.not_understood";
    case RupiahInputError::kShorthand:
      return "money.error.shorthand";
    case RupiahInputError::kCents:
      return "money.error.cents";
    case RupiahInputError::kNegative:
      return "money.error.negative";
    case RupiahInputError::kTooLarge:
      return "money.error.too_large";
  }
  return "money.error.not_understood";
}

}  // namespace lumbung::i18n
