#include "credentials/key_ring.h"

#include <soci/soci.h>

#include <stdexcept>

#include "core/audit/audit_log.h"
#include "core/db/transaction.h"
#include "core/security/encoding.h"
#include "core/security/secret_box.h"
#include "core/security/signed_value.h"

namespace lumbung::credentials {
namespace {

std::string SealingKey(std::string_view master_key) {
  return security::DeriveKey(master_key, kSealPurpose);
}

// The kid travels inside the sealed text, so a sealed key copied onto another row is refused.
std::string SealPrivateKey(std::string_view sealing_key, const SigningKey& key) {
  return security::Base64UrlEncode(
      security::Seal(sealing_key, key.kid + "\n" + key.private_key_pem));
}

std::string OpenPrivateKey(std::string_view sealing_key, const std::string& kid,
                           const std::string& sealed) {
  auto bytes = security::Base64UrlDecode(sealed);
  auto plain = bytes ? security::Open(sealing_key, *bytes) : std::nullopt;
  if (!plain || plain->size() <= kid.size() || plain->compare(0, kid.size(), kid) != 0 ||
      (*plain)[kid.size()] != '\n') {
    throw std::runtime_error("credentials: the private key of " + kid +
                             " does not open (was security.secret_key changed?)");
  }
  return plain->substr(kid.size() + 1);
}

void InsertKey(soci::session& sql, std::string_view sealing_key, const SigningKey& key,
               std::int64_t now, bool if_no_active) {
  const std::string alg(AlgorithmName(key.alg)), jwk = key.public_jwk.dump(),
                                                 sealed = SealPrivateKey(sealing_key, key);
  long long at = now;
  // The unique index on the active key per algorithm turns a second "first key" into nothing.
  sql << std::string(
             "INSERT INTO credential_signing_keys (kid, alg, public_jwk, "
             "private_key_sealed, created_at) VALUES (:kid, :alg, :jwk, :sealed, :at)") +
             (if_no_active ? " ON CONFLICT DO NOTHING" : ""),
      soci::use(key.kid), soci::use(alg), soci::use(jwk), soci::use(sealed), soci::use(at);
}

bool HasActive(soci::session& sql, Algorithm alg) {
  const std::string name(AlgorithmName(alg));
  long long count = 0;
  sql << "SELECT COUNT(*) FROM credential_signing_keys WHERE alg = :alg AND retired_at IS NULL",
      soci::into(count), soci::use(name);
  return count > 0;
}

Algorithm StoredAlgorithm(const std::string& name) {
  auto alg = ParseAlgorithm(name);
  if (!alg) throw std::runtime_error("credentials: unknown algorithm in the database: " + name);
  return *alg;
}

}  // namespace

const SigningKey& KeyRing::ActiveKey(Algorithm alg) const {
  for (const auto& key : active_) {
    if (key.alg == alg) return key;
  }
  throw std::out_of_range("KeyRing: no active " + std::string(AlgorithmName(alg)) + " key");
}

bool KeyRing::HasActiveKey(Algorithm alg) const {
  for (const auto& key : active_) {
    if (key.alg == alg) return true;
  }
  return false;
}

nlohmann::json KeyRing::Jwks() const {
  nlohmann::json keys = nlohmann::json::array();
  for (const auto& jwk : published_) keys.push_back(jwk);
  return {{"keys", keys}};
}

std::optional<nlohmann::json> KeyRing::PublicJwk(std::string_view kid) const {
  for (const auto& jwk : published_) {
    if (jwk.value("kid", "") == kid) return jwk;
  }
  return std::nullopt;
}

KeyRing LoadKeyRing(soci::session& sql, std::string_view master_key, std::int64_t now,
                    const KeyRingOptions& options) {
  const std::string sealing_key = SealingKey(master_key);
  for (Algorithm alg : options.algorithms) {
    if (!HasActive(sql, alg)) {
      InsertKey(sql, sealing_key, GenerateSigningKey(alg, options.rsa_bits), now,
                /*if_no_active=*/true);
    }
  }
  std::vector<SigningKey> active;
  std::vector<nlohmann::json> published;
  std::string kid, alg, jwk, sealed;
  soci::indicator sealed_ind = soci::i_null, withdrawn_ind = soci::i_null;
  long long withdrawn_at = 0;
  soci::statement select =
      (sql.prepare << "SELECT kid, alg, public_jwk, private_key_sealed, withdrawn_at"
                      " FROM credential_signing_keys ORDER BY created_at DESC, id DESC",
       soci::into(kid), soci::into(alg), soci::into(jwk), soci::into(sealed, sealed_ind),
       soci::into(withdrawn_at, withdrawn_ind));
  select.execute();
  while (select.fetch()) {
    if (withdrawn_ind == soci::i_ok) continue;
    auto public_jwk = nlohmann::json::parse(jwk);
    if (sealed_ind == soci::i_ok) {
      active.push_back(SigningKey{.kid = kid,
                                  .alg = StoredAlgorithm(alg),
                                  .private_key_pem = OpenPrivateKey(sealing_key, kid, sealed),
                                  .public_jwk = public_jwk});
    }
    published.push_back(std::move(public_jwk));
  }
  return KeyRing(std::move(active), std::move(published));
}

nlohmann::json LoadJwks(soci::session& sql) {
  nlohmann::json keys = nlohmann::json::array();
  std::string jwk;
  soci::statement select =
      (sql.prepare << "SELECT public_jwk FROM credential_signing_keys WHERE withdrawn_at IS NULL"
                      " ORDER BY created_at DESC, id DESC",
       soci::into(jwk));
  select.execute();
  while (select.fetch()) keys.push_back(nlohmann::json::parse(jwk));
  return {{"keys", keys}};
}

std::string RotateKey(soci::session& sql, std::string_view master_key, std::int64_t now,
                      audit::Event audit, Algorithm alg, int rsa_bits) {
  // Made before the transaction: an RSA key takes a moment, and nobody should wait for it.
  const SigningKey key = GenerateSigningKey(alg, rsa_bits);
  const std::string name(AlgorithmName(alg));
  auto tx = db::Transaction::ForWriting(sql);
  std::string retired_kid;
  soci::indicator retired_ind = soci::i_null;
  sql << "SELECT kid FROM credential_signing_keys WHERE alg = :alg AND retired_at IS NULL",
      soci::into(retired_kid, retired_ind), soci::use(name);
  long long at = now;
  sql << "UPDATE credential_signing_keys SET retired_at = :at, private_key_sealed = NULL"
         " WHERE alg = :alg AND retired_at IS NULL",
      soci::use(at), soci::use(name);
  InsertKey(sql, SealingKey(master_key), key, now, /*if_no_active=*/false);
  audit.action = "credentials.key_rotated";
  audit.details = {{"kid", key.kid}, {"alg", name}};
  if (retired_ind == soci::i_ok) audit.details["retired_kid"] = retired_kid;
  audit::Append(sql, audit);
  tx.Commit();
  return key.kid;
}

WithdrawResult WithdrawKey(soci::session& sql, std::string_view kid, std::int64_t now,
                           audit::Event audit) {
  const std::string id(kid);
  auto tx = db::Transaction::ForWriting(sql);
  long long withdrawn_at = 0;
  std::string alg;
  soci::indicator withdrawn_ind = soci::i_null;
  sql << "SELECT alg, withdrawn_at FROM credential_signing_keys WHERE kid = :kid", soci::into(alg),
      soci::into(withdrawn_at, withdrawn_ind), soci::use(id);
  if (!sql.got_data()) return WithdrawResult::kUnknownKid;
  if (withdrawn_ind == soci::i_ok) return WithdrawResult::kAlreadyWithdrawn;
  long long at = now, at2 = now;
  sql << "UPDATE credential_signing_keys SET withdrawn_at = :at, retired_at ="
         " COALESCE(retired_at, :at2), private_key_sealed = NULL WHERE kid = :kid",
      soci::use(at), soci::use(at2), soci::use(id);
  audit.action = "credentials.key_withdrawn";
  audit.details = {{"kid", id}, {"alg", alg}};
  audit::Append(sql, audit);
  tx.Commit();
  return WithdrawResult::kWithdrawn;
}

std::vector<StoredKeyInfo> ListKeys(soci::session& sql) {
  std::vector<StoredKeyInfo> out;
  std::string kid, alg;
  long long created_at = 0, retired_at = 0, withdrawn_at = 0;
  soci::indicator retired_ind = soci::i_null, withdrawn_ind = soci::i_null;
  soci::statement select =
      (sql.prepare << "SELECT kid, alg, created_at, retired_at, withdrawn_at"
                      " FROM credential_signing_keys ORDER BY created_at DESC, id DESC",
       soci::into(kid), soci::into(alg), soci::into(created_at),
       soci::into(retired_at, retired_ind), soci::into(withdrawn_at, withdrawn_ind));
  select.execute();
  while (select.fetch()) {
    StoredKeyInfo info{.kid = kid, .alg = StoredAlgorithm(alg), .created_at = created_at};
    if (retired_ind == soci::i_ok) info.retired_at = retired_at;
    if (withdrawn_ind == soci::i_ok) info.withdrawn_at = withdrawn_at;
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace lumbung::credentials
