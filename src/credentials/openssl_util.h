// OpenSSL plumbing shared by signing_key.cc and jwt.cc: owning pointers and the conversions
// between keys, PEM and JWK. Internal to this folder.
#pragma once

#include <openssl/evp.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "credentials/signing_key.h"

namespace lumbung::credentials::internal {

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

// The private key in PKCS#8 PEM; nullptr when it does not parse or is not of `alg`'s type.
Pkey PrivateKeyFromPem(std::string_view pem, Algorithm alg);

// The public key a JWK describes, with the algorithm it is for: the JWK's kty/crv decide it, and
// an "alg" member, when present, must agree. nullopt for anything malformed, another key type or
// curve, or an RSA modulus under kMinRsaBits.
struct PublicKey {
  Pkey key;
  Algorithm alg = Algorithm::kRs256;
};
std::optional<PublicKey> PublicKeyFromJwk(const nlohmann::json& jwk);

// The public JWK (kty and its members only) of a key pair or public key.
nlohmann::json PublicJwkMembers(EVP_PKEY* key, Algorithm alg);

// SHA-256 of `data` (32 raw bytes).
std::string Sha256(std::string_view data);

}  // namespace lumbung::credentials::internal
