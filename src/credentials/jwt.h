// Compact JWS (RFC 7515) for JSON Web Tokens (RFC 7519): how the fund signs verifiable
// credentials (VC-JWT, as Open Badges 3.0 requires) and how its own pages check them.
//
// Verification trusts nothing in the token but the kid: the key comes from the JWKS the caller
// gives, and the algorithm is the KEY's algorithm. A header asking for another algorithm
// ("none", HS256 with the public key as an HMAC secret, EdDSA for an RSA key) is refused
// (RFC 8725 §2.1, §3.1; ASVS 4.0.3 3.5.3). Only RS256 and EdDSA are spoken.
//
// Time claims (exp, nbf) and what the payload says are the caller's to judge: an expired
// credential is still a genuine one, and the verification page says "expired", not "forged".
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "credentials/signing_key.h"

namespace lumbung::credentials {

// "header.payload.signature", each part base64url without padding. The header is
// {"alg": AlgorithmName(key.alg), "kid": key.kid, "typ": "JWT"} merged with `extra_header`
// (e.g. {"typ":"vc+jwt"} or {"cty":"vc"}); extra_header cannot change alg or kid
// (std::invalid_argument). `payload` must be a JSON object. Throws std::invalid_argument when
// the key cannot sign (no private key) and std::runtime_error when OpenSSL fails.
std::string SignJwt(const nlohmann::json& payload, const SigningKey& key,
                    const nlohmann::json& extra_header = nlohmann::json::object());

enum class JwtError {
  kNone,            // valid
  kMalformed,       // not three base64url parts, or header/payload not JSON objects
  kUnsupportedAlg,  // alg missing, "none", or not one this code speaks (RS256, EdDSA)
  kUnknownKid,      // kid missing, or no such key in the JWKS given
  kAlgMismatch,     // the header's alg is not the key's (algorithm confusion)
  kBadSignature,    // the signature does not verify (tampered or another key's)
};

// "malformed", "unsupported_alg", "unknown_kid", "alg_mismatch", "bad_signature" ("valid" for
// kNone): for logs and tests, never shown to people as is.
std::string_view JwtErrorName(JwtError error);

struct JwtVerification {
  JwtError error = JwtError::kMalformed;
  nlohmann::json header;   // set only when valid
  nlohmann::json payload;  // set only when valid
  bool ok() const { return error == JwtError::kNone; }
};

// Checks `token` against `jwks` ({"keys":[JWK, ...]}, e.g. KeyRing::Jwks()): the key named by
// the header's kid, of the header's alg, must verify the signature over "header.payload".
// A JWK in the set that is malformed, or an RSA key under kMinRsaBits, counts as absent
// (kUnknownKid). Never throws on any input.
JwtVerification VerifyJwt(std::string_view token, const nlohmann::json& jwks);

}  // namespace lumbung::credentials
