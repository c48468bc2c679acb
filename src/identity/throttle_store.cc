#include "identity/throttle_store.h"

#include <soci/soci.h>

namespace lumbung::identity {

ThrottleState LoadThrottle(soci::session& sql, const std::string& key) {
  ThrottleState s;
  long long blocked = 0, window_start = 0;
  sql << "SELECT failures, blocked_until, window_start, window_count FROM throttle WHERE bucket = "
         ":k",
      soci::into(s.failures), soci::into(blocked), soci::into(window_start),
      soci::into(s.window_count), soci::use(key);
  if (!sql.got_data()) return ThrottleState{};
  s.blocked_until = blocked;
  s.window_start = window_start;
  return s;
}

void SaveThrottle(soci::session& sql, const std::string& key, const ThrottleState& s) {
  long long blocked = s.blocked_until, window_start = s.window_start;
  int failures = s.failures, count = s.window_count;
  // An upsert both databases understand.
  sql << "INSERT INTO throttle (bucket, failures, blocked_until, window_start, window_count) "
         "VALUES (:k, :f, :b, :w, :c) ON CONFLICT (bucket) DO UPDATE SET failures = "
         "excluded.failures, "
         "blocked_until = excluded.blocked_until, window_start = excluded.window_start, "
         "window_count = excluded.window_count",
      soci::use(key), soci::use(failures), soci::use(blocked), soci::use(window_start),
      soci::use(count);
}

bool TakeRateLimit(soci::session& sql, const std::string& key, int limit,
                   std::int64_t window_seconds, std::int64_t now) {
  ThrottleState s = LoadThrottle(sql, key);
  if (s.window_start + window_seconds <= now) {
    s.window_start = now;
    s.window_count = 0;
  }
  if (s.window_count >= limit) return false;
  s.window_count += 1;
  SaveThrottle(sql, key, s);
  return true;
}

int RateLimitCount(soci::session& sql, const std::string& key, std::int64_t window_seconds,
                   std::int64_t now) {
  ThrottleState s = LoadThrottle(sql, key);
  return s.window_start + window_seconds <= now ? 0 : s.window_count;
}

std::optional<KnownDevice> FindKnownDevice(soci::session& sql, const std::string& id_hash,
                                           std::int64_t account_id) {
  KnownDevice d;
  long long account = account_id, blocked = 0;
  soci::indicator blocked_ind;
  sql << "SELECT failures, blocked_until FROM known_devices WHERE id_hash = :h AND "
         "account_id = :a",
      soci::into(d.throttle.failures), soci::into(blocked, blocked_ind), soci::use(id_hash),
      soci::use(account);
  if (!sql.got_data()) return std::nullopt;
  d.id_hash = id_hash;
  d.account_id = account_id;
  d.throttle.blocked_until = blocked_ind == soci::i_ok ? blocked : 0;
  return d;
}

void RememberDevice(soci::session& sql, const std::string& id_hash, std::int64_t account_id,
                    std::int64_t now) {
  long long account = account_id, at = now;
  sql << "INSERT INTO known_devices (id_hash, account_id, created_at, last_used_at) "
         "VALUES (:h, :a, :c, :u) ON CONFLICT (id_hash) DO UPDATE SET last_used_at = "
         "excluded.last_used_at, failures = 0, blocked_until = NULL",
      soci::use(id_hash), soci::use(account), soci::use(at), soci::use(at);
}

void SaveDeviceThrottle(soci::session& sql, const KnownDevice& d, std::int64_t now) {
  long long blocked = d.throttle.blocked_until, at = now;
  soci::indicator blocked_ind = blocked ? soci::i_ok : soci::i_null;
  int failures = d.throttle.failures;
  sql << "UPDATE known_devices SET failures = :f, blocked_until = :b, last_used_at = :u WHERE "
         "id_hash = :h",
      soci::use(failures), soci::use(blocked, blocked_ind), soci::use(at), soci::use(d.id_hash);
}

}  // namespace lumbung::identity
