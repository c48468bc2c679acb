// The bank account a member's payouts go to: the configured list of banks, checks of
// what the member types, and how the account number is kept (sealed, with only its last four
// digits readable) so that pages, mails and a copy of the database never show it whole.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lumbung::profile {

struct Bank {
  std::string code;  // stored with the account: [a-z0-9_]{2,32}
  std::string name;  // shown to members (a proper name: not translated)
};

// The list of banks (config profile.banks_file): one bank a line, its code, white space, its
// name; blank lines and lines starting with '#' are skipped. Throws std::invalid_argument naming
// the line for a malformed code, a missing name, a code listed twice or an empty list.
std::vector<Bank> ParseBankList(std::string_view text);
// ParseBankList of a file; throws std::runtime_error when it cannot be read.
std::vector<Bank> LoadBankList(const std::filesystem::path& file);
const Bank* FindBank(const std::vector<Bank>& banks, std::string_view code);

inline constexpr std::size_t kMinAccountDigits = 5;
inline constexpr std::size_t kMaxAccountDigits = 20;

enum class AccountNumberProblem { kNone, kEmpty, kNotDigits, kLength };

struct AccountNumberCheck {
  std::string digits;  // the number without spaces and dashes
  AccountNumberProblem problem = AccountNumberProblem::kNone;
};

// An account number as typed ("1234 5678 90", "123-456-7890"): 5..20 digits once spaces and
// dashes are gone.
AccountNumberCheck CheckAccountNumber(std::string_view typed);

// The last four digits of a checked number.
std::string LastFour(std::string_view digits);

// The account number sealed for storage (core/security/secret_box.h, base64url text) with the
// owner's member id inside, so a sealed number moved to another member's row does not open
// there. `key`: 32 bytes from DeriveKey(master, "profile.bank_account").
std::string SealAccountNumber(std::string_view key, std::int64_t member_id,
                              std::string_view digits);
// The number, or nullopt when `sealed` is not this member's or was made with another key.
std::optional<std::string> OpenAccountNumber(std::string_view key, std::int64_t member_id,
                                             std::string_view sealed);

// The account's keyed fingerprint: HMAC-SHA-256 over the bank code and the number, both
// normalised (the code lower-cased and trimmed, the number's spaces and dashes gone, as
// CheckAccountNumber leaves it), as 64 lowercase hex digits. Equal accounts of different members
// have equal fingerprints, so the subsidy's run can count the NIKs sharing one account without
// the number being readable anywhere new; without the key the fingerprint cannot be tested
// against guessed numbers. `key`: 32 bytes from DeriveKey(master, "profile.bank_fingerprint")
// (payout_account.h AccountFingerprintKey). Throws std::invalid_argument for another key size.
std::string AccountFingerprint(std::string_view key, std::string_view bank_code,
                               std::string_view account_number);

}  // namespace lumbung::profile
