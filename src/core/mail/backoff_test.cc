#include "core/mail/backoff.h"

#include <gtest/gtest.h>

#include <climits>

namespace lumbung::mail {
namespace {

using std::chrono::seconds;

TEST(BackoffTest, DoublesFromThirtySecondsUpToAnHour) {
  const int expected[] = {30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600};
  for (int failures = 1; failures <= 10; ++failures) {
    EXPECT_EQ(RetryDelay(failures), seconds(expected[failures - 1])) << failures;
  }
}

TEST(BackoffTest, NeverOverflowsOrGoesBelowTheFirstDelay) {
  EXPECT_EQ(RetryDelay(INT_MAX), seconds(3600));
  EXPECT_EQ(RetryDelay(0), seconds(30));
  EXPECT_EQ(RetryDelay(-5), seconds(30));
}

TEST(BackoffTest, FollowsTheConfiguredPolicy) {
  const BackoffPolicy policy{.first = seconds(5), .cap = seconds(12)};
  EXPECT_EQ(RetryDelay(1, policy), seconds(5));
  EXPECT_EQ(RetryDelay(2, policy), seconds(10));
  EXPECT_EQ(RetryDelay(3, policy), seconds(12));
  // Nonsense policies still give a sane, positive delay.
  EXPECT_EQ(RetryDelay(3, {.first = seconds(0), .cap = seconds(0)}), seconds(1));
}

}  // namespace
}  // namespace lumbung::mail
