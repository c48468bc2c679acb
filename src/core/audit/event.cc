#include "core/audit/event.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <ctime>
#include <stdexcept>

namespace lumbung::audit {
namespace {

bool IsLower(char c) {
  return c >= 'a' && c <= 'z';
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Name rules shared by actions and detail keys: a lowercase letter, then letters, digits and
// the given punctuation.
bool IsName(std::string_view name, std::size_t max_chars, std::string_view punctuation) {
  if (name.empty() || name.size() > max_chars || !IsLower(name[0])) return false;
  for (char c : name) {
    if (!IsLower(c) && !IsDigit(c) && punctuation.find(c) == std::string_view::npos) return false;
  }
  return true;
}

// Decodes one UTF-8 sequence at `pos`; returns its length and sets `code_point`, or 0 when the
// bytes there are not valid UTF-8 (overlong forms, surrogates and values past U+10FFFF are not).
std::size_t DecodeUtf8(std::string_view s, std::size_t pos, char32_t& code_point) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(pos);
  std::size_t length;
  char32_t min;
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2, min = 0x80, code_point = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, min = 0x800, code_point = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, min = 0x10000, code_point = lead & 0x07;
  } else {
    return 0;
  }
  if (pos + length > s.size()) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(pos + i) & 0x3F);
  }
  if (code_point < min || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return 0;
  }
  return length;
}

// Characters that would let a client forge or disguise lines in whatever displays the log.
bool IsUnsafe(char32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) ||  // C0, DEL, C1 controls
         c == 0x2028 || c == 0x2029 ||                         // line/paragraph separators
         (c >= 0x202A && c <= 0x202E) ||                       // bidi embeddings/overrides
         (c >= 0x2066 && c <= 0x2069) ||                       // bidi isolates
         c == 0x200E || c == 0x200F || c == 0x061C;            // direction marks
}

}  // namespace

std::string_view ResultName(Result result) {
  switch (result) {
    case Result::kOk:
      return "ok";
    case Result::kDenied:
      return "denied";
    case Result::kError:
      return "error";
  }
  throw std::invalid_argument("audit: unknown result");
}

std::optional<Result> ParseResult(std::string_view name) {
  if (name == "ok") return Result::kOk;
  if (name == "denied") return Result::kDenied;
  if (name == "error") return Result::kError;
  return std::nullopt;
}

bool IsSecretLookingKey(std::string_view key) {
  static constexpr std::array<std::string_view, 8> kAnywhere = {
      "password", "passwd", "passphrase", "secret",
      "token",    "cookie", "credential", "authorization"};
  static constexpr std::array<std::string_view, 7> kWords = {"pin", "code",    "otp", "totp",
                                                             "key", "session", "sid"};
  std::string lower(key);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (std::string_view word : kAnywhere) {
    if (lower.find(word) != std::string::npos) return true;
  }
  std::size_t start = 0;
  while (start <= lower.size()) {
    std::size_t end = lower.find_first_of("_.-", start);
    if (end == std::string::npos) end = lower.size();
    const std::string_view word = std::string_view(lower).substr(start, end - start);
    for (std::string_view banned : kWords) {
      if (word == banned) return true;
    }
    start = end + 1;
  }
  return false;
}

std::string CleanText(std::string_view text, std::size_t max_chars) {
  std::string out;
  out.reserve(std::min(text.size(), max_chars * 4));
  std::size_t chars = 0;
  for (std::size_t pos = 0; pos < text.size() && chars < max_chars; ++chars) {
    char32_t code_point = 0;
    const std::size_t length = DecodeUtf8(text, pos, code_point);
    if (length == 0) {
      out += '?';  // one invalid byte: skip it alone, then resynchronise
      ++pos;
    } else if (IsUnsafe(code_point)) {
      out += '?';
      pos += length;
    } else {
      out.append(text.substr(pos, length));
      pos += length;
    }
  }
  return out;
}

Event Normalise(const Event& event) {
  if (!IsName(event.action, kMaxActionChars, "_.-")) {
    throw std::invalid_argument(
        "audit: action must be 1..64 of [a-z0-9_.-] starting with a letter");
  }
  if (event.details.size() > kMaxDetails) {
    throw std::invalid_argument("audit: at most 16 details per event");
  }
  Event out = event;
  out.ip = CleanText(event.ip, kMaxIpChars);
  out.user_agent = CleanText(event.user_agent, kMaxUserAgentChars);
  out.details.clear();
  for (const auto& [key, value] : event.details) {
    if (!IsName(key, kMaxDetailKeyChars, "_.")) {
      throw std::invalid_argument(
          "audit: detail names are 1..32 of [a-z0-9_.] starting with a letter");
    }
    if (IsSecretLookingKey(key)) {
      // The name only: the value may be the very secret we refuse to store.
      throw std::invalid_argument("audit: refusing to log a secret-looking detail \"" + key + "\"");
    }
    out.details.emplace(key, CleanText(value, kMaxDetailValueChars));
  }
  return out;
}

std::string DetailsJson(const Details& details) {
  nlohmann::json object = nlohmann::json::object();
  for (const auto& [key, value] : details) object[key] = value;
  // Keys come out sorted (nlohmann's object is a std::map); replace, not throw, should a value
  // that skipped Normalise hold invalid UTF-8.
  return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Details ParseDetailsJson(std::string_view json) noexcept {
  Details details;
  try {
    const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, false);
    if (!parsed.is_object()) return {};
    for (const auto& [key, value] : parsed.items()) {
      details.emplace(key,
                      value.is_string()
                          ? value.get<std::string>()
                          : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
  } catch (...) {
    return {};
  }
  return details;
}

std::string FormatTimestamp(std::chrono::system_clock::time_point time) {
  const auto ms = std::chrono::floor<std::chrono::milliseconds>(time);
  const auto seconds = std::chrono::floor<std::chrono::seconds>(ms);
  const std::time_t t = std::chrono::system_clock::to_time_t(seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buffer[40];
  const std::size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  const int millis = static_cast<int>((ms - seconds).count());  // 0..999: floor above
  std::string out(buffer, n);
  out += '.';
  out += static_cast<char>('0' + millis / 100);
  out += static_cast<char>('0' + millis / 10 % 10);
  out += static_cast<char>('0' + millis % 10);
  out += 'Z';
  return out;
}

}  // namespace lumbung::audit
