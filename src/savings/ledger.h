// The JHT ledger the fund has credited to a member, one row per calendar year (table
// jht_yearly_credits, written by the fund's yearly crediting run; the demo seeder fills it
// with registry::ComputeJhtLedger). The current year's row is the position so far.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace soci {
class session;
}

namespace lumbung::savings {

struct LedgerYear {
  int year = 0;
  std::int64_t opening = 0, contributions = 0, returns = 0, withdrawals = 0, closing = 0;
  std::optional<int> rate_bp;  // the return credited that year, in basis points
};

// Oldest year first.
std::vector<LedgerYear> LoadLedger(soci::session& sql, std::int64_t member_id);

// The latest month with a paid contribution (YYYYMM), 0 when none: the "as of" of the balance.
int LastPaidPeriod(soci::session& sql, std::int64_t member_id);

}  // namespace lumbung::savings
