#include "credentials/jwt.h"

#include <openssl/err.h>
#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

#include "core/security/encoding.h"
#include "credentials/openssl_util.h"

namespace lumbung::credentials {
namespace {

struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

// RS256 hashes with SHA-256; Ed25519 signs the message itself (no digest is named).
const EVP_MD* Digest(Algorithm alg) {
  return alg == Algorithm::kRs256 ? EVP_sha256() : nullptr;
}

std::string Sign(EVP_PKEY* key, Algorithm alg, std::string_view input) {
  MdCtx ctx(EVP_MD_CTX_new());
  std::size_t length = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, Digest(alg), nullptr, key) <= 0 ||
      EVP_DigestSign(ctx.get(), nullptr, &length,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) <= 0) {
    ERR_clear_error();
    throw std::runtime_error("OpenSSL: signing set-up failed");
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) <= 0) {
    ERR_clear_error();
    throw std::runtime_error("OpenSSL: signing failed");
  }
  signature.resize(length);
  return signature;
}

bool Verify(EVP_PKEY* key, Algorithm alg, std::string_view input, std::string_view signature) {
  MdCtx ctx(EVP_MD_CTX_new());
  const bool ok =
      ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, Digest(alg), nullptr, key) > 0 &&
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(input.data()),
                       input.size()) == 1;
  ERR_clear_error();
  return ok;
}

std::optional<nlohmann::json> JsonObject(std::string_view part) {
  auto bytes = security::Base64UrlDecode(part);
  if (!bytes) return std::nullopt;
  auto json = nlohmann::json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return std::nullopt;
  return json;
}

}  // namespace

std::string SignJwt(const nlohmann::json& payload, const SigningKey& key,
                    const nlohmann::json& extra_header) {
  if (!payload.is_object()) throw std::invalid_argument("SignJwt: payload must be an object");
  if (!key.CanSign()) throw std::invalid_argument("SignJwt: key " + key.kid + " cannot sign");
  nlohmann::json header = {{"alg", AlgorithmName(key.alg)}, {"kid", key.kid}, {"typ", "JWT"}};
  if (!extra_header.is_null()) {
    if (!extra_header.is_object()) throw std::invalid_argument("SignJwt: header not an object");
    for (const auto& [name, value] : extra_header.items()) {
      if (name == "alg" || name == "kid") {
        throw std::invalid_argument("SignJwt: the key decides alg and kid");
      }
      header[name] = value;
    }
  }
  auto private_key = internal::PrivateKeyFromPem(key.private_key_pem, key.alg);
  if (!private_key) throw std::invalid_argument("SignJwt: private key of " + key.kid + " unusable");
  const std::string input =
      security::Base64UrlEncode(header.dump()) + "." + security::Base64UrlEncode(payload.dump());
  return input + "." + security::Base64UrlEncode(Sign(private_key.get(), key.alg, input));
}

std::string_view JwtErrorName(JwtError error) {
  switch (error) {
    case JwtError::kNone:
      return "valid";
    case JwtError::kMalformed:
      return "malformed";
    case JwtError::kUnsupportedAlg:
      return "unsupported_alg";
    case JwtError::kUnknownKid:
      return "unknown_kid";
    case JwtError::kAlgMismatch:
      return "alg_mismatch";
    case JwtError::kBadSignature:
      return "bad_signature";
  }
  return "malformed";
}

JwtVerification VerifyJwt(std::string_view token, const nlohmann::json& jwks) {
  JwtVerification out;
  try {
    const auto first = token.find('.');
    const auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
      return out;
    }
    auto header = JsonObject(token.substr(0, first));
    auto payload = JsonObject(token.substr(first + 1, second - first - 1));
    auto signature = security::Base64UrlDecode(token.substr(second + 1));
    if (!header || !payload || !signature) return out;
    // Extensions the signer marks critical must be understood; this code understands none.
    if (header->contains("crit")) return out;

    auto alg_member = header->find("alg");
    if (alg_member == header->end() || !alg_member->is_string()) {
      out.error = JwtError::kUnsupportedAlg;
      return out;
    }
    const auto alg = ParseAlgorithm(alg_member->get_ref<const std::string&>());
    if (!alg) {
      out.error = JwtError::kUnsupportedAlg;
      return out;
    }
    auto kid_member = header->find("kid");
    out.error = JwtError::kUnknownKid;
    if (kid_member == header->end() || !kid_member->is_string()) return out;
    if (!jwks.is_object() || !jwks.contains("keys") || !jwks["keys"].is_array()) return out;

    const nlohmann::json* jwk = nullptr;
    for (const auto& candidate : jwks["keys"]) {
      if (candidate.is_object() && candidate.contains("kid") && candidate["kid"] == *kid_member) {
        jwk = &candidate;
        break;
      }
    }
    if (jwk == nullptr) return out;
    auto key = internal::PublicKeyFromJwk(*jwk);
    if (!key) return out;
    if (key->alg != *alg) {
      out.error = JwtError::kAlgMismatch;
      return out;
    }
    if (!Verify(key->key.get(), key->alg, token.substr(0, second), *signature)) {
      out.error = JwtError::kBadSignature;
      return out;
    }
    out.error = JwtError::kNone;
    out.header = std::move(*header);
    out.payload = std::move(*payload);
    return out;
  } catch (const std::exception&) {
    ERR_clear_error();
    return JwtVerification{};
  }
}

}  // namespace lumbung::credentials
