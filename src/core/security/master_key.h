// The one master key of a deployment (config security.secret_key: 64 hex digits). Every use
// derives its own key from it with DeriveKey(master, "<purpose>") (signed_value.h), so cookies,
// sealed TOTP secrets and card tokens never share a key.
#pragma once

#include <string>

#include "core/config/config.h"

namespace lumbung::security {

// The 32-byte master key. In dev mode without a configured key, a random key made once per
// process (so everything signed in one run stays valid in that run, and nothing survives a
// restart). Throws config::ConfigError naming the key when it is missing or malformed outside
// dev mode.
std::string MasterKeyFromConfig(const config::Config& config);

}  // namespace lumbung::security
