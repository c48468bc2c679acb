#include "core/cache/fresh_cache.h"

namespace lumbung::cache {
namespace {

std::atomic<std::uint64_t> change_count{0};

}  // namespace

std::uint64_t ChangeCount() {
  return change_count.load(std::memory_order_acquire);
}

void Changed() {
  change_count.fetch_add(1, std::memory_order_acq_rel);
}

std::int64_t SteadyMilliseconds() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace lumbung::cache
