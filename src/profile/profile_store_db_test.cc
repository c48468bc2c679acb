#include "profile/profile_store.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "core/db/transaction.h"
#include "profile/bank.h"
#include "profile/payout_account.h"
#include "support/test_databases.h"

namespace lumbung::profile {
namespace {

constexpr std::int64_t kNow = 1'767'225'600;  // 2026-01-01 07.00 WIB

class ProfileStoreDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations(
        {"src/registry/migrations", "src/identity/migrations", "src/profile/migrations"});
    alice_ = Member("10000000001", "3171014508900001", "Siti Rahayu");
    bob_ = Member("10000000002", "3171010508900002", "Bambang Wijaya");
  }

  std::int64_t Member(const std::string& kpj, const std::string& nik, const std::string& name) {
    auto lease = db().Acquire();
    long long id = 0;
    lease.session() << "INSERT INTO members (kpj, nik, full_name, birth_date, sex, address, "
                       "province_code, phone, marital_status, registered_on, status) VALUES (:k, "
                       ":n, :f, '1990-08-05', 'F', 'Jl. Lama No. 1', 31, '081200000000', "
                       "'single', '2015-07-01', 'active') RETURNING id",
        soci::use(kpj), soci::use(nik), soci::use(name), soci::into(id);
    return id;
  }
  long long Count(const std::string& query) {
    auto lease = db().Acquire();
    long long n = 0;
    lease.session() << query, soci::into(n);
    return n;
  }

  std::int64_t alice_ = 0, bob_ = 0;
};

TEST_P(ProfileStoreDbTest, ReadsTheRegistryRowAndChangesOnlyThatMembersContact) {
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const auto before = LoadRegistryProfile(sql, alice_);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->kpj, "10000000001");
  EXPECT_EQ(before->birth_date, "1990-08-05");
  EXPECT_EQ(before->registered_on, "2015-07-01");
  EXPECT_EQ(before->phone, "081200000000");
  EXPECT_EQ(before->province_code, 31);
  EXPECT_FALSE(LoadRegistryProfile(sql, 999'999));

  {
    auto tx = db::Transaction::ForWriting(sql);
    UpdateContact(sql, alice_, {"Jl. Baru No. 2, Bandung", std::nullopt, "married"});
    tx.Commit();
  }
  const auto after = LoadRegistryProfile(sql, alice_);
  EXPECT_EQ(after->address, "Jl. Baru No. 2, Bandung");
  EXPECT_EQ(after->phone, std::nullopt) << "an empty phone is stored as none";
  EXPECT_EQ(after->marital_status, "married");
  UpdateContact(sql, alice_, {"Jl. Baru No. 2, Bandung", "+6281234567890", "married"});
  EXPECT_EQ(LoadRegistryProfile(sql, alice_)->phone, "+6281234567890");
  // Bob's row is as it was.
  const auto bob = LoadRegistryProfile(sql, bob_);
  EXPECT_EQ(bob->address, "Jl. Lama No. 1");
  EXPECT_EQ(bob->phone, "081200000000");
  EXPECT_EQ(bob->marital_status, "single");
}

TEST_P(ProfileStoreDbTest, OneBankAccountPerMemberReplacedInPlace) {
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  EXPECT_FALSE(LoadBankAccount(sql, alice_));
  SaveBankAccount(sql, alice_, {"bca", "sealed-1", "7890", "Siti Rahayu", kNow});
  SaveBankAccount(sql, bob_, {"bri", "sealed-b", "1111", "Bambang Wijaya", kNow});
  SaveBankAccount(sql, alice_, {"mandiri", "sealed-2", "4321", "Siti Rahayu", kNow + 60});
  const auto alice = LoadBankAccount(sql, alice_);
  ASSERT_TRUE(alice);
  EXPECT_EQ(alice->bank_code, "mandiri");
  EXPECT_EQ(alice->account_sealed, "sealed-2");
  EXPECT_EQ(alice->account_last4, "4321");
  EXPECT_EQ(alice->updated_at, kNow + 60);
  const auto bob = LoadBankAccount(sql, bob_);
  ASSERT_TRUE(bob);
  EXPECT_EQ(bob->bank_code, "bri");
  EXPECT_EQ(bob->account_sealed, "sealed-b");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM profile_bank_accounts"), 2);
}

TEST_P(ProfileStoreDbTest, TheSchemaRefusesMalformedRows) {
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  EXPECT_ANY_THROW(SaveBankAccount(sql, alice_, {"bca", "s", "78a0", "Siti", kNow}));
  EXPECT_ANY_THROW(
      ReplaceBeneficiaries(sql, alice_, {{0, "Budi", "cousin", "3171010508900003", 100}}, kNow));
  EXPECT_ANY_THROW(
      ReplaceBeneficiaries(sql, alice_, {{0, "Budi", "child", "317101050890000", 100}}, kNow));
  EXPECT_ANY_THROW(
      ReplaceBeneficiaries(sql, alice_, {{0, "Budi", "child", "3171010508900003", 0}}, kNow));
}

TEST_P(ProfileStoreDbTest, BeneficiariesAreAddedUpdatedAndRemovedForOneMemberOnly) {
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  ASSERT_TRUE(ReplaceBeneficiaries(
      sql, alice_,
      {{0, "Budi", "child", "3171010101100003", 50}, {0, "Ani", "child", "3171014101120004", 50}},
      kNow));
  ASSERT_TRUE(
      ReplaceBeneficiaries(sql, bob_, {{0, "Sri", "spouse", "3171014508900001", 100}}, kNow));
  auto alice = LoadBeneficiaries(sql, alice_);
  ASSERT_EQ(alice.size(), 2u);
  EXPECT_EQ(alice[0].full_name, "Budi");
  EXPECT_EQ(alice[1].share_percent, 50);
  const auto bob_before = LoadBeneficiaries(sql, bob_);
  ASSERT_EQ(bob_before.size(), 1u);

  // Keep Budi with a new share, drop Ani, add a parent.
  Beneficiary budi = alice[0];
  budi.share_percent = 70;
  ASSERT_TRUE(ReplaceBeneficiaries(
      sql, alice_, {budi, {0, "Ibu Sumarni", "parent", "3171015005600005", 30}}, kNow + 60));
  alice = LoadBeneficiaries(sql, alice_);
  ASSERT_EQ(alice.size(), 2u);
  EXPECT_EQ(alice[0].id, budi.id) << "an updated row keeps its id";
  EXPECT_EQ(alice[0].share_percent, 70);
  EXPECT_EQ(alice[1].full_name, "Ibu Sumarni");
  EXPECT_EQ(LoadBeneficiaries(sql, bob_), bob_before);

  // Another member's row id: refused, nothing written, neither list changes (IDOR).
  Beneficiary stolen = bob_before[0];
  stolen.full_name = "Pencuri";
  EXPECT_FALSE(ReplaceBeneficiaries(sql, alice_, {stolen}, kNow + 120));
  EXPECT_FALSE(ReplaceBeneficiaries(
      sql, alice_,
      {{stolen.id, "X", "other", stolen.nik, 100}, {0, "Y", "child", "3171010101100003", 0}},
      kNow + 120));
  EXPECT_EQ(LoadBeneficiaries(sql, bob_), bob_before);
  EXPECT_EQ(LoadBeneficiaries(sql, alice_), alice);
  // A made-up id, or one of the member's own twice.
  EXPECT_FALSE(ReplaceBeneficiaries(sql, alice_, {{987'654, "X", "other", stolen.nik, 100}}, kNow));
  EXPECT_FALSE(ReplaceBeneficiaries(sql, alice_, {alice[0], alice[0]}, kNow));
  EXPECT_EQ(LoadBeneficiaries(sql, alice_), alice);

  // An empty list removes the member's rows and nobody else's.
  ASSERT_TRUE(ReplaceBeneficiaries(sql, alice_, {}, kNow + 180));
  EXPECT_TRUE(LoadBeneficiaries(sql, alice_).empty());
  EXPECT_EQ(LoadBeneficiaries(sql, bob_), bob_before);
}

TEST_P(ProfileStoreDbTest, TheAccountsAddressAndLanguage) {
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  long long member = alice_, id = 0;
  sql << "INSERT INTO accounts (role, state, member_id, nik, email, display_name, lang, "
         "created_at) VALUES ('member', 'active', :m, '3171014508900001', 'siti@example.id', "
         "'Siti Rahayu', 'en', 0) RETURNING id",
      soci::use(member), soci::into(id);
  const auto address = LoadAccountAddress(sql, id);
  ASSERT_TRUE(address);
  EXPECT_EQ(address->email, "siti@example.id");
  EXPECT_EQ(address->lang, "en");
  EXPECT_EQ(address->display_name, "Siti Rahayu");
  EXPECT_FALSE(LoadAccountAddress(sql, id + 1));
}

TEST_P(ProfileStoreDbTest, APayoutToAnAccountInAnotherPersonsNameWaitsForStaff) {
  const std::string key(32, 'k');
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  EXPECT_FALSE(PayoutAccountFor(sql, key, alice_)) << "no account, nothing to pay to";
  const auto account = [&](std::int64_t member, const std::string& digits,
                           const std::string& holder, bool confirmed_other_holder) {
    BankAccount a;
    a.bank_code = "bca";
    a.account_sealed = SealAccountNumber(key, member, digits);
    a.account_last4 = LastFour(digits);
    a.holder_name = holder;
    a.updated_at = kNow;
    a.holder_mismatch = confirmed_other_holder;
    return a;
  };

  // Her own name as a savings book writes it: paid without a check.
  SaveBankAccount(sql, alice_, account(alice_, "1234567890", "SITI RAHAYU, S.E.", false));
  auto own = PayoutAccountFor(sql, key, alice_);
  ASSERT_TRUE(own);
  EXPECT_EQ(own->bank_code, "bca");
  EXPECT_EQ(own->account_number, "1234567890");
  EXPECT_EQ(own->account_last4, "7890");
  EXPECT_EQ(own->holder_name, "SITI RAHAYU, S.E.");
  EXPECT_FALSE(own->holder_mismatch);
  EXPECT_FALSE(own->needs_staff_check);

  // Another person's account, confirmed by the member: marked, stored, and checked.
  SaveBankAccount(sql, alice_, account(alice_, "5550001111", "Budi Orang Lain", true));
  EXPECT_TRUE(LoadBankAccount(sql, alice_)->holder_mismatch) << "the mark is stored";
  auto other = PayoutAccountFor(sql, key, alice_);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->account_number, "5550001111");
  EXPECT_TRUE(other->holder_mismatch);
  EXPECT_TRUE(other->needs_staff_check);
  // Bob is untouched by Alice's mark.
  EXPECT_FALSE(PayoutAccountFor(sql, key, bob_));

  // Saved without the mark (before names were compared) in another person's name: checked too.
  SaveBankAccount(sql, bob_, account(bob_, "9990002222", "Budi Orang Lain", false));
  EXPECT_TRUE(PayoutAccountFor(sql, key, bob_)->needs_staff_check);
  // Replaced by an account in his own name: the mark goes with the old account.
  SaveBankAccount(sql, bob_, account(bob_, "9990003333", "Bpk. Bambang Wijaya", false));
  EXPECT_FALSE(PayoutAccountFor(sql, key, bob_)->needs_staff_check);

  // The registry corrects Bob's name: his account's name no longer matches, so it is checked.
  long long bob = bob_;
  sql << "UPDATE members SET full_name = 'Bambang Eko Wijaya' WHERE id = :m", soci::use(bob);
  EXPECT_TRUE(PayoutAccountFor(sql, key, bob_)->holder_mismatch);
  EXPECT_TRUE(PayoutAccountFor(sql, key, bob_)->needs_staff_check);

  // A sealed number moved from another member's row does not open here: no number, checked.
  SaveBankAccount(sql, alice_, account(alice_, "1234567890", "Siti Rahayu", false));
  long long alice = alice_;
  sql << "UPDATE profile_bank_accounts SET account_sealed = "
         "(SELECT account_sealed FROM profile_bank_accounts WHERE member_id = :b) "
         "WHERE member_id = :a",
      soci::use(bob), soci::use(alice);
  const auto moved = PayoutAccountFor(sql, key, alice_);
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->account_number, std::nullopt);
  EXPECT_FALSE(moved->holder_mismatch);
  EXPECT_TRUE(moved->needs_staff_check);
  // Under another key nothing opens either.
  EXPECT_TRUE(PayoutAccountFor(sql, std::string(32, 'x'), bob_)->needs_staff_check);
}

TEST_P(ProfileStoreDbTest, TheHolderMarkIsZeroOrOne) {
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  long long member = alice_;
  const auto insert_marked = [&](int mark) {
    sql << "INSERT INTO profile_bank_accounts (member_id, bank_code, account_sealed, "
           "account_last4, holder_name, updated_at, holder_mismatch) "
           "VALUES (:m, 'bca', 's', '1234', 'Siti', 0, :x)",
        soci::use(member), soci::use(mark);
  };
  EXPECT_ANY_THROW(insert_marked(2));
  EXPECT_ANY_THROW(insert_marked(-1));
  sql << "INSERT INTO profile_bank_accounts (member_id, bank_code, account_sealed, account_last4, "
         "holder_name, updated_at) VALUES (:m, 'bca', 's', '1234', 'Siti Rahayu', 0)",
      soci::use(member);
  EXPECT_FALSE(LoadBankAccount(sql, alice_)->holder_mismatch) << "unmarked unless set";
}

LUMBUNG_INSTANTIATE_DB_TESTS(ProfileStoreDbTest);

}  // namespace
}  // namespace lumbung::profile
