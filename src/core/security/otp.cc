#include "core/security/otp.h"

#include <Poco/HMACEngine.h>
#include <Poco/SHA1Engine.h>
#include <sodium.h>

#include <array>
#include <limits>
#include <stdexcept>

#include "core/security/sodium_ready.h"
#include "core/security/tokens.h"

namespace lumbung::security {
namespace {

constexpr int kMaxDriftSteps = 10;

void CheckKeyAndDigits(std::string_view key, int digits) {
  if (key.size() < 16) throw std::invalid_argument("otp: a key has at least 128 bits");
  if (digits < 6 || digits > 8) throw std::invalid_argument("otp: codes have 6 to 8 digits");
}

// What is left of `typed` once spaces are removed, when that is exactly `digits` ASCII digits.
// Apps show "123 456", and people copy it so.
std::optional<std::string> TypedDigits(std::string_view typed, int digits) {
  std::string code;
  for (char c : typed) {
    if (c == ' ') continue;
    if (c < '0' || c > '9') return std::nullopt;
    if (code.size() == static_cast<std::size_t>(digits)) return std::nullopt;  // too long
    code += c;
  }
  if (code.size() != static_cast<std::size_t>(digits)) return std::nullopt;
  return code;
}

// RFC 3986 percent-encoding, keeping only the unreserved characters: safe in both the path-like
// label and the query of an otpauth URI.
std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' ||
                            byte == '_' || byte == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0f];
    }
  }
  return out;
}

}  // namespace

std::string Hotp(std::string_view key, std::uint64_t counter, int digits) {
  CheckKeyAndDigits(key, digits);
  std::array<unsigned char, 8> message{};
  for (int i = 7; i >= 0; --i) {  // the counter as 8 big-endian bytes (RFC 4226 §5.2)
    message[static_cast<std::size_t>(i)] = static_cast<unsigned char>(counter & 0xff);
    counter >>= 8;
  }
  // libsodium has no HMAC-SHA-1; Poco's is the one already in the build. SHA-1's collision
  // weakness does not affect HMAC, and RFC 6238 apps all support it (ASVS 2.8.3).
  Poco::HMACEngine<Poco::SHA1Engine> hmac(key.data(), key.size());
  hmac.update(message.data(), message.size());
  const Poco::DigestEngine::Digest& mac = hmac.digest();
  // Dynamic truncation (RFC 4226 §5.3): 31 bits at the offset named by the last nibble.
  const std::size_t offset = mac[19] & 0x0f;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                               static_cast<std::uint32_t>(mac[offset + 3]);
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::uint32_t value = binary % modulus;
  std::string code(static_cast<std::size_t>(digits), '0');
  for (auto it = code.rbegin(); it != code.rend(); ++it) {
    *it = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return code;
}

std::uint64_t TotpStep(std::int64_t unix_seconds, int period) {
  if (period < 1) throw std::invalid_argument("otp: the period is at least one second");
  if (unix_seconds < 0) throw std::invalid_argument("otp: the time is before 1970");
  return static_cast<std::uint64_t>(unix_seconds) / static_cast<std::uint64_t>(period);
}

std::string Totp(std::string_view key, std::int64_t unix_seconds, int digits, int period) {
  return Hotp(key, TotpStep(unix_seconds, period), digits);
}

std::optional<std::uint64_t> MatchTotp(std::string_view key, std::string_view typed,
                                       std::int64_t now,
                                       std::optional<std::uint64_t> last_used_step, int drift_steps,
                                       int digits, int period) {
  CheckKeyAndDigits(key, digits);
  if (drift_steps < 0 || drift_steps > kMaxDriftSteps) {
    throw std::invalid_argument("otp: drift is 0 to 10 steps");
  }
  const std::uint64_t step = TotpStep(now, period);
  const std::optional<std::string> code = TypedDigits(typed, digits);
  if (!code) return std::nullopt;

  const auto drift = static_cast<std::uint64_t>(drift_steps);
  const std::uint64_t first = step >= drift ? step - drift : 0;
  const std::uint64_t last =
      step <= std::numeric_limits<std::uint64_t>::max() - drift ? step + drift : step;
  std::optional<std::uint64_t> matched;
  for (std::uint64_t candidate = first;; ++candidate) {
    // Compute and compare every candidate, so the time does not tell which step matched.
    const bool equal = ConstantTimeEquals(Hotp(key, candidate, digits), *code);
    const bool fresh = !last_used_step || candidate > *last_used_step;
    if (equal && fresh) matched = candidate;
    if (candidate == last) break;
  }
  return matched;
}

std::string NewTotpSecret() {
  internal::EnsureSodium();
  std::string secret(20, '\0');
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

std::string Base32Encode(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  std::uint32_t buffer = 0;  // at most 12 pending bits
  int bits = 0;
  for (char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += kAlphabet[(buffer >> bits) & 0x1f];
    }
    buffer &= (1u << bits) - 1;
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 0x1f];
  return out;
}

std::string GroupsOfFour(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += text[i];
  }
  return out;
}

std::string OtpauthUri(std::string_view issuer, std::string_view account, std::string_view secret) {
  const std::string encoded_issuer = PercentEncode(issuer);
  std::string uri = "otpauth://totp/";
  uri += encoded_issuer;
  uri += ':';
  uri += PercentEncode(account);
  uri += "?secret=";
  uri += Base32Encode(secret);
  uri += "&issuer=";
  uri += encoded_issuer;
  uri += "&algorithm=SHA1&digits=6&period=30";
  return uri;
}

}  // namespace lumbung::security
