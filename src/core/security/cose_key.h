// COSE_Key (RFC 9052/9053, RFC 8230) public keys of WebAuthn credentials, and signature checks
// with them through OpenSSL (no cryptography of our own). Three algorithms are accepted:
//   ES256  (-7):   EC2 key, curve P-256 (crv 1), 32-byte x and y; signature DER ECDSA.
//   RS256  (-257): RSA key, n of 2048 to 4096 bits, e odd and > 1; PKCS#1 v1.5 with SHA-256.
//   EdDSA  (-8):   OKP key, curve Ed25519 (crv 6), 32-byte x.
// Anything else (other curves, algorithms, missing or extra-sized parameters, a point that is
// not on the curve) is refused when parsing, so a stored key is always usable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/security/cbor.h"

namespace lumbung::security {

enum class CoseAlgorithm : std::int64_t { kEs256 = -7, kEdDsa = -8, kRs256 = -257 };

struct CoseKey {
  CoseAlgorithm algorithm = CoseAlgorithm::kEs256;
  std::string x, y;  // EC2: coordinates; OKP: x is the public key
  std::string n, e;  // RSA: modulus and exponent, big-endian without leading zeros
};

// The key in a decoded COSE_Key map, or nullopt when it is not one of the accepted kinds.
std::optional<CoseKey> ParseCoseKey(const CborValue& map);

// Decodes and parses COSE_Key bytes (as stored with a credential).
std::optional<CoseKey> ParseCoseKeyBytes(std::string_view cbor);

// True when `signature` is `key`'s valid signature of `message` under its algorithm. Never
// throws; any OpenSSL failure is a false.
bool VerifyCoseSignature(const CoseKey& key, std::string_view message, std::string_view signature);

}  // namespace lumbung::security
