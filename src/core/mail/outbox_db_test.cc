#include "core/mail/outbox.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "core/mail/outbox_db_test_util.h"

namespace lumbung::mail {
namespace {

using test::kT0;

class OutboxDbTest : public test::OutboxDbTest {};

TEST_P(OutboxDbTest, EnqueueWritesAPendingRowDueNow) {
  const OutgoingMail mail = SampleMail(7);
  const std::int64_t id = EnqueueCommitted(mail);
  EXPECT_GT(id, 0);
  auto lease = db().Acquire();
  std::string to, subject, text, html, category, status, message_id;
  long long attempts = -1, next = 0, created = 0, id_value = id;
  soci::indicator lease_ind = soci::i_ok, error_ind = soci::i_ok, sent_ind = soci::i_ok;
  long long lease_until = 0, sent_at = 0;
  std::string error;
  *lease << "SELECT to_address, subject, text_body, html_body, category, status, attempts, "
            "next_attempt_at, lease_until, last_error, message_id, created_at, sent_at "
            "FROM mail_outbox WHERE id = :id",
      soci::use(id_value), soci::into(to), soci::into(subject), soci::into(text), soci::into(html),
      soci::into(category), soci::into(status), soci::into(attempts), soci::into(next),
      soci::into(lease_until, lease_ind), soci::into(error, error_ind), soci::into(message_id),
      soci::into(created), soci::into(sent_at, sent_ind);
  EXPECT_EQ(to, mail.to);
  EXPECT_EQ(subject, mail.subject);  // UTF-8 survives both databases
  EXPECT_EQ(text, mail.text_body);
  EXPECT_EQ(html, mail.html_body);
  EXPECT_EQ(category, "account");
  EXPECT_EQ(status, "pending");
  EXPECT_EQ(attempts, 0);
  EXPECT_EQ(next, kT0);
  EXPECT_EQ(created, kT0);
  EXPECT_EQ(lease_ind, soci::i_null);
  EXPECT_EQ(error_ind, soci::i_null);
  EXPECT_EQ(sent_ind, soci::i_null);
  EXPECT_THAT(message_id, ::testing::MatchesRegex("<[-0-9a-f]{36}@lumbung\\.example>"));
}

TEST_P(OutboxDbTest, EachMailGetsItsOwnId) {
  const std::int64_t a = EnqueueCommitted(SampleMail(1));
  const std::int64_t b = EnqueueCommitted(SampleMail(2));
  EXPECT_NE(a, b);
  EXPECT_EQ(CountRows(), 2);
}

TEST_P(OutboxDbTest, ARolledBackTransactionLeavesNoMail) {
  {
    auto lease = db().Acquire();
    soci::transaction transaction(*lease);
    *lease << "CREATE TABLE events (id INTEGER PRIMARY KEY)";  // stands in for the event
    Enqueue(*lease, SampleMail(), "lumbung.example");
    transaction.rollback();
  }
  EXPECT_EQ(CountRows(), 0);
}

TEST_P(OutboxDbTest, InvalidMailWritesNothing) {
  OutgoingMail mail = SampleMail();
  mail.to = "a@b.id\r\nBcc: everyone@b.id";
  auto lease = db().Acquire();
  EXPECT_THROW(Enqueue(*lease, mail, "lumbung.example"), std::invalid_argument);
  EXPECT_THROW(Enqueue(*lease, SampleMail(), "not a domain"), std::invalid_argument);
  long long n = -1;
  *lease << "SELECT COUNT(*) FROM mail_outbox", soci::into(n);
  EXPECT_EQ(n, 0);
}

TEST_P(OutboxDbTest, TheTableRefusesInconsistentStates) {
  const std::int64_t id = EnqueueCommitted(SampleMail());
  auto lease = db().Acquire();
  const long long id_value = id;
  // 'sent' needs sent_at; 'sending' needs a lease; unknown states do not exist.
  auto update = [&](const std::string& status) {
    *lease << "UPDATE mail_outbox SET status = :status WHERE id = :id", soci::use(status),
        soci::use(id_value);
  };
  EXPECT_ANY_THROW(update("sent"));
  EXPECT_ANY_THROW(update("sending"));
  EXPECT_ANY_THROW(update("lost"));
  EXPECT_NO_THROW(update("failed"));
}

TEST_P(OutboxDbTest, PurgeSentDeletesOnlyOldSentMail) {
  const std::int64_t old_sent = EnqueueCommitted(SampleMail(1));
  const std::int64_t new_sent = EnqueueCommitted(SampleMail(2));
  const std::int64_t pending = EnqueueCommitted(SampleMail(3));
  const std::int64_t failed = EnqueueCommitted(SampleMail(4));
  {
    auto lease = db().Acquire();
    const long long a = old_sent, b = new_sent, f = failed, old_at = kT0 - 100, new_at = kT0;
    *lease << "UPDATE mail_outbox SET status = 'sent', sent_at = :at WHERE id = :id",
        soci::use(old_at), soci::use(a);
    *lease << "UPDATE mail_outbox SET status = 'sent', sent_at = :at WHERE id = :id",
        soci::use(new_at), soci::use(b);
    *lease << "UPDATE mail_outbox SET status = 'failed' WHERE id = :id", soci::use(f);
  }
  auto lease = db().Acquire();
  EXPECT_EQ(
      PurgeSent(*lease, std::chrono::system_clock::time_point(std::chrono::seconds(kT0 - 10))), 1);
  EXPECT_EQ(CountRows(), 3);
  EXPECT_NO_THROW(ReadRow(new_sent));
  EXPECT_NO_THROW(ReadRow(pending));
  EXPECT_NO_THROW(ReadRow(failed));
  EXPECT_THROW(ReadRow(old_sent), std::runtime_error);
}

LUMBUNG_INSTANTIATE_DB_TESTS(OutboxDbTest);

}  // namespace
}  // namespace lumbung::mail
