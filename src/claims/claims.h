// Members' benefit claims in the database (table `claims`, migrations/0024_claims*.sql).
#pragma once

#include <cstdint>

namespace soci {
class session;
}

namespace lumbung::claims {

// The member's claims the fund has not decided yet (submitted or in review).
int CountPending(soci::session& sql, std::int64_t member_id);

}  // namespace lumbung::claims
