#include "claims/claimant_facts.h"

#include <soci/soci.h>

#include <stdexcept>
#include <string>

#include "core/db/row_value.h"
#include "savings/ledger.h"

namespace lumbung::claims {
namespace {

// Dates come as 'YYYY-MM-DD' from both backends (CAST(... AS TEXT) for PostgreSQL's DATE).
registry::Date DateAt(const soci::row& row, std::size_t column) {
  const std::string text = db::RowText(row, column);
  const auto day = ParseIsoDate(text.substr(0, 10));
  if (!day) throw std::runtime_error("claims: not a date in the registry: " + text);
  return *day;
}

}  // namespace

ClaimantFacts LoadClaimantFacts(soci::session& sql, std::int64_t member_id,
                                const registry::RuleBook&, registry::Date today) {
  const long long member = member_id;
  ClaimantFacts facts;
  {
    soci::row row;
    sql << "SELECT CAST(birth_date AS TEXT), CAST(registered_on AS TEXT), status FROM members "
           "WHERE id = :m",
        soci::into(row), soci::use(member);
    if (!sql.got_data()) throw std::runtime_error("claims: no such member");
    facts.birth_date = DateAt(row, 0);
    facts.registered_on = DateAt(row, 1);
    facts.member_status = db::RowText(row, 2);
  }
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT s.id, s.employer_id, e.name, CAST(s.start_date AS TEXT), "
                        "CAST(s.end_date AS TEXT), s.end_reason FROM employment_spells s "
                        "JOIN employers e ON e.id = s.employer_id WHERE s.member_id = :m "
                        "ORDER BY s.start_date, s.id",
         soci::use(member));
    for (const auto& row : rows) {
      Spell s;
      s.id = db::RowInt(row, 0);
      s.employer_id = db::RowInt(row, 1);
      s.employer_name = db::RowText(row, 2);
      s.start = DateAt(row, 3);
      if (row.get_indicator(4) != soci::i_null) s.end = DateAt(row, 4);
      s.end_reason = db::RowText(row, 5);
      if (s.end_reason == "died" && s.end) facts.death_date = s.end;
      facts.spells.push_back(std::move(s));
    }
  }
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT c.period, c.employer_id, COALESCE(w.wage, 0), c.paid, "
                        "c.jp_worker + c.jp_employer, c.jkp FROM contributions c "
                        "LEFT JOIN wage_reports w ON w.member_id = c.member_id "
                        "AND w.period = c.period AND w.employer_id = c.employer_id "
                        "WHERE c.member_id = :m ORDER BY c.period, c.employer_id",
         soci::use(member));
    for (const auto& row : rows) {
      const std::int64_t period = db::RowInt(row, 0);
      ContributionMonth m;
      m.month = registry::Month{std::chrono::year{static_cast<int>(period / 100)},
                                std::chrono::month{static_cast<unsigned>(period % 100)}};
      m.employer_id = db::RowInt(row, 1);
      m.wage = db::RowInt(row, 2);
      m.paid = db::RowInt(row, 3) != 0;
      m.jp_amount = db::RowInt(row, 4);
      m.jp = m.jp_amount > 0;
      m.jkp = db::RowInt(row, 5) > 0;
      facts.months.push_back(m);
    }
  }
  const int this_year = static_cast<int>(today.year());
  for (const auto& year : savings::LoadLedger(sql, member_id)) {
    if (year.year <= this_year) facts.jht_balance = year.closing;
  }
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, claim_type, status FROM claims WHERE member_id = :m "
                        "ORDER BY id",
         soci::use(member));
    for (const auto& row : rows) {
      PriorClaim claim;
      if (!ParseTypeName(db::RowText(row, 1), &claim.type)) continue;
      claim.id = db::RowInt(row, 0);
      claim.status = db::RowText(row, 2);
      facts.prior_claims.push_back(std::move(claim));
    }
  }
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, employer_id, accident_date, monthly_wage, fatal, "
                        "member_confirmed_at, days_unable_to_work FROM work_accidents "
                        "WHERE member_id = :m ORDER BY accident_date, id",
         soci::use(member));
    for (const auto& row : rows) {
      Accident a;
      a.id = db::RowInt(row, 0);
      a.employer_id = db::RowInt(row, 1);
      a.date = DateAt(row, 2);
      a.monthly_wage = db::RowInt(row, 3);
      a.fatal = db::RowInt(row, 4) != 0;
      a.confirmed_by_member = row.get_indicator(5) != soci::i_null;
      a.days_unable_to_work = static_cast<int>(db::RowInt(row, 6));
      facts.accidents.push_back(a);
    }
  }
  return facts;
}

}  // namespace lumbung::claims
