#include "core/inbox/inbox.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <chrono>
#include <future>
#include <stdexcept>
#include <string>

#include "core/db/transaction.h"
#include "core/inbox/mail_preferences.h"
#include "support/test_databases.h"

namespace lumbung::inbox {
namespace {

constexpr std::int64_t kAlice = 11, kBob = 12;
constexpr std::int64_t kNow = 1'795'000'000;

class InboxDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/core/inbox/migrations"});
  }

  static InboxItem Item(std::int64_t account, int n, std::string dedupe = "") {
    return {.account_id = account,
            .category = "contributions",
            .message_id = "notifications.contribution_received",
            .values = {{"month", std::to_string(202600 + n)}, {"employer", "PT Maju Jaya"}},
            .link = "/contributions?year=2026",
            .created_at = kNow + n,
            .dedupe_key = std::move(dedupe)};
  }

  long long Count(soci::session& sql, const std::string& query) {
    long long n = 0;
    sql << query, soci::into(n);
    return n;
  }
};

TEST_P(InboxDbTest, PostedItemsAreListedNewestFirstAndPaged) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  for (int n = 1; n <= 5; ++n) ASSERT_TRUE(Post(sql, Item(kAlice, n)));
  ASSERT_TRUE(Post(sql, Item(kBob, 9)));

  const ItemPage first = List(sql, kAlice, 1, 2);
  EXPECT_EQ(first.total, 5);
  EXPECT_FALSE(first.has_newer);
  EXPECT_TRUE(first.has_older);
  ASSERT_EQ(first.items.size(), 2u);
  EXPECT_EQ(first.items[0].values.at("month"), "202605");
  EXPECT_EQ(first.items[1].values.at("month"), "202604");
  const InboxItem& newest = first.items[0];
  EXPECT_GT(newest.id, 0);
  EXPECT_EQ(newest.account_id, kAlice);
  EXPECT_EQ(newest.category, "contributions");
  EXPECT_EQ(newest.message_id, "notifications.contribution_received");
  EXPECT_EQ(newest.values.at("employer"), "PT Maju Jaya");
  EXPECT_EQ(newest.link, "/contributions?year=2026");
  EXPECT_EQ(newest.created_at, kNow + 5);
  EXPECT_FALSE(newest.read_at);

  const ItemPage last = List(sql, kAlice, 3, 2);
  EXPECT_TRUE(last.has_newer);
  EXPECT_FALSE(last.has_older);
  ASSERT_EQ(last.items.size(), 1u);
  EXPECT_EQ(last.items[0].values.at("month"), "202601");
  EXPECT_TRUE(List(sql, kAlice, 4, 2).items.empty());
  EXPECT_EQ(List(sql, kAlice, -5, 2).items.size(), 2u) << "page < 1 is the first";
  EXPECT_EQ(List(sql, kAlice, 1, 1000).items.size(), 5u) << "page size clamped to 100";
  // Same created_at: the later post is newer.
  ASSERT_TRUE(Post(sql, Item(kBob, 9)));
  const ItemPage bob = List(sql, kBob, 1, 10);
  ASSERT_EQ(bob.items.size(), 2u);
  EXPECT_GT(bob.items[0].id, bob.items[1].id);
}

TEST_P(InboxDbTest, CreatedAtDefaultsToNow) {
  auto lease = db().Acquire();
  InboxItem item = Item(kAlice, 1);
  item.created_at = 0;
  const auto before = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  ASSERT_TRUE(Post(*lease, item));
  const auto stored = List(*lease, kAlice, 1, 1).items.at(0).created_at;
  EXPECT_GE(stored, before);
  EXPECT_LE(stored, before + 60);
}

TEST_P(InboxDbTest, TheSameEventIsNeverPostedTwiceToAnAccount) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  const auto first = Post(sql, Item(kAlice, 3, "contribution.paid:202603:17"));
  ASSERT_TRUE(first);
  EXPECT_FALSE(Post(sql, Item(kAlice, 3, "contribution.paid:202603:17")));
  InboxItem changed = Item(kAlice, 4, "contribution.paid:202603:17");
  changed.values["employer"] = "PT Lain";
  EXPECT_FALSE(Post(sql, changed)) << "the key alone decides";
  // Another account may have the same key; items without a key are never deduplicated.
  EXPECT_TRUE(Post(sql, Item(kBob, 3, "contribution.paid:202603:17")));
  EXPECT_TRUE(Post(sql, Item(kAlice, 5)));
  EXPECT_TRUE(Post(sql, Item(kAlice, 5)));
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM inbox_items WHERE account_id = 11"), 3);
  const auto items = List(sql, kAlice, 1, 10).items;
  EXPECT_EQ(items.back().id, *first);
  EXPECT_EQ(items.back().values.at("employer"), "PT Maju Jaya") << "the first post stays";
  EXPECT_EQ(items.back().dedupe_key, "contribution.paid:202603:17");
}

TEST_P(InboxDbTest, ConcurrentPostsOfOneEventLeaveOneItem) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  auto tx = db::Transaction::ForWriting(sql);
  ASSERT_TRUE(Post(sql, Item(kAlice, 3, "payment.late:202603:17")));
  // Another instance finds the same event while the first transaction is still open: it waits
  // (row lock on PostgreSQL, the write lock on SQLite) and then writes nothing.
  auto other = std::async(std::launch::async, [this] {
    auto second = db().Acquire();
    return Post(*second, Item(kAlice, 3, "payment.late:202603:17"));
  });
  tx.Commit();
  EXPECT_FALSE(other.get());
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM inbox_items"), 1);
}

TEST_P(InboxDbTest, AnItemExistsOnlyIfTheCallersTransactionCommits) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  {
    auto tx = db::Transaction::ForWriting(sql);
    ASSERT_TRUE(Post(sql, Item(kAlice, 1, "k")));
  }  // rolled back
  EXPECT_EQ(UnreadCount(sql, kAlice), 0);
  EXPECT_TRUE(Post(sql, Item(kAlice, 1, "k"))) << "the rolled-back key is free again";
}

TEST_P(InboxDbTest, InvalidItemsWriteNothing) {
  auto lease = db().Acquire();
  InboxItem bad = Item(kAlice, 1);
  bad.link = "https://evil.example/";
  EXPECT_THROW(Post(*lease, bad), std::invalid_argument);
  EXPECT_EQ(Count(*lease, "SELECT COUNT(*) FROM inbox_items"), 0);
}

TEST_P(InboxDbTest, Asvs4_2_1_OnlyTheOwnerMarksItemsRead) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  const std::int64_t a1 = *Post(sql, Item(kAlice, 1));
  const std::int64_t a2 = *Post(sql, Item(kAlice, 2));
  const std::int64_t a3 = *Post(sql, Item(kAlice, 3));
  const std::int64_t b1 = *Post(sql, Item(kBob, 1));
  EXPECT_EQ(UnreadCount(sql, kAlice), 3);
  EXPECT_EQ(UnreadCount(sql, kBob), 1);

  // Bob tries Alice's ids, and ids that do not exist: the same answer, nothing changes.
  for (const std::int64_t id : {a1, a2, a3, b1 + 1000, std::int64_t{0}, std::int64_t{-1}}) {
    EXPECT_FALSE(MarkRead(sql, kBob, id, kNow)) << id;
  }
  EXPECT_EQ(UnreadCount(sql, kAlice), 3);
  EXPECT_EQ(UnreadCount(sql, kBob), 1);

  EXPECT_TRUE(MarkRead(sql, kAlice, a2, kNow));
  EXPECT_EQ(UnreadCount(sql, kAlice), 2);
  EXPECT_TRUE(MarkRead(sql, kAlice, a2, kNow + 50)) << "already read: still hers";
  const auto items = List(sql, kAlice, 1, 10).items;
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[1].id, a2);
  EXPECT_EQ(items[1].read_at, kNow) << "the first reading time is kept";
  EXPECT_FALSE(items[0].read_at);

  // Marking all is per account too.
  EXPECT_EQ(MarkAllRead(sql, kBob, kNow), 1);
  EXPECT_EQ(UnreadCount(sql, kAlice), 2);
  EXPECT_EQ(MarkAllRead(sql, kAlice, kNow + 60), 2);
  EXPECT_EQ(UnreadCount(sql, kAlice), 0);
  EXPECT_EQ(MarkAllRead(sql, kAlice, kNow + 70), 0);
  for (const auto& item : List(sql, kAlice, 1, 10).items) EXPECT_TRUE(item.read_at);
}

TEST_P(InboxDbTest, MailChoicesPerAccountAndCategory) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  EXPECT_TRUE(LoadMailChoices(sql, kAlice).empty());
  EXPECT_FALSE(WantsMail(sql, kAlice, kContributions));
  EXPECT_TRUE(WantsMail(sql, kAlice, kPayments));
  EXPECT_TRUE(WantsMail(sql, kAlice, kSecurity));

  SaveMailChoices(sql, kAlice, {{"contributions", true}, {"payments", false}}, kNow);
  EXPECT_EQ(LoadMailChoices(sql, kAlice),
            (MailChoices{{"contributions", true}, {"payments", false}}));
  EXPECT_TRUE(WantsMail(sql, kAlice, kContributions));
  EXPECT_FALSE(WantsMail(sql, kAlice, kPayments));
  EXPECT_TRUE(WantsMail(sql, kAlice, kClaims));
  EXPECT_TRUE(WantsMail(sql, kBob, kPayments)) << "Bob's are his own";

  SaveMailChoices(sql, kAlice, {{"payments", true}}, kNow + 1);
  EXPECT_EQ(LoadMailChoices(sql, kAlice),
            (MailChoices{{"contributions", true}, {"payments", true}}));
}

TEST_P(InboxDbTest, Asvs2_2_3_SecurityMailCannotBeStoredAsOff) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  EXPECT_THROW(SaveMailChoices(sql, kAlice, {{"payments", false}, {"security", false}}, kNow),
               std::invalid_argument);
  EXPECT_THROW(SaveMailChoices(sql, kAlice, {{"news", true}}, kNow), std::invalid_argument);
  EXPECT_TRUE(LoadMailChoices(sql, kAlice).empty()) << "nothing written, not even payments";
  // Nor by hand: the table refuses the row.
  EXPECT_ANY_THROW(sql << "INSERT INTO inbox_mail_preferences (account_id, category, mail,"
                          " updated_at) VALUES (11, 'security', 0, 1)");
  EXPECT_TRUE(WantsMail(sql, kAlice, kSecurity));
}

TEST_P(InboxDbTest, MarksAreKeptPerAccountAndSource) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  EXPECT_FALSE(LoadMark(sql, kAlice, "registry.contributions"));
  SaveMark(sql, kAlice, "registry.contributions", "v1 since=202609", kNow);
  SaveMark(sql, kAlice, "registry.contributions", "v1 since=202610", kNow + 1);
  SaveMark(sql, kBob, "registry.contributions", "v1 since=202501", kNow);
  EXPECT_EQ(LoadMark(sql, kAlice, "registry.contributions"), "v1 since=202610");
  EXPECT_EQ(LoadMark(sql, kBob, "registry.contributions"), "v1 since=202501");
  EXPECT_FALSE(LoadMark(sql, kAlice, "claims"));
  EXPECT_THROW(SaveMark(sql, kAlice, "Bad Source", "x", kNow), std::invalid_argument);
}

LUMBUNG_INSTANTIATE_DB_TESTS(InboxDbTest);

}  // namespace
}  // namespace lumbung::inbox
