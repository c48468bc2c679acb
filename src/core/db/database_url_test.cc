#include "core/db/database_url.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace lumbung::db {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::string ErrorFor(std::string_view url) {
  try {
    ParseDatabaseUrl(url);
  } catch (const DatabaseUrlError& e) {
    return e.what();
  }
  return "";
}

TEST(DatabaseUrlTest, SqliteRelativeAndAbsolutePaths) {
  DatabaseUrl relative = ParseDatabaseUrl("sqlite:data/lumbung.db");
  EXPECT_EQ(relative.dialect, Dialect::kSqlite);
  EXPECT_EQ(relative.sqlite_path, "data/lumbung.db");
  EXPECT_FALSE(relative.IsMemory());
  EXPECT_EQ(relative.Redacted(), "sqlite:data/lumbung.db");

  EXPECT_EQ(ParseDatabaseUrl("sqlite:/var/lib/lumbung/x.db").sqlite_path, "/var/lib/lumbung/x.db");
  EXPECT_EQ(ParseDatabaseUrl("sqlite:///var/lib/lumbung/x.db").sqlite_path,
            "/var/lib/lumbung/x.db");
  EXPECT_EQ(ParseDatabaseUrl("sqlite://data.db").sqlite_path, "data.db");
  EXPECT_EQ(ParseDatabaseUrl("sqlite:my data/x.db").sqlite_path, "my data/x.db");
}

TEST(DatabaseUrlTest, SqliteMemory) {
  DatabaseUrl url = ParseDatabaseUrl("sqlite::memory:");
  EXPECT_EQ(url.dialect, Dialect::kSqlite);
  EXPECT_TRUE(url.IsMemory());
}

TEST(DatabaseUrlTest, PostgresFullUrl) {
  DatabaseUrl url =
      ParseDatabaseUrl("postgresql://app:s3cret@db.example.org:6543/lumbung?sslmode=require");
  EXPECT_EQ(url.dialect, Dialect::kPostgres);
  EXPECT_EQ(url.postgres_uri,
            "postgresql://app:s3cret@db.example.org:6543/lumbung?sslmode=require");
  EXPECT_EQ(url.user, "app");
  EXPECT_EQ(url.host, "db.example.org");
  EXPECT_EQ(url.port, "6543");
  EXPECT_EQ(url.database, "lumbung");
  EXPECT_TRUE(url.has_password);
  EXPECT_EQ(url.Redacted(), "postgresql://app:***@db.example.org:6543/lumbung?sslmode=require");
}

TEST(DatabaseUrlTest, PostgresOptionalParts) {
  DatabaseUrl url = ParseDatabaseUrl("postgres://localhost/lumbung");
  EXPECT_EQ(url.dialect, Dialect::kPostgres);
  EXPECT_EQ(url.host, "localhost");
  EXPECT_EQ(url.port, "");
  EXPECT_FALSE(url.has_password);
  EXPECT_EQ(url.Redacted(), "postgres://localhost/lumbung");

  DatabaseUrl socket = ParseDatabaseUrl("postgresql:///lumbung");
  EXPECT_EQ(socket.host, "");
  EXPECT_EQ(socket.database, "lumbung");

  DatabaseUrl ipv6 = ParseDatabaseUrl("postgresql://u@[::1]:5432/db");
  EXPECT_EQ(ipv6.host, "[::1]");
  EXPECT_EQ(ipv6.port, "5432");
  EXPECT_EQ(ipv6.user, "u");
}

TEST(DatabaseUrlTest, RedactsPasswordEverywhere) {
  DatabaseUrl url =
      ParseDatabaseUrl("postgresql://u:p%40ss@h/db?application_name=x&password=topsecret");
  EXPECT_TRUE(url.has_password);
  const std::string redacted = url.Redacted();
  EXPECT_THAT(redacted, Not(HasSubstr("p%40ss")));
  EXPECT_THAT(redacted, Not(HasSubstr("topsecret")));
  EXPECT_EQ(redacted, "postgresql://u:***@h/db?application_name=x&password=***");

  DatabaseUrl query_only = ParseDatabaseUrl("postgresql://h/db?password=hunter2");
  EXPECT_TRUE(query_only.has_password);
  EXPECT_EQ(query_only.Redacted(), "postgresql://h/db?password=***");
}

TEST(DatabaseUrlTest, ErrorsNameTheSettingAndNeverThePassword) {
  for (std::string_view bad :
       {"", "mysql://root:pw@h/db", "lumbung.db", "sqlite:", "sqlite://",
        "postgresql://u:pw@h:99999/db", "postgresql://u:pw@h:x/db", "postgresql://u:pw@h",
        "postgresql://u:pw@h/", "postgresql://u:pw@h/db?x", "postgresql://u:pw@h/a/b",
        "postgresql://u:pw @h/db", " sqlite:x.db", "sqlite:x.db\n", "postgresql:u:pw@h/db"}) {
    SCOPED_TRACE(bad);
    const std::string error = ErrorFor(bad);
    EXPECT_THAT(error, AllOf(StartsWith("database.url: "), Not(HasSubstr("pw"))));
  }
  EXPECT_THAT(ErrorFor("mysql://root:pw@h/db"), HasSubstr("unsupported scheme \"mysql\""));
  EXPECT_THAT(ErrorFor("postgresql://u:pw@h/"), HasSubstr("database name is missing"));
  EXPECT_THAT(ErrorFor("postgresql://u:pw@h:0/db"), HasSubstr("port"));
}

TEST(DatabaseUrlTest, DialectNames) {
  EXPECT_EQ(DialectName(Dialect::kSqlite), "sqlite");
  EXPECT_EQ(DialectName(Dialect::kPostgres), "postgresql");
}

}  // namespace
}  // namespace lumbung::db
