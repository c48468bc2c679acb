#include "calculators/jp_estimate.h"

#include <stdexcept>

namespace lumbung::calculators {

JpEstimate EstimateJp(const JpEstimateInput& in) {
  if (in.contribution_months < 0 || in.contribution_months > 720) {
    throw std::invalid_argument("contribution months out of range");
  }
  // The bound keeps wage x months inside 64 bits.
  if (in.average_monthly_wage < 0 || in.average_monthly_wage > 1'000'000'000'000'000) {
    throw std::invalid_argument("wage out of range");
  }
  if (in.wage_cap < 0) throw std::invalid_argument("wage cap out of range");
  JpEstimate e;
  e.wage_capped = in.wage_cap > 0 && in.average_monthly_wage > in.wage_cap;
  e.wage_used = e.wage_capped ? in.wage_cap : in.average_monthly_wage;
  // 1% x months/12 x (12 x wage)/12 = wage x months / 1200, rounded half up to the rupiah.
  e.formula = (e.wage_used * in.contribution_months + 600) / 1200;
  e.eligible = in.contribution_months >= kJpMinimumMonths;
  e.months_missing = e.eligible ? 0 : kJpMinimumMonths - in.contribution_months;
  if (!e.eligible) return e;
  e.monthly = e.formula;
  if (e.monthly < in.limits.minimum_monthly) {
    e.monthly = in.limits.minimum_monthly;
    e.raised_to_minimum = true;
  } else if (in.limits.maximum_monthly > 0 && e.monthly > in.limits.maximum_monthly) {
    e.monthly = in.limits.maximum_monthly;
    e.cut_to_maximum = true;
  }
  return e;
}

}  // namespace lumbung::calculators
