// One-time passwords for two-step sign-in with an authenticator app: HOTP (RFC 4226) and TOTP
// (RFC 6238) with HMAC-SHA-1, 6 digits and 30-second steps, which is what every common app
// (Google Authenticator, Microsoft Authenticator, FreeOTP, Aegis, 1Password) supports; other
// choices are silently ignored by some apps, and then the codes never match. Plus the text
// forms needed to enrol the app: base32 secret, grouped for typing, and the otpauth:// URI for
// the QR code (Google's Key Uri Format).
//
// Keys ("secrets") are raw bytes everywhere in this header; only Base32Encode/OtpauthUri produce
// the text that people and apps see. Store the secret encrypted (secret_box.h, ASVS 2.8.2) and
// store the step MatchTotp returns, so a code is accepted once only (ASVS 2.8.4). Rate-limit
// verification: 6 digits are only ~20 bits.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lumbung::security {

// RFC 4226 HOTP (HMAC-SHA-1, dynamic truncation), zero-padded to `digits` (6..8).
// Throws std::invalid_argument for other digit counts, or a key under 16 bytes (RFC 4226 R6: at
// least 128 bits).
std::string Hotp(std::string_view key, std::uint64_t counter, int digits = 6);

// RFC 6238: floor(unix_seconds / period) (T0 = 0). Throws std::invalid_argument for a period
// below 1 or a time before 1970 (a clock that wrong is a bug, not a member's mistake).
std::uint64_t TotpStep(std::int64_t unix_seconds, int period = 30);

// Hotp(key, TotpStep(unix_seconds, period), digits); throws as those do.
std::string Totp(std::string_view key, std::int64_t unix_seconds, int digits = 6, int period = 30);

// Checks a typed code (spaces ignored; must then be exactly `digits` ASCII digits) against the
// steps step-drift .. step+drift around `now`, comparing in constant time. Returns the matching
// step, or nullopt. A step <= last_used_step never matches (replay protection: the caller stores
// the returned step and passes it back next time). Every candidate step is computed and compared
// (no early exit); if one code happens to match two steps, the later one is returned, so the
// code cannot be accepted a second time. `drift_steps` is 0..10 (RFC 6238 §6 recommends at
// most one step); throws std::invalid_argument outside that, or for a bad key/digits/period/now.
// Never throws for what the member typed.
std::optional<std::uint64_t> MatchTotp(std::string_view key, std::string_view typed,
                                       std::int64_t now,
                                       std::optional<std::uint64_t> last_used_step,
                                       int drift_steps = 1, int digits = 6, int period = 30);

// 20 random bytes (160 bits, RFC 4226 recommendation), from libsodium's CSPRNG.
std::string NewTotpSecret();

// RFC 4648 base32, upper case, without '=' padding (what authenticator apps expect).
std::string Base32Encode(std::string_view bytes);

// "ABCDEFGH..." -> "ABCD EFGH ..." for manual entry (apps ignore the spaces).
std::string GroupsOfFour(std::string_view text);

// otpauth://totp/<Issuer>:<account>?secret=<BASE32>&issuer=<Issuer>&algorithm=SHA1&digits=6&period=30
// with issuer and account percent-encoded (RFC 3986 unreserved kept, space as %20; a ':' in them
// encoded, non-ASCII as its UTF-8 bytes). `secret` is the raw key (as from NewTotpSecret); it is
// base32-encoded here. The issuer appears twice because older apps read only the label and newer
// ones prefer the parameter.
std::string OtpauthUri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace lumbung::security
