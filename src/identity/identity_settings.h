// The identity feature's configuration, read once from config::Config (keys security.*,
// session.*, login.*, register.*, forgot.*; documented in config/lumbung.ini).
#pragma once

#include <cstdint>
#include <string>

#include "core/config/config.h"
#include "core/security/password_hash.h"
#include "identity/login_throttle.h"
#include "identity/password_policy.h"

namespace lumbung::identity {

struct IdentitySettings {
  std::string public_url;         // every link in mail starts with it (never the Host header)
  std::string message_id_domain;  // from smtp.from
  std::string master_key;         // 32 bytes; the derived keys sign cookies
  security::Argon2Params argon2;
  PasswordPolicy policy;
  int min_length_without_2fa = 0;  // 0: no stricter rule for accounts without a second factor
  std::int64_t idle_seconds = 30 * 60;
  std::int64_t absolute_seconds = 12 * 3600;
  // Fund staff see members' data: their sessions end sooner (never later than anyone's).
  std::int64_t staff_idle_seconds = 15 * 60;
  std::int64_t staff_absolute_seconds = 8 * 3600;
  std::int64_t IdleSecondsFor(std::string_view role) const {
    return role == "staff" ? staff_idle_seconds : idle_seconds;
  }
  std::int64_t AbsoluteSecondsFor(std::string_view role) const {
    return role == "staff" ? staff_absolute_seconds : absolute_seconds;
  }
  // How long a session read for a GET is reused (cache.seconds; core/cache/fresh_cache.h).
  std::int64_t cache_milliseconds = 1000;
  ThrottleLimits login;
  int ip_login_failures_per_15min = 100;
  int register_attempts_per_ip_hour = 30;
  int forgot_per_account_hour = 3;
  int forgot_per_ip_hour = 30;
  // Lifetimes of the links sent by mail.
  std::int64_t verify_email_seconds = 24 * 3600;
  std::int64_t reset_seconds = 30 * 60;
  std::int64_t unlock_seconds = 24 * 3600;
  std::int64_t invitation_seconds = 72 * 3600;
  std::int64_t change_email_seconds = 24 * 3600;
  std::int64_t report_seconds = 7 * 24 * 3600;
  std::int64_t device_cookie_seconds = 180L * 24 * 3600;
  // Second factors (two_factor.*).
  std::int64_t remember_browser_seconds = 30L * 24 * 3600;  // 0: the option is not offered
  std::int64_t email_code_seconds = 10 * 60;
  int email_code_attempts = 5;
  int email_codes_per_hour = 5;
  std::int64_t step_up_seconds = 5 * 60;
  std::int64_t pending_seconds = 10 * 60;
  std::string totp_key;  // 32 bytes derived from master_key: seals TOTP secrets
  std::string code_key;  // 32 bytes derived from master_key: keys the e-mail code hashes
};

// Throws config::ConfigError naming the key when security.secret_key is missing or malformed
// outside dev mode (in dev mode a missing key is replaced by a random one for this process).
IdentitySettings SettingsFromConfig(const config::Config& config);

}  // namespace lumbung::identity
