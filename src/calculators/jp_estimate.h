// The JP (pension) estimate: monthly benefit = 1% x (contribution months / 12) x average
// adjusted yearly wage / 12, kept between the year's minimum and maximum; at least 180
// contribution months (15 years) are needed, otherwise the member gets a lump sum instead
// (../shared/domain/programs.md). JP is only ever computed on wages up to the JP wage cap, so
// an average above the cap counts as the cap. Pure.
#pragma once

#include "registry/rules.h"

namespace lumbung::calculators {

struct JpEstimateInput {
  int contribution_months = 0;                // 0..720
  registry::Rupiah average_monthly_wage = 0;  // adjusted (indexed) average, 0..10^15
  registry::JpBenefitLimits limits;           // of the year the pension starts
  registry::Rupiah wage_cap = 0;              // the JP wage cap in force (0: none)
};

struct JpEstimate {
  bool eligible = false;           // 180 months or more
  registry::Rupiah wage_used = 0;  // the average wage, or the cap when the average is above it
  bool wage_capped = false;
  int months_missing = 0;        // to reach 180
  registry::Rupiah formula = 0;  // the formula's monthly amount before the limits
  registry::Rupiah monthly = 0;  // what would be paid (0 when not eligible)
  bool raised_to_minimum = false, cut_to_maximum = false;
};

inline constexpr int kJpMinimumMonths = 180;

// Throws std::invalid_argument for inputs out of range.
JpEstimate EstimateJp(const JpEstimateInput& input);

}  // namespace lumbung::calculators
