#include "identity/login_throttle.h"

#include <algorithm>

namespace lumbung::identity {
namespace {

constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kFirstDelaySeconds = 15;

// Counting is in fixed hour windows; any sliding hour overlaps at most two of them, so each
// window takes half the hourly cap and no hour ever sees more than max_per_hour failures.
int WindowCap(const ThrottleLimits& limits) {
  return std::max(1, limits.max_per_hour / 2);
}

}  // namespace

GateDecision CheckGate(const ThrottleState& state, std::int64_t now, const ThrottleLimits& limits) {
  if (state.window_start + kHour > now && state.window_count >= WindowCap(limits)) {
    return {Gate::kLocked, state.window_start + kHour};
  }
  if (state.blocked_until > now) {
    // A lock leaves the counter at zero; a back-off leaves it at delay_after or more.
    const bool locked = state.failures == 0;
    return {locked ? Gate::kLocked : Gate::kDelayed, state.blocked_until};
  }
  return {Gate::kOpen, 0};
}

FailureOutcome RecordFailure(const ThrottleState& state, std::int64_t now,
                             const ThrottleLimits& limits) {
  FailureOutcome out{state, false};
  ThrottleState& s = out.state;
  if (s.window_start + kHour <= now) {
    s.window_start = now;
    s.window_count = 0;
  }
  s.window_count += 1;
  s.failures += 1;
  if (s.failures >= limits.lock_after) {
    s.failures = 0;
    s.blocked_until = now + limits.lock_seconds;
    out.locked_now = true;
  } else if (s.failures >= limits.delay_after) {
    const int doublings = std::min(s.failures - limits.delay_after, 10);
    s.blocked_until = now + (kFirstDelaySeconds << doublings);
    out.delay_started_now = s.failures == limits.delay_after;
  }
  if (s.window_count >= WindowCap(limits)) {
    s.blocked_until = std::max(s.blocked_until, s.window_start + kHour);
    if (!out.locked_now && s.failures != 0) {
      s.failures = 0;
      out.locked_now = true;
      out.delay_started_now = false;
    }
  }
  return out;
}

ThrottleState RecordSuccess(const ThrottleState& state) {
  ThrottleState s = state;
  s.failures = 0;
  s.blocked_until = 0;
  return s;
}

}  // namespace lumbung::identity
