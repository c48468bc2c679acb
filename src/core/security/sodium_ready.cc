#include "core/security/sodium_ready.h"

#include <sodium.h>

#include <stdexcept>

namespace lumbung::security::internal {

bool InitialiseSodium() {
  // libsodium's own ChaCha20 generator, seeded from the kernel and kept per thread, instead of
  // one getrandom() system call for every token, mask and request id. It must be chosen before
  // sodium_init(); when something initialised libsodium first, the default stays (also secure).
  static const bool chosen = [] {
    randombytes_set_implementation(&randombytes_internal_implementation);
    return true;
  }();
  (void)chosen;
  return sodium_init() >= 0;
}

void EnsureSodium() {
  // A function-local static: initialised exactly once, and later calls cost one load.
  static const bool ready = InitialiseSodium();
  if (!ready) throw std::runtime_error("security: libsodium could not be initialised");
}

}  // namespace lumbung::security::internal
