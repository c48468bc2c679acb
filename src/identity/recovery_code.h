// Recovery codes: the single-use "lookup secrets" (NIST 800-63B §5.1.2, ASVS 2.6) a member
// prints or saves when turning on two-step sign-in, to get in when the phone is lost. Each is
// shown once, stored only as a salted hash, and deleted when used (ASVS 2.6.1).
//
// The alphabet is Crockford's base32 in lower case (0-9 and a-z without i, l, o, u): no two
// characters look alike in common fonts or handwriting, and the letters people confuse with
// digits are read as those digits.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lumbung::identity {

inline constexpr int kRecoveryCodeCount = 10;

// A new single-use recovery code: 12 characters from a 32-letter alphabet without look-alikes
// (60 bits), shown as "xxxx-xxxx-xxxx" in lower case.
std::string NewRecoveryCode();

// What a member typed -> the canonical 12 characters (case-insensitive; spaces and dashes
// ignored; look-alikes such as 'o'->'0', 'l'/'i'->'1' mapped when the alphabet needs it),
// nullopt when it cannot be a recovery code. Never throws on bad input.
std::optional<std::string> NormaliseRecoveryCode(std::string_view typed);

// Stored form "<salt>$<hash>": a fresh 16-byte random salt (base64url) and SHA-256(salt || code)
// in hex. Codes are under 112 bits, so they are salted and hashed (OWASP ASVS 4.0.3 2.6.2).
// `salt` in the hash is the 16 raw bytes. Throws std::invalid_argument when `canonical` is not
// canonical (for example the dashed display form), since such a hash could never match.
std::string HashRecoveryCode(std::string_view canonical);

// Constant-time check of a canonical code against a stored form; false for malformed stored forms.
bool RecoveryCodeMatches(std::string_view stored, std::string_view canonical);

}  // namespace lumbung::identity
