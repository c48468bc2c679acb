// Authenticated encryption of small secrets kept in the database (TOTP seeds), so a copy of the
// database alone does not reveal them (ASVS 6.2.x, 2.8.x): libsodium crypto_secretbox_easy
// (XSalsa20-Poly1305) with a fresh random 24-byte nonce, stored as nonce || MAC || ciphertext.
//
// The result is BINARY (40 bytes longer than the plaintext). To store it in a TEXT column, wrap
// it: Base64UrlEncode(Seal(...)) and Open(key, *Base64UrlDecode(text)). Use a key from
// DeriveKey(master, "<purpose>") for each purpose.
//
// A sealed value is not bound to its row: someone who can write the table could move one
// user's sealed secret to another row. When that matters, put the owner's id inside the
// plaintext and check it after Open.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lumbung::security {

// Throws std::invalid_argument when `key32` is not 32 bytes.
std::string Seal(std::string_view key32, std::string_view plaintext);

// The plaintext, or nullopt when `sealed` was not made by Seal with this key or was changed in
// any way (or is too short). Throws std::invalid_argument when `key32` is not 32 bytes (a
// programming error); never throws for bad `sealed` input.
std::optional<std::string> Open(std::string_view key32, std::string_view sealed);

}  // namespace lumbung::security
