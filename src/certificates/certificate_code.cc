#include "certificates/certificate_code.h"

#include <stdexcept>

#include "core/security/encoding.h"
#include "core/security/tokens.h"

namespace lumbung::certificates {
namespace {

constexpr int kBase = static_cast<int>(kCodeAlphabet.size());

int IndexOf(char c) {
  const auto at = kCodeAlphabet.find(c);
  if (at == std::string_view::npos) return -1;
  return static_cast<int>(at);
}

}  // namespace

char CheckCharacter(std::string_view body) {
  // Luhn mod N: from the right, every second value is doubled and its base-N digits summed.
  int factor = 2;
  int sum = 0;
  for (auto it = body.rbegin(); it != body.rend(); ++it) {
    const int value = IndexOf(*it);
    if (value < 0) throw std::invalid_argument("certificate code: character outside the alphabet");
    int addend = factor * value;
    addend = addend / kBase + addend % kBase;
    sum += addend;
    factor = factor == 2 ? 1 : 2;
  }
  const int check = (kBase - sum % kBase) % kBase;
  return kCodeAlphabet[static_cast<std::size_t>(check)];
}

std::string CodeFromRandomBytes(std::string_view random) {
  if (random.size() < kRandomChars) {
    throw std::invalid_argument("certificate code: too few random bytes");
  }
  std::string code;
  code.reserve(kCodeLength);
  for (std::size_t i = 0; i < kRandomChars; ++i) {
    code.push_back(kCodeAlphabet[static_cast<unsigned char>(random[i]) & 0x1f]);
  }
  code.push_back(CheckCharacter(code));
  return code;
}

std::string NewCertificateCode() {
  // NewToken draws from libsodium's CSPRNG; its bytes are all we need.
  const auto bytes = security::Base64UrlDecode(security::NewToken(kRandomChars));
  return CodeFromRandomBytes(*bytes);
}

std::optional<std::string> ParseCertificateCode(std::string_view typed) {
  if (typed.size() > 64) return std::nullopt;
  std::string code;
  for (const char c : typed) {
    if (c == '-' || c == ' ') continue;
    const char upper = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    if (IndexOf(upper) < 0) return std::nullopt;
    code.push_back(upper);
    if (code.size() > kCodeLength) return std::nullopt;
  }
  if (code.size() != kCodeLength) return std::nullopt;
  if (CheckCharacter(std::string_view(code).substr(0, kRandomChars)) != code.back()) {
    return std::nullopt;
  }
  return code;
}

std::string GroupCode(std::string_view canonical) {
  std::string grouped;
  for (std::size_t i = 0; i < canonical.size(); ++i) {
    if (i > 0 && i % 4 == 0) grouped.push_back('-');
    grouped.push_back(canonical[i]);
  }
  return grouped;
}

}  // namespace lumbung::certificates
