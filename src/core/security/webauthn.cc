#include "core/security/webauthn.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <nlohmann/json.hpp>

#include "core/security/encoding.h"

namespace lumbung::security {
namespace {

constexpr std::size_t kMaxClientData = 8 * 1024;
constexpr std::size_t kMaxCredentialId = 1023;  // WebAuthn §6.5.1
constexpr std::size_t kFixedLength = 37;        // rpIdHash 32, flags 1, signCount 4

bool SameBytes(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

WebAuthnError CheckAuthData(const AuthenticatorData& data, const Expected& expected) {
  if (!SameBytes(data.rp_id_hash, Sha256(expected.rp_id))) return WebAuthnError::kWrongRpId;
  if ((data.flags & AuthenticatorData::kUserPresent) == 0) return WebAuthnError::kUserNotPresent;
  if (expected.require_user_verification && (data.flags & AuthenticatorData::kUserVerified) == 0) {
    return WebAuthnError::kUserNotVerified;
  }
  return WebAuthnError::kNone;
}

}  // namespace

std::string Sha256(std::string_view data) {
  unsigned char hash[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), hash);
  return std::string(reinterpret_cast<const char*>(hash), sizeof hash);
}

std::optional<RelyingParty> RelyingPartyOf(std::string_view url) {
  std::string_view scheme;
  if (url.starts_with("https://")) {
    scheme = "https";
  } else if (url.starts_with("http://")) {
    scheme = "http";
  } else {
    return std::nullopt;
  }
  url.remove_prefix(scheme.size() + 3);
  const std::string_view authority = url.substr(0, url.find_first_of("/?#"));
  const auto colon = authority.find(':');
  std::string host(authority.substr(0, colon));
  std::string_view port = colon == std::string_view::npos ? "" : authority.substr(colon + 1);
  if (host.empty() || port.size() > 5 || (colon != std::string_view::npos && port.empty())) {
    return std::nullopt;
  }
  for (char c : port) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  bool all_numeric = true;
  for (char& c : host) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    if (!ok) return std::nullopt;  // IPv6 literals, user info, anything odd
    if (c != '.' && (c < '0' || c > '9')) all_numeric = false;
  }
  if (all_numeric) return std::nullopt;  // an IPv4 address
  const bool default_port =
      port.empty() || (scheme == "https" && port == "443") || (scheme == "http" && port == "80");
  RelyingParty rp;
  rp.id = host;
  rp.origin = std::string(scheme) + "://" + host + (default_port ? "" : ":" + std::string(port));
  return rp;
}

std::string_view WebAuthnErrorName(WebAuthnError error) {
  switch (error) {
    case WebAuthnError::kNone:
      return "none";
    case WebAuthnError::kMalformed:
      return "malformed";
    case WebAuthnError::kWrongType:
      return "wrong_type";
    case WebAuthnError::kWrongChallenge:
      return "wrong_challenge";
    case WebAuthnError::kWrongOrigin:
      return "wrong_origin";
    case WebAuthnError::kWrongRpId:
      return "wrong_rp_id";
    case WebAuthnError::kUserNotPresent:
      return "user_not_present";
    case WebAuthnError::kUserNotVerified:
      return "user_not_verified";
    case WebAuthnError::kUnsupportedKey:
      return "unsupported_key";
    case WebAuthnError::kUnsupportedAttestation:
      return "unsupported_attestation";
    case WebAuthnError::kBadSignature:
      return "bad_signature";
  }
  return "unknown";
}

std::optional<AuthenticatorData> ParseAuthenticatorData(std::string_view bytes) {
  if (bytes.size() < kFixedLength) return std::nullopt;
  AuthenticatorData data;
  data.rp_id_hash.assign(bytes.substr(0, 32));
  data.flags = static_cast<std::uint8_t>(bytes[32]);
  for (int k = 0; k < 4; ++k) {
    data.sign_count = (data.sign_count << 8) | static_cast<unsigned char>(bytes[33 + k]);
  }
  std::string_view rest = bytes.substr(kFixedLength);
  if (data.flags & AuthenticatorData::kAttested) {
    if (rest.size() < 18) return std::nullopt;
    data.aaguid.assign(rest.substr(0, 16));
    const std::size_t id_length =
        (static_cast<unsigned char>(rest[16]) << 8) | static_cast<unsigned char>(rest[17]);
    rest.remove_prefix(18);
    if (id_length == 0 || id_length > kMaxCredentialId || rest.size() < id_length) {
      return std::nullopt;
    }
    data.credential_id.assign(rest.substr(0, id_length));
    rest.remove_prefix(id_length);
    std::size_t consumed = 0;
    auto key = CborDecodePrefix(rest, &consumed);
    if (!key) return std::nullopt;
    data.credential_key_cbor.assign(rest.substr(0, consumed));
    data.credential_key = ParseCoseKey(*key);  // nullopt: a key we do not accept (checked later)
    rest.remove_prefix(consumed);
  }
  if (data.flags & AuthenticatorData::kExtensions) {
    std::size_t consumed = 0;
    auto extensions = CborDecodePrefix(rest, &consumed);
    if (!extensions || !extensions->IsMap()) return std::nullopt;
    rest.remove_prefix(consumed);
  }
  if (!rest.empty()) return std::nullopt;
  return data;
}

WebAuthnError CheckClientData(std::string_view client_data_json, const Expected& expected) {
  if (client_data_json.size() > kMaxClientData) return WebAuthnError::kMalformed;
  nlohmann::json json =
      nlohmann::json::parse(client_data_json, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return WebAuthnError::kMalformed;
  const auto type = json.find("type");
  const auto challenge = json.find("challenge");
  const auto origin = json.find("origin");
  if (type == json.end() || !type->is_string() || challenge == json.end() ||
      !challenge->is_string() || origin == json.end() || !origin->is_string()) {
    return WebAuthnError::kMalformed;
  }
  if (type->get<std::string>() != expected.type) return WebAuthnError::kWrongType;
  auto raw = Base64UrlDecode(challenge->get<std::string>());
  if (!raw || expected.challenge.empty() || !SameBytes(*raw, expected.challenge)) {
    return WebAuthnError::kWrongChallenge;
  }
  if (origin->get<std::string>() != expected.origin) return WebAuthnError::kWrongOrigin;
  const auto cross = json.find("crossOrigin");
  if (cross != json.end() && !(cross->is_boolean() && !cross->get<bool>())) {
    return WebAuthnError::kWrongOrigin;  // our pages are never framed by another origin
  }
  return WebAuthnError::kNone;
}

std::optional<std::string> ClientDataChallenge(std::string_view client_data_json) {
  if (client_data_json.size() > kMaxClientData) return std::nullopt;
  nlohmann::json json = nlohmann::json::parse(client_data_json, nullptr, false);
  if (!json.is_object()) return std::nullopt;
  const auto challenge = json.find("challenge");
  if (challenge == json.end() || !challenge->is_string()) return std::nullopt;
  return Base64UrlDecode(challenge->get<std::string>());
}

Registration VerifyRegistration(std::string_view client_data_json,
                                std::string_view attestation_object, const Expected& expected) {
  Registration result;
  result.error = CheckClientData(client_data_json, expected);
  if (result.error != WebAuthnError::kNone) return result;
  result.error = WebAuthnError::kMalformed;
  auto object = CborDecode(attestation_object);
  if (!object || !object->IsMap()) return result;
  const CborValue* fmt = object->Find("fmt");
  const CborValue* statement = object->Find("attStmt");
  const CborValue* auth_bytes = object->Find("authData");
  if (fmt == nullptr || !fmt->IsText() || statement == nullptr || !statement->IsMap() ||
      auth_bytes == nullptr || !auth_bytes->IsBytes()) {
    return result;
  }
  auto data = ParseAuthenticatorData(auth_bytes->bytes);
  if (!data || (data->flags & AuthenticatorData::kAttested) == 0) return result;
  result.error = CheckAuthData(*data, expected);
  if (result.error != WebAuthnError::kNone) return result;
  if (!data->credential_key) {
    result.error = WebAuthnError::kUnsupportedKey;
    return result;
  }
  if (fmt->bytes == "none") {
    if (!statement->entries.empty()) {
      result.error = WebAuthnError::kUnsupportedAttestation;
      return result;
    }
  } else if (fmt->bytes == "packed") {
    // Self attestation (§8.2): only "alg" and "sig", the alg the credential's own, and the
    // signature by the new key over authData || clientDataHash.
    const CborValue* alg = statement->Find("alg");
    const CborValue* sig = statement->Find("sig");
    if (statement->entries.size() != 2 || alg == nullptr || sig == nullptr || !sig->IsBytes() ||
        alg->AsInt() != static_cast<std::int64_t>(data->credential_key->algorithm)) {
      result.error = WebAuthnError::kUnsupportedAttestation;
      return result;
    }
    const std::string signed_data = auth_bytes->bytes + Sha256(client_data_json);
    if (!VerifyCoseSignature(*data->credential_key, signed_data, sig->bytes)) {
      result.error = WebAuthnError::kBadSignature;
      return result;
    }
  } else {
    result.error = WebAuthnError::kUnsupportedAttestation;
    return result;
  }
  result.error = WebAuthnError::kNone;
  result.auth_data = std::move(*data);
  return result;
}

Assertion VerifyAssertion(std::string_view client_data_json, std::string_view authenticator_data,
                          std::string_view signature, const CoseKey& stored_key,
                          std::uint32_t stored_sign_count, const Expected& expected) {
  Assertion result;
  result.error = CheckClientData(client_data_json, expected);
  if (result.error != WebAuthnError::kNone) return result;
  auto data = ParseAuthenticatorData(authenticator_data);
  // An assertion never carries attested credential data.
  if (!data || (data->flags & AuthenticatorData::kAttested) != 0) {
    result.error = WebAuthnError::kMalformed;
    return result;
  }
  result.error = CheckAuthData(*data, expected);
  if (result.error != WebAuthnError::kNone) return result;
  std::string signed_data(authenticator_data);
  signed_data += Sha256(client_data_json);
  if (!VerifyCoseSignature(stored_key, signed_data, signature)) {
    result.error = WebAuthnError::kBadSignature;
    return result;
  }
  result.sign_count = data->sign_count;
  result.flags = data->flags;
  // §6.1.1: counters of 0 on both sides mean the authenticator keeps none (synced passkeys).
  result.counter_regressed =
      (data->sign_count != 0 || stored_sign_count != 0) && data->sign_count <= stored_sign_count;
  return result;
}

}  // namespace lumbung::security
