#include "core/security/password_hash.h"

#include <sodium.h>

#include <cstring>
#include <map>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "core/security/sodium_ready.h"

namespace lumbung::security {
namespace {

constexpr std::uint64_t kMinMemoryKib = 8192;
constexpr std::uint64_t kMaxMemoryKib = 4194304;
constexpr std::uint32_t kMinIterations = 1;
constexpr std::uint32_t kMaxIterations = 100;
constexpr std::string_view kPrefix = crypto_pwhash_argon2id_STRPREFIX;

void CheckParams(const Argon2Params& params) {
  if (params.memory_kib < kMinMemoryKib || params.memory_kib > kMaxMemoryKib) {
    throw std::invalid_argument("password hash: memory_kib must be 8192..4194304");
  }
  if (params.iterations < kMinIterations || params.iterations > kMaxIterations) {
    throw std::invalid_argument("password hash: iterations must be 1..100");
  }
}

std::size_t MemLimit(const Argon2Params& params) {
  return static_cast<std::size_t>(params.memory_kib) * 1024;
}

// libsodium wants a NUL-terminated hash in a buffer of crypto_pwhash_STRBYTES. False when the
// text cannot be an Argon2id hash at all (too long, embedded NUL, another algorithm).
bool CopyHash(std::string_view stored_hash, char (&buffer)[crypto_pwhash_argon2id_STRBYTES]) {
  if (stored_hash.size() >= sizeof buffer || stored_hash.substr(0, kPrefix.size()) != kPrefix ||
      stored_hash.find('\0') != std::string_view::npos) {
    return false;
  }
  std::memcpy(buffer, stored_hash.data(), stored_hash.size());
  buffer[stored_hash.size()] = '\0';
  return true;
}

}  // namespace

std::string HashPassword(std::string_view password, const Argon2Params& params) {
  if (password.size() > kMaxPasswordBytes) {
    throw std::invalid_argument("password hash: password longer than 4096 bytes");
  }
  CheckParams(params);
  internal::EnsureSodium();
  char out[crypto_pwhash_argon2id_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), params.iterations,
                            MemLimit(params), crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("password hash: Argon2id failed (out of memory?)");
  }
  return out;
}

bool VerifyPassword(std::string_view stored_hash, std::string_view password) noexcept {
  if (password.size() > kMaxPasswordBytes) return false;
  char buffer[crypto_pwhash_argon2id_STRBYTES];
  if (!CopyHash(stored_hash, buffer)) return false;
  try {
    internal::EnsureSodium();
  } catch (...) {
    return false;
  }
  return crypto_pwhash_argon2id_str_verify(buffer, password.data(), password.size()) == 0;
}

bool NeedsRehash(std::string_view stored_hash, const Argon2Params& params) noexcept {
  char buffer[crypto_pwhash_argon2id_STRBYTES];
  if (!CopyHash(stored_hash, buffer)) return true;
  // 0: same algorithm and parameters; 1: different parameters; -1: not a valid Argon2id hash.
  return crypto_pwhash_argon2id_str_needs_rehash(buffer, params.iterations, MemLimit(params)) != 0;
}

void SpendDummyVerification(const Argon2Params& params) {
  CheckParams(params);
  static std::mutex mutex;
  static std::map<std::pair<std::uint64_t, std::uint32_t>, std::string> dummies;
  std::string dummy;
  {
    std::lock_guard lock(mutex);
    auto& slot = dummies[{params.memory_kib, params.iterations}];
    // The hash of a random password nobody knows: the verification below always fails, but
    // only after the full Argon2id computation. Made under the lock so it is made only once.
    if (slot.empty()) {
      internal::EnsureSodium();
      unsigned char random[32];
      randombytes_buf(random, sizeof random);
      slot = HashPassword(std::string_view(reinterpret_cast<const char*>(random), sizeof random),
                          params);
      sodium_memzero(random, sizeof random);
    }
    dummy = slot;
  }
  static constexpr std::string_view kGuess = "lumbung-dummy-password";
  [[maybe_unused]] const bool matched = VerifyPassword(dummy, kGuess);
}

}  // namespace lumbung::security
