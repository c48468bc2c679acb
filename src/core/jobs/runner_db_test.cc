#include "core/jobs/runner.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <chrono>
#include <future>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/db/transaction.h"
#include "core/jobs/jobs.h"
#include "support/test_databases.h"

namespace lumbung::jobs {
namespace {

constexpr std::int64_t kStart = 1'795'000'000;
constexpr int kItems = 23;
constexpr int kBatch = 5;

// A job that "processes" kItems numbered items in batches of kBatch: each batch writes one row
// per item into job_work, with a unique item number, in the step's transaction. A double-counted
// or repeated item fails the unique constraint or the totals.
class RunnerDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/core/jobs/migrations"});
    auto lease = db().Acquire();
    *lease << "CREATE TABLE job_work (item INTEGER PRIMARY KEY, runner TEXT NOT NULL)";
  }

  RunnerOptions Options(const std::string& id) {
    RunnerOptions options;
    options.runner_id = id;
    options.lease = std::chrono::seconds(60);
    options.clock = [this] {
      return std::chrono::system_clock::time_point(std::chrono::seconds(now_));
    };
    options.log = [this](std::string_view line) { log_.emplace_back(line); };
    return options;
  }

  // Throws after `fail_after` batches of this handler's own (a crash in the middle of a job).
  Handler Counting(const std::string& runner, int fail_after = -1) {
    return [runner, fail_after, calls = 0](StepContext& step) mutable -> StepResult {
      const int from = step.job.cursor.empty() ? 0 : std::stoi(step.job.cursor);
      for (int item = from; item < std::min(from + kBatch, kItems); ++item) {
        step.sql << "INSERT INTO job_work (item, runner) VALUES (:i, :r)", soci::use(item),
            soci::use(runner);
      }
      if (fail_after >= 0 && calls++ == fail_after) {
        throw std::runtime_error("simulated crash after the batch's writes");
      }
      const int to = std::min(from + kBatch, kItems);
      return {.cursor = std::to_string(to),
              .processed = to - from,
              .total = kItems,
              .finished = to >= kItems};
    };
  }

  std::int64_t Add(const std::string& key = "") {
    auto lease = db().Acquire();
    return Enqueue(*lease, {.kind = "count", .payload = "{}", .dedupe_key = key}, now_);
  }

  long long WorkRows(const std::string& runner = "") {
    auto lease = db().Acquire();
    long long n = 0;
    if (runner.empty()) {
      *lease << "SELECT COUNT(*) FROM job_work", soci::into(n);
    } else {
      *lease << "SELECT COUNT(*) FROM job_work WHERE runner = :r", soci::use(runner), soci::into(n);
    }
    return n;
  }

  Job Load(std::int64_t id) {
    auto lease = db().Acquire();
    return *Find(*lease, id);
  }

  std::int64_t now_ = kStart;
  std::vector<std::string> log_;
};

TEST_P(RunnerDbTest, RunsAJobToTheEndInBatchesWithExactProgress) {
  Runner runner(db(), Options("a"));
  runner.Register("count", Counting("a"));
  const auto id = Add();
  EXPECT_EQ(runner.RunOnce(), 5);  // 5 + 5 + 5 + 5 + 3
  const Job job = Load(id);
  EXPECT_EQ(job.state, kDone);
  EXPECT_EQ(job.done, kItems);
  EXPECT_EQ(job.total, kItems);
  EXPECT_EQ(job.cursor, "23");
  EXPECT_EQ(job.attempts, 1);
  EXPECT_EQ(job.finished_at, kStart);
  EXPECT_TRUE(job.claimed_by.empty());
  EXPECT_EQ(WorkRows(), kItems);
  EXPECT_EQ(runner.RunOnce(), 0);  // nothing left
}

TEST_P(RunnerDbTest, EnqueueWithTheSameKeyMakesOneJob) {
  const auto first = Add("announcement.deliver:7");
  EXPECT_EQ(Add("announcement.deliver:7"), first);
  EXPECT_NE(Add("announcement.deliver:8"), first);
  auto lease = db().Acquire();
  EXPECT_EQ(FindByKey(*lease, "announcement.deliver:7")->id, first);
}

TEST_P(RunnerDbTest, AHandlerThatThrowsMidJobIsResumedFromItsCursorWithExactTotals) {
  const auto id = Add();
  {
    Runner first(db(), Options("first"));
    first.Register("count", Counting("first", /*fail_after=*/2));
    EXPECT_EQ(first.RunOnce(), 2);  // two batches committed, the third rolled back
  }
  Job job = Load(id);
  EXPECT_EQ(job.state, kQueued);
  EXPECT_EQ(job.done, 2 * kBatch);
  EXPECT_EQ(job.cursor, "10");
  EXPECT_EQ(job.last_error, "simulated crash after the batch's writes");
  EXPECT_EQ(WorkRows(), 2 * kBatch);  // the failed batch's writes are gone
  EXPECT_GT(job.run_after, now_);

  Runner second(db(), Options("second"));
  second.Register("count", Counting("second"));
  EXPECT_EQ(second.RunOnce(), 0);  // not due yet: the retry waits
  now_ = job.run_after;
  EXPECT_EQ(second.RunOnce(), 3);
  job = Load(id);
  EXPECT_EQ(job.state, kDone);
  EXPECT_EQ(job.done, kItems);
  EXPECT_EQ(job.attempts, 2);
  EXPECT_EQ(WorkRows(), kItems);
  EXPECT_EQ(WorkRows("first"), 2 * kBatch);
  EXPECT_EQ(WorkRows("second"), kItems - 2 * kBatch);
}

TEST_P(RunnerDbTest, AJobWhoseRunnerDiedIsTakenOverWhenItsLeaseRunsOut) {
  const auto id = Add();
  Runner dead(db(), Options("dead"));
  dead.Register("count", Counting("dead"));
  auto job = dead.Claim();
  ASSERT_TRUE(job);
  EXPECT_EQ(dead.Step(*job), StepOutcome::kProgressed);
  // ... and then the process is killed: nothing more happens on its side.

  Runner next(db(), Options("next"));
  next.Register("count", Counting("next"));
  EXPECT_FALSE(next.Claim());  // the lease still holds
  now_ += 61;
  auto taken = next.Claim();
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->claimed_by, "next");
  EXPECT_EQ(taken->attempts, 2);
  EXPECT_EQ(taken->cursor, "5");

  // The dead runner's late step (it was only hung) changes nothing.
  EXPECT_EQ(dead.Step(*job), StepOutcome::kLostLease);
  while (next.Step(*taken) == StepOutcome::kProgressed) {
  }
  EXPECT_EQ(Load(id).state, kDone);
  EXPECT_EQ(Load(id).done, kItems);
  EXPECT_EQ(WorkRows(), kItems);
  EXPECT_EQ(WorkRows("dead"), kBatch);
}

TEST_P(RunnerDbTest, EachStepRenewsTheLease) {
  const auto id = Add();
  Runner runner(db(), Options("a"));
  runner.Register("count", Counting("a"));
  auto job = runner.Claim();
  ASSERT_TRUE(job);
  EXPECT_EQ(job->lease_until, kStart + 60);
  now_ += 50;
  EXPECT_EQ(runner.Step(*job), StepOutcome::kProgressed);
  EXPECT_EQ(Load(id).lease_until, kStart + 110);
  EXPECT_EQ(Load(id).heartbeat_at, kStart + 50);
  now_ += 50;  // past the claim's lease, within the renewed one
  Runner other(db(), Options("other"));
  other.Register("count", Counting("other"));
  EXPECT_FALSE(other.Claim());
}

TEST_P(RunnerDbTest, GivesUpAfterMaxAttempts) {
  const auto id = Add();
  auto options = Options("a");
  options.max_attempts = 2;
  Runner runner(db(), options);
  runner.Register("count", [](StepContext&) -> StepResult { throw std::runtime_error("broken"); });
  runner.RunOnce();
  now_ += 3600;
  runner.RunOnce();
  const Job job = Load(id);
  EXPECT_EQ(job.state, kFailed);
  EXPECT_EQ(job.attempts, 2);
  EXPECT_EQ(job.last_error, "broken");
  now_ += 7200;
  EXPECT_EQ(runner.RunOnce(), 0);
}

TEST_P(RunnerDbTest, AJobThatMustWaitComesBackLaterAndIsNeverGivenUp) {
  const auto id = Add();
  auto options = Options("a");
  options.max_attempts = 2;
  std::vector<std::string> logged;
  options.log = [&](std::string_view line) { logged.emplace_back(line); };
  Runner runner(db(), options);
  bool outside_ready = false;
  runner.Register("count", [&](StepContext&) -> StepResult {
    if (!outside_ready) return {.cursor = "waiting", .again_in = 60};
    return {.cursor = "done", .processed = 1, .finished = true};
  });
  for (int wait = 0; wait < 5; ++wait) {  // more waits than max_attempts
    EXPECT_EQ(runner.RunOnce(), 1);
    const Job job = Load(id);
    EXPECT_EQ(job.state, kQueued);
    EXPECT_EQ(job.run_after, now_ + 60);
    EXPECT_TRUE(job.claimed_by.empty());
    EXPECT_EQ(job.attempts, 0) << "waiting is not failing";
    EXPECT_EQ(runner.RunOnce(), 0) << "not due before its time";
    now_ += 60;
  }
  outside_ready = true;
  EXPECT_EQ(runner.RunOnce(), 1);
  EXPECT_EQ(Load(id).state, kDone);
  // A wait hands the job back at once: the runner does not step it again as if it still held it.
  EXPECT_TRUE(logged.empty()) << logged.front();
}

TEST_P(RunnerDbTest, JobsOfKindsThisBinaryDoesNotKnowAreLeftAlone) {
  {
    auto lease = db().Acquire();
    Enqueue(*lease, {.kind = "future.kind", .payload = "{}"}, now_);
  }
  Runner runner(db(), Options("a"));
  runner.Register("count", Counting("a"));
  EXPECT_FALSE(runner.Claim());
}

TEST_P(RunnerDbTest, TwoRunnersNeverClaimTheSameJob) {
  Add();
  Runner a(db(), Options("a")), b(db(), Options("b"));
  a.Register("count", Counting("a"));
  b.Register("count", Counting("b"));
  EXPECT_TRUE(a.Claim());
  EXPECT_FALSE(b.Claim());
}

TEST_P(RunnerDbTest, TheBackgroundThreadRunsWhatIsEnqueuedAndStopsCleanly) {
  auto options = Options("bg");
  options.clock = {};  // the real clock: jobs below are due at once
  std::promise<void> finished;
  options.after_step = [&finished](const Job& job, const StepResult&) {
    if (job.state == kDone) finished.set_value();
  };
  Runner runner(db(), options);
  runner.Register("count", Counting("bg"));
  runner.Start();
  {
    auto lease = db().Acquire();
    Enqueue(*lease, {.kind = "count", .payload = "{}"},
            std::chrono::duration_cast<std::chrono::seconds>(
                std::chrono::system_clock::now().time_since_epoch())
                .count());
  }
  runner.Wake();
  EXPECT_EQ(finished.get_future().wait_for(std::chrono::seconds(30)), std::future_status::ready);
  runner.Stop();
  runner.Stop();  // idempotent
  EXPECT_EQ(WorkRows(), kItems);
}

LUMBUNG_INSTANTIATE_DB_TESTS(RunnerDbTest);

}  // namespace
}  // namespace lumbung::jobs
