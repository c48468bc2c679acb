#include "core/jobs/runner.h"

#include <soci/soci.h>
#include <unistd.h>

#include <iostream>
#include <random>
#include <stdexcept>

#include "core/db/transaction.h"

namespace lumbung::jobs {
namespace {

constexpr std::size_t kMaxErrorBytes = 500;

// One line of printable ASCII: safe in a TEXT column and a log line.
std::string CleanError(std::string_view error) {
  std::string out;
  for (char c : error.substr(0, kMaxErrorBytes)) out += (c >= 0x20 && c < 0x7f) ? c : ' ';
  return out.empty() ? "unknown error" : out;
}

std::string DefaultRunnerId() {
  char host[64] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  std::random_device random;
  const unsigned suffix = random() & 0xffffffu;
  char text[128];
  std::snprintf(text, sizeof text, "%s:%d:%06x", host, static_cast<int>(getpid()), suffix);
  return text;
}

}  // namespace

Runner::Runner(db::Database& database, RunnerOptions options)
    : database_(database), options_(std::move(options)) {
  if (options_.runner_id.empty()) options_.runner_id = DefaultRunnerId();
  if (options_.max_attempts < 1) throw std::invalid_argument("jobs::Runner: max_attempts < 1");
}

Runner::~Runner() {
  Stop();
}

void Runner::Register(std::string kind, Handler handler) {
  if (!handler) throw std::invalid_argument("jobs::Runner: empty handler for " + kind);
  std::lock_guard lock(lifecycle_mutex_);
  if (thread_.joinable()) throw std::logic_error("jobs::Runner: Register after Start");
  if (!handlers_.emplace(std::move(kind), std::move(handler)).second) {
    throw std::logic_error("jobs::Runner: a handler for this kind exists");
  }
}

std::int64_t Runner::Now() const {
  const auto now = options_.clock ? options_.clock() : std::chrono::system_clock::now();
  return std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
}

void Runner::Log(std::string_view line) const {
  if (options_.log) {
    options_.log(line);
  } else {
    std::cerr << "jobs: " << line << std::endl;
  }
}

std::optional<Job> Runner::Claim() {
  if (handlers_.empty()) return std::nullopt;
  db::Database::Lease lease = database_.Acquire();
  soci::session& sql = *lease;
  const bool postgres = database_.dialect() == db::Dialect::kPostgres;
  const long long now = Now();
  const std::string queued(kQueued), running(kRunning);
  // The kinds this runner can run, as a list of literals checked by Validate's alphabet
  // ([a-z0-9_.-], so no quoting issue), keeping jobs of other kinds for binaries that know them.
  std::string kinds;
  for (const auto& [kind, handler] : handlers_) {
    if (!kinds.empty()) kinds += ", ";
    kinds += "'" + kind + "'";
  }
  const std::string due =
      "SELECT id FROM jobs WHERE ((state = :queued AND run_after <= :now) OR "
      "(state = :running AND lease_until < :now2)) AND kind IN (" +
      kinds + ") ORDER BY id LIMIT 1";

  // A plain read first: an idle poll takes no write lock (SQLite has one writer).
  long long id = 0;
  sql << due, soci::use(queued), soci::use(now), soci::use(running), soci::use(now), soci::into(id);
  if (!sql.got_data()) return std::nullopt;

  auto tx = db::Transaction::ForWriting(sql);
  // Again inside the transaction: another runner may have claimed it meanwhile. On PostgreSQL a
  // row whose claim is in progress elsewhere is skipped rather than waited for.
  sql << (postgres ? due + " FOR UPDATE SKIP LOCKED" : due), soci::use(queued), soci::use(now),
      soci::use(running), soci::use(now), soci::into(id);
  if (!sql.got_data()) return std::nullopt;
  const long long lease_until = now + options_.lease.count();
  sql << "UPDATE jobs SET state = :running, claimed_by = :me, lease_until = :lease_until, "
         "heartbeat_at = :now, attempts = attempts + 1, "
         "started_at = COALESCE(started_at, :now2) WHERE id = :id",
      soci::use(running), soci::use(options_.runner_id), soci::use(lease_until), soci::use(now),
      soci::use(now), soci::use(id);
  auto job = Find(sql, id);
  tx.Commit();
  if (job && job->attempts > 1) {
    Log("job " + std::to_string(job->id) + " (" + job->kind + ") resumed at attempt " +
        std::to_string(job->attempts));
  }
  return job;
}

StepOutcome Runner::Step(Job& job) {
  const auto handler = handlers_.find(job.kind);
  if (handler == handlers_.end()) throw std::logic_error("jobs::Runner: no handler for kind");
  db::Database::Lease lease = database_.Acquire();
  soci::session& sql = *lease;
  const bool postgres = database_.dialect() == db::Dialect::kPostgres;
  const long long id = job.id;
  const std::string running(kRunning);
  StepResult result;
  Job committed;
  try {
    auto tx = db::Transaction::ForWriting(sql);
    // Ours still? Locked on PostgreSQL until commit, so a takeover waits for this step to end
    // and then sees its cursor; on SQLite this transaction is the single writer.
    std::string holder, state;
    soci::indicator holder_indicator = soci::i_null;
    sql << std::string("SELECT claimed_by, state FROM jobs WHERE id = :id") +
               (postgres ? " FOR UPDATE" : ""),
        soci::use(id), soci::into(holder, holder_indicator), soci::into(state);
    if (!sql.got_data() || holder_indicator != soci::i_ok || holder != options_.runner_id ||
        state != kRunning) {
      Log("job " + std::to_string(job.id) + " is no longer held by this runner");
      return StepOutcome::kLostLease;
    }
    // The stored row is the truth (the claim's copy may be older than a takeover's steps).
    job = *Find(sql, id);
    const long long now = Now();
    StepContext context{sql, database_.dialect(), job, now};
    result = handler->second(context);
    if (result.processed < 0) throw std::logic_error("jobs: a step processed a negative count");
    const long long done = job.done + result.processed;
    const long long lease_until = now + options_.lease.count();
    long long total = result.total ? *result.total : (job.total ? *job.total : 0);
    soci::indicator total_indicator = (result.total || job.total) ? soci::i_ok : soci::i_null;
    if (result.finished) {
      const std::string finished(kDone);
      sql << "UPDATE jobs SET state = :done_state, cursor = :cursor, done = :done, "
             "total = :total, heartbeat_at = :now, finished_at = :now2, lease_until = NULL, "
             "claimed_by = NULL, last_error = NULL WHERE id = :id",
          soci::use(finished), soci::use(result.cursor), soci::use(done),
          soci::use(total, total_indicator), soci::use(now), soci::use(now), soci::use(id);
    } else if (result.again_in > 0) {
      const std::string queued(kQueued);
      const long long run_after = now + result.again_in;
      sql << "UPDATE jobs SET state = :queued, cursor = :cursor, done = :done, total = :total, "
             "heartbeat_at = :now, lease_until = NULL, claimed_by = NULL, attempts = 0, "
             "run_after = :run_after WHERE id = :id",
          soci::use(queued), soci::use(result.cursor), soci::use(done),
          soci::use(total, total_indicator), soci::use(now), soci::use(run_after), soci::use(id);
    } else {
      sql << "UPDATE jobs SET cursor = :cursor, done = :done, total = :total, "
             "heartbeat_at = :now, lease_until = :lease_until WHERE id = :id",
          soci::use(result.cursor), soci::use(done), soci::use(total, total_indicator),
          soci::use(now), soci::use(lease_until), soci::use(id);
    }
    committed = *Find(sql, id);
    tx.Commit();
  } catch (const std::exception& e) {
    // The batch's work rolled back with the transaction; the cursor stays where it was.
    Log("job " + std::to_string(job.id) + " (" + job.kind +
        ") step failed: " + CleanError(e.what()));
    RecordFailure(job, CleanError(e.what()));
    return StepOutcome::kFailed;
  }
  job = committed;
  if (options_.after_step) options_.after_step(job, result);
  if (result.finished) return StepOutcome::kFinished;
  return result.again_in > 0 ? StepOutcome::kWaiting : StepOutcome::kProgressed;
}

void Runner::RecordFailure(const Job& job, const std::string& error) {
  db::Database::Lease lease = database_.Acquire();
  soci::session& sql = *lease;
  auto tx = db::Transaction::ForWriting(sql);
  const long long id = job.id, now = Now();
  int attempts = 0;
  std::string holder;
  soci::indicator holder_indicator = soci::i_null;
  sql << "SELECT attempts, claimed_by FROM jobs WHERE id = :id", soci::use(id),
      soci::into(attempts), soci::into(holder, holder_indicator);
  // A job taken over meanwhile belongs to its new runner: leave it be.
  if (!sql.got_data() || holder_indicator != soci::i_ok || holder != options_.runner_id) return;
  const AfterFailure next = DecideAfterFailure(attempts, options_.max_attempts);
  const std::string state(next.state);
  const long long run_after = now + next.retry_in;
  if (next.state == kFailed) {
    sql << "UPDATE jobs SET state = :state, last_error = :error, claimed_by = NULL, "
           "lease_until = NULL, finished_at = :now WHERE id = :id",
        soci::use(state), soci::use(error), soci::use(now), soci::use(id);
    Log("job " + std::to_string(job.id) + " (" + job.kind + ") failed after " +
        std::to_string(attempts) + " attempts");
  } else {
    sql << "UPDATE jobs SET state = :state, last_error = :error, claimed_by = NULL, "
           "lease_until = NULL, run_after = :run_after WHERE id = :id",
        soci::use(state), soci::use(error), soci::use(run_after), soci::use(id);
  }
  tx.Commit();
}

void Runner::Release(const Job& job) {
  // A clean stop hands the job back at once instead of letting its lease run out, so the next
  // instance resumes from the cursor without waiting. Not a failure: attempts stay as they are.
  try {
    db::Database::Lease lease = database_.Acquire();
    const std::string queued(kQueued), running(kRunning);
    const long long id = job.id, now = Now();
    *lease << "UPDATE jobs SET state = :queued, claimed_by = NULL, lease_until = NULL, "
              "run_after = :now WHERE id = :id AND claimed_by = :me AND state = :running",
        soci::use(queued), soci::use(now), soci::use(id), soci::use(options_.runner_id),
        soci::use(running);
  } catch (const std::exception& e) {
    Log(std::string("could not hand back a job at stop (its lease will run out): ") +
        CleanError(e.what()));
  }
}

int Runner::RunOnce() {
  std::lock_guard run(run_mutex_);
  int steps = 0;
  while (!stopping_) {
    auto job = Claim();
    if (!job) break;
    for (;;) {
      const StepOutcome outcome = Step(*job);
      if (outcome == StepOutcome::kProgressed || outcome == StepOutcome::kWaiting ||
          outcome == StepOutcome::kFinished) {
        ++steps;
      }
      if (outcome != StepOutcome::kProgressed) break;
      if (stopping_) {
        Release(*job);
        return steps;
      }
    }
  }
  return steps;
}

void Runner::Start() {
  std::lock_guard lock(lifecycle_mutex_);
  if (thread_.joinable()) return;
  {
    std::lock_guard state(mutex_);
    stop_ = false;
  }
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void Runner::Stop() {
  std::lock_guard lock(lifecycle_mutex_);
  if (!thread_.joinable()) return;
  stopping_ = true;
  {
    std::lock_guard state(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void Runner::Wake() {
  {
    std::lock_guard state(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void Runner::Loop() {
  for (;;) {
    try {
      RunOnce();
    } catch (const std::exception& e) {
      Log(std::string("run failed (retried at the next poll): ") + CleanError(e.what()));
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.poll, [this] { return stop_ || woken_; });
    if (stop_) return;
    woken_ = false;
  }
}

}  // namespace lumbung::jobs
