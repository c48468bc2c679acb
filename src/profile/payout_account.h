// The account a payout to a member goes to, for the code that pays them: claims (JHT, JKK, JKM,
// JP) and subsidy payments. Every payout to a member MUST read its account through
// PayoutAccountFor and, when `needs_staff_check` is set, hold the payment for a staff check
// instead of paying it automatically. That is how a payout to an account in another person's
// name (saved with the member's confirmation, holder_name.h) or to a number that no longer
// opens is stopped before money leaves the fund.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/config/config.h"
#include "profile/profile_store.h"

namespace soci {
class session;
}

namespace lumbung::profile {

struct PayoutAccount {
  std::string bank_code;                      // a code of the configured bank list
  std::optional<std::string> account_number;  // digits; nullopt when the sealed number does not
                                              // open (another member's row, another key)
  std::string account_last4;
  std::string holder_name;
  std::int64_t updated_at = 0;  // when the member last saved it (seconds since the epoch)
  // The holder is not the member: confirmed so when saved, or the holder's name is not the
  // registry's name of the member as it reads now (the registry corrected a name, or the account
  // was saved before names were compared).
  bool holder_mismatch = false;
  // A payout to this account waits for staff: the holder is not the member, or the number
  // cannot be read.
  bool needs_staff_check = false;
};

// The key account numbers are sealed with (bank.h SealAccountNumber), from security.secret_key.
std::string PayoutAccountKey(const config::Config& config);

// The key of the accounts' fingerprints (bank.h AccountFingerprint), from security.secret_key:
// its own purpose, so that it is never the key that seals the numbers.
std::string AccountFingerprintKey(const config::Config& config);

// Whether a stored account is held by someone other than the member named `registry_name`:
// its confirmed mark, or the names compared now (IsSameHolderName). Pure.
bool IsOtherHolder(const BankAccount& account, std::string_view registry_name);

// The member's payout account as it stands now, or nullopt when they have none (or no registry
// row). `seal_key`: PayoutAccountKey. Reads only; the member id comes from the caller's own
// records (the claim or the subsidy), never from a request.
std::optional<PayoutAccount> PayoutAccountFor(soci::session& sql, std::string_view seal_key,
                                              std::int64_t member_id);

}  // namespace lumbung::profile
