#include "identity/recovery_code.h"

#include <cstdint>
#include <stdexcept>

#include "core/security/digest.h"
#include "core/security/encoding.h"
#include "core/security/tokens.h"

namespace lumbung::identity {
namespace {

constexpr std::string_view kAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";  // Crockford, lower
constexpr std::size_t kLength = 12;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashHexDigits = 64;

bool IsCanonical(std::string_view code) {
  return code.size() == kLength && code.find_first_not_of(kAlphabet) == std::string_view::npos;
}

// The salt of a stored form, or nullopt when it is not exactly 16 bytes in base64url.
std::optional<std::string> DecodeSalt(std::string_view text) {
  std::optional<std::string> salt = security::Base64UrlDecode(text);
  if (!salt || salt->size() != kSaltBytes) return std::nullopt;
  return salt;
}

}  // namespace

std::string NewRecoveryCode() {
  // 16 random bytes from the one CSPRNG entry point of lumbung_security; 60 of their bits make
  // the code. 32 divides 2^5, so every character is uniform.
  const std::string random = *security::Base64UrlDecode(security::NewToken(16));
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i < 8; ++i) bits = (bits << 8) | static_cast<unsigned char>(random[i]);
  std::string code;
  code.reserve(kLength + 2);
  for (std::size_t i = 0; i < kLength; ++i) {
    if (i == 4 || i == 8) code += '-';
    code += kAlphabet[bits & 0x1f];
    bits >>= 5;
  }
  return code;
}

std::optional<std::string> NormaliseRecoveryCode(std::string_view typed) {
  std::string code;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    if (code.size() == kLength) return std::nullopt;  // too long; also bounds the work
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == 'o') c = '0';
    if (c == 'i' || c == 'l') c = '1';
    if (kAlphabet.find(c) == std::string_view::npos) return std::nullopt;  // 'u', '\0', ...
    code += c;
  }
  if (code.size() != kLength) return std::nullopt;
  return code;
}

std::string HashRecoveryCode(std::string_view canonical) {
  if (!IsCanonical(canonical)) {
    throw std::invalid_argument("recovery_code: hash the canonical form (NormaliseRecoveryCode)");
  }
  const std::string salt_text = security::NewToken(kSaltBytes);
  const std::string salt = *security::Base64UrlDecode(salt_text);
  return salt_text + '$' + security::Sha256Hex(salt + std::string(canonical));
}

bool RecoveryCodeMatches(std::string_view stored, std::string_view canonical) {
  if (!IsCanonical(canonical)) return false;  // never stored, so nothing to compare with
  const std::size_t dollar = stored.find('$');
  if (dollar == std::string_view::npos) return false;
  const std::string_view hash = stored.substr(dollar + 1);
  if (hash.size() != kHashHexDigits || !security::HexDecode(hash)) return false;
  const std::optional<std::string> salt = DecodeSalt(stored.substr(0, dollar));
  if (!salt) return false;
  return security::ConstantTimeEquals(security::Sha256Hex(*salt + std::string(canonical)), hash);
}

}  // namespace lumbung::identity
