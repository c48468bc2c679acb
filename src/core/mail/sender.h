// The background sender: delivers the outbox (outbox.h) through a Transport, with retries.
//
//   mail::SenderOptions options;
//   options.poll = std::chrono::seconds(config.Int("mail.poll_seconds"));
//   mail::Sender sender(database, std::make_unique<mail::SmtpTransport>(settings), options);
//   sender.Start();   // one thread; every app instance may run one
//   ...               // after committing a transaction that enqueued mail: sender.Wake();
//   sender.Stop();    // on shutdown (also done by the destructor)
//
// Each delivery attempt: claim one due row (status 'pending' with next_attempt_at <= now, or
// 'sending' whose lease ran out, i.e. its sender died) by setting status 'sending',
// lease_until = now + lease and attempts + 1, in a short transaction of its own: on PostgreSQL
// the row is picked with FOR UPDATE SKIP LOCKED, so senders in several app instances never claim
// the same row; on SQLite BEGIN IMMEDIATE serialises the claim (and is only taken when a plain
// read found something due, so idle polls take no write lock). Then, outside any transaction,
// the transport sends it.
//   - Accepted: status 'sent', sent_at = now.
//   - Failed: status back to 'pending', next_attempt_at = now + RetryDelay(attempts) (backoff.h),
//     last_error = the transport's message (never the body). Nothing is dropped while the mail
//     server is down: every kind of failure is retried, permanent-looking SMTP rejections
//     included (they can come from a misconfigured relay as well as a bad address). Only when a
//     failure happens `give_up_after` after the mail was written does it become 'failed'; it
//     stays in the table for staff.
//
// Delivery guarantee: at least once, and exactly once unless a crash (or a lost database
// connection) falls between the mail server's acceptance and the 'sent' update. Then the row's
// lease runs out and the mail is sent again, once: the Message-ID is fixed per row, so a receiver
// can recognise the duplicate. The lease must be longer than one SMTP conversation can take
// (connect plus each command, each bounded by smtp.timeout_seconds), or a slow but live sender
// can be overtaken too. A 'sent' update that fails is retried by this sender on its next run.
//
// Time comes from options.clock (Unix seconds in the table), so tests move time instead of
// sleeping. RunOnce() and the background thread never overlap.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/db/database.h"
#include "core/mail/backoff.h"
#include "core/mail/transport.h"

namespace lumbung::mail {

struct SenderOptions {
  // How often the background thread looks for due mail when nobody calls Wake().
  std::chrono::seconds poll{2};
  // How long a claimed row belongs to this sender. See the header comment.
  std::chrono::seconds lease{600};
  BackoffPolicy backoff{};
  // A failure this long after the mail was written gives it up ('failed').
  std::chrono::seconds give_up_after{std::chrono::hours(72)};
  // A run stops after this many failures in a row (the server is down: the remaining mail is
  // tried in later runs instead of each waiting out its own connect timeout now).
  int max_consecutive_failures = 3;
  // The background thread deletes sent mail older than this, about once an hour (PurgeSent).
  // Zero: keep it for ever.
  std::chrono::seconds keep_sent{std::chrono::hours(24 * 14)};
  // Now. Empty: std::chrono::system_clock::now.
  std::function<std::chrono::system_clock::time_point()> clock{};
  // One line per notable event (a failed attempt, a give-up, a database error); never bodies or
  // addresses, only row ids. Empty: standard error.
  std::function<void(std::string_view)> log{};
};

// Since construction, for /metrics.
struct SenderCounters {
  std::uint64_t sent = 0;
  std::uint64_t failed_attempts = 0;
  std::uint64_t given_up = 0;
};

class Sender {
 public:
  // `database` must outlive the Sender.
  Sender(db::Database& database, std::unique_ptr<Transport> transport, SenderOptions options = {});
  ~Sender();  // Stop()
  Sender(const Sender&) = delete;
  Sender& operator=(const Sender&) = delete;

  // Starts the background thread, which runs at once, then after every poll interval or Wake().
  // Errors (the database is down) are logged and retried at the next poll. Idempotent.
  void Start();
  // Asks the thread to stop and joins it: at most one SMTP conversation is finished first.
  // Idempotent.
  void Stop();
  // New mail was committed: run now rather than at the next poll. Cheap; never blocks.
  void Wake();

  // Delivers what is due now, one claim at a time, until nothing is due (or a run of failures,
  // see max_consecutive_failures); returns how many were sent. Database errors propagate.
  int RunOnce();

  SenderCounters Counters() const;

 private:
  struct Claimed;
  bool ClaimOne(std::int64_t now, Claimed& claimed);
  void RecordSent(std::int64_t id, std::int64_t now);
  void RecordFailure(const Claimed& claimed, std::int64_t now, const std::string& error,
                     bool permanent = false);
  void RetryUnrecordedSent(std::int64_t now);
  void Loop();
  std::chrono::system_clock::time_point Now() const;
  void Log(std::string_view line) const;

  db::Database& database_;
  std::unique_ptr<Transport> transport_;
  const SenderOptions options_;

  std::mutex run_mutex_;                       // one run at a time
  std::vector<std::int64_t> unrecorded_sent_;  // accepted, but the 'sent' update failed

  std::mutex lifecycle_mutex_;  // Start/Stop
  std::mutex mutex_;            // guards the fields below
  std::condition_variable wake_;
  bool stop_ = false;
  bool woken_ = false;
  std::thread thread_;

  std::atomic<std::uint64_t> sent_{0}, failed_attempts_{0}, given_up_{0};
  std::atomic<bool> stopping_{false};  // Stop() in progress: RunOnce ends after this message
};

}  // namespace lumbung::mail
