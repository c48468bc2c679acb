// Short-lived copies of what the busiest pages read from the database (the visitor's session,
// the dashboard's cards, the unread count), so that a member who reloads, or a page's many
// parallel requests, costs no queries. See docs/decisions/0006-fresh-cache.md.
//
// The contract: a value read at time T is served until T + ttl, and never after any request of
// this process has changed anything (a POST, or a GET that wrote; see Changed()). So what a
// member does through this instance shows at once; what changes elsewhere (another instance,
// the CLI, the registry's loads) shows within ttl. A ttl of 0 turns the cache off.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace lumbung::cache {

// The process-wide count of changes: every cached value remembers the count when its read
// began and is stale once the count has moved.
std::uint64_t ChangeCount();
// Something this process wrote may be shown on a cached page: every cached value is stale.
void Changed();

// Milliseconds on a steady clock; tests pass their own.
using Clock = std::function<std::int64_t()>;
std::int64_t SteadyMilliseconds();

template <class Value>
class FreshCache {
 public:
  // About `capacity` entries at most: a full shard drops what is stale, and everything when
  // nothing is (a simple bound: this is a cache of a few seconds, not a store).
  FreshCache(std::int64_t ttl_milliseconds, std::size_t capacity = 65536,
             Clock clock = SteadyMilliseconds)
      : ttl_(ttl_milliseconds),
        capacity_per_shard_(capacity / kShards + 1),
        clock_(std::move(clock)) {}

  bool enabled() const { return ttl_ > 0; }

  // The value for `key`, or `load()`'s result (cached unless something changed meanwhile).
  // `load` runs without any lock held; two threads may load the same key at once.
  template <class Load>
  std::shared_ptr<const Value> Get(const std::string& key, Load&& load) {
    if (!enabled()) return std::make_shared<const Value>(load());
    Shard& shard = shards_[std::hash<std::string>{}(key) % kShards];
    const std::int64_t now = clock_();
    const std::uint64_t count = ChangeCount();
    {
      std::lock_guard lock(shard.mutex);
      auto it = shard.entries.find(key);
      if (it != shard.entries.end()) {
        if (it->second.change_count == count && it->second.expires_at > now) {
          return it->second.value;
        }
        shard.entries.erase(it);
      }
    }
    auto value = std::make_shared<const Value>(load());
    std::lock_guard lock(shard.mutex);
    if (ChangeCount() != count) return value;  // read while something changed: do not keep it
    if (shard.entries.size() >= capacity_per_shard_) Evict(shard, now);
    shard.entries.insert_or_assign(key, Entry{value, count, now + ttl_});
    return value;
  }

  // Forgets `key` (its owner changed it in this request).
  void Forget(const std::string& key) {
    Shard& shard = shards_[std::hash<std::string>{}(key) % kShards];
    std::lock_guard lock(shard.mutex);
    shard.entries.erase(key);
  }

  // Replaces the cached value of `key` if one is cached (a field its owner just updated).
  template <class Change>
  void Update(const std::string& key, Change&& update) {
    Shard& shard = shards_[std::hash<std::string>{}(key) % kShards];
    std::lock_guard lock(shard.mutex);
    auto it = shard.entries.find(key);
    if (it == shard.entries.end()) return;
    auto copy = std::make_shared<Value>(*it->second.value);
    update(*copy);
    it->second.value = std::move(copy);
  }

  std::size_t size() const {
    std::size_t n = 0;
    for (const auto& shard : shards_) {
      std::lock_guard lock(shard.mutex);
      n += shard.entries.size();
    }
    return n;
  }

 private:
  static constexpr std::size_t kShards = 16;
  struct Entry {
    std::shared_ptr<const Value> value;
    std::uint64_t change_count = 0;
    std::int64_t expires_at = 0;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, Entry> entries;
  };

  void Evict(Shard& shard, std::int64_t now) {
    const std::uint64_t count = ChangeCount();
    for (auto it = shard.entries.begin(); it != shard.entries.end();) {
      if (it->second.expires_at <= now || it->second.change_count != count) {
        it = shard.entries.erase(it);
      } else {
        ++it;
      }
    }
    // Everything still fresh: make room anyway (a burst of distinct visitors).
    if (shard.entries.size() >= capacity_per_shard_) shard.entries.clear();
  }

  const std::int64_t ttl_;
  const std::size_t capacity_per_shard_;
  const Clock clock_;
  std::array<Shard, kShards> shards_;
};

}  // namespace lumbung::cache
