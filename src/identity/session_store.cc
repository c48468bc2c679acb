#include "identity/session_store.h"

#include <soci/soci.h>

#include "core/audit/event.h"
#include "core/security/tokens.h"

namespace lumbung::identity {
namespace {

constexpr const char* kColumns =
    "id_hash, handle, account_id, csrf_secret, created_at, last_seen_at, expires_at, ip, "
    "user_agent, stage, reauth_at";

}  // namespace

NewSession StartSession(soci::session& sql, std::int64_t account_id, const std::string& ip,
                        const std::string& user_agent, std::int64_t now,
                        std::int64_t absolute_seconds, std::string_view stage) {
  NewSession s;
  s.cookie_value = security::NewToken(32);
  SessionRecord& r = s.record;
  r.id_hash = security::HashToken(s.cookie_value);
  r.handle = security::NewToken(16);
  r.account_id = account_id;
  r.csrf_secret = security::NewToken(32);
  r.created_at = r.last_seen_at = now;
  r.expires_at = now + absolute_seconds;
  r.stage = std::string(stage);
  r.reauth_at = now;
  r.ip = ip;
  // Bytes from the client: valid UTF-8 (PostgreSQL refuses anything else), cut between
  // characters.
  r.user_agent = audit::CleanText(user_agent, 512);
  long long account = account_id, created = now, expires = r.expires_at;
  sql << "INSERT INTO sessions (" << kColumns
      << ") VALUES (:h, :handle, :a, :csrf, :c, :s, :e, :ip, :ua, :stage, :r)",
      soci::use(r.id_hash), soci::use(r.handle), soci::use(account), soci::use(r.csrf_secret),
      soci::use(created), soci::use(created), soci::use(expires), soci::use(r.ip),
      soci::use(r.user_agent), soci::use(r.stage), soci::use(created);
  return s;
}

namespace {

// Rows where `column` = `value`; the liveness rules are applied by the callers, in one place.
template <typename T>
std::vector<SessionRecord> SelectWhere(soci::session& sql, const char* column, const T& value) {
  std::vector<SessionRecord> out;
  SessionRecord r;
  long long account = 0, created = 0, seen = 0, expires = 0, reauth = 0;
  soci::statement st =
      (sql.prepare << "SELECT " << kColumns << " FROM sessions WHERE " << column
                   << " = :v ORDER BY last_seen_at DESC",
       soci::into(r.id_hash), soci::into(r.handle), soci::into(account), soci::into(r.csrf_secret),
       soci::into(created), soci::into(seen), soci::into(expires), soci::into(r.ip),
       soci::into(r.user_agent), soci::into(r.stage), soci::into(reauth), soci::use(value));
  st.execute();
  while (st.fetch()) {
    r.account_id = account;
    r.created_at = created;
    r.last_seen_at = seen;
    r.expires_at = expires;
    r.reauth_at = reauth;
    out.push_back(r);
  }
  return out;
}

}  // namespace

bool IsLive(const SessionRecord& r, std::int64_t now, std::int64_t idle_seconds) {
  return r.expires_at > now && r.last_seen_at + idle_seconds > now;
}

std::optional<SessionRecord> FindLiveSession(soci::session& sql, std::string_view cookie_value,
                                             std::int64_t now, std::int64_t idle_seconds) {
  if (cookie_value.size() != 43) return std::nullopt;
  auto rows = SelectWhere(sql, "id_hash", security::HashToken(cookie_value));
  if (rows.empty() || !IsLive(rows.front(), now, idle_seconds)) return std::nullopt;
  return rows.front();
}

std::vector<SessionRecord> ListLiveSessions(soci::session& sql, std::int64_t account_id,
                                            std::int64_t now, std::int64_t idle_seconds) {
  std::vector<SessionRecord> live;
  for (auto& r : SelectWhere(sql, "account_id", static_cast<long long>(account_id))) {
    if (IsLive(r, now, idle_seconds) && r.stage == kStageFull) live.push_back(std::move(r));
  }
  return live;
}

void TouchSession(soci::session& sql, const std::string& id_hash, std::int64_t now) {
  long long at = now;
  sql << "UPDATE sessions SET last_seen_at = :t WHERE id_hash = :h", soci::use(at),
      soci::use(id_hash);
}

void SetReauthenticated(soci::session& sql, const std::string& id_hash, std::int64_t now) {
  long long at = now;
  sql << "UPDATE sessions SET reauth_at = :t WHERE id_hash = :h", soci::use(at), soci::use(id_hash);
}

void EndSession(soci::session& sql, const std::string& id_hash) {
  sql << "DELETE FROM sessions WHERE id_hash = :h", soci::use(id_hash);
}

bool EndSessionByHandle(soci::session& sql, std::int64_t account_id, const std::string& handle) {
  long long account = account_id;
  soci::statement st = (sql.prepare << "DELETE FROM sessions WHERE account_id = :a AND handle = :h",
                        soci::use(account), soci::use(handle));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

int EndSessionsExcept(soci::session& sql, std::int64_t account_id,
                      const std::string& keep_id_hash) {
  long long account = account_id;
  soci::statement st =
      (sql.prepare << "DELETE FROM sessions WHERE account_id = :a AND id_hash <> :h",
       soci::use(account), soci::use(keep_id_hash));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

}  // namespace lumbung::identity
