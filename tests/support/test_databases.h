// Databases for DB-facing tests: every such test runs on a fresh SQLite file AND on a fresh
// database in the throw-away PostgreSQL cluster (tests/support/postgres_cluster, started by the
// CTest fixture `postgres`, which writes the cluster's URL to the file named by the environment
// variable LUMBUNG_TEST_PG_URL_FILE).
//
// Without that variable the PostgreSQL variants FAIL with a message saying how to run them;
// LUMBUNG_TEST_SKIP_POSTGRES=1 makes them skip instead, for quick local iterations only.
//
//   class LedgerDbTest : public lumbung::testing::DatabaseTest {};
//   TEST_P(LedgerDbTest, StoresRows) {
//     ApplyMigrations({"src/registry/migrations"});  // relative to the source tree
//     auto lease = db().Acquire();
//     ...
//   }
//   LUMBUNG_INSTANTIATE_DB_TESTS(LedgerDbTest);  // -> Db/LedgerDbTest.StoresRows/sqlite,
//   /postgresql
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/database.h"

namespace lumbung::testing {

// The parameter values of DB tests.
inline constexpr std::string_view kSqlite = "sqlite";
inline constexpr std::string_view kPostgres = "postgresql";

// For INSTANTIATE_TEST_SUITE_P: both backends, named by backend.
inline auto AllBackends() {
  return ::testing::Values(std::string(kSqlite), std::string(kPostgres));
}
inline std::string BackendTestName(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

// True when LUMBUNG_TEST_SKIP_POSTGRES=1.
bool SkipPostgres();

// The source tree (LUMBUNG_SHARE_DIR as set by CTest, else the configured source directory):
// where migrations, config and data files are.
std::filesystem::path SourceDir();

// A fresh, empty database, removed (file deleted / database dropped) on destruction.
// Close every connection to it (destroy the db::Database) first.
class TestDatabase {
 public:
  // backend: "sqlite" or "postgresql". Throws std::runtime_error with instructions when the
  // PostgreSQL cluster is not configured or unreachable.
  explicit TestDatabase(std::string_view backend);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // The `database.url` of this database. Holds the cluster's password: print Redacted() instead.
  const std::string& url() const { return url_; }
  db::DatabaseUrl ParsedUrl() const;
  std::unique_ptr<db::Database> Open(db::DatabaseOptions options = {}) const;

 private:
  std::string backend_;
  std::string url_;
  std::filesystem::path temp_dir_;  // SQLite
  std::string admin_url_;           // PostgreSQL: the cluster's base URL
  std::string database_name_;       // PostgreSQL
};

// Value-parameterised fixture over AllBackends(): a fresh database per test.
class DatabaseTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;

  db::Database& db() { return *database_; }
  db::Dialect dialect() const { return database_->dialect(); }
  const TestDatabase& test_database() const { return *test_database_; }
  // Applies the migrations in `dirs` (relative paths are relative to SourceDir()).
  void ApplyMigrations(const std::vector<std::filesystem::path>& dirs);
  // Closes and reopens the pool (e.g. to check that data survives reconnection).
  void Reopen(db::DatabaseOptions options = {});

 private:
  std::unique_ptr<TestDatabase> test_database_;
  std::unique_ptr<db::Database> database_;
};

}  // namespace lumbung::testing

#define LUMBUNG_INSTANTIATE_DB_TESTS(Suite)                              \
  INSTANTIATE_TEST_SUITE_P(Db, Suite, ::lumbung::testing::AllBackends(), \
                           ::lumbung::testing::BackendTestName)
