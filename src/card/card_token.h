// The token behind a membership card's QR code, and what the public check may show.
//
// A card token is "<id>.<mac>": <id> is 32 random bytes (security::NewToken, 256 bits, so
// nobody finds a valid card by trying: no rate limit is needed on /verify/card), <mac> is
// security::Signer's MAC of those bytes under DeriveKey(master, "card.verify"). Both parts are
// base64url (43 characters each), so the token is 87 URL-safe characters. The database keeps
// SHA-256 of <id> (security::HashToken) to look the card up, and the id sealed under
// DeriveKey(master, "card.seal") with the owner's member id inside, so that the member's own
// page can draw the same QR again; a copy of the table alone gives no usable token and no way
// to move a card to another member (ASVS 2.5.x / 3.5.x / 6.2.x). A token counts only when its
// signature is right AND its row exists and is not revoked (cards.h).
//
// Pure apart from NewCardId (randomness): tested without a database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/security/signed_value.h"

namespace lumbung::card {

inline constexpr std::size_t kCardIdChars = 43;                       // 32 bytes, base64url
inline constexpr std::size_t kCardTokenChars = 2 * kCardIdChars + 1;  // "<id>.<mac>"

// The card feature's keys, each derived from the deployment's master key
// (security::MasterKeyFromConfig) for its own purpose.
struct CardKeys {
  security::Signer signer;  // "card.verify"
  std::string seal_key;     // "card.seal"

  // Throws std::invalid_argument for a master key DeriveKey refuses.
  static CardKeys FromMaster(std::string_view master_key);
};

// A fresh card id: 32 bytes from the CSPRNG, base64url (43 characters).
std::string NewCardId();

// The token of `id` (a NewCardId): "<id>.<mac>". Throws std::invalid_argument when `id` is not
// 43 base64url characters encoding 32 bytes.
std::string TokenForId(const CardKeys& keys, std::string_view id);

// The id inside `token` when the token is exactly what TokenForId made with these keys; nullopt
// for anything else (a changed character, another key, the wrong length, other characters).
// Says nothing about revocation: the caller still looks the id up. Never throws.
std::optional<std::string> IdFromToken(const CardKeys& keys, std::string_view token) noexcept;

// What the database keys a card by: SHA-256 of the id, 64 hex digits.
std::string IdHash(std::string_view id);

// The id sealed for the table, bound to `member_id` (secretbox; base64url text).
std::string SealId(const CardKeys& keys, std::int64_t member_id, std::string_view id);

// The id back, or nullopt when `sealed` was not made by SealId with these keys for this member
// (another member's row, another master key, a changed value). Never throws.
std::optional<std::string> OpenId(const CardKeys& keys, std::int64_t member_id,
                                  std::string_view sealed) noexcept;

// The address in the QR code: `public_url` (config public.url, never the request's Host
// header) without trailing '/', then "/verify/card/" and the token.
std::string VerificationUrl(std::string_view public_url, std::string_view token);

}  // namespace lumbung::card
