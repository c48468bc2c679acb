// When to try a message again after a failed delivery attempt: exponential backoff, so a mail
// server that is down for hours is not hammered, yet a short outage delays mail by little.
//
//   default policy: 30 s, 1 min, 2 min, 4 min, ... 32 min, then every hour.
#pragma once

#include <chrono>

namespace lumbung::mail {

struct BackoffPolicy {
  std::chrono::seconds first{30};  // after the first failure; >= 1 s
  std::chrono::seconds cap{3600};  // no wait is longer than this
};

// The wait after the `failures`-th consecutive failure (1 for the first): first * 2^(failures-1),
// at most cap. failures < 1 counts as 1; never overflows however large `failures` grows.
std::chrono::seconds RetryDelay(int failures, const BackoffPolicy& policy = {});

}  // namespace lumbung::mail
