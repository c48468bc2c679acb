#include "core/mail/dev_mailbox.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "core/mail/outbox_db_test_util.h"
#include "core/mail/outbox_stats.h"

namespace lumbung::mail {
namespace {

using test::kT0;

class DevMailboxDbTest : public test::OutboxDbTest {
 protected:
  static std::chrono::system_clock::time_point At(std::int64_t seconds) {
    return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
  }
  void SetState(std::int64_t id, const std::string& status, std::optional<std::int64_t> sent_at,
                std::optional<std::int64_t> lease_until = std::nullopt) {
    auto lease = db().Acquire();
    const long long id_value = id, sent_value = sent_at.value_or(0),
                    lease_value = lease_until.value_or(0);
    soci::indicator sent_ind = sent_at ? soci::i_ok : soci::i_null,
                    lease_ind = lease_until ? soci::i_ok : soci::i_null;
    const std::string error = "smtp: 451 try later";
    *lease << "UPDATE mail_outbox SET status = :status, sent_at = :sent_at, "
              "lease_until = :lease_until, last_error = :error, attempts = 2 WHERE id = :id",
        soci::use(status), soci::use(sent_value, sent_ind), soci::use(lease_value, lease_ind),
        soci::use(error), soci::use(id_value);
  }
};

TEST_P(DevMailboxDbTest, ShowsTheNewestMailFirst) {
  for (int i = 0; i < 5; ++i) EnqueueCommitted(SampleMail(i), kT0 + i);
  auto lease = db().Acquire();
  const std::vector<StoredMail> mails = RecentMail(*lease, 3);
  ASSERT_EQ(mails.size(), 3u);
  EXPECT_EQ(mails[0].to, SampleMail(4).to);
  EXPECT_EQ(mails[1].to, SampleMail(3).to);
  EXPECT_EQ(mails[2].to, SampleMail(2).to);
  EXPECT_EQ(mails[0].subject, SampleMail(4).subject);
  EXPECT_EQ(mails[0].text_body, SampleMail(4).text_body);
  EXPECT_EQ(mails[0].html_body, SampleMail(4).html_body);
  EXPECT_EQ(mails[0].category, "account");
  EXPECT_EQ(mails[0].status, "pending");
  EXPECT_EQ(mails[0].attempts, 0);
  EXPECT_EQ(mails[0].last_error, "");
  EXPECT_EQ(mails[0].created_at, kT0 + 4);
  EXPECT_EQ(mails[0].next_attempt_at, kT0 + 4);
  EXPECT_EQ(mails[0].sent_at, std::nullopt);
  EXPECT_FALSE(mails[0].message_id.empty());
  EXPECT_EQ(RecentMail(*lease, 0).size(), 1u);  // clamped
  EXPECT_EQ(RecentMail(*lease, 100000).size(), 5u);
}

TEST_P(DevMailboxDbTest, ShowsDeliveryState) {
  const std::int64_t id = EnqueueCommitted(SampleMail());
  SetState(id, "sent", kT0 + 9);
  auto lease = db().Acquire();
  const StoredMail mail = RecentMail(*lease, 1).at(0);
  EXPECT_EQ(mail.id, id);
  EXPECT_EQ(mail.status, "sent");
  EXPECT_EQ(mail.sent_at, kT0 + 9);
  EXPECT_EQ(mail.attempts, 2);
  EXPECT_EQ(mail.last_error, "smtp: 451 try later");
}

TEST_P(DevMailboxDbTest, EmptyOutbox) {
  auto lease = db().Acquire();
  EXPECT_TRUE(RecentMail(*lease, 20).empty());
  const OutboxStats stats = Stats(*lease, At(kT0));
  EXPECT_EQ(stats.pending, 0);
  EXPECT_EQ(stats.failed, 0);
  EXPECT_EQ(stats.oldest_pending_age_seconds, 0);
}

TEST_P(DevMailboxDbTest, StatsCountWaitingAndFailedMail) {
  const std::int64_t oldest = EnqueueCommitted(SampleMail(1), kT0 - 500);
  const std::int64_t sending = EnqueueCommitted(SampleMail(2), kT0 - 100);
  EnqueueCommitted(SampleMail(3), kT0 - 10);
  const std::int64_t sent = EnqueueCommitted(SampleMail(4), kT0 - 9000);
  const std::int64_t failed = EnqueueCommitted(SampleMail(5), kT0 - 8000);
  SetState(sending, "sending", std::nullopt, kT0 + 60);
  SetState(sent, "sent", kT0 - 8000);
  SetState(failed, "failed", std::nullopt);
  auto lease = db().Acquire();
  OutboxStats stats = Stats(*lease, At(kT0));
  EXPECT_EQ(stats.pending, 3);  // pending and sending
  EXPECT_EQ(stats.failed, 1);
  EXPECT_EQ(stats.oldest_pending_age_seconds, 500);
  SetState(oldest, "sent", kT0);
  stats = Stats(*lease, At(kT0));
  EXPECT_EQ(stats.pending, 2);
  EXPECT_EQ(stats.oldest_pending_age_seconds, 100);
}

LUMBUNG_INSTANTIATE_DB_TESTS(DevMailboxDbTest);

}  // namespace
}  // namespace lumbung::mail
