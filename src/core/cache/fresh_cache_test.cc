#include "core/cache/fresh_cache.h"

#include <gtest/gtest.h>

namespace lumbung::cache {
namespace {

struct FakeClock {
  std::int64_t now = 1000;
  Clock clock() {
    return [this] { return now; };
  }
};

TEST(FreshCache, ServesTheReadValueUntilItsTimeIsUp) {
  FakeClock t;
  FreshCache<int> cache(2000, 100, t.clock());
  int loads = 0;
  auto load = [&] { return ++loads; };
  EXPECT_EQ(*cache.Get("a", load), 1);
  t.now += 1999;
  EXPECT_EQ(*cache.Get("a", load), 1);
  t.now += 1;
  EXPECT_EQ(*cache.Get("a", load), 2);
  EXPECT_EQ(loads, 2);
}

TEST(FreshCache, AnyChangeInTheProcessMakesEveryValueStale) {
  FakeClock t;
  FreshCache<int> cache(60000, 100, t.clock());
  int loads = 0;
  auto load = [&] { return ++loads; };
  EXPECT_EQ(*cache.Get("a", load), 1);
  EXPECT_EQ(*cache.Get("b", load), 2);
  Changed();
  EXPECT_EQ(*cache.Get("a", load), 3);
  EXPECT_EQ(*cache.Get("b", load), 4);
  EXPECT_EQ(*cache.Get("a", load), 3);
}

TEST(FreshCache, AValueReadWhileSomethingChangedIsNotKept) {
  FakeClock t;
  FreshCache<int> cache(60000, 100, t.clock());
  int loads = 0;
  // The read began before a write in another request finished: it may hold the old figures.
  EXPECT_EQ(*cache.Get("a",
                       [&] {
                         Changed();
                         return ++loads;
                       }),
            1);
  EXPECT_EQ(*cache.Get("a", [&] { return ++loads; }), 2);
  EXPECT_EQ(*cache.Get("a", [&] { return ++loads; }), 2);
}

TEST(FreshCache, ZeroTtlReadsEveryTime) {
  FreshCache<int> cache(0);
  int loads = 0;
  auto load = [&] { return ++loads; };
  EXPECT_FALSE(cache.enabled());
  cache.Get("a", load);
  cache.Get("a", load);
  EXPECT_EQ(loads, 2);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(FreshCache, KeysAreExact) {
  FakeClock t;
  FreshCache<std::string> cache(60000, 100, t.clock());
  EXPECT_EQ(*cache.Get("session-a", [] { return std::string("alice"); }), "alice");
  EXPECT_EQ(*cache.Get("session-b", [] { return std::string("bob"); }), "bob");
  EXPECT_EQ(*cache.Get("session-a", [] { return std::string("?"); }), "alice");
}

TEST(FreshCache, ForgetAndUpdateTouchOnlyTheirKey) {
  FakeClock t;
  FreshCache<int> cache(60000, 100, t.clock());
  cache.Get("a", [] { return 1; });
  cache.Get("b", [] { return 2; });
  cache.Forget("a");
  EXPECT_EQ(*cache.Get("a", [] { return 10; }), 10);
  cache.Update("b", [](int& v) { v = 20; });
  cache.Update("missing", [](int& v) { v = 99; });
  EXPECT_EQ(*cache.Get("b", [] { return 0; }), 20);
  EXPECT_EQ(*cache.Get("missing", [] { return 5; }), 5);
}

TEST(FreshCache, StaysWithinItsCapacity) {
  FakeClock t;
  FreshCache<int> cache(60000, 64, t.clock());
  for (int i = 0; i < 10000; ++i) cache.Get("k" + std::to_string(i), [i] { return i; });
  EXPECT_LE(cache.size(), 64u + 16u);
}

}  // namespace
}  // namespace lumbung::cache
