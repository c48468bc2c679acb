// Projecting the JHT balance forward, the way statements compute it (registry/jht.h: each
// month's contribution added at the start of the month, monthly compounding at the effective
// monthly rate of the assumed annual return). Pure.
#pragma once

#include <vector>

#include "registry/jht.h"
#include "registry/rules.h"

namespace lumbung::calculators {

struct JhtProjectionInput {
  registry::Rupiah balance = 0;       // today's balance (>= 0)
  registry::Rupiah monthly_wage = 0;  // reported wage now (>= 0)
  int wage_growth_bp = 0;             // yearly wage growth, applied each January (0..5000)
  int return_bp = 0;                  // assumed yearly return (0..5000)
  int years = 0;                      // 1..50
  int contribution_bp = 570;          // JHT worker + employer, from the rules in force
  registry::Month start;              // the first projected month
};

struct JhtProjectionYear {
  int year = 0;
  registry::Rupiah wage = 0;           // the monthly wage that year
  registry::Rupiah contributions = 0;  // added that year
  registry::Rupiah returns = 0;
  registry::Rupiah closing = 0;
};

// One row per calendar year from start's year through the last projected month
// (start + years*12 - 1), rounded to the rupiah for display only. Throws std::invalid_argument
// for inputs out of the ranges above.
std::vector<JhtProjectionYear> ProjectJht(const JhtProjectionInput& input);

}  // namespace lumbung::calculators
