// The staff roles of fund staff accounts (staff_roles.h) on both databases, and migration 0035,
// which made the three staff roles of before (officer, supervisor, administrator) one account
// role `staff` with staff roles, on a database that already held such accounts.
#include "identity/staff_roles.h"

#include <soci/soci.h>

#include <filesystem>
#include <stdexcept>

#include "identity/account_store.h"
#include "identity/identity_db_test_util.h"

namespace lumbung::identity {
namespace {

using test::kT0;

class StaffRolesDbTest : public test::IdentityDbTest {
 protected:
  std::int64_t NewStaff(const std::string& email) {
    Account a;
    a.role = "staff";
    a.state = "active";
    a.email = email;
    a.display_name = "Petugas";
    a.created_at = kT0;
    auto lease = db().Acquire();
    return InsertAccount(lease.session(), a);
  }
};

TEST_P(StaffRolesDbTest, SetGrantsAndRevokesExactlyTheDifference) {
  const std::int64_t admin = NewStaff("admin@lumbung.example");
  const std::int64_t dewi = NewStaff("dewi@lumbung.example");
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  EXPECT_TRUE(StaffRolesOf(sql, dewi).empty());

  auto change = SetStaffRoles(sql, dewi, {"finance", "member_services"}, std::nullopt, kT0);
  EXPECT_EQ(change.granted, (std::vector<std::string>{"member_services", "finance"}));
  EXPECT_TRUE(change.revoked.empty());
  EXPECT_EQ(StaffRolesOf(sql, dewi), (std::vector<std::string>{"member_services", "finance"}))
      << "in the one order pages and mails use";

  change = SetStaffRoles(sql, dewi, {"finance", "content_editor"}, admin, kT0 + 60);
  EXPECT_EQ(change.granted, (std::vector<std::string>{"content_editor"}));
  EXPECT_EQ(change.revoked, (std::vector<std::string>{"member_services"}));
  EXPECT_EQ(StaffRolesOf(sql, dewi), (std::vector<std::string>{"finance", "content_editor"}));
  // A role kept keeps its grant: who and when.
  long long by = -1, at = 0;
  soci::indicator by_ind;
  sql << "SELECT granted_by, granted_at FROM staff_roles WHERE account_id = :a AND role = "
         "'finance'",
      soci::use(static_cast<long long>(dewi)), soci::into(by, by_ind), soci::into(at);
  EXPECT_EQ(by_ind, soci::i_null) << "granted by the command line";
  EXPECT_EQ(at, kT0);
  sql << "SELECT granted_by FROM staff_roles WHERE account_id = :a AND role = 'content_editor'",
      soci::use(static_cast<long long>(dewi)), soci::into(by);
  EXPECT_EQ(by, admin);

  EXPECT_TRUE(SetStaffRoles(sql, dewi, {"content_editor", "finance"}, admin, kT0).empty());
  EXPECT_THROW(SetStaffRoles(sql, dewi, {"finance", "superuser"}, admin, kT0),
               std::invalid_argument);
  EXPECT_EQ(StaffRolesOf(sql, dewi), (std::vector<std::string>{"finance", "content_editor"}))
      << "nothing changed by a list with an unknown role";
  EXPECT_TRUE(StaffRolesOf(sql, admin).empty());
}

TEST_P(StaffRolesDbTest, TheDatabaseRefusesRolesItDoesNotKnow) {
  const std::int64_t dewi = NewStaff("dewi@lumbung.example");
  EXPECT_FALSE(Succeeds([&](soci::session& sql) {
    sql << "INSERT INTO staff_roles (account_id, role, granted_at) VALUES (:a, 'root', 1)",
        soci::use(static_cast<long long>(dewi));
  }));
  EXPECT_FALSE(Succeeds([&](soci::session& sql) {
    sql << "INSERT INTO accounts (role, state, email, display_name, created_at) VALUES "
           "('staff_admin', 'active', 'x@lumbung.example', 'X', 1)";
  })) << "the staff roles of before are no account roles any more";
}

TEST_P(StaffRolesDbTest, StaffAccountsAreListedByName) {
  NewStaff("zul@lumbung.example");
  const std::int64_t member = NewMemberAccount(1);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const auto staff = StaffAccounts(sql);
  ASSERT_EQ(staff.size(), 1u);
  EXPECT_EQ(staff[0].email, "zul@lumbung.example");
  EXPECT_NE(staff[0].id, member);
}

LUMBUNG_INSTANTIATE_DB_TESTS(StaffRolesDbTest);

class StaffRolesMigrationDbTest : public lumbung::testing::DatabaseTest {
 protected:
  void SetUp() override {
    lumbung::testing::DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    before_ = test::MigrationsBefore(35, "0035-" + GetParam());
    ApplyMigrations({before_});
  }
  void TearDown() override {
    lumbung::testing::DatabaseTest::TearDown();
    if (!before_.empty()) std::filesystem::remove_all(before_);
  }
  void Exec(const std::string& statement) {
    auto lease = db().Acquire();
    lease.session() << statement;
  }

 private:
  std::filesystem::path before_;
};

TEST_P(StaffRolesMigrationDbTest, EachStaffRoleOfBeforeBecomesStaffWithTheRolesItImplied) {
  Exec(
      "INSERT INTO accounts (id, role, state, email, display_name, created_at) VALUES "
      "(5, 'staff_officer', 'active', 'officer@lumbung.example', 'Officer', 1690000000), "
      "(6, 'staff_supervisor', 'locked', 'super@lumbung.example', 'Supervisor', 1690000001), "
      "(7, 'staff_admin', 'disabled', 'admin@lumbung.example', 'Admin', 1690000002)");
  Exec(
      "INSERT INTO sessions (id_hash, handle, account_id, csrf_secret, created_at, "
      "last_seen_at, expires_at, ip, user_agent, stage, reauth_at) VALUES ('s1', 'h1', 6, 'c', "
      "1, 2, 3, '127.0.0.1', 'ua', 'full', 2)");
  Exec(
      "INSERT INTO second_factors (id, account_id, kind, name, created_at) VALUES "
      "(3, 7, 'totp', 'Ponsel', 1)");

  ApplyMigrations(test::AllMigrationDirs());

  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  for (long long id : {5LL, 6LL, 7LL}) {
    const auto a = FindAccountById(sql, id);
    ASSERT_TRUE(a) << id;
    EXPECT_EQ(a->role, "staff") << id;
  }
  EXPECT_EQ(FindAccountById(sql, 6)->state, "locked");
  EXPECT_EQ(FindAccountById(sql, 7)->state, "disabled");
  EXPECT_EQ(StaffRolesOf(sql, 5), (std::vector<std::string>{"member_services"}));
  EXPECT_EQ(StaffRolesOf(sql, 6), (std::vector<std::string>{"member_services", "finance"}));
  EXPECT_EQ(StaffRolesOf(sql, 7), (std::vector<std::string>{"administrator"}));
  long long n = 0;
  sql << "SELECT COUNT(*) FROM sessions s JOIN accounts a ON a.id = s.account_id", soci::into(n);
  EXPECT_EQ(n, 1) << "rows pointing at accounts still do";
  sql << "SELECT COUNT(*) FROM second_factors WHERE account_id = 7", soci::into(n);
  EXPECT_EQ(n, 1);
}

LUMBUNG_INSTANTIATE_DB_TESTS(StaffRolesMigrationDbTest);

}  // namespace
}  // namespace lumbung::identity
