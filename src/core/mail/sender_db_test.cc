#include "core/mail/sender.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <barrier>
#include <set>
#include <thread>

#include "core/mail/dev_mailbox.h"
#include "core/mail/fake_transport_test_util.h"
#include "core/mail/outbox_db_test_util.h"
#include "core/mail/outbox_stats.h"

namespace lumbung::mail {
namespace {

using test::kT0;
using ::testing::HasSubstr;
using ::testing::Not;

class SenderDbTest : public test::OutboxDbTest {
 protected:
  std::shared_ptr<test::FakeMailServer> server_ = std::make_shared<test::FakeMailServer>();
  test::ManualClock clock_{kT0};
  std::vector<std::string> log_;
  std::mutex log_mutex_;

  SenderOptions Options() {
    SenderOptions options;
    options.clock = clock_.Function();
    options.log = [this](std::string_view line) {
      std::lock_guard lock(log_mutex_);
      log_.emplace_back(line);
    };
    return options;
  }
  std::unique_ptr<Sender> MakeSender(db::Database& database) {
    return std::make_unique<Sender>(database, std::make_unique<test::FakeTransport>(server_),
                                    Options());
  }
};

TEST_P(SenderDbTest, DeliversCommittedMailOnce) {
  const std::int64_t id = EnqueueCommitted(SampleMail());
  auto sender = MakeSender(db());
  EXPECT_EQ(sender->RunOnce(), 1);
  EXPECT_EQ(sender->RunOnce(), 0);
  const std::vector<Envelope> accepted = server_->Accepted();
  ASSERT_EQ(accepted.size(), 1u);
  const Envelope& envelope = accepted[0];
  EXPECT_EQ(envelope.to, SampleMail().to);
  EXPECT_EQ(envelope.subject, SampleMail().subject);
  EXPECT_EQ(envelope.text_body, SampleMail().text_body);
  EXPECT_EQ(envelope.html_body, SampleMail().html_body);
  EXPECT_THAT(envelope.message_id, HasSubstr("@lumbung.example>"));
  const test::Row row = ReadRow(id);
  EXPECT_EQ(row.status, "sent");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.sent_at, kT0);
  EXPECT_EQ(row.lease_until, std::nullopt);
  EXPECT_EQ(sender->Counters().sent, 1u);
}

TEST_P(SenderDbTest, MailOfARolledBackTransactionIsNeverSent) {
  {
    auto lease = db().Acquire();
    soci::transaction transaction(*lease);
    Enqueue(*lease, SampleMail(), "lumbung.example", clock_.Now());
    transaction.rollback();
  }
  auto sender = MakeSender(db());
  EXPECT_EQ(sender->RunOnce(), 0);
  clock_.Advance(3600);
  EXPECT_EQ(sender->RunOnce(), 0);
  EXPECT_EQ(server_->calls, 0);
  EXPECT_EQ(CountRows(), 0);
}

TEST_P(SenderDbTest, WhileSmtpIsDownMailWaitsWithBackoffThenGoesOutOnce) {
  const std::int64_t id = EnqueueCommitted(SampleMail());
  auto sender = MakeSender(db());
  server_->down = true;

  EXPECT_EQ(sender->RunOnce(), 0);
  test::Row row = ReadRow(id);
  EXPECT_EQ(row.status, "pending");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.next_attempt_at, kT0 + 30);
  EXPECT_EQ(row.lease_until, std::nullopt);
  ASSERT_TRUE(row.last_error);
  EXPECT_THAT(*row.last_error, HasSubstr("Connection refused"));
  EXPECT_THAT(*row.last_error, Not(HasSubstr("RAHASIA")));  // never the body

  // Not due yet: nothing is tried.
  clock_.Set(kT0 + 29);
  EXPECT_EQ(sender->RunOnce(), 0);
  EXPECT_EQ(server_->calls, 1);

  // 30 s, then 60 s, then 120 s.
  std::int64_t due = kT0 + 30;
  for (int failures = 2; failures <= 3; ++failures) {
    clock_.Set(due);
    EXPECT_EQ(sender->RunOnce(), 0);
    row = ReadRow(id);
    EXPECT_EQ(row.status, "pending");
    EXPECT_EQ(row.attempts, failures);
    EXPECT_EQ(row.next_attempt_at, due + RetryDelay(failures).count());
    due = row.next_attempt_at;
  }
  EXPECT_EQ(due, kT0 + 30 + 60 + 120);
  EXPECT_EQ(server_->calls, 3);

  server_->down = false;
  clock_.Set(due);
  EXPECT_EQ(sender->RunOnce(), 1);
  row = ReadRow(id);
  EXPECT_EQ(row.status, "sent");
  EXPECT_EQ(row.sent_at, due);
  EXPECT_EQ(row.last_error, std::nullopt);
  clock_.Advance(86400);
  EXPECT_EQ(sender->RunOnce(), 0);
  EXPECT_EQ(server_->Accepted().size(), 1u);
  EXPECT_EQ(sender->Counters().failed_attempts, 3u);

  // Logs name the row, never the address or the body.
  for (const std::string& line : log_) {
    EXPECT_THAT(line, HasSubstr("message " + std::to_string(id)));
    EXPECT_THAT(line, Not(HasSubstr(SampleMail().to)));
    EXPECT_THAT(line, Not(HasSubstr("RAHASIA")));
  }
}

TEST_P(SenderDbTest, ARunStopsAfterAFewFailuresInARow) {
  for (int i = 0; i < 10; ++i) EnqueueCommitted(SampleMail(i));
  auto sender = MakeSender(db());
  server_->down = true;
  EXPECT_EQ(sender->RunOnce(), 0);
  EXPECT_EQ(server_->calls, 3);  // max_consecutive_failures: the rest waits for the next run
  EXPECT_EQ(CountRows("attempts = 0"), 7);
  server_->down = false;
  EXPECT_EQ(sender->RunOnce(), 7);  // the untried ones are due; the failed ones wait 30 s
  clock_.Advance(30);
  EXPECT_EQ(sender->RunOnce(), 3);
  EXPECT_EQ(CountRows("status = 'sent'"), 10);
}

TEST_P(SenderDbTest, MailIsGivenUpOnlyAfterTheConfiguredTimeAndStaysForStaff) {
  const std::int64_t id = EnqueueCommitted(SampleMail());
  auto sender = MakeSender(db());
  server_->down = true;
  EXPECT_EQ(sender->RunOnce(), 0);
  // Hourly attempts for almost three days keep it pending.
  clock_.Set(kT0 + 72 * 3600 - 1);
  EXPECT_EQ(sender->RunOnce(), 0);
  EXPECT_EQ(ReadRow(id).status, "pending");
  clock_.Set(kT0 + 72 * 3600 + 3600);
  EXPECT_EQ(sender->RunOnce(), 0);
  const test::Row row = ReadRow(id);
  EXPECT_EQ(row.status, "failed");
  EXPECT_EQ(row.attempts, 3);
  EXPECT_THAT(row.last_error.value_or(""), HasSubstr("Connection refused"));
  EXPECT_EQ(sender->Counters().given_up, 1u);

  server_->down = false;
  clock_.Advance(30 * 86400);
  EXPECT_EQ(sender->RunOnce(), 0);  // staff decide what happens to failed mail
  auto lease = db().Acquire();
  EXPECT_EQ(Stats(*lease, clock_.Now()).failed, 1);
  EXPECT_EQ(RecentMail(*lease, 10).at(0).status, "failed");
}

TEST_P(SenderDbTest, UnbuildableMailFailsAtOnce) {
  const std::int64_t id = EnqueueCommitted(SampleMail());
  server_->on_send = [](const Envelope&) { throw std::invalid_argument("mail: bad subject"); };
  auto sender = MakeSender(db());
  EXPECT_EQ(sender->RunOnce(), 0);
  EXPECT_EQ(ReadRow(id).status, "failed");
  EXPECT_THAT(ReadRow(id).last_error.value_or(""), HasSubstr("unsendable"));
}

TEST_P(SenderDbTest, ExpiredLeasesAreReclaimedAndLiveOnesAreNot) {
  const std::int64_t id = EnqueueCommitted(SampleMail());
  {
    // Another sender claimed it at kT0 and died mid-conversation.
    auto lease = db().Acquire();
    const long long id_value = id, until = kT0 + 600;
    *lease << "UPDATE mail_outbox SET status = 'sending', lease_until = :until, attempts = 1 "
              "WHERE id = :id",
        soci::use(until), soci::use(id_value);
  }
  auto sender = MakeSender(db());
  clock_.Set(kT0 + 599);
  EXPECT_EQ(sender->RunOnce(), 0);
  EXPECT_EQ(server_->calls, 0);
  EXPECT_EQ(ReadRow(id).status, "sending");
  clock_.Set(kT0 + 600);
  EXPECT_EQ(sender->RunOnce(), 1);
  const test::Row row = ReadRow(id);
  EXPECT_EQ(row.status, "sent");
  EXPECT_EQ(row.attempts, 2);
  EXPECT_EQ(server_->Accepted().size(), 1u);
}

TEST_P(SenderDbTest, AClaimHoldsTheRowForTheLease) {
  const std::int64_t id = EnqueueCommitted(SampleMail());
  // While sender A talks to the server, sender B (same database) finds nothing to do.
  auto a = MakeSender(db());
  auto other_pool = test_database().Open();
  auto b = MakeSender(*other_pool);
  int b_sent = -1;
  server_->on_send = [&](const Envelope&) {
    if (b_sent == -1) b_sent = b->RunOnce();
  };
  EXPECT_EQ(a->RunOnce(), 1);
  EXPECT_EQ(b_sent, 0);
  EXPECT_EQ(server_->calls, 1);
  EXPECT_EQ(ReadRow(id).status, "sent");
  b.reset();
}

TEST_P(SenderDbTest, TwoSendersOnOneDatabaseDeliverEachMailExactlyOnce) {
  constexpr int kMails = 60;
  for (int i = 0; i < kMails; ++i) EnqueueCommitted(SampleMail(i));
  auto other_pool = test_database().Open();
  auto a = MakeSender(db());
  auto b = MakeSender(*other_pool);
  // Make the two interleave: each delivery yields, so the other sender claims meanwhile.
  server_->on_send = [](const Envelope&) { std::this_thread::yield(); };
  std::barrier start(2);
  int sent_a = 0, sent_b = 0;
  std::thread ta([&] {
    start.arrive_and_wait();
    sent_a = a->RunOnce();
  });
  std::thread tb([&] {
    start.arrive_and_wait();
    sent_b = b->RunOnce();
  });
  ta.join();
  tb.join();
  EXPECT_EQ(sent_a + sent_b, kMails);
  const std::vector<Envelope> accepted = server_->Accepted();
  std::set<std::string> message_ids, recipients;
  for (const Envelope& envelope : accepted) {
    message_ids.insert(envelope.message_id);
    recipients.insert(envelope.to);
  }
  EXPECT_EQ(accepted.size(), static_cast<std::size_t>(kMails));
  EXPECT_EQ(message_ids.size(), static_cast<std::size_t>(kMails));
  EXPECT_EQ(recipients.size(), static_cast<std::size_t>(kMails));
  EXPECT_EQ(CountRows("status = 'sent' AND attempts = 1"), kMails);
  RecordProperty("sent_by_a", sent_a);
  RecordProperty("sent_by_b", sent_b);
}

TEST_P(SenderDbTest, TheBackgroundThreadDeliversWhenWoken) {
  SenderOptions options = Options();
  options.clock = nullptr;               // real time: the thread runs on its own
  options.poll = std::chrono::hours(1);  // only Wake() can make it run again soon
  Sender sender(db(), std::make_unique<test::FakeTransport>(server_), options);
  sender.Start();
  sender.Start();  // idempotent
  const std::int64_t id = [&] {
    auto lease = db().Acquire();
    soci::transaction transaction(*lease);
    const std::int64_t new_id = Enqueue(*lease, SampleMail(), "lumbung.example");
    transaction.commit();
    return new_id;
  }();
  sender.Wake();
  bool sent = false;
  for (int attempt = 0; attempt < 500 && !sent; ++attempt) {
    sent = ReadRow(id).status == "sent";
    if (!sent) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(sent);
  sender.Stop();
  sender.Stop();  // idempotent
  EXPECT_EQ(server_->Accepted().size(), 1u);
}

TEST_P(SenderDbTest, StopEndsTheThreadPromptly) {
  SenderOptions options = Options();
  options.poll = std::chrono::hours(1);
  Sender sender(db(), std::make_unique<test::FakeTransport>(server_), options);
  sender.Start();
  const auto started = std::chrono::steady_clock::now();
  sender.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  // RunOnce still works after Stop (tests, a one-off command).
  EnqueueCommitted(SampleMail());
  EXPECT_EQ(sender.RunOnce(), 1);
}

LUMBUNG_INSTANTIATE_DB_TESTS(SenderDbTest);

}  // namespace
}  // namespace lumbung::mail
