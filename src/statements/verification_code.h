// The verification code printed on every page of a statement: anyone holding the paper (a bank,
// an employer) can check at /verify/statement that the fund issued it. It is not a credential
// (it grants nothing but a yes/no, the year and a masked name), but it must not be guessable, so
// it is random: 12 characters from a 32-letter alphabet without look-alikes (no 0/O, 1/I),
// 60 bits, printed in groups of four ("ABCD-EFGH-JK23") so people can read it out.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lumbung::statements {

inline constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
inline constexpr std::size_t kCodeLength = 12;

// Pure: the printed code for `random` (at least kCodeLength bytes; only the low five bits of
// each of the first 12 are used, so uniform bytes give uniform letters). Throws
// std::invalid_argument for fewer bytes.
std::string CodeFromRandomBytes(std::string_view random);

// A fresh code from the system CSPRNG.
std::string NewVerificationCode();

// What people type back, made canonical: case and the separators '-' and ' ' do not matter.
// The 12 characters without separators, or nullopt when it cannot be a code.
std::optional<std::string> CanonicalCode(std::string_view typed);

// "ABCDEFGHJK23" -> "ABCD-EFGH-JK23".
std::string GroupCode(std::string_view canonical);

// What the database keeps and looks up: SHA-256 of the canonical code.
std::string CodeHash(std::string_view canonical);

}  // namespace lumbung::statements
