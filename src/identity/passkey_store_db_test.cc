#include "identity/passkey_store.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "identity/identity_db_test_util.h"
#include "identity/two_factor_store.h"

namespace lumbung::identity {
namespace {

using test::kT0;

class PasskeyStoreDbTest : public test::IdentityDbTest {
 protected:
  Passkey NewPasskey(std::int64_t account, const std::string& credential) {
    Passkey p;
    p.account_id = account;
    p.credential_id = credential;
    p.public_key = "pQECAyYgASFYIA";
    p.algorithm = -7;
    p.sign_count = 1;
    p.transports = "internal";
    p.name = "Ponsel";
    p.created_at = kT0;
    return p;
  }
};

// The user handle is random, stable, and never the member's identifiers (WebAuthn §14.6.1).
TEST_P(PasskeyStoreDbTest, UserHandleIsRandomStableAndLeadsBack) {
  const std::int64_t a = NewMemberAccount(1), b = NewMemberAccount(2);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const std::string handle = UserHandleFor(sql, a);
  EXPECT_EQ(handle.size(), 43u);  // 32 bytes, base64url
  EXPECT_EQ(UserHandleFor(sql, a), handle);
  EXPECT_NE(UserHandleFor(sql, b), handle);
  EXPECT_EQ(AccountOfUserHandle(sql, handle), a);
  EXPECT_FALSE(AccountOfUserHandle(sql, "unknown"));
  EXPECT_EQ(handle.find(test::IdentityDbTest::Nik(1)), std::string::npos);
}

TEST_P(PasskeyStoreDbTest, OneAccountNeverReachesAnothersPasskeys) {
  const std::int64_t mine = NewMemberAccount(3), theirs = NewMemberAccount(4);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  Passkey p = NewPasskey(mine, "cred-1");
  ASSERT_TRUE(AddPasskey(sql, p));
  Passkey again = NewPasskey(theirs, "cred-1");
  EXPECT_FALSE(AddPasskey(sql, again));  // a credential belongs to one account
  EXPECT_TRUE(HasPasskey(sql, mine));
  EXPECT_FALSE(HasPasskey(sql, theirs));
  EXPECT_FALSE(FindPasskey(sql, theirs, p.id));
  EXPECT_FALSE(RenamePasskey(sql, theirs, p.id, "Mine now"));
  EXPECT_FALSE(RemovePasskey(sql, theirs, p.id));
  EXPECT_TRUE(RenamePasskey(sql, mine, p.id, "Laptop"));
  auto found = FindPasskeyByCredential(sql, "cred-1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Laptop");
  EXPECT_EQ(found->account_id, mine);
  EXPECT_EQ(found->algorithm, -7);
  EXPECT_EQ(found->last_used_at, 0);
  EXPECT_TRUE(RemovePasskey(sql, mine, p.id));
  EXPECT_TRUE(ListPasskeys(sql, mine).empty());
}

// A counter update is compare-and-set: one assertion cannot be accepted twice, even by two
// instances at once; a flagged passkey is never used again.
TEST_P(PasskeyStoreDbTest, UseIsRecordedOnceAndFlaggedPasskeysStayOut) {
  const std::int64_t account = NewMemberAccount(5);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  Passkey p = NewPasskey(account, "cred-5");
  AddPasskey(sql, p);
  EXPECT_TRUE(RecordPasskeyUse(sql, p.id, 1, 2, kT0 + 10));
  EXPECT_FALSE(RecordPasskeyUse(sql, p.id, 1, 2, kT0 + 11));
  auto used = FindPasskey(sql, account, p.id);
  EXPECT_EQ(used->sign_count, 2);
  EXPECT_EQ(used->last_used_at, kT0 + 10);
  FlagPasskey(sql, p.id, kT0 + 20);
  EXPECT_EQ(FindPasskey(sql, account, p.id)->flagged_at, kT0 + 20);
  EXPECT_FALSE(RecordPasskeyUse(sql, p.id, 2, 3, kT0 + 30));
}

// ASVS 2.9.3 / WebAuthn §13.4.3: a challenge is single use, short lived and bound to the
// session that asked for it.
TEST_P(PasskeyStoreDbTest, ChallengesAreSingleUseBoundAndShortLived) {
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  PutPasskeyChallenge(sql, "h1", "session-a", "sign_in", 0, kT0, kT0 + 300);
  EXPECT_FALSE(TakePasskeyChallenge(sql, "h1", "session-b", "sign_in", kT0 + 1));
  EXPECT_FALSE(TakePasskeyChallenge(sql, "h1", "session-a", "register", kT0 + 1));
  EXPECT_TRUE(TakePasskeyChallenge(sql, "h1", "session-a", "sign_in", kT0 + 1));
  EXPECT_FALSE(TakePasskeyChallenge(sql, "h1", "session-a", "sign_in", kT0 + 2));
  PutPasskeyChallenge(sql, "h2", "session-a", "sign_in", 0, kT0, kT0 + 300);
  EXPECT_FALSE(TakePasskeyChallenge(sql, "h2", "session-a", "sign_in", kT0 + 300));
  // Expired ones are cleared when the next is put.
  PutPasskeyChallenge(sql, "h3", "session-a", "register", 7, kT0 + 400, kT0 + 700);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM passkey_challenges"), 1);
  // Asking again replaces the session's challenge for that purpose; others stay.
  PutPasskeyChallenge(sql, "h4", "session-b", "register", 8, kT0 + 400, kT0 + 700);
  PutPasskeyChallenge(sql, "h5", "session-a", "register", 7, kT0 + 401, kT0 + 701);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM passkey_challenges"), 2);
  EXPECT_FALSE(TakePasskeyChallenge(sql, "h3", "session-a", "register", kT0 + 402));
  EXPECT_TRUE(TakePasskeyChallenge(sql, "h4", "session-b", "register", kT0 + 402));
  EXPECT_TRUE(TakePasskeyChallenge(sql, "h5", "session-a", "register", kT0 + 402));
}

// Removing the last app or mail factor keeps the member's passkeys; the staff reset
// (reset-2fa) removes them explicitly with RemoveAllPasskeys.
TEST_P(PasskeyStoreDbTest, OtherFactorsComeAndGoWithoutTouchingPasskeys) {
  const std::int64_t account = NewMemberAccount(6), other = NewMemberAccount(7);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  Passkey p = NewPasskey(account, "cred-6");
  AddPasskey(sql, p);
  Passkey q = NewPasskey(other, "cred-7");
  AddPasskey(sql, q);
  RemoveAllSecondFactors(sql, account);
  EXPECT_TRUE(HasPasskey(sql, account));
  RemoveAllPasskeys(sql, account);
  EXPECT_FALSE(HasPasskey(sql, account));
  EXPECT_TRUE(HasPasskey(sql, other));
}

LUMBUNG_INSTANTIATE_DB_TESTS(PasskeyStoreDbTest);

}  // namespace
}  // namespace lumbung::identity
