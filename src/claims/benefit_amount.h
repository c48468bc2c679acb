// How much an eligible claim pays, line by line, each line labelled with a catalog sentence
// (claims.amount.*) so the member sees how the figure is made. Pure; call only when Decide
// (eligibility.h) says the claim is eligible.
//
// - JHT in full: the balance as of today (with the running year's return so far).
// - JHT in part: the rule's share (10% or 30%) of that balance, the most the member may take.
// - JP, 180 months or more: the monthly pension 1% x months/12 x average yearly wage / 12
//   (calculators/jp_estimate.h), between the minimum and maximum of the year of the claim.
//   Simplification: the "adjusted" average is the average NOMINAL monthly wage of the paid JP
//   months, each employer's wage first capped at that month's JP wage cap and the employers of
//   a month added together; wages are not re-valued to today.
// - JP, fewer months: a lump sum of the JP contributions paid (worker + employer) with the
//   returns the fund declared for JHT each year (registry/jht.h, rates from the rules'
//   jht_return), grown up to the end of the month before the claim.
// - JKM: the amounts in force on the day of death; the scholarship is shown as the most it can
//   pay over the children's schooling and is not part of the total.
// - JKK death: wage multiple x monthly wage + funeral + periodic benefit, by the accident day's
//   rule. JKK temporary incapacity: the days unable to work at the daily wage (monthly wage /
//   daily_wage_days), each day at the share of its step.
// - JKP: the schedule's steps on min(last wage at that employer, wage cap); the total of all
//   months.
#pragma once

#include <vector>

#include "claims/eligibility.h"

namespace lumbung::claims {

struct AmountLine {
  Reason label;  // claims.amount.*
  registry::Rupiah amount = 0;
  // A most that is paid over time (JKM scholarship): shown, not part of the total.
  bool up_to = false;
};

struct BenefitAmount {
  registry::Rupiah total = 0;
  bool monthly = false;  // JP pension: total is per month
  std::vector<AmountLine> lines;
};

BenefitAmount ComputeAmount(const ClaimAnswers& answers, const ClaimantFacts& facts,
                            const registry::RuleBook& rules, registry::Date today);

// A daily-paid worker's monthly wage for the accident day's rule (daily x daily_wage_days).
registry::Rupiah MonthlyWageFromDaily(registry::Rupiah daily_wage,
                                      const registry::JkkBenefit& rule);

}  // namespace lumbung::claims
