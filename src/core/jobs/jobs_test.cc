#include "core/jobs/jobs.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace lumbung::jobs {
namespace {

TEST(JobsTest, PercentDoneIsUnknownUntilTheTotalIs) {
  Job job;
  job.done = 5;
  EXPECT_FALSE(PercentDone(job));
  job.total = 20;
  EXPECT_EQ(PercentDone(job), 25);
  job.done = 20;
  EXPECT_EQ(PercentDone(job), 100);
  job.done = 25;  // never more than all
  EXPECT_EQ(PercentDone(job), 100);
}

TEST(JobsTest, NothingToDoIsAllDone) {
  Job job;
  job.total = 0;
  EXPECT_EQ(PercentDone(job), 100);
}

TEST(JobsTest, FailedStepsAreRetriedLaterAndLaterThenGivenUp) {
  EXPECT_EQ(DecideAfterFailure(1, 5).state, kQueued);
  EXPECT_EQ(DecideAfterFailure(1, 5).retry_in, 30);
  EXPECT_EQ(DecideAfterFailure(2, 5).retry_in, 120);
  EXPECT_EQ(DecideAfterFailure(3, 5).retry_in, 480);
  EXPECT_EQ(DecideAfterFailure(4, 9).retry_in, 1920);
  EXPECT_EQ(DecideAfterFailure(8, 9).retry_in, 3600);
  EXPECT_EQ(DecideAfterFailure(5, 5).state, kFailed);
  EXPECT_EQ(DecideAfterFailure(1, 1).state, kFailed);
}

TEST(JobsTest, ValidateRefusesBadKindsPayloadsAndKeys) {
  EXPECT_NO_THROW(Validate({.kind = "announcement.deliver", .payload = "{}"}));
  EXPECT_THROW(Validate({.kind = "", .payload = "{}"}), std::invalid_argument);
  EXPECT_THROW(Validate({.kind = "Bad Kind", .payload = "{}"}), std::invalid_argument);
  EXPECT_THROW(Validate({.kind = "x'; DROP", .payload = "{}"}), std::invalid_argument);
  EXPECT_THROW(Validate({.kind = "k", .payload = ""}), std::invalid_argument);
  EXPECT_THROW(Validate({.kind = "k", .payload = std::string(64 * 1024 + 1, 'x')}),
               std::invalid_argument);
  EXPECT_THROW(Validate({.kind = "k", .payload = "{}", .dedupe_key = "with space"}),
               std::invalid_argument);
}

}  // namespace
}  // namespace lumbung::jobs
