#include "identity/member_directory.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <string>

#include "identity/identity_db_test_util.h"

namespace lumbung::identity {
namespace {

using test::kT0;

class MemberDirectoryDbTest : public test::IdentityDbTest {
 protected:
  MemberQuery Q(std::string_view typed) {
    const auto check = ClassifyMemberQuery(typed);
    EXPECT_TRUE(check.query) << typed;
    return check.query.value_or(MemberQuery{});
  }
  MemberMatches Find(std::string_view typed, int limit = 50) {
    auto lease = db().Acquire();
    return FindMembers(lease.session(), Q(typed), limit);
  }
  std::int64_t StaffAccount() {
    Account a;
    a.role = "staff";
    a.state = "active";
    a.email = "petugas@dana.id";
    a.display_name = "Petugas";
    a.created_at = kT0;
    auto lease = db().Acquire();
    return InsertAccount(lease.session(), a);
  }
};

TEST_P(MemberDirectoryDbTest, FindsByNikAndKpjExactlyWithTheAccountWhenThereIsOne) {
  const std::int64_t account = NewMemberAccount(1);
  const std::int64_t without = InsertMember(Nik(2), Kpj(2), "Budi Santoso", "1985-01-31");
  auto by_nik = Find(Nik(1));
  ASSERT_EQ(by_nik.rows.size(), 1u);
  EXPECT_FALSE(by_nik.more);
  EXPECT_EQ(by_nik.rows[0].kpj, Kpj(1));
  ASSERT_TRUE(by_nik.rows[0].account_id);
  EXPECT_EQ(*by_nik.rows[0].account_id, account);
  EXPECT_EQ(by_nik.rows[0].account_state, "pending");
  EXPECT_EQ(by_nik.rows[0].email, "anggota1@contoh.co.id");
  EXPECT_EQ(by_nik.rows[0].birth_date, "1990-08-05");
  EXPECT_EQ(by_nik.rows[0].status, "active");

  auto by_kpj = Find(Kpj(2));
  ASSERT_EQ(by_kpj.rows.size(), 1u);
  EXPECT_EQ(by_kpj.rows[0].member_id, without);
  EXPECT_FALSE(by_kpj.rows[0].account_id) << "a member without a portal account is found too";
  EXPECT_EQ(by_kpj.rows[0].account_state, "");
  EXPECT_EQ(by_kpj.rows[0].birth_date, "1985-01-31");
  EXPECT_EQ(by_kpj.rows[0].full_name, "Budi Santoso");

  EXPECT_TRUE(Find("3374014508900099").rows.empty());
  EXPECT_TRUE(Find(Nik(1).substr(0, 11)).rows.empty()) << "11 digits of a NIK are a KPJ query";
}

TEST_P(MemberDirectoryDbTest, FindsByTheAccountsAddressOrTheRegistrysIgnoringCase) {
  NewMemberAccount(1);
  const std::int64_t registry_only = InsertMember(Nik(3), Kpj(3), "Dewi Lestari");
  {
    auto lease = db().Acquire();
    const long long id = registry_only;
    lease.session() << "UPDATE members SET email = 'Dewi.L@Contoh.co.id' WHERE id = :id",
        soci::use(id);
  }
  auto account = Find("ANGGOTA1@contoh.co.id");
  ASSERT_EQ(account.rows.size(), 1u);
  EXPECT_EQ(account.rows[0].kpj, Kpj(1));
  auto registry = Find("dewi.l@contoh.co.id");
  ASSERT_EQ(registry.rows.size(), 1u);
  EXPECT_EQ(registry.rows[0].member_id, registry_only);
  EXPECT_EQ(registry.rows[0].email, "Dewi.L@Contoh.co.id");
  EXPECT_TRUE(Find("anggota@contoh.co.id").rows.empty()) << "never a part of an address";
}

TEST_P(MemberDirectoryDbTest, FindsANameAnywhereIgnoringCaseByNameThenId) {
  InsertMember(Nik(1), Kpj(1), "Siti Rahayu");
  InsertMember(Nik(2), Kpj(2), "Rahayu Wulandari");
  InsertMember(Nik(3), Kpj(3), "Budi Santoso");
  auto found = Find("RAHAYU");
  ASSERT_EQ(found.rows.size(), 2u);
  EXPECT_EQ(found.rows[0].full_name, "Rahayu Wulandari");
  EXPECT_EQ(found.rows[1].full_name, "Siti Rahayu");
  EXPECT_EQ(Find("ti ra").rows.size(), 1u);
  EXPECT_TRUE(Find("zzz").rows.empty());
}

TEST_P(MemberDirectoryDbTest, Asvs5310_WildcardsInANameAreText) {
  InsertMember(Nik(1), Kpj(1), "Siti Rahayu");
  InsertMember(Nik(2), Kpj(2), "Ani 100% Tulen");
  EXPECT_TRUE(Find("%%").rows.empty());
  EXPECT_TRUE(Find("__").rows.empty());
  EXPECT_EQ(Find("100%").rows.size(), 1u);
  EXPECT_TRUE(Find("' OR 1=1 --").rows.empty());
}

TEST_P(MemberDirectoryDbTest, AtMostTheLimitAndSaysWhenThereAreMore) {
  for (int n = 1; n <= 5; ++n) InsertMember(Nik(n), Kpj(n), "Anggota " + std::to_string(n));
  auto three = Find("anggota", 3);
  EXPECT_EQ(three.rows.size(), 3u);
  EXPECT_TRUE(three.more);
  EXPECT_EQ(three.rows[0].full_name, "Anggota 1");
  auto five = Find("anggota", 5);
  EXPECT_EQ(five.rows.size(), 5u);
  EXPECT_FALSE(five.more);
}

TEST_P(MemberDirectoryDbTest, RegistryFactsOfOneMember) {
  const std::int64_t member = InsertMember(Nik(1), Kpj(1), "Siti Rahayu", "1990-08-05");
  auto lease = db().Acquire();
  auto facts = FindRegistryFacts(lease.session(), member);
  ASSERT_TRUE(facts);
  EXPECT_EQ(facts->nik, Nik(1));
  EXPECT_EQ(facts->kpj, Kpj(1));
  EXPECT_EQ(facts->full_name, "Siti Rahayu");
  EXPECT_EQ(facts->birth_date, "1990-08-05");
  EXPECT_EQ(facts->sex, "F");
  EXPECT_EQ(facts->status, "active");
  EXPECT_EQ(facts->registered_on, "2015-07-01");
  EXPECT_EQ(facts->email, "");
  EXPECT_FALSE(FindRegistryFacts(lease.session(), member + 1000));
}

TEST_P(MemberDirectoryDbTest, AGrantIsForOneSessionAndMemberUntilItExpires) {
  const std::int64_t staff = StaffAccount();
  const std::int64_t a = InsertMember(Nik(1), Kpj(1));
  const std::int64_t b = InsertMember(Nik(2), Kpj(2));
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  GrantRecordAccess(sql,
                    {.session_key = "sess-1",
                     .member_id = a,
                     .staff_account_id = staff,
                     .reason = "Telepon S-000123",
                     .granted_at = kT0,
                     .expires_at = kT0 + kRecordGrantSeconds},
                    kT0);
  auto live = LiveRecordGrant(sql, "sess-1", a, kT0 + 60);
  ASSERT_TRUE(live);
  EXPECT_EQ(live->reason, "Telepon S-000123");
  EXPECT_EQ(live->staff_account_id, staff);
  EXPECT_EQ(live->expires_at, kT0 + kRecordGrantSeconds);
  EXPECT_FALSE(LiveRecordGrant(sql, "sess-1", b, kT0 + 60)) << "another member";
  EXPECT_FALSE(LiveRecordGrant(sql, "sess-2", a, kT0 + 60)) << "another session";
  EXPECT_FALSE(LiveRecordGrant(sql, "", a, kT0 + 60));
  EXPECT_FALSE(LiveRecordGrant(sql, "sess-1", a, kT0 + kRecordGrantSeconds)) << "expired";

  // Opening again renews it with the new reason; expired grants are cleared on the way.
  GrantRecordAccess(sql,
                    {.session_key = "sess-2",
                     .member_id = b,
                     .staff_account_id = staff,
                     .reason = "old",
                     .granted_at = kT0,
                     .expires_at = kT0 + 10},
                    kT0);
  GrantRecordAccess(sql,
                    {.session_key = "sess-1",
                     .member_id = a,
                     .staff_account_id = staff,
                     .reason = "Cabang Semarang",
                     .granted_at = kT0 + 100,
                     .expires_at = kT0 + 100 + kRecordGrantSeconds},
                    kT0 + 100);
  live = LiveRecordGrant(sql, "sess-1", a, kT0 + kRecordGrantSeconds);
  ASSERT_TRUE(live);
  EXPECT_EQ(live->reason, "Cabang Semarang");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM staff_member_access"), 1)
      << "one row per session and member; the expired one removed";
}

LUMBUNG_INSTANTIATE_DB_TESTS(MemberDirectoryDbTest);

}  // namespace
}  // namespace lumbung::identity
