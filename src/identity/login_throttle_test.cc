#include "identity/login_throttle.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <vector>

namespace lumbung::identity {
namespace {

constexpr std::int64_t kT0 = 1'750'000'000;  // 2025-06-15, a fixed "now"
constexpr std::int64_t kHour = 3600;

// `n` failures, each at the earliest moment the gate allows (an attacker with a script).
struct Attack {
  ThrottleState state;
  std::int64_t now = kT0;
  std::vector<std::int64_t> failures;  // times
  int locks = 0;                       // failures that reported locked_now
};

void FailAsSoonAsAllowed(Attack& run, int n, const ThrottleLimits& limits) {
  for (int i = 0; i < n; ++i) {
    for (GateDecision gate = CheckGate(run.state, run.now, limits); gate.gate != Gate::kOpen;
         gate = CheckGate(run.state, run.now, limits)) {
      ASSERT_GT(gate.until, run.now);
      run.now = gate.until;
    }
    FailureOutcome outcome = RecordFailure(run.state, run.now, limits);
    run.state = outcome.state;
    run.failures.push_back(run.now);
    if (outcome.locked_now) ++run.locks;
  }
}

// ASVS 2.2.1 / NIST SP 800-63B 5.2.2: a few mistakes cost nothing.
TEST(LoginThrottle, Asvs221_FailuresBeforeDelayAfterAreNotThrottled) {
  const ThrottleLimits limits;  // delay after 5, lock after 10
  ThrottleState s;
  for (int i = 1; i < limits.delay_after; ++i) {
    FailureOutcome out = RecordFailure(s, kT0, limits);
    s = out.state;
    EXPECT_FALSE(out.locked_now);
    EXPECT_EQ(s.failures, i);
    EXPECT_EQ(CheckGate(s, kT0, limits).gate, Gate::kOpen) << "after failure " << i;
  }
}

TEST(LoginThrottle, Asvs221_Nist52_2_DelayStartsAtDelayAfterAndDoubles) {
  const ThrottleLimits limits;
  ThrottleState s;
  std::int64_t now = kT0;
  for (int i = 1; i < limits.delay_after; ++i) s = RecordFailure(s, now, limits).state;
  std::int64_t expected_wait = 15;
  for (int i = limits.delay_after; i < limits.lock_after; ++i) {
    FailureOutcome out = RecordFailure(s, now, limits);
    s = out.state;
    EXPECT_FALSE(out.locked_now) << "failure " << i;
    EXPECT_EQ(s.blocked_until, now + expected_wait) << "failure " << i;
    GateDecision gate = CheckGate(s, now, limits);
    EXPECT_EQ(gate.gate, Gate::kDelayed) << "failure " << i;
    EXPECT_EQ(gate.until, now + expected_wait);
    EXPECT_EQ(CheckGate(s, now + expected_wait - 1, limits).gate, Gate::kDelayed);
    now += expected_wait;  // the wait is over: the next attempt is allowed
    EXPECT_EQ(CheckGate(s, now, limits).gate, Gate::kOpen);
    expected_wait *= 2;
  }
}

// ASVS 2.2.3 (notify the owner): one notice when a run of failures starts to be throttled, not
// one per failure; a success or a lock ends the run, and the next run is news again.
TEST(LoginThrottle, Asvs223_DelayStartIsReportedOncePerEpisode) {
  const ThrottleLimits limits{
      .delay_after = 5, .lock_after = 30, .lock_seconds = 900, .max_per_hour = 100};
  const auto starts_in = [&](ThrottleState& s, std::int64_t& now, int failures) {
    int starts = 0;
    for (int i = 0; i < failures; ++i) {
      now = std::max(now, s.blocked_until);
      FailureOutcome out = RecordFailure(s, now, limits);
      s = out.state;
      if (out.delay_started_now) ++starts;
    }
    return starts;
  };
  ThrottleState s;
  std::int64_t now = kT0;
  EXPECT_EQ(starts_in(s, now, 4), 0);
  EXPECT_EQ(starts_in(s, now, 1), 1) << "the delay_after-th failure";
  EXPECT_EQ(starts_in(s, now, 15), 0) << "20 failures in all: still one";
  s = RecordSuccess(s);
  EXPECT_EQ(starts_in(s, now, 7), 1) << "after a success, a new episode";

  // A run that ends in a lock: the lock is reported, and the next run starts afresh.
  ThrottleState l;
  std::int64_t t = kT0;
  const ThrottleLimits short_lock{
      .delay_after = 3, .lock_after = 5, .lock_seconds = 900, .max_per_hour = 100};
  int starts = 0, locks = 0;
  for (int i = 0; i < 8; ++i) {
    t = std::max(t, l.blocked_until);
    FailureOutcome out = RecordFailure(l, t, short_lock);
    l = out.state;
    starts += out.delay_started_now;
    locks += out.locked_now;
  }
  EXPECT_EQ(locks, 1);
  EXPECT_EQ(starts, 2) << "failure 3 of the first run and failure 3 of the second";

  // When the failure that reaches the threshold also locks, only the lock is news.
  const ThrottleLimits same{
      .delay_after = 3, .lock_after = 3, .lock_seconds = 900, .max_per_hour = 100};
  ThrottleState z;
  for (int i = 0; i < 3; ++i) {
    FailureOutcome out = RecordFailure(z, kT0, same);
    z = out.state;
    EXPECT_FALSE(out.delay_started_now) << i;
  }
}

TEST(LoginThrottle, Asvs221_DelayDoublingIsBounded) {
  // A long run of failures without a lock (lock_after high) never overflows the delay.
  const ThrottleLimits limits{
      .delay_after = 1, .lock_after = 100, .lock_seconds = 900, .max_per_hour = 100};
  ThrottleState s;
  std::int64_t now = kT0;
  std::int64_t previous_wait = 0;
  for (int i = 1; i < 60; ++i) {
    s = RecordFailure(s, now, limits).state;
    const std::int64_t wait = s.blocked_until - now;
    EXPECT_GE(wait, previous_wait);
    EXPECT_GT(wait, 0);
    EXPECT_LE(wait, 15 << 10);
    previous_wait = wait;
    now = s.blocked_until;
  }
}

TEST(LoginThrottle, Asvs221_LockAfterMFailuresResetsTheCounterAndReportsLockedNowOnce) {
  const ThrottleLimits limits;
  Attack run;
  FailAsSoonAsAllowed(run, limits.lock_after - 1, limits);
  EXPECT_EQ(run.locks, 0);
  // The lock_after-th failure, once the back-off allows it, locks.
  GateDecision gate = CheckGate(run.state, run.now, limits);
  ASSERT_EQ(gate.gate, Gate::kDelayed);
  run.now = gate.until;
  FailureOutcome out = RecordFailure(run.state, run.now, limits);
  EXPECT_TRUE(out.locked_now);
  EXPECT_EQ(out.state.failures, 0);
  EXPECT_EQ(out.state.blocked_until, run.now + limits.lock_seconds);
  gate = CheckGate(out.state, run.now, limits);
  EXPECT_EQ(gate.gate, Gate::kLocked);
  EXPECT_EQ(gate.until, run.now + limits.lock_seconds);

  // After the lock the counter starts again: the next failures neither lock nor say so again,
  // until another lock_after of them.
  run.state = out.state;
  run.now = out.state.blocked_until;
  EXPECT_EQ(CheckGate(run.state, run.now, limits).gate, Gate::kOpen);
  run.locks = 0;
  FailAsSoonAsAllowed(run, limits.lock_after - 1, limits);
  EXPECT_EQ(run.locks, 0);
  EXPECT_EQ(run.state.failures, limits.lock_after - 1);
  FailAsSoonAsAllowed(run, 1, limits);
  EXPECT_EQ(run.locks, 1);
}

TEST(LoginThrottle, Asvs221_Nist52_2_HourlyCapLocksUntilTheWindowEnds) {
  // No delays or locks from the counter: only the hourly cap applies, half of it to each
  // fixed window (so that no sliding hour holds more than max_per_hour).
  const ThrottleLimits limits{
      .delay_after = 1000, .lock_after = 1000, .lock_seconds = 900, .max_per_hour = 14};
  ThrottleState s;
  int locked_reports = 0;
  for (int i = 0; i < limits.max_per_hour / 2; ++i) {
    EXPECT_EQ(CheckGate(s, kT0 + i, limits).gate, Gate::kOpen) << i;
    FailureOutcome out = RecordFailure(s, kT0 + i, limits);
    s = out.state;
    if (out.locked_now) ++locked_reports;
  }
  EXPECT_EQ(locked_reports, 1);  // the member is told once
  EXPECT_EQ(s.window_start, kT0);
  EXPECT_EQ(s.window_count, limits.max_per_hour / 2);
  GateDecision gate = CheckGate(s, kT0 + 100, limits);
  EXPECT_EQ(gate.gate, Gate::kLocked);
  EXPECT_EQ(gate.until, kT0 + kHour);
  EXPECT_EQ(CheckGate(s, kT0 + kHour - 1, limits).gate, Gate::kLocked);
  EXPECT_EQ(CheckGate(s, kT0 + kHour, limits).gate, Gate::kOpen);
  // A new window starts with the next failure.
  s = RecordFailure(s, kT0 + kHour, limits).state;
  EXPECT_EQ(s.window_start, kT0 + kHour);
  EXPECT_EQ(s.window_count, 1);
}

// Property: whatever the limits and however an attacker times the attempts (only ever trying
// when the gate is open, as the sign-in route enforces), no hour window ever holds more than
// max_per_hour failures.
TEST(LoginThrottle, Asvs221_Nist52_2_NeverMoreThanMaxPerHourFailuresInAnyHourWindow) {
  std::mt19937_64 random(20250615);
  for (int delay_after : {1, 5, 100}) {
    for (int lock_after : {1, 10, 100}) {
      for (std::int64_t lock_minutes : {1, 15}) {
        for (int max_per_hour : {1, 7, 50, 100}) {
          const ThrottleLimits limits{delay_after, lock_after, lock_minutes * 60, max_per_hour};
          for (int attacker = 0; attacker < 6; ++attacker) {
            ThrottleState s;
            std::int64_t now = kT0;
            std::map<std::int64_t, std::vector<std::int64_t>> by_window;
            for (int attempt = 0; attempt < 1000; ++attempt) {
              // Sometimes at once, sometimes after a pause (up to an hour), sometimes a success.
              const int dice = static_cast<int>(random() % 20);
              if (dice == 0) now += static_cast<std::int64_t>(random() % kHour);
              if (dice == 1 || dice == 2) now += static_cast<std::int64_t>(random() % 90);
              // A back-off or lock can outlast the hourly cap's end: wait for whichever is last.
              for (GateDecision gate = CheckGate(s, now, limits); gate.gate != Gate::kOpen;
                   gate = CheckGate(s, now, limits)) {
                ASSERT_GT(gate.until, now);
                now = gate.until;
              }
              if (dice == 3) {
                s = RecordSuccess(s);
                continue;
              }
              s = RecordFailure(s, now, limits).state;
              ASSERT_LE(s.window_start, now);
              ASSERT_GT(s.window_start + kHour, now);
              by_window[s.window_start].push_back(now);
            }
            for (const auto& [start, times] : by_window) {
              ASSERT_LE(static_cast<int>(times.size()), max_per_hour)
                  << "window at " << start << " with delay_after " << delay_after << ", lock_after "
                  << lock_after << ", lock_minutes " << lock_minutes;
              ASSERT_LT(times.back() - start, kHour);
            }
          }
        }
      }
    }
  }
}

// The shipped limits: even an attacker who always tries the moment the gate opens gets far fewer
// than max_per_hour failures in any 60 minutes (sliding, not only per window).
TEST(LoginThrottle, Asvs221_DefaultLimitsKeepEverySlidingHourUnderTheCap) {
  const ThrottleLimits limits;
  Attack run;
  FailAsSoonAsAllowed(run, 1000, limits);
  std::size_t first = 0;
  std::size_t most = 0;
  for (std::size_t last = 0; last < run.failures.size(); ++last) {
    while (run.failures[last] - run.failures[first] >= kHour) ++first;
    most = std::max(most, last - first + 1);
  }
  EXPECT_LE(most, static_cast<std::size_t>(limits.max_per_hour));
  EXPECT_LE(most, 40u);  // 10 failures per lock cycle of 15 s + 30 s + ... + 15 min
  EXPECT_GT(run.locks, 0);
}

// The hourly cap counts fixed windows (from the first failure after the previous window); an
// attacker who fails at the end of one window and the start of the next must still stay within
// max_per_hour in that sliding hour, which is why each window takes half the cap.
TEST(LoginThrottle, Asvs221_NeverMoreThanMaxPerHourFailuresInAnySlidingHour) {
  const ThrottleLimits limits{
      .delay_after = 100, .lock_after = 100, .lock_seconds = 60, .max_per_hour = 100};
  Attack attack;
  FailAsSoonAsAllowed(attack, 1, limits);  // opens a window at kT0
  attack.now = kT0 + kHour - 60;           // then waits until its last minute
  for (int i = 0; i < 300; ++i) {
    FailAsSoonAsAllowed(attack, 1, limits);
    attack.now += 1;
  }
  std::size_t first = 0;
  std::size_t most = 0;
  for (std::size_t last = 0; last < attack.failures.size(); ++last) {
    while (attack.failures[last] - attack.failures[first] >= kHour) ++first;
    most = std::max(most, last - first + 1);
  }
  EXPECT_LE(most, static_cast<std::size_t>(limits.max_per_hour));
}

TEST(LoginThrottle, Asvs221_SuccessResetsTheCounterButNotTheHourlyWindow) {
  const ThrottleLimits limits;
  Attack run;
  FailAsSoonAsAllowed(run, limits.delay_after, limits);  // now delayed
  ASSERT_EQ(CheckGate(run.state, run.now, limits).gate, Gate::kDelayed);
  const ThrottleState before = run.state;
  const ThrottleState after = RecordSuccess(before);
  EXPECT_EQ(after.failures, 0);
  EXPECT_EQ(after.blocked_until, 0);
  EXPECT_EQ(after.window_start, before.window_start);
  EXPECT_EQ(after.window_count, before.window_count);
  EXPECT_EQ(CheckGate(after, run.now, limits).gate, Gate::kOpen);
  // The next failure starts the counter from one, inside the same window.
  ThrottleState next = RecordFailure(after, run.now, limits).state;
  EXPECT_EQ(next.failures, 1);
  EXPECT_EQ(next.blocked_until, 0);
  EXPECT_EQ(next.window_count, before.window_count + 1);
  EXPECT_EQ(next.window_start, before.window_start);
}

TEST(LoginThrottle, Asvs221_SuccessDoesNotLiftTheHourlyCap) {
  // The member's own sign-in (say, from a known device) does not give an attacker new
  // failures in this hour.
  const ThrottleLimits limits{
      .delay_after = 1000, .lock_after = 1000, .lock_seconds = 900, .max_per_hour = 6};
  ThrottleState s;
  for (int i = 0; i < 3; ++i) s = RecordFailure(s, kT0 + i, limits).state;
  s = RecordSuccess(s);
  EXPECT_EQ(CheckGate(s, kT0 + 10, limits).gate, Gate::kLocked);
  EXPECT_EQ(CheckGate(s, kT0 + 10, limits).until, kT0 + kHour);
}

TEST(LoginThrottle, Asvs221_AnExpiredWindowStartsAgain) {
  const ThrottleLimits limits;
  ThrottleState s{.failures = 2, .blocked_until = 0, .window_start = kT0, .window_count = 60};
  s = RecordFailure(s, kT0 + kHour + 5, limits).state;
  EXPECT_EQ(s.window_start, kT0 + kHour + 5);
  EXPECT_EQ(s.window_count, 1);
  EXPECT_EQ(s.failures, 3);  // consecutive failures are not an hourly thing
}

}  // namespace
}  // namespace lumbung::identity
