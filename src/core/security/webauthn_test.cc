#include "core/security/webauthn.h"

#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include <ostream>
#include <string>

#include "core/security/cbor_test_writer.h"
#include "core/security/encoding.h"
#include "core/security/webauthn_recorded.h"

// OWASP ASVS 4.0.3 V2.8 / V2.9 (verifier-impersonation resistance, 2.2.5/2.2.6: origin- and
// replay-bound authenticators): the checks below are what makes a passkey phishing-resistant.
namespace lumbung::security {
namespace {

using recorded::kCeremonies;
using recorded::kOrigin;
using recorded::kRpId;
using testing::CborBytes;
using testing::CborHead;
using testing::CborInt;
using testing::CborMap;
using testing::CborText;

}  // namespace
}  // namespace lumbung::security

namespace lumbung::security::recorded {
// Names the case in test output instead of dumping the struct's bytes.
void PrintTo(const Ceremony& c, std::ostream* os) {
  *os << c.name;
}
}  // namespace lumbung::security::recorded

namespace lumbung::security {
namespace {

std::string B64(const char* text) {
  return *Base64UrlDecode(text);
}

class Recorded : public ::testing::TestWithParam<recorded::Ceremony> {
 protected:
  std::string challenge_ = B64(GetParam().challenge);
  std::string assertion_challenge_ = B64(GetParam().assertion_challenge);
  Expected create_{"webauthn.create", challenge_, kOrigin, kRpId, true};
  Expected get_{"webauthn.get", assertion_challenge_, kOrigin, kRpId, true};

  Registration Register() {
    return VerifyRegistration(B64(GetParam().client_data_json), B64(GetParam().attestation_object),
                              create_);
  }
  Assertion Assert(const Expected& expected, std::uint32_t stored_count = 1,
                   std::string authenticator_data = "", std::string signature = "",
                   std::string client_data = "") {
    auto reg = Register();
    EXPECT_EQ(reg.error, WebAuthnError::kNone);
    if (authenticator_data.empty()) authenticator_data = B64(GetParam().authenticator_data);
    if (signature.empty()) signature = B64(GetParam().signature);
    if (client_data.empty()) client_data = B64(GetParam().assertion_client_data_json);
    return VerifyAssertion(client_data, authenticator_data, signature,
                           *reg.auth_data.credential_key, stored_count, expected);
  }
};

TEST_P(Recorded, RegistrationYieldsTheCredential) {
  auto reg = Register();
  ASSERT_EQ(reg.error, WebAuthnError::kNone) << WebAuthnErrorName(reg.error);
  EXPECT_EQ(reg.auth_data.credential_id, B64(GetParam().credential_id));
  ASSERT_TRUE(reg.auth_data.credential_key);
  EXPECT_EQ(static_cast<long>(reg.auth_data.credential_key->algorithm), GetParam().algorithm);
  EXPECT_EQ(reg.auth_data.sign_count, 1u);
  EXPECT_TRUE(reg.auth_data.flags & AuthenticatorData::kUserVerified);
  // The stored key bytes parse back to the same key.
  EXPECT_TRUE(ParseCoseKeyBytes(reg.auth_data.credential_key_cbor));
}

TEST_P(Recorded, AssertionVerifiesWithTheRegisteredKey) {
  auto assertion = Assert(get_);
  ASSERT_EQ(assertion.error, WebAuthnError::kNone) << WebAuthnErrorName(assertion.error);
  EXPECT_EQ(assertion.sign_count, 2u);
  EXPECT_FALSE(assertion.counter_regressed);
}

TEST_P(Recorded, SignCounterThatDoesNotMoveForwardIsFlagged) {
  EXPECT_TRUE(Assert(get_, 2).counter_regressed);  // the same count again: a replay or a clone
  EXPECT_TRUE(Assert(get_, 9).counter_regressed);
}

TEST_P(Recorded, WrongOriginIsRefused) {
  // A phishing site's page: the browser writes the real origin, which is not ours.
  Expected phished = get_;
  phished.origin = "http://localhost:1";
  EXPECT_EQ(Assert(phished).error, WebAuthnError::kWrongOrigin);
  Expected created = create_;
  created.origin = "https://lumbung.example";
  EXPECT_EQ(VerifyRegistration(B64(GetParam().client_data_json), B64(GetParam().attestation_object),
                               created)
                .error,
            WebAuthnError::kWrongOrigin);
}

TEST_P(Recorded, ReplayWithAnotherChallengeIsRefused) {
  // The same signed assertion presented for a later challenge.
  const std::string later = std::string(32, '\x42');
  Expected replay = get_;
  replay.challenge = later;
  EXPECT_EQ(Assert(replay).error, WebAuthnError::kWrongChallenge);
  replay.challenge = "";
  EXPECT_EQ(Assert(replay).error, WebAuthnError::kWrongChallenge);
}

TEST_P(Recorded, WrongRpIdTypeAndFlagsAreRefused) {
  Expected other_rp = get_;
  other_rp.rp_id = "example.com";
  EXPECT_EQ(Assert(other_rp).error, WebAuthnError::kWrongRpId);
  // The registration's client data presented as an assertion's.
  Expected as_get = get_;
  as_get.challenge = challenge_;
  EXPECT_EQ(Assert(as_get, 1, "", "", B64(GetParam().client_data_json)).error,
            WebAuthnError::kWrongType);
  std::string data = B64(GetParam().authenticator_data);
  data[32] = AuthenticatorData::kUserPresent;  // UV cleared
  EXPECT_EQ(Assert(get_, 1, data).error, WebAuthnError::kUserNotVerified);
  Expected second_factor = get_;
  second_factor.require_user_verification = false;
  EXPECT_EQ(Assert(second_factor, 1, data).error, WebAuthnError::kBadSignature);  // signed flags
  data[32] = 0;
  EXPECT_EQ(Assert(second_factor, 1, data).error, WebAuthnError::kUserNotPresent);
}

TEST_P(Recorded, TamperedAssertionsAreRefused) {
  std::string data = B64(GetParam().authenticator_data);
  data[36] ^= 0x10;  // a higher sign count
  EXPECT_EQ(Assert(get_, 1, data).error, WebAuthnError::kBadSignature);
  std::string signature = B64(GetParam().signature);
  signature[signature.size() / 2] ^= 0x01;
  EXPECT_EQ(Assert(get_, 1, "", signature).error, WebAuthnError::kBadSignature);
  EXPECT_EQ(Assert(get_, 1, data + "x").error, WebAuthnError::kMalformed);  // trailing byte
  EXPECT_EQ(Assert(get_, 1, data.substr(0, 36)).error, WebAuthnError::kMalformed);
}

INSTANTIATE_TEST_SUITE_P(Chromium, Recorded, ::testing::ValuesIn(kCeremonies),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(WebAuthn, SignatureOfAnotherCredentialIsRefused) {
  std::string c0 = B64(kCeremonies[0].challenge), c1 = B64(kCeremonies[2].assertion_challenge);
  auto other = VerifyRegistration(B64(kCeremonies[0].client_data_json),
                                  B64(kCeremonies[0].attestation_object),
                                  {"webauthn.create", c0, kOrigin, kRpId, true});
  ASSERT_EQ(other.error, WebAuthnError::kNone);
  // The EdDSA credential's assertion checked against the ES256 credential's key.
  auto result = VerifyAssertion(B64(kCeremonies[2].assertion_client_data_json),
                                B64(kCeremonies[2].authenticator_data),
                                B64(kCeremonies[2].signature), *other.auth_data.credential_key, 0,
                                {"webauthn.get", c1, kOrigin, kRpId, true});
  EXPECT_EQ(result.error, WebAuthnError::kBadSignature);
}

std::string ClientData(std::string_view type, std::string_view challenge, std::string_view origin,
                       std::string_view extra = "") {
  return std::string("{\"type\":\"") + std::string(type) + "\",\"challenge\":\"" +
         Base64UrlEncode(challenge) + "\",\"origin\":\"" + std::string(origin) + "\"" +
         std::string(extra) + "}";
}

TEST(WebAuthn, ClientDataChecks) {
  const std::string challenge(32, 'c');
  const Expected e{"webauthn.get", challenge, "https://a.example", "a.example", false};
  EXPECT_EQ(CheckClientData(ClientData("webauthn.get", challenge, "https://a.example"), e),
            WebAuthnError::kNone);
  EXPECT_EQ(
      CheckClientData(
          ClientData("webauthn.get", challenge, "https://a.example", ",\"crossOrigin\":false"), e),
      WebAuthnError::kNone);
  EXPECT_EQ(
      CheckClientData(
          ClientData("webauthn.get", challenge, "https://a.example", ",\"crossOrigin\":true"), e),
      WebAuthnError::kWrongOrigin);
  EXPECT_EQ(
      CheckClientData(
          ClientData("webauthn.get", challenge, "https://a.example", ",\"crossOrigin\":\"no\""), e),
      WebAuthnError::kWrongOrigin);
  EXPECT_EQ(CheckClientData(ClientData("webauthn.get", challenge, "https://a.example:444"), e),
            WebAuthnError::kWrongOrigin);
  EXPECT_EQ(CheckClientData(ClientData("webauthn.get", challenge, "http://a.example"), e),
            WebAuthnError::kWrongOrigin);
  EXPECT_EQ(CheckClientData(ClientData("webauthn.create", challenge, "https://a.example"), e),
            WebAuthnError::kWrongType);
  EXPECT_EQ(CheckClientData(ClientData("webauthn.get", "other", "https://a.example"), e),
            WebAuthnError::kWrongChallenge);
  // Padded base64 is not the challenge's encoding.
  std::string padded = ClientData("webauthn.get", challenge, "https://a.example");
  padded.insert(padded.find("\",\"origin"), "=");
  EXPECT_EQ(CheckClientData(padded, e), WebAuthnError::kWrongChallenge);
  EXPECT_EQ(ClientDataChallenge(ClientData("webauthn.get", challenge, "https://a.example")),
            challenge);
  EXPECT_FALSE(ClientDataChallenge(padded));
  EXPECT_FALSE(ClientDataChallenge("{\"challenge\":1}"));
  EXPECT_EQ(CheckClientData("", e), WebAuthnError::kMalformed);
  EXPECT_EQ(CheckClientData("[1]", e), WebAuthnError::kMalformed);
  EXPECT_EQ(CheckClientData("{\"type\":1}", e), WebAuthnError::kMalformed);
  EXPECT_EQ(CheckClientData(ClientData("webauthn.get", challenge, "https://a.example",
                                       ",\"pad\":\"" + std::string(9000, 'x') + "\""),
                            e),
            WebAuthnError::kMalformed);
}

TEST(WebAuthn, RelyingPartyComesFromThePublicUrl) {
  auto rp = RelyingPartyOf("https://Portal.Example.id/");
  ASSERT_TRUE(rp);
  EXPECT_EQ(rp->id, "portal.example.id");
  EXPECT_EQ(rp->origin, "https://portal.example.id");
  EXPECT_EQ(RelyingPartyOf("https://portal.example.id:443/x")->origin, "https://portal.example.id");
  EXPECT_EQ(RelyingPartyOf("http://localhost:8080")->origin, "http://localhost:8080");
  EXPECT_EQ(RelyingPartyOf("http://localhost:8080")->id, "localhost");
  EXPECT_FALSE(RelyingPartyOf("http://127.0.0.1:8080"));  // an IP address is no RP ID
  EXPECT_FALSE(RelyingPartyOf("http://[::1]:8080"));
  EXPECT_FALSE(RelyingPartyOf("ftp://example.id"));
  EXPECT_FALSE(RelyingPartyOf("https://user@example.id"));
  EXPECT_FALSE(RelyingPartyOf("https://example.id:"));
  EXPECT_FALSE(RelyingPartyOf("https://example.id:80a"));
  EXPECT_FALSE(RelyingPartyOf("https:///path"));
}

// Builds a packed self-attested registration with a fresh P-256 key, to check that branch.
struct PackedSelf {
  std::string challenge = std::string(32, 'p');
  std::string client_data = ClientData("webauthn.create", challenge, "https://a.example");
  std::string auth_data;
  std::string key_cbor;
  EVP_PKEY* pkey = EVP_EC_gen("P-256");

  PackedSelf() {
    unsigned char point[65];
    size_t length = 0;
    EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point, &length);
    key_cbor =
        CborMap({{CborInt(1), CborInt(2)},
                 {CborInt(3), CborInt(-7)},
                 {CborInt(-1), CborInt(1)},
                 {CborInt(-2), CborBytes(std::string(reinterpret_cast<char*>(point + 1), 32))},
                 {CborInt(-3), CborBytes(std::string(reinterpret_cast<char*>(point + 33), 32))}});
    auth_data = Sha256("a.example") + std::string("\x45\x00\x00\x00\x00", 5) +
                std::string(16, '\0') + std::string("\x00\x04", 2) + "cred" + key_cbor;
  }
  ~PackedSelf() { EVP_PKEY_free(pkey); }
  std::string Sign(std::string_view message) const {
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    EVP_DigestSignInit(md, nullptr, EVP_sha256(), nullptr, pkey);
    size_t length = 0;
    const auto* m = reinterpret_cast<const unsigned char*>(message.data());
    EVP_DigestSign(md, nullptr, &length, m, message.size());
    std::string signature(length, '\0');
    EVP_DigestSign(md, reinterpret_cast<unsigned char*>(signature.data()), &length, m,
                   message.size());
    EVP_MD_CTX_free(md);
    signature.resize(length);
    return signature;
  }
  std::string Object(std::string_view fmt, const std::string& statement) const {
    return CborMap({{CborText("fmt"), CborText(fmt)},
                    {CborText("attStmt"), statement},
                    {CborText("authData"), CborBytes(auth_data)}});
  }
  Expected expected() const {
    return {"webauthn.create", challenge, "https://a.example", "a.example", true};
  }
};

TEST(WebAuthn, PackedSelfAttestationCountsAsNone) {
  PackedSelf p;
  const std::string sig = p.Sign(p.auth_data + Sha256(p.client_data));
  auto ok = VerifyRegistration(p.client_data,
                               p.Object("packed", CborMap({{CborText("alg"), CborInt(-7)},
                                                           {CborText("sig"), CborBytes(sig)}})),
                               p.expected());
  ASSERT_EQ(ok.error, WebAuthnError::kNone) << WebAuthnErrorName(ok.error);
  EXPECT_EQ(ok.auth_data.credential_id, "cred");
  EXPECT_EQ(ok.auth_data.credential_key_cbor, p.key_cbor);
  // A signature over something else, a mismatched alg, a certificate chain: refused.
  const std::string bad = p.Sign("something else");
  EXPECT_EQ(VerifyRegistration(p.client_data,
                               p.Object("packed", CborMap({{CborText("alg"), CborInt(-7)},
                                                           {CborText("sig"), CborBytes(bad)}})),
                               p.expected())
                .error,
            WebAuthnError::kBadSignature);
  EXPECT_EQ(VerifyRegistration(p.client_data,
                               p.Object("packed", CborMap({{CborText("alg"), CborInt(-257)},
                                                           {CborText("sig"), CborBytes(sig)}})),
                               p.expected())
                .error,
            WebAuthnError::kUnsupportedAttestation);
  EXPECT_EQ(VerifyRegistration(p.client_data,
                               p.Object("packed", CborMap({{CborText("alg"), CborInt(-7)},
                                                           {CborText("sig"), CborBytes(sig)},
                                                           {CborText("x5c"), CborHead(4, 0)}})),
                               p.expected())
                .error,
            WebAuthnError::kUnsupportedAttestation);
  EXPECT_EQ(
      VerifyRegistration(p.client_data, p.Object("fido-u2f", CborMap({})), p.expected()).error,
      WebAuthnError::kUnsupportedAttestation);
  EXPECT_EQ(VerifyRegistration(p.client_data,
                               p.Object("none", CborMap({{CborText("sig"), CborBytes(sig)}})),
                               p.expected())
                .error,
            WebAuthnError::kUnsupportedAttestation);
  EXPECT_EQ(VerifyRegistration(p.client_data, p.Object("none", CborMap({})), p.expected()).error,
            WebAuthnError::kNone);
}

TEST(WebAuthn, MalformedAuthenticatorDataIsRefused) {
  PackedSelf p;
  ASSERT_TRUE(ParseAuthenticatorData(p.auth_data));
  EXPECT_FALSE(ParseAuthenticatorData(p.auth_data + std::string(1, '\0')));  // trailing
  EXPECT_FALSE(ParseAuthenticatorData(p.auth_data.substr(0, p.auth_data.size() - 1)));
  std::string zero_id = p.auth_data;
  zero_id[54] = 0;  // credential ID length 0 (bytes 53-54)
  EXPECT_FALSE(ParseAuthenticatorData(zero_id));
  std::string long_id = p.auth_data;
  long_id[53] = 0x04;  // 1028 bytes: over the limit and past the end
  EXPECT_FALSE(ParseAuthenticatorData(long_id));
  std::string extensions_flag = p.auth_data;
  extensions_flag[32] |= AuthenticatorData::kExtensions;  // says extensions follow; none do
  EXPECT_FALSE(ParseAuthenticatorData(extensions_flag));
  EXPECT_TRUE(ParseAuthenticatorData(extensions_flag + CborMap({})));
  EXPECT_FALSE(ParseAuthenticatorData(extensions_flag + CborInt(1)));
  std::string no_attested_flag = p.auth_data;
  no_attested_flag[32] &= ~AuthenticatorData::kAttested;  // the key would be trailing bytes
  EXPECT_FALSE(ParseAuthenticatorData(no_attested_flag));
  // Not an attestation object at all, or one missing authData.
  EXPECT_EQ(VerifyRegistration(p.client_data, "garbage", p.expected()).error,
            WebAuthnError::kMalformed);
  EXPECT_EQ(VerifyRegistration(
                p.client_data,
                CborMap({{CborText("fmt"), CborText("none")}, {CborText("attStmt"), CborMap({})}}),
                p.expected())
                .error,
            WebAuthnError::kMalformed);
}

}  // namespace
}  // namespace lumbung::security
