#include "calculators/jkm_benefit.h"

#include <algorithm>
#include <stdexcept>

namespace lumbung::calculators {

JkmExplanation ExplainJkm(const registry::JkmBenefit& benefit, int contribution_months,
                          int children_in_school) {
  if (contribution_months < 0 || contribution_months > 720) {
    throw std::invalid_argument("contribution_months must be 0 to 720");
  }
  if (children_in_school < 0 || children_in_school > 20) {
    throw std::invalid_argument("children_in_school must be 0 to 20");
  }
  JkmExplanation e;
  e.death_lump_sum = benefit.death_lump_sum;
  e.periodic_total = benefit.periodic_total;
  e.periodic_months = benefit.periodic_months;
  e.periodic_monthly =
      benefit.periodic_months > 0 ? benefit.periodic_total / benefit.periodic_months : 0;
  e.funeral = benefit.funeral;
  e.cash_total = benefit.death_lump_sum + benefit.periodic_total + benefit.funeral;
  e.scholarship_max_total = benefit.scholarship_max_total;
  const bool long_enough = contribution_months >= benefit.scholarship_min_months;
  e.scholarship_months_missing =
      long_enough ? 0 : benefit.scholarship_min_months - contribution_months;
  e.scholarship_children = std::min(children_in_school, benefit.scholarship_max_children);
  e.scholarship_eligible = long_enough && e.scholarship_children > 0;
  return e;
}

}  // namespace lumbung::calculators
