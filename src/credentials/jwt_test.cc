// Compact JWS signing and verification (ASVS 4.0.3 3.5.3: stateless tokens use digital
// signatures and are protected against tampering and algorithm confusion; RFC 8725 §3.1).
#include "credentials/jwt.h"

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>

#include "core/security/encoding.h"

namespace lumbung::credentials {
namespace {

using security::Base64UrlDecode;
using security::Base64UrlEncode;

const SigningKey& RsaKey() {
  static const SigningKey key = GenerateSigningKey(Algorithm::kRs256, 2048);
  return key;
}
const SigningKey& EdKey() {
  static const SigningKey key = GenerateSigningKey(Algorithm::kEdDsa);
  return key;
}
nlohmann::json Jwks(std::initializer_list<const SigningKey*> keys) {
  nlohmann::json set = {{"keys", nlohmann::json::array()}};
  for (const auto* key : keys) set["keys"].push_back(key->public_jwk);
  return set;
}
const nlohmann::json kPayload = {{"iss", "https://lumbung.example"},
                                 {"sub", "did:example:holder"},
                                 {"vc", {{"name", "Juru las"}}}};

struct Parts {
  std::string header, payload, signature;
};
Parts Split(const std::string& token) {
  const auto a = token.find('.'), b = token.find('.', a + 1);
  return {token.substr(0, a), token.substr(a + 1, b - a - 1), token.substr(b + 1)};
}
std::string Join(const Parts& p) {
  return p.header + "." + p.payload + "." + p.signature;
}

class JwtTest : public ::testing::TestWithParam<Algorithm> {
 protected:
  const SigningKey& Key() const { return GetParam() == Algorithm::kRs256 ? RsaKey() : EdKey(); }
};

TEST_P(JwtTest, SignedTokenVerifiesWithItsPayloadAndHeader) {
  const std::string token = SignJwt(kPayload, Key(), {{"typ", "vc+jwt"}});
  const auto result = VerifyJwt(token, Jwks({&RsaKey(), &EdKey()}));
  ASSERT_TRUE(result.ok()) << JwtErrorName(result.error);
  EXPECT_EQ(result.payload, kPayload);
  EXPECT_EQ(result.header["alg"], AlgorithmName(GetParam()));
  EXPECT_EQ(result.header["kid"], Key().kid);
  EXPECT_EQ(result.header["typ"], "vc+jwt");
}

TEST_P(JwtTest, TamperedPayloadIsRefused) {
  Parts parts = Split(SignJwt(kPayload, Key()));
  nlohmann::json changed = kPayload;
  changed["vc"]["name"] = "Insinyur";
  parts.payload = Base64UrlEncode(changed.dump());
  EXPECT_EQ(VerifyJwt(Join(parts), Jwks({&Key()})).error, JwtError::kBadSignature);
}

TEST_P(JwtTest, TamperedHeaderIsRefused) {
  Parts parts = Split(SignJwt(kPayload, Key()));
  auto header = nlohmann::json::parse(*Base64UrlDecode(parts.header));
  header["typ"] = "vc+jwt";
  parts.header = Base64UrlEncode(header.dump());
  EXPECT_EQ(VerifyJwt(Join(parts), Jwks({&Key()})).error, JwtError::kBadSignature);
}

TEST_P(JwtTest, TamperedSignatureIsRefused) {
  Parts parts = Split(SignJwt(kPayload, Key()));
  std::string signature = *Base64UrlDecode(parts.signature);
  signature[signature.size() / 2] ^= 1;
  parts.signature = Base64UrlEncode(signature);
  EXPECT_EQ(VerifyJwt(Join(parts), Jwks({&Key()})).error, JwtError::kBadSignature);
}

TEST_P(JwtTest, AnotherKeyUnderTheSameKidIsRefused) {
  // A forger who publishes nothing cannot sign: the key comes from the fund's JWKS only.
  const SigningKey forger = GenerateSigningKey(GetParam(), 2048);
  SigningKey impostor = forger;
  impostor.kid = Key().kid;
  EXPECT_EQ(VerifyJwt(SignJwt(kPayload, impostor), Jwks({&Key()})).error, JwtError::kBadSignature);
}

TEST_P(JwtTest, UnknownKidIsRefused) {
  const std::string token = SignJwt(kPayload, Key());
  const SigningKey& other = GetParam() == Algorithm::kRs256 ? EdKey() : RsaKey();
  EXPECT_EQ(VerifyJwt(token, Jwks({&other})).error, JwtError::kUnknownKid);
  EXPECT_EQ(VerifyJwt(token, {{"keys", nlohmann::json::array()}}).error, JwtError::kUnknownKid);
  EXPECT_EQ(VerifyJwt(token, nlohmann::json::object()).error, JwtError::kUnknownKid);
}

INSTANTIATE_TEST_SUITE_P(Algorithms, JwtTest,
                         ::testing::Values(Algorithm::kRs256, Algorithm::kEdDsa),
                         [](const auto& info) {
                           return std::string(info.param == Algorithm::kRs256 ? "RS256" : "EdDSA");
                         });

std::string Unsigned(const nlohmann::json& header, const nlohmann::json& payload) {
  return Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(payload.dump());
}

TEST(JwtAlgTest, AlgNoneIsRefused) {
  const std::string token =
      Unsigned({{"alg", "none"}, {"kid", RsaKey().kid}, {"typ", "JWT"}}, kPayload) + ".";
  EXPECT_EQ(VerifyJwt(token, Jwks({&RsaKey()})).error, JwtError::kUnsupportedAlg);
  const std::string none_upper = Unsigned({{"alg", "None"}, {"kid", RsaKey().kid}}, kPayload) + ".";
  EXPECT_EQ(VerifyJwt(none_upper, Jwks({&RsaKey()})).error, JwtError::kUnsupportedAlg);
  const std::string no_alg = Unsigned({{"kid", RsaKey().kid}}, kPayload) + ".";
  EXPECT_EQ(VerifyJwt(no_alg, Jwks({&RsaKey()})).error, JwtError::kUnsupportedAlg);
}

// The classic confusion: HS256 keyed with the RSA public key the attacker can read.
TEST(JwtAlgTest, HmacWithThePublicKeyIsRefused) {
  const std::string input = Unsigned({{"alg", "HS256"}, {"kid", RsaKey().kid}}, kPayload);
  const std::string secret = RsaKey().public_jwk.dump();
  unsigned char mac[32];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &length);
  const std::string token =
      input + "." + Base64UrlEncode(std::string(reinterpret_cast<char*>(mac), length));
  EXPECT_EQ(VerifyJwt(token, Jwks({&RsaKey()})).error, JwtError::kUnsupportedAlg);
}

TEST(JwtAlgTest, HeaderAlgOtherThanTheKeysIsRefused) {
  // An EdDSA signature presented under the RSA key's kid.
  Parts parts = Split(SignJwt(kPayload, EdKey()));
  parts.header = Base64UrlEncode(
      nlohmann::json({{"alg", "EdDSA"}, {"kid", RsaKey().kid}, {"typ", "JWT"}}).dump());
  EXPECT_EQ(VerifyJwt(Join(parts), Jwks({&RsaKey(), &EdKey()})).error, JwtError::kAlgMismatch);
  // And an RS256 header under the Ed25519 key's kid.
  Parts rsa = Split(SignJwt(kPayload, RsaKey()));
  rsa.header = Base64UrlEncode(
      nlohmann::json({{"alg", "RS256"}, {"kid", EdKey().kid}, {"typ", "JWT"}}).dump());
  EXPECT_EQ(VerifyJwt(Join(rsa), Jwks({&RsaKey(), &EdKey()})).error, JwtError::kAlgMismatch);
}

TEST(JwtAlgTest, JwkClaimingAnotherAlgCountsAsAbsent) {
  nlohmann::json jwk = RsaKey().public_jwk;
  jwk["alg"] = "HS256";
  EXPECT_EQ(VerifyJwt(SignJwt(kPayload, RsaKey()), {{"keys", {jwk}}}).error, JwtError::kUnknownKid);
}

TEST(JwtAlgTest, ShortRsaKeysAreNotTrusted) {
  // A 1024-bit key in the set (only OpenSSL can make one now) is as good as none.
  EVP_PKEY* raw = EVP_RSA_gen(1024);
  ASSERT_NE(raw, nullptr);
  BIGNUM* n = nullptr;
  ASSERT_TRUE(EVP_PKEY_get_bn_param(raw, "n", &n));
  std::string bytes(static_cast<std::size_t>(BN_num_bytes(n)), '\0');
  BN_bn2bin(n, reinterpret_cast<unsigned char*>(bytes.data()));
  BN_free(n);
  EVP_PKEY_free(raw);
  const nlohmann::json jwk = {
      {"kty", "RSA"}, {"kid", "short"}, {"n", Base64UrlEncode(bytes)}, {"e", "AQAB"}};
  const std::string token =
      Unsigned({{"alg", "RS256"}, {"kid", "short"}}, kPayload) + "." + Base64UrlEncode("x");
  EXPECT_EQ(VerifyJwt(token, {{"keys", {jwk}}}).error, JwtError::kUnknownKid);
}

TEST(JwtFormTest, MalformedTokensAreRefusedWithoutThrowing) {
  const auto jwks = Jwks({&RsaKey()});
  const std::string good = SignJwt(kPayload, RsaKey());
  for (const std::string& token :
       {std::string(), std::string("a.b"), std::string("a.b.c.d"), good + ".", "." + good,
        good.substr(0, good.find('.')) + ".e30=." + Split(good).signature,  // padding
        Unsigned({{"alg", "RS256"}, {"kid", RsaKey().kid}}, nlohmann::json::array()) + ".AA",
        Base64UrlEncode("not json") + "." + Split(good).payload + "." + Split(good).signature}) {
    EXPECT_EQ(VerifyJwt(token, jwks).error, JwtError::kMalformed) << token;
  }
}

TEST(JwtFormTest, CriticalExtensionsAreRefused) {
  Parts parts = Split(SignJwt(kPayload, RsaKey(), {{"crit", {"exp"}}, {"exp", 1}}));
  EXPECT_EQ(VerifyJwt(Join(parts), Jwks({&RsaKey()})).error, JwtError::kMalformed);
}

TEST(JwtSignTest, KeyDecidesAlgAndKid) {
  EXPECT_THROW(SignJwt(kPayload, RsaKey(), {{"alg", "none"}}), std::invalid_argument);
  EXPECT_THROW(SignJwt(kPayload, RsaKey(), {{"kid", "other"}}), std::invalid_argument);
  EXPECT_THROW(SignJwt(nlohmann::json::array(), RsaKey()), std::invalid_argument);
  SigningKey public_only = RsaKey();
  public_only.private_key_pem.clear();
  EXPECT_THROW(SignJwt(kPayload, public_only), std::invalid_argument);
}

TEST(JwtSignTest, HeaderHasAlgKidTyp) {
  const auto header =
      nlohmann::json::parse(*Base64UrlDecode(Split(SignJwt(kPayload, RsaKey())).header));
  EXPECT_EQ(header, nlohmann::json({{"alg", "RS256"}, {"kid", RsaKey().kid}, {"typ", "JWT"}}));
}

}  // namespace
}  // namespace lumbung::credentials
