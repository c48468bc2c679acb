#include "certificates/credential.h"

#include <gtest/gtest.h>

#include "core/security/digest.h"

namespace lumbung::certificates {
namespace {

CredentialInput Input() {
  CredentialInput input;
  input.certificate.id = 7;
  input.certificate.member_id = 3;
  input.certificate.competency = "Operator Forklift";
  input.certificate.level = "Madya";
  input.certificate.issuer_name = "Dana Contoh";
  input.certificate.issued_on = "2026-03-01";
  input.certificate.expires_on = "2028-02-29";
  input.certificate.code = "ABCDEFGHJKLMNPQRS";
  input.certificate.status_index = 4242;
  input.holder_name = "Siti Rahayu";
  input.salt = "00112233445566778899aabbccddeeff";
  input.public_url = "https://lumbung.example/";
  input.fund_name = "Dana Contoh";
  input.utc_offset_seconds = 7 * 3600;
  input.issued_at = 1'800'000'000;
  input.credential_status = {{"type", "BitstringStatusListEntry"}};
  return input;
}

TEST(Credential, DaysStartAtTheFundsMidnight) {
  // 2026-03-01T00:00:00+07:00 is 2026-02-28T17:00:00Z.
  EXPECT_EQ(DayStart("2026-03-01", 7 * 3600), 1772298000);
  EXPECT_EQ(DateTime(1772298000, 7 * 3600), "2026-03-01T00:00:00+07:00");
  EXPECT_EQ(DateTime(1772298000, 0), "2026-02-28T17:00:00+00:00");
  EXPECT_THROW(DayStart("2026-02-30", 0), std::invalid_argument);
  EXPECT_THROW(DayStart("yesterday", 0), std::invalid_argument);
}

TEST(Credential, IsAnOpenBadges3AchievementCredential) {
  const CredentialInput input = Input();
  const nlohmann::json vc = AchievementCredential(input);
  EXPECT_EQ(vc["@context"][0], "https://www.w3.org/ns/credentials/v2");
  EXPECT_EQ(vc["@context"][1], "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
  EXPECT_EQ(vc["type"], nlohmann::json({"VerifiableCredential", "OpenBadgeCredential"}));
  EXPECT_EQ(vc["id"], "https://lumbung.example/verify/certificate/ABCDEFGHJKLMNPQRS");
  EXPECT_EQ(vc["issuer"]["id"], "https://lumbung.example");
  EXPECT_EQ(vc["issuer"]["type"], nlohmann::json({"Profile"}));
  EXPECT_EQ(vc["issuer"]["name"], "Dana Contoh");
  EXPECT_EQ(vc["validFrom"], "2026-03-01T00:00:00+07:00");
  EXPECT_EQ(vc["validUntil"], "2028-02-29T23:59:59+07:00");
  const auto& subject = vc["credentialSubject"];
  EXPECT_EQ(subject["type"], nlohmann::json({"AchievementSubject"}));
  const auto& achievement = subject["achievement"];
  EXPECT_EQ(achievement["type"], nlohmann::json({"Achievement"}));
  EXPECT_EQ(achievement["name"], "Operator Forklift");
  EXPECT_TRUE(achievement["criteria"].contains("narrative"));
  EXPECT_EQ(achievement["id"].get<std::string>().rfind("urn:uuid:", 0), 0u);
  EXPECT_EQ(subject["result"][0]["value"], "Madya");
  EXPECT_EQ(vc["credentialStatus"]["type"], "BitstringStatusListEntry");
}

// ASVS 4.0.3 8.3.1: the holder is a salted hash of the name; no NIK, KPJ or birth date.
TEST(Credential, NamesTheHolderOnlyByASaltedHash) {
  const CredentialInput input = Input();
  const nlohmann::json vc = AchievementCredential(input);
  const auto& identity = vc["credentialSubject"]["identifier"][0];
  EXPECT_EQ(identity["type"], "IdentityObject");
  EXPECT_EQ(identity["hashed"], true);
  EXPECT_EQ(identity["identityType"], "name");
  EXPECT_EQ(identity["salt"], input.salt);
  EXPECT_EQ(identity["identityHash"], "sha256$" + security::Sha256Hex("Siti Rahayu" + input.salt));
  const std::string text = vc.dump();
  EXPECT_EQ(text.find("Siti"), std::string::npos);
  EXPECT_EQ(text.find("nik"), std::string::npos);
  EXPECT_EQ(text.find("birth"), std::string::npos);
}

TEST(Credential, ClaimsCarryTheJwtDates) {
  const CredentialInput input = Input();
  const nlohmann::json claims = CredentialClaims(AchievementCredential(input), input);
  EXPECT_EQ(claims["iss"], "https://lumbung.example");
  EXPECT_EQ(claims["jti"], claims["id"]);
  EXPECT_EQ(claims["iat"], 1'800'000'000);
  EXPECT_EQ(claims["nbf"], DayStart("2026-03-01", 7 * 3600));
  EXPECT_EQ(claims["exp"], DayStart("2028-02-29", 7 * 3600) + 86399);
  CredentialInput forever = input;
  forever.certificate.expires_on = "";
  forever.certificate.level = "";
  const nlohmann::json open = CredentialClaims(AchievementCredential(forever), forever);
  EXPECT_FALSE(open.contains("exp"));
  EXPECT_FALSE(open.contains("validUntil"));
  EXPECT_FALSE(open["credentialSubject"].contains("result"));
}

}  // namespace
}  // namespace lumbung::certificates
