#include <gtest/gtest.h>
#include <soci/soci.h>

#include <latch>
#include <set>
#include <thread>

#include "credentials/status_list.h"
#include "support/test_databases.h"

namespace lumbung::credentials {
namespace {

constexpr std::int64_t kNow = 1'767'225'600;

class StatusListDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/credentials/migrations"});
  }
  std::int64_t Allocate(const std::string& list) {
    auto lease = db().Acquire();
    return AllocateStatusIndex(*lease, list, kNow);
  }
};

TEST_P(StatusListDbTest, IndexesAreUniqueAndInTheList) {
  std::set<std::int64_t> seen;
  for (int i = 0; i < 300; ++i) {
    const auto index = Allocate("1");
    EXPECT_GE(index, 0);
    EXPECT_LT(index, kStatusListSize);
    EXPECT_TRUE(seen.insert(index).second) << index;
  }
  // Random, not sequential: a holder's index tells nothing about when others were issued.
  EXPECT_GT(*seen.rbegin() - *seen.begin(), 1000);
}

TEST_P(StatusListDbTest, ConcurrentAllocationsNeverShareAnIndex) {
  constexpr int kThreads = 4, kEach = 40;
  std::latch start(kThreads);
  std::vector<std::vector<std::int64_t>> got(kThreads);
  std::vector<std::string> errors(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        start.arrive_and_wait();
        for (int i = 0; i < kEach; ++i) got[t].push_back(Allocate("1"));
      } catch (const std::exception& e) {
        errors[t] = e.what();
      }
    });
  }
  for (auto& th : threads) th.join();
  std::set<std::int64_t> all;
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(errors[t], "");
    all.insert(got[t].begin(), got[t].end());
  }
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kThreads * kEach));
}

TEST_P(StatusListDbTest, RevocationShowsInTheEncodedList) {
  const auto revoked = Allocate("1");
  const auto kept = Allocate("1");
  const auto other_list = Allocate("2");
  auto lease = db().Acquire();
  EXPECT_TRUE(SetRevoked(*lease, "1", revoked, true, kNow + 10));
  EXPECT_TRUE(SetRevoked(*lease, "1", revoked, true, kNow + 20));  // again: still revoked
  long long at = 0;
  *lease << "SELECT revoked_at FROM credential_status_entries WHERE list_id = '1'"
            " AND status_index = :i",
      soci::into(at), soci::use(static_cast<long long>(revoked));
  EXPECT_EQ(at, kNow + 10);

  auto bits = DecodeStatusList(EncodedStatusList(*lease, "1"));
  ASSERT_TRUE(bits);
  EXPECT_TRUE(StatusBit(*bits, revoked));
  EXPECT_FALSE(StatusBit(*bits, kept));
  EXPECT_EQ(std::count(bits->begin(), bits->end(), true), 1);
  auto other_bits = DecodeStatusList(EncodedStatusList(*lease, "2"));
  ASSERT_TRUE(other_bits);
  EXPECT_EQ(std::count(other_bits->begin(), other_bits->end(), true), 0);

  // An index never handed out in that list changes nothing.
  EXPECT_FALSE(SetRevoked(*lease, "2", revoked == other_list ? revoked + 1 : revoked, true, kNow));
  EXPECT_TRUE(SetRevoked(*lease, "1", revoked, false, kNow + 30));
  EXPECT_EQ(LoadStatusBits(*lease, "1"), std::vector<bool>(kStatusListSize));
}

TEST_P(StatusListDbTest, NearlyFullListHandsOutTheLastIndexesThenSaysFull) {
  {
    auto lease = db().Acquire();
    long long last = kStatusListSize - 2;
    *lease << "INSERT INTO credential_status_entries (list_id, status_index, created_at)"
              " WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq"
              " WHERE n < :last) SELECT 'full', n, 0 FROM seq WHERE n <> 4242",
        soci::use(last);
  }
  std::set<std::int64_t> got = {Allocate("full"), Allocate("full")};
  EXPECT_EQ(got, (std::set<std::int64_t>{4242, kStatusListSize - 1}));
  EXPECT_THROW(Allocate("full"), StatusListFull);
}

LUMBUNG_INSTANTIATE_DB_TESTS(StatusListDbTest);

}  // namespace
}  // namespace lumbung::credentials
