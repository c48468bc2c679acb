#include "identity/token_store.h"

#include <soci/soci.h>

#include "core/security/tokens.h"

namespace lumbung::identity {

std::string IssueToken(soci::session& sql, std::int64_t account_id, std::string_view purpose,
                       const std::string& detail, std::int64_t now, std::int64_t ttl_seconds,
                       bool revoke_earlier) {
  if (revoke_earlier) RevokeTokens(sql, account_id, purpose, now);
  const std::string token = security::NewToken(32);
  const std::string hash = security::HashToken(token);
  const std::string kind(purpose);
  long long account = account_id, created = now, expires = now + ttl_seconds;
  sql << "INSERT INTO account_tokens (token_hash, account_id, purpose, detail, created_at, "
         "expires_at) VALUES (:h, :a, :p, :d, :c, :e)",
      soci::use(hash), soci::use(account), soci::use(kind), soci::use(detail), soci::use(created),
      soci::use(expires);
  return token;
}

std::optional<TokenGrant> PeekToken(soci::session& sql, std::string_view token,
                                    std::string_view purpose, std::int64_t now) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  const std::string hash = security::HashToken(token);
  const std::string kind(purpose);
  long long account = 0, at = now;
  TokenGrant grant;
  sql << "SELECT account_id, detail FROM account_tokens WHERE token_hash = :h AND purpose = :p "
         "AND used_at IS NULL AND expires_at > :now",
      soci::into(account), soci::into(grant.detail), soci::use(hash), soci::use(kind),
      soci::use(at);
  if (!sql.got_data()) return std::nullopt;
  grant.account_id = account;
  return grant;
}

std::optional<TokenGrant> ConsumeToken(soci::session& sql, std::string_view token,
                                       std::string_view purpose, std::int64_t now) {
  auto grant = PeekToken(sql, token, purpose, now);
  if (!grant) return std::nullopt;
  const std::string hash = security::HashToken(token);
  long long at = now;
  soci::statement st = (sql.prepare << "UPDATE account_tokens SET used_at = :now WHERE "
                                       "token_hash = :h AND used_at IS NULL",
                        soci::use(at), soci::use(hash));
  st.execute(true);
  if (st.get_affected_rows() != 1) return std::nullopt;
  return grant;
}

std::int64_t LatestTokenIssuedAt(soci::session& sql, std::int64_t account_id,
                                 std::string_view purpose) {
  long long account = account_id, latest = 0;
  soci::indicator ind = soci::i_null;
  const std::string kind(purpose);
  sql << "SELECT MAX(created_at) FROM account_tokens WHERE account_id = :a AND purpose = :p",
      soci::into(latest, ind), soci::use(account), soci::use(kind);
  return ind == soci::i_ok ? latest : 0;
}

bool ConfirmationMailDue(soci::session& sql, std::int64_t account_id, std::int64_t now) {
  const std::int64_t last = LatestTokenIssuedAt(sql, account_id, kVerifyEmail);
  return last == 0 || now - last >= kConfirmationMailSpacingSeconds;
}

std::optional<std::int64_t> TokenOwner(soci::session& sql, std::string_view token,
                                       std::string_view purpose) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  const std::string hash = security::HashToken(token);
  const std::string kind(purpose);
  long long account = 0;
  sql << "SELECT account_id FROM account_tokens WHERE token_hash = :h AND purpose = :p",
      soci::into(account), soci::use(hash), soci::use(kind);
  if (!sql.got_data()) return std::nullopt;
  return account;
}

void RevokeTokens(soci::session& sql, std::int64_t account_id, std::string_view purpose,
                  std::int64_t now) {
  long long account = account_id, at = now;
  if (purpose.empty()) {
    sql << "UPDATE account_tokens SET used_at = :now WHERE account_id = :a AND used_at IS NULL "
           "AND purpose <> 'report'",
        soci::use(at), soci::use(account);
    return;
  }
  const std::string kind(purpose);
  sql << "UPDATE account_tokens SET used_at = :now WHERE account_id = :a AND purpose = :p AND "
         "used_at IS NULL",
      soci::use(at), soci::use(account), soci::use(kind);
}

}  // namespace lumbung::identity
