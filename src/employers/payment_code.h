// The employer's payment code (kode iuran): 11 digits issued per bill, typed by the employer
// at a partner bank and matched by the payment import. Like the KPJ (kpj_number.h) it is 10
// digits of issue number and a Damm check digit (core/security/damm.h), so the bank or the portal
// refuses a code with one digit wrong or two neighbouring digits swapped instead of crediting
// another employer's bill.
//
//   digit 1-10  1,000,000,000 + the bill's issue sequence (0 .. 8,999,999,999)
//   digit 11    Damm check digit over digits 1-10
//
// Unique by construction: one sequence number per bill (a database sequence), never reused.
// Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lumbung::employers {

inline constexpr std::uint64_t kPaymentCodeSequenceCount = 9'000'000'000;

enum class PaymentCodeProblem {
  kNone,
  kNotElevenDigits,  // not exactly 11 digits 0-9, or a leading zero
  kBadCheckDigit,    // a typo: the check digit does not match
};

// The payment code of bill number `sequence`; throws std::out_of_range at
// kPaymentCodeSequenceCount or above.
std::string IssuePaymentCode(std::uint64_t sequence);

// What is wrong with a code as typed. Spaces are not removed here: the caller trims.
PaymentCodeProblem CheckPaymentCode(std::string_view code);

// The issue sequence of a valid code, nullopt for any other text.
std::optional<std::uint64_t> PaymentCodeSequence(std::string_view code);

}  // namespace lumbung::employers
