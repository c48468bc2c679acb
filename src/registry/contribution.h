// A month's contributions for one worker at one employer, split by program and payer.
#pragma once

#include "registry/rules.h"

namespace lumbung::registry {

struct MonthlyContribution {
  Rupiah jht_worker = 0;
  Rupiah jht_employer = 0;
  Rupiah jkk = 0;  // employer, at the employer's risk class
  Rupiah jkm = 0;  // employer
  Rupiah jp_worker = 0;
  Rupiah jp_employer = 0;
  Rupiah jkp = 0;  // credited to JKP; not billed (state + moved from JKK/JKM)

  Rupiah WorkerShare() const { return jht_worker + jp_worker; }
  Rupiah EmployerShare() const { return jht_employer + jkk + jkm + jp_employer; }
  // What the employer's monthly bill contains for this worker (worker shares are withheld
  // from the wage and paid by the employer too).
  Rupiah Billed() const { return WorkerShare() + EmployerShare(); }
};

// Pure: the split of one reported monthly wage under the rules in force that month.
// JP uses min(wage, jp_wage_cap); JKP uses min(wage, jkp_wage_cap); each amount is rounded
// on its own with ApplyRate. A wage <= 0 gives all zeros.
MonthlyContribution ComputeContribution(const ContributionRules& rules, RiskClass risk,
                                        Rupiah monthly_wage);

}  // namespace lumbung::registry
