// Test-only: a Transport that records instead of sending, can be "down", and a clock tests move
// by hand. Header-only, included only by tests.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/mail/transport.h"

namespace lumbung::mail::test {

// What every FakeTransport sharing it saw; thread-safe.
struct FakeMailServer {
  std::atomic<bool> down{false};  // Send throws TransportError
  std::atomic<int> calls{0};
  std::mutex mutex;
  std::vector<Envelope> accepted;
  std::function<void(const Envelope&)> on_send;  // runs first, may throw; set before use

  std::vector<Envelope> Accepted() {
    std::lock_guard lock(mutex);
    return accepted;
  }
};

class FakeTransport : public Transport {
 public:
  explicit FakeTransport(std::shared_ptr<FakeMailServer> server) : server_(std::move(server)) {}
  void Send(const Envelope& envelope) override {
    ++server_->calls;
    if (server_->on_send) server_->on_send(envelope);
    if (server_->down) {
      // Like POCO's message for a refused recipient: it quotes the address.
      throw TransportError("smtp 127.0.0.1:25: Connection refused while sending to <" +
                           envelope.to + ">");
    }
    std::lock_guard lock(server_->mutex);
    server_->accepted.push_back(envelope);
  }

 private:
  std::shared_ptr<FakeMailServer> server_;
};

// Whole seconds since the epoch, moved by the test.
class ManualClock {
 public:
  explicit ManualClock(std::int64_t start)
      : now_(std::make_shared<std::atomic<std::int64_t>>(start)) {}
  std::chrono::system_clock::time_point Now() const {
    return std::chrono::system_clock::time_point(std::chrono::seconds(now_->load()));
  }
  std::int64_t Seconds() const { return now_->load(); }
  void Set(std::int64_t seconds) { now_->store(seconds); }
  void Advance(std::int64_t seconds) { *now_ += seconds; }
  // For SenderOptions::clock; shares this clock's time.
  std::function<std::chrono::system_clock::time_point()> Function() const {
    auto now = now_;
    return
        [now] { return std::chrono::system_clock::time_point(std::chrono::seconds(now->load())); };
  }

 private:
  std::shared_ptr<std::atomic<std::int64_t>> now_;
};

}  // namespace lumbung::mail::test
