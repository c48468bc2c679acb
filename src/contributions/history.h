// A member's contribution history: one row per month and employer with the reported
// wage and each program's amount, as the registry holds them (the registry computed them with
// the rules in force that month). Storage look-ups and pure summaries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace lumbung::contributions {

struct MonthRow {
  int period = 0;  // YYYYMM
  std::int64_t employer_id = 0;
  std::string employer_name;
  std::optional<std::int64_t> wage;  // the reported wage; absent when no report exists
  std::int64_t jht_worker = 0, jht_employer = 0, jkk = 0, jkm = 0, jp_worker = 0, jp_employer = 0,
               jkp = 0;
  bool paid = false;
  // The employer's bill for the month (employer_payments), when there is one: its due date and
  // the day it was paid in full (YYYY-MM-DD).
  std::optional<std::string> due_date, paid_on;

  std::int64_t Total() const {
    return jht_worker + jht_employer + jkk + jkm + jp_worker + jp_employer + jkp;
  }
};

struct Totals {
  std::int64_t wage = 0, jht_worker = 0, jht_employer = 0, jkk = 0, jkm = 0, jp_worker = 0,
               jp_employer = 0, jkp = 0, total = 0;
  int months_unpaid = 0;
};

Totals Sum(const std::vector<MonthRow>& rows);

struct EmployerChoice {
  std::int64_t id = 0;
  std::string name;
};

// Years (newest first) in which the member has contributions, and the employers that reported
// them (by name).
std::vector<int> YearsWithContributions(soci::session& sql, std::int64_t member_id);
std::vector<EmployerChoice> EmployersOf(soci::session& sql, std::int64_t member_id);

// The member's rows, newest month first; `year` 0 = every year; `employer_id` 0 = every employer.
std::vector<MonthRow> History(soci::session& sql, std::int64_t member_id, int year,
                              std::int64_t employer_id);

// The all-years view, for histories of any length: how many rows History(member, 0, employer)
// would return, and one slice of them in the same order (LIMIT/OFFSET in the database).
std::int64_t CountRows(soci::session& sql, std::int64_t member_id, std::int64_t employer_id);
std::vector<MonthRow> HistoryPage(soci::session& sql, std::int64_t member_id,
                                  std::int64_t employer_id, int limit, int offset);

// Each year's Sum, newest year first, added up by the database (GROUP BY) so that no page
// needs every row of a long history.
struct YearTotals {
  int year = 0;
  Totals totals;
};
std::vector<YearTotals> TotalsByYear(soci::session& sql, std::int64_t member_id,
                                     std::int64_t employer_id);

// The newest month's rows (one per employer) and how many month-rows are unpaid in all.
struct LatestPosition {
  std::vector<MonthRow> latest;
  int unpaid_rows = 0;
};
LatestPosition Latest(soci::session& sql, std::int64_t member_id);

}  // namespace lumbung::contributions
