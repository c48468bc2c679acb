#include "claims/reference.h"

#include <sodium.h>

#include "core/security/damm.h"

namespace lumbung::claims {
namespace {
constexpr std::size_t kDigits = 10;
}

std::string NewReference() {
  std::string digits;
  for (std::size_t i = 0; i < kDigits; ++i) {
    digits += static_cast<char>('0' + randombytes_uniform(10));
  }
  return FormatReference(digits);
}

std::string FormatReference(std::string_view ten_digits) {
  const std::string digits(ten_digits);
  return "K-" + digits.substr(0, 5) + "-" + digits.substr(5) + "-" +
         std::string(1, *security::DammCheckDigit(digits));
}

std::optional<std::string> ParseReference(std::string_view text) {
  std::string digits;
  bool letter = false;
  for (char c : text) {
    if (c == ' ' || c == '-') continue;
    if (!letter && digits.empty() && (c == 'K' || c == 'k')) {
      letter = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    digits += c;
  }
  if (!letter || digits.size() != kDigits + 1 || !security::IsDammValid(digits)) {
    return std::nullopt;
  }
  return FormatReference(std::string_view(digits).substr(0, kDigits));
}

}  // namespace lumbung::claims
