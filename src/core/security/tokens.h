// Random tokens for sessions, password resets, e-mail confirmation and remembered devices, and
// the helpers to store and compare them safely.
//
// Randomness is libsodium's randombytes (the kernel CSPRNG), ASVS 6.3.1/6.3.2. Tokens are at
// least 128 bits (ASVS 3.2.2 asks for 64). Store only HashToken(token) (ASVS 2.5.x / 3.x): a
// copy of the table then gives no usable token, and because the token is high-entropy a fast
// unsalted hash is enough; look rows up by the hash.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lumbung::security {

// `bytes` random bytes (16 .. 1024), base64url without padding: 32 bytes -> 43 characters.
// Throws std::invalid_argument outside that range.
std::string NewToken(std::size_t bytes = 32);

// SHA-256 of the token, 64 lowercase hex digits: what goes into the database.
std::string HashToken(std::string_view token);

// Equality whose time depends only on the lengths, never on where the first difference is
// (libsodium sodium_memcmp). Use it for every comparison of a secret with submitted input.
bool ConstantTimeEquals(std::string_view a, std::string_view b) noexcept;

// `digits` (1 .. 20) decimal digits, each uniformly random (no modulo bias), leading zeros
// kept: "004213". For codes typed by people (e-mail/SMS one-time codes); rate-limit their
// verification, since 6 digits are only ~20 bits. Throws std::invalid_argument outside the range.
std::string NewNumericCode(int digits);

}  // namespace lumbung::security
