#include "core/security/digest.h"

#include <sodium.h>

#include "core/security/encoding.h"
#include "core/security/sodium_ready.h"

namespace lumbung::security {

std::string Sha256Hex(std::string_view data) {
  internal::EnsureSodium();
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return HexEncode(std::string_view(reinterpret_cast<const char*>(hash), sizeof hash));
}

}  // namespace lumbung::security
