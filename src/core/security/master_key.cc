#include "core/security/master_key.h"

#include "core/security/encoding.h"
#include "core/security/signed_value.h"
#include "core/security/tokens.h"

namespace lumbung::security {

std::string MasterKeyFromConfig(const config::Config& config) {
  const std::string text = config.String("security.secret_key");
  if (auto key = ParseHexKey(text)) return *key;
  if (text.empty() && config.Bool("dev.mode")) {
    static const std::string process_key = *Base64UrlDecode(NewToken(32));
    return process_key;
  }
  throw config::ConfigError(
      "security.secret_key: must be 64 hex digits (32 random bytes, e.g. from `openssl rand "
      "-hex 32`); it signs cookies and is required unless dev.mode is on");
}

}  // namespace lumbung::security
