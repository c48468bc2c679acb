// Bringing a member's inbox up to date with the registry (member_events.h), run when the
// member opens /dashboard or /notifications.
//
// Cheap when nothing is new: one primary-key read of the account's mark and one aggregate over
// the member's few watched months (the contributions primary key starts with member_id, period).
// Otherwise, in one write transaction: the notices the months call for are posted (dedupe keys
// make a repeat or a concurrent sync post nothing), each new one is mailed when the account
// wants that category by mail (never on the account's first sync, which only fills in the last
// kBackfillMonths months), and the mark moves on.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "core/i18n/catalog.h"
#include "core/inbox/inbox.h"
#include "notifications/notification_mail.h"

namespace soci {
class session;
}

namespace lumbung::notifications {

// Who an account's mail goes to; nullopt: do not mail (no such account, or it is disabled).
// The app answers from the identity feature, so this feature needs nothing from it.
using RecipientLookup =
    std::function<std::optional<Recipient>(soci::session& sql, std::int64_t account_id)>;

struct Mailer {
  const i18n::Catalogs* catalogs = nullptr;
  MailSettings settings{};
  RecipientLookup recipient{};
};

// Posts `item` and, when it is new, the account wants mail of its category and has an
// address, queues the mail, in the caller's transaction. Returns what inbox::Post returns.
std::optional<std::int64_t> PostAndMail(soci::session& sql, const Mailer& mailer,
                                        const inbox::InboxItem& item);

struct SyncResult {
  bool looked = false;  // false: the fast path found nothing new
  int posted = 0;       // new notices
  int mailed = 0;       // of which mailed
};

// `today`: YYYY-MM-DD in Western Indonesian Time. `mailer` null: post without mailing. `now`:
// epoch seconds for the mark (0: the clock). Throws std::invalid_argument for a malformed
// `today`, or the database's error (nothing is then written).
SyncResult SyncMemberEvents(soci::session& sql, std::int64_t account_id, std::int64_t member_id,
                            std::string_view today, const Mailer* mailer = nullptr,
                            std::int64_t now = 0);

// The fund's day (fund.time_zone, WIB by default), YYYY-MM-DD, for `epoch_seconds`.
std::string WibDay(std::int64_t epoch_seconds);

}  // namespace lumbung::notifications
