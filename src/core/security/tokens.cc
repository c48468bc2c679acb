#include "core/security/tokens.h"

#include <sodium.h>

#include <stdexcept>

#include "core/security/digest.h"
#include "core/security/encoding.h"
#include "core/security/sodium_ready.h"

namespace lumbung::security {

std::string NewToken(std::size_t bytes) {
  if (bytes < 16 || bytes > 1024) {
    throw std::invalid_argument("tokens: a token has 16 to 1024 random bytes");
  }
  internal::EnsureSodium();
  std::string random(bytes, '\0');
  randombytes_buf(random.data(), random.size());
  std::string token = Base64UrlEncode(random);
  sodium_memzero(random.data(), random.size());
  return token;
}

std::string HashToken(std::string_view token) {
  return Sha256Hex(token);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;  // lengths are not secret (tokens have fixed length)
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string NewNumericCode(int digits) {
  if (digits < 1 || digits > 20) {
    throw std::invalid_argument("tokens: a numeric code has 1 to 20 digits");
  }
  internal::EnsureSodium();
  std::string code(static_cast<std::size_t>(digits), '0');
  // randombytes_uniform rejects samples to avoid modulo bias.
  for (char& c : code) c = static_cast<char>('0' + randombytes_uniform(10));
  return code;
}

}  // namespace lumbung::security
