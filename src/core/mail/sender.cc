#include "core/mail/sender.h"

#include <soci/soci.h>

#include <algorithm>
#include <iostream>
#include <stdexcept>

#include "core/db/native_handle.h"
#include "core/mail/outbox.h"

namespace lumbung::mail {
namespace {

constexpr std::size_t kMaxErrorBytes = 500;

// A write transaction on a leased connection. SQLite: BEGIN IMMEDIATE takes the write lock at
// once, so concurrent claimers queue on busy_timeout instead of failing when a read lock cannot
// be upgraded. Rolled back unless committed.
class WriteTransaction {
 public:
  WriteTransaction(soci::session& session, db::Dialect dialect) : session_(session) {
    db::ExecuteVerbatim(session_, dialect == db::Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
  }
  ~WriteTransaction() {
    if (open_) {
      try {
        db::ExecuteVerbatim(session_, "ROLLBACK");
      } catch (...) {
        // The lease's return rolls back or discards the connection anyway.
      }
    }
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void Commit() {
    db::ExecuteVerbatim(session_, "COMMIT");
    open_ = false;
  }

 private:
  soci::session& session_;
  bool open_ = true;
};

// One line of printable ASCII, at most kMaxErrorBytes: safe for a TEXT column on either database
// (a server reply may carry any bytes) and for a log line.
std::string CleanError(std::string_view error) {
  std::string out;
  for (char c : error.substr(0, kMaxErrorBytes)) out += (c >= 0x20 && c < 0x7f) ? c : ' ';
  return out.empty() ? "unknown error" : out;
}

// The error with the recipient's address taken out, for logs (an SMTP reply such as "Recipient
// rejected: <...>" may quote it).
std::string WithoutAddress(std::string text, const std::string& address) {
  if (address.empty()) return text;
  for (std::size_t at = text.find(address); at != std::string::npos; at = text.find(address, at)) {
    text.replace(at, address.size(), "(recipient)");
  }
  return text;
}

}  // namespace

struct Sender::Claimed {
  std::int64_t id = 0;
  int attempts = 0;  // including this one
  std::int64_t created_at = 0;
  Envelope envelope;
};

Sender::Sender(db::Database& database, std::unique_ptr<Transport> transport, SenderOptions options)
    : database_(database), transport_(std::move(transport)), options_(std::move(options)) {
  if (!transport_) throw std::invalid_argument("mail::Sender: no transport");
}

Sender::~Sender() {
  Stop();
}

std::chrono::system_clock::time_point Sender::Now() const {
  return options_.clock ? options_.clock() : std::chrono::system_clock::now();
}

void Sender::Log(std::string_view line) const {
  if (options_.log) {
    options_.log(line);
  } else {
    std::cerr << line << '\n';
  }
}

bool Sender::ClaimOne(std::int64_t now, Claimed& claimed) {
  db::Database::Lease lease = database_.Acquire();
  soci::session& sql = *lease;
  const std::string pending(kStatusPending), sending(kStatusSending);
  const long long now_value = now;
  const std::string due =
      "SELECT id FROM mail_outbox "
      "WHERE (status = :pending AND next_attempt_at <= :due) "
      "OR (status = :sending AND lease_until <= :expired) "
      "ORDER BY next_attempt_at, id LIMIT 1";
  long long id = 0;
  // A plain read first: most polls find nothing, and then should not take SQLite's write lock
  // (which would make them wait behind, and delay, other writers).
  sql << due, soci::use(pending), soci::use(now_value), soci::use(sending), soci::use(now_value),
      soci::into(id);
  if (!sql.got_data()) return false;

  WriteTransaction transaction(sql, database_.dialect());
  // Again, inside the transaction: another sender may have claimed it meanwhile. On PostgreSQL,
  // a row whose claim is in progress elsewhere is locked: skip it rather than wait for it and
  // then find it taken.
  sql << (database_.dialect() == db::Dialect::kPostgres ? due + " FOR UPDATE SKIP LOCKED" : due),
      soci::use(pending), soci::use(now_value), soci::use(sending), soci::use(now_value),
      soci::into(id);
  if (!sql.got_data()) return false;

  const long long lease_until = now + options_.lease.count();
  sql << "UPDATE mail_outbox SET status = :sending, lease_until = :lease_until, "
         "attempts = attempts + 1 WHERE id = :id",
      soci::use(sending), soci::use(lease_until), soci::use(id);
  long long created_at = 0;
  int attempts = 0;
  Envelope& envelope = claimed.envelope;
  sql << "SELECT to_address, subject, text_body, html_body, message_id, attempts, created_at "
         "FROM mail_outbox WHERE id = :id",
      soci::use(id), soci::into(envelope.to), soci::into(envelope.subject),
      soci::into(envelope.text_body), soci::into(envelope.html_body),
      soci::into(envelope.message_id), soci::into(attempts), soci::into(created_at);
  transaction.Commit();
  claimed.id = id;
  claimed.attempts = attempts;
  claimed.created_at = created_at;
  return true;
}

void Sender::RecordSent(std::int64_t id, std::int64_t now) {
  db::Database::Lease lease = database_.Acquire();
  const std::string sent(kStatusSent);
  const long long id_value = id, now_value = now;
  // Whoever holds the row now: it has been delivered. The first sent_at stands.
  *lease << "UPDATE mail_outbox SET status = :sent, sent_at = :now, lease_until = NULL, "
            "last_error = NULL WHERE id = :id AND status <> :already",
      soci::use(sent), soci::use(now_value), soci::use(id_value), soci::use(sent);
}

void Sender::RecordFailure(const Claimed& claimed, std::int64_t now, const std::string& error,
                           bool permanent) {
  const bool give_up = permanent || now - claimed.created_at >= options_.give_up_after.count();
  const std::chrono::seconds delay = RetryDelay(claimed.attempts, options_.backoff);
  const std::string status(give_up ? kStatusFailed : kStatusPending);
  const std::string sending(kStatusSending);
  const std::string cleaned = CleanError(error);
  const long long next = now + delay.count(), id = claimed.id;
  const int attempts = claimed.attempts;
  {
    db::Database::Lease lease = database_.Acquire();
    // Only while the row is still ours (same claim, counted by attempts): if our lease ran out
    // and another sender took the row, its outcome wins.
    *lease << "UPDATE mail_outbox SET status = :status, next_attempt_at = :next, "
              "lease_until = NULL, last_error = :error "
              "WHERE id = :id AND status = :sending AND attempts = :attempts",
        soci::use(status), soci::use(next), soci::use(cleaned), soci::use(id), soci::use(sending),
        soci::use(attempts);
  }
  const std::string logged = WithoutAddress(cleaned, claimed.envelope.to);
  if (give_up) {
    ++given_up_;
    Log("mail: message " + std::to_string(id) + " given up after " + std::to_string(attempts) +
        " attempts: " + logged);
  } else {
    Log("mail: message " + std::to_string(id) + " attempt " + std::to_string(attempts) +
        " failed: " + logged + "; next attempt in " + std::to_string(delay.count()) + " s");
  }
}

void Sender::RetryUnrecordedSent(std::int64_t now) {
  while (!unrecorded_sent_.empty()) {
    RecordSent(unrecorded_sent_.back(), now);  // throws while the database is still away
    unrecorded_sent_.pop_back();
  }
}

int Sender::RunOnce() {
  std::lock_guard run(run_mutex_);
  RetryUnrecordedSent(ToUnixSeconds(Now()));
  int sent = 0;
  int failures_in_a_row = 0;
  Claimed claimed;
  while (!stopping_ && failures_in_a_row < std::max(1, options_.max_consecutive_failures)) {
    if (!ClaimOne(ToUnixSeconds(Now()), claimed)) break;
    try {
      transport_->Send(claimed.envelope);
    } catch (const std::invalid_argument& e) {
      // The row cannot be made into a message (Enqueue validates, so something else wrote it):
      // no retry can help.
      ++failed_attempts_;
      RecordFailure(claimed, ToUnixSeconds(Now()), std::string("unsendable: ") + e.what(),
                    /*permanent=*/true);
      continue;
    } catch (const std::exception& e) {
      ++failed_attempts_;
      ++failures_in_a_row;
      RecordFailure(claimed, ToUnixSeconds(Now()), e.what());
      continue;
    } catch (...) {
      ++failed_attempts_;
      ++failures_in_a_row;
      RecordFailure(claimed, ToUnixSeconds(Now()), "unknown error");
      continue;
    }
    failures_in_a_row = 0;
    ++sent;
    ++sent_;
    try {
      RecordSent(claimed.id, ToUnixSeconds(Now()));
    } catch (...) {
      unrecorded_sent_.push_back(claimed.id);
      Log("mail: message " + std::to_string(claimed.id) +
          " was accepted but could not be marked sent; retrying the update next run");
      throw;
    }
  }
  return sent;
}

void Sender::Loop() {
  auto next_purge = std::chrono::steady_clock::now();
  std::string last_error;
  while (true) {
    try {
      RunOnce();
      if (options_.keep_sent.count() > 0 && std::chrono::steady_clock::now() >= next_purge) {
        db::Database::Lease lease = database_.Acquire();
        PurgeSent(*lease, Now() - options_.keep_sent);
        next_purge = std::chrono::steady_clock::now() + std::chrono::hours(1);
      }
      last_error.clear();
    } catch (const std::exception& e) {
      // Once per distinct error: a database that is down for an hour is one line, not 1800.
      if (e.what() != last_error) Log(std::string("mail: sender: ") + e.what());
      last_error = e.what();
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.poll, [this] { return stop_ || woken_; });
    if (stop_) return;
    woken_ = false;
  }
}

void Sender::Start() {
  std::lock_guard lifecycle(lifecycle_mutex_);
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stop_ = false;
    woken_ = false;
  }
  thread_ = std::thread(&Sender::Loop, this);
}

void Sender::Stop() {
  std::lock_guard lifecycle(lifecycle_mutex_);
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  stopping_ = true;
  wake_.notify_all();
  thread_.join();
  stopping_ = false;
}

void Sender::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

SenderCounters Sender::Counters() const {
  return {sent_.load(), failed_attempts_.load(), given_up_.load()};
}

}  // namespace lumbung::mail
