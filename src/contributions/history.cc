#include "contributions/history.h"

#include <soci/soci.h>

namespace lumbung::contributions {

Totals Sum(const std::vector<MonthRow>& rows) {
  Totals t;
  for (const auto& r : rows) {
    t.wage += r.wage.value_or(0);
    t.jht_worker += r.jht_worker;
    t.jht_employer += r.jht_employer;
    t.jkk += r.jkk;
    t.jkm += r.jkm;
    t.jp_worker += r.jp_worker;
    t.jp_employer += r.jp_employer;
    t.jkp += r.jkp;
    t.total += r.Total();
    if (!r.paid) ++t.months_unpaid;
  }
  return t;
}

std::vector<int> YearsWithContributions(soci::session& sql, std::int64_t member_id) {
  std::vector<int> years;
  long long member = member_id;
  int year = 0;
  soci::statement st = (sql.prepare << "SELECT DISTINCT period / 100 FROM contributions "
                                       "WHERE member_id = :m ORDER BY 1 DESC",
                        soci::into(year), soci::use(member));
  st.execute();
  while (st.fetch()) years.push_back(year);
  return years;
}

std::vector<EmployerChoice> EmployersOf(soci::session& sql, std::int64_t member_id) {
  std::vector<EmployerChoice> out;
  long long member = member_id, id = 0;
  std::string name;
  soci::statement st =
      (sql.prepare << "SELECT e.id, e.name FROM employers e WHERE e.id IN "
                      "(SELECT DISTINCT employer_id FROM contributions WHERE member_id = :m) "
                      "ORDER BY e.name, e.id",
       soci::into(id), soci::into(name), soci::use(member));
  st.execute();
  while (st.fetch()) out.push_back({id, name});
  return out;
}

namespace {

// Rows of periods from..to, newest month first; a limit of 0 means every row. The primary key
// (member_id, period, employer_id) serves the range: fast for 40 years.
std::vector<MonthRow> Rows(soci::session& sql, std::int64_t member_id, int from, int to,
                           std::int64_t employer_id, int limit, int offset) {
  std::vector<MonthRow> rows;
  long long member = member_id, employer = employer_id, row_offset = offset;
  // Both databases take a LIMIT; one beyond any history stands for "every row".
  long long row_limit = limit > 0 ? limit : (1LL << 62);
  MonthRow r;
  long long employer_out = 0, wage = 0, jht_w = 0, jht_e = 0, jkk = 0, jkm = 0, jp_w = 0, jp_e = 0,
            jkp = 0;
  int paid = 0;
  soci::indicator wage_ind = soci::i_null;
  std::string due, paid_on;
  soci::indicator due_ind = soci::i_null, paid_on_ind = soci::i_null;
  soci::statement st =
      (sql.prepare << "SELECT c.period, c.employer_id, e.name, w.wage, c.jht_worker, "
                      "c.jht_employer, c.jkk, c.jkm, c.jp_worker, c.jp_employer, c.jkp, c.paid, "
                      "CAST(p.due_date AS TEXT), CAST(p.paid_on AS TEXT) "
                      "FROM contributions c JOIN employers e ON e.id = c.employer_id "
                      "LEFT JOIN employer_payments p ON p.employer_id = c.employer_id AND "
                      "p.period = c.period "
                      "LEFT JOIN wage_reports w ON w.member_id = c.member_id AND "
                      "w.period = c.period AND w.employer_id = c.employer_id "
                      "WHERE c.member_id = :m AND c.period BETWEEN :from AND :to AND "
                      "(:employer = 0 OR c.employer_id = :employer2) "
                      // Unique per row (the primary key), so pages never overlap or skip a row.
                      "ORDER BY c.period DESC, e.name, c.employer_id LIMIT :limit OFFSET :offset",
       soci::into(r.period), soci::into(employer_out), soci::into(r.employer_name),
       soci::into(wage, wage_ind), soci::into(jht_w), soci::into(jht_e), soci::into(jkk),
       soci::into(jkm), soci::into(jp_w), soci::into(jp_e), soci::into(jkp), soci::into(paid),
       soci::into(due, due_ind), soci::into(paid_on, paid_on_ind), soci::use(member),
       soci::use(from), soci::use(to), soci::use(employer), soci::use(employer),
       soci::use(row_limit), soci::use(row_offset));
  st.execute();
  while (st.fetch()) {
    r.employer_id = employer_out;
    r.wage = wage_ind == soci::i_ok ? std::optional<std::int64_t>(wage) : std::nullopt;
    r.jht_worker = jht_w;
    r.jht_employer = jht_e;
    r.jkk = jkk;
    r.jkm = jkm;
    r.jp_worker = jp_w;
    r.jp_employer = jp_e;
    r.jkp = jkp;
    r.paid = paid != 0;
    r.due_date = due_ind == soci::i_ok ? std::optional(due.substr(0, 10)) : std::nullopt;
    r.paid_on = paid_on_ind == soci::i_ok ? std::optional(paid_on.substr(0, 10)) : std::nullopt;
    rows.push_back(r);
  }
  return rows;
}

}  // namespace

std::vector<MonthRow> History(soci::session& sql, std::int64_t member_id, int year,
                              std::int64_t employer_id) {
  const int from = year ? year * 100 + 1 : 0;
  const int to = year ? year * 100 + 12 : 999912;
  return Rows(sql, member_id, from, to, employer_id, 0, 0);
}

std::int64_t CountRows(soci::session& sql, std::int64_t member_id, std::int64_t employer_id) {
  long long member = member_id, employer = employer_id, count = 0;
  sql << "SELECT COUNT(*) FROM contributions WHERE member_id = :m AND "
         "(:employer = 0 OR employer_id = :employer2)",
      soci::into(count), soci::use(member), soci::use(employer), soci::use(employer);
  return count;
}

std::vector<MonthRow> HistoryPage(soci::session& sql, std::int64_t member_id,
                                  std::int64_t employer_id, int limit, int offset) {
  if (limit <= 0) return {};
  return Rows(sql, member_id, 0, 999912, employer_id, limit, offset);
}

std::vector<YearTotals> TotalsByYear(soci::session& sql, std::int64_t member_id,
                                     std::int64_t employer_id) {
  std::vector<YearTotals> out;
  long long member = member_id, employer = employer_id;
  int year = 0, unpaid = 0;
  long long wage = 0, jht_w = 0, jht_e = 0, jkk = 0, jkm = 0, jp_w = 0, jp_e = 0, jkp = 0;
  // PostgreSQL sums BIGINT as NUMERIC; the casts bring the sums back to whole numbers on both.
  soci::statement st =
      (sql.prepare << "SELECT c.period / 100, CAST(COALESCE(SUM(w.wage), 0) AS BIGINT), "
                      "CAST(SUM(c.jht_worker) AS BIGINT), CAST(SUM(c.jht_employer) AS BIGINT), "
                      "CAST(SUM(c.jkk) AS BIGINT), CAST(SUM(c.jkm) AS BIGINT), "
                      "CAST(SUM(c.jp_worker) AS BIGINT), CAST(SUM(c.jp_employer) AS BIGINT), "
                      "CAST(SUM(c.jkp) AS BIGINT), "
                      "CAST(SUM(CASE WHEN c.paid = 0 THEN 1 ELSE 0 END) AS INTEGER) "
                      "FROM contributions c LEFT JOIN wage_reports w ON "
                      "w.member_id = c.member_id AND w.period = c.period AND "
                      "w.employer_id = c.employer_id "
                      "WHERE c.member_id = :m AND (:employer = 0 OR c.employer_id = :employer2) "
                      "GROUP BY c.period / 100 ORDER BY 1 DESC",
       soci::into(year), soci::into(wage), soci::into(jht_w), soci::into(jht_e), soci::into(jkk),
       soci::into(jkm), soci::into(jp_w), soci::into(jp_e), soci::into(jkp), soci::into(unpaid),
       soci::use(member), soci::use(employer), soci::use(employer));
  st.execute();
  while (st.fetch()) {
    YearTotals y;
    y.year = year;
    Totals& t = y.totals;
    t.wage = wage;
    t.jht_worker = jht_w;
    t.jht_employer = jht_e;
    t.jkk = jkk;
    t.jkm = jkm;
    t.jp_worker = jp_w;
    t.jp_employer = jp_e;
    t.jkp = jkp;
    // The same columns Sum adds, so a year's figure here equals Sum over that year's rows.
    t.total = jht_w + jht_e + jkk + jkm + jp_w + jp_e + jkp;
    t.months_unpaid = unpaid;
    out.push_back(y);
  }
  return out;
}

LatestPosition Latest(soci::session& sql, std::int64_t member_id) {
  LatestPosition position;
  long long member = member_id;
  int period = 0, unpaid = 0;
  soci::indicator period_ind = soci::i_null;
  sql << "SELECT MAX(period) FROM contributions WHERE member_id = :m",
      soci::into(period, period_ind), soci::use(member);
  if (period_ind != soci::i_ok) return position;
  sql << "SELECT COUNT(*) FROM contributions WHERE member_id = :m AND paid = 0", soci::into(unpaid),
      soci::use(member);
  position.unpaid_rows = unpaid;
  for (auto& row : History(sql, member_id, period / 100, 0)) {
    if (row.period == period) position.latest.push_back(std::move(row));
  }
  return position;
}

}  // namespace lumbung::contributions
