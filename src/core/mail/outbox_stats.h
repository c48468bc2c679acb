// Outbox figures for /metrics and /readyz-style alerts: a growing `pending` or
// `oldest_pending_age_seconds` means mail is not going out; `failed` mail needs staff.
#pragma once

#include <chrono>
#include <cstdint>

namespace soci {
class session;
}

namespace lumbung::mail {

struct OutboxStats {
  std::int64_t pending = 0;  // not delivered yet and not given up (status pending or sending)
  std::int64_t failed = 0;   // given up, waiting for staff
  std::int64_t oldest_pending_age_seconds = 0;  // age of the oldest of `pending`; 0 when none
};

// Two indexed counting queries. Throws the database's error.
OutboxStats Stats(soci::session& session,
                  std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace lumbung::mail
