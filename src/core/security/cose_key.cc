#include "core/security/cose_key.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>

namespace lumbung::security {
namespace {

// COSE_Key labels and values (RFC 9052 §7.1, RFC 9053 §7, RFC 8230 §4).
constexpr std::int64_t kKty = 1, kAlg = 3;
constexpr std::int64_t kCrv = -1, kX = -2, kY = -3;  // EC2 and OKP
constexpr std::int64_t kN = -1, kE = -2;             // RSA
constexpr std::int64_t kKtyOkp = 1, kKtyEc2 = 2, kKtyRsa = 3;
constexpr std::int64_t kCrvP256 = 1, kCrvEd25519 = 6;

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct CtxFree {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct BldFree {
  void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
};
struct ParamFree {
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
struct BnFree {
  void operator()(BIGNUM* p) const { BN_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

const unsigned char* U(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::optional<std::string> BytesAt(const CborValue& map, std::int64_t label) {
  const CborValue* v = map.Find(label);
  if (v == nullptr || !v->IsBytes()) return std::nullopt;
  return v->bytes;
}

Pkey FromData(const char* type, OSSL_PARAM_BLD* bld) {
  std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(bld));
  if (!params) return nullptr;
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0) return nullptr;
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0) return nullptr;
  return Pkey(raw);
}

Pkey ToPkey(const CoseKey& key) {
  switch (key.algorithm) {
    case CoseAlgorithm::kEs256: {
      std::string point = "\x04" + key.x + key.y;  // SEC 1 uncompressed point
      std::unique_ptr<OSSL_PARAM_BLD, BldFree> bld(OSSL_PARAM_BLD_new());
      if (!bld ||
          !OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1",
                                           0) ||
          !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                            point.size())) {
        return nullptr;
      }
      Pkey pkey = FromData("EC", bld.get());
      if (!pkey) return nullptr;
      // fromdata does not promise the point is on the curve: check it.
      std::unique_ptr<EVP_PKEY_CTX, CtxFree> check(
          EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
      if (!check || EVP_PKEY_public_check(check.get()) != 1) return nullptr;
      return pkey;
    }
    case CoseAlgorithm::kRs256: {
      std::unique_ptr<BIGNUM, BnFree> n(
          BN_bin2bn(U(key.n), static_cast<int>(key.n.size()), nullptr));
      std::unique_ptr<BIGNUM, BnFree> e(
          BN_bin2bn(U(key.e), static_cast<int>(key.e.size()), nullptr));
      std::unique_ptr<OSSL_PARAM_BLD, BldFree> bld(OSSL_PARAM_BLD_new());
      if (!n || !e || !bld || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) ||
          !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get())) {
        return nullptr;
      }
      return FromData("RSA", bld.get());
    }
    case CoseAlgorithm::kEdDsa:
      return Pkey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, U(key.x), key.x.size()));
  }
  return nullptr;
}

}  // namespace

std::optional<CoseKey> ParseCoseKey(const CborValue& map) {
  if (!map.IsMap()) return std::nullopt;
  const CborValue* kty = map.Find(kKty);
  const CborValue* alg = map.Find(kAlg);
  if (kty == nullptr || alg == nullptr || !kty->AsInt() || !alg->AsInt()) return std::nullopt;
  CoseKey key;
  const std::int64_t a = *alg->AsInt();
  const std::int64_t t = *kty->AsInt();
  if (a == static_cast<std::int64_t>(CoseAlgorithm::kEs256) && t == kKtyEc2) {
    const CborValue* crv = map.Find(kCrv);
    auto x = BytesAt(map, kX), y = BytesAt(map, kY);
    if (crv == nullptr || crv->AsInt() != kCrvP256 || !x || !y || x->size() != 32 ||
        y->size() != 32) {
      return std::nullopt;
    }
    key.algorithm = CoseAlgorithm::kEs256;
    key.x = *x;
    key.y = *y;
  } else if (a == static_cast<std::int64_t>(CoseAlgorithm::kRs256) && t == kKtyRsa) {
    auto n = BytesAt(map, kN), e = BytesAt(map, kE);
    if (!n || !e || n->empty() || e->empty() || (*n)[0] == '\0' || (*e)[0] == '\0')
      return std::nullopt;
    // 2048 to 4096 bits: weaker keys are refused, larger ones only cost us time.
    if (n->size() < 256 || n->size() > 512 || e->size() > 4) return std::nullopt;
    if ((static_cast<unsigned char>(e->back()) & 1) == 0 || *e == std::string("\x01", 1))
      return std::nullopt;
    key.algorithm = CoseAlgorithm::kRs256;
    key.n = *n;
    key.e = *e;
  } else if (a == static_cast<std::int64_t>(CoseAlgorithm::kEdDsa) && t == kKtyOkp) {
    const CborValue* crv = map.Find(kCrv);
    auto x = BytesAt(map, kX);
    if (crv == nullptr || crv->AsInt() != kCrvEd25519 || !x || x->size() != 32) return std::nullopt;
    key.algorithm = CoseAlgorithm::kEdDsa;
    key.x = *x;
  } else {
    return std::nullopt;
  }
  if (!ToPkey(key)) return std::nullopt;  // e.g. a point off the curve
  return key;
}

std::optional<CoseKey> ParseCoseKeyBytes(std::string_view cbor) {
  auto map = CborDecode(cbor);
  if (!map) return std::nullopt;
  return ParseCoseKey(*map);
}

bool VerifyCoseSignature(const CoseKey& key, std::string_view message, std::string_view signature) {
  Pkey pkey = ToPkey(key);
  if (!pkey) return false;
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> md(EVP_MD_CTX_new());
  if (!md) return false;
  // Ed25519 hashes internally and takes no digest.
  const EVP_MD* digest = key.algorithm == CoseAlgorithm::kEdDsa ? nullptr : EVP_sha256();
  if (EVP_DigestVerifyInit(md.get(), nullptr, digest, nullptr, pkey.get()) != 1) return false;
  return EVP_DigestVerify(md.get(), U(signature), signature.size(), U(message), message.size()) ==
         1;
}

}  // namespace lumbung::security
