#include "core/db/database.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "core/db/native_handle.h"
#include "support/test_databases.h"

namespace lumbung::db {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Clock = std::chrono::steady_clock;

class DatabaseDbTest : public testing::DatabaseTest {};

TEST_P(DatabaseDbTest, RunsParameterisedQueries) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  sql << "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL, amount BIGINT)";
  for (int i = 1; i <= 3; ++i) {
    std::string body = "note; 'quoted' " + std::to_string(i);
    long long amount = 10'000'000'000LL * i;
    sql << "INSERT INTO notes (id, body, amount) VALUES (:id, :body, :amount)", soci::use(i),
        soci::use(body), soci::use(amount);
  }
  std::string body;
  long long amount = 0;
  const int id = 2;  // use() keeps a reference: never bind a temporary
  sql << "SELECT body, amount FROM notes WHERE id = :id", soci::use(id), soci::into(body),
      soci::into(amount);
  EXPECT_EQ(body, "note; 'quoted' 2");
  EXPECT_EQ(amount, 20'000'000'000LL);
  EXPECT_EQ(db().dialect(), GetParam() == "sqlite" ? Dialect::kSqlite : Dialect::kPostgres);
  EXPECT_EQ(SessionDialect(sql), db().dialect());
}

TEST_P(DatabaseDbTest, NoLeaseOnAThreadThatMustNotWait) {
  {
    NoWaitingHere network_thread;
    { NoWaitingHere nested; }
    EXPECT_THROW(db().Acquire(), WouldWait);  // still inside the outer one
    // Another thread (a worker) is unaffected.
    std::thread worker([&] { EXPECT_NO_THROW(db().Acquire()); });
    worker.join();
  }
  EXPECT_NO_THROW(db().Acquire());
  EXPECT_EQ(db().Stats().in_use, 0u);
}

TEST_P(DatabaseDbTest, PingAnswers) {
  EXPECT_TRUE(db().Ping());
  EXPECT_EQ(db().Stats().in_use, 0u);
}

TEST_P(DatabaseDbTest, StatsCountLeasesAndWaits) {
  Reopen({.pool_size = 2, .lease_timeout = std::chrono::milliseconds(5000)});
  PoolStats before = db().Stats();
  EXPECT_EQ(before.size, 2u);
  EXPECT_EQ(before.open, 1u);  // the first connection opens eagerly
  EXPECT_EQ(before.in_use, 0u);
  {
    auto a = db().Acquire();
    auto b = db().Acquire();
    PoolStats busy = db().Stats();
    EXPECT_EQ(busy.in_use, 2u);
    EXPECT_EQ(busy.open, 2u);
    EXPECT_EQ(busy.total_leases, before.total_leases + 2);
    // A third lease waits until one is returned.
    std::atomic<bool> got{false};
    std::thread waiter([&] {
      auto c = db().Acquire();
      got = true;
    });
    while (db().Stats().waits == before.waits) std::this_thread::yield();
    EXPECT_FALSE(got);
    { auto released = std::move(a); }
    waiter.join();
    EXPECT_TRUE(got);
  }
  PoolStats after = db().Stats();
  EXPECT_EQ(after.in_use, 0u);
  EXPECT_EQ(after.waits, before.waits + 1);
  EXPECT_EQ(after.total_leases, before.total_leases + 3);
}

TEST_P(DatabaseDbTest, LeaseTimesOutWhenPoolIsExhausted) {
  Reopen({.pool_size = 1});
  auto held = db().Acquire();
  const auto started = Clock::now();
  EXPECT_THROW(db().Acquire(std::chrono::milliseconds(50)), PoolTimeout);
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(2));
  EXPECT_EQ(db().Stats().timeouts, 1u);
  EXPECT_FALSE(db().Ping(std::chrono::milliseconds(50)));  // no connection: not ready
}

TEST_P(DatabaseDbTest, ConcurrentWritersThroughThePool) {
  Reopen({.pool_size = 3});
  {
    auto lease = db().Acquire();
    *lease << "CREATE TABLE hits (thread_id INTEGER NOT NULL, n INTEGER NOT NULL)";
  }
  constexpr int kThreads = 6, kPerThread = 40;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int n = 0; n < kPerThread; ++n) {
        try {
          auto lease = db().Acquire();
          soci::transaction tx(*lease);
          *lease << "INSERT INTO hits (thread_id, n) VALUES (:t, :n)", soci::use(t), soci::use(n);
          tx.commit();
        } catch (const std::exception& e) {
          ++failures;
          ADD_FAILURE() << e.what();
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  int count = 0;
  auto lease = db().Acquire();
  *lease << "SELECT COUNT(*) FROM hits", soci::into(count);
  EXPECT_EQ(count, kThreads * kPerThread);
  EXPECT_LE(db().Stats().open, 3u);
}

TEST_P(DatabaseDbTest, AbandonedTransactionIsRolledBackOnReturn) {
  Reopen({.pool_size = 1});
  {
    auto lease = db().Acquire();
    *lease << "CREATE TABLE t (v INTEGER)";
  }
  {
    auto lease = db().Acquire();
    ExecuteVerbatim(*lease, "BEGIN");
    *lease << "INSERT INTO t (v) VALUES (1)";
  }  // returned without COMMIT
  auto lease = db().Acquire();
  int count = -1;
  *lease << "SELECT COUNT(*) FROM t", soci::into(count);
  EXPECT_EQ(count, 0);
  // And the connection is usable for a new transaction.
  soci::transaction tx(*lease);
  *lease << "INSERT INTO t (v) VALUES (2)";
  tx.commit();
}

TEST_P(DatabaseDbTest, ForeignKeysAreEnforced) {
  auto lease = db().Acquire();
  *lease << "CREATE TABLE parent (id INTEGER PRIMARY KEY)";
  *lease << "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL "
            "REFERENCES parent (id))";
  *lease << "INSERT INTO parent (id) VALUES (1)";
  *lease << "INSERT INTO child (id, parent_id) VALUES (1, 1)";
  EXPECT_THROW(*lease << "INSERT INTO child (id, parent_id) VALUES (2, 42)", soci::soci_error);
}

TEST_P(DatabaseDbTest, DataSurvivesReopening) {
  {
    auto lease = db().Acquire();
    *lease << "CREATE TABLE kept (v TEXT)";
    *lease << "INSERT INTO kept (v) VALUES ('still here')";
  }
  Reopen();
  auto lease = db().Acquire();
  std::string v;
  *lease << "SELECT v FROM kept", soci::into(v);
  EXPECT_EQ(v, "still here");
}

LUMBUNG_INSTANTIATE_DB_TESTS(DatabaseDbTest);

TEST(DatabaseTest, SqlitePragmas) {
  testing::TestDatabase test_database("sqlite");
  auto database = test_database.Open();
  auto lease = database->Acquire();
  std::string journal;
  int foreign_keys = 0, busy = 0, synchronous = -1;
  *lease << "PRAGMA journal_mode", soci::into(journal);
  *lease << "PRAGMA foreign_keys", soci::into(foreign_keys);
  *lease << "PRAGMA busy_timeout", soci::into(busy);
  *lease << "PRAGMA synchronous", soci::into(synchronous);
  EXPECT_EQ(journal, "wal");
  EXPECT_EQ(foreign_keys, 1);
  EXPECT_EQ(busy, 5000);
  EXPECT_EQ(synchronous, 1);  // NORMAL
}

// The server goes away under a pooled connection (here: its backend is terminated and new
// connections are refused): Ping says false quickly, and true again once the server is back,
// without restarting the pool.
TEST(DatabaseTest, PostgresPingFollowsServerAvailability) {
  if (testing::SkipPostgres()) GTEST_SKIP() << "LUMBUNG_TEST_SKIP_POSTGRES=1";
  testing::TestDatabase test_database("postgresql");
  auto database =
      test_database.Open({.pool_size = 1, .postgres_connect_timeout = std::chrono::seconds(2)});
  ASSERT_TRUE(database->Ping());
  const std::string name = test_database.ParsedUrl().database;
  testing::TestDatabase admin_side("postgresql");  // another database on the same cluster
  auto admin = admin_side.Open({.pool_size = 1});
  {
    auto lease = admin->Acquire();
    ExecuteVerbatim(*lease, "ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
    ExecuteVerbatim(*lease,
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                    "datname = '" +
                        name + "'");
  }
  const auto started = Clock::now();
  EXPECT_FALSE(database->Ping());  // the old connection is dead
  EXPECT_FALSE(database->Ping());  // and a new one is refused
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(5));
  EXPECT_THROW(database->Acquire(), DatabaseError);
  {
    auto lease = admin->Acquire();
    ExecuteVerbatim(*lease, "ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
  }
  EXPECT_TRUE(database->Ping());
  auto lease = database->Acquire();
  int one = 0;
  *lease << "SELECT 1", soci::into(one);
  EXPECT_EQ(one, 1);
}

TEST(DatabaseTest, SqliteCreatesTheParentDirectory) {
  std::string pattern = (std::filesystem::temp_directory_path() / "lumbung-dir-XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  const std::filesystem::path root = pattern;
  {
    Database database(ParseDatabaseUrl("sqlite:" + (root / "a b/c/x.db").string()));
    EXPECT_TRUE(database.Ping());
  }
  EXPECT_TRUE(std::filesystem::exists(root / "a b/c/x.db"));
  std::filesystem::remove_all(root);
}

TEST(DatabaseTest, SqliteMemoryHasOneConnection) {
  Database database(ParseDatabaseUrl("sqlite::memory:"), {.pool_size = 4});
  EXPECT_EQ(database.Stats().size, 1u);
  auto lease = database.Acquire();
  *lease << "CREATE TABLE m (v INTEGER)";
}

TEST(DatabaseTest, UnreachablePostgresFailsFastWithoutThePassword) {
  // A port that was free a moment ago: nothing listens there.
  const auto started = Clock::now();
  try {
    Database database(ParseDatabaseUrl("postgresql://u:hunter2@127.0.0.1:1/lumbung"),
                      {.postgres_connect_timeout = std::chrono::seconds(2)});
    FAIL() << "expected DatabaseError";
  } catch (const DatabaseError& e) {
    EXPECT_THAT(e.what(), HasSubstr("postgresql://u:***@127.0.0.1:1/lumbung"));
    EXPECT_THAT(e.what(), Not(HasSubstr("hunter2")));
  }
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(5));
}

TEST(DatabaseTest, CanStartWithoutTheDatabase) {
  Database database(
      ParseDatabaseUrl("postgresql://u:hunter2@127.0.0.1:1/lumbung"),
      {.postgres_connect_timeout = std::chrono::seconds(2), .connect_at_start = false});
  EXPECT_EQ(database.Stats().open, 0u);
  const auto started = Clock::now();
  EXPECT_FALSE(database.Ping());
  EXPECT_THROW(database.Acquire(), DatabaseError);
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(5));
  EXPECT_EQ(database.Stats().in_use, 0u);
}

}  // namespace
}  // namespace lumbung::db
