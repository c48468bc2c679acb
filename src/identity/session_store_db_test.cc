#include "identity/session_store.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <string>

#include "core/http/url.h"
#include "core/security/tokens.h"
#include "identity/identity_db_test_util.h"

namespace lumbung::identity {
namespace {

using test::kT0;
constexpr std::int64_t kIdle = 30 * 60;
constexpr std::int64_t kAbsolute = 12 * 3600;
constexpr const char* kAgent =
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Mobile Safari/537.36";

class SessionStoreDbTest : public test::IdentityDbTest {};

TEST_P(SessionStoreDbTest, Asvs322_StartGivesARandomCookieAndStoresOnlyItsHash) {
  const std::int64_t account = NewMemberAccount();
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const NewSession s = StartSession(sql, account, "203.0.113.7", kAgent, kT0, kAbsolute);
  EXPECT_EQ(s.cookie_value.size(), 43u);  // 256 bits
  EXPECT_EQ(s.record.id_hash, security::HashToken(s.cookie_value));
  EXPECT_NE(s.record.handle, s.cookie_value);
  EXPECT_FALSE(s.record.handle.empty());
  EXPECT_FALSE(s.record.csrf_secret.empty());
  EXPECT_EQ(s.record.account_id, account);
  EXPECT_EQ(s.record.created_at, kT0);
  EXPECT_EQ(s.record.last_seen_at, kT0);
  EXPECT_EQ(s.record.expires_at, kT0 + kAbsolute);

  std::string id_hash, handle, csrf, ip, agent;
  sql << "SELECT id_hash, handle, csrf_secret, ip, user_agent FROM sessions", soci::into(id_hash),
      soci::into(handle), soci::into(csrf), soci::into(ip), soci::into(agent);
  EXPECT_EQ(id_hash, s.record.id_hash);
  EXPECT_EQ(ip, "203.0.113.7");
  EXPECT_EQ(agent, kAgent);
  for (const std::string& column : {id_hash, handle, csrf, ip, agent}) {
    EXPECT_EQ(column.find(s.cookie_value), std::string::npos) << "the cookie value is stored";
  }

  const NewSession t = StartSession(sql, account, "203.0.113.7", kAgent, kT0, kAbsolute);
  EXPECT_NE(t.cookie_value, s.cookie_value);
  EXPECT_NE(t.record.handle, s.record.handle);
  EXPECT_NE(t.record.csrf_secret, s.record.csrf_secret);
}

TEST_P(SessionStoreDbTest, FindsTheLiveSessionByCookie) {
  const std::int64_t account = NewMemberAccount();
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const NewSession s = StartSession(sql, account, "203.0.113.7", kAgent, kT0, kAbsolute);
  auto found = FindLiveSession(sql, s.cookie_value, kT0 + 5, kIdle);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id_hash, s.record.id_hash);
  EXPECT_EQ(found->handle, s.record.handle);
  EXPECT_EQ(found->account_id, account);
  EXPECT_EQ(found->csrf_secret, s.record.csrf_secret);
  EXPECT_EQ(found->expires_at, kT0 + kAbsolute);
  EXPECT_EQ(found->user_agent, kAgent);
  for (const std::string& bad : {std::string(), s.cookie_value.substr(1), s.cookie_value + "x",
                                 s.record.id_hash, s.record.handle, std::string(43, 'A')}) {
    EXPECT_FALSE(FindLiveSession(sql, bad, kT0 + 5, kIdle)) << bad;
  }
}

TEST_P(SessionStoreDbTest, Asvs333_IdleSessionsEndAndTouchingKeepsThemAlive) {
  const std::int64_t account = NewMemberAccount();
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const NewSession s = StartSession(sql, account, "203.0.113.7", kAgent, kT0, kAbsolute);
  EXPECT_TRUE(FindLiveSession(sql, s.cookie_value, kT0 + kIdle - 1, kIdle));
  EXPECT_FALSE(FindLiveSession(sql, s.cookie_value, kT0 + kIdle, kIdle));
  // Activity before the idle end moves it.
  TouchSession(sql, s.record.id_hash, kT0 + kIdle - 1);
  EXPECT_TRUE(FindLiveSession(sql, s.cookie_value, kT0 + 2 * kIdle - 2, kIdle));
  EXPECT_FALSE(FindLiveSession(sql, s.cookie_value, kT0 + 2 * kIdle - 1, kIdle));
}

TEST_P(SessionStoreDbTest, Asvs333_AbsoluteEndHoldsWhateverTheActivity) {
  const std::int64_t account = NewMemberAccount();
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const NewSession s = StartSession(sql, account, "203.0.113.7", kAgent, kT0, kAbsolute);
  for (std::int64_t t = kT0; t < kT0 + kAbsolute; t += kIdle / 2) {
    ASSERT_TRUE(FindLiveSession(sql, s.cookie_value, t, kIdle)) << t - kT0;
    TouchSession(sql, s.record.id_hash, t);
  }
  TouchSession(sql, s.record.id_hash, kT0 + kAbsolute - 1);
  EXPECT_TRUE(FindLiveSession(sql, s.cookie_value, kT0 + kAbsolute - 1, kIdle));
  EXPECT_FALSE(FindLiveSession(sql, s.cookie_value, kT0 + kAbsolute, kIdle));
  EXPECT_TRUE(ListLiveSessions(sql, account, kT0 + kAbsolute, kIdle).empty());
}

TEST_P(SessionStoreDbTest, Asvs331_EndSessionEndsItForEveryone) {
  const std::int64_t account = NewMemberAccount();
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const NewSession s = StartSession(sql, account, "203.0.113.7", kAgent, kT0, kAbsolute);
  EndSession(sql, s.record.id_hash);
  EXPECT_FALSE(FindLiveSession(sql, s.cookie_value, kT0 + 1, kIdle));
  // Another connection (another app instance) sees the same.
  auto other = db().Acquire();
  EXPECT_FALSE(FindLiveSession(other.session(), s.cookie_value, kT0 + 1, kIdle));
}

TEST_P(SessionStoreDbTest, EndByHandleOnlyForTheOwner) {
  const std::int64_t owner = NewMemberAccount(1);
  const std::int64_t stranger = NewMemberAccount(2);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const NewSession s = StartSession(sql, owner, "203.0.113.7", kAgent, kT0, kAbsolute);
  EXPECT_FALSE(EndSessionByHandle(sql, stranger, s.record.handle));
  EXPECT_TRUE(FindLiveSession(sql, s.cookie_value, kT0 + 1, kIdle));
  EXPECT_FALSE(EndSessionByHandle(sql, owner, "no-such-handle"));
  EXPECT_FALSE(EndSessionByHandle(sql, owner, s.record.id_hash));  // the handle, not the id
  EXPECT_TRUE(FindLiveSession(sql, s.cookie_value, kT0 + 1, kIdle));
  EXPECT_TRUE(EndSessionByHandle(sql, owner, s.record.handle));
  EXPECT_FALSE(FindLiveSession(sql, s.cookie_value, kT0 + 1, kIdle));
  EXPECT_FALSE(EndSessionByHandle(sql, owner, s.record.handle));
}

TEST_P(SessionStoreDbTest, EndExceptKeepsOneAndLeavesOtherAccountsAlone) {
  const std::int64_t account = NewMemberAccount(1);
  const std::int64_t other = NewMemberAccount(2);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const NewSession keep = StartSession(sql, account, "203.0.113.7", kAgent, kT0, kAbsolute);
  const NewSession a = StartSession(sql, account, "198.51.100.1", "curl/8", kT0, kAbsolute);
  const NewSession b = StartSession(sql, account, "198.51.100.2", "curl/8", kT0, kAbsolute);
  const NewSession theirs = StartSession(sql, other, "192.0.2.1", kAgent, kT0, kAbsolute);
  EXPECT_EQ(EndSessionsExcept(sql, account, keep.record.id_hash), 2);
  EXPECT_TRUE(FindLiveSession(sql, keep.cookie_value, kT0 + 1, kIdle));
  EXPECT_FALSE(FindLiveSession(sql, a.cookie_value, kT0 + 1, kIdle));
  EXPECT_FALSE(FindLiveSession(sql, b.cookie_value, kT0 + 1, kIdle));
  EXPECT_TRUE(FindLiveSession(sql, theirs.cookie_value, kT0 + 1, kIdle));
  EXPECT_EQ(EndSessionsExcept(sql, account, keep.record.id_hash), 0);
  // "" ends them all (a password reset).
  EXPECT_EQ(EndSessionsExcept(sql, account, ""), 1);
  EXPECT_FALSE(FindLiveSession(sql, keep.cookie_value, kT0 + 1, kIdle));
  EXPECT_TRUE(FindLiveSession(sql, theirs.cookie_value, kT0 + 1, kIdle));
}

TEST_P(SessionStoreDbTest, ListsLiveSessionsMostRecentlySeenFirst) {
  const std::int64_t account = NewMemberAccount(1);
  const std::int64_t other = NewMemberAccount(2);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const NewSession old_one = StartSession(sql, account, "192.0.2.1", kAgent, kT0 - 3 * kIdle,
                                          kAbsolute);  // idle by now
  const NewSession a = StartSession(sql, account, "192.0.2.2", kAgent, kT0 - 100, kAbsolute);
  const NewSession b = StartSession(sql, account, "192.0.2.3", kAgent, kT0 - 50, kAbsolute);
  StartSession(sql, other, "192.0.2.4", kAgent, kT0, kAbsolute);
  TouchSession(sql, a.record.id_hash, kT0 - 10);
  auto live = ListLiveSessions(sql, account, kT0, kIdle);
  ASSERT_EQ(live.size(), 2u);
  EXPECT_EQ(live[0].handle, a.record.handle);
  EXPECT_EQ(live[0].last_seen_at, kT0 - 10);
  EXPECT_EQ(live[0].ip, "192.0.2.2");
  EXPECT_EQ(live[1].handle, b.record.handle);
  EXPECT_NE(live[0].handle, old_one.record.handle);
}

TEST_P(SessionStoreDbTest, LongUserAgentsAreCut) {
  const std::int64_t account = NewMemberAccount();
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const NewSession s =
      StartSession(sql, account, "203.0.113.7", std::string(10000, 'u'), kT0, kAbsolute);
  EXPECT_EQ(FindLiveSession(sql, s.cookie_value, kT0, kIdle)->user_agent, std::string(512, 'u'));
}

TEST_P(SessionStoreDbTest, AnyUserAgentBytesAreStoredAsValidText) {
  // The header comes from the client as bytes: invalid UTF-8, or a cut inside a character,
  // must not make the sign-in fail (PostgreSQL refuses invalid UTF-8 text).
  const std::int64_t account = NewMemberAccount();
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  for (const std::string& agent :
       {std::string("Mozilla/5.0 \xff\xfe (X11)"), std::string(511, 'a') + "\xc3\xa9" + "tail",
        std::string("Nokia\x01\x7f")}) {
    NewSession s;
    ASSERT_NO_THROW(s = StartSession(sql, account, "203.0.113.7", agent, kT0, kAbsolute));
    auto found = FindLiveSession(sql, s.cookie_value, kT0, kIdle);
    ASSERT_TRUE(found);
    EXPECT_TRUE(http::IsValidUtf8(found->user_agent)) << found->user_agent;
    EXPECT_LE(found->user_agent.size(), 2048u);
  }
}

LUMBUNG_INSTANTIATE_DB_TESTS(SessionStoreDbTest);

}  // namespace
}  // namespace lumbung::identity
