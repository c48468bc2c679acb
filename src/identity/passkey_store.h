// Storage of passkeys (tables of migrations/0012_passkeys*.sql): the account's random WebAuthn
// user handle, its registered credentials, and the challenges issued for ceremonies. Every
// function runs in the caller's session (and transaction, if any). Checking what the browser
// sent is core/security/webauthn.h's job; this file only keeps what was accepted.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lumbung::identity {

struct Passkey {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::string credential_id;  // base64url
  std::string public_key;     // base64url of the COSE_Key bytes
  int algorithm = 0;          // COSE algorithm (-7, -8, -257)
  std::int64_t sign_count = 0;
  std::string transports;  // "internal,hybrid" as the browser reported them (informational)
  std::string name;
  std::int64_t created_at = 0;
  std::int64_t last_used_at = 0;  // 0: never
  std::int64_t flagged_at = 0;    // 0: not flagged; else the counter went backwards then
};

// The account's user handle (base64url of 32 random bytes), made on first use.
std::string UserHandleFor(soci::session& sql, std::int64_t account_id);
// The account a user handle belongs to.
std::optional<std::int64_t> AccountOfUserHandle(soci::session& sql, const std::string& handle);

// The account's passkeys, oldest first.
std::vector<Passkey> ListPasskeys(soci::session& sql, std::int64_t account_id);
bool HasPasskey(soci::session& sql, std::int64_t account_id);
// By credential ID (any account: the caller checks the owner).
std::optional<Passkey> FindPasskeyByCredential(soci::session& sql,
                                               const std::string& credential_id);
std::optional<Passkey> FindPasskey(soci::session& sql, std::int64_t account_id, std::int64_t id);

// Stores a new passkey; false when the credential ID is already registered (to anyone).
bool AddPasskey(soci::session& sql, Passkey& passkey);
// Only the owner's passkey; false when it is not theirs or does not exist.
bool RenamePasskey(soci::session& sql, std::int64_t account_id, std::int64_t id,
                   const std::string& name);
bool RemovePasskey(soci::session& sql, std::int64_t account_id, std::int64_t id);
void RemoveAllPasskeys(soci::session& sql, std::int64_t account_id);

// Records a successful use: the new counter and time, only if the stored counter is still
// `seen_count` (compare-and-set), so the same assertion cannot succeed twice concurrently.
bool RecordPasskeyUse(soci::session& sql, std::int64_t id, std::int64_t seen_count,
                      std::int64_t new_count, std::int64_t now);
// The counter went backwards: the passkey is flagged and no longer signs in.
void FlagPasskey(soci::session& sql, std::int64_t id, std::int64_t now);

// Challenges: stored as a hash, bound to the session that asked (binding), for one purpose.
// Putting one replaces the binding's earlier one for the purpose and deletes expired ones.
void PutPasskeyChallenge(soci::session& sql, const std::string& challenge_hash,
                         const std::string& binding, const std::string& purpose,
                         std::int64_t account_id, std::int64_t now, std::int64_t expires_at);
// Deletes the challenge and says whether it was there, unexpired, for this binding and purpose:
// a challenge is used at most once, even by two instances at the same moment.
bool TakePasskeyChallenge(soci::session& sql, const std::string& challenge_hash,
                          const std::string& binding, const std::string& purpose, std::int64_t now);

}  // namespace lumbung::identity
