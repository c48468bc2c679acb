// The fund's signing keys in the database (table `credential_signing_keys`, migration
// 0051_credentials*.sql), so that every instance signs with the same key and verifiers find
// every key that ever signed a credential still valid.
//
// A key's life:
//   active   signs new credentials; at most one per algorithm (a unique index says so, so two
//            instances starting at once cannot both make one).
//   retired  (retired_at) no longer signs; still published in the JWKS so the credentials it
//            signed keep verifying. Its private key is erased when it retires: nothing needs it.
//   withdrawn (withdrawn_at) compromised: no longer published, so everything it signed stops
//            verifying. A withdrawn key is retired too; when the active key is withdrawn the next
//            LoadKeyRing makes a new one.
//
// Private keys are stored only sealed (secret_box.h) under DeriveKey(master, "credentials.
// signing_key"), with the kid inside the sealed text, so a copy of the database reveals no key
// and a sealed key moved to another row does not open (ASVS 4.0.3 6.4.1, 6.4.2).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/event.h"
#include "credentials/signing_key.h"

namespace soci {
class session;
}

namespace lumbung::credentials {

// The purpose string of the sealing key (security::DeriveKey).
inline constexpr std::string_view kSealPurpose = "credentials.signing_key";

struct KeyRingOptions {
  // LoadKeyRing makes sure each of these has an active key, making it when missing.
  std::vector<Algorithm> algorithms = {Algorithm::kRs256};
  int rsa_bits = kDefaultRsaBits;  // for RSA keys made here
};

// What one request needs of the keys: the active keys (with their private halves) and every
// published public key. A snapshot: load it again (cheap: one query) to see a rotation.
class KeyRing {
 public:
  KeyRing() = default;
  KeyRing(std::vector<SigningKey> active, std::vector<nlohmann::json> published)
      : active_(std::move(active)), published_(std::move(published)) {}

  // The key that signs new credentials with `alg`. Throws std::out_of_range when the ring has
  // none (LoadKeyRing guarantees one for each algorithm of its options).
  const SigningKey& ActiveKey(Algorithm alg = Algorithm::kRs256) const;
  bool HasActiveKey(Algorithm alg) const;

  // {"keys":[public JWK, ...]}: every key not withdrawn, active and retired, newest first.
  // What /.well-known/jwks.json serves, and what VerifyJwt checks against.
  nlohmann::json Jwks() const;

  // The published public JWK with this kid; nullopt when unknown or withdrawn.
  std::optional<nlohmann::json> PublicJwk(std::string_view kid) const;

 private:
  std::vector<SigningKey> active_;
  std::vector<nlohmann::json> published_;
};

// Reads the keys, first making an active key for each algorithm of `options` that has none
// (created_at = now, epoch seconds). Race-safe across threads and instances: a key made by a
// loser of the race is thrown away and everyone uses the winner's. May run inside the caller's
// write transaction (one INSERT ... ON CONFLICT DO NOTHING, then reads) or outside any.
// `master_key`: the 32-byte security::MasterKeyFromConfig. Throws std::runtime_error when an
// active key's private key does not open (security.secret_key changed since it was sealed).
KeyRing LoadKeyRing(soci::session& sql, std::string_view master_key, std::int64_t now,
                    const KeyRingOptions& options = {});

// The published keys only, nothing unsealed ({"keys":[...]}, as KeyRing::Jwks): for
// /.well-known/jwks.json and for checking a credential. Makes no key.
nlohmann::json LoadJwks(soci::session& sql);

// Makes a new active key for `alg` and retires the current one (its public key stays published),
// in its own write transaction with the audit event "credentials.key_rotated" (`audit`: the
// caller fills actor, ip, user agent; the action and details {kid, retired_kid, alg} are set
// here). Returns the new kid. Two rotations at once: one throws (the unique active-key index),
// nothing of it is kept. Must not run inside another transaction.
std::string RotateKey(soci::session& sql, std::string_view master_key, std::int64_t now,
                      audit::Event audit = {}, Algorithm alg = Algorithm::kRs256,
                      int rsa_bits = kDefaultRsaBits);

enum class WithdrawResult { kWithdrawn, kUnknownKid, kAlreadyWithdrawn };

// Marks a compromised key withdrawn (and retired, its private key erased), audited as
// "credentials.key_withdrawn" in its own write transaction. Credentials it signed stop
// verifying at once. Must not run inside another transaction.
WithdrawResult WithdrawKey(soci::session& sql, std::string_view kid, std::int64_t now,
                           audit::Event audit = {});

struct StoredKeyInfo {
  std::string kid;
  Algorithm alg = Algorithm::kRs256;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> retired_at{};
  std::optional<std::int64_t> withdrawn_at{};
};

// Every key, newest first, without any secret: for operators (`lumbung credentials list-keys`).
std::vector<StoredKeyInfo> ListKeys(soci::session& sql);

}  // namespace lumbung::credentials
