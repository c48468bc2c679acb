// The relying party's checks of WebAuthn Level 2 ceremonies (§7.1 registration, §7.2
// authentication), as pure functions over the bytes the browser sent: no database, no clock.
// The caller supplies what it expects (the challenge it issued for this session, the configured
// origin and RP ID) and stores what comes back.
//
// Accepted: attestation "none" (empty statement) and "packed" self attestation (no certificate;
// its signature by the new key is checked, then it counts as none). Anything else is refused:
// the fund asks browsers for "none", and accepting statements it cannot check would only look
// like assurance.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/security/cose_key.h"

namespace lumbung::security {

// authenticatorData (WebAuthn §6.1).
struct AuthenticatorData {
  static constexpr std::uint8_t kUserPresent = 0x01;
  static constexpr std::uint8_t kUserVerified = 0x04;
  static constexpr std::uint8_t kBackupEligible = 0x08;
  static constexpr std::uint8_t kBackedUp = 0x10;
  static constexpr std::uint8_t kAttested = 0x40;
  static constexpr std::uint8_t kExtensions = 0x80;

  std::string rp_id_hash;  // 32 bytes
  std::uint8_t flags = 0;
  std::uint32_t sign_count = 0;
  // Present exactly when kAttested is set.
  std::string aaguid;               // 16 bytes
  std::string credential_id;        // 1 to 1023 bytes
  std::string credential_key_cbor;  // the COSE_Key exactly as encoded
  std::optional<CoseKey> credential_key;
};

// Parses authenticator data strictly: the attested credential data and the extensions map are
// present exactly when their flags say so, and nothing may follow them. nullopt otherwise.
std::optional<AuthenticatorData> ParseAuthenticatorData(std::string_view bytes);

enum class WebAuthnError {
  kNone,
  kMalformed,        // bytes or JSON that do not parse, or exceed the limits
  kWrongType,        // clientData.type is not the ceremony's
  kWrongChallenge,   // not the challenge issued for this session
  kWrongOrigin,      // another origin, or crossOrigin true
  kWrongRpId,        // rpIdHash is not SHA-256 of our RP ID
  kUserNotPresent,   // UP flag clear
  kUserNotVerified,  // UV flag clear where verification is required
  kUnsupportedKey,   // algorithm or key we do not accept
  kUnsupportedAttestation,
  kBadSignature,
};

// Stable names for logs and the audit trail ("wrong_origin", ...).
std::string_view WebAuthnErrorName(WebAuthnError error);

struct Expected {
  std::string_view type;       // "webauthn.create" or "webauthn.get"
  std::string_view challenge;  // the raw challenge bytes issued
  std::string_view origin;     // e.g. "https://portal.example.id"
  std::string_view rp_id;      // e.g. "portal.example.id"
  bool require_user_verification = false;
};

// Checks clientDataJSON (at most 8 KiB): type, challenge (base64url of the exact bytes), origin,
// and that crossOrigin is absent or false.
WebAuthnError CheckClientData(std::string_view client_data_json, const Expected& expected);

// The challenge (raw bytes) clientDataJSON claims to answer, so the caller can find the one it
// issued; nullopt when the JSON or the challenge is malformed. Nothing is verified here.
std::optional<std::string> ClientDataChallenge(std::string_view client_data_json);

struct Registration {
  WebAuthnError error = WebAuthnError::kNone;
  AuthenticatorData auth_data;  // credential_id, credential_key_cbor, sign_count, flags
};

// Registration (§7.1 steps 5-21 that apply without attestation trust): client data, attestation
// object (fmt none or packed self), RP ID hash, UP (and UV if required), an accepted key.
Registration VerifyRegistration(std::string_view client_data_json,
                                std::string_view attestation_object, const Expected& expected);

struct Assertion {
  WebAuthnError error = WebAuthnError::kNone;
  std::uint32_t sign_count = 0;
  std::uint8_t flags = 0;
  // The authenticator's counter did not move forward from the stored one (WebAuthn §6.1.1):
  // the credential may have been cloned. The signature was still valid; the caller decides.
  bool counter_regressed = false;
};

// Authentication (§7.2 steps 11-21): client data, RP ID hash, flags, then the signature over
// authenticatorData || SHA-256(clientDataJSON) with the stored key, then the sign counter.
Assertion VerifyAssertion(std::string_view client_data_json, std::string_view authenticator_data,
                          std::string_view signature, const CoseKey& stored_key,
                          std::uint32_t stored_sign_count, const Expected& expected);

// The relying party a deployment is: its origin ("https://portal.example.id", with a port only
// when not the scheme's default) and its RP ID (the host). From the configured public URL;
// nullopt unless it is http(s)://host[:port][/path] with a host name (WebAuthn does not allow an
// IP address as RP ID).
struct RelyingParty {
  std::string origin;
  std::string id;
};
std::optional<RelyingParty> RelyingPartyOf(std::string_view public_url);

// SHA-256 as raw bytes (for rpIdHash and clientDataHash).
std::string Sha256(std::string_view data);

}  // namespace lumbung::security
