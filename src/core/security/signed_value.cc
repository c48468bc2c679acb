#include "core/security/signed_value.h"

#include <sodium.h>

#include <stdexcept>
#include <utility>

#include "core/security/encoding.h"
#include "core/security/sodium_ready.h"

namespace lumbung::security {

static_assert(kKeyBytes == crypto_auth_KEYBYTES);
static_assert(kKeyBytes == crypto_secretbox_KEYBYTES);

Signer::Signer(std::string key) : key_(std::move(key)) {
  if (key_.size() != crypto_auth_KEYBYTES) {
    sodium_memzero(key_.data(), key_.size());
    throw std::invalid_argument("signed value: the key must be 32 bytes");
  }
  internal::EnsureSodium();
}

Signer::~Signer() {
  if (!key_.empty()) sodium_memzero(key_.data(), key_.size());
}

std::string Signer::Sign(std::string_view value) const {
  unsigned char mac[crypto_auth_BYTES];
  crypto_auth(mac, reinterpret_cast<const unsigned char*>(value.data()), value.size(),
              reinterpret_cast<const unsigned char*>(key_.data()));
  return Base64UrlEncode(value) + "." +
         Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

std::optional<std::string> Signer::Verify(std::string_view signed_value) const noexcept {
  try {
    // base64url has no '.', so the first '.' is the separator and there must be no other.
    const std::size_t dot = signed_value.find('.');
    if (dot == std::string_view::npos ||
        signed_value.find('.', dot + 1) != std::string_view::npos) {
      return std::nullopt;
    }
    auto value = Base64UrlDecode(signed_value.substr(0, dot));
    auto mac = Base64UrlDecode(signed_value.substr(dot + 1));
    if (!value || !mac || mac->size() != crypto_auth_BYTES) return std::nullopt;
    if (crypto_auth_verify(reinterpret_cast<const unsigned char*>(mac->data()),
                           reinterpret_cast<const unsigned char*>(value->data()), value->size(),
                           reinterpret_cast<const unsigned char*>(key_.data())) != 0) {
      return std::nullopt;
    }
    return value;
  } catch (...) {
    return std::nullopt;
  }
}

std::string DeriveKey(std::string_view master_key, std::string_view purpose) {
  if (master_key.size() < crypto_generichash_KEYBYTES_MIN ||
      master_key.size() > crypto_generichash_KEYBYTES_MAX) {
    throw std::invalid_argument("derive key: the master key must be 16 to 64 bytes");
  }
  if (purpose.empty()) throw std::invalid_argument("derive key: the purpose must not be empty");
  internal::EnsureSodium();
  std::string key(kKeyBytes, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(key.data()), key.size(),
                     reinterpret_cast<const unsigned char*>(purpose.data()), purpose.size(),
                     reinterpret_cast<const unsigned char*>(master_key.data()), master_key.size());
  return key;
}

std::optional<std::string> ParseHexKey(std::string_view hex) {
  if (hex.size() != 2 * kKeyBytes) return std::nullopt;
  auto key = HexDecode(hex);
  if (!key) return std::nullopt;
  if (sodium_is_zero(reinterpret_cast<const unsigned char*>(key->data()), key->size())) {
    return std::nullopt;
  }
  return key;
}

}  // namespace lumbung::security
