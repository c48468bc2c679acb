// An employer's bill for one month, from its wage report, and what an amendment changes.
// Pure.
//
// Every amount is the registry's own rule (registry::ComputeContribution under the rules in
// force that month), computed per worker on the wage this employer reported: the JP and JKP
// wage caps therefore apply per employer, so a member with two jobs is capped at each employer
// separately. JKK is at the employer's risk class. The worker's shares (JHT 2%, JP 1%) are on
// the bill too: the employer withholds them from the wage and pays them with its own. JKP is
// shown per worker but never billed (it is paid by the state and moved out of JKK and JKM).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "registry/contribution.h"
#include "registry/rules.h"

namespace lumbung::employers {

using registry::Date;
using registry::Month;
using registry::MonthlyContribution;
using registry::Rupiah;

// The registry's member id of a worker.
using WorkerId = std::int64_t;

// The programs a worker is enrolled in at this employer (all, unless the employer is allowed
// fewer, as small enterprises are); a program not enrolled is zero on the bill.
struct Enrolment {
  bool jht = true, jkk = true, jkm = true, jp = true, jkp = true;
};

struct ReportedWage {
  WorkerId worker = 0;
  Rupiah wage = 0;
  Enrolment programs;
};

struct BillLine {
  WorkerId worker = 0;
  Rupiah wage = 0;
  MonthlyContribution amounts;  // amounts.Billed() is what this worker adds to the bill
};

struct Bill {
  Month month;
  registry::RiskClass risk = registry::RiskClass::kVeryLow;
  std::vector<BillLine> lines;  // sorted by worker
  MonthlyContribution totals;   // each program summed over the lines; totals.Billed() is due
  std::optional<Date> due;      // when the rules have the employer_payment series
  bool rules_verified = true;   // false when a figure used is marked unverified
};

// The bill of `month` for an employer of risk class `risk`. Throws std::invalid_argument when
// a worker appears twice (the report's validation refuses duplicates first) and
// registry::RuleError for a month before the rules begin.
Bill ComputeBill(const registry::RuleBook& rules, Month month, registry::RiskClass risk,
                 std::span<const ReportedWage> report);

struct WageChange {
  WorkerId worker = 0;
  Rupiah before_wage = 0, after_wage = 0;
  Rupiah billed_difference = 0;  // after - before, for this worker
};

// What changed from `before` to `after`: an amendment of the same month, or this month's
// report against last month's (the dry run's "changes from last month").
struct BillDifference {
  std::vector<BillLine> added;      // workers only in `after`
  std::vector<BillLine> removed;    // workers only in `before`
  std::vector<WageChange> changed;  // workers in both whose wage differs
  MonthlyContribution difference;   // after.totals - before.totals, program by program
  // What the amendment adds to the bill (negative: a credit). For a month already paid this
  // becomes a new bill line.
  Rupiah Billed() const { return difference.Billed(); }
};

BillDifference CompareBills(const Bill& before, const Bill& after);

}  // namespace lumbung::employers
