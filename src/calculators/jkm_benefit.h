// What the JKM (death) program pays the heirs of a member who dies other than by a work
// accident, from the amounts in force on the day of death (registry::JkmBenefit, from
// config/rules.json): a lump sum, the periodic benefit paid at once, the funeral allowance, and
// a scholarship for children when the member had contributed long enough
// (../shared/domain/programs.md). Pure.
#pragma once

#include "registry/rules.h"

namespace lumbung::calculators {

struct JkmExplanation {
  registry::Rupiah death_lump_sum = 0, periodic_total = 0, funeral = 0;
  registry::Rupiah cash_total = 0;  // the three together, paid to the heirs
  int periodic_months = 0;
  // What the periodic benefit stands for each month (periodic_total / periodic_months, rounded
  // down): it is paid at once, but the regulation defines it as monthly payments.
  registry::Rupiah periodic_monthly = 0;
  // Scholarship: whether the children qualify, how many of those in school count, the most it
  // pays for them together, and the months still missing when they do not qualify.
  bool scholarship_eligible = false;
  int scholarship_children = 0;
  registry::Rupiah scholarship_max_total = 0;
  int scholarship_months_missing = 0;
};

// `contribution_months` 0..720, `children_in_school` 0..20; throws std::invalid_argument
// otherwise.
JkmExplanation ExplainJkm(const registry::JkmBenefit& benefit, int contribution_months,
                          int children_in_school);

}  // namespace lumbung::calculators
