#include "support/support_store.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "support/test_databases.h"

namespace lumbung::support {
namespace {

class SupportStoreDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/support/migrations"});
  }

  const Author siti_{.account_id = 11, .name = "Siti Rahayu", .role = "member"};
  const Author budi_{.account_id = 12, .name = "Budi", .role = "employer_staff"};
  const Author staff_{.account_id = 90, .name = "Petugas Satu", .role = "staff"};
};

TEST_P(SupportStoreDbTest, OpensAConversationWithItsFirstMessageAndAttachments) {
  auto lease = db().Acquire();
  auto& sql = lease.session();
  const Opened opened = OpenConversation(
      sql, siti_, {.topic = "claims", .subject = "Klaim JHT", .body = "Kapan cair?"},
      {{.file_id = std::string(32, 'a'),
        .display_name = "ktp.pdf",
        .kind = uploads::FileKind::kPdf,
        .size_bytes = 1200},
       {.file_id = std::string(32, 'b'),
        .display_name = "foto.png",
        .kind = uploads::FileKind::kPng,
        .size_bytes = 300}},
      1000);
  const auto c = FindConversation(sql, opened.conversation_id);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->account_id, 11);
  EXPECT_EQ(c->owner_name, "Siti Rahayu");
  EXPECT_EQ(c->topic, "claims");
  EXPECT_EQ(c->subject, "Klaim JHT");
  EXPECT_EQ(c->state, State::kNew);
  EXPECT_EQ(c->waiting_since, 1000);
  EXPECT_FALSE(c->assigned_to);
  const auto messages = MessagesOf(sql, c->id);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].body, "Kapan cair?");
  EXPECT_FALSE(messages[0].from_staff);
  ASSERT_EQ(messages[0].attachments.size(), 2u);
  EXPECT_EQ(messages[0].attachments[1].display_name, "foto.png");
  EXPECT_EQ(messages[0].attachments[1].kind, uploads::FileKind::kPng);
  const auto found = FindAttachment(sql, c->id, messages[0].attachments[0].id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->file_id, std::string(32, 'a'));
  EXPECT_EQ(found->size_bytes, 1200);
}

// ASVS 4.0.3 4.2.1: a member reads only their own conversations and attachments.
TEST_P(SupportStoreDbTest, OwnersOnly) {
  auto lease = db().Acquire();
  auto& sql = lease.session();
  const Opened mine =
      OpenConversation(sql, siti_, {"account", "a", "b"},
                       {{std::string(32, 'c'), "x.pdf", uploads::FileKind::kPdf, 9}}, 1000);
  const Opened theirs = OpenConversation(sql, budi_, {"employer", "c", "d"}, {}, 1001);
  EXPECT_TRUE(FindOwnConversation(sql, mine.conversation_id, 11));
  EXPECT_FALSE(FindOwnConversation(sql, mine.conversation_id, 12));
  EXPECT_FALSE(FindOwnConversation(sql, theirs.conversation_id, 11));
  EXPECT_FALSE(FindOwnConversation(sql, 999999, 11));
  ASSERT_EQ(ConversationsOf(sql, 11).size(), 1u);
  EXPECT_EQ(ConversationsOf(sql, 11)[0].id, mine.conversation_id);
  const auto attachment = MessagesOf(sql, mine.conversation_id)[0].attachments[0];
  EXPECT_FALSE(FindAttachment(sql, theirs.conversation_id, attachment.id));
}

TEST_P(SupportStoreDbTest, RepliesMoveTheStateAndTheClock) {
  auto lease = db().Acquire();
  auto& sql = lease.session();
  const Opened opened = OpenConversation(sql, siti_, {"savings", "Saldo", "Berapa?"}, {}, 1000);
  auto c = *FindConversation(sql, opened.conversation_id);
  // The member adds to a new conversation: still new, the clock unchanged.
  auto added = AddMessage(sql, c, siti_, false, "Tambahan", {}, 1100);
  ASSERT_TRUE(added);
  EXPECT_EQ(added->state, State::kNew);
  c = *FindConversation(sql, c.id);
  EXPECT_EQ(c.waiting_since, 1000);
  EXPECT_EQ(c.last_activity_at, 1100);
  // Staff answer.
  added = AddMessage(sql, c, staff_, true, "Jawaban",
                     {{std::string(32, 'd'), "surat.pdf", uploads::FileKind::kPdf, 5}}, 2000);
  ASSERT_TRUE(added);
  EXPECT_EQ(added->state, State::kWaitingForMember);
  c = *FindConversation(sql, c.id);
  EXPECT_EQ(c.state, State::kWaitingForMember);
  // The member answers: back to staff, the clock starts again.
  added = AddMessage(sql, c, siti_, false, "Terima kasih, tapi...", {}, 3000);
  ASSERT_TRUE(added);
  EXPECT_EQ(added->state, State::kWaitingForStaff);
  c = *FindConversation(sql, c.id);
  EXPECT_EQ(c.waiting_since, 3000);
  const auto messages = MessagesOf(sql, c.id);
  ASSERT_EQ(messages.size(), 4u);
  EXPECT_TRUE(messages[2].from_staff);
  EXPECT_EQ(messages[2].author_name, "Petugas Satu");
  EXPECT_EQ(messages[2].attachments.size(), 1u);
}

TEST_P(SupportStoreDbTest, AStaleStateOrAClosedConversationTakesNoMessage) {
  auto lease = db().Acquire();
  auto& sql = lease.session();
  const Opened opened = OpenConversation(sql, siti_, {"other", "s", "b"}, {}, 1000);
  const auto seen = *FindConversation(sql, opened.conversation_id);
  ASSERT_TRUE(AddMessage(sql, seen, staff_, true, "first", {}, 1100));
  // A second reply written from the same (now stale) view is refused, nothing written.
  EXPECT_FALSE(AddMessage(sql, seen, staff_, true, "second", {}, 1200));
  EXPECT_EQ(MessagesOf(sql, seen.id).size(), 2u);
  EXPECT_TRUE(Close(sql, seen.id, 1300));
  EXPECT_FALSE(Close(sql, seen.id, 1400));
  const auto closed = *FindConversation(sql, seen.id);
  EXPECT_EQ(closed.state, State::kClosed);
  EXPECT_EQ(closed.closed_at, 1300);
  EXPECT_FALSE(AddMessage(sql, closed, siti_, false, "late", {}, 1500));
  EXPECT_FALSE(Assign(sql, closed.id, staff_));
  EXPECT_EQ(MessagesOf(sql, seen.id).size(), 2u);
}

TEST_P(SupportStoreDbTest, QueueByStateLongestWaitFirst) {
  auto lease = db().Acquire();
  auto& sql = lease.session();
  const auto a = OpenConversation(sql, siti_, {"other", "a", "a"}, {}, 3000).conversation_id;
  const auto b = OpenConversation(sql, budi_, {"other", "b", "b"}, {}, 1000).conversation_id;
  const auto c = OpenConversation(sql, siti_, {"other", "c", "c"}, {}, 2000).conversation_id;
  ASSERT_TRUE(AddMessage(sql, *FindConversation(sql, c), staff_, true, "r", {}, 2500));
  ASSERT_TRUE(Assign(sql, a, staff_));
  EXPECT_EQ(FindConversation(sql, a)->assigned_to, 90);
  EXPECT_EQ(FindConversation(sql, a)->assigned_name, "Petugas Satu");
  const auto fresh = Queue(sql, {State::kNew});
  ASSERT_EQ(fresh.size(), 2u);
  EXPECT_EQ(fresh[0].id, b);
  EXPECT_EQ(fresh[1].id, a);
  ASSERT_EQ(Queue(sql, {State::kWaitingForMember}).size(), 1u);
  EXPECT_EQ(Queue(sql, {}).size(), 3u);
  ASSERT_TRUE(Close(sql, b, 4000));
  EXPECT_EQ(Queue(sql, {}).size(), 2u);
  ASSERT_EQ(Queue(sql, {State::kClosed}).size(), 1u);
}

LUMBUNG_INSTANTIATE_DB_TESTS(SupportStoreDbTest);

}  // namespace
}  // namespace lumbung::support
