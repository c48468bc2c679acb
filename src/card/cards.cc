#include "card/cards.h"

#include <soci/soci.h>

#include "core/audit/audit_log.h"
#include "core/db/transaction.h"

namespace lumbung::card {
namespace {

struct Row {
  std::int64_t id = 0;
  std::int64_t created_at = 0;
  std::string sealed;
};

std::optional<Row> CurrentRow(soci::session& sql, std::int64_t member_id) {
  long long member = member_id, id = 0, created_at = 0;
  std::string sealed;
  sql << "SELECT id, created_at, id_sealed FROM card_tokens "
         "WHERE member_id = :m AND revoked_at IS NULL",
      soci::into(id), soci::into(created_at), soci::into(sealed), soci::use(member);
  if (!sql.got_data()) return std::nullopt;
  return Row{id, created_at, sealed};
}

CurrentCard FromRow(const CardKeys& keys, std::int64_t member_id, const Row& row) {
  CurrentCard card{row.id, row.created_at, std::nullopt};
  if (auto id = OpenId(keys, member_id, row.sealed)) card.token = TokenForId(keys, *id);
  return card;
}

// Marks the card revoked when it is still the member's current one; true when it was.
bool Revoke(soci::session& sql, std::int64_t member_id, std::int64_t card_id, std::int64_t now) {
  long long member = member_id, id = card_id, at = now;
  soci::statement st = (sql.prepare << "UPDATE card_tokens SET revoked_at = :now, id_sealed = NULL "
                                       "WHERE id = :id AND member_id = :m AND revoked_at IS NULL",
                        soci::use(at), soci::use(id), soci::use(member));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

// A new current card for the member; its row and token.
CurrentCard Insert(soci::session& sql, const CardKeys& keys, std::int64_t member_id,
                   std::int64_t now) {
  const std::string id = NewCardId();
  const std::string hash = IdHash(id);
  const std::string sealed = SealId(keys, member_id, id);
  long long member = member_id, at = now, row = 0;
  sql << "INSERT INTO card_tokens (member_id, id_hash, id_sealed, created_at) "
         "VALUES (:m, :h, :s, :at) RETURNING id",
      soci::into(row), soci::use(member), soci::use(hash), soci::use(sealed), soci::use(at);
  return CurrentCard{row, now, TokenForId(keys, id)};
}

}  // namespace

std::optional<CurrentCard> LoadCurrentCard(soci::session& sql, const CardKeys& keys,
                                           std::int64_t member_id) {
  const auto row = CurrentRow(sql, member_id);
  if (!row) return std::nullopt;
  return FromRow(keys, member_id, *row);
}

CurrentCard CreateCard(soci::session& sql, const CardKeys& keys, std::int64_t member_id,
                       std::int64_t now, audit::Event audit) {
  try {
    auto transaction = db::Transaction::ForWriting(sql);
    audit.action = "card.created";
    if (const auto row = CurrentRow(sql, member_id)) {
      CurrentCard current = FromRow(keys, member_id, *row);
      if (current.token) return current;  // already made (a second click): nothing to do
      Revoke(sql, member_id, row->id, now);
      audit.details["replaced"] = "unreadable";
    }
    CurrentCard card = Insert(sql, keys, member_id, now);
    audit::Append(sql, audit);  // last before the commit (audit_log.h)
    transaction.Commit();
    return card;
  } catch (const soci::soci_error&) {
    // PostgreSQL: another request made the member's card at the same moment (the unique index
    // card_tokens_current refused this one). That card is the member's card.
    auto current = LoadCurrentCard(sql, keys, member_id);
    if (!current || !current->token) throw;
    return *current;
  }
}

RenewResult RenewCard(soci::session& sql, const CardKeys& keys, std::int64_t member_id,
                      std::int64_t expected_card_id, std::int64_t now, audit::Event audit) {
  auto transaction = db::Transaction::ForWriting(sql);
  const auto row = CurrentRow(sql, member_id);
  if (!row || row->id != expected_card_id) return RenewResult::kStale;
  // Conditional, so that of two requests racing on PostgreSQL only one replaces the card.
  if (!Revoke(sql, member_id, row->id, now)) return RenewResult::kStale;
  Insert(sql, keys, member_id, now);
  audit.action = "card.renewed";
  audit::Append(sql, audit);
  transaction.Commit();
  return RenewResult::kRenewed;
}

std::optional<VerifiedCard> VerifyCard(soci::session& sql, const CardKeys& keys,
                                       std::string_view token) {
  const auto id = IdFromToken(keys, token);
  if (!id) return std::nullopt;  // forged or damaged: not even a database look-up
  const std::string hash = IdHash(*id);
  long long member = 0, created_at = 0;
  sql << "SELECT member_id, created_at FROM card_tokens WHERE id_hash = :h AND revoked_at IS NULL",
      soci::into(member), soci::into(created_at), soci::use(hash);
  if (!sql.got_data()) return std::nullopt;
  return VerifiedCard{member, created_at};
}

}  // namespace lumbung::card
