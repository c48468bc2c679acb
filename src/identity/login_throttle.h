// Sign-in throttling as pure rules (ASVS 2.2.1, NIST SP 800-63B 5.2.2): what a run of failed
// sign-ins does to one counter. The same rules apply to an account (failures from browsers it
// does not know), to each known device of an account (its own counter), and to an identifier
// that names no account, so that an attacker sees the same answers either way.
//
//   failures 1 .. delay_after-1     nothing
//   failures delay_after ..         the next attempt must wait 15 s, 30 s, 60 s, ... (doubling)
//   failures lock_after             locked for lock_seconds; the counter starts again
//   window_count max_per_hour / 2   no more attempts until the hour since window_start is over;
//                                   any sliding hour overlaps at most two fixed windows, so there
//                                   are never more than max_per_hour failures in any hour
// A successful sign-in resets the counter (not the hourly window).
#pragma once

#include <cstdint>

namespace lumbung::identity {

struct ThrottleLimits {
  int delay_after = 5;
  int lock_after = 10;
  std::int64_t lock_seconds = 15 * 60;
  int max_per_hour = 100;
};

struct ThrottleState {
  int failures = 0;                // consecutive, since the last success or lock
  std::int64_t blocked_until = 0;  // epoch seconds; no attempts before
  std::int64_t window_start = 0;   // start of the current hour window
  int window_count = 0;            // failures in that window
};

enum class Gate {
  kOpen,     // the password may be checked
  kDelayed,  // wait until blocked_until (short back-off)
  kLocked,   // locked until blocked_until (after lock_after failures, or the hourly cap)
};

struct GateDecision {
  Gate gate = Gate::kOpen;
  std::int64_t until = 0;
};

GateDecision CheckGate(const ThrottleState& state, std::int64_t now, const ThrottleLimits& limits);

struct FailureOutcome {
  ThrottleState state;
  bool locked_now = false;  // this failure started a lock (tell the member by mail)
  // This failure brought the counter to delay_after: an episode of failures (since the last
  // success or lock) has started to be throttled. Happens once per episode, and not when the
  // same failure locks (the lock is the news then). Tell the member (ASVS 2.2.3).
  bool delay_started_now = false;
};

FailureOutcome RecordFailure(const ThrottleState& state, std::int64_t now,
                             const ThrottleLimits& limits);

// The state after a successful sign-in: the counter and any back-off cleared, the hourly
// window kept.
ThrottleState RecordSuccess(const ThrottleState& state);

}  // namespace lumbung::identity
