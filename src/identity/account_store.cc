#include "identity/account_store.h"

#include <soci/soci.h>

#include <algorithm>

namespace lumbung::identity {
namespace {

constexpr const char* kColumns =
    "id, role, state, member_id, employer_id, nik, email, username, display_name, "
    "password_hash, lang, email_verified_at, locked_until, must_reset, created_at";

// Into plain variables rather than soci::row: row types follow the declared column types, which
// differ between the two databases (INTEGER PRIMARY KEY is int on SQLite, BIGINT on PostgreSQL).
template <typename T>
std::optional<Account> FindBy(soci::session& sql, const char* column, const T& value) {
  Account a;
  long long id = 0, member_id = 0, employer_id = 0, verified = 0, locked = 0, created = 0;
  int must_reset = 0;
  soci::indicator member_ind, employer_ind, nik_ind, username_ind, hash_ind, verified_ind,
      locked_ind;
  sql << "SELECT " << kColumns << " FROM accounts WHERE " << column << " = :v", soci::into(id),
      soci::into(a.role), soci::into(a.state), soci::into(member_id, member_ind),
      soci::into(employer_id, employer_ind), soci::into(a.nik, nik_ind), soci::into(a.email),
      soci::into(a.username, username_ind), soci::into(a.display_name),
      soci::into(a.password_hash, hash_ind), soci::into(a.lang), soci::into(verified, verified_ind),
      soci::into(locked, locked_ind), soci::into(must_reset), soci::into(created), soci::use(value);
  if (!sql.got_data()) return std::nullopt;
  a.id = id;
  if (member_ind == soci::i_ok) a.member_id = member_id;
  if (employer_ind == soci::i_ok) a.employer_id = employer_id;
  if (nik_ind != soci::i_ok) a.nik.clear();
  if (username_ind != soci::i_ok) a.username.clear();
  if (hash_ind != soci::i_ok) a.password_hash.clear();
  a.email_verified_at = verified_ind == soci::i_ok ? verified : 0;
  a.locked_until = locked_ind == soci::i_ok ? locked : 0;
  a.must_reset = must_reset != 0;
  a.created_at = created;
  return a;
}

}  // namespace

bool IsRole(std::string_view role) {
  return std::find(std::begin(kRoles), std::end(kRoles), role) != std::end(kRoles);
}

bool IsEmployerRole(std::string_view role) {
  return role == kEmployerAdmin || role == kEmployerStaff;
}

std::optional<std::string> NikOfAccount(soci::session& sql, std::int64_t account_id) {
  long long id = account_id;
  std::string own, staff;
  soci::indicator own_ind = soci::i_null, staff_ind = soci::i_null;
  sql << "SELECT a.nik, s.nik FROM accounts a LEFT JOIN staff_niks s ON s.account_id = a.id"
         " WHERE a.id = :id",
      soci::into(own, own_ind), soci::into(staff, staff_ind), soci::use(id);
  if (!sql.got_data()) return std::nullopt;
  if (own_ind == soci::i_ok && !own.empty()) return own;
  if (staff_ind == soci::i_ok && !staff.empty()) return staff;
  return std::nullopt;
}

void SetStaffNik(soci::session& sql, std::int64_t account_id, const std::string& nik) {
  long long id = account_id;
  sql << "DELETE FROM staff_niks WHERE account_id = :id", soci::use(id);
  if (!nik.empty()) {
    sql << "INSERT INTO staff_niks (account_id, nik) VALUES (:id, :n)", soci::use(id),
        soci::use(nik);
  }
}

std::optional<Account> FindAccountById(soci::session& sql, std::int64_t id) {
  return FindBy(sql, "id", static_cast<long long>(id));
}
std::optional<Account> FindAccountByEmail(soci::session& sql, const std::string& email) {
  return FindBy(sql, "email", email);
}
std::optional<Account> FindAccountByUsername(soci::session& sql, const std::string& username) {
  return FindBy(sql, "username", username);
}
std::optional<Account> FindAccountByMember(soci::session& sql, std::int64_t member_id) {
  return FindBy(sql, "member_id", static_cast<long long>(member_id));
}

std::vector<Account> AccountsOfEmployer(soci::session& sql, std::int64_t employer_id) {
  long long employer = employer_id;
  std::vector<long long> ids;
  {
    soci::rowset<long long> rows =
        (sql.prepare << "SELECT id FROM accounts WHERE employer_id = :e ORDER BY CASE WHEN role = "
                        "'employer_admin' THEN 0 ELSE 1 END, display_name, id",
         soci::use(employer));
    for (long long id : rows) ids.push_back(id);
  }
  std::vector<Account> accounts;
  for (long long id : ids) {
    if (auto account = FindAccountById(sql, id)) accounts.push_back(std::move(*account));
  }
  return accounts;
}

std::vector<Account> StaffAccounts(soci::session& sql) {
  std::vector<long long> ids;
  {
    soci::rowset<long long> rows =
        (sql.prepare << "SELECT id FROM accounts WHERE role = 'staff' ORDER BY display_name, id");
    for (long long id : rows) ids.push_back(id);
  }
  std::vector<Account> accounts;
  for (long long id : ids) {
    if (auto account = FindAccountById(sql, id)) accounts.push_back(std::move(*account));
  }
  return accounts;
}

std::optional<Account> FindAccount(soci::session& sql, const Identifier& identifier) {
  switch (identifier.kind) {
    case IdentifierKind::kEmail:
      return FindBy(sql, "email", identifier.value);
    case IdentifierKind::kNik:
      return FindBy(sql, "nik", identifier.value);
    case IdentifierKind::kUsername:
      return FindBy(sql, "username", identifier.value);
  }
  return std::nullopt;
}

std::int64_t InsertAccount(soci::session& sql, const Account& a) {
  long long member_id = a.member_id.value_or(0), employer_id = a.employer_id.value_or(0);
  soci::indicator member_ind = a.member_id ? soci::i_ok : soci::i_null;
  soci::indicator employer_ind = a.employer_id ? soci::i_ok : soci::i_null;
  soci::indicator nik_ind = a.nik.empty() ? soci::i_null : soci::i_ok;
  soci::indicator username_ind = a.username.empty() ? soci::i_null : soci::i_ok;
  soci::indicator hash_ind = a.password_hash.empty() ? soci::i_null : soci::i_ok;
  long long verified = a.email_verified_at, created = a.created_at;
  soci::indicator verified_ind = a.email_verified_at ? soci::i_ok : soci::i_null;
  long long id = 0;
  sql << "INSERT INTO accounts (role, state, member_id, employer_id, nik, email, username, "
         "display_name, password_hash, lang, email_verified_at, password_changed_at, must_reset, "
         "created_at) VALUES (:role, :state, :member_id, :employer_id, :nik, :email, :username, "
         ":display_name, :hash, :lang, :verified, :changed, 0, :created) RETURNING id",
      soci::use(a.role), soci::use(a.state), soci::use(member_id, member_ind),
      soci::use(employer_id, employer_ind), soci::use(a.nik, nik_ind), soci::use(a.email),
      soci::use(a.username, username_ind), soci::use(a.display_name),
      soci::use(a.password_hash, hash_ind), soci::use(a.lang), soci::use(verified, verified_ind),
      soci::use(created, hash_ind), soci::use(created), soci::into(id);
  return id;
}

void SetPasswordHash(soci::session& sql, std::int64_t id, const std::string& hash,
                     std::int64_t now) {
  long long account = id, changed = now;
  sql << "UPDATE accounts SET password_hash = :h, password_changed_at = :t WHERE id = :id",
      soci::use(hash), soci::use(changed), soci::use(account);
}

void SetState(soci::session& sql, std::int64_t id, const std::string& state,
              std::int64_t locked_until) {
  long long account = id, until = locked_until;
  soci::indicator until_ind = locked_until ? soci::i_ok : soci::i_null;
  sql << "UPDATE accounts SET state = :s, locked_until = :u WHERE id = :id", soci::use(state),
      soci::use(until, until_ind), soci::use(account);
}

void SetMustReset(soci::session& sql, std::int64_t id, bool must_reset) {
  long long account = id;
  int flag = must_reset ? 1 : 0;
  sql << "UPDATE accounts SET must_reset = :m WHERE id = :id", soci::use(flag), soci::use(account);
}

void MarkEmailVerified(soci::session& sql, std::int64_t id, std::int64_t now) {
  long long account = id, at = now;
  sql << "UPDATE accounts SET email_verified_at = :t, "
         "state = CASE WHEN state = 'pending' THEN 'active' ELSE state END WHERE id = :id",
      soci::use(at), soci::use(account);
}

void SetEmail(soci::session& sql, std::int64_t id, const std::string& email, std::int64_t now) {
  long long account = id, at = now;
  sql << "UPDATE accounts SET email = :e, email_verified_at = :t WHERE id = :id", soci::use(email),
      soci::use(at), soci::use(account);
}

void SetUsername(soci::session& sql, std::int64_t id, const std::string& username) {
  long long account = id;
  soci::indicator username_ind = username.empty() ? soci::i_null : soci::i_ok;
  sql << "UPDATE accounts SET username = :u WHERE id = :id", soci::use(username, username_ind),
      soci::use(account);
}

void SetLanguage(soci::session& sql, std::int64_t id, const std::string& lang) {
  long long account = id;
  sql << "UPDATE accounts SET lang = :l WHERE id = :id", soci::use(lang), soci::use(account);
}

std::optional<RegistryMember> FindRegistryMember(soci::session& sql, const std::string& nik,
                                                 const std::string& kpj,
                                                 const std::string& birth_date) {
  // Dates compare as text on both databases: ISO dates sort and match as their text.
  RegistryMember m;
  long long id = 0;
  sql << "SELECT id, nik, kpj, full_name FROM members WHERE nik = :nik AND kpj = :kpj AND "
         "CAST(birth_date AS TEXT) = :birth",
      soci::into(id), soci::into(m.nik), soci::into(m.kpj), soci::into(m.full_name), soci::use(nik),
      soci::use(kpj), soci::use(birth_date);
  if (!sql.got_data()) return std::nullopt;
  m.id = id;
  m.birth_date = birth_date;
  return m;
}

}  // namespace lumbung::identity
