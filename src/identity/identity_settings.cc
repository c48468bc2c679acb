#include "identity/identity_settings.h"

#include "core/mail/outbox.h"
#include "core/security/encoding.h"
#include "core/security/master_key.h"
#include "core/security/signed_value.h"
#include "core/security/tokens.h"

namespace lumbung::identity {

IdentitySettings SettingsFromConfig(const config::Config& c) {
  IdentitySettings s;
  s.public_url = c.String("public.url");
  while (!s.public_url.empty() && s.public_url.back() == '/') s.public_url.pop_back();
  s.message_id_domain = mail::MessageIdDomain(c.String("smtp.from"));
  s.master_key = security::MasterKeyFromConfig(c);
  s.argon2.memory_kib = static_cast<std::uint64_t>(c.Int("security.argon2_memory_kib"));
  s.argon2.iterations = static_cast<std::uint32_t>(c.Int("security.argon2_iterations"));
  s.policy.min_length = static_cast<int>(c.Int("security.password_min_length"));
  s.min_length_without_2fa = static_cast<int>(c.Int("security.password_min_length_without_2fa"));
  s.idle_seconds = c.Int("session.idle_minutes") * 60;
  s.cache_milliseconds = c.Int("cache.seconds") * 1000LL;
  s.absolute_seconds = c.Int("session.absolute_hours") * 3600;
  s.staff_idle_seconds = std::min(s.idle_seconds, c.Int("session.staff_idle_minutes") * 60);
  s.staff_absolute_seconds =
      std::min(s.absolute_seconds, c.Int("session.staff_absolute_hours") * 3600);
  s.login.delay_after = static_cast<int>(c.Int("login.delay_after"));
  s.login.lock_after = static_cast<int>(c.Int("login.lock_after"));
  s.login.lock_seconds = c.Int("login.lock_minutes") * 60;
  s.login.max_per_hour = static_cast<int>(c.Int("login.max_failures_per_hour"));
  s.ip_login_failures_per_15min = static_cast<int>(c.Int("login.ip_failures_per_15min"));
  s.register_attempts_per_ip_hour = static_cast<int>(c.Int("register.ip_attempts_per_hour"));
  s.forgot_per_account_hour = static_cast<int>(c.Int("forgot.account_per_hour"));
  s.forgot_per_ip_hour = static_cast<int>(c.Int("forgot.ip_per_hour"));
  s.remember_browser_seconds = c.Int("two_factor.remember_days") * 24 * 3600;
  s.email_code_seconds = c.Int("two_factor.email_code_minutes") * 60;
  s.email_code_attempts = static_cast<int>(c.Int("two_factor.email_code_attempts"));
  s.email_codes_per_hour = static_cast<int>(c.Int("two_factor.email_codes_per_hour"));
  s.step_up_seconds = c.Int("two_factor.step_up_minutes") * 60;
  s.pending_seconds = c.Int("two_factor.pending_minutes") * 60;
  s.totp_key = security::DeriveKey(s.master_key, "two_factor.totp_secret");
  s.code_key = security::DeriveKey(s.master_key, "two_factor.email_code");
  return s;
}

}  // namespace lumbung::identity
