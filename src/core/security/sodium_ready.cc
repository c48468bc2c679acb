#include "core/security/sodium_ready.h"

#include <sodium.h>

#include <stdexcept>

namespace lumbung::security::internal {

void EnsureSodium() {
  // A function-local static: initialised exactly once, and later calls cost one load.
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("security: libsodium could not be initialised");
}

}  // namespace lumbung::security::internal
