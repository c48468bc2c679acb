// libsodium must be initialised once before its random generator and Argon2 are used. The CLI
// calls this first thing; lumbung_security calls it too, which keeps every entry point safe to
// call from tests, tools and static initialisers.
#pragma once

namespace lumbung::security::internal {

// Initialises libsodium on first use (thread-safe); throws std::runtime_error when it cannot
// (no usable entropy source), because nothing in this library is safe to run without it.
void EnsureSodium();

}  // namespace lumbung::security::internal
