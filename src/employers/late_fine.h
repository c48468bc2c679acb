// When a month's contributions are due and the fine for paying them late. Pure.
//
// The rules (config/rules.json "employer_payment", in force on the first day of the
// contribution month): the month is due on `due_day` of the next month (the 15th by default);
// the fine is `late_fine_bp` (2%) of the unpaid amount for every month or part of a month
// after the due date, simple: never a fine on a fine.
//
// Counting months, with the due date 15 March:
//   paid 15 March or earlier  0 months
//   paid 16 March .. 15 April  1 month    (the first part-month ends on 15 April)
//   paid 16 April .. 15 May    2 months
// i.e. the months late are the smallest n with paid_on <= due + n months.
//
// Rounding: fine = unpaid x late_fine_bp x months / 10000, rounded half up to the rupiah once
// (registry::ApplyRate), not month by month, so 1,234,567 three months late at 2% is 74,074.
// An amount paid in parts owes the sum of the fines of each part, each counted to the day it
// was paid (and what is still unpaid, to today).
#pragma once

#include <optional>
#include <span>

#include "registry/rules.h"

namespace lumbung::employers {

using registry::Date;
using registry::Month;
using registry::Rupiah;

// The due day of the month after `contribution_month`.
Date DueDate(Month contribution_month, const registry::EmployerPaymentRules& rules);

// Months or parts of months from `due` to `paid_on` (0 when paid on or before the due date).
// `due` must be a day that every month has (1-28, as the rules file guarantees).
int MonthsLate(Date due, Date paid_on);

// unpaid x fine_bp x months_late / 10000, rounded half up; 0 for a non-positive amount or
// no months. Throws std::overflow_error when the result would not fit.
Rupiah LateFine(Rupiah unpaid, int fine_bp, int months_late);

struct Arrears {
  Date due;
  int months_late = 0;
  Rupiah fine = 0;
};

// The due date, months late and fine of `unpaid` rupiah of `contribution_month` when paid
// (or still unpaid) on `as_of`. nullopt when the rules have no employer_payment entry for the
// month.
std::optional<Arrears> ArrearsOn(const registry::RuleBook& rules, Month contribution_month,
                                 Rupiah unpaid, Date as_of);

// One payment towards a month's bill: what it paid and when.
struct PaidPart {
  Rupiah amount = 0;
  Date paid_on;
};

// The fine on a month's bill of `billed` rupiah, paid in `parts` (in any order), counted to
// `as_of` for what is still unpaid: the sum of each part's fine to the day it was paid, and the
// rest's to `as_of` (parts beyond the bill count only up to it). 0 when the rules have no
// employer_payment entry for the month.
Rupiah FineOnBill(const registry::RuleBook& rules, Month contribution_month, Rupiah billed,
                  std::span<const PaidPart> parts, Date as_of);

}  // namespace lumbung::employers
