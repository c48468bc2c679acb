#include "identity/throttle_store.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "core/security/tokens.h"
#include "identity/identity_db_test_util.h"

namespace lumbung::identity {
namespace {

using test::kT0;

class ThrottleStoreDbTest : public test::IdentityDbTest {};

TEST_P(ThrottleStoreDbTest, CountersStartEmptyAndRoundTrip) {
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const ThrottleState empty = LoadThrottle(sql, "login:a:1");
  EXPECT_EQ(empty.failures, 0);
  EXPECT_EQ(empty.blocked_until, 0);
  EXPECT_EQ(empty.window_start, 0);
  EXPECT_EQ(empty.window_count, 0);

  SaveThrottle(sql, "login:a:1",
               {.failures = 6, .blocked_until = kT0 + 30, .window_start = kT0, .window_count = 6});
  SaveThrottle(sql, "login:a:2",
               {.failures = 1, .blocked_until = 0, .window_start = kT0 + 1, .window_count = 1});
  ThrottleState s = LoadThrottle(sql, "login:a:1");
  EXPECT_EQ(s.failures, 6);
  EXPECT_EQ(s.blocked_until, kT0 + 30);
  EXPECT_EQ(s.window_start, kT0);
  EXPECT_EQ(s.window_count, 6);
  // Saving again replaces the row (an upsert on both databases).
  SaveThrottle(
      sql, "login:a:1",
      {.failures = 0, .blocked_until = kT0 + 900, .window_start = kT0, .window_count = 10});
  s = LoadThrottle(sql, "login:a:1");
  EXPECT_EQ(s.failures, 0);
  EXPECT_EQ(s.blocked_until, kT0 + 900);
  EXPECT_EQ(s.window_count, 10);
  EXPECT_EQ(LoadThrottle(sql, "login:a:2").window_start, kT0 + 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM throttle"), 2);
}

TEST_P(ThrottleStoreDbTest, TheRulesAndTheStoreTogetherLockAnAccount) {
  const ThrottleLimits limits;
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  std::int64_t now = kT0;
  int locks = 0;
  for (int i = 0; i < limits.lock_after; ++i) {
    GateDecision gate = CheckGate(LoadThrottle(sql, "login:a:7"), now, limits);
    if (gate.gate != Gate::kOpen) now = gate.until;
    FailureOutcome out = RecordFailure(LoadThrottle(sql, "login:a:7"), now, limits);
    SaveThrottle(sql, "login:a:7", out.state);
    locks += out.locked_now ? 1 : 0;
  }
  EXPECT_EQ(locks, 1);
  EXPECT_EQ(CheckGate(LoadThrottle(sql, "login:a:7"), now, limits).gate, Gate::kLocked);
  EXPECT_EQ(LoadThrottle(sql, "login:a:7").window_count, limits.lock_after);
}

TEST_P(ThrottleStoreDbTest, TakeRateLimitAllowsLimitPerWindowAndCountsOnlyThose) {
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const std::string key = "register:ip:203.0.113.7";
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(TakeRateLimit(sql, key, 3, 900, kT0 + i)) << i;
    EXPECT_EQ(RateLimitCount(sql, key, 900, kT0 + i), i + 1);
  }
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(TakeRateLimit(sql, key, 3, 900, kT0 + 10 + i));
  EXPECT_EQ(RateLimitCount(sql, key, 900, kT0 + 20), 3);  // refused attempts are not counted
  // Other keys have their own windows.
  EXPECT_TRUE(TakeRateLimit(sql, "register:ip:198.51.100.1", 3, 900, kT0 + 20));
  EXPECT_EQ(RateLimitCount(sql, "register:ip:198.51.100.1", 900, kT0 + 20), 1);
  // The window runs from its first attempt.
  EXPECT_FALSE(TakeRateLimit(sql, key, 3, 900, kT0 + 899));
  EXPECT_EQ(RateLimitCount(sql, key, 900, kT0 + 900), 0);
  EXPECT_TRUE(TakeRateLimit(sql, key, 3, 900, kT0 + 900));
  EXPECT_EQ(RateLimitCount(sql, key, 900, kT0 + 900), 1);
  EXPECT_EQ(LoadThrottle(sql, key).window_start, kT0 + 900);
}

TEST_P(ThrottleStoreDbTest, TakeRateLimitHoldsAcrossConnections) {
  // Two app instances (two connections) share one count.
  auto a = db().Acquire();
  auto b = db().Acquire();
  EXPECT_TRUE(TakeRateLimit(a.session(), "forgot:ip:x", 2, 3600, kT0));
  EXPECT_TRUE(TakeRateLimit(b.session(), "forgot:ip:x", 2, 3600, kT0 + 1));
  EXPECT_FALSE(TakeRateLimit(a.session(), "forgot:ip:x", 2, 3600, kT0 + 2));
  EXPECT_FALSE(TakeRateLimit(b.session(), "forgot:ip:x", 2, 3600, kT0 + 3));
}

TEST_P(ThrottleStoreDbTest, KnownDevicesBelongToOneAccountAndKeepTheirOwnCounter) {
  const std::int64_t account = NewMemberAccount(1);
  const std::int64_t other = NewMemberAccount(2);
  auto lease = db().Acquire();
  soci::session& sql = lease.session();
  const std::string device = security::HashToken(security::NewToken());
  EXPECT_FALSE(FindKnownDevice(sql, device, account));
  RememberDevice(sql, device, account, kT0);
  auto found = FindKnownDevice(sql, device, account);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id_hash, device);
  EXPECT_EQ(found->account_id, account);
  EXPECT_EQ(found->throttle.failures, 0);
  EXPECT_EQ(found->throttle.blocked_until, 0);
  EXPECT_FALSE(FindKnownDevice(sql, device, other));  // the cookie of another account
  EXPECT_FALSE(FindKnownDevice(sql, security::HashToken("other"), account));

  KnownDevice d = *found;
  d.throttle.failures = 4;
  d.throttle.blocked_until = kT0 + 15;
  SaveDeviceThrottle(sql, d, kT0 + 1);
  found = FindKnownDevice(sql, device, account);
  EXPECT_EQ(found->throttle.failures, 4);
  EXPECT_EQ(found->throttle.blocked_until, kT0 + 15);
  // The account's own counter is another thing.
  EXPECT_EQ(LoadThrottle(sql, "login:a:" + std::to_string(account)).failures, 0);

  // Signing in again from the device clears its counter.
  RememberDevice(sql, device, account, kT0 + 100);
  found = FindKnownDevice(sql, device, account);
  EXPECT_EQ(found->throttle.failures, 0);
  EXPECT_EQ(found->throttle.blocked_until, 0);
  long long last_used = 0, created = 0;
  sql << "SELECT last_used_at, created_at FROM known_devices WHERE id_hash = :h", soci::use(device),
      soci::into(last_used), soci::into(created);
  EXPECT_EQ(last_used, kT0 + 100);
  EXPECT_EQ(created, kT0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM known_devices"), 1);
}

LUMBUNG_INSTANTIATE_DB_TESTS(ThrottleStoreDbTest);

}  // namespace
}  // namespace lumbung::identity
