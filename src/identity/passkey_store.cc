#include "identity/passkey_store.h"

#include "core/security/encoding.h"
#include "core/security/tokens.h"

namespace lumbung::identity {
namespace {

constexpr const char* kColumns =
    "id, account_id, credential_id, public_key, algorithm, sign_count, transports, name, "
    "created_at, last_used_at, flagged_at";

long long Affected(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows();
}

// Rows of `where` (a condition on one bound value, :v), oldest first. A fresh statement per
// call: SOCI statements bound to vectors are never executed twice.
template <typename T>
std::vector<Passkey> Select(soci::session& sql, const std::string& where, T value) {
  std::vector<Passkey> out;
  Passkey p;
  long long id = 0, account = 0, count = 0, created = 0, used = 0, flagged = 0;
  soci::indicator used_ind, flagged_ind;
  soci::statement st =
      (sql.prepare << "SELECT " << kColumns << " FROM passkeys WHERE " << where << " ORDER BY id",
       soci::into(id), soci::into(account), soci::into(p.credential_id), soci::into(p.public_key),
       soci::into(p.algorithm), soci::into(count), soci::into(p.transports), soci::into(p.name),
       soci::into(created), soci::into(used, used_ind), soci::into(flagged, flagged_ind),
       soci::use(value));
  st.execute();
  while (st.fetch()) {
    p.id = id;
    p.account_id = account;
    p.sign_count = count;
    p.created_at = created;
    p.last_used_at = used_ind == soci::i_ok ? used : 0;
    p.flagged_at = flagged_ind == soci::i_ok ? flagged : 0;
    out.push_back(p);
  }
  return out;
}

}  // namespace

std::string UserHandleFor(soci::session& sql, std::int64_t account_id) {
  long long account = account_id;
  std::string handle;
  sql << "SELECT user_handle FROM passkey_users WHERE account_id = :a", soci::use(account),
      soci::into(handle);
  if (sql.got_data()) return handle;
  handle = security::NewToken(32);
  sql << "INSERT INTO passkey_users (account_id, user_handle) VALUES (:a, :h)", soci::use(account),
      soci::use(handle);
  return handle;
}

std::optional<std::int64_t> AccountOfUserHandle(soci::session& sql, const std::string& handle) {
  long long account = 0;
  sql << "SELECT account_id FROM passkey_users WHERE user_handle = :h", soci::use(handle),
      soci::into(account);
  if (!sql.got_data()) return std::nullopt;
  return account;
}

std::vector<Passkey> ListPasskeys(soci::session& sql, std::int64_t account_id) {
  return Select(sql, "account_id = :v", static_cast<long long>(account_id));
}

bool HasPasskey(soci::session& sql, std::int64_t account_id) {
  long long account = account_id, count = 0;
  sql << "SELECT COUNT(*) FROM passkeys WHERE account_id = :a", soci::use(account),
      soci::into(count);
  return count > 0;
}

std::optional<Passkey> FindPasskeyByCredential(soci::session& sql,
                                               const std::string& credential_id) {
  auto rows = Select(sql, "credential_id = :v", credential_id);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<Passkey> FindPasskey(soci::session& sql, std::int64_t account_id, std::int64_t id) {
  auto rows = Select(sql, "id = :v", static_cast<long long>(id));
  if (rows.empty() || rows.front().account_id != account_id) return std::nullopt;
  return rows.front();
}

bool AddPasskey(soci::session& sql, Passkey& p) {
  if (FindPasskeyByCredential(sql, p.credential_id)) return false;
  long long account = p.account_id, count = p.sign_count, created = p.created_at, id = 0;
  sql << "INSERT INTO passkeys (account_id, credential_id, public_key, algorithm, sign_count, "
         "transports, name, created_at) VALUES (:a, :c, :k, :g, :n, :t, :m, :d) RETURNING id",
      soci::use(account), soci::use(p.credential_id), soci::use(p.public_key),
      soci::use(p.algorithm), soci::use(count), soci::use(p.transports), soci::use(p.name),
      soci::use(created), soci::into(id);
  p.id = id;
  return true;
}

bool RenamePasskey(soci::session& sql, std::int64_t account_id, std::int64_t id,
                   const std::string& name) {
  long long account = account_id, passkey = id;
  soci::statement st = (sql.prepare << "UPDATE passkeys SET name = :n WHERE id = :i AND "
                                       "account_id = :a",
                        soci::use(name), soci::use(passkey), soci::use(account));
  return Affected(st) == 1;
}

bool RemovePasskey(soci::session& sql, std::int64_t account_id, std::int64_t id) {
  long long account = account_id, passkey = id;
  soci::statement st = (sql.prepare << "DELETE FROM passkeys WHERE id = :i AND account_id = :a",
                        soci::use(passkey), soci::use(account));
  return Affected(st) == 1;
}

void RemoveAllPasskeys(soci::session& sql, std::int64_t account_id) {
  long long account = account_id;
  sql << "DELETE FROM passkeys WHERE account_id = :a", soci::use(account);
}

bool RecordPasskeyUse(soci::session& sql, std::int64_t id, std::int64_t seen_count,
                      std::int64_t new_count, std::int64_t now) {
  long long passkey = id, seen = seen_count, count = new_count, at = now;
  soci::statement st = (sql.prepare << "UPDATE passkeys SET sign_count = :n, last_used_at = :u "
                                       "WHERE id = :i AND sign_count = :s AND flagged_at IS NULL",
                        soci::use(count), soci::use(at), soci::use(passkey), soci::use(seen));
  return Affected(st) == 1;
}

void FlagPasskey(soci::session& sql, std::int64_t id, std::int64_t now) {
  long long passkey = id, at = now;
  sql << "UPDATE passkeys SET flagged_at = :f WHERE id = :i AND flagged_at IS NULL", soci::use(at),
      soci::use(passkey);
}

void PutPasskeyChallenge(soci::session& sql, const std::string& challenge_hash,
                         const std::string& binding, const std::string& purpose,
                         std::int64_t account_id, std::int64_t now, std::int64_t expires_at) {
  long long at = now, until = expires_at, account = account_id;
  // One live challenge per session and purpose: asking again replaces it, so a session cannot
  // pile up rows.
  sql << "DELETE FROM passkey_challenges WHERE expires_at <= :n OR (binding = :b AND purpose = :p)",
      soci::use(at), soci::use(binding), soci::use(purpose);
  sql << "INSERT INTO passkey_challenges (challenge_hash, binding, purpose, account_id, "
         "expires_at) VALUES (:h, :b, :p, :a, :e)",
      soci::use(challenge_hash), soci::use(binding), soci::use(purpose), soci::use(account),
      soci::use(until);
}

bool TakePasskeyChallenge(soci::session& sql, const std::string& challenge_hash,
                          const std::string& binding, const std::string& purpose,
                          std::int64_t now) {
  long long at = now;
  soci::statement st =
      (sql.prepare << "DELETE FROM passkey_challenges WHERE challenge_hash = :h AND binding = :b "
                      "AND purpose = :p AND expires_at > :n",
       soci::use(challenge_hash), soci::use(binding), soci::use(purpose), soci::use(at));
  return Affected(st) == 1;
}

}  // namespace lumbung::identity
