#include "calculators/jht_projection.h"

#include <stdexcept>

namespace lumbung::calculators {

std::vector<JhtProjectionYear> ProjectJht(const JhtProjectionInput& in) {
  if (in.balance < 0 || in.monthly_wage < 0) throw std::invalid_argument("negative amount");
  if (in.wage_growth_bp < 0 || in.wage_growth_bp > 5000 || in.return_bp < 0 ||
      in.return_bp > 5000) {
    throw std::invalid_argument("rate out of range");
  }
  if (in.years < 1 || in.years > 50) throw std::invalid_argument("years out of range");
  if (in.contribution_bp < 0 || in.contribution_bp > 10000) {
    throw std::invalid_argument("contribution rate out of range");
  }
  std::vector<registry::JhtFlow> flows;
  std::vector<registry::Rupiah> wage_by_year;
  const int first_year = static_cast<int>(in.start.year());
  registry::Rupiah wage = in.monthly_wage;
  registry::Month month = in.start;
  if (in.balance > 0) flows.push_back({month, in.balance});
  for (int i = 0; i < in.years * 12; ++i) {
    const int year = static_cast<int>(month.year());
    if (i > 0 && month.month() == std::chrono::January) {
      wage = registry::ApplyRate(wage, 10000 + in.wage_growth_bp);
    }
    if (static_cast<int>(wage_by_year.size()) <= year - first_year) wage_by_year.push_back(wage);
    const registry::Rupiah amount = registry::ApplyRate(wage, in.contribution_bp);
    if (amount > 0) flows.push_back({month, amount});
    if (i + 1 < in.years * 12) month += std::chrono::months{1};
  }
  std::vector<JhtProjectionYear> out;
  if (flows.empty()) {
    for (std::size_t y = 0; y < wage_by_year.size(); ++y) {
      out.push_back({first_year + static_cast<int>(y), wage_by_year[y], 0, 0, 0});
    }
    return out;
  }
  const auto ledger = registry::ComputeJhtLedger(
      flows, month, [&](int) -> std::optional<int> { return in.return_bp; });
  for (const auto& y : ledger.years) {
    JhtProjectionYear row;
    row.year = y.year;
    const std::size_t index = static_cast<std::size_t>(y.year - first_year);
    row.wage = index < wage_by_year.size() ? wage_by_year[index] : wage;
    // The starting balance is not a contribution of the first year.
    long double added = y.contributions;
    if (y.year == first_year) added -= static_cast<long double>(in.balance);
    row.contributions = registry::RoundRupiah(added);
    row.returns = registry::RoundRupiah(y.returns);
    row.closing = registry::RoundRupiah(y.closing);
    out.push_back(row);
  }
  return out;
}

}  // namespace lumbung::calculators
