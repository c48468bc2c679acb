#include "employers/late_fine.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <vector>

namespace lumbung::employers {

Date DueDate(Month contribution_month, const registry::EmployerPaymentRules& rules) {
  const Month next = contribution_month + std::chrono::months{1};
  return Date{next.year(), next.month(), std::chrono::day{static_cast<unsigned>(rules.due_day)}};
}

int MonthsLate(Date due, Date paid_on) {
  if (paid_on <= due) return 0;
  const int whole = (static_cast<int>(paid_on.year()) - static_cast<int>(due.year())) * 12 +
                    (static_cast<int>(static_cast<unsigned>(paid_on.month())) -
                     static_cast<int>(static_cast<unsigned>(due.month())));
  // Past the due day of the month paid in: a new part-month has begun.
  return whole + (paid_on.day() > due.day() ? 1 : 0);
}

Rupiah LateFine(Rupiah unpaid, int fine_bp, int months_late) {
  if (unpaid <= 0 || months_late <= 0 || fine_bp <= 0) return 0;
  long long total_bp = 0;
  if (__builtin_mul_overflow(static_cast<long long>(fine_bp), months_late, &total_bp) ||
      total_bp > std::numeric_limits<int>::max()) {
    throw std::overflow_error("LateFine: result out of range");
  }
  return registry::ApplyRate(unpaid, static_cast<int>(total_bp));
}

std::optional<Arrears> ArrearsOn(const registry::RuleBook& rules, Month contribution_month,
                                 Rupiah unpaid, Date as_of) {
  const auto payment = rules.EmployerPaymentRulesFor(contribution_month);
  if (!payment) return std::nullopt;
  Arrears arrears;
  arrears.due = DueDate(contribution_month, *payment);
  arrears.months_late = MonthsLate(arrears.due, as_of);
  arrears.fine = LateFine(unpaid, payment->late_fine_bp, arrears.months_late);
  return arrears;
}

Rupiah FineOnBill(const registry::RuleBook& rules, Month contribution_month, Rupiah billed,
                  std::span<const PaidPart> parts, Date as_of) {
  Rupiah remaining = std::max<Rupiah>(0, billed);
  Rupiah fine = 0;
  std::vector<PaidPart> in_order(parts.begin(), parts.end());
  std::stable_sort(in_order.begin(), in_order.end(),
                   [](const PaidPart& a, const PaidPart& b) { return a.paid_on < b.paid_on; });
  for (const auto& part : in_order) {
    const Rupiah counted = std::min(remaining, std::max<Rupiah>(0, part.amount));
    if (counted == 0) continue;
    const auto arrears = ArrearsOn(rules, contribution_month, counted, part.paid_on);
    if (!arrears) return 0;
    fine += arrears->fine;
    remaining -= counted;
  }
  if (remaining > 0) {
    const auto arrears = ArrearsOn(rules, contribution_month, remaining, as_of);
    if (!arrears) return 0;
    fine += arrears->fine;
  }
  return fine;
}

}  // namespace lumbung::employers
