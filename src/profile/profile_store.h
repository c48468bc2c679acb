// The profile's storage: the registry's row of the member (members), the account's address and
// language (accounts, read only), and the tables of migrations/0023_profile*.sql. Every function
// takes the member or account id the caller got from the session: nothing here accepts an id
// from a request, and every statement names the member, so one member's call can neither read
// nor change another's rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "profile/beneficiaries.h"
#include "profile/contact.h"

namespace soci {
class session;
}

namespace lumbung::profile {

// What the registry holds about a member (src/registry/migrations/0001_registry.sql).
struct RegistryProfile {
  std::string kpj, nik, full_name;
  std::string birth_date;  // YYYY-MM-DD
  std::string sex;         // M | F
  std::string address;
  int province_code = 0;
  std::optional<std::string> phone;
  std::string marital_status;
  std::string registered_on;  // YYYY-MM-DD
  std::string status;         // active | inactive | deceased
};

std::optional<RegistryProfile> LoadRegistryProfile(soci::session& sql, std::int64_t member_id);

// Writes the member's address, phone and marital status (in the caller's transaction).
void UpdateContact(soci::session& sql, std::int64_t member_id, const Contact& contact);

// Where the account's mail goes and in which language (the identity feature's table, read only).
struct AccountAddress {
  std::string email, lang, display_name;
};
std::optional<AccountAddress> LoadAccountAddress(soci::session& sql, std::int64_t account_id);

struct BankAccount {
  std::string bank_code;
  std::string account_sealed;  // bank.h SealAccountNumber
  std::string account_last4;
  std::string holder_name;
  std::int64_t updated_at = 0;
  // The holder's name was not the member's registry name when it was saved, and the member
  // confirmed it (holder_name.h); payouts to it wait for staff (payout_account.h).
  bool holder_mismatch = false;
  // bank.h AccountFingerprint of the bank code and number (AccountFingerprintKey): equal for
  // equal accounts of different members, so shared accounts can be counted; empty for an
  // account saved before fingerprints were kept (NULL in the table) until it is saved again.
  std::string account_fingerprint;
};

std::optional<BankAccount> LoadBankAccount(soci::session& sql, std::int64_t member_id);
// Adds or replaces the member's account (in the caller's transaction).
void SaveBankAccount(soci::session& sql, std::int64_t member_id, const BankAccount& account);

// The member's beneficiaries in the order they were added.
std::vector<Beneficiary> LoadBeneficiaries(soci::session& sql, std::int64_t member_id);

// Makes `list` the member's beneficiaries, in the caller's transaction: rows with an id are
// updated, rows without one are added, stored rows not in `list` are removed. Returns false,
// having written nothing, when an id in `list` is not one of this member's rows (the caller's
// check was bypassed or the list changed meanwhile); the caller then rolls back.
bool ReplaceBeneficiaries(soci::session& sql, std::int64_t member_id,
                          const std::vector<Beneficiary>& list, std::int64_t now);

}  // namespace lumbung::profile
