// Members' cards in the database (table `card_tokens`, migrations/0021_card_tokens*.sql): make,
// read back, replace, and check a token from a QR code. Every function that acts for a member
// takes the member id the caller got from the session; nothing here accepts a member id from a
// request (ASVS 4.2.1, IDOR). A member has at most one current card; replacing it revokes the
// old token in the same transaction, so the old QR code stops working at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "card/card_token.h"
#include "core/audit/event.h"

namespace soci {
class session;
}

namespace lumbung::card {

struct CurrentCard {
  std::int64_t card_id = 0;  // the row: the page posts it back when asking for a new card
  std::int64_t created_at = 0;
  // The card's token; nullopt when it cannot be read back (security.secret_key changed since it
  // was made): the member must make the card again.
  std::optional<std::string> token;
};

// The member's current card, or nullopt when they have none.
std::optional<CurrentCard> LoadCurrentCard(soci::session& sql, const CardKeys& keys,
                                           std::int64_t member_id);

// Makes the member's card at `now` (epoch seconds) and records `audit` (the caller fills actor,
// subject, ip and user agent; the action is set here: "card.created") in the same transaction.
// When the member already has a readable card, changes nothing and returns it: a form sent
// twice makes one card. An unreadable current card is revoked and replaced.
CurrentCard CreateCard(soci::session& sql, const CardKeys& keys, std::int64_t member_id,
                       std::int64_t now, audit::Event audit);

enum class RenewResult {
  kRenewed,
  kStale,  // no current card, or not `expected_card_id` (already replaced): nothing changed
};

// Revokes the member's current card and makes a new one, audited as "card.renewed", all in one
// transaction; only when the current card is `expected_card_id` (what the member's page showed),
// so a form sent twice, or naming another member's card, changes nothing.
RenewResult RenewCard(soci::session& sql, const CardKeys& keys, std::int64_t member_id,
                      std::int64_t expected_card_id, std::int64_t now, audit::Event audit);

struct VerifiedCard {
  std::int64_t member_id = 0;
  std::int64_t created_at = 0;
};

// What a QR code's token stands for: a card whose signature is right, whose row exists and is
// not revoked. nullopt for anything else, whatever the reason (the public page says only
// "not valid", so it tells nobody which tokens once existed).
std::optional<VerifiedCard> VerifyCard(soci::session& sql, const CardKeys& keys,
                                       std::string_view token);

}  // namespace lumbung::card
