// One security audit event (ASVS 4.0.3 7.1/7.2/7.3): who did what to whom, when, from where,
// and how it ended. Pure: validation and normalisation; storage is in audit_log.h.
//
// The log must never hold secrets (ASVS 7.1.1/7.1.2): events carry no free-form text. Extra
// facts go into `details`, a small map of named strings whose names are checked: a name that
// contains password, passwd, passphrase, secret, token, cookie, credential or authorization, or
// has a word (between '_' or '.') pin, code, otp, totp, key, session or sid (session ids are
// session tokens, ASVS 7.1.1), is refused with
// std::invalid_argument, so "reset_token" or "otp_code" cannot be logged by accident. (A secret
// under an innocent name cannot be caught: never put one there. Use e.g. "reason" instead of
// "error_code".)
//
// Text that arrives from clients (user agent, detail values) is cleaned before it is stored
// (ASVS 7.3.1, log injection): invalid UTF-8, control characters and the Unicode characters
// that reorder or break lines become '?', and it is cut to a maximum number of characters.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace lumbung::audit {

enum class Result { kOk, kDenied, kError };

// "ok", "denied", "error": the stored spelling.
std::string_view ResultName(Result result);
std::optional<Result> ParseResult(std::string_view name);

using Details = std::map<std::string, std::string>;

inline constexpr std::size_t kMaxActionChars = 64;
inline constexpr std::size_t kMaxIpChars = 64;
inline constexpr std::size_t kMaxUserAgentChars = 512;
inline constexpr std::size_t kMaxDetails = 16;
inline constexpr std::size_t kMaxDetailKeyChars = 32;
inline constexpr std::size_t kMaxDetailValueChars = 256;

// Every member has an initializer so that callers can name only what they have:
// Append(sql, {.subject_user_id = id, .action = "login.failed", .result = Result::kDenied}).
struct Event {
  // Written by audit::Append, ignored in its input.
  std::int64_t id = 0;        // position in the chain: 1, 2, 3, ... without gaps
  std::string occurred_at{};  // UTC, "2024-05-01T03:04:05.678Z"

  std::optional<std::int64_t> actor_user_id{};    // who acted; empty: anonymous / the system
  std::optional<std::int64_t> subject_user_id{};  // whose account it concerns, if any
  std::string action{};  // "login.failed": 1..64 of [a-z0-9_.-], starting with a letter
  Result result = Result::kOk;
  std::string ip{};          // the client address as the app determined it; cut to 64
  std::string user_agent{};  // cut to 512 characters
  Details details{};         // at most 16 entries; see above for the names allowed

  bool operator==(const Event&) const = default;
};

// The event as it will be stored: action checked, ip/user agent/detail values cleaned and cut.
// Throws std::invalid_argument for a bad action, too many details, a malformed detail name
// (1..32 of [a-z0-9_.], starting with a letter) or a secret-looking one. id and occurred_at are
// passed through.
Event Normalise(const Event& event);

// True when `key` names something that must never be logged (see above).
bool IsSecretLookingKey(std::string_view key);

// `text` with invalid UTF-8, control characters, bidirectional controls and line/paragraph
// separators replaced by '?', cut to at most `max_chars` Unicode characters (never inside one).
std::string CleanText(std::string_view text, std::size_t max_chars);

// The details as stored: a compact JSON object with keys in byte order, e.g. {"method":"totp"}.
std::string DetailsJson(const Details& details);
// The inverse, tolerant of what it did not write: anything that is not a JSON object gives an
// empty map; non-string values are kept as their JSON text. Never throws.
Details ParseDetailsJson(std::string_view json) noexcept;

// "YYYY-MM-DDTHH:MM:SS.mmmZ" in UTC.
std::string FormatTimestamp(std::chrono::system_clock::time_point time);

}  // namespace lumbung::audit
