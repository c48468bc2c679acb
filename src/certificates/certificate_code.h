// The public code of a certificate: what the holder gives an employer, prints on the PDF and
// puts in the QR code of /verify/certificate/<code>. It grants nothing but the certificate's
// public facts (status, competency, issuer, dates, masked name), yet it must not be guessable,
// so it is random: 16 characters from a 32-letter alphabet without look-alikes (no 0/O, 1/I),
// 80 bits, then one check character (Luhn mod 32) that catches any single mistyped character and
// most swapped neighbours before anything is looked up. Printed in groups of four
// ("ABCD-EFGH-JKLM-NPQR-S") so people can read it out.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lumbung::certificates {

inline constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
inline constexpr std::size_t kRandomChars = 16;
inline constexpr std::size_t kCodeLength = kRandomChars + 1;

// The check character (Luhn mod 32) of `body` (characters of kCodeAlphabet). Throws
// std::invalid_argument for a character outside it.
char CheckCharacter(std::string_view body);

// Pure: the canonical code for `random` (at least 16 bytes; the low five bits of each of the
// first 16 are used, so uniform bytes give uniform letters), with its check character. Throws
// std::invalid_argument for fewer bytes.
std::string CodeFromRandomBytes(std::string_view random);

// A fresh code from the system CSPRNG (libsodium).
std::string NewCertificateCode();

// What people type back, made canonical: case and the separators '-' and ' ' do not matter. The
// 17 characters without separators, or nullopt when it cannot be a code (a character outside
// the alphabet, the wrong length) or its check character is wrong.
std::optional<std::string> ParseCertificateCode(std::string_view typed);

// "ABCDEFGHJKLMNPQRS" -> "ABCD-EFGH-JKLM-NPQR-S".
std::string GroupCode(std::string_view canonical);

}  // namespace lumbung::certificates
