#include "core/security/encoding.h"

#include <sodium.h>

#include <vector>

#include "core/security/sodium_ready.h"

namespace lumbung::security {
namespace {

constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  internal::EnsureSodium();
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');  // includes the NUL
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), kVariant);
  out.pop_back();
  return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  try {
    internal::EnsureSodium();
    // 4 characters carry 3 bytes; a lone character in the last group carries no whole byte.
    if (text.size() % 4 == 1) return std::nullopt;
    std::string out(text.size() / 4 * 3 + 3, '\0');
    std::size_t length = 0;
    // ignore = nullptr and b64_end = nullptr: any character that is not part of the encoding
    // makes the whole input invalid, instead of ending the decoding early.
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                          text.size(), nullptr, &length, nullptr, kVariant) != 0) {
      return std::nullopt;
    }
    out.resize(length);
    return out;
  } catch (...) {
    return std::nullopt;
  }
}

std::string HexEncode(std::string_view bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                 bytes.size());
  out.pop_back();
  return out;
}

std::optional<std::string> HexDecode(std::string_view hex) {
  try {
    if (hex.size() % 2 != 0) return std::nullopt;
    std::string out(hex.size() / 2, '\0');
    std::size_t length = 0;
    const char* end = nullptr;
    if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(),
                       hex.size(), nullptr, &length, &end) != 0 ||
        end != hex.data() + hex.size() || length != out.size()) {
      return std::nullopt;
    }
    return out;
  } catch (...) {
    return std::nullopt;
  }
}

}  // namespace lumbung::security
