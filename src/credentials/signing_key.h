// The fund's signing keys for verifiable credentials: a key pair with its key id (kid), its
// algorithm and its public half as a JSON Web Key (RFC 7517/7518), which verifiers find in the
// fund's JWKS (/.well-known/jwks.json) by the kid in a credential's header.
//
// RS256 (RSA PKCS#1 v1.5 with SHA-256) is the algorithm Open Badges 3.0 requires of VC-JWT
// issuers; EdDSA (Ed25519) is the second algorithm, for verifiers that prefer it. The kid is the
// key's RFC 7638 JWK thumbprint, so it is derived from the key itself: the same public key
// always has the same kid, and two keys never share one.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace lumbung::credentials {

enum class Algorithm { kRs256, kEdDsa };

// "RS256", "EdDSA": the JOSE spelling (RFC 7518 §3.1, RFC 8037 §3.1), used in headers and JWKs.
std::string_view AlgorithmName(Algorithm alg);
// The inverse; nullopt for any other text, "none" included.
std::optional<Algorithm> ParseAlgorithm(std::string_view name);

// RSA keys shorter than this are neither made nor accepted for verification.
inline constexpr int kMinRsaBits = 2048;
// The size of the fund's RSA keys unless a caller asks for another (NIST SP 800-57: 128-bit
// security for keys that must verify for years).
inline constexpr int kDefaultRsaBits = 3072;

struct SigningKey {
  std::string kid;  // RFC 7638 thumbprint of public_jwk (base64url SHA-256)
  Algorithm alg = Algorithm::kRs256;
  // PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"). Empty for a key kept only to verify (a
  // retired key): such a key cannot sign.
  std::string private_key_pem;
  // The public half only: {"kty":"RSA","n","e"} or {"kty":"OKP","crv":"Ed25519","x"}, plus
  // "kid", "alg" and "use":"sig". Safe to publish.
  nlohmann::json public_jwk;

  bool CanSign() const { return !private_key_pem.empty(); }
};

// A fresh key pair from OpenSSL's random generator. `rsa_bits` is used for RS256 only and must
// be at least kMinRsaBits (std::invalid_argument otherwise). Throws std::runtime_error when
// OpenSSL fails.
SigningKey GenerateSigningKey(Algorithm alg, int rsa_bits = kDefaultRsaBits);

// RFC 7638 thumbprint: base64url (no padding) of SHA-256 over the JWK's required members in
// lexicographic order without whitespace ({"e","kty","n"} for RSA, {"crv","kty","x"} for OKP).
// Other members (kid, alg, use) do not count. Throws std::invalid_argument for a JWK that is
// not an RSA or OKP key with its required members as strings.
std::string JwkThumbprint(const nlohmann::json& jwk);

}  // namespace lumbung::credentials
