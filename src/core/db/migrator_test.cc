#include "core/db/migrator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>

namespace lumbung::db {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> Texts(std::string_view script) {
  std::vector<std::string> out;
  for (const SqlStatement& s : SplitSqlStatements(script)) out.push_back(s.text);
  return out;
}

TEST(SplitSqlStatementsTest, SplitsOnSemicolonsAndKeepsLines) {
  const auto statements = SplitSqlStatements(
      "-- header comment\n"
      "CREATE TABLE a (x INTEGER);\n"
      "\n"
      "CREATE TABLE b (\n"
      "  y TEXT\n"
      ");  -- trailing comment\n"
      "CREATE INDEX b_y ON b (y);");
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_EQ(statements[0].text, "-- header comment\nCREATE TABLE a (x INTEGER)");
  EXPECT_EQ(statements[0].line, 2);
  EXPECT_EQ(statements[1].text, "CREATE TABLE b (\n  y TEXT\n)");
  EXPECT_EQ(statements[1].line, 4);
  EXPECT_EQ(statements[2].line, 7);  // comments do not count
  EXPECT_EQ(statements[2].text, "-- trailing comment\nCREATE INDEX b_y ON b (y)");
}

TEST(SplitSqlStatementsTest, DropsEmptyAndCommentOnlyPieces) {
  EXPECT_THAT(Texts(";;\n  ; -- nothing\n/* still nothing; */\n"), ElementsAre());
  EXPECT_THAT(Texts(""), ElementsAre());
  EXPECT_THAT(Texts("SELECT 1; -- done"), ElementsAre("SELECT 1"));
}

TEST(SplitSqlStatementsTest, LastStatementWithoutSemicolon) {
  EXPECT_THAT(Texts("SELECT 1;\nSELECT 2\n"), ElementsAre("SELECT 1", "SELECT 2"));
}

TEST(SplitSqlStatementsTest, SemicolonsInsideQuotesAndComments) {
  EXPECT_THAT(Texts("INSERT INTO t VALUES ('a;b', 'it''s; fine');\n"
                    "SELECT \"odd;name\" FROM t; /* a; b */ SELECT 3;\n"
                    "SELECT E'back\\'slash;';\n"
                    "-- comment with ; inside\nSELECT 4;"),
              ElementsAre("INSERT INTO t VALUES ('a;b', 'it''s; fine')",
                          "SELECT \"odd;name\" FROM t", "/* a; b */ SELECT 3",
                          "SELECT E'back\\'slash;'", "-- comment with ; inside\nSELECT 4"));
}

TEST(SplitSqlStatementsTest, NestedBlockComments) {
  EXPECT_THAT(Texts("/* outer /* inner; */ still; */ SELECT 1; SELECT 2;"),
              ElementsAre("/* outer /* inner; */ still; */ SELECT 1", "SELECT 2"));
}

TEST(SplitSqlStatementsTest, DollarQuotedBodies) {
  EXPECT_THAT(Texts("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n"
                    "CREATE FUNCTION g() RETURNS int AS $body$ BEGIN RETURN 2; END; $body$ "
                    "LANGUAGE plpgsql;\n"
                    "SELECT $1;"),
              ElementsAre("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql",
                          "CREATE FUNCTION g() RETURNS int AS $body$ BEGIN RETURN 2; END; $body$ "
                          "LANGUAGE plpgsql",
                          "SELECT $1"));
}

TEST(SplitSqlStatementsTest, SqliteTriggerBodies) {
  EXPECT_THAT(
      Texts("CREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
            "  UPDATE b SET n = n + 1;\n"
            "  UPDATE c SET k = CASE WHEN k > 1 THEN 0 ELSE k END;\n"
            "END;\n"
            "create temp trigger u after delete on a begin delete from b; end;\n"
            "SELECT 1;"),
      ElementsAre("CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE b SET n = n + 1;\n"
                  "  UPDATE c SET k = CASE WHEN k > 1 THEN 0 ELSE k END;\nEND",
                  "create temp trigger u after delete on a begin delete from b; end", "SELECT 1"));
}

TEST(SplitSqlStatementsTest, LineNumbersCountNewlinesInStringsAndComments) {
  const auto statements = SplitSqlStatements("SELECT 'a\nb';\n/*\n\n*/\nSELECT 2;");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0].line, 1);
  EXPECT_EQ(statements[1].line, 6);  // where SELECT is, after the comment
}

class FindMigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "lumbung-mig-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
    std::filesystem::create_directories(root_ / "a");
    std::filesystem::create_directories(root_ / "b");
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  void Write(const std::string& relative) { std::ofstream(root_ / relative) << "SELECT 1;\n"; }
  std::filesystem::path root_;
};

TEST_F(FindMigrationsTest, OrdersAcrossDirectoriesAndPicksDialectOverrides) {
  Write("a/0001_core.sql");
  Write("a/0003_audit.sql");
  Write("a/0003_audit.postgresql.sql");
  Write("b/0002_registry.sql");
  Write("b/0002_registry.sqlite.sql");
  Write("b/0004_pg_only.postgresql.sql");
  Write("b/README.md");

  const auto sqlite = FindMigrations({root_ / "a", root_ / "b"}, Dialect::kSqlite);
  ASSERT_EQ(sqlite.size(), 3u);
  EXPECT_EQ(sqlite[0].version, 1);
  EXPECT_EQ(sqlite[0].name, "core");
  EXPECT_EQ(sqlite[1].file.filename(), "0002_registry.sqlite.sql");
  EXPECT_EQ(sqlite[2].file.filename(), "0003_audit.sql");

  const auto postgres = FindMigrations({root_ / "a", root_ / "b"}, Dialect::kPostgres);
  ASSERT_EQ(postgres.size(), 4u);
  EXPECT_EQ(postgres[1].file.filename(), "0002_registry.sql");
  EXPECT_EQ(postgres[2].file.filename(), "0003_audit.postgresql.sql");
  EXPECT_EQ(postgres[3].name, "pg_only");
}

TEST_F(FindMigrationsTest, DuplicateVersionsAreErrors) {
  Write("a/0001_core.sql");
  Write("b/0001_other.sql");
  try {
    FindMigrations({root_ / "a", root_ / "b"}, Dialect::kSqlite);
    FAIL() << "expected MigrationError";
  } catch (const MigrationError& e) {
    EXPECT_THAT(e.what(), HasSubstr("version 1 is used twice"));
  }
}

TEST_F(FindMigrationsTest, SameVersionSameNameInTwoDirectoriesIsAnError) {
  Write("a/0001_core.sql");
  Write("b/0001_core.sqlite.sql");
  EXPECT_THROW(FindMigrations({root_ / "a", root_ / "b"}, Dialect::kSqlite), MigrationError);
}

TEST_F(FindMigrationsTest, BadNamesAndMissingDirectoriesAreErrors) {
  Write("a/1_core.sql");
  EXPECT_THROW(FindMigrations({root_ / "a"}, Dialect::kSqlite), MigrationError);
  std::filesystem::remove(root_ / "a/1_core.sql");
  Write("a/0001_core.mysql.sql");
  EXPECT_THROW(FindMigrations({root_ / "a"}, Dialect::kSqlite), MigrationError);
  EXPECT_THROW(FindMigrations({root_ / "missing"}, Dialect::kSqlite), MigrationError);
}

}  // namespace
}  // namespace lumbung::db
