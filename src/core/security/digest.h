// SHA-256, for values that are already unguessable (random tokens) or public (audit rows):
// a fast hash is right there. Never use it for passwords: see password_hash.h.
#pragma once

#include <string>
#include <string_view>

namespace lumbung::security {

// SHA-256 of `data` as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view data);

}  // namespace lumbung::security
