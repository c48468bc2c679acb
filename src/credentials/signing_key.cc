#include "credentials/signing_key.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <stdexcept>

#include "core/security/encoding.h"
#include "credentials/openssl_util.h"

namespace lumbung::credentials {
namespace internal {
namespace {

struct CtxFree {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};
struct BnFree {
  void operator()(BIGNUM* p) const { BN_free(p); }
};
struct BldFree {
  void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
};
struct ParamFree {
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
using Bn = std::unique_ptr<BIGNUM, BnFree>;

int BaseId(Algorithm alg) {
  return alg == Algorithm::kRs256 ? EVP_PKEY_RSA : EVP_PKEY_ED25519;
}

std::string BnBytes(EVP_PKEY* key, const char* name) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &raw) <= 0) throw std::runtime_error("OpenSSL: RSA param");
  Bn bn(raw);
  std::string out(static_cast<std::size_t>(BN_num_bytes(bn.get())), '\0');
  BN_bn2bin(bn.get(), reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

// A JWK member holding base64url; nullopt when absent, not a string or not canonical.
std::optional<std::string> Member(const nlohmann::json& jwk, const char* name) {
  auto it = jwk.find(name);
  if (it == jwk.end() || !it->is_string()) return std::nullopt;
  return security::Base64UrlDecode(it->get_ref<const std::string&>());
}

Pkey RsaPublic(const std::string& n, const std::string& e) {
  Bn bn_n(BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()), static_cast<int>(n.size()),
                    nullptr));
  Bn bn_e(BN_bin2bn(reinterpret_cast<const unsigned char*>(e.data()), static_cast<int>(e.size()),
                    nullptr));
  if (!bn_n || !bn_e) return nullptr;
  std::unique_ptr<OSSL_PARAM_BLD, BldFree> bld(OSSL_PARAM_BLD_new());
  if (!bld || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get())) {
    return nullptr;
  }
  std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(bld.get()));
  if (!params) return nullptr;
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0) return nullptr;
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0) return nullptr;
  return Pkey(raw);
}

}  // namespace

Pkey PrivateKeyFromPem(std::string_view pem, Algorithm alg) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return nullptr;
  Pkey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  ERR_clear_error();
  if (!key || EVP_PKEY_get_base_id(key.get()) != BaseId(alg)) return nullptr;
  return key;
}

std::optional<PublicKey> PublicKeyFromJwk(const nlohmann::json& jwk) {
  if (!jwk.is_object()) return std::nullopt;
  auto kty = jwk.find("kty");
  if (kty == jwk.end() || !kty->is_string()) return std::nullopt;
  PublicKey out;
  if (*kty == "RSA") {
    auto n = Member(jwk, "n"), e = Member(jwk, "e");
    if (!n || !e || n->empty() || e->empty() || (*n)[0] == '\0' || (*e)[0] == '\0') {
      return std::nullopt;
    }
    out.key = RsaPublic(*n, *e);
    out.alg = Algorithm::kRs256;
    if (!out.key || EVP_PKEY_get_bits(out.key.get()) < kMinRsaBits) return std::nullopt;
  } else if (*kty == "OKP") {
    auto crv = jwk.find("crv");
    if (crv == jwk.end() || *crv != "Ed25519") return std::nullopt;
    auto x = Member(jwk, "x");
    if (!x || x->size() != 32) return std::nullopt;
    out.key.reset(EVP_PKEY_new_raw_public_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(x->data()), x->size()));
    out.alg = Algorithm::kEdDsa;
    if (!out.key) return std::nullopt;
  } else {
    return std::nullopt;
  }
  ERR_clear_error();
  if (auto alg = jwk.find("alg"); alg != jwk.end()) {
    if (!alg->is_string() || *alg != AlgorithmName(out.alg)) return std::nullopt;
  }
  if (auto use = jwk.find("use"); use != jwk.end() && *use != "sig") return std::nullopt;
  return out;
}

nlohmann::json PublicJwkMembers(EVP_PKEY* key, Algorithm alg) {
  if (alg == Algorithm::kRs256) {
    return {{"kty", "RSA"},
            {"n", security::Base64UrlEncode(BnBytes(key, OSSL_PKEY_PARAM_RSA_N))},
            {"e", security::Base64UrlEncode(BnBytes(key, OSSL_PKEY_PARAM_RSA_E))}};
  }
  std::string x(32, '\0');
  std::size_t length = x.size();
  if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(x.data()), &length) <= 0 ||
      length != 32) {
    throw std::runtime_error("OpenSSL: Ed25519 public key");
  }
  return {{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", security::Base64UrlEncode(x)}};
}

std::string Sha256(std::string_view data) {
  std::string out(32, '\0');
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(out.data()), &length,
                 EVP_sha256(), nullptr) <= 0) {
    throw std::runtime_error("OpenSSL: SHA-256");
  }
  return out;
}

}  // namespace internal

std::string_view AlgorithmName(Algorithm alg) {
  return alg == Algorithm::kRs256 ? "RS256" : "EdDSA";
}

std::optional<Algorithm> ParseAlgorithm(std::string_view name) {
  if (name == "RS256") return Algorithm::kRs256;
  if (name == "EdDSA") return Algorithm::kEdDsa;
  return std::nullopt;
}

SigningKey GenerateSigningKey(Algorithm alg, int rsa_bits) {
  using internal::CtxFree;
  if (alg == Algorithm::kRs256 && rsa_bits < kMinRsaBits) {
    throw std::invalid_argument("GenerateSigningKey: RSA keys need at least 2048 bits");
  }
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(
      EVP_PKEY_CTX_new_from_name(nullptr, alg == Algorithm::kRs256 ? "RSA" : "ED25519", nullptr));
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) <= 0 ||
      (alg == Algorithm::kRs256 &&
       EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), static_cast<unsigned int>(rsa_bits)) <= 0)) {
    throw std::runtime_error("OpenSSL: key generation set-up failed");
  }
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_generate(ctx.get(), &raw) <= 0) throw std::runtime_error("OpenSSL: keygen failed");
  internal::Pkey key(raw);

  std::unique_ptr<BIO, internal::BioFree> bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) <= 0) {
    throw std::runtime_error("OpenSSL: PEM encoding failed");
  }
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);

  SigningKey out;
  out.alg = alg;
  out.private_key_pem.assign(data, static_cast<std::size_t>(length));
  OPENSSL_cleanse(data, static_cast<std::size_t>(length));
  out.public_jwk = internal::PublicJwkMembers(key.get(), alg);
  out.kid = JwkThumbprint(out.public_jwk);
  out.public_jwk["kid"] = out.kid;
  out.public_jwk["alg"] = AlgorithmName(alg);
  out.public_jwk["use"] = "sig";
  return out;
}

std::string JwkThumbprint(const nlohmann::json& jwk) {
  auto text = [&](const char* name) -> std::string {
    auto it = jwk.is_object() ? jwk.find(name) : jwk.end();
    if (!jwk.is_object() || it == jwk.end() || !it->is_string()) {
      throw std::invalid_argument(std::string("JwkThumbprint: missing member ") + name);
    }
    return it->get<std::string>();
  };
  const std::string kty = text("kty");
  nlohmann::json required;
  if (kty == "RSA") {
    required = {{"e", text("e")}, {"kty", kty}, {"n", text("n")}};
  } else if (kty == "OKP") {
    required = {{"crv", text("crv")}, {"kty", kty}, {"x", text("x")}};
  } else {
    throw std::invalid_argument("JwkThumbprint: unsupported kty");
  }
  // nlohmann::json objects keep their members sorted, and dump() writes no whitespace: the
  // RFC 7638 §3.3 form for these ASCII-only members.
  return security::Base64UrlEncode(internal::Sha256(required.dump()));
}

}  // namespace lumbung::credentials
