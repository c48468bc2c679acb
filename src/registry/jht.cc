#include "registry/jht.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace lumbung::registry {
namespace {

// (1 + annual)^(1/12): twelve of them make exactly the declared annual rate, which is how the
// ministry's simulations (and members' statements) compound.
long double MonthlyFactor(std::optional<int> rate_bp) {
  if (!rate_bp) return 1.0L;
  return std::pow(1.0L + static_cast<long double>(*rate_bp) / 10000.0L, 1.0L / 12.0L);
}

}  // namespace

JhtLedger ComputeJhtLedger(std::span<const JhtFlow> flows, Month through,
                           const ReturnRateLookup& rate_for_year) {
  JhtLedger ledger;
  if (flows.empty()) return ledger;
  for (std::size_t i = 1; i < flows.size(); ++i) {
    if (flows[i].month < flows[i - 1].month) {
      throw std::invalid_argument("ComputeJhtLedger: flows must be sorted by month");
    }
  }

  const int first_year = static_cast<int>(flows.front().month.year());
  const int last_year = static_cast<int>(through.year());
  std::size_t next = 0;
  long double balance = 0;
  for (int year = first_year; year <= last_year; ++year) {
    JhtYear row;
    row.year = year;
    row.rate_bp = rate_for_year ? rate_for_year(year) : std::nullopt;
    row.opening = balance;
    const long double factor = MonthlyFactor(row.rate_bp);
    const unsigned last_month = year == last_year ? static_cast<unsigned>(through.month()) : 12u;
    for (unsigned m = 1; m <= last_month; ++m) {
      const Month month{std::chrono::year{year}, std::chrono::month{m}};
      // Flows land at the start of the month, so they earn that month's return.
      for (; next < flows.size() && flows[next].month == month; ++next) {
        const long double amount = static_cast<long double>(flows[next].amount);
        if (amount >= 0) {
          row.contributions += amount;
        } else {
          row.withdrawals -= amount;
        }
        balance += amount;
      }
      const long double growth = balance * (factor - 1.0L);
      row.returns += growth;
      balance += growth;
    }
    row.closing = balance;
    ledger.years.push_back(row);
  }
  return ledger;
}

Rupiah RoundRupiah(long double value) {
  // 2^63 is exactly representable; anything that would round to it or beyond cannot be a
  // rupiah figure (and llround would be undefined).
  constexpr long double kLimit = 9223372036854775808.0L;
  if (!std::isfinite(value) || value >= kLimit - 0.5L || value < -kLimit) {
    throw std::overflow_error("RoundRupiah: value out of range");
  }
  return static_cast<Rupiah>(std::llround(value));
}

}  // namespace lumbung::registry
