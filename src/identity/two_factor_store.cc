#include "identity/two_factor_store.h"

#include <soci/soci.h>

#include "core/audit/event.h"
#include "core/security/tokens.h"

namespace lumbung::identity {
namespace {

constexpr const char* kFactorColumns =
    "id, account_id, kind, name, secret_sealed, last_step, confirmed, created_at, last_used_at";

// Runs a prepared DELETE/UPDATE and says how many rows it touched.
long long Affected(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows();
}

// The account's factors: confirmed ones only, or the one with `id` (0: all), oldest first.
std::vector<SecondFactor> SelectFactors(soci::session& sql, std::int64_t account_id,
                                        std::int64_t id) {
  std::vector<SecondFactor> out;
  SecondFactor f;
  long long factor_id = 0, account = 0, owner = account_id, wanted = id, step = 0, created = 0,
            used = 0;
  int confirmed = 0;
  soci::indicator used_ind;
  soci::statement st =
      (sql.prepare << "SELECT " << kFactorColumns
                   << " FROM second_factors WHERE account_id = :a AND ((:w1 = 0 AND confirmed = 1) "
                      "OR id = :w2) ORDER BY id",
       soci::into(factor_id), soci::into(account), soci::into(f.kind), soci::into(f.name),
       soci::into(f.secret_sealed), soci::into(step), soci::into(confirmed), soci::into(created),
       soci::into(used, used_ind), soci::use(owner), soci::use(wanted), soci::use(wanted));
  st.execute();
  while (st.fetch()) {
    f.id = factor_id;
    f.account_id = account;
    f.last_step = step;
    f.confirmed = confirmed != 0;
    f.created_at = created;
    f.last_used_at = used_ind == soci::i_ok ? used : 0;
    out.push_back(f);
  }
  return out;
}

}  // namespace

std::vector<SecondFactor> ListSecondFactors(soci::session& sql, std::int64_t account_id) {
  return SelectFactors(sql, account_id, 0);
}

bool HasSecondFactor(soci::session& sql, std::int64_t account_id) {
  long long account = account_id, count = 0;
  sql << "SELECT COUNT(*) FROM second_factors WHERE account_id = :a AND confirmed = 1",
      soci::use(account), soci::into(count);
  return count > 0;
}

std::optional<SecondFactor> FindSecondFactor(soci::session& sql, std::int64_t account_id,
                                             std::int64_t id) {
  if (id <= 0) return std::nullopt;
  auto found = SelectFactors(sql, account_id, id);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<SecondFactor> FindUnconfirmedFactor(soci::session& sql, std::int64_t account_id,
                                                  const std::string& kind) {
  long long account = account_id, id = 0;
  sql << "SELECT id FROM second_factors WHERE account_id = :a AND kind = :k AND confirmed = 0 "
         "ORDER BY id DESC LIMIT 1",
      soci::use(account), soci::use(kind), soci::into(id);
  if (!sql.got_data()) return std::nullopt;
  return FindSecondFactor(sql, account_id, id);
}

std::int64_t AddUnconfirmedFactor(soci::session& sql, std::int64_t account_id,
                                  const std::string& kind, const std::string& name,
                                  const std::string& secret_sealed, std::int64_t now) {
  long long account = account_id, created = now, id = 0;
  sql << "DELETE FROM second_factors WHERE account_id = :a AND kind = :k AND confirmed = 0",
      soci::use(account), soci::use(kind);
  sql << "INSERT INTO second_factors (account_id, kind, name, secret_sealed, created_at) "
         "VALUES (:a, :k, :n, :s, :c) RETURNING id",
      soci::use(account), soci::use(kind), soci::use(name), soci::use(secret_sealed),
      soci::use(created), soci::into(id);
  return id;
}

void ConfirmFactor(soci::session& sql, std::int64_t id, std::int64_t now) {
  long long factor = id, at = now;
  sql << "UPDATE second_factors SET confirmed = 1, created_at = :c WHERE id = :i", soci::use(at),
      soci::use(factor);
}

void RenameFactor(soci::session& sql, std::int64_t account_id, std::int64_t id,
                  const std::string& name) {
  long long account = account_id, factor = id;
  sql << "UPDATE second_factors SET name = :n WHERE account_id = :a AND id = :i", soci::use(name),
      soci::use(account), soci::use(factor);
}

bool RemoveFactor(soci::session& sql, std::int64_t account_id, std::int64_t id) {
  long long account = account_id, factor = id;
  soci::statement st =
      (sql.prepare << "DELETE FROM second_factors WHERE account_id = :a AND id = :i",
       soci::use(account), soci::use(factor));
  return Affected(st) > 0;
}

bool TakeTotpStep(soci::session& sql, std::int64_t id, std::int64_t step, std::int64_t now) {
  long long factor = id, s = step, at = now;
  soci::statement st =
      (sql.prepare << "UPDATE second_factors SET last_step = :s, last_used_at = :u WHERE id = :i "
                      "AND last_step < :s2",
       soci::use(s), soci::use(at), soci::use(factor), soci::use(s));
  return Affected(st) == 1;
}

void TouchFactor(soci::session& sql, std::int64_t id, std::int64_t now) {
  long long factor = id, at = now;
  sql << "UPDATE second_factors SET last_used_at = :u WHERE id = :i", soci::use(at),
      soci::use(factor);
}

void ReplaceRecoveryCodes(soci::session& sql, std::int64_t account_id,
                          const std::vector<std::string>& hashes, std::int64_t now) {
  long long account = account_id, created = now;
  sql << "DELETE FROM recovery_codes WHERE account_id = :a", soci::use(account);
  // One statement per row: SOCI re-executing a vector-bound statement is not safe on
  // PostgreSQL (see README), and ten rows do not need a bulk path.
  for (const auto& hash : hashes) {
    sql << "INSERT INTO recovery_codes (account_id, code_hash, created_at) VALUES (:a, :h, :c)",
        soci::use(account), soci::use(hash), soci::use(created);
  }
}

std::vector<StoredRecoveryCode> UnusedRecoveryCodes(soci::session& sql, std::int64_t account_id) {
  std::vector<StoredRecoveryCode> out;
  long long account = account_id, id = 0;
  std::string hash;
  soci::statement st =
      (sql.prepare << "SELECT id, code_hash FROM recovery_codes WHERE account_id = :a AND "
                      "used_at IS NULL ORDER BY id",
       soci::use(account), soci::into(id), soci::into(hash));
  st.execute();
  while (st.fetch()) out.push_back({id, hash});
  return out;
}

bool UseRecoveryCode(soci::session& sql, std::int64_t id, std::int64_t now) {
  long long code = id, at = now;
  soci::statement st = (sql.prepare << "UPDATE recovery_codes SET used_at = :u WHERE id = :i AND "
                                       "used_at IS NULL",
                        soci::use(at), soci::use(code));
  return Affected(st) == 1;
}

void PutEmailCode(soci::session& sql, std::int64_t account_id, const std::string& purpose,
                  const std::string& code_hash, std::int64_t now, std::int64_t expires_at) {
  long long account = account_id, created = now, expires = expires_at;
  sql << "INSERT INTO email_codes (account_id, purpose, code_hash, created_at, expires_at, "
         "attempts) VALUES (:a, :p, :h, :c, :e, 0) ON CONFLICT (account_id, purpose) DO UPDATE "
         "SET code_hash = excluded.code_hash, created_at = excluded.created_at, expires_at = "
         "excluded.expires_at, attempts = 0",
      soci::use(account), soci::use(purpose), soci::use(code_hash), soci::use(created),
      soci::use(expires);
}

std::optional<EmailCode> FindEmailCode(soci::session& sql, std::int64_t account_id,
                                       const std::string& purpose) {
  EmailCode c;
  long long account = account_id, created = 0, expires = 0;
  sql << "SELECT code_hash, created_at, expires_at, attempts FROM email_codes WHERE account_id = "
         ":a AND purpose = :p",
      soci::use(account), soci::use(purpose), soci::into(c.code_hash), soci::into(created),
      soci::into(expires), soci::into(c.attempts);
  if (!sql.got_data()) return std::nullopt;
  c.created_at = created;
  c.expires_at = expires;
  return c;
}

void CountEmailCodeAttempt(soci::session& sql, std::int64_t account_id,
                           const std::string& purpose) {
  long long account = account_id;
  sql << "UPDATE email_codes SET attempts = attempts + 1 WHERE account_id = :a AND purpose = :p",
      soci::use(account), soci::use(purpose);
}

bool DeleteEmailCode(soci::session& sql, std::int64_t account_id, const std::string& purpose) {
  long long account = account_id;
  soci::statement st =
      (sql.prepare << "DELETE FROM email_codes WHERE account_id = :a AND purpose = :p",
       soci::use(account), soci::use(purpose));
  return Affected(st) == 1;
}

void RememberBrowser(soci::session& sql, const std::string& id_hash, std::int64_t account_id,
                     const std::string& user_agent, std::int64_t now, std::int64_t expires_at) {
  long long account = account_id, created = now, expires = expires_at;
  const std::string handle = security::NewToken(16);
  const std::string agent = audit::CleanText(user_agent, 512);
  sql << "INSERT INTO remembered_browsers (id_hash, handle, account_id, user_agent, created_at, "
         "expires_at, last_used_at) VALUES (:h, :handle, :a, :ua, :c, :e, :u)",
      soci::use(id_hash), soci::use(handle), soci::use(account), soci::use(agent),
      soci::use(created), soci::use(expires), soci::use(created);
}

namespace {

// The account's live remembered browsers; only the one with `id_hash` unless it is "".
std::vector<RememberedBrowser> SelectBrowsers(soci::session& sql, std::int64_t account_id,
                                              const std::string& id_hash, std::int64_t now) {
  std::vector<RememberedBrowser> out;
  RememberedBrowser b;
  long long account = 0, owner = account_id, at = now, created = 0, expires = 0, used = 0;
  soci::statement st =
      (sql.prepare << "SELECT id_hash, handle, account_id, user_agent, created_at, expires_at, "
                      "last_used_at FROM remembered_browsers WHERE account_id = :a AND "
                      "expires_at > :n AND (:h1 = '' OR id_hash = :h2) ORDER BY last_used_at DESC",
       soci::into(b.id_hash), soci::into(b.handle), soci::into(account), soci::into(b.user_agent),
       soci::into(created), soci::into(expires), soci::into(used), soci::use(owner), soci::use(at),
       soci::use(id_hash), soci::use(id_hash));
  st.execute();
  while (st.fetch()) {
    b.account_id = account;
    b.created_at = created;
    b.expires_at = expires;
    b.last_used_at = used;
    out.push_back(b);
  }
  return out;
}

}  // namespace

std::optional<RememberedBrowser> FindRememberedBrowser(soci::session& sql,
                                                       const std::string& id_hash,
                                                       std::int64_t account_id, std::int64_t now) {
  if (id_hash.empty()) return std::nullopt;
  auto found = SelectBrowsers(sql, account_id, id_hash, now);
  if (found.empty()) return std::nullopt;
  return found.front();
}

void TouchRememberedBrowser(soci::session& sql, const std::string& id_hash, std::int64_t now) {
  long long at = now;
  sql << "UPDATE remembered_browsers SET last_used_at = :u WHERE id_hash = :h", soci::use(at),
      soci::use(id_hash);
}

std::vector<RememberedBrowser> ListRememberedBrowsers(soci::session& sql, std::int64_t account_id,
                                                      std::int64_t now) {
  return SelectBrowsers(sql, account_id, "", now);
}

int ForgetRememberedBrowsers(soci::session& sql, std::int64_t account_id,
                             const std::string& handle) {
  long long account = account_id;
  if (handle.empty()) {
    soci::statement st = (sql.prepare << "DELETE FROM remembered_browsers WHERE account_id = :a",
                          soci::use(account));
    return static_cast<int>(Affected(st));
  }
  soci::statement st =
      (sql.prepare << "DELETE FROM remembered_browsers WHERE account_id = :a AND handle = :h",
       soci::use(account), soci::use(handle));
  return static_cast<int>(Affected(st));
}

void RemoveAllSecondFactors(soci::session& sql, std::int64_t account_id) {
  long long account = account_id;
  sql << "DELETE FROM second_factors WHERE account_id = :a", soci::use(account);
  sql << "DELETE FROM recovery_codes WHERE account_id = :a", soci::use(account);
  sql << "DELETE FROM email_codes WHERE account_id = :a", soci::use(account);
  sql << "DELETE FROM remembered_browsers WHERE account_id = :a", soci::use(account);
}

}  // namespace lumbung::identity
