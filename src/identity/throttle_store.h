// Throttle counters (table `throttle`) and remembered devices (table `known_devices`) in the
// database, so that every app instance counts the same failures. Every function runs in the
// caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "identity/login_throttle.h"

namespace soci {
class session;
}

namespace lumbung::identity {

ThrottleState LoadThrottle(soci::session& sql, const std::string& key);
void SaveThrottle(soci::session& sql, const std::string& key, const ThrottleState& state);

// A fixed-window rate limit: counts one attempt under `key` and says whether it is within
// `limit` attempts per `window_seconds`. Attempts over the limit are not counted.
bool TakeRateLimit(soci::session& sql, const std::string& key, int limit,
                   std::int64_t window_seconds, std::int64_t now);

// Attempts counted under `key` in its current window (0 when the window is over).
int RateLimitCount(soci::session& sql, const std::string& key, std::int64_t window_seconds,
                   std::int64_t now);

struct KnownDevice {
  std::string id_hash;
  std::int64_t account_id = 0;
  ThrottleState throttle;  // the device's own counter (window fields unused: 0)
};

std::optional<KnownDevice> FindKnownDevice(soci::session& sql, const std::string& id_hash,
                                           std::int64_t account_id);
void RememberDevice(soci::session& sql, const std::string& id_hash, std::int64_t account_id,
                    std::int64_t now);
void SaveDeviceThrottle(soci::session& sql, const KnownDevice& device, std::int64_t now);

}  // namespace lumbung::identity
