#include "core/db/migrator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <stdlib.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "support/test_databases.h"

namespace lumbung::db {
namespace {

using ::testing::HasSubstr;

class MigratorDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    testing::DatabaseTest::SetUp();
    std::string pattern = (std::filesystem::temp_directory_path() / "lumbung-mig-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    testing::DatabaseTest::TearDown();
  }
  void Write(const std::string& name, const std::string& sql) { std::ofstream(dir_ / name) << sql; }
  int Count(const std::string& table) {
    auto lease = db().Acquire();
    int n = -1;
    *lease << "SELECT COUNT(*) FROM " + table, soci::into(n);
    return n;
  }
  bool TableExists(const std::string& table) {
    auto lease = db().Acquire();
    try {
      int n = 0;
      *lease << "SELECT COUNT(*) FROM " + table, soci::into(n);
      return true;
    } catch (const soci::soci_error&) {
      return false;
    }
  }
  std::filesystem::path dir_;
};

TEST_P(MigratorDbTest, AppliesInOrderOnceAndRecordsThem) {
  Write("0001_people.sql",
        "-- people\nCREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
        "CREATE INDEX people_name ON people (name);\n");
  Write("0002_seed.sql",
        "INSERT INTO people (id, name) VALUES (1, 'Siti; Aminah');\n"
        "INSERT INTO people (id, name) VALUES (2, 'Budi: :not_a_parameter');\n");
  EXPECT_EQ(PendingMigrations(db(), {dir_}).size(), 2u);
  std::ostringstream log;
  EXPECT_EQ(Migrate(db(), {dir_}, log), 2);
  EXPECT_THAT(log.str(), HasSubstr("applied 0001_people"));
  EXPECT_THAT(log.str(), HasSubstr("applied 0002_seed"));
  EXPECT_EQ(Count("people"), 2);
  EXPECT_TRUE(PendingMigrations(db(), {dir_}).empty());

  // Idempotent: nothing runs twice.
  std::ostringstream again;
  EXPECT_EQ(Migrate(db(), {dir_}, again), 0);
  EXPECT_EQ(Count("people"), 2);

  auto lease = db().Acquire();
  std::string name, applied_at;
  *lease << "SELECT name, applied_at FROM schema_migrations WHERE version = 2", soci::into(name),
      soci::into(applied_at);
  EXPECT_EQ(name, "seed");
  EXPECT_EQ(applied_at.size(), 20u);  // 2025-01-31T12:34:56Z
  std::string budi;
  *lease << "SELECT name FROM people WHERE id = 2", soci::into(budi);
  EXPECT_EQ(budi, "Budi: :not_a_parameter");  // statements run verbatim
}

TEST_P(MigratorDbTest, NewMigrationsApplyLater) {
  Write("0001_a.sql", "CREATE TABLE a (v INTEGER);");
  std::ostringstream log;
  EXPECT_EQ(Migrate(db(), {dir_}, log), 1);
  Write("0002_b.sql", "CREATE TABLE b (v INTEGER);");
  ASSERT_EQ(PendingMigrations(db(), {dir_}).size(), 1u);
  EXPECT_EQ(PendingMigrations(db(), {dir_})[0].name, "b");
  EXPECT_EQ(Migrate(db(), {dir_}, log), 1);
  EXPECT_TRUE(TableExists("b"));
}

TEST_P(MigratorDbTest, DialectOverrideReplacesGenericFile) {
  Write("0001_which.sql", "CREATE TABLE which (v TEXT);\nINSERT INTO which VALUES ('generic');");
  Write("0001_which.sqlite.sql",
        "CREATE TABLE which (v TEXT);\nINSERT INTO which VALUES ('sqlite');");
  Write("0001_which.postgresql.sql",
        "CREATE TABLE which (v TEXT);\nINSERT INTO which VALUES ('postgresql');");
  std::ostringstream log;
  Migrate(db(), {dir_}, log);
  auto lease = db().Acquire();
  std::string v;
  *lease << "SELECT v FROM which", soci::into(v);
  EXPECT_EQ(v, GetParam());
}

TEST_P(MigratorDbTest, BodiesWithSemicolons) {
  Write("0001_counts.sql",
        "CREATE TABLE items (v INTEGER);\nCREATE TABLE counts (n INTEGER);\n"
        "INSERT INTO counts VALUES (0);\n");
  Write("0002_trigger.sqlite.sql",
        "CREATE TRIGGER items_count AFTER INSERT ON items BEGIN\n"
        "  UPDATE counts SET n = n + 1;\n"
        "END;\n");
  Write("0002_trigger.postgresql.sql",
        "CREATE FUNCTION bump() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN\n  UPDATE counts SET n = n + 1;\n  RETURN NEW;\nEND;\n$$;\n"
        "CREATE TRIGGER items_count AFTER INSERT ON items FOR EACH ROW EXECUTE FUNCTION bump();\n");
  std::ostringstream log;
  EXPECT_EQ(Migrate(db(), {dir_}, log), 2);
  {
    auto lease = db().Acquire();
    *lease << "INSERT INTO items VALUES (1)";
    *lease << "INSERT INTO items VALUES (2)";
  }
  auto lease = db().Acquire();
  int n = 0;
  *lease << "SELECT n FROM counts", soci::into(n);
  EXPECT_EQ(n, 2);
}

TEST_P(MigratorDbTest, FailingMigrationLeavesNothingAndNamesFileAndLine) {
  Write("0001_ok.sql", "CREATE TABLE ok (v INTEGER);");
  Write("0002_broken.sql",
        "CREATE TABLE half (v INTEGER);\nINSERT INTO half VALUES (1);\n\nSELEC oops;\n");
  std::ostringstream log;
  try {
    Migrate(db(), {dir_}, log);
    FAIL() << "expected MigrationError";
  } catch (const MigrationError& e) {
    EXPECT_THAT(e.what(), HasSubstr("0002_broken.sql:4: "));
  }
  EXPECT_TRUE(TableExists("ok"));
  EXPECT_FALSE(TableExists("half"));  // rolled back with its transaction
  EXPECT_EQ(Count("schema_migrations"), 1);
  EXPECT_EQ(db().Stats().in_use, 0u);

  Write("0002_broken.sql", "CREATE TABLE half (v INTEGER);\nINSERT INTO half VALUES (1);\n");
  EXPECT_EQ(Migrate(db(), {dir_}, log), 1);
  EXPECT_EQ(Count("half"), 1);
}

TEST_P(MigratorDbTest, WarnsAboutUnknownRecordedVersions) {
  Write("0001_a.sql", "CREATE TABLE a (v INTEGER);");
  Write("0002_b.sql", "CREATE TABLE b (v INTEGER);");
  std::ostringstream log;
  Migrate(db(), {dir_}, log);
  std::filesystem::remove(dir_ / "0002_b.sql");
  std::ostringstream later;
  EXPECT_EQ(Migrate(db(), {dir_}, later), 0);
  EXPECT_THAT(later.str(), HasSubstr("warning: version 2 (b)"));
}

TEST_P(MigratorDbTest, ConcurrentMigratorsApplyEachMigrationOnce) {
  for (int v = 1; v <= 5; ++v) {
    Write("000" + std::to_string(v) + "_m" + std::to_string(v) + ".sql",
          "CREATE TABLE t" + std::to_string(v) + " (v INTEGER);\n");
  }
  auto other = test_database().Open();
  int applied_here = 0, applied_there = 0;
  std::thread there([&] {
    std::ostringstream log;
    applied_there = Migrate(*other, {dir_}, log);
  });
  std::ostringstream log;
  applied_here = Migrate(db(), {dir_}, log);
  there.join();
  EXPECT_EQ(applied_here + applied_there, 5);
  EXPECT_EQ(Count("schema_migrations"), 5);
}

LUMBUNG_INSTANTIATE_DB_TESTS(MigratorDbTest);

}  // namespace
}  // namespace lumbung::db
