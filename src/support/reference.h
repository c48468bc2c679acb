// The reference number of a support conversation, for people to quote on the phone or at a
// branch ("S-000123-4"), and for the back office's member look-up to accept as a reason: "S-",
// the conversation's number with at least six digits, "-", and a Damm check digit over the
// number, so a mistyped or swapped digit is caught before anything is looked up. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lumbung::support {

// "S-000123-4" for conversation 123 (id > 0).
std::string FormatReference(std::int64_t id);

// The conversation id of a reference as people write it: any case, with or without the
// hyphens, spaces around or between the parts ("s 000123 4", "S0001234"); nullopt when it is
// not one or its check digit is wrong.
std::optional<std::int64_t> ParseReference(std::string_view text);

}  // namespace lumbung::support
