// The JHT (old-age savings) balance, computed the way the ministry's published simulations do:
// each month's flow is added at the start of the month, the balance grows every month at the
// effective monthly rate (1 + annual)^(1/12) - 1 of that calendar year, full precision is kept
// throughout and figures are rounded to the rupiah only when shown.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "registry/rules.h"

namespace lumbung::registry {

struct JhtFlow {
  Month month;
  Rupiah amount;  // > 0 contribution (worker + employer JHT), < 0 withdrawal
};

struct JhtYear {
  int year = 0;
  std::optional<int> rate_bp;  // nullopt when no rate is declared: no growth that year
  long double opening = 0;
  long double contributions = 0;
  long double withdrawals = 0;  // positive number
  long double returns = 0;
  long double closing = 0;
};

struct JhtLedger {
  std::vector<JhtYear> years;  // consecutive calendar years, first flow's year .. through's year
  long double Balance() const { return years.empty() ? 0 : years.back().closing; }
};

// Returns the rate (bp) for a year, if declared.
using ReturnRateLookup = std::function<std::optional<int>(int year)>;

// Pure. `flows` sorted by month (several per month allowed; throws std::invalid_argument when
// not sorted); the ledger runs to the END of `through` (months after the last flow still earn
// returns) and flows after `through` are not counted. Withdrawals are not policed here.
JhtLedger ComputeJhtLedger(std::span<const JhtFlow> flows, Month through,
                           const ReturnRateLookup& rate_for_year);

// Rounds a full-precision figure to the rupiah, half away from zero, for display.
Rupiah RoundRupiah(long double value);

}  // namespace lumbung::registry
