#include "savings/ledger.h"

#include <soci/soci.h>

namespace lumbung::savings {

std::vector<LedgerYear> LoadLedger(soci::session& sql, std::int64_t member_id) {
  std::vector<LedgerYear> out;
  long long member = member_id, opening = 0, contributions = 0, returns = 0, withdrawals = 0,
            closing = 0;
  int year = 0, rate = 0;
  soci::indicator rate_ind = soci::i_null;
  soci::statement st =
      (sql.prepare << "SELECT year, opening, contributions, returns, withdrawals, closing, rate_bp "
                      "FROM jht_yearly_credits WHERE member_id = :m ORDER BY year",
       soci::into(year), soci::into(opening), soci::into(contributions), soci::into(returns),
       soci::into(withdrawals), soci::into(closing), soci::into(rate, rate_ind), soci::use(member));
  st.execute();
  while (st.fetch()) {
    LedgerYear y;
    y.year = year;
    y.opening = opening;
    y.contributions = contributions;
    y.returns = returns;
    y.withdrawals = withdrawals;
    y.closing = closing;
    if (rate_ind == soci::i_ok) y.rate_bp = rate;
    out.push_back(y);
  }
  return out;
}

int LastPaidPeriod(soci::session& sql, std::int64_t member_id) {
  long long member = member_id;
  int period = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(period) FROM contributions WHERE member_id = :m AND paid = 1",
      soci::into(period, ind), soci::use(member);
  return ind == soci::i_ok ? period : 0;
}

}  // namespace lumbung::savings
