#include "support/reference.h"

#include <cstdio>

namespace lumbung::support {
namespace {

// Damm's totally anti-symmetric quasigroup of order 10: every single-digit error and every
// swap of adjacent digits changes the check digit.
constexpr int kDamm[10][10] = {{0, 3, 1, 7, 5, 9, 8, 6, 4, 2}, {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
                               {4, 2, 0, 6, 8, 7, 1, 3, 5, 9}, {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
                               {6, 1, 2, 3, 0, 4, 5, 9, 7, 8}, {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
                               {8, 9, 4, 5, 3, 6, 2, 0, 1, 7}, {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
                               {5, 8, 6, 9, 7, 2, 0, 1, 3, 4}, {2, 5, 8, 1, 4, 3, 6, 7, 9, 0}};

int DammDigit(std::string_view digits) {
  int interim = 0;
  for (char c : digits) interim = kDamm[interim][c - '0'];
  return interim;
}

constexpr std::size_t kMinDigits = 6;
constexpr std::size_t kMaxDigits = 15;

}  // namespace

std::string FormatReference(std::int64_t id) {
  char number[32];
  std::snprintf(number, sizeof number, "%06lld", static_cast<long long>(id));
  return "S-" + std::string(number) + "-" + std::to_string(DammDigit(number));
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
  if (DammDigit(number) != digits.back() - '0') return std::nullopt;
  const std::int64_t id = std::stoll(number);
  if (id <= 0) return std::nullopt;
  return id;
}

}  // namespace lumbung::support
