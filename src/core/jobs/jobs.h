// Background jobs: work too large for one request (an announcement to every member of a
// province; later wage-subsidy runs and imports) is written as a row of `jobs` in the request's
// transaction and done later, in resumable steps, by the runner thread of any app instance
// (runner.h). Schema: migrations/0038_jobs*.sql.
//
//   auto tx = db::Transaction::ForWriting(sql);
//   ... publish the announcement ...
//   jobs::Enqueue(sql, {.kind = "announcement.deliver", .payload = R"({"announcement":7})",
//                       .dedupe_key = "announcement.deliver:7"}, now);
//   tx.Commit();   // the job exists if and only if the publication does
//   runner.Wake(); // optional: start now rather than at the next poll
//
// Staff pages read a job's progress (done of total) with Find / FindByKey.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace soci {
class session;
}

namespace lumbung::jobs {

// The values of jobs.state.
inline constexpr std::string_view kQueued = "queued";
inline constexpr std::string_view kRunning = "running";
inline constexpr std::string_view kDone = "done";
inline constexpr std::string_view kFailed = "failed";

struct NewJob {
  // Which handler runs it (runner.h Register): 1..64 of [a-z0-9_.-].
  std::string kind{};
  // The handler's input, a JSON text (the handler parses it); at most 64 KiB.
  std::string payload = "{}";
  // A second Enqueue with the same key adds nothing (and returns the first job's id); empty:
  // never deduplicated. Up to 200 printable ASCII characters.
  std::string dedupe_key{};
};

struct Job {
  std::int64_t id = 0;
  std::string kind, payload, state;
  std::string cursor;                 // the handler's own bookmark; "" before the first step
  std::int64_t done = 0;              // units of work finished (handler's unit: members, rows)
  std::optional<std::int64_t> total;  // when the handler knows it
  int attempts = 0;                   // claims so far (a takeover after a crash counts)
  std::string claimed_by;             // the runner holding it while running
  std::optional<std::int64_t> lease_until, heartbeat_at;
  std::int64_t run_after = 0, created_at = 0;
  std::optional<std::int64_t> started_at, finished_at;
  std::string last_error;
};

// Throws std::invalid_argument naming the bad field.
void Validate(const NewJob& job);

// Inserts a queued job, due at `now` (epoch seconds), in the caller's transaction (it neither
// begins nor commits one). Returns its id, or the existing job's id when one with the same
// dedupe key exists (nothing written). Throws std::invalid_argument or the database's error.
std::int64_t Enqueue(soci::session& sql, const NewJob& job, std::int64_t now);

std::optional<Job> Find(soci::session& sql, std::int64_t id);
std::optional<Job> FindByKey(soci::session& sql, std::string_view dedupe_key);

// Pure. Whole percent of done over total (0..100), nullopt while the total is unknown; a total
// of 0 is 100 % (nothing to do is all done).
std::optional<int> PercentDone(const Job& job);

// Pure. What becomes of a job whose step failed on its `attempts`-th claim: back to queued
// after a delay growing with the attempts (30 s, 2 min, 8 min, ... capped at 1 h), or failed
// for good once attempts reach `max_attempts`.
struct AfterFailure {
  std::string_view state;     // kQueued or kFailed
  std::int64_t retry_in = 0;  // seconds, for kQueued
};
AfterFailure DecideAfterFailure(int attempts, int max_attempts);

}  // namespace lumbung::jobs
