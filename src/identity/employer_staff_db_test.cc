// Migration 0034 (the role employer_staff, and employer_id set exactly for the employer roles)
// on a database that already holds accounts and rows pointing at them, on both backends; and
// the employer's accounts as AccountsOfEmployer lists them.
#include <soci/soci.h>
#include <unistd.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "identity/account_store.h"
#include "identity/identity_db_test_util.h"
#include "support/test_databases.h"

namespace lumbung::identity {
namespace {

namespace fs = std::filesystem;

constexpr int kEmployerStaffVersion = 34;

using test::AllMigrationDirs;

class EmployerStaffMigrationDbTest : public lumbung::testing::DatabaseTest {
 protected:
  void SetUp() override {
    lumbung::testing::DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    // The schema as it was before 0034: every migration file of an earlier version, copied.
    before_ = test::MigrationsBefore(kEmployerStaffVersion, "0034-" + GetParam());
    ApplyMigrations({before_});
  }
  void TearDown() override {
    lumbung::testing::DatabaseTest::TearDown();
    if (!before_.empty()) fs::remove_all(before_);
  }

  void Exec(const std::string& statement) {
    auto lease = db().Acquire();
    lease.session() << statement;
  }
  long long Count(const std::string& query) {
    auto lease = db().Acquire();
    long long n = -1;
    lease.session() << query, soci::into(n);
    return n;
  }
  bool Refused(const std::string& statement) {
    auto lease = db().Acquire();
    try {
      lease.session() << statement;
      return false;
    } catch (const soci::soci_error&) {
      return true;
    }
  }

 private:
  fs::path before_;
};

TEST_P(EmployerStaffMigrationDbTest, KeepsEveryAccountAndEveryRowPointingAtOne) {
  Exec(
      "INSERT INTO employers (id, npp, name, sector, province_code, jkk_risk_class, "
      "registered_on) VALUES (7, '12345678', 'PT Contoh', 'construction', 31, 4, '2010-01-04')");
  Exec(
      "INSERT INTO members (id, kpj, nik, full_name, birth_date, sex, province_code, "
      "marital_status, registered_on, status) VALUES (5, '10000000003', '3374014508900001', "
      "'Siti Rahayu', '1990-08-05', 'F', 33, 'married', '2015-07-01', 'active')");
  // Ids with gaps, so that a renumbering would show.
  Exec(
      "INSERT INTO accounts (id, role, state, member_id, employer_id, nik, email, username, "
      "display_name, password_hash, lang, email_verified_at, password_changed_at, locked_until, "
      "must_reset, created_at, two_factor_nudge_dismissed_at) VALUES "
      "(11, 'member', 'active', 5, NULL, '3374014508900001', 'siti@contoh.co.id', 'siti', "
      "'Siti Rahayu', '$argon2id$x', 'en', 1700000000, 1700000001, NULL, 0, 1690000000, "
      "1700000002)");
  Exec(
      "INSERT INTO accounts (id, role, state, employer_id, email, display_name, lang, "
      "created_at, locked_until, must_reset) VALUES (23, 'employer_admin', 'locked', 7, "
      "'hr@contoh.co.id', 'Admin HR', 'id', 1690000100, 1800000000, 1)");
  Exec(
      "INSERT INTO accounts (id, role, state, email, display_name, created_at) VALUES "
      "(42, 'staff_admin', 'disabled', 'admin@lumbung.example', 'Admin Dana', 1690000200)");
  // Every table that points at accounts.
  Exec(
      "INSERT INTO sessions (id_hash, handle, account_id, csrf_secret, created_at, "
      "last_seen_at, expires_at, ip, user_agent, stage, reauth_at) VALUES ('s1', 'h1', 11, "
      "'c', 1, 2, 3, '127.0.0.1', 'ua', 'full', 2), ('s2', 'h2', 23, 'c', 1, 2, 3, '::1', 'ua', "
      "'enrol', 0)");
  Exec(
      "INSERT INTO account_tokens (token_hash, account_id, purpose, created_at, expires_at) "
      "VALUES ('t1', 11, 'verify_email', 1, 2), ('t2', 23, 'invitation', 1, 2)");
  Exec(
      "INSERT INTO known_devices (id_hash, account_id, created_at, last_used_at) VALUES "
      "('d1', 11, 1, 2)");
  Exec(
      "INSERT INTO second_factors (id, account_id, kind, name, created_at) VALUES "
      "(3, 23, 'totp', 'Ponsel', 1)");
  Exec("INSERT INTO recovery_codes (account_id, code_hash, created_at) VALUES (23, 'r', 1)");
  Exec(
      "INSERT INTO email_codes (account_id, purpose, code_hash, created_at, expires_at) VALUES "
      "(11, 'sign_in', 'e', 1, 2)");
  Exec(
      "INSERT INTO remembered_browsers (id_hash, handle, account_id, user_agent, created_at, "
      "expires_at, last_used_at) VALUES ('b1', 'bh1', 11, 'ua', 1, 2, 1)");
  Exec("INSERT INTO passkey_users (account_id, user_handle) VALUES (11, 'u1')");
  Exec(
      "INSERT INTO passkeys (account_id, credential_id, public_key, algorithm, name, "
      "created_at) VALUES (11, 'cred1', 'key1', -7, 'Laptop', 1)");
  EXPECT_TRUE(
      Refused("INSERT INTO accounts (role, state, employer_id, email, display_name, "
              "created_at) VALUES ('employer_staff', 'pending', 7, 'x@contoh.co.id', "
              "'X', 1)"))
      << "before 0034 there is no such role";

  ApplyMigrations(AllMigrationDirs());  // only 0034 (and later ones) are pending

  EXPECT_EQ(Count("SELECT COUNT(*) FROM schema_migrations WHERE version = 34"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM accounts"), 3);
  {
    auto lease = db().Acquire();
    soci::session& sql = lease.session();
    const auto member = FindAccountById(sql, 11);
    ASSERT_TRUE(member);
    EXPECT_EQ(member->role, "member");
    EXPECT_EQ(member->member_id, 5);
    EXPECT_EQ(member->nik, "3374014508900001");
    EXPECT_EQ(member->username, "siti");
    EXPECT_EQ(member->password_hash, "$argon2id$x");
    EXPECT_EQ(member->lang, "en");
    EXPECT_EQ(member->email_verified_at, 1700000000);
    EXPECT_EQ(member->created_at, 1690000000);
    const auto admin = FindAccountById(sql, 23);
    ASSERT_TRUE(admin);
    EXPECT_EQ(admin->role, "employer_admin");
    EXPECT_EQ(admin->state, "locked");
    EXPECT_EQ(admin->employer_id, 7);
    EXPECT_EQ(admin->locked_until, 1800000000);
    EXPECT_TRUE(admin->must_reset);
    EXPECT_EQ(FindAccountById(sql, 42)->state, "disabled");
  }
  EXPECT_EQ(Count("SELECT two_factor_nudge_dismissed_at FROM accounts WHERE id = 11"), 1700000002);
  EXPECT_EQ(Count("SELECT password_changed_at FROM accounts WHERE id = 11"), 1700000001);
  // The rows that point at accounts are all there, still pointing at the same ones.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sessions s JOIN accounts a ON a.id = s.account_id"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM account_tokens t JOIN accounts a ON a.id = t.account_id"),
            2);
  EXPECT_EQ(Count("SELECT account_id FROM known_devices"), 11);
  EXPECT_EQ(Count("SELECT account_id FROM second_factors"), 23);
  EXPECT_EQ(Count("SELECT account_id FROM recovery_codes"), 23);
  EXPECT_EQ(Count("SELECT account_id FROM email_codes"), 11);
  EXPECT_EQ(Count("SELECT account_id FROM remembered_browsers"), 11);
  EXPECT_EQ(Count("SELECT account_id FROM passkey_users"), 11);
  EXPECT_EQ(Count("SELECT account_id FROM passkeys"), 11);
  if (dialect() == db::Dialect::kSqlite) {
    auto lease = db().Acquire();
    soci::session& sql = lease.session();
    // PRAGMA foreign_key_check lists every row whose parent is missing: none.
    soci::rowset<soci::row> violations = sql.prepare << "PRAGMA foreign_key_check";
    int count = 0;
    for (const auto& row : violations) {
      (void)row;
      ++count;
    }
    EXPECT_EQ(count, 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'accounts%' AND "
                    "type = 'table'"),
              1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM sqlite_temp_master"), 0);
  }
  // Foreign keys still hold against the new table.
  EXPECT_TRUE(
      Refused("INSERT INTO sessions (id_hash, handle, account_id, csrf_secret, "
              "created_at, last_seen_at, expires_at, ip, user_agent) VALUES ('s9', 'h9', "
              "999, 'c', 1, 2, 3, 'ip', 'ua')"));
  EXPECT_TRUE(Refused("DELETE FROM accounts WHERE id = 11"));
  // The checks: employer_staff exists, both employer roles need an employer, no other role
  // has one, a member still needs a member.
  Exec(
      "INSERT INTO accounts (role, state, employer_id, email, display_name, created_at) VALUES "
      "('employer_staff', 'pending', 7, 'staf@contoh.co.id', 'Staf', 1)");
  EXPECT_TRUE(
      Refused("INSERT INTO accounts (role, state, email, display_name, created_at) "
              "VALUES ('employer_staff', 'pending', 'a@contoh.co.id', 'A', 1)"));
  EXPECT_TRUE(
      Refused("INSERT INTO accounts (role, state, email, display_name, created_at) "
              "VALUES ('employer_admin', 'pending', 'b@contoh.co.id', 'B', 1)"));
  EXPECT_TRUE(
      Refused("INSERT INTO accounts (role, state, employer_id, email, display_name, "
              "created_at) VALUES ('staff_officer', 'pending', 7, 'c@contoh.co.id', 'C', "
              "1)"));
  EXPECT_TRUE(
      Refused("INSERT INTO accounts (role, state, email, display_name, created_at) "
              "VALUES ('member', 'pending', 'd@contoh.co.id', 'D', 1)"));
  EXPECT_TRUE(
      Refused("INSERT INTO accounts (role, state, email, display_name, created_at) "
              "VALUES ('employer_owner', 'pending', 'e@contoh.co.id', 'E', 1)"));
  EXPECT_TRUE(
      Refused("INSERT INTO accounts (role, state, employer_id, email, display_name, "
              "created_at) VALUES ('employer_staff', 'pending', 7, 'hr@contoh.co.id', "
              "'Dup', 1)"))
      << "e-mail addresses stay unique";
  if (dialect() == db::Dialect::kSqlite) {
    // New ids follow the highest one kept (the rows came back with their own).
    EXPECT_GT(Count("SELECT id FROM accounts WHERE email = 'staf@contoh.co.id'"), 42);
  }
}

LUMBUNG_INSTANTIATE_DB_TESTS(EmployerStaffMigrationDbTest);

class EmployerAccountsDbTest : public test::IdentityDbTest {};

TEST_P(EmployerAccountsDbTest, AnEmployersAccountsAdministratorsFirstThenByName) {
  const std::int64_t employer = InsertEmployer("11111111");
  const std::int64_t other = InsertEmployer("22222222");
  const std::int64_t member = NewMemberAccount(1);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const auto add = [&](const std::string& role, const std::string& name, std::int64_t at) {
    Account a;
    a.role = role;
    a.state = "pending";
    a.employer_id = at;
    a.email = name + "@contoh.co.id";
    a.display_name = name;
    a.created_at = test::kT0;
    return InsertAccount(sql, a);
  };
  const std::int64_t zed = add("employer_staff", "zed", employer);
  const std::int64_t admin = add("employer_admin", "yusuf", employer);
  const std::int64_t ani = add("employer_staff", "ani", employer);
  add("employer_staff", "budi", other);
  add("employer_admin", "citra", other);
  std::vector<std::int64_t> ids;
  for (const Account& a : AccountsOfEmployer(sql, employer)) ids.push_back(a.id);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{admin, ani, zed}));
  EXPECT_TRUE(AccountsOfEmployer(sql, other + 100).empty());
  EXPECT_EQ(FindAccountById(sql, member)->employer_id, std::nullopt);
}

TEST(EmployerRoles, TwoRolesActForAnEmployer) {
  EXPECT_TRUE(IsRole("employer_staff"));
  EXPECT_TRUE(IsEmployerRole("employer_admin"));
  EXPECT_TRUE(IsEmployerRole("employer_staff"));
  for (const char* role : {"member", "staff_officer", "staff_admin", "", "employer_"}) {
    EXPECT_FALSE(IsEmployerRole(role)) << role;
  }
}

LUMBUNG_INSTANTIATE_DB_TESTS(EmployerAccountsDbTest);

}  // namespace
}  // namespace lumbung::identity
