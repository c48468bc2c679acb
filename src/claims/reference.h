// The reference number of a claim, for the member to quote and for staff to find it:
// "K-48213-09372-5", ten random digits and a Damm check digit over them (core/security/damm.h).
// Random, so that one member's number says nothing about how many claims the fund has or what
// another member's number is; the check digit catches a mistyped or swapped digit before
// anything is looked up. Access to a claim is still decided by who asks, never by knowing its
// number.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lumbung::claims {

// A new random reference (libsodium's generator).
std::string NewReference();

// The reference for ten digits (pure; for tests and for NewReference).
std::string FormatReference(std::string_view ten_digits);

// The canonical form of a reference as people write it (any case, with or without hyphens or
// spaces: "k 48213 09372 5"), or nullopt when it is not one or the check digit is wrong.
std::optional<std::string> ParseReference(std::string_view text);

}  // namespace lumbung::claims
