// The Damm check digit (H. Michael Damm, 2004), used by the fund's own numbers (KPJ, payment
// code, support and claim references) so that a mistyped number is refused before anything is
// looked up.
//
// Why Damm: it catches every single-digit error and every swap of two adjacent digits (its
// table is a totally anti-symmetric quasigroup of order 10), which Luhn does not (Luhn misses
// 09 <-> 90); unlike Verhoeff and ISO 7064 MOD 11-2 it needs no letter X and no permutation
// table, just one 10x10 table; and the check digit is always a decimal digit. Pure.
#pragma once

#include <optional>
#include <string_view>

namespace lumbung::security {

// The digit that, appended to `digits`, makes the whole string pass IsDammValid. nullopt when
// `digits` is empty or has anything but 0-9.
std::optional<char> DammCheckDigit(std::string_view digits);

// True when `digits` (the last one being the check digit) is non-empty, all 0-9, and passes.
bool IsDammValid(std::string_view digits);

}  // namespace lumbung::security
