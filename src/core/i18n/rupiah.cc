#include "core/i18n/rupiah.h"

#include <algorithm>

namespace lumbung::i18n {
namespace {

// English groups thousands with commas; Indonesian (and everything we have no rule for, since
// the portal's default language is Indonesian) with dots.
char ThousandsSeparator(std::string_view lang) {
  const bool english =
      lang.substr(0, 2) == "en" && (lang.size() == 2 || lang[2] == '-' || lang[2] == '_');
  return english ? ',' : '.';
}

}  // namespace

std::string FormatRupiah(std::int64_t amount, std::string_view lang) {
  const char separator = ThousandsSeparator(lang);
  // The magnitude as unsigned, so INT64_MIN has one too.
  std::uint64_t magnitude =
      amount < 0 ? 0 - static_cast<std::uint64_t>(amount) : static_cast<std::uint64_t>(amount);
  std::string digits;  // reversed
  int count = 0;
  do {
    if (count > 0 && count % 3 == 0) digits.push_back(separator);
    digits.push_back(static_cast<char>('0' + magnitude % 10));
    magnitude /= 10;
    ++count;
  } while (magnitude > 0);
  std::reverse(digits.begin(), digits.end());
  return (amount < 0 ? "-Rp " : "Rp ") + digits;
}

}  // namespace lumbung::i18n
