#include "ops/backup.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace lumbung::ops {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// ASVS 4.0.3 V8.3.4 / V2.10.4: the database password reaches pg_dump through its environment,
// never its command line, where every user of the machine could read it.
TEST(SplitPostgresPassword, TakesThePasswordOutOfTheConnectionString) {
  const auto c = SplitPostgresPassword("postgresql://fund:s3cr%27et@db.example:6543/lumbung");
  EXPECT_EQ(c.password, "s3cr'et");
  EXPECT_THAT(c.conninfo, Not(HasSubstr("s3cr")));
  EXPECT_THAT(c.conninfo, HasSubstr("user='fund'"));
  EXPECT_THAT(c.conninfo, HasSubstr("host='db.example'"));
  EXPECT_THAT(c.conninfo, HasSubstr("port='6543'"));
  EXPECT_THAT(c.conninfo, HasSubstr("dbname='lumbung'"));
  EXPECT_THAT(c.conninfo, HasSubstr("connect_timeout='10'"));
}

TEST(SplitPostgresPassword, APasswordParameterIsTakenOutToo) {
  const auto c = SplitPostgresPassword(
      "postgresql://db/lumbung?password=hidden&sslmode=require&connect_timeout=3");
  EXPECT_EQ(c.password, "hidden");
  EXPECT_THAT(c.conninfo, Not(HasSubstr("hidden")));
  EXPECT_THAT(c.conninfo, HasSubstr("sslmode='require'"));
  EXPECT_THAT(c.conninfo, HasSubstr("connect_timeout='3'"));
  EXPECT_THAT(c.conninfo, Not(HasSubstr("connect_timeout='10'")));
}

TEST(SplitPostgresPassword, QuotesValuesForConninfo) {
  const auto c = SplitPostgresPassword("postgresql://o%27brien@db/my%5Cdb");
  EXPECT_THAT(c.conninfo, HasSubstr("user='o\\'brien'"));
  EXPECT_THAT(c.conninfo, HasSubstr("dbname='my\\\\db'"));
  EXPECT_THAT(c.password, IsEmpty());
}

TEST(SplitPostgresPassword, RefusesWhatLibpqCannotRead) {
  EXPECT_THROW(SplitPostgresPassword("postgresql://db/lumbung?nonsense=1"), BackupError);
}

TEST(SchemaVersionsFromCopy, ReadsTheVersionsOfTheCopyBlock) {
  const std::string script =
      "--\n-- PostgreSQL database dump\n--\n\nSET statement_timeout = 0;\n\n"
      "COPY public.schema_migrations (version, name, applied_at) FROM stdin;\n"
      "2\tidentity\t2026-01-02 03:04:05\n"
      "1\tregistry\t2026-01-02 03:04:05\n"
      "57\tanalytics\t2026-01-02 03:04:06\n"
      "\\.\n\n--\n-- PostgreSQL database dump complete\n--\n";
  EXPECT_THAT(SchemaVersionsFromCopy(script), ElementsAre(1, 2, 57));
}

TEST(SchemaVersionsFromCopy, RefusesAMissingOrCutBlockAndStrangeRows) {
  EXPECT_THROW(SchemaVersionsFromCopy("SET x = 1;\n"), BackupError);
  EXPECT_THROW(SchemaVersionsFromCopy("COPY public.schema_migrations (version) FROM stdin;\n1\n"),
               BackupError);
  EXPECT_THROW(
      SchemaVersionsFromCopy("COPY public.schema_migrations (version) FROM stdin;\nx1\n\\.\n"),
      BackupError);
}

TEST(TablesInArchiveList, NamesTheTablesNotTheirData) {
  const std::string list =
      ";\n; Archive created at 2026-01-02 03:04:05 WIB\n;\n"
      "215; 1259 16385 TABLE public accounts lumbung\n"
      "216; 1259 16390 SEQUENCE public accounts_id_seq lumbung\n"
      "3500; 0 16385 TABLE DATA public accounts lumbung\n"
      "217; 1259 16400 TABLE public schema_migrations lumbung\n"
      "4000; 2606 16500 CONSTRAINT public accounts accounts_pkey lumbung\n";
  EXPECT_THAT(TablesInArchiveList(list), ElementsAre("accounts", "schema_migrations"));
}

TEST(UnknownVersions, AreTheBackupsVersionsThisBinaryHasNoMigrationFor) {
  EXPECT_THAT(UnknownVersions({1, 2, 3}, {1, 2, 3, 4}), IsEmpty());
  EXPECT_THAT(UnknownVersions({1, 2, 3, 5, 6}, {1, 2, 3, 4}), ElementsAre(5, 6));
}

TEST(DataBeyondFresh, IgnoresWhatMigrationsInsertAndTheVersionTable) {
  const std::map<std::string, std::int64_t> fresh = {
      {"audit_chain", 1}, {"number_sequences", 2}, {"schema_migrations", 57}};
  EXPECT_THAT(
      DataBeyondFresh(
          {{"audit_chain", 1}, {"number_sequences", 2}, {"accounts", 0}, {"schema_migrations", 57}},
          fresh),
      IsEmpty());
  const auto data =
      DataBeyondFresh({{"audit_chain", 1}, {"accounts", 3}, {"members", 200}, {"extra", 1}}, fresh);
  ASSERT_EQ(data.size(), 3u);
  EXPECT_EQ(data[0].table, "accounts");
  EXPECT_EQ(data[0].rows, 3);
  EXPECT_EQ(data[1].table, "extra");
  EXPECT_EQ(data[2].table, "members");
}

TEST(QuoteIdentifier, DoublesQuotes) {
  EXPECT_EQ(QuoteIdentifier("members"), "\"members\"");
  EXPECT_EQ(QuoteIdentifier("a\"b"), "\"a\"\"b\"");
}

}  // namespace
}  // namespace lumbung::ops
