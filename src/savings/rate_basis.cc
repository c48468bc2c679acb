#include "savings/rate_basis.h"

namespace lumbung::savings {

RateBasis RateBasisFor(const LedgerYear& year, bool running) {
  RateBasis basis;
  basis.year = year.year;
  basis.rate_bp = year.rate_bp;
  if (!year.rate_bp) {
    basis.status = RateStatus::kNotSet;
  } else {
    basis.status = running ? RateStatus::kAssumed : RateStatus::kDeclared;
  }
  return basis;
}

}  // namespace lumbung::savings
