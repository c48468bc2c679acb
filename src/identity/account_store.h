// Accounts in the database (table `accounts`, migrations/0010_identity*.sql), and the registry
// look-up that sign-up matches against. Every function runs in the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "identity/identifier.h"

namespace soci {
class session;
}

namespace lumbung::identity {

// Every fund staff account has the role "staff"; what it may do is its staff roles
// (staff_roles.h).
inline constexpr std::string_view kRoles[] = {"member", "employer_admin", "employer_staff",
                                              "staff"};
inline constexpr std::string_view kStaff = "staff";
bool IsRole(std::string_view role);
// The roles that act for an employer (the account's employer_id is set exactly for them):
// employer_admin also manages the employer's accounts, employer_staff does not.
inline constexpr std::string_view kEmployerAdmin = "employer_admin";
inline constexpr std::string_view kEmployerStaff = "employer_staff";
bool IsEmployerRole(std::string_view role);

struct Account {
  std::int64_t id = 0;
  std::string role;
  std::string state;  // pending | active | locked | disabled
  std::optional<std::int64_t> member_id;
  std::optional<std::int64_t> employer_id;
  std::string nik;       // members only
  std::string email;     // lower-case
  std::string username;  // lower-case; empty when none
  std::string display_name;
  std::string password_hash;  // empty until a password is set (invitations)
  std::string lang = "id";
  std::int64_t email_verified_at = 0;
  std::int64_t locked_until = 0;
  bool must_reset = false;
  std::int64_t created_at = 0;
};

std::optional<Account> FindAccountById(soci::session& sql, std::int64_t id);
std::optional<Account> FindAccountByEmail(soci::session& sql, const std::string& email);
std::optional<Account> FindAccountByUsername(soci::session& sql, const std::string& username);
// By whichever kind the identifier is.
std::optional<Account> FindAccount(soci::session& sql, const Identifier& identifier);
std::optional<Account> FindAccountByMember(soci::session& sql, std::int64_t member_id);
// The accounts of an employer (its employer roles), administrators first, then by name.
std::vector<Account> AccountsOfEmployer(soci::session& sql, std::int64_t employer_id);

// The NIK of the person behind an account: a member account's own, or the one recorded for a
// staff account (table staff_niks); nullopt when none is known.
std::optional<std::string> NikOfAccount(soci::session& sql, std::int64_t account_id);
// Records (or, with an empty `nik`, forgets) the NIK of a staff account.
void SetStaffNik(soci::session& sql, std::int64_t account_id, const std::string& nik);

// The fund's staff accounts (role staff), by name.
std::vector<Account> StaffAccounts(soci::session& sql);

// Inserts `account` (id ignored); returns the new id.
std::int64_t InsertAccount(soci::session& sql, const Account& account);

void SetPasswordHash(soci::session& sql, std::int64_t id, const std::string& hash,
                     std::int64_t now);
void SetState(soci::session& sql, std::int64_t id, const std::string& state,
              std::int64_t locked_until = 0);
void SetMustReset(soci::session& sql, std::int64_t id, bool must_reset);
// pending -> active, with the verification time.
void MarkEmailVerified(soci::session& sql, std::int64_t id, std::int64_t now);
void SetEmail(soci::session& sql, std::int64_t id, const std::string& email, std::int64_t now);
// Sets the username (the stored form, NormaliseUsername's), or removes it when empty. The column
// is unique: throws soci::soci_error when another account has it (check FindAccountByUsername
// first; the throw is for two requests taking the same name at the same moment).
void SetUsername(soci::session& sql, std::int64_t id, const std::string& username);
void SetLanguage(soci::session& sql, std::int64_t id, const std::string& lang);

// A registry member as sign-up needs them.
struct RegistryMember {
  std::int64_t id = 0;
  std::string nik, kpj, full_name, birth_date;  // birth_date "YYYY-MM-DD"
};

// The member whose NIK, KPJ and birth date are all these, or nullopt.
std::optional<RegistryMember> FindRegistryMember(soci::session& sql, const std::string& nik,
                                                 const std::string& kpj,
                                                 const std::string& birth_date);

}  // namespace lumbung::identity
