// Which return rate a ledger year's figure rests on. A year the fund has closed carries the
// rate it declared and credited; the year still running has no declared rate yet, so its
// "so far" return is an estimate at the rate the fund's rules set for that year, and the
// figure may change once the fund declares the year's rate after the year ends. Pure.
#pragma once

#include <optional>

#include "savings/ledger.h"

namespace lumbung::savings {

enum class RateStatus {
  kDeclared,  // a closed year: the rate the fund declared and credited
  kAssumed,   // the running year: an estimate at the rate set in the rules, not yet declared
  kNotSet,    // no rate recorded for the year
};

struct RateBasis {
  RateStatus status = RateStatus::kNotSet;
  std::optional<int> rate_bp;
  int year = 0;  // the year whose rate this is
};

// `running` is whether `year` is the year still in progress (the ledger's "so far" row).
RateBasis RateBasisFor(const LedgerYear& year, bool running);

}  // namespace lumbung::savings
