#include "certificates/credential.h"

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "core/security/digest.h"

namespace lumbung::certificates {
namespace {

// The end of the expiry day: a certificate is valid through the whole of it.
constexpr std::int64_t kDaySeconds = 86400;

std::string TrimmedUrl(std::string_view url) {
  std::string trimmed(url);
  while (!trimmed.empty() && trimmed.back() == '/') trimmed.pop_back();
  return trimmed;
}

// A name-based URN for the achievement: the same issuer, competency and level always give the
// same achievement, so a verifier can tell two holders hold the same thing.
std::string AchievementId(const Certificate& c) {
  const std::string hex = security::Sha256Hex(std::to_string(c.provider_id) + "\n" + c.issuer_name +
                                              "\n" + c.competency + "\n" + c.level);
  return "urn:uuid:" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-8" + hex.substr(13, 3) + "-" +
         "a" + hex.substr(17, 3) + "-" + hex.substr(20, 12);
}

}  // namespace

std::string IdentityHash(std::string_view name, std::string_view salt) {
  return "sha256$" + security::Sha256Hex(std::string(name) + std::string(salt));
}

std::int64_t DayStart(std::string_view day, int utc_offset_seconds) {
  if (day.size() != 10 || day[4] != '-' || day[7] != '-') {
    throw std::invalid_argument("credential: not a day");
  }
  for (std::size_t i = 0; i < 10; ++i) {
    if (i != 4 && i != 7 && (day[i] < '0' || day[i] > '9')) {
      throw std::invalid_argument("credential: not a day");
    }
  }
  const std::chrono::year_month_day ymd{
      std::chrono::year(std::stoi(std::string(day.substr(0, 4)))),
      std::chrono::month(static_cast<unsigned>(std::stoi(std::string(day.substr(5, 2))))),
      std::chrono::day(static_cast<unsigned>(std::stoi(std::string(day.substr(8, 2)))))};
  if (!ymd.ok()) throw std::invalid_argument("credential: not a day");
  const auto days = std::chrono::sys_days(ymd).time_since_epoch().count();
  return static_cast<std::int64_t>(days) * kDaySeconds - utc_offset_seconds;
}

std::string DateTime(std::int64_t epoch, int utc_offset_seconds) {
  const std::int64_t local = epoch + utc_offset_seconds;
  std::int64_t days = local / kDaySeconds;
  std::int64_t seconds = local % kDaySeconds;
  if (seconds < 0) {
    seconds += kDaySeconds;
    --days;
  }
  const std::chrono::year_month_day ymd{std::chrono::sys_days(std::chrono::days(days))};
  const int offset = utc_offset_seconds < 0 ? -utc_offset_seconds : utc_offset_seconds;
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d%c%02d:%02d",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(seconds / 3600),
                static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60),
                utc_offset_seconds < 0 ? '-' : '+', offset / 3600, offset / 60 % 60);
  return text;
}

std::string CredentialId(std::string_view public_url, std::string_view code) {
  return TrimmedUrl(public_url) + "/verify/certificate/" + std::string(code);
}

nlohmann::json AchievementCredential(const CredentialInput& input) {
  using nlohmann::json;
  const Certificate& c = input.certificate;
  const std::string issuer_id = TrimmedUrl(input.public_url);
  json achievement = {
      {"id", AchievementId(c)},
      {"type", json::array({"Achievement"})},
      {"achievementType", "Certificate"},
      {"name", c.competency},
      {"description", c.level.empty() ? c.competency : c.competency + " (" + c.level + ")"},
      {"criteria", {{"narrative", c.issuer_name}}},
  };
  if (c.provider_id > 0) {
    achievement["creator"] = {{"id", issuer_id + "#provider-" + std::to_string(c.provider_id)},
                              {"type", json::array({"Profile"})},
                              {"name", c.issuer_name}};
  }
  json subject = {
      {"type", json::array({"AchievementSubject"})},
      {"identifier", json::array({{{"type", "IdentityObject"},
                                   {"identityHash", IdentityHash(input.holder_name, input.salt)},
                                   {"identityType", "name"},
                                   {"hashed", true},
                                   {"salt", input.salt}}})},
      {"achievement", achievement},
  };
  if (!c.level.empty()) {
    subject["result"] = json::array({{{"type", json::array({"Result"})}, {"value", c.level}}});
  }
  json credential = {
      {"@context", json::array({kVcContext, kObContext})},
      {"id", CredentialId(input.public_url, c.code)},
      {"type", json::array({"VerifiableCredential", "OpenBadgeCredential"})},
      {"name", c.competency},
      {"issuer",
       {{"id", issuer_id}, {"type", json::array({"Profile"})}, {"name", input.fund_name}}},
      {"validFrom",
       DateTime(DayStart(c.issued_on, input.utc_offset_seconds), input.utc_offset_seconds)},
      {"credentialSubject", subject},
  };
  if (!c.expires_on.empty()) {
    credential["validUntil"] =
        DateTime(DayStart(c.expires_on, input.utc_offset_seconds) + kDaySeconds - 1,
                 input.utc_offset_seconds);
  }
  if (!input.credential_status.is_null()) credential["credentialStatus"] = input.credential_status;
  return credential;
}

nlohmann::json CredentialClaims(const nlohmann::json& credential, const CredentialInput& input) {
  nlohmann::json claims = credential;
  const Certificate& c = input.certificate;
  claims["iss"] = TrimmedUrl(input.public_url);
  claims["jti"] = CredentialId(input.public_url, c.code);
  claims["iat"] = input.issued_at;
  claims["nbf"] = DayStart(c.issued_on, input.utc_offset_seconds);
  if (!c.expires_on.empty()) {
    claims["exp"] = DayStart(c.expires_on, input.utc_offset_seconds) + kDaySeconds - 1;
  }
  return claims;
}

}  // namespace lumbung::certificates
