#include "statements/verification_code.h"

#include <stdexcept>

#include "core/security/digest.h"
#include "core/security/encoding.h"
#include "core/security/tokens.h"

namespace lumbung::statements {

std::string CodeFromRandomBytes(std::string_view random) {
  if (random.size() < kCodeLength) {
    throw std::invalid_argument("verification code: needs 12 random bytes");
  }
  std::string code;
  for (std::size_t i = 0; i < kCodeLength; ++i) {
    // 32 letters: the low five bits of a uniform byte are uniform (no modulo bias).
    code += kCodeAlphabet[static_cast<unsigned char>(random[i]) & 31];
  }
  return GroupCode(code);
}

std::string NewVerificationCode() {
  // NewToken draws from libsodium's CSPRNG; its bytes are all we need.
  const auto bytes = security::Base64UrlDecode(security::NewToken(16));
  return CodeFromRandomBytes(*bytes);
}

std::optional<std::string> CanonicalCode(std::string_view typed) {
  if (typed.size() > 40) return std::nullopt;
  std::string code;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (kCodeAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    code += c;
  }
  if (code.size() != kCodeLength) return std::nullopt;
  return code;
}

std::string GroupCode(std::string_view canonical) {
  std::string out;
  for (std::size_t i = 0; i < canonical.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += '-';
    out += canonical[i];
  }
  return out;
}

std::string CodeHash(std::string_view canonical) {
  return security::Sha256Hex(canonical);
}

}  // namespace lumbung::statements
