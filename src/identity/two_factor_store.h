// Second factors in the database (migrations/0011_two_factor*.sql): authenticator apps (TOTP),
// the e-mail code method, recovery codes, the live e-mail codes and remembered browsers. Secrets
// arrive here already sealed or hashed; nothing in this file sees a plaintext TOTP secret or a
// recovery code. Every function runs in the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace lumbung::identity {

struct SecondFactor {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::string kind;           // "totp" | "email"
  std::string name;           // the member's name for it ("Phone")
  std::string secret_sealed;  // totp only
  std::int64_t last_step = -1;
  bool confirmed = false;
  std::int64_t created_at = 0, last_used_at = 0;
};

// Confirmed factors of the account, oldest first.
std::vector<SecondFactor> ListSecondFactors(soci::session& sql, std::int64_t account_id);
bool HasSecondFactor(soci::session& sql, std::int64_t account_id);
// The account's factor with this id, confirmed or not.
std::optional<SecondFactor> FindSecondFactor(soci::session& sql, std::int64_t account_id,
                                             std::int64_t id);

// The account's unfinished enrolment of `kind`, if any.
std::optional<SecondFactor> FindUnconfirmedFactor(soci::session& sql, std::int64_t account_id,
                                                  const std::string& kind);
// Starts an enrolment: drops the account's unfinished ones of `kind`, inserts an unconfirmed
// factor, returns its id.
std::int64_t AddUnconfirmedFactor(soci::session& sql, std::int64_t account_id,
                                  const std::string& kind, const std::string& name,
                                  const std::string& secret_sealed, std::int64_t now);
void ConfirmFactor(soci::session& sql, std::int64_t id, std::int64_t now);
void RenameFactor(soci::session& sql, std::int64_t account_id, std::int64_t id,
                  const std::string& name);
// Returns false when the account has no such factor.
bool RemoveFactor(soci::session& sql, std::int64_t account_id, std::int64_t id);

// Records that `step` of a TOTP factor was used; false when that step or a later one was
// used already (a replay, also when two instances race: the update is conditional).
bool TakeTotpStep(soci::session& sql, std::int64_t id, std::int64_t step, std::int64_t now);
void TouchFactor(soci::session& sql, std::int64_t id, std::int64_t now);

// Recovery codes: replaces all of the account's codes with these hashes.
void ReplaceRecoveryCodes(soci::session& sql, std::int64_t account_id,
                          const std::vector<std::string>& hashes, std::int64_t now);
struct StoredRecoveryCode {
  std::int64_t id = 0;
  std::string code_hash;
};
std::vector<StoredRecoveryCode> UnusedRecoveryCodes(soci::session& sql, std::int64_t account_id);
// Marks the code used; false when it was used already (of two racing requests, one wins).
bool UseRecoveryCode(soci::session& sql, std::int64_t id, std::int64_t now);

// E-mail codes: one live code per account and purpose.
struct EmailCode {
  std::string code_hash;
  std::int64_t created_at = 0, expires_at = 0;
  int attempts = 0;
};
void PutEmailCode(soci::session& sql, std::int64_t account_id, const std::string& purpose,
                  const std::string& code_hash, std::int64_t now, std::int64_t expires_at);
std::optional<EmailCode> FindEmailCode(soci::session& sql, std::int64_t account_id,
                                       const std::string& purpose);
void CountEmailCodeAttempt(soci::session& sql, std::int64_t account_id, const std::string& purpose);
// Deletes the code; false when it was gone already (used by a racing request).
bool DeleteEmailCode(soci::session& sql, std::int64_t account_id, const std::string& purpose);

// Remembered browsers.
struct RememberedBrowser {
  std::string id_hash, handle;
  std::int64_t account_id = 0;
  std::string user_agent;
  std::int64_t created_at = 0, expires_at = 0, last_used_at = 0;
};
void RememberBrowser(soci::session& sql, const std::string& id_hash, std::int64_t account_id,
                     const std::string& user_agent, std::int64_t now, std::int64_t expires_at);
// The live (unexpired) remembered browser with this id hash for the account.
std::optional<RememberedBrowser> FindRememberedBrowser(soci::session& sql,
                                                       const std::string& id_hash,
                                                       std::int64_t account_id, std::int64_t now);
void TouchRememberedBrowser(soci::session& sql, const std::string& id_hash, std::int64_t now);
std::vector<RememberedBrowser> ListRememberedBrowsers(soci::session& sql, std::int64_t account_id,
                                                      std::int64_t now);
// By handle ("" forgets all of the account's); returns how many were forgotten.
int ForgetRememberedBrowsers(soci::session& sql, std::int64_t account_id,
                             const std::string& handle);

// Everything second-factor about the account: for "lose every factor" (staff reset) and for a
// member turning two-factor off.
void RemoveAllSecondFactors(soci::session& sql, std::int64_t account_id);

}  // namespace lumbung::identity
