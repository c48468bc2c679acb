#include "profile/contact.h"

#include <algorithm>
#include <array>

namespace lumbung::profile {
namespace {

constexpr std::array<std::string_view, 4> kMaritalStatuses = {"single", "married", "divorced",
                                                              "widowed"};

// Area codes with two digits after the trunk 0 (Jakarta, Bandung, Semarang, Surabaya, Medan);
// every other area code has three.
constexpr std::array<std::string_view, 5> kTwoDigitAreaCodes = {"21", "22", "24", "31", "61"};

// Splits digits into two groups joined by a hyphen, the longer group last.
std::string Halves(std::string_view digits) {
  const std::size_t first = digits.size() / 2;
  return std::string(digits.substr(0, first)) + "-" + std::string(digits.substr(first));
}

}  // namespace

std::span<const std::string_view> MaritalStatuses() {
  return kMaritalStatuses;
}

bool IsMaritalStatus(std::string_view value) {
  return std::find(kMaritalStatuses.begin(), kMaritalStatuses.end(), value) !=
         kMaritalStatuses.end();
}

LineCheck CheckAddress(std::string_view typed) {
  return CheckLine(typed, kMaxAddressChars);
}

PhoneCheck NormalisePhone(std::string_view typed) {
  PhoneCheck out;
  std::string digits;
  bool plus = false;
  bool any = false;
  for (std::size_t i = 0; i < typed.size(); ++i) {
    const char c = typed[i];
    if (c >= '0' && c <= '9') {
      digits += c;
      any = true;
    } else if (c == '+' && !any && !plus) {
      plus = true;
      any = true;
    } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') {
      // Separators people write between groups of digits.
    } else {
      out.problem = PhoneProblem::kCharacters;
      return out;
    }
  }
  if (!any) return out;  // empty: no number
  std::string national;
  if (digits.rfind("62", 0) == 0) {
    national = digits.substr(2);
    // "+62 (0)21 ...": the trunk 0 written after the country code.
    if (!national.empty() && national.front() == '0') national.erase(0, 1);
  } else if (plus) {
    out.problem = PhoneProblem::kNotIndonesian;  // another country's code
    return out;
  } else if (!digits.empty() && digits.front() == '0') {
    national = digits.substr(1);
  } else {
    out.problem = PhoneProblem::kNotIndonesian;
    return out;
  }
  if (national.empty()) {
    out.problem = PhoneProblem::kLength;
    return out;
  }
  const char first = national.front();
  std::size_t min = 0, max = 0;
  if (first == '8') {
    min = 9;  // mobile: 08xx xxxx xxx .. 08xx xxxx xxxx xx
    max = 12;
  } else if ((first >= '2' && first <= '7') || first == '9') {
    min = 7;  // landline: area code (2-3 digits) and subscriber number (5-8 digits)
    max = 11;
  } else {
    out.problem = PhoneProblem::kNotIndonesian;  // 0 and 1: no subscriber numbers start so
    return out;
  }
  if (national.size() < min || national.size() > max) {
    out.problem = PhoneProblem::kLength;
    return out;
  }
  out.e164 = "+62" + national;
  return out;
}

std::string DisplayPhone(std::string_view stored) {
  const PhoneCheck check = NormalisePhone(stored);
  if (check.problem != PhoneProblem::kNone || check.e164.empty()) {
    const auto begin = stored.find_first_not_of(' ');
    if (begin == std::string_view::npos) return "";
    return std::string(stored.substr(begin, stored.find_last_not_of(' ') - begin + 1));
  }
  const std::string national = "0" + check.e164.substr(3);
  if (national[1] == '8') {
    // NormalisePhone guarantees 10..13 digits: 4 for the prefix, 6..9 after it.
    const std::string_view rest = std::string_view(national).substr(4);
    const std::size_t middle = std::min<std::size_t>(4, rest.size() - 3);
    return national.substr(0, 4) + "-" + std::string(rest.substr(0, middle)) + "-" +
           std::string(rest.substr(middle));
  }
  const std::string_view after_trunk = std::string_view(national).substr(1, 2);
  const bool two_digit_area = std::find(kTwoDigitAreaCodes.begin(), kTwoDigitAreaCodes.end(),
                                        after_trunk) != kTwoDigitAreaCodes.end();
  const std::size_t area = two_digit_area ? 3 : 4;  // with the trunk 0
  return "(" + national.substr(0, area) + ") " + Halves(std::string_view(national).substr(area));
}

}  // namespace lumbung::profile
