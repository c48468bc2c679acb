#include "backoffice/audit_filter.h"

#include <gtest/gtest.h>

namespace lumbung::backoffice {
namespace {

using namespace std::chrono;

TEST(AuditFilter, ReadsAndWritesTheQueryString) {
  const http::Fields query{{"actor", " 42 "},          {"subject", "Sari@Example.org"},
                           {"action", "login.failed"}, {"prefix", "login."},
                           {"from_day", "1"},          {"from_month", "Desember"},
                           {"from_year", "2026"},      {"before", "99"},
                           {"actor", "ignored"}};
  const AuditFilterInput input = ReadAuditFilterInput(query);
  EXPECT_EQ(input.actor, "42");
  EXPECT_EQ(input.subject, "Sari@Example.org");
  EXPECT_EQ(input.action, "login.failed");
  EXPECT_EQ(input.prefix, "login.");
  EXPECT_EQ(input.from.month, "Desember");
  EXPECT_TRUE(input.to.day.empty());
  EXPECT_EQ(AuditFilterQuery(input),
            "actor=42&subject=Sari%40Example.org&action=login.failed&prefix=login.&from_day=1&"
            "from_month=Desember&from_year=2026");
  EXPECT_EQ(AuditFilterQuery({}), "");
  EXPECT_EQ(AuditFilterQuery(ReadAuditFilterInput(*http::ParseUrlEncoded(AuditFilterQuery(input)))),
            AuditFilterQuery(input));
}

TEST(AuditFilter, PeopleByAccountNumberOrAddress) {
  EXPECT_EQ(ParsePersonRef("42")->account_id, 42);
  EXPECT_TRUE(ParsePersonRef("42")->email.empty());
  EXPECT_EQ(ParsePersonRef(" Sari@Example.ORG ")->email, "sari@example.org");
  EXPECT_FALSE(ParsePersonRef("Sari@Example.ORG")->account_id);
  for (const char* bad : {"", "0", "1234567890123456", "-4", "sari", "@example.org", "sari@",
                          "a@b@c", "sari dewi@example.org", "<a@b>"}) {
    EXPECT_FALSE(ParsePersonRef(bad)) << bad;
  }
  EXPECT_FALSE(ParsePersonRef(std::string(250, 'a') + "@b.id"));
}

TEST(AuditFilter, ActionsAndPrefixes) {
  for (const char* ok : {"login.failed", "login.", "l", "two_factor.added", "a-b"}) {
    EXPECT_TRUE(IsActionText(ok)) << ok;
  }
  for (const char* bad : {"", "Login", "login failed", "<b>", "login%", "x'--"}) {
    EXPECT_FALSE(IsActionText(bad)) << bad;
  }
  EXPECT_FALSE(IsActionText(std::string(65, 'a')));
  EXPECT_EQ(LowerAscii("LOGIN.Failed"), "login.failed");
}

TEST(AuditFilter, TheFundsDayBeginsInUtc) {
  const year_month_day december_1{year(2026), December, day(1)};
  EXPECT_EQ(DayStartTimestamp(december_1, i18n::FundZone::kWib), "2026-11-30T17:00:00.000Z");
  EXPECT_EQ(DayStartTimestamp(december_1, i18n::FundZone::kWita), "2026-11-30T16:00:00.000Z");
  EXPECT_EQ(DayStartTimestamp(december_1, i18n::FundZone::kWit), "2026-11-30T15:00:00.000Z");
  EXPECT_EQ(DayStartTimestamp({year(2027), January, day(1)}, i18n::FundZone::kWib),
            "2026-12-31T17:00:00.000Z");
}

TEST(AuditFilter, StoredTimes) {
  EXPECT_EQ(EpochOfTimestamp("1970-01-01T00:00:00.000Z"), 0);
  EXPECT_EQ(EpochOfTimestamp("2026-12-07T14:54:29.123Z"), 1796655269);
  EXPECT_EQ(EpochOfTimestamp("2026-12-07T14:54:29Z"), 1796655269);
  for (const char* bad : {"", "2026-12-07", "2026-13-07T14:54:29.123Z", "2026-02-30T00:00:00Z",
                          "2026-12-07 14:54:29.123Z", "2026-12-07T24:00:00.000Z"}) {
    EXPECT_FALSE(EpochOfTimestamp(bad)) << bad;
  }
}

TEST(AuditFilter, RowIds) {
  EXPECT_EQ(RowIdParam("17"), 17);
  for (const char* bad : {"", "0", "-1", "1e3", "99999999999999999", "12a"}) {
    EXPECT_FALSE(RowIdParam(bad)) << bad;
  }
}

}  // namespace
}  // namespace lumbung::backoffice
