#include "support/reference.h"

#include <cstdio>

#include "core/security/damm.h"

namespace lumbung::support {
namespace {

constexpr std::size_t kMinDigits = 6;
constexpr std::size_t kMaxDigits = 15;

}  // namespace

std::string FormatReference(std::int64_t id) {
  char number[32];
  std::snprintf(number, sizeof number, "%06lld", static_cast<long long>(id));
  return "S-" + std::string(number) + "-" + std::string(1, *security::DammCheckDigit(number));
}

std::optional<std::int64_t> ParseReference(std::string_view text) {
  std::string digits;
  bool letter = false;
  for (char c : text) {
    if (c == ' ' || c == '-') continue;
    if (!letter && digits.empty() && (c == 'S' || c == 's')) {
      letter = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    digits += c;
  }
  if (!letter || digits.size() < kMinDigits + 1 || digits.size() > kMaxDigits + 1) {
    return std::nullopt;
  }
  const std::string number = digits.substr(0, digits.size() - 1);
  if (!security::IsDammValid(digits)) return std::nullopt;
  const std::int64_t id = std::stoll(number);
  if (id <= 0) return std::nullopt;
  return id;
}

}  // namespace lumbung::support
