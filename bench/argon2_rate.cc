// make bench: bare Argon2id password hashes per second on this machine, the ceiling for sign-ins
// (each sign-in verifies one password, which costs one hash). bench/run prints it next to the
// complete sign-in flows per second measured in the same run.
//
//   lumbung_bench_argon2 [--threads N] [--seconds S] [--memory-kib M] [--iterations T]
//
// N threads (default: the core count) hash for S seconds (default 5) with the given parameters
// (default: security::Argon2Params{}, the defaults of security.argon2_*); prints one line:
//   argon2id: 41.3 hashes/s (2 threads, m=19456 KiB, t=2, 206 hashes in 4.99 s)
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <thread>
#include <vector>

#include "core/security/password_hash.h"

namespace {

long Parse(const char* flag, const char* text, long min, long max) {
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || value < min || value > max) {
    std::fprintf(stderr, "lumbung_bench_argon2: %s must be %ld..%ld\n", flag, min, max);
    std::exit(2);
  }
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  lumbung::security::Argon2Params params;
  long threads = std::max(1u, std::thread::hardware_concurrency());
  long seconds = 5;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) {
      std::fprintf(stderr,
                   "usage: lumbung_bench_argon2 [--threads N] [--seconds S] "
                   "[--memory-kib M] [--iterations T]\n");
      return 2;
    }
    const char* value = argv[++i];
    if (flag == "--threads") {
      threads = Parse("--threads", value, 1, 1024);
    } else if (flag == "--seconds") {
      seconds = Parse("--seconds", value, 1, 3600);
    } else if (flag == "--memory-kib") {
      params.memory_kib = static_cast<std::uint64_t>(Parse("--memory-kib", value, 8192, 4194304));
    } else if (flag == "--iterations") {
      params.iterations = static_cast<std::uint32_t>(Parse("--iterations", value, 1, 100));
    } else {
      std::fprintf(stderr, "lumbung_bench_argon2: unknown option %s\n", flag.c_str());
      return 2;
    }
  }

  // The password a member would type; the cost does not depend on it.
  const std::string password = "Tulip-Mangga-Kerbau-47x!";
  lumbung::security::HashPassword(password, params);  // warm up: allocation, libsodium init

  using Clock = std::chrono::steady_clock;
  std::atomic<long> hashes{0};
  std::atomic<bool> failed{false};
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::seconds(seconds);
  std::vector<std::thread> workers;
  for (long t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      try {
        // Like a server worker: a hash started before the deadline is finished and counted.
        while (Clock::now() < deadline) {
          lumbung::security::HashPassword(password, params);
          hashes.fetch_add(1, std::memory_order_relaxed);
        }
      } catch (const std::exception& e) {
        std::fprintf(stderr, "lumbung_bench_argon2: %s\n", e.what());
        failed = true;
      }
    });
  }
  for (auto& w : workers) w.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  if (failed) return 1;
  std::printf("argon2id: %.1f hashes/s (%ld threads, m=%llu KiB, t=%u, %ld hashes in %.2f s)\n",
              static_cast<double>(hashes) / elapsed, threads,
              static_cast<unsigned long long>(params.memory_kib), params.iterations, hashes.load(),
              elapsed);
  return 0;
}
