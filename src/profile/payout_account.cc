#include "profile/payout_account.h"

#include "core/security/master_key.h"
#include "core/security/signed_value.h"
#include "profile/bank.h"
#include "profile/holder_name.h"

namespace lumbung::profile {

std::string PayoutAccountKey(const config::Config& config) {
  return security::DeriveKey(security::MasterKeyFromConfig(config), "profile.bank_account");
}

std::string AccountFingerprintKey(const config::Config& config) {
  return security::DeriveKey(security::MasterKeyFromConfig(config), "profile.bank_fingerprint");
}

bool IsOtherHolder(const BankAccount& account, std::string_view registry_name) {
  return account.holder_mismatch || !IsSameHolderName(registry_name, account.holder_name);
}

std::optional<PayoutAccount> PayoutAccountFor(soci::session& sql, std::string_view seal_key,
                                              std::int64_t member_id) {
  const auto stored = LoadBankAccount(sql, member_id);
  if (!stored) return std::nullopt;
  const auto member = LoadRegistryProfile(sql, member_id);
  if (!member) return std::nullopt;
  PayoutAccount out;
  out.bank_code = stored->bank_code;
  out.account_number = OpenAccountNumber(seal_key, member_id, stored->account_sealed);
  out.account_last4 = stored->account_last4;
  out.holder_name = stored->holder_name;
  out.updated_at = stored->updated_at;
  out.holder_mismatch = IsOtherHolder(*stored, member->full_name);
  out.needs_staff_check = out.holder_mismatch || !out.account_number;
  return out;
}

}  // namespace lumbung::profile
