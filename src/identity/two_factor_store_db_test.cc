#include "identity/two_factor_store.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "core/security/tokens.h"
#include "identity/identity_db_test_util.h"
#include "identity/recovery_code.h"

namespace lumbung::identity {
namespace {

using test::kT0;

class TwoFactorStoreDbTest : public test::IdentityDbTest {};

TEST_P(TwoFactorStoreDbTest, AnEnrolmentCountsOnlyOnceConfirmed) {
  const std::int64_t account = NewMemberAccount(1);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  EXPECT_FALSE(HasSecondFactor(sql, account));
  AddUnconfirmedFactor(sql, account, "totp", "Ponsel", "sealed-1", kT0);
  // Starting again drops the unfinished one: never two half-made secrets.
  const std::int64_t second = AddUnconfirmedFactor(sql, account, "totp", "Ponsel", "sealed-2", kT0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM second_factors"), 1);
  EXPECT_FALSE(HasSecondFactor(sql, account));
  EXPECT_TRUE(ListSecondFactors(sql, account).empty());
  auto pending = FindUnconfirmedFactor(sql, account, "totp");
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->id, second);
  EXPECT_EQ(pending->secret_sealed, "sealed-2");
  EXPECT_EQ(pending->last_step, -1);

  ConfirmFactor(sql, second, kT0 + 60);
  EXPECT_TRUE(HasSecondFactor(sql, account));
  const auto list = ListSecondFactors(sql, account);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_TRUE(list[0].confirmed);
  EXPECT_EQ(list[0].created_at, kT0 + 60);
  EXPECT_FALSE(FindUnconfirmedFactor(sql, account, "totp"));
}

// ASVS 2.8.4: a time step is accepted once; the update is conditional, so two app instances
// racing with the same code cannot both win.
TEST_P(TwoFactorStoreDbTest, Asvs284_ATimeStepIsTakenOnceAndNeverAnEarlierOne) {
  const std::int64_t account = NewMemberAccount(2);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const std::int64_t id = AddUnconfirmedFactor(sql, account, "totp", "Ponsel", "s", kT0);
  ConfirmFactor(sql, id, kT0);
  EXPECT_TRUE(TakeTotpStep(sql, id, 58'333'333, kT0));
  EXPECT_FALSE(TakeTotpStep(sql, id, 58'333'333, kT0 + 1));
  EXPECT_FALSE(TakeTotpStep(sql, id, 58'333'332, kT0 + 1));
  EXPECT_TRUE(TakeTotpStep(sql, id, 58'333'334, kT0 + 30));
  EXPECT_EQ(FindSecondFactor(sql, account, id)->last_step, 58'333'334);
  EXPECT_EQ(FindSecondFactor(sql, account, id)->last_used_at, kT0 + 30);
}

TEST_P(TwoFactorStoreDbTest, OneAccountNeverReachesAnothersFactors) {
  const std::int64_t mine = NewMemberAccount(3);
  const std::int64_t theirs = NewMemberAccount(4);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const std::int64_t id = AddUnconfirmedFactor(sql, theirs, "totp", "Their phone", "s", kT0);
  ConfirmFactor(sql, id, kT0);
  EXPECT_FALSE(FindSecondFactor(sql, mine, id));
  EXPECT_FALSE(RemoveFactor(sql, mine, id));
  RenameFactor(sql, mine, id, "Mine now");
  EXPECT_EQ(FindSecondFactor(sql, theirs, id)->name, "Their phone");
  EXPECT_TRUE(RemoveFactor(sql, theirs, id));
  EXPECT_FALSE(HasSecondFactor(sql, theirs));
}

// ASVS 2.6.1: a recovery code works once, even for two racing requests.
TEST_P(TwoFactorStoreDbTest, Asvs261_RecoveryCodesAreSingleUseAndReplacedTogether) {
  const std::int64_t account = NewMemberAccount(5);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  std::vector<std::string> hashes;
  for (int i = 0; i < kRecoveryCodeCount; ++i) {
    hashes.push_back(HashRecoveryCode(*NormaliseRecoveryCode(NewRecoveryCode())));
  }
  ReplaceRecoveryCodes(sql, account, hashes, kT0);
  auto unused = UnusedRecoveryCodes(sql, account);
  ASSERT_EQ(unused.size(), 10u);
  EXPECT_TRUE(UseRecoveryCode(sql, unused[0].id, kT0 + 5));
  EXPECT_FALSE(UseRecoveryCode(sql, unused[0].id, kT0 + 6));
  EXPECT_EQ(UnusedRecoveryCodes(sql, account).size(), 9u);
  ReplaceRecoveryCodes(sql, account, {hashes[0]}, kT0 + 10);
  EXPECT_EQ(UnusedRecoveryCodes(sql, account).size(), 1u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM recovery_codes"), 1);
}

TEST_P(TwoFactorStoreDbTest, EmailCodesOnePerPurposeCountAttemptsAndDieOnUse) {
  const std::int64_t account = NewMemberAccount(6);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  PutEmailCode(sql, account, "sign_in", "hash-1", kT0, kT0 + 600);
  CountEmailCodeAttempt(sql, account, "sign_in");
  CountEmailCodeAttempt(sql, account, "sign_in");
  auto code = FindEmailCode(sql, account, "sign_in");
  ASSERT_TRUE(code);
  EXPECT_EQ(code->attempts, 2);
  EXPECT_EQ(code->expires_at, kT0 + 600);
  // A new code replaces the old one and its attempts.
  PutEmailCode(sql, account, "sign_in", "hash-2", kT0 + 60, kT0 + 660);
  code = FindEmailCode(sql, account, "sign_in");
  EXPECT_EQ(code->code_hash, "hash-2");
  EXPECT_EQ(code->attempts, 0);
  PutEmailCode(sql, account, "enrol", "hash-3", kT0, kT0 + 600);
  EXPECT_TRUE(DeleteEmailCode(sql, account, "sign_in"));
  EXPECT_FALSE(DeleteEmailCode(sql, account, "sign_in"));
  EXPECT_FALSE(FindEmailCode(sql, account, "sign_in"));
  EXPECT_TRUE(FindEmailCode(sql, account, "enrol"));
}

TEST_P(TwoFactorStoreDbTest, RememberedBrowsersExpireAndAreForgottenOneOrAll) {
  const std::int64_t account = NewMemberAccount(7);
  const std::int64_t other = NewMemberAccount(8);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  RememberBrowser(sql, "h1", account, "Mozilla/5.0 Firefox", kT0, kT0 + 100);
  RememberBrowser(sql, "h2", account, "Mozilla/5.0 Chrome", kT0, kT0 + 1000);
  RememberBrowser(sql, "h3", other, "Mozilla/5.0 Safari", kT0, kT0 + 1000);
  EXPECT_TRUE(FindRememberedBrowser(sql, "h1", account, kT0 + 99));
  EXPECT_FALSE(FindRememberedBrowser(sql, "h1", account, kT0 + 100));
  EXPECT_FALSE(FindRememberedBrowser(sql, "h3", account, kT0));
  EXPECT_EQ(ListRememberedBrowsers(sql, account, kT0 + 200).size(), 1u);
  const auto handle = ListRememberedBrowsers(sql, other, kT0).front().handle;
  EXPECT_EQ(ForgetRememberedBrowsers(sql, account, handle), 0) << "another account's handle";
  EXPECT_EQ(ForgetRememberedBrowsers(sql, account, ""), 2);
  EXPECT_EQ(ListRememberedBrowsers(sql, other, kT0).size(), 1u);
}

TEST_P(TwoFactorStoreDbTest, RemovingEverythingLeavesNothingBehind) {
  const std::int64_t account = NewMemberAccount(9);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  ConfirmFactor(sql, AddUnconfirmedFactor(sql, account, "email", "E-mail", "", kT0), kT0);
  ReplaceRecoveryCodes(sql, account, {"a$b"}, kT0);
  PutEmailCode(sql, account, "sign_in", "h", kT0, kT0 + 600);
  RememberBrowser(sql, "h9", account, "ua", kT0, kT0 + 600);
  RemoveAllSecondFactors(sql, account);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM second_factors"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM recovery_codes"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM email_codes"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM remembered_browsers"), 0);
}

LUMBUNG_INSTANTIATE_DB_TESTS(TwoFactorStoreDbTest);

}  // namespace
}  // namespace lumbung::identity
