#include "core/security/csrf.h"

#include <sodium.h>

#include <optional>
#include <stdexcept>

#include "core/security/encoding.h"
#include "core/security/sodium_ready.h"
#include "core/security/tokens.h"

namespace lumbung::security {
namespace {

constexpr std::size_t kMinSecretBytes = 16;

std::optional<std::string> SecretBytes(std::string_view secret) {
  auto bytes = Base64UrlDecode(secret);
  if (!bytes || bytes->size() < kMinSecretBytes) return std::nullopt;
  return bytes;
}

}  // namespace

std::string MaskCsrfToken(std::string_view secret) {
  auto bytes = SecretBytes(secret);
  if (!bytes) throw std::invalid_argument("csrf: the secret must be a NewToken() value");
  internal::EnsureSodium();
  const std::size_t n = bytes->size();
  std::string masked(2 * n, '\0');
  randombytes_buf(masked.data(), n);  // the pad
  for (std::size_t i = 0; i < n; ++i) masked[n + i] = static_cast<char>(masked[i] ^ (*bytes)[i]);
  std::string token = Base64UrlEncode(masked);
  sodium_memzero(bytes->data(), bytes->size());
  sodium_memzero(masked.data(), masked.size());
  return token;
}

bool CheckCsrfToken(std::string_view secret, std::string_view submitted) noexcept {
  try {
    auto bytes = SecretBytes(secret);
    if (!bytes) return false;
    auto masked = Base64UrlDecode(submitted);
    const std::size_t n = bytes->size();
    if (!masked || masked->size() != 2 * n) return false;
    std::string unmasked(n, '\0');
    for (std::size_t i = 0; i < n; ++i) {
      unmasked[i] = static_cast<char>((*masked)[i] ^ (*masked)[n + i]);
    }
    const bool ok = ConstantTimeEquals(unmasked, *bytes);
    sodium_memzero(unmasked.data(), unmasked.size());
    sodium_memzero(bytes->data(), bytes->size());
    return ok;
  } catch (...) {
    return false;
  }
}

}  // namespace lumbung::security
