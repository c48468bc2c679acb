#include "card/card_token.h"

#include <stdexcept>

#include "core/security/encoding.h"
#include "core/security/secret_box.h"
#include "core/security/tokens.h"

namespace lumbung::card {
namespace {

bool IsBase64UrlChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

// The 32 bytes of a well-formed id, else nullopt. The decoder refuses stray bits in the last
// character, so one id has exactly one spelling.
std::optional<std::string> IdBytes(std::string_view id) {
  if (id.size() != kCardIdChars) return std::nullopt;
  for (char c : id) {
    if (!IsBase64UrlChar(c)) return std::nullopt;
  }
  auto bytes = security::Base64UrlDecode(id);
  if (!bytes || bytes->size() != 32) return std::nullopt;
  return bytes;
}

// What is sealed: the owner and the id, so a sealed value copied to another member's row does
// not open there.
std::string SealedText(std::int64_t member_id, std::string_view id) {
  return std::to_string(member_id) + ":" + std::string(id);
}

}  // namespace

CardKeys CardKeys::FromMaster(std::string_view master_key) {
  return CardKeys{security::Signer(security::DeriveKey(master_key, "card.verify")),
                  security::DeriveKey(master_key, "card.seal")};
}

std::string NewCardId() {
  return security::NewToken(32);
}

std::string TokenForId(const CardKeys& keys, std::string_view id) {
  const auto bytes = IdBytes(id);
  if (!bytes) throw std::invalid_argument("card token: the id must be 32 bytes in base64url");
  // Sign encodes the value as base64url itself: the token's first part is the id as given.
  return keys.signer.Sign(*bytes);
}

std::optional<std::string> IdFromToken(const CardKeys& keys, std::string_view token) noexcept {
  try {
    // Shape first: a long or odd string never reaches the decoder.
    if (token.size() != kCardTokenChars || token[kCardIdChars] != '.') return std::nullopt;
    for (std::size_t i = 0; i < token.size(); ++i) {
      if (i != kCardIdChars && !IsBase64UrlChar(token[i])) return std::nullopt;
    }
    const auto bytes = keys.signer.Verify(token);
    if (!bytes || bytes->size() != 32) return std::nullopt;
    std::string id(token.substr(0, kCardIdChars));
    if (security::Base64UrlEncode(*bytes) != id) return std::nullopt;
    return id;
  } catch (...) {
    return std::nullopt;
  }
}

std::string IdHash(std::string_view id) {
  return security::HashToken(id);
}

std::string SealId(const CardKeys& keys, std::int64_t member_id, std::string_view id) {
  return security::Base64UrlEncode(security::Seal(keys.seal_key, SealedText(member_id, id)));
}

std::optional<std::string> OpenId(const CardKeys& keys, std::int64_t member_id,
                                  std::string_view sealed) noexcept {
  try {
    const auto bytes = security::Base64UrlDecode(sealed);
    if (!bytes) return std::nullopt;
    const auto text = security::Open(keys.seal_key, *bytes);
    const std::string prefix = std::to_string(member_id) + ":";
    if (!text || text->rfind(prefix, 0) != 0) return std::nullopt;
    std::string id = text->substr(prefix.size());
    if (!IdBytes(id)) return std::nullopt;
    return id;
  } catch (...) {
    return std::nullopt;
  }
}

std::string VerificationUrl(std::string_view public_url, std::string_view token) {
  while (!public_url.empty() && public_url.back() == '/') public_url.remove_suffix(1);
  return std::string(public_url) + "/verify/card/" + std::string(token);
}

}  // namespace lumbung::card
