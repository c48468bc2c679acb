// Single-use links sent by mail (table `account_tokens`): the token goes into the link, only its
// SHA-256 into the database (ASVS 2.5.x). Issuing a token of a purpose revokes the account's
// earlier unused ones of that purpose (a newer reset link invalidates the older), except where
// the caller keeps them (report links; confirmation links, which all work until one is used or
// they expire). Every function runs in the caller's transaction.
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

// When the account's latest token of `purpose` was issued, used or not; 0 when none was: lets a
// flow send a new link at most every few minutes.
std::int64_t LatestTokenIssuedAt(soci::session& sql, std::int64_t account_id,
                                 std::string_view purpose);

// Confirmation links (kVerifyEmail) are issued with revoke_earlier = false: every one mailed
// works until one is used (then the rest are revoked) or it expires. A new one is mailed at most
// every kConfirmationMailSpacingSeconds, since a second mail within minutes (a member signing in
// twice before opening their mail) adds nothing but confusion.
inline constexpr std::int64_t kConfirmationMailSpacingSeconds = 5 * 60;
bool ConfirmationMailDue(soci::session& sql, std::int64_t account_id, std::int64_t now);

// The account `token` of `purpose` was issued to, live or not (used, revoked, expired): for a
// page explaining why a link no longer works. nullopt for a token never issued.
std::optional<std::int64_t> TokenOwner(soci::session& sql, std::string_view token,
                                       std::string_view purpose);

// Revokes every unused token of `purpose` for the account ("" revokes all purposes except
// report links).
void RevokeTokens(soci::session& sql, std::int64_t account_id, std::string_view purpose,
                  std::int64_t now);

}  // namespace lumbung::identity
