// A certificate as an Open Badges 3.0 AchievementCredential (W3C Verifiable Credentials Data
// Model 2.0), the form a holder can keep offline and show any verifier, and the JWT claims it is
// signed with (VC-JWT: the credential's own members as the payload, plus iss, nbf, exp, jti and
// iat so that ordinary JWT libraries check the dates). Pure: no I/O, no keys; the routes sign it
// with credentials/jwt.h.
//
// The holder is named without giving them away (ASVS 4.0.3 8.3.x): credentialSubject carries an
// OB3 IdentityObject with the SHA-256 of the registry name and a random salt, so a verifier who
// sees the person's identity card can check the name, and nobody learns it from the credential.
// Never the NIK, the KPJ number or the birth date.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include "certificates/certificate_store.h"

namespace lumbung::certificates {

inline constexpr std::string_view kVcContext = "https://www.w3.org/ns/credentials/v2";
inline constexpr std::string_view kObContext =
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

struct CredentialInput {
  Certificate certificate;
  std::string holder_name;            // the registry's full name; only its salted hash is written
  std::string salt;                   // random, e.g. 32 hex digits, new for each credential made
  std::string public_url;             // the fund's address (config public.url), its issuer id
  std::string fund_name;              // config fund.name
  int utc_offset_seconds = 7 * 3600;  // the fund's time zone: days start at its midnight
  std::int64_t issued_at = 0;         // epoch seconds: when this credential was made
  nlohmann::json credential_status;   // credentials::StatusListEntry(...)
};

// "sha256$" + hex SHA-256 of name + salt, as OB3's IdentityObject defines identityHash.
std::string IdentityHash(std::string_view name, std::string_view salt);

// Epoch seconds of the start of fund day `day` (YYYY-MM-DD); throws std::invalid_argument for
// anything else.
std::int64_t DayStart(std::string_view day, int utc_offset_seconds);

// XML Schema dateTime of `epoch` in the fund's zone: "2026-03-01T00:00:00+07:00".
std::string DateTime(std::int64_t epoch, int utc_offset_seconds);

// The verification page of the certificate: the credential's id and its JWT's jti.
std::string CredentialId(std::string_view public_url, std::string_view code);

// The AchievementCredential: @context [VC 2.0, OB 3.0], id, type ["VerifiableCredential",
// "OpenBadgeCredential"], name, issuer {id, type ["Profile"], name}, validFrom (the issue day's
// start), validUntil (the end of the expiry day, absent when it does not expire),
// credentialSubject {type ["AchievementSubject"], identifier [IdentityObject], achievement
// {id, type ["Achievement"], name, description, criteria {narrative}, achievementType,
// creator for a provider's certificate}, and the level as a result when there is one},
// credentialStatus.
nlohmann::json AchievementCredential(const CredentialInput& input);

// The JWT payload: the credential plus iss (the issuer id), jti (its id), iat (issued_at), nbf
// (validFrom) and exp (validUntil, when it has one).
nlohmann::json CredentialClaims(const nlohmann::json& credential, const CredentialInput& input);

}  // namespace lumbung::certificates
