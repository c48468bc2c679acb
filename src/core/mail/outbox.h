// The transactional outbox: a feature writes the mail in the same database transaction as the
// event it reports, so the mail exists if and only if the event does. Delivery happens later,
// on the sender's thread (sender.h).
//
//   soci::transaction tx(sql);
//   ... change the member's e-mail address ...
//   mail::Enqueue(sql, {.to = new_address, .subject = subject, .text_body = text,
//                       .html_body = html, .category = "account"},
//                 message_id_domain);
//   tx.commit();
//   sender.Wake();  // optional: deliver now instead of at the next poll
//
// Callers compose translated bodies themselves; each link (built from public.url, the official
// web address) goes on a line of its own in the text part, so that no mail client breaks or
// joins it. Table: mail_outbox (migrations/0004_mail_outbox.sql).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace soci {
class session;
}

namespace lumbung::mail {

struct OutgoingMail {
  std::string to{};         // exactly one address (address.h)
  std::string subject{};    // UTF-8, one line, 1..255 bytes
  std::string text_body{};  // UTF-8, required: the text/plain part
  std::string html_body{};  // UTF-8, may be empty (then the mail is text only)
  std::string category{};   // what kind of mail, for staff and metrics: "security", "account", ...
                            // ([a-z0-9_-], 1..32 characters)
};

// The values of mail_outbox.status.
inline constexpr std::string_view kStatusPending = "pending";
inline constexpr std::string_view kStatusSending = "sending";
inline constexpr std::string_view kStatusSent = "sent";
inline constexpr std::string_view kStatusFailed = "failed";

// Throws std::invalid_argument saying which field is wrong (never echoing its value, which may
// be personal data): a recipient that is not one valid address, CR or LF in the recipient or
// subject ("header injection"), other control characters or invalid UTF-8, an empty text body,
// a body over 1 MiB or containing NUL, a malformed category.
void ValidateOutgoingMail(const OutgoingMail& mail);

// The domain for Message-IDs: that of smtp.from's address ("Lumbung <no-reply@lumbung.example>"
// -> "lumbung.example"). Throws std::invalid_argument when `from` is not one valid mailbox.
std::string MessageIdDomain(std::string_view from);

// A new "<random-uuid@domain>". Throws std::invalid_argument for a malformed domain.
std::string NewMessageId(std::string_view domain);

// Validates the mail and inserts it as pending, due at `now`, with a new Message-ID on
// `message_id_domain`; returns its id. Runs in the caller's transaction (it neither begins nor
// commits one): when the caller rolls back, the mail never existed. Throws std::invalid_argument
// (nothing written) or the database's error.
std::int64_t Enqueue(soci::session& session, const OutgoingMail& mail,
                     std::string_view message_id_domain,
                     std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

// Deletes sent mail whose sent_at is before `sent_before` (bodies hold personal data and
// one-time links: they are not kept for ever); returns how many rows went. Failed mail stays
// until staff remove it.
int PurgeSent(soci::session& session, std::chrono::system_clock::time_point sent_before);

// Whole seconds since the epoch, the unit of every time column in mail_outbox.
std::int64_t ToUnixSeconds(std::chrono::system_clock::time_point time);

}  // namespace lumbung::mail
