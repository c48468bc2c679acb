#include "credentials/signing_key.h"

#include <gtest/gtest.h>

#include "core/security/encoding.h"

namespace lumbung::credentials {
namespace {

// RFC 7638 §3.1: the example RSA key and its thumbprint.
TEST(JwkThumbprintTest, MatchesRfc7638Example) {
  const auto jwk = nlohmann::json::parse(R"({
    "kty": "RSA",
    "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
    "e": "AQAB",
    "alg": "RS256",
    "kid": "2011-04-29"
  })");
  EXPECT_EQ(JwkThumbprint(jwk), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
}

// RFC 8037 Appendix A.3: the Ed25519 example key's thumbprint.
TEST(JwkThumbprintTest, MatchesRfc8037Example) {
  const nlohmann::json jwk = {
      {"kty", "OKP"}, {"crv", "Ed25519"}, {"x", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}};
  EXPECT_EQ(JwkThumbprint(jwk), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
}

TEST(JwkThumbprintTest, RefusesOtherKeyTypes) {
  EXPECT_THROW(JwkThumbprint({{"kty", "oct"}, {"k", "AAAA"}}), std::invalid_argument);
  EXPECT_THROW(JwkThumbprint({{"kty", "RSA"}, {"n", "AAAA"}}), std::invalid_argument);
  EXPECT_THROW(JwkThumbprint(nlohmann::json::array()), std::invalid_argument);
}

TEST(SigningKeyTest, RsaKeyHasPublicJwkAndThumbprintKid) {
  const SigningKey key = GenerateSigningKey(Algorithm::kRs256, 2048);
  EXPECT_TRUE(key.CanSign());
  EXPECT_NE(key.private_key_pem.find("-----BEGIN PRIVATE KEY-----"), std::string::npos);
  EXPECT_EQ(key.public_jwk["kty"], "RSA");
  EXPECT_EQ(key.public_jwk["e"], "AQAB");
  EXPECT_EQ(security::Base64UrlDecode(key.public_jwk["n"].get<std::string>())->size(), 256u);
  EXPECT_EQ(key.public_jwk["alg"], "RS256");
  EXPECT_EQ(key.public_jwk["use"], "sig");
  EXPECT_EQ(key.public_jwk["kid"], key.kid);
  EXPECT_EQ(key.kid, JwkThumbprint(key.public_jwk));
  EXPECT_EQ(key.kid.size(), 43u);  // 32 bytes in base64url
  // ASVS 4.0.3 6.4.1: nothing private is published.
  for (const char* member : {"d", "p", "q", "dp", "dq", "qi"}) {
    EXPECT_FALSE(key.public_jwk.contains(member)) << member;
  }
}

TEST(SigningKeyTest, Ed25519KeyHasOkpJwk) {
  const SigningKey key = GenerateSigningKey(Algorithm::kEdDsa);
  EXPECT_EQ(key.public_jwk["kty"], "OKP");
  EXPECT_EQ(key.public_jwk["crv"], "Ed25519");
  EXPECT_EQ(security::Base64UrlDecode(key.public_jwk["x"].get<std::string>())->size(), 32u);
  EXPECT_EQ(key.public_jwk["alg"], "EdDSA");
  EXPECT_FALSE(key.public_jwk.contains("d"));
  EXPECT_EQ(key.kid, JwkThumbprint(key.public_jwk));
}

TEST(SigningKeyTest, EveryKeyIsNew) {
  EXPECT_NE(GenerateSigningKey(Algorithm::kEdDsa).kid, GenerateSigningKey(Algorithm::kEdDsa).kid);
}

TEST(SigningKeyTest, RefusesShortRsaKeys) {
  EXPECT_THROW(GenerateSigningKey(Algorithm::kRs256, 1024), std::invalid_argument);
}

TEST(AlgorithmTest, NamesRoundTripAndNoneIsUnknown) {
  EXPECT_EQ(ParseAlgorithm(AlgorithmName(Algorithm::kRs256)), Algorithm::kRs256);
  EXPECT_EQ(ParseAlgorithm(AlgorithmName(Algorithm::kEdDsa)), Algorithm::kEdDsa);
  EXPECT_EQ(ParseAlgorithm("none"), std::nullopt);
  EXPECT_EQ(ParseAlgorithm("HS256"), std::nullopt);
  EXPECT_EQ(ParseAlgorithm("rs256"), std::nullopt);
}

}  // namespace
}  // namespace lumbung::credentials
