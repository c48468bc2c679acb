// Strict decoding of what arrives in URLs, forms and cookies. Anything malformed is refused
// (nullopt), so the app can answer 400 instead of guessing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lumbung::http {

using Fields = std::vector<std::pair<std::string, std::string>>;

bool IsValidUtf8(std::string_view text);

// %XX decoding (and '+' as space when asked); nullopt on a bad escape or invalid UTF-8.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_as_space);

// application/x-www-form-urlencoded (also query strings); nullopt when any part is malformed.
std::optional<Fields> ParseUrlEncoded(std::string_view text);

// "a=1; b=2" -> {{"a","1"},{"b","2"}}; malformed pairs are skipped (browsers send junk).
Fields ParseCookieHeader(std::string_view header);

std::string PercentEncode(std::string_view text);

// True for a same-site path safe to redirect to ("/x", not "//evil" or "/\evil" or "http:").
bool IsLocalPath(std::string_view path);

}  // namespace lumbung::http
