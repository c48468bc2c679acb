// Single-use links sent by mail (table `account_tokens`): the token goes into the link, only its
// SHA-256 into the database (ASVS 2.5.x). Issuing a token of a purpose revokes the account's
// earlier unused ones of that purpose (a newer reset link invalidates the older). Every function
// runs in the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace soci {
class session;
}

namespace lumbung::identity {

// Purposes, as stored.
inline constexpr std::string_view kVerifyEmail = "verify_email";
inline constexpr std::string_view kResetPassword = "reset_password";
inline constexpr std::string_view kUnlock = "unlock";
inline constexpr std::string_view kInvitation = "invitation";
inline constexpr std::string_view kChangeEmail = "change_email";
inline constexpr std::string_view kReport = "report";  // "this wasn't me": reusable until expiry

struct TokenGrant {
  std::int64_t account_id = 0;
  std::string detail;  // e.g. the new address for change_email
};

// A new token (256 bits, base64url) for `purpose`, valid for `ttl_seconds` from `now`.
// `revoke_earlier`: false for report links, which stay valid side by side.
std::string IssueToken(soci::session& sql, std::int64_t account_id, std::string_view purpose,
                       const std::string& detail, std::int64_t now, std::int64_t ttl_seconds,
                       bool revoke_earlier = true);

// The grant when `token` is an unused, unexpired token of `purpose`; nothing changes.
std::optional<TokenGrant> PeekToken(soci::session& sql, std::string_view token,
                                    std::string_view purpose, std::int64_t now);

// Like PeekToken, and marks the token used, so that of two concurrent requests only one gets
// the grant.
std::optional<TokenGrant> ConsumeToken(soci::session& sql, std::string_view token,
                                       std::string_view purpose, std::int64_t now);

// Revokes every unused token of `purpose` for the account ("" revokes all purposes except
// report links).
void RevokeTokens(soci::session& sql, std::int64_t account_id, std::string_view purpose,
                  std::int64_t now);

}  // namespace lumbung::identity
