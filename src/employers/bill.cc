#include "employers/bill.h"

#include <algorithm>
#include <stdexcept>

#include "employers/late_fine.h"

namespace lumbung::employers {
namespace {

void Add(MonthlyContribution& sum, const MonthlyContribution& c, int sign) {
  sum.jht_worker += sign * c.jht_worker;
  sum.jht_employer += sign * c.jht_employer;
  sum.jkk += sign * c.jkk;
  sum.jkm += sign * c.jkm;
  sum.jp_worker += sign * c.jp_worker;
  sum.jp_employer += sign * c.jp_employer;
  sum.jkp += sign * c.jkp;
}

MonthlyContribution Enrolled(MonthlyContribution c, const Enrolment& programs) {
  if (!programs.jht) c.jht_worker = c.jht_employer = 0;
  if (!programs.jkk) c.jkk = 0;
  if (!programs.jkm) c.jkm = 0;
  if (!programs.jp) c.jp_worker = c.jp_employer = 0;
  if (!programs.jkp) c.jkp = 0;
  return c;
}

}  // namespace

Bill ComputeBill(const registry::RuleBook& rules, Month month, registry::RiskClass risk,
                 std::span<const ReportedWage> report) {
  const registry::ContributionRules in_force = rules.ContributionRulesFor(month);
  Bill bill;
  bill.month = month;
  bill.risk = risk;
  bill.rules_verified = rules.ContributionRulesAreVerified(month);
  if (const auto payment = rules.EmployerPaymentRulesFor(month)) {
    bill.due = DueDate(month, *payment);
  }
  bill.lines.reserve(report.size());
  for (const ReportedWage& row : report) {
    bill.lines.push_back(
        {row.worker, row.wage,
         Enrolled(registry::ComputeContribution(in_force, risk, row.wage), row.programs)});
  }
  std::sort(bill.lines.begin(), bill.lines.end(),
            [](const BillLine& a, const BillLine& b) { return a.worker < b.worker; });
  for (std::size_t i = 0; i < bill.lines.size(); ++i) {
    if (i > 0 && bill.lines[i].worker == bill.lines[i - 1].worker) {
      throw std::invalid_argument("ComputeBill: worker reported twice");
    }
    Add(bill.totals, bill.lines[i].amounts, +1);
  }
  return bill;
}

BillDifference CompareBills(const Bill& before, const Bill& after) {
  BillDifference d;
  Add(d.difference, after.totals, +1);
  Add(d.difference, before.totals, -1);
  auto b = before.lines.begin(), a = after.lines.begin();
  while (b != before.lines.end() || a != after.lines.end()) {
    if (a == after.lines.end() || (b != before.lines.end() && b->worker < a->worker)) {
      d.removed.push_back(*b++);
    } else if (b == before.lines.end() || a->worker < b->worker) {
      d.added.push_back(*a++);
    } else {
      if (a->wage != b->wage) {
        d.changed.push_back(
            {a->worker, b->wage, a->wage, a->amounts.Billed() - b->amounts.Billed()});
      }
      ++a;
      ++b;
    }
  }
  return d;
}

}  // namespace lumbung::employers
