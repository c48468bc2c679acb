#include "core/mail/backoff.h"

#include <algorithm>

namespace lumbung::mail {

std::chrono::seconds RetryDelay(int failures, const BackoffPolicy& policy) {
  const std::chrono::seconds first = std::max(policy.first, std::chrono::seconds(1));
  const std::chrono::seconds cap = std::max(policy.cap, first);
  std::chrono::seconds delay = first;
  for (int i = 1; i < failures && delay < cap; ++i) delay *= 2;  // stops long before overflow
  return std::min(delay, cap);
}

}  // namespace lumbung::mail
