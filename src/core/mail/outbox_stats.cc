#include "core/mail/outbox_stats.h"

#include <soci/soci.h>

#include <algorithm>
#include <string>

#include "core/mail/outbox.h"

namespace lumbung::mail {

OutboxStats Stats(soci::session& session, std::chrono::system_clock::time_point now) {
  OutboxStats stats;
  const std::string pending(kStatusPending), sending(kStatusSending), failed(kStatusFailed);
  long long count = 0, oldest = 0;
  soci::indicator oldest_ind = soci::i_null;
  session << "SELECT COUNT(*), MIN(created_at) FROM mail_outbox "
             "WHERE status = :pending OR status = :sending",
      soci::use(pending), soci::use(sending), soci::into(count), soci::into(oldest, oldest_ind);
  stats.pending = count;
  if (oldest_ind == soci::i_ok) {
    stats.oldest_pending_age_seconds = std::max<std::int64_t>(0, ToUnixSeconds(now) - oldest);
  }
  session << "SELECT COUNT(*) FROM mail_outbox WHERE status = :failed", soci::use(failed),
      soci::into(count);
  stats.failed = count;
  return stats;
}

}  // namespace lumbung::mail
