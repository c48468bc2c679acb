#include "core/audit/audit_query.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <string>
#include <vector>

#include "core/audit/audit_log.h"
#include "support/test_databases.h"

namespace lumbung::audit {
namespace {

using ::testing::ElementsAre;
using Direction = Cursor::Direction;

class AuditQueryDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    ApplyMigrations({"src/core/audit/migrations"});
  }

  // 12 events: actors 1 and 2 by turns, subject 10 + n % 3, actions by turns among three.
  void AppendTwelve(soci::session& sql) {
    const char* actions[] = {"login.succeeded", "login.failed", "profile.bank_changed"};
    for (int n = 1; n <= 12; ++n) {
      Append(sql, {.actor_user_id = 1 + n % 2,
                   .subject_user_id = 10 + n % 3,
                   .action = actions[n % 3],
                   .ip = "203.0.113.7",
                   .details = {{"n", std::to_string(n)}}});
    }
  }

  // A row written straight into the table with a chosen time (the chain does not matter here).
  void InsertAt(soci::session& sql, long long id, const std::string& occurred_at,
                const std::string& action) {
    sql << "INSERT INTO audit_log (id, occurred_at, actor_user_id, subject_user_id, action,"
           " result, ip, user_agent, details, prev_hash, row_hash) VALUES (:id, :at, 5, 5,"
           " :action, 'ok', '', '', '{}', 'x', 'x')",
        soci::use(id), soci::use(occurred_at), soci::use(action);
  }

  static std::vector<std::int64_t> Ids(const EventPage& page) {
    std::vector<std::int64_t> ids;
    for (const Event& e : page.events) ids.push_back(e.id);
    return ids;
  }
};

TEST_P(AuditQueryDbTest, NewestFirstWithoutAFilter) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  EXPECT_TRUE(FindEvents(sql, {}, {}, 10).events.empty());
  AppendTwelve(sql);
  const EventPage page = FindEvents(sql, {}, {}, 5);
  EXPECT_THAT(Ids(page), ElementsAre(12, 11, 10, 9, 8));
  EXPECT_TRUE(page.has_older);
  EXPECT_FALSE(page.has_newer);
  const Event& newest = page.events.front();
  EXPECT_EQ(newest.actor_user_id, 1);
  EXPECT_EQ(newest.subject_user_id, 10);
  EXPECT_EQ(newest.action, "login.succeeded");
  EXPECT_EQ(newest.ip, "203.0.113.7");
  EXPECT_EQ(newest.details, (Details{{"n", "12"}}));
}

TEST_P(AuditQueryDbTest, FiltersByActorSubjectActionAndPrefix) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  AppendTwelve(sql);
  EXPECT_THAT(Ids(FindEvents(sql, {.actor_user_id = 2}, {}, 50)), ElementsAre(11, 9, 7, 5, 3, 1));
  EXPECT_THAT(Ids(FindEvents(sql, {.subject_user_id = 11}, {}, 50)), ElementsAre(10, 7, 4, 1));
  EXPECT_THAT(Ids(FindEvents(sql, {.action = "login.failed"}, {}, 50)), ElementsAre(10, 7, 4, 1));
  EXPECT_THAT(Ids(FindEvents(sql, {.action_prefix = "login."}, {}, 50)),
              ElementsAre(12, 10, 9, 7, 6, 4, 3, 1));
  // '_' is no wildcard: "login_" matches nothing, "profile.bank_" matches the bank changes.
  EXPECT_TRUE(FindEvents(sql, {.action_prefix = "login_"}, {}, 50).events.empty());
  EXPECT_THAT(Ids(FindEvents(sql, {.action_prefix = "profile.bank_"}, {}, 50)),
              ElementsAre(11, 8, 5, 2));
  // All together.
  EXPECT_THAT(Ids(FindEvents(sql,
                             {.actor_user_id = 2,
                              .subject_user_id = 11,
                              .action = "login.failed",
                              .action_prefix = "login"},
                             {}, 50)),
              ElementsAre(7, 1));
  EXPECT_TRUE(FindEvents(sql, {.actor_user_id = 99}, {}, 50).events.empty());
}

TEST_P(AuditQueryDbTest, FiltersByTime) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  InsertAt(sql, 1, "2026-11-30T16:59:59.999Z", "a.one");
  InsertAt(sql, 2, "2026-11-30T17:00:00.000Z", "a.two");
  InsertAt(sql, 3, "2026-12-01T16:59:59.999Z", "a.three");
  InsertAt(sql, 4, "2026-12-01T17:00:00.000Z", "a.four");
  // 1 December 2026 in WIB: from 30 November 17:00 UTC, before 1 December 17:00 UTC.
  const Filter day{.occurred_from = "2026-11-30T17:00:00.000Z",
                   .occurred_before = "2026-12-01T17:00:00.000Z"};
  EXPECT_THAT(Ids(FindEvents(sql, day, {}, 50)), ElementsAre(3, 2));
  EXPECT_THAT(Ids(FindEvents(sql, {.occurred_from = "2026-12-01T00:00:00.000Z"}, {}, 50)),
              ElementsAre(4, 3));
  EXPECT_THAT(Ids(FindEvents(sql, {.occurred_before = "2026-11-30T17:00:00.000Z"}, {}, 50)),
              ElementsAre(1));
}

TEST_P(AuditQueryDbTest, KeysetPagesForwardAndBack) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  AppendTwelve(sql);
  const Filter logins{.action_prefix = "login."};  // 12 10 9 7 | 6 4 3 1
  const EventPage first = FindEvents(sql, logins, {}, 4);
  EXPECT_THAT(Ids(first), ElementsAre(12, 10, 9, 7));
  EXPECT_TRUE(first.has_older);
  EXPECT_FALSE(first.has_newer);

  const EventPage second = FindEvents(sql, logins, {Direction::kOlderThan, 7}, 4);
  EXPECT_THAT(Ids(second), ElementsAre(6, 4, 3, 1));
  EXPECT_FALSE(second.has_older);
  EXPECT_TRUE(second.has_newer);

  const EventPage back = FindEvents(sql, logins, {Direction::kNewerThan, 6}, 4);
  EXPECT_THAT(Ids(back), ElementsAre(12, 10, 9, 7));
  EXPECT_FALSE(back.has_newer);
  EXPECT_TRUE(back.has_older);

  // A page of 3 back from 3: 9 7 6 4 lie above; the nearest three are shown.
  const EventPage middle = FindEvents(sql, logins, {Direction::kNewerThan, 3}, 3);
  EXPECT_THAT(Ids(middle), ElementsAre(7, 6, 4));
  EXPECT_TRUE(middle.has_newer);
  EXPECT_TRUE(middle.has_older);

  // Beyond the ends.
  const EventPage past_end = FindEvents(sql, logins, {Direction::kOlderThan, 1}, 4);
  EXPECT_TRUE(past_end.events.empty());
  EXPECT_FALSE(past_end.has_older);
  EXPECT_TRUE(past_end.has_newer);
  // Limits are clamped.
  EXPECT_EQ(FindEvents(sql, {}, {}, 0).events.size(), 1u);
  EXPECT_EQ(FindEvents(sql, {}, {}, 100000).events.size(), 12u);
}

TEST_P(AuditQueryDbTest, ActionsInTheLog) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  EXPECT_TRUE(ActionsInLog(sql, 100).empty());
  AppendTwelve(sql);
  EXPECT_THAT(ActionsInLog(sql, 100),
              ElementsAre("login.failed", "login.succeeded", "profile.bank_changed"));
  EXPECT_THAT(ActionsInLog(sql, 2), ElementsAre("login.failed", "login.succeeded"));
  EXPECT_TRUE(ActionsInLog(sql, 0).empty());
}

TEST_P(AuditQueryDbTest, FindsOneRowAsStored) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  AppendTwelve(sql);
  const auto row = FindRow(sql, 4);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->event.id, 4);
  EXPECT_EQ(row->event.action, "login.failed");
  EXPECT_EQ(row->details_text, R"({"n":"4"})");
  EXPECT_EQ(row->event.details, (Details{{"n", "4"}}));
  EXPECT_FALSE(FindRow(sql, 13));
}

LUMBUNG_INSTANTIATE_DB_TESTS(AuditQueryDbTest);

}  // namespace
}  // namespace lumbung::audit
