#include "registry/contribution.h"

#include <algorithm>

namespace lumbung::registry {

MonthlyContribution ComputeContribution(const ContributionRules& rules, RiskClass risk,
                                        Rupiah monthly_wage) {
  MonthlyContribution c;
  // A month without wage (unpaid leave, a correction entered as zero) owes nothing; a negative
  // wage is a data error that must not turn into a refund.
  if (monthly_wage <= 0) return c;
  const int risk_index = static_cast<int>(risk);
  if (risk_index < 0 || risk_index >= kRiskClassCount) {
    throw std::invalid_argument("ComputeContribution: unknown risk class");
  }
  // A cap of zero (JKP before it existed) means no base at all, never a negative one.
  const Rupiah jp_base = std::clamp<Rupiah>(rules.jp_wage_cap, 0, monthly_wage);
  const Rupiah jkp_base = std::clamp<Rupiah>(rules.jkp_wage_cap, 0, monthly_wage);
  c.jht_worker = ApplyRate(monthly_wage, rules.jht_worker_bp);
  c.jht_employer = ApplyRate(monthly_wage, rules.jht_employer_bp);
  c.jkk = ApplyRate(monthly_wage, rules.jkk_bp[risk_index]);
  c.jkm = ApplyRate(monthly_wage, rules.jkm_bp);
  c.jp_worker = ApplyRate(jp_base, rules.jp_worker_bp);
  c.jp_employer = ApplyRate(jp_base, rules.jp_employer_bp);
  c.jkp = ApplyRate(jkp_base, rules.jkp_total_bp);
  return c;
}

}  // namespace lumbung::registry
