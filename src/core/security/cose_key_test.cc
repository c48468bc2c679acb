#include "core/security/cose_key.h"

#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include <string>

#include "core/security/cbor_test_writer.h"

namespace lumbung::security {
namespace {

using testing::CborBytes;
using testing::CborInt;
using testing::CborMap;

// A real P-256 key pair made by OpenSSL, its public key as COSE coordinates.
struct P256 {
  EVP_PKEY* pkey = EVP_EC_gen("P-256");
  std::string x, y;
  P256() {
    unsigned char point[65];
    size_t length = 0;
    EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point, &length);
    x.assign(reinterpret_cast<char*>(point + 1), 32);
    y.assign(reinterpret_cast<char*>(point + 33), 32);
  }
  ~P256() { EVP_PKEY_free(pkey); }
  std::string Sign(std::string_view message) const {
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    EVP_DigestSignInit(md, nullptr, EVP_sha256(), nullptr, pkey);
    size_t length = 0;
    EVP_DigestSign(md, nullptr, &length, reinterpret_cast<const unsigned char*>(message.data()),
                   message.size());
    std::string signature(length, '\0');
    EVP_DigestSign(md, reinterpret_cast<unsigned char*>(signature.data()), &length,
                   reinterpret_cast<const unsigned char*>(message.data()), message.size());
    EVP_MD_CTX_free(md);
    signature.resize(length);
    return signature;
  }
};

std::string Ec2Key(std::int64_t alg, std::int64_t crv, std::string_view x, std::string_view y) {
  return CborMap({{CborInt(1), CborInt(2)},
                  {CborInt(3), CborInt(alg)},
                  {CborInt(-1), CborInt(crv)},
                  {CborInt(-2), CborBytes(x)},
                  {CborInt(-3), CborBytes(y)}});
}

TEST(CoseKey, Es256KeyVerifiesItsSignaturesAndNoOthers) {
  P256 pair;
  auto key = ParseCoseKeyBytes(Ec2Key(-7, 1, pair.x, pair.y));
  ASSERT_TRUE(key);
  EXPECT_EQ(key->algorithm, CoseAlgorithm::kEs256);
  const std::string signature = pair.Sign("message");
  EXPECT_TRUE(VerifyCoseSignature(*key, "message", signature));
  EXPECT_FALSE(VerifyCoseSignature(*key, "massage", signature));
  EXPECT_FALSE(VerifyCoseSignature(*key, "message", P256().Sign("message")));
  EXPECT_FALSE(VerifyCoseSignature(*key, "message", ""));
  EXPECT_FALSE(VerifyCoseSignature(*key, "message", std::string(72, '\x30')));
}

TEST(CoseKey, RefusesKeysItCannotUseSafely) {
  P256 pair;
  EXPECT_FALSE(ParseCoseKeyBytes(Ec2Key(-7, 2, pair.x, pair.y)));                   // P-384 label
  EXPECT_FALSE(ParseCoseKeyBytes(Ec2Key(-35, 1, pair.x, pair.y)));                  // ES384
  EXPECT_FALSE(ParseCoseKeyBytes(Ec2Key(-7, 1, pair.x.substr(1), pair.y)));         // short x
  EXPECT_FALSE(ParseCoseKeyBytes(Ec2Key(-7, 1, pair.x, std::string(32, '\x01'))));  // off curve
  EXPECT_FALSE(ParseCoseKeyBytes(CborMap({{CborInt(1), CborInt(2)}, {CborInt(3), CborInt(-7)}})));
  EXPECT_FALSE(ParseCoseKeyBytes(CborInt(2)));  // not a map
  // Ed25519 key with the X25519 curve label, and with a short key.
  EXPECT_FALSE(ParseCoseKeyBytes(CborMap({{CborInt(1), CborInt(1)},
                                          {CborInt(3), CborInt(-8)},
                                          {CborInt(-1), CborInt(4)},
                                          {CborInt(-2), CborBytes(std::string(32, 'a'))}})));
  EXPECT_FALSE(ParseCoseKeyBytes(CborMap({{CborInt(1), CborInt(1)},
                                          {CborInt(3), CborInt(-8)},
                                          {CborInt(-1), CborInt(6)},
                                          {CborInt(-2), CborBytes(std::string(31, 'a'))}})));
  // RSA: 1024-bit modulus, even exponent, exponent 1.
  const std::string n2048 = "\xc1" + std::string(255, '\x5b');
  auto rsa = [&](std::string_view n, std::string_view e) {
    return CborMap({{CborInt(1), CborInt(3)},
                    {CborInt(3), CborInt(-257)},
                    {CborInt(-1), CborBytes(n)},
                    {CborInt(-2), CborBytes(e)}});
  };
  EXPECT_TRUE(ParseCoseKeyBytes(rsa(n2048, std::string("\x01\x00\x01", 3))));
  EXPECT_FALSE(ParseCoseKeyBytes(rsa(n2048.substr(0, 128), std::string("\x01\x00\x01", 3))));
  EXPECT_FALSE(ParseCoseKeyBytes(rsa(n2048, std::string("\x01\x00\x02", 3))));
  EXPECT_FALSE(ParseCoseKeyBytes(rsa(n2048, std::string("\x01", 1))));
  EXPECT_FALSE(
      ParseCoseKeyBytes(rsa(std::string(1, '\0') + n2048, std::string("\x01\x00\x01", 3))));
}

}  // namespace
}  // namespace lumbung::security
