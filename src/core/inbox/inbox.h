// The in-app inbox: short notices for one account ("your contribution for March 2026 was
// received", "a new browser signed in"), posted by any feature in the transaction of the event
// they report, read on /notifications (src/notifications). It lives in core so that a feature
// can post without depending on the notifications feature.
//
//   auto tx = db::Transaction::ForWriting(sql);
//   ... change the password ...
//   inbox::Post(sql, {.account_id = account.id,
//                     .category = inbox::kSecurity,
//                     .message_id = "notifications.security.password_changed",
//                     .values = {{"device", label}},
//                     .link = "/account/security",
//                     .dedupe_key = "audit:" + std::to_string(event.id)});
//   tx.commit();   // the notice exists if and only if the change does
//
// An item stores the catalog id of its message and the values of its {{placeholders}}, never
// the rendered text: the reader sees it in the language of the page they are on (render.h
// formats months, dates and amounts by the value's name). Posting does not send mail: the
// feature that posts decides that (mail_preferences.h says what the account chose; security
// mail is always sent by the feature that reports the event).
//
// Only the owner's rows are ever read or changed: every function takes the account id from the
// caller's session (never from a request parameter alone) and filters by it (ASVS 4.0.3 4.2.1).
// Schema: migrations/0022_inbox*.sql.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace soci {
class session;
}

namespace lumbung::inbox {

// The categories, in the order pages list them. "security" mail cannot be turned off.
inline constexpr std::string_view kContributions = "contributions";
inline constexpr std::string_view kPayments = "payments";
inline constexpr std::string_view kSecurity = "security";
inline constexpr std::string_view kClaims = "claims";
// News from the fund (src/announcements); schema change in migration 0039.
inline constexpr std::string_view kAnnouncements = "announcements";
// Replies in the member's conversations with the fund (src/support); migration 0040.
inline constexpr std::string_view kSupport = "support";
// Training applications, places offered, sessions and certificates (src/training,
// src/certificates); migration 0055.
inline constexpr std::string_view kTraining = "training";
const std::vector<std::string_view>& Categories();
bool IsCategory(std::string_view category);

inline constexpr std::size_t kMaxValues = 16;
inline constexpr std::size_t kMaxValueBytes = 512;
inline constexpr std::size_t kMaxLinkBytes = 512;
inline constexpr std::size_t kMaxDedupeKeyBytes = 200;
inline constexpr int kMaxPageSize = 100;

// Every member has an initializer, so callers name only what they have.
struct InboxItem {
  std::int64_t id = 0;          // assigned by Post; ignored in its input
  std::int64_t account_id = 0;  // the owner (> 0)
  std::string category{};       // one of Categories()
  // The catalog id of the message, e.g. "notifications.security.password_changed": 1..100 of
  // [a-z0-9_.], starting with a letter. A missing id shows as "[[id]]" (a programming error).
  std::string message_id{};
  // The message's {{placeholders}}: at most 16, names 1..32 of [a-z0-9_] starting with a
  // letter, values valid UTF-8 without control characters, up to 512 bytes. How a value is
  // shown depends on its name (render.h): "month"/"*_month" YYYYMM, "date"/"*_date"
  // YYYY-MM-DD, "amount"/"*_amount" whole rupiah; anything else as written.
  std::map<std::string, std::string> values{};
  // Where the notice leads: a local path ("/contributions?year=2026"), or empty for none.
  std::string link{};
  std::int64_t created_at = 0;  // epoch seconds; 0: Post uses the current time
  // Makes posting idempotent: an account never gets two items with the same key (a second Post
  // is a no-op), so a feature can report what it finds as often as it looks. Up to 200
  // printable ASCII characters, e.g. "payment.late:202603:17"; empty: never deduplicated.
  std::string dedupe_key{};
  std::optional<std::int64_t> read_at{};  // set by MarkRead / MarkAllRead; ignored by Post
  // When the item is also mailed (Notifier): the catalog id of the mail's subject; empty: the
  // category's ("notifications.mail.subject.<category>"). Not stored with the item.
  std::string mail_subject_id{};

  bool operator==(const InboxItem&) const = default;
};

// Throws std::invalid_argument saying which field is wrong (never echoing a value).
void Validate(const InboxItem& item);

// Inserts `item` in the caller's transaction (it neither begins nor commits one: when the
// caller rolls back, the item never existed). Returns the new item's id, or nullopt when the
// account already has an item with this dedupe key (nothing written; safe under concurrent
// posts on both databases). Throws std::invalid_argument (see Validate) or the database's error.
std::optional<std::int64_t> Post(soci::session& sql, const InboxItem& item);

// Posts an item and, when the account wants mail of its category (mail_preferences.h), queues
// that mail too, in the caller's transaction; returns what Post returns (no mail for an item
// that was there already). The app hands features the notifications feature's one
// (notifications::Notifications::Notifier), so a feature can tell a member "by inbox and mail
// per their choices" without depending on that feature; an empty Notifier means Post alone.
using Notifier =
    std::function<std::optional<std::int64_t>(soci::session& sql, const InboxItem& item)>;

// `notify` when there is one, else Post.
std::optional<std::int64_t> Notify(const Notifier& notify, soci::session& sql,
                                   const InboxItem& item);

// The account's unread items: one COUNT on an index of unread rows (every signed-in request).
std::int64_t UnreadCount(soci::session& sql, std::int64_t account_id);

struct ItemPage {
  std::vector<InboxItem> items;  // newest first
  bool has_newer = false;        // page > 1
  bool has_older = false;        // a further page exists
  std::int64_t total = 0;        // the account's items in all
};

// Page `page` (1-based; < 1 counts as 1) of `page_size` items (1..100, clamped), newest first
// (by created_at, then id).
ItemPage List(soci::session& sql, std::int64_t account_id, int page, int page_size);

// Marks one of the account's items read at `now` (epoch seconds; an item read earlier keeps its
// first time). Returns false, changing nothing, when no item with this id belongs to the account
// (another account's item looks exactly like one that does not exist).
bool MarkRead(soci::session& sql, std::int64_t account_id, std::int64_t item_id, std::int64_t now);

// Marks every unread item of the account read at `now`; returns how many changed.
int MarkAllRead(soci::session& sql, std::int64_t account_id, std::int64_t now);

// Where a feature that finds events by looking (rather than being told) got to for an account:
// a small state string per (account, source), e.g. the last month it reported. Runs in the
// caller's transaction. `source`: 1..64 of [a-z0-9_.-]; `state`: up to 1000 bytes.
std::optional<std::string> LoadMark(soci::session& sql, std::int64_t account_id,
                                    std::string_view source);
void SaveMark(soci::session& sql, std::int64_t account_id, std::string_view source,
              std::string_view state, std::int64_t now);

}  // namespace lumbung::inbox
