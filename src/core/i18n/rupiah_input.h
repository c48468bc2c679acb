// Reading a rupiah amount the way people type it: "Rp 5.000.000", "5.000.000", "5,000,000",
// "5 000 000", "5000000", "Rp 5.000.000,-" or "5.000.000,00" (a price or a bank statement
// copied in). Pure.
//
// Thousands may be grouped with dots, commas or spaces, whichever language the page is in,
// because members copy figures from payslips and banking apps written either way. A separator
// followed by exactly three digits groups thousands; one followed by one or two digits at the
// end starts a cents part. Rupiah has no cents in practice, so a cents part of zeros is
// dropped ("5.000.000,00" is 5,000,000) and any other cents part is refused rather than
// guessed at: "5.000,50" is refused, never read as 500,050 or rounded. Shorthands ("5jt",
// "500rb", "5 juta") are refused with their own error so the member knows to write the digits.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace lumbung::i18n {

enum class RupiahInputError {
  kNone,
  kEmpty,          // nothing typed
  kNotUnderstood,  // not an amount (letters, misplaced separators, "5.00.000")
  kShorthand,      // digits followed by words or abbreviations: "5jt", "500 ribu", "5k"
  kCents,          // a non-zero fraction: "5.000,50"
  kNegative,       // "-5.000"
  kTooLarge,       // more than the caller allows (or than fits)
};

struct RupiahInput {
  std::optional<std::int64_t> amount;  // set exactly when error is kNone
  RupiahInputError error = RupiahInputError::kNone;
};

// `max`: the largest amount the field accepts (kTooLarge above it).
RupiahInput ParseRupiah(std::string_view text, std::int64_t max);

// The catalog key of the error's message ("money.error.*"); kTooLarge's message takes
// {{max}}. Empty for kNone.
std::string_view RupiahInputErrorKey(RupiahInputError error);

}  // namespace lumbung::i18n
