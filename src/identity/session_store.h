// Server-side sessions in the database (table `sessions`), so every app instance sees the same
// ones and logging out ends a session everywhere (ASVS 3.3.1). The cookie holds a 256-bit
// random id; the table holds its SHA-256 (ASVS 3.2.2, 3.2.3). Every function runs in the
// caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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
  std::string stage = "full";  // full | second_factor | enrol (see migrations/0011)
  std::int64_t reauth_at = 0;  // the password or a second factor was last proved then
};

inline constexpr std::string_view kStageFull = "full";
inline constexpr std::string_view kStageSecondFactor = "second_factor";
inline constexpr std::string_view kStageEnrol = "enrol";

struct NewSession {
  std::string cookie_value;  // the id: goes into the cookie only
  SessionRecord record;
};

// A session at `stage`, ending absolutely at now + absolute_seconds; proved (reauth_at) now.
NewSession StartSession(soci::session& sql, std::int64_t account_id, const std::string& ip,
                        const std::string& user_agent, std::int64_t now,
                        std::int64_t absolute_seconds, std::string_view stage = kStageFull);

// The live session for a cookie value: not past its absolute end, and seen within
// `idle_seconds`. nullopt otherwise (also for malformed values).
std::optional<SessionRecord> FindLiveSession(soci::session& sql, std::string_view cookie_value,
                                             std::int64_t now, std::int64_t idle_seconds);

// Not past its absolute end and seen within `idle_seconds` (what FindLiveSession checks; also
// for a record read a moment ago).
bool IsLive(const SessionRecord& r, std::int64_t now, std::int64_t idle_seconds);

void TouchSession(soci::session& sql, const std::string& id_hash, std::int64_t now);
// The member proved who they are again (step-up, ASVS 3.7.1).
void SetReauthenticated(soci::session& sql, const std::string& id_hash, std::int64_t now);
void EndSession(soci::session& sql, const std::string& id_hash);
// Ends the account's session with this handle; false when there is none.
bool EndSessionByHandle(soci::session& sql, std::int64_t account_id, const std::string& handle);
// Every session of the account except `keep_id_hash` ("" ends all); returns how many ended.
int EndSessionsExcept(soci::session& sql, std::int64_t account_id, const std::string& keep_id_hash);

// Live sessions past every sign-in step (stage full), most recently seen first.
std::vector<SessionRecord> ListLiveSessions(soci::session& sql, std::int64_t account_id,
                                            std::int64_t now, std::int64_t idle_seconds);

}  // namespace lumbung::identity
