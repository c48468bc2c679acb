#include "claims/claims.h"

#include <soci/soci.h>

namespace lumbung::claims {

int CountPending(soci::session& sql, std::int64_t member_id) {
  long long member = member_id, count = 0;
  sql << "SELECT COUNT(*) FROM claims WHERE member_id = :m AND "
         "status IN ('submitted', 'in_review')",
      soci::into(count), soci::use(member);
  return static_cast<int>(count);
}

}  // namespace lumbung::claims
