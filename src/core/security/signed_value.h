// Values the server hands out and must get back unchanged (cookies, links in e-mails,
// remembered-device tokens): "<base64url(value)>.<base64url(mac)>" with libsodium crypto_auth
// (HMAC-SHA-512-256), ASVS 3.x / 6.2.x.
//
// A signature proves only that the server made the value; it does not hide it (anyone can
// decode the first part) and it does not expire: put an expiry time inside the value when it
// must expire, and never put secrets in it.
//
// Keys: the configuration holds one master key (security.secret_key, 64 hex digits; parse it
// with ParseHexKey). Each use gets its own key, DeriveKey(master, "cookie.session"),
// DeriveKey(master, "device.remember"), DeriveKey(master, "totp.seal"), ..., so a value signed
// for one purpose is never accepted for another and one leaked derived key does not expose
// the others.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lumbung::security {

inline constexpr std::size_t kKeyBytes = 32;

class Signer {
 public:
  // `key`: exactly 32 bytes (normally from DeriveKey). Throws std::invalid_argument otherwise.
  explicit Signer(std::string key);
  ~Signer();  // wipes the key
  Signer(const Signer&) = default;
  Signer& operator=(const Signer&) = default;

  std::string Sign(std::string_view value) const;

  // The value when `signed_value` is exactly what Sign made with this key; nullopt for any
  // change (value, MAC, separator, encoding), another key, or malformed input. The MAC check is
  // constant-time. Never throws.
  std::optional<std::string> Verify(std::string_view signed_value) const noexcept;

 private:
  std::string key_;
};

// A 32-byte key for `purpose` (non-empty, e.g. "cookie.session") from `master_key` (16..64
// bytes, normally 32 from ParseHexKey): keyed BLAKE2b (crypto_generichash) of the purpose.
// Deterministic, so every instance derives the same keys. Throws std::invalid_argument for a
// bad master key length or an empty purpose.
std::string DeriveKey(std::string_view master_key, std::string_view purpose);

// The configuration value security.secret_key: exactly 64 hex digits (either case) -> 32
// bytes. nullopt for anything else, and for an all-zero key (a placeholder, not a secret).
std::optional<std::string> ParseHexKey(std::string_view hex);

}  // namespace lumbung::security
