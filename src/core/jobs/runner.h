// The job runner: one background thread per app instance that claims queued jobs (jobs.h) and
// runs each through the handler registered for its kind, one batch per step. See docs/jobs.md.
//
//   jobs::Runner runner(database, {.poll = std::chrono::seconds(2)});
//   runner.Register("announcement.deliver", [](jobs::StepContext& step) {
//     ... read the batch after step.job.cursor, write its rows through step.sql ...
//     return jobs::StepResult{.cursor = last_id, .processed = rows, .total = audience,
//                             .finished = rows < batch};
//   });
//   runner.Start();   // at `serve`
//   ...
//   runner.Stop();    // at shutdown: the step in progress finishes (or rolls back), then it ends
//
// The contract:
//   * Claim. A job is taken when it is queued and due (run_after <= now), or running with its
//     lease expired (its runner died or hung: a takeover). The claim is a short transaction of
//     its own: on PostgreSQL the row is picked with SELECT ... FOR UPDATE SKIP LOCKED, so
//     runners in several instances never take the same job; on SQLite BEGIN IMMEDIATE makes the
//     claimer the single writer. Claiming sets state running, claimed_by (this runner's id),
//     lease_until = now + lease, attempts + 1.
//   * Step. Each step is ONE write transaction: it first re-reads the job row (on PostgreSQL
//     locking it, FOR UPDATE) and goes on only while this runner still holds it (claimed_by is
//     ours and the state running); then the handler does one batch of work through step.sql;
//     then the runner writes the handler's cursor, done += processed, total, a renewed lease
//     and the heartbeat to the job row; then it commits. The batch's work and the cursor that
//     says it was done commit together or not at all, so a crash (kill -9) at any moment
//     resumes from the last committed cursor and no unit is ever counted or done twice.
//   * Handlers must do one batch per call, short enough to finish well within the lease, and
//     must not begin or commit transactions themselves. A handler that throws ends the step:
//     its transaction rolls back, the job goes back to queued with last_error and a growing
//     delay, and is failed for good after max_attempts claims (jobs.h DecideAfterFailure).
//   * A job of a kind no handler is registered for (an older binary) is left alone.
//   * Lost lease. A step that finds the job no longer ours (another runner took it over after
//     our lease expired) changes nothing and the runner moves on.
//
// Time comes from options.clock (epoch seconds in the table), so tests move time instead of
// sleeping. RunOnce() and the background thread never overlap.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "core/db/database.h"
#include "core/jobs/jobs.h"

namespace soci {
class session;
}

namespace lumbung::jobs {

struct StepContext {
  soci::session& sql;  // inside the step's write transaction
  db::Dialect dialect;
  const Job& job;    // as claimed, with the cursor and progress of the last committed step
  std::int64_t now;  // epoch seconds
};

struct StepResult {
  std::string cursor{};                 // the bookmark after this batch (stored as given)
  std::int64_t processed = 0;           // units finished in this batch (added to done)
  std::optional<std::int64_t> total{};  // set when known; nullopt keeps the stored one
  bool finished = false;                // true: the job is done
  // Not finished and nothing more to do until something outside changes (the virus scanner is
  // down): the job goes back to the queue, due again in this many seconds, its lease released.
  // Waiting is not failing: the attempts start again from zero, so a job may wait as long as
  // it has to and is never given up for it. 0: carry on now.
  std::int64_t again_in = 0;
};

using Handler = std::function<StepResult(StepContext& step)>;

struct RunnerOptions {
  // How often the thread looks for work when nobody calls Wake().
  std::chrono::milliseconds poll{std::chrono::seconds(2)};
  // How long a claim (and each step's renewal) holds a job. Longer than any one step can take.
  std::chrono::seconds lease{std::chrono::minutes(5)};
  // Claims after which a job that keeps failing is given up ('failed').
  int max_attempts = 5;
  // This runner's name in claimed_by; empty: host name, process id and a random suffix.
  std::string runner_id{};
  // Called after each committed step (tests; the functional tests' simulated crash).
  std::function<void(const Job& job, const StepResult& result)> after_step{};
  // Now. Empty: the system clock.
  std::function<std::chrono::system_clock::time_point()> clock{};
  // One line per notable event (a failed step, a lost lease, a database error); never payloads.
  // Empty: standard error.
  std::function<void(std::string_view)> log{};
};

// What one step came to.
// kWaiting: the step asked to be run again later (StepResult.again_in); the job went back to the
// queue, so this runner moves on to other work.
enum class StepOutcome { kProgressed, kWaiting, kFinished, kFailed, kLostLease };

class Runner {
 public:
  // `database` must outlive the Runner.
  explicit Runner(db::Database& database, RunnerOptions options = {});
  ~Runner();  // Stop()
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  // Before Start(). One handler per kind; registering a kind twice throws std::logic_error.
  void Register(std::string kind, Handler handler);

  // Starts the background thread: it runs at once, then after every poll interval or Wake().
  // Database errors are logged and retried at the next poll. Idempotent.
  void Start();
  // Asks the thread to stop after the step in progress, hands the job it was running back to
  // the queue (state queued, cursor kept) and joins it. Idempotent.
  void Stop();
  // Work was enqueued: look now rather than at the next poll. Never blocks.
  void Wake();

  // Claims due jobs and runs each step after step until it is done, fails or is lost, until
  // nothing is due; returns the steps committed. Database errors propagate.
  int RunOnce();

  // The parts of RunOnce, for tests: claim one due job of a registered kind...
  std::optional<Job> Claim();
  // ...and run one step of a job this runner claimed (`job` is updated to the committed row).
  StepOutcome Step(Job& job);

  const std::string& id() const { return options_.runner_id; }

 private:
  void Loop();
  std::int64_t Now() const;
  void Log(std::string_view line) const;
  void RecordFailure(const Job& job, const std::string& error);
  void Release(const Job& job);

  db::Database& database_;
  RunnerOptions options_;
  std::map<std::string, Handler, std::less<>> handlers_;

  std::mutex run_mutex_;        // one RunOnce at a time
  std::mutex lifecycle_mutex_;  // Start/Stop
  std::mutex mutex_;            // guards the fields below
  std::condition_variable wake_;
  bool stop_ = false;
  bool woken_ = false;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
};

}  // namespace lumbung::jobs
