// Strict text encodings for binary secrets: base64url without padding (RFC 4648 §5), which is
// safe in URLs, cookies and form fields as is, and lowercase hex.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lumbung::security {

// base64url, no '=' padding.
std::string Base64UrlEncode(std::string_view bytes);

// The inverse of Base64UrlEncode, and nothing else: nullopt for padding, whitespace, characters
// outside the URL-safe alphabet, an impossible length, or non-zero unused trailing bits. Being
// canonical matters: every accepted text decodes from exactly one encoding, so a tampered
// signed value cannot hide in bits the decoder would ignore. Never throws on bad input.
std::optional<std::string> Base64UrlDecode(std::string_view text);

// Lowercase hex, two digits per byte.
std::string HexEncode(std::string_view bytes);

// Exactly 2*n hex digits (either case) -> n bytes; nullopt for anything else (odd length,
// separators, other characters). Never throws on bad input.
std::optional<std::string> HexDecode(std::string_view hex);

}  // namespace lumbung::security
