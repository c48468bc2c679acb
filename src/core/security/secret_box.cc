#include "core/security/secret_box.h"

#include <sodium.h>

#include <stdexcept>

#include "core/security/sodium_ready.h"

namespace lumbung::security {
namespace {

void CheckKey(std::string_view key32) {
  if (key32.size() != crypto_secretbox_KEYBYTES) {
    throw std::invalid_argument("secret box: the key must be 32 bytes");
  }
}

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

std::string Seal(std::string_view key32, std::string_view plaintext) {
  CheckKey(key32);
  internal::EnsureSodium();
  std::string sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size(),
                     '\0');
  auto* out = reinterpret_cast<unsigned char*>(sealed.data());
  // 24 random bytes: collisions are negligible even for billions of messages under one key.
  randombytes_buf(out, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES, Bytes(plaintext), plaintext.size(), out,
                        Bytes(key32));
  return sealed;
}

std::optional<std::string> Open(std::string_view key32, std::string_view sealed) {
  CheckKey(key32);
  internal::EnsureSodium();
  if (sealed.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return std::nullopt;
  const auto* nonce = Bytes(sealed);
  const auto* box = nonce + crypto_secretbox_NONCEBYTES;
  const std::size_t box_size = sealed.size() - crypto_secretbox_NONCEBYTES;
  std::string plaintext(box_size - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plaintext.data()), box, box_size,
                                 nonce, Bytes(key32)) != 0) {
    return std::nullopt;
  }
  return plaintext;
}

}  // namespace lumbung::security
