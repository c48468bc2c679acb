#include "identity/token_store.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <string>
#include <vector>

#include "core/security/tokens.h"
#include "identity/identity_db_test_util.h"

namespace lumbung::identity {
namespace {

using test::kT0;
constexpr std::int64_t kDay = 24 * 3600;

class TokenStoreDbTest : public test::IdentityDbTest {
 protected:
  // Every text column of every row of account_tokens, as one string.
  std::string TableText() {
    auto lease = db().Acquire();
    std::string all, hash, purpose, detail;
    soci::statement st =
        (lease.session().prepare << "SELECT token_hash, purpose, detail FROM account_tokens",
         soci::into(hash), soci::into(purpose), soci::into(detail));
    st.execute();
    while (st.fetch()) all += hash + "|" + purpose + "|" + detail + "\n";
    return all;
  }
};

TEST_P(TokenStoreDbTest, IssuedTokensAreLongRandomAndStoredOnlyAsHashes) {
  const std::int64_t account = NewMemberAccount();
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  std::vector<std::string> tokens;
  for (auto purpose : {kVerifyEmail, kResetPassword, kUnlock, kChangeEmail, kReport}) {
    tokens.push_back(IssueToken(sql, account, purpose, "baru@contoh.co.id", kT0, kDay));
  }
  const std::string table = TableText();
  for (const auto& token : tokens) {
    EXPECT_EQ(token.size(), 43u);  // 256 bits, base64url
    EXPECT_EQ(table.find(token), std::string::npos) << "token text stored in account_tokens";
    EXPECT_NE(table.find(security::HashToken(token)), std::string::npos);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM account_tokens"), 5);
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT token_hash) FROM account_tokens"), 5);
}

TEST_P(TokenStoreDbTest, PeekShowsTheGrantWithoutUsingTheToken) {
  const std::int64_t account = NewMemberAccount();
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const std::string token = IssueToken(sql, account, kChangeEmail, "baru@contoh.co.id", kT0, kDay);
  for (int i = 0; i < 2; ++i) {
    auto grant = PeekToken(sql, token, kChangeEmail, kT0 + 10);
    ASSERT_TRUE(grant);
    EXPECT_EQ(grant->account_id, account);
    EXPECT_EQ(grant->detail, "baru@contoh.co.id");
  }
  EXPECT_FALSE(PeekToken(sql, token, kResetPassword, kT0 + 10));  // another purpose
  EXPECT_FALSE(PeekToken(sql, token.substr(1), kChangeEmail, kT0 + 10));
  EXPECT_FALSE(PeekToken(sql, "", kChangeEmail, kT0 + 10));
  EXPECT_FALSE(PeekToken(sql, std::string(5000, 'a'), kChangeEmail, kT0 + 10));
}

TEST_P(TokenStoreDbTest, ConsumeIsSingleUse) {
  const std::int64_t account = NewMemberAccount();
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const std::string token = IssueToken(sql, account, kResetPassword, "", kT0, 1800);
  auto grant = ConsumeToken(sql, token, kResetPassword, kT0 + 60);
  ASSERT_TRUE(grant);
  EXPECT_EQ(grant->account_id, account);
  EXPECT_FALSE(ConsumeToken(sql, token, kResetPassword, kT0 + 61));
  EXPECT_FALSE(PeekToken(sql, token, kResetPassword, kT0 + 61));
}

TEST_P(TokenStoreDbTest, ExpiredTokensFail) {
  const std::int64_t account = NewMemberAccount();
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const std::string token = IssueToken(sql, account, kResetPassword, "", kT0, 1800);
  EXPECT_TRUE(PeekToken(sql, token, kResetPassword, kT0 + 1799));
  EXPECT_FALSE(PeekToken(sql, token, kResetPassword, kT0 + 1800));
  EXPECT_FALSE(ConsumeToken(sql, token, kResetPassword, kT0 + 1800));
  EXPECT_FALSE(ConsumeToken(sql, token, kResetPassword, kT0 + 5 * kDay));
  // Refused, so still unused: a consume in time (a clock step back) still works once.
  EXPECT_TRUE(ConsumeToken(sql, token, kResetPassword, kT0 + 1799));
}

TEST_P(TokenStoreDbTest, ANewTokenRevokesTheEarlierOnesOfTheSamePurpose) {
  const std::int64_t account = NewMemberAccount(1);
  const std::int64_t other = NewMemberAccount(2);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const std::string first = IssueToken(sql, account, kResetPassword, "", kT0, 1800);
  const std::string verify = IssueToken(sql, account, kVerifyEmail, "", kT0, kDay);
  const std::string others = IssueToken(sql, other, kResetPassword, "", kT0, 1800);
  const std::string second = IssueToken(sql, account, kResetPassword, "", kT0 + 5, 1800);
  EXPECT_FALSE(PeekToken(sql, first, kResetPassword, kT0 + 10));
  EXPECT_TRUE(PeekToken(sql, second, kResetPassword, kT0 + 10));
  EXPECT_TRUE(PeekToken(sql, verify, kVerifyEmail, kT0 + 10));    // another purpose
  EXPECT_TRUE(PeekToken(sql, others, kResetPassword, kT0 + 10));  // another account
  EXPECT_FALSE(ConsumeToken(sql, first, kResetPassword, kT0 + 10));
}

TEST_P(TokenStoreDbTest, ReportLinksStayValidSideBySide) {
  const std::int64_t account = NewMemberAccount();
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  // One per security notice: each mail's "this wasn't me" link keeps working.
  const std::string a = IssueToken(sql, account, kReport, "", kT0, 7 * kDay, false);
  const std::string b = IssueToken(sql, account, kReport, "", kT0 + 5, 7 * kDay, false);
  EXPECT_TRUE(PeekToken(sql, a, kReport, kT0 + 10));
  EXPECT_TRUE(PeekToken(sql, b, kReport, kT0 + 10));
  // Revoking everything (a password change) leaves report links alone.
  const std::string reset = IssueToken(sql, account, kResetPassword, "", kT0, 1800);
  const std::string unlock = IssueToken(sql, account, kUnlock, "", kT0, kDay);
  RevokeTokens(sql, account, "", kT0 + 20);
  EXPECT_FALSE(PeekToken(sql, reset, kResetPassword, kT0 + 30));
  EXPECT_FALSE(PeekToken(sql, unlock, kUnlock, kT0 + 30));
  EXPECT_TRUE(PeekToken(sql, a, kReport, kT0 + 30));
  EXPECT_TRUE(PeekToken(sql, b, kReport, kT0 + 30));
  // Report links still expire.
  EXPECT_FALSE(PeekToken(sql, a, kReport, kT0 + 7 * kDay));
}

TEST_P(TokenStoreDbTest, RevokeTokensByPurposeTouchesOnlyThatPurposeAndAccount) {
  const std::int64_t account = NewMemberAccount(1);
  const std::int64_t other = NewMemberAccount(2);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const std::string unlock = IssueToken(sql, account, kUnlock, "", kT0, kDay);
  const std::string reset = IssueToken(sql, account, kResetPassword, "", kT0, 1800);
  const std::string others = IssueToken(sql, other, kUnlock, "", kT0, kDay);
  RevokeTokens(sql, account, kUnlock, kT0 + 1);
  EXPECT_FALSE(PeekToken(sql, unlock, kUnlock, kT0 + 2));
  EXPECT_TRUE(PeekToken(sql, reset, kResetPassword, kT0 + 2));
  EXPECT_TRUE(PeekToken(sql, others, kUnlock, kT0 + 2));
}

TEST_P(TokenStoreDbTest, ConfirmationLinksKeptSideBySideUntilOneIsUsed) {
  const std::int64_t account = NewMemberAccount(1);
  const std::int64_t other = NewMemberAccount(2);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  EXPECT_EQ(LatestTokenIssuedAt(sql, account, kVerifyEmail), 0);
  const std::string first = IssueToken(sql, account, kVerifyEmail, "", kT0, kDay, false);
  const std::string second = IssueToken(sql, account, kVerifyEmail, "", kT0 + 600, kDay, false);
  IssueToken(sql, account, kResetPassword, "", kT0 + 900, 1800);
  IssueToken(sql, other, kVerifyEmail, "", kT0 + 1200, kDay, false);
  EXPECT_EQ(LatestTokenIssuedAt(sql, account, kVerifyEmail), kT0 + 600);
  EXPECT_TRUE(PeekToken(sql, first, kVerifyEmail, kT0 + 700));
  EXPECT_TRUE(PeekToken(sql, second, kVerifyEmail, kT0 + 700));
  // The first one used: the address is confirmed, the rest are retired.
  EXPECT_TRUE(ConsumeToken(sql, first, kVerifyEmail, kT0 + 800));
  RevokeTokens(sql, account, kVerifyEmail, kT0 + 800);
  EXPECT_FALSE(PeekToken(sql, second, kVerifyEmail, kT0 + 801));
  // Used or not, whose they were is still known (the page can say "already confirmed").
  EXPECT_EQ(TokenOwner(sql, first, kVerifyEmail), account);
  EXPECT_EQ(TokenOwner(sql, second, kVerifyEmail), account);
  EXPECT_FALSE(TokenOwner(sql, second, kResetPassword));
  EXPECT_FALSE(TokenOwner(sql, "never-issued", kVerifyEmail));
  EXPECT_FALSE(TokenOwner(sql, "", kVerifyEmail));
  // Still the time of the latest issue, used or revoked: spacing counts every mail sent.
  EXPECT_EQ(LatestTokenIssuedAt(sql, account, kVerifyEmail), kT0 + 600);
}

TEST_P(TokenStoreDbTest, AConfirmationMailIsDueOnlyMinutesAfterTheLastOne) {
  const std::int64_t account = NewMemberAccount(1);
  const std::int64_t other = NewMemberAccount(2);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  EXPECT_TRUE(ConfirmationMailDue(sql, account, kT0)) << "none sent yet";
  IssueToken(sql, account, kVerifyEmail, "", kT0, kDay, false);
  IssueToken(sql, account, kResetPassword, "", kT0 + 400, 1800);  // another purpose: no matter
  EXPECT_FALSE(ConfirmationMailDue(sql, account, kT0 + 1));
  EXPECT_FALSE(ConfirmationMailDue(sql, account, kT0 + kConfirmationMailSpacingSeconds - 1));
  EXPECT_TRUE(ConfirmationMailDue(sql, account, kT0 + kConfirmationMailSpacingSeconds));
  EXPECT_TRUE(ConfirmationMailDue(sql, other, kT0 + 1)) << "per account";
}

TEST_P(TokenStoreDbTest, OfTwoConnectionsOnlyOneConsumes) {
  const std::int64_t account = NewMemberAccount();
  std::string token;
  {
    auto lease = db().Acquire();
    token = IssueToken(lease.session(), account, kResetPassword, "", kT0, 1800);
  }
  auto a = db().Acquire();
  auto b = db().Acquire();
  EXPECT_TRUE(ConsumeToken(a.session(), token, kResetPassword, kT0 + 1));
  EXPECT_FALSE(ConsumeToken(b.session(), token, kResetPassword, kT0 + 1));
}

LUMBUNG_INSTANTIATE_DB_TESTS(TokenStoreDbTest);

}  // namespace
}  // namespace lumbung::identity
