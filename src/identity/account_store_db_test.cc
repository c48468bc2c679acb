#include "identity/account_store.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "identity/identity_db_test_util.h"

namespace lumbung::identity {
namespace {

using test::kT0;

class AccountStoreDbTest : public test::IdentityDbTest {};

TEST_P(AccountStoreDbTest, InsertsAMemberAccountAndReadsItBack) {
  const std::int64_t member = InsertMember(Nik(1), Kpj(1));
  Account in = MemberAccount(member, 1);
  in.display_name = "Siti Rahayu — Ibu";  // UTF-8 survives both databases
  auto lease = db().Acquire();
  const std::int64_t id = InsertAccount(lease.session(), in);
  EXPECT_GT(id, 0);
  auto out = FindAccountById(lease.session(), id);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->id, id);
  EXPECT_EQ(out->role, "member");
  EXPECT_EQ(out->state, "pending");
  EXPECT_EQ(out->member_id, member);
  EXPECT_FALSE(out->employer_id);
  EXPECT_EQ(out->nik, Nik(1));
  EXPECT_EQ(out->email, in.email);
  EXPECT_EQ(out->username, in.username);
  EXPECT_EQ(out->display_name, "Siti Rahayu — Ibu");
  EXPECT_EQ(out->password_hash, in.password_hash);
  EXPECT_EQ(out->lang, "en");
  EXPECT_EQ(out->email_verified_at, 0);
  EXPECT_EQ(out->locked_until, 0);
  EXPECT_FALSE(out->must_reset);
  EXPECT_EQ(out->created_at, kT0);
  EXPECT_FALSE(FindAccountById(lease.session(), id + 1000));
}

TEST_P(AccountStoreDbTest, FindsByEmailUsernameNikAndMember) {
  NewMemberAccount(1);
  const std::int64_t id = NewMemberAccount(2);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const std::int64_t member = *FindAccountById(sql, id)->member_id;

  EXPECT_EQ(FindAccountByEmail(sql, "anggota2@contoh.co.id")->id, id);
  EXPECT_EQ(FindAccountByUsername(sql, "anggota2")->id, id);
  EXPECT_EQ(FindAccountByMember(sql, member)->id, id);
  // The three forms a member may type all name the same account.
  for (const char* typed :
       {" Anggota2@Contoh.co.id ", "ANGGOTA2", "3374 0145 0890 0002", "3374.0145.0890.0002"}) {
    auto identifier = ParseIdentifier(typed);
    ASSERT_TRUE(identifier) << typed;
    auto found = FindAccount(sql, *identifier);
    ASSERT_TRUE(found) << typed;
    EXPECT_EQ(found->id, id) << typed;
  }
  EXPECT_FALSE(FindAccountByEmail(sql, "nobody@contoh.co.id"));
  EXPECT_FALSE(FindAccountByUsername(sql, "nobody"));
  EXPECT_FALSE(FindAccountByMember(sql, member + 1000));
  EXPECT_FALSE(FindAccount(sql, *ParseIdentifier("3374014508900099")));
  // Identifiers of the wrong kind find nothing: a username that equals someone's NIK cannot exist.
  EXPECT_FALSE(FindAccount(sql, Identifier{IdentifierKind::kUsername, Nik(2)}));
}

TEST_P(AccountStoreDbTest, StaffAccountsHaveNoMemberNikOrUsername) {
  const std::int64_t employer = InsertEmployer();
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  Account staff;
  staff.role = "staff";
  staff.state = "pending";
  staff.email = "admin@lumbung.example";
  staff.display_name = "Admin";
  staff.created_at = kT0;
  const std::int64_t a = InsertAccount(sql, staff);
  Account employer_admin = staff;
  employer_admin.role = "employer_admin";
  employer_admin.email = "hr@contoh.co.id";
  employer_admin.employer_id = employer;
  const std::int64_t b = InsertAccount(sql, employer_admin);  // two NULL usernames and NIKs
  auto found = FindAccountById(sql, a);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->username, "");
  EXPECT_EQ(found->nik, "");
  EXPECT_EQ(found->password_hash, "");  // set later, from the invitation
  EXPECT_FALSE(found->member_id);
  EXPECT_EQ(FindAccountById(sql, b)->employer_id, employer);
  EXPECT_FALSE(FindAccountByUsername(sql, ""));
}

TEST_P(AccountStoreDbTest, EmailUsernameNikAndMemberAreUnique) {
  const std::int64_t first = NewMemberAccount(1);
  const std::int64_t member2 = InsertMember(Nik(2), Kpj(2));
  const std::int64_t member3 = InsertMember(Nik(3), Kpj(3));
  Account existing;
  {
    auto lease = db().Acquire();
    existing = *FindAccountById(lease.session(), first);
  }

  const auto insert_fails = [&](Account a) {
    return !Succeeds([&](soci::session& sql) { InsertAccount(sql, a); });
  };
  Account same_email = MemberAccount(member2, 2);
  same_email.email = existing.email;
  EXPECT_TRUE(insert_fails(same_email));
  Account same_username = MemberAccount(member2, 2);
  same_username.username = existing.username;
  EXPECT_TRUE(insert_fails(same_username));
  Account same_nik = MemberAccount(member2, 2);
  same_nik.nik = existing.nik;
  EXPECT_TRUE(insert_fails(same_nik));
  Account same_member = MemberAccount(member2, 2);
  same_member.member_id = *existing.member_id;
  EXPECT_TRUE(insert_fails(same_member));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM accounts"), 1);

  // And the checks: roles and states are known, members and only members have a member row.
  Account no_member = MemberAccount(member3, 3);
  no_member.member_id.reset();
  EXPECT_TRUE(insert_fails(no_member));
  Account staff_with_member = MemberAccount(member3, 3);
  staff_with_member.role = "staff";
  EXPECT_TRUE(insert_fails(staff_with_member));
  Account bad_role = MemberAccount(member3, 3);
  bad_role.role = "root";
  EXPECT_TRUE(insert_fails(bad_role));
  Account bad_state = MemberAccount(member3, 3);
  bad_state.state = "frozen";
  EXPECT_TRUE(insert_fails(bad_state));
  Account unknown_member = MemberAccount(member3 + 1000, 3);
  EXPECT_TRUE(insert_fails(unknown_member));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM accounts"), 1);

  EXPECT_FALSE(insert_fails(MemberAccount(member3, 3)));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM accounts"), 2);
}

TEST_P(AccountStoreDbTest, SetStateLocksAndUnlocks) {
  const std::int64_t id = NewMemberAccount();
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  SetState(sql, id, "locked", kT0 + 900);
  EXPECT_EQ(FindAccountById(sql, id)->state, "locked");
  EXPECT_EQ(FindAccountById(sql, id)->locked_until, kT0 + 900);
  SetState(sql, id, "active");
  EXPECT_EQ(FindAccountById(sql, id)->state, "active");
  EXPECT_EQ(FindAccountById(sql, id)->locked_until, 0);
  SetState(sql, id, "disabled");
  EXPECT_EQ(FindAccountById(sql, id)->state, "disabled");
  EXPECT_THROW(SetState(sql, id, "gone"), soci::soci_error);
  EXPECT_EQ(FindAccountById(sql, id)->state, "disabled");
}

TEST_P(AccountStoreDbTest, MarkEmailVerifiedActivatesOnlyPendingAccounts) {
  const std::int64_t pending = NewMemberAccount(1);
  const std::int64_t disabled = NewMemberAccount(2);
  const std::int64_t locked = NewMemberAccount(3);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  SetState(sql, disabled, "disabled");
  SetState(sql, locked, "locked", kT0 + 900);
  for (std::int64_t id : {pending, disabled, locked}) MarkEmailVerified(sql, id, kT0 + 60);
  EXPECT_EQ(FindAccountById(sql, pending)->state, "active");
  EXPECT_EQ(FindAccountById(sql, disabled)->state, "disabled");  // staff decided: stays
  EXPECT_EQ(FindAccountById(sql, locked)->state, "locked");
  EXPECT_EQ(FindAccountById(sql, locked)->locked_until, kT0 + 900);
  for (std::int64_t id : {pending, disabled, locked}) {
    EXPECT_EQ(FindAccountById(sql, id)->email_verified_at, kT0 + 60);
  }
}

TEST_P(AccountStoreDbTest, UpdatesPasswordEmailLanguageAndMustReset) {
  const std::int64_t id = NewMemberAccount();
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  SetPasswordHash(sql, id, "$argon2id$v=19$m=19456,t=2,p=1$bmV3c2FsdA$bmV3aGFzaA", kT0 + 5);
  SetMustReset(sql, id, true);
  SetEmail(sql, id, "baru@contoh.co.id", kT0 + 6);
  SetLanguage(sql, id, "id");
  Account a = *FindAccountById(sql, id);
  EXPECT_EQ(a.password_hash, "$argon2id$v=19$m=19456,t=2,p=1$bmV3c2FsdA$bmV3aGFzaA");
  EXPECT_TRUE(a.must_reset);
  EXPECT_EQ(a.email, "baru@contoh.co.id");
  EXPECT_EQ(a.email_verified_at, kT0 + 6);
  EXPECT_EQ(a.lang, "id");
  EXPECT_FALSE(FindAccountByEmail(sql, "anggota1@contoh.co.id"));
  EXPECT_EQ(FindAccountByEmail(sql, "baru@contoh.co.id")->id, id);
  SetMustReset(sql, id, false);
  EXPECT_FALSE(FindAccountById(sql, id)->must_reset);
  // A changed address may not take another account's.
  const std::int64_t other = NewMemberAccount(2);
  EXPECT_THROW(SetEmail(sql, other, "baru@contoh.co.id", kT0), soci::soci_error);
}

TEST_P(AccountStoreDbTest, SetsChangesAndRemovesTheUsername) {
  const std::int64_t id = NewMemberAccount(1);
  const std::int64_t other = NewMemberAccount(2);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();

  SetUsername(sql, id, "budi.santoso");
  EXPECT_EQ(FindAccountById(sql, id)->username, "budi.santoso");
  EXPECT_EQ(FindAccountByUsername(sql, "budi.santoso")->id, id);
  EXPECT_FALSE(FindAccountByUsername(sql, "anggota1")) << "the old name signs in no more";
  // What a member types at sign-in, in any case, finds the new name.
  EXPECT_EQ(FindAccount(sql, *ParseIdentifier(" Budi.Santoso "))->id, id);
  EXPECT_FALSE(FindAccount(sql, *ParseIdentifier("ANGGOTA1")));

  SetUsername(sql, id, "budi_s");
  EXPECT_EQ(FindAccountById(sql, id)->username, "budi_s");
  EXPECT_FALSE(FindAccountByUsername(sql, "budi.santoso"));

  // Removed: the column is NULL (not ""), so any number of accounts may have none.
  SetUsername(sql, id, "");
  SetUsername(sql, other, "");
  EXPECT_EQ(FindAccountById(sql, id)->username, "");
  EXPECT_EQ(FindAccountById(sql, other)->username, "");
  long long without = 0;
  sql << "SELECT COUNT(*) FROM accounts WHERE username IS NULL", soci::into(without);
  EXPECT_EQ(without, 2);
  EXPECT_FALSE(FindAccountByUsername(sql, ""));
  EXPECT_FALSE(FindAccountByUsername(sql, "budi_s"));

  // Another account's name is refused by the unique column (two requests racing for it).
  SetUsername(sql, other, "anggota.dua");
  EXPECT_THROW(SetUsername(sql, id, "anggota.dua"), soci::soci_error);
}

TEST_P(AccountStoreDbTest, FindRegistryMemberNeedsNikKpjAndBirthDateToMatch) {
  const std::int64_t id = InsertMember(Nik(1), Kpj(1), "Budi Santoso", "1985-12-31");
  InsertMember(Nik(2), Kpj(2), "Ani", "1985-12-31");
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  auto m = FindRegistryMember(sql, Nik(1), Kpj(1), "1985-12-31");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->id, id);
  EXPECT_EQ(m->nik, Nik(1));
  EXPECT_EQ(m->kpj, Kpj(1));
  EXPECT_EQ(m->full_name, "Budi Santoso");
  EXPECT_EQ(m->birth_date, "1985-12-31");
  EXPECT_FALSE(FindRegistryMember(sql, Nik(1), Kpj(2), "1985-12-31"));  // someone else's KPJ
  EXPECT_FALSE(FindRegistryMember(sql, Nik(1), Kpj(1), "1985-12-30"));
  EXPECT_FALSE(FindRegistryMember(sql, Nik(1), Kpj(1), "31-12-1985"));
  EXPECT_FALSE(FindRegistryMember(sql, Nik(3), Kpj(1), "1985-12-31"));
  EXPECT_FALSE(FindRegistryMember(sql, "", "", ""));
}

TEST(IsRole, KnowsTheFourRoles) {
  for (const char* role : {"member", "employer_admin", "employer_staff", "staff"}) {
    EXPECT_TRUE(IsRole(role)) << role;
  }
  for (const char* role : {"", "admin", "Member", "staff_", "staff_admin", "administrator"}) {
    EXPECT_FALSE(IsRole(role)) << role;
  }
}

LUMBUNG_INSTANTIATE_DB_TESTS(AccountStoreDbTest);

}  // namespace
}  // namespace lumbung::identity
