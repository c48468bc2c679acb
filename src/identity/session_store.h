// Server-side sessions in the database (table `sessions`), so every app instance sees the same
// ones and logging out ends a session everywhere (ASVS 3.3.1). The cookie holds a 256-bit
// random id; the table holds its SHA-256 (ASVS 3.2.2, 3.2.3). Every function runs in the
// caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace lumbung::identity {

struct SessionRecord {
  std::string id_hash;
  std::string handle;  // names the session on /account/sessions; not a credential
  std::int64_t account_id = 0;
  std::string csrf_secret;
  std::int64_t created_at = 0, last_seen_at = 0, expires_at = 0;  // expires_at: absolute end
  std::string ip, user_agent;
};

struct NewSession {
  std::string cookie_value;  // the id: goes into the cookie only
  SessionRecord record;
};

NewSession StartSession(soci::session& sql, std::int64_t account_id, const std::string& ip,
                        const std::string& user_agent, std::int64_t now,
                        std::int64_t absolute_seconds);

// The live session for a cookie value: not past its absolute end, and seen within
// `idle_seconds`. nullopt otherwise (also for malformed values).
std::optional<SessionRecord> FindLiveSession(soci::session& sql, std::string_view cookie_value,
                                             std::int64_t now, std::int64_t idle_seconds);

void TouchSession(soci::session& sql, const std::string& id_hash, std::int64_t now);
void EndSession(soci::session& sql, const std::string& id_hash);
// Ends the account's session with this handle; false when there is none.
bool EndSessionByHandle(soci::session& sql, std::int64_t account_id, const std::string& handle);
// Every session of the account except `keep_id_hash` ("" ends all); returns how many ended.
int EndSessionsExcept(soci::session& sql, std::int64_t account_id, const std::string& keep_id_hash);

// Live sessions, most recently seen first.
std::vector<SessionRecord> ListLiveSessions(soci::session& sql, std::int64_t account_id,
                                            std::int64_t now, std::int64_t idle_seconds);

}  // namespace lumbung::identity
