#include "analytics/refresh.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "analytics/bands.h"
#include "core/db/native_handle.h"
#include "core/db/row_value.h"
#include "core/db/transaction.h"
#include "core/i18n/fund_time.h"
#include "core/jobs/jobs.h"

namespace lumbung::analytics {
namespace {

// The refresh is upkeep: on PostgreSQL a step that would wait for a table lock (a migration, a
// bulk load holding it) gives way after a moment and comes back later, instead of holding its
// share locks while it waits, which could deadlock the other side.
constexpr const char* kLockPatience = "SET LOCAL lock_timeout = '200ms'";
constexpr std::int64_t kBackAfterLockSeconds = 5;

bool IsLockTimeout(const soci::soci_error& error) {
  const auto* postgres = dynamic_cast<const soci::postgresql_soci_error*>(&error);
  return postgres != nullptr && postgres->sqlstate() == "55P03";  // lock_not_available
}

using std::chrono::year_month_day;

std::optional<std::int64_t> Mark(soci::session& sql, const std::string& name) {
  long long value = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT value FROM analytics_marks WHERE name = :n", soci::use(name, "n"),
      soci::into(value, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return value;
}

void SetMark(soci::session& sql, const std::string& name, std::int64_t value) {
  const long long v = value;
  sql << "DELETE FROM analytics_marks WHERE name = :n", soci::use(name, "n");
  sql << "INSERT INTO analytics_marks (name, value) VALUES (:n, :v)", soci::use(name, "n"),
      soci::use(v, "v");
}

// One whole number from a query with no parameters (0 for NULL).
std::int64_t Scalar(soci::session& sql, const std::string& query) {
  soci::rowset<soci::row> rows = sql.prepare << query;
  for (const soci::row& row : rows) return db::RowMaybeInt(row, 0).value_or(0);
  return 0;
}

// A bound day compared with a DATE column (PostgreSQL) or an ISO TEXT one (SQLite).
std::string DayParam(db::Dialect dialect, const std::string& name) {
  return dialect == db::Dialect::kPostgres ? "CAST(:" + name + " AS DATE)" : ":" + name;
}

bool TableExists(soci::session& sql, db::Dialect dialect, const std::string& table) {
  long long n = 0;
  if (dialect == db::Dialect::kPostgres) {
    sql << "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = :t "
           "AND table_schema = current_schema()",
        soci::use(table, "t"), soci::into(n);
  } else {
    sql << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = :t",
        soci::use(table, "t"), soci::into(n);
  }
  return n > 0;
}

std::int64_t TodayKey(std::int64_t now) {
  const year_month_day d = i18n::FundDay(now);
  return static_cast<int>(d.year()) * 10000 +
         static_cast<int>(static_cast<unsigned>(d.month())) * 100 +
         static_cast<int>(static_cast<unsigned>(d.day()));
}

// The epoch seconds of the start of the fund's 1 January of `year`.
std::int64_t YearStart(int year) {
  const auto days = std::chrono::sys_days(std::chrono::year(year) / std::chrono::January / 1);
  return std::chrono::duration_cast<std::chrono::seconds>(days.time_since_epoch()).count() -
         i18n::FundZoneOffset(i18n::CurrentFundZone()).count();
}

// Years from the fund year of `from` to that of `to` (epoch seconds).
void AddYears(std::vector<std::string>& units, const std::string& kind, std::int64_t from,
              std::int64_t to) {
  for (int y = i18n::FundYear(from); y <= i18n::FundYear(to); ++y)
    units.push_back(kind + ":" + std::to_string(y));
}

// Rows updated after the mark `mark_name` (a time): the fund years from the first to the last
// of their `at_column` times are planned, and the mark moves to the newest update. Once each
// fund day the mark is forgotten and every year is looked at again, so that a row updated within
// the mark's own second after the plan read it is never missed for long.
void PlanByUpdate(soci::session& sql, std::vector<std::string>& units, const std::string& kind,
                  const std::string& table, const std::string& at_column,
                  const std::string& mark_name, std::int64_t today) {
  std::optional<std::int64_t> mark = Mark(sql, mark_name);
  if (Mark(sql, mark_name + "_day") != today) mark.reset();
  const long long after = mark.value_or(-1);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT MIN(" + at_column + "), MAX(" + at_column +
                          "), MAX(updated_at) FROM " + table + " WHERE updated_at > :m AND " +
                          at_column + " IS NOT NULL",
       soci::use(after, "m"));
  for (const soci::row& row : rows) {
    const auto first = db::RowMaybeInt(row, 0), last = db::RowMaybeInt(row, 1),
               newest = db::RowMaybeInt(row, 2);
    if (!first || !last || !newest) break;
    AddYears(units, kind, *first, *last);
    SetMark(sql, mark_name, *newest);
  }
  SetMark(sql, mark_name + "_day", today);
}

void PlanMembers(soci::session& sql, std::vector<std::string>& units, std::int64_t today) {
  const std::int64_t members = Scalar(sql, "SELECT MAX(id) FROM members");
  const std::int64_t spells = Scalar(sql, "SELECT MAX(id) FROM employment_spells");
  if (Mark(sql, "members_day") == today && Mark(sql, "members_id") == members &&
      Mark(sql, "spells_id") == spells)
    return;
  units.push_back("members");
  SetMark(sql, "members_day", today);
  SetMark(sql, "members_id", members);
  SetMark(sql, "spells_id", spells);
}

void PlanWages(soci::session& sql, std::vector<std::string>& units) {
  const std::int64_t submission = Scalar(sql, "SELECT MAX(id) FROM wage_report_submissions");
  const std::int64_t payment = Scalar(sql, "SELECT MAX(id) FROM bank_payments");
  std::int64_t from = 0, to = 0;
  const auto widen = [&](std::optional<std::int64_t> a, std::optional<std::int64_t> b) {
    if (!a || !b) return;
    from = from == 0 ? *a : std::min(from, *a);
    to = std::max(to, *b);
  };
  const auto range = [&](const std::string& query, long long mark) {
    soci::rowset<soci::row> rows = (sql.prepare << query, soci::use(mark, "m"));
    for (const soci::row& row : rows) widen(db::RowMaybeInt(row, 0), db::RowMaybeInt(row, 1));
  };
  const auto seen_submission = Mark(sql, "wage_submission_id");
  const auto seen_payment = Mark(sql, "bank_payment_id");
  if (!seen_submission || !seen_payment) {
    // The first refresh: every month the registry holds, however its rows were written.
    range("SELECT MIN(period), MAX(period) FROM wage_reports WHERE period > :m", 0);
    range("SELECT MIN(period), MAX(period) FROM contributions WHERE period > :m", 0);
  } else {
    if (submission > *seen_submission) {
      range("SELECT MIN(period), MAX(period) FROM wage_report_submissions WHERE id > :m",
            static_cast<long long>(*seen_submission));
    }
    if (payment > *seen_payment) {
      range(
          "SELECT MIN(p.period), MAX(p.period) FROM bank_payments b "
          "JOIN employer_payments p ON p.id = b.bill_id WHERE b.id > :m",
          static_cast<long long>(*seen_payment));
    }
  }
  if (from != 0) units.push_back("wages:" + std::to_string(from) + ":" + std::to_string(to));
  SetMark(sql, "wage_submission_id", submission);
  SetMark(sql, "bank_payment_id", payment);
}

void PlanArrears(soci::session& sql, std::vector<std::string>& units, std::int64_t today) {
  const std::int64_t bills = Scalar(sql, "SELECT MAX(id) FROM employer_payments");
  const std::int64_t payments = Scalar(sql, "SELECT MAX(id) FROM bank_payments");
  if (Mark(sql, "arrears_day") == today && Mark(sql, "arrears_bill_id") == bills &&
      Mark(sql, "arrears_payment_id") == payments)
    return;
  units.push_back("arrears");
  SetMark(sql, "arrears_day", today);
  SetMark(sql, "arrears_bill_id", bills);
  SetMark(sql, "arrears_payment_id", payments);
}

void PlanSubsidy(soci::session& sql, std::vector<std::string>& units, std::int64_t today) {
  // Batches move through their states; a payment's result changes with its batch's
  // reconciliation or by staff afterwards (the daily refresh).
  const std::int64_t stamp = Scalar(
      sql,
      "SELECT COUNT(*) + COALESCE(MAX(id), 0) + COALESCE(MAX(sent_at), 0) + "
      "COALESCE(MAX(reconciled_at), 0) + COALESCE(MAX(approved_at), 0) FROM subsidy_batches");
  if (Mark(sql, "subsidy_day") == today && Mark(sql, "subsidy_stamp") == stamp) return;
  soci::rowset<soci::row> years =
      sql.prepare << "SELECT DISTINCT program_year FROM subsidy_batches ORDER BY program_year";
  for (const soci::row& row : years)
    units.push_back("subsidy:" + std::to_string(db::RowInt(row, 0)));
  // Years whose batches are all gone keep no rows.
  units.push_back("subsidy:gone");
  SetMark(sql, "subsidy_day", today);
  SetMark(sql, "subsidy_stamp", stamp);
}

// --- the units ----------------------------------------------------------------------------

void RefreshMembers(soci::session& sql, db::Dialect dialect, std::int64_t now) {
  const std::vector<std::string> cutoffs = AgeCutoffs(i18n::FundDay(now));
  // Age band: the first cutoff the birth day is after (younger than that edge).
  std::string band = "CASE";
  for (std::size_t i = 0; i < cutoffs.size(); ++i) {
    band += " WHEN m.birth_date > " + DayParam(dialect, "c" + std::to_string(i)) + " THEN " +
            std::to_string(i);
  }
  band += " ELSE " + std::to_string(cutoffs.size()) + " END";
  sql << "DELETE FROM analytics_members";
  soci::statement st =
      sql.prepare << "INSERT INTO analytics_members (province_code, sector, age_band, members) "
                     "SELECT province_code, sector, age_band, COUNT(*) FROM ("
                     "SELECT m.province_code AS province_code, COALESCE(("
                     "SELECT e.sector FROM employment_spells s JOIN employers e "
                     "ON e.id = s.employer_id WHERE s.member_id = m.id AND s.end_date IS NULL "
                     "ORDER BY s.start_date DESC, s.id DESC LIMIT 1), '') AS sector, " +
                         band +
                         " AS age_band FROM members m WHERE m.status = 'active') t "
                         "GROUP BY province_code, sector, age_band";
  for (std::size_t i = 0; i < cutoffs.size(); ++i)
    st.exchange(soci::use(cutoffs[i], "c" + std::to_string(i)));
  st.define_and_bind();
  st.execute(true);
}

void RefreshWages(soci::session& sql, long long from, long long to) {
  sql << "DELETE FROM analytics_wages WHERE period BETWEEN :f AND :t", soci::use(from, "f"),
      soci::use(to, "t");
  sql << "INSERT INTO analytics_wages (period, province_code, band, workers, wage_sum) "
         "SELECT period, province_code, band, COUNT(*), CAST(SUM(wage) AS BIGINT) FROM ("
         "SELECT w.period AS period, m.province_code AS province_code, w.wage AS wage, " +
             BandCaseSql(WageBands(), "w.wage") +
             " AS band FROM (SELECT member_id, period, SUM(wage) AS wage FROM wage_reports "
             "WHERE period BETWEEN :f AND :t GROUP BY member_id, period) w "
             "JOIN members m ON m.id = w.member_id) t GROUP BY period, province_code, band",
      soci::use(from, "f"), soci::use(to, "t");
  sql << "DELETE FROM analytics_contributions WHERE period BETWEEN :f AND :t", soci::use(from, "f"),
      soci::use(to, "t");
  sql << "INSERT INTO analytics_contributions (period, province_code, contributors, billed, paid) "
         "SELECT c.period, m.province_code, COUNT(*), CAST(SUM(c.billed) AS BIGINT), "
         "CAST(SUM(c.paid) AS BIGINT) FROM (SELECT member_id, period, "
         "SUM(jht_worker + jht_employer + jkk + jkm + jp_worker + jp_employer) AS billed, "
         "SUM(CASE WHEN paid = 1 THEN jht_worker + jht_employer + jkk + jkm + jp_worker + "
         "jp_employer ELSE 0 END) AS paid FROM contributions WHERE period BETWEEN :f AND :t "
         "GROUP BY member_id, period) c JOIN members m ON m.id = c.member_id "
         "GROUP BY c.period, m.province_code",
      soci::use(from, "f"), soci::use(to, "t");
}

void RefreshArrears(soci::session& sql, db::Dialect dialect, std::int64_t now) {
  const auto today = std::chrono::sys_days(i18n::FundDay(now));
  const auto edges = OverdueBands();
  std::string band = "CASE";
  std::vector<std::string> cutoffs;
  for (std::size_t i = 1; i < edges.size(); ++i) {
    // Overdue fewer than edges[i] days: due after today - edges[i].
    cutoffs.push_back(IsoDay(year_month_day(today - std::chrono::days(edges[i]))));
    band += " WHEN MIN(p.due_date) > " + DayParam(dialect, "c" + std::to_string(i - 1)) + " THEN " +
            std::to_string(i - 1);
  }
  band += " ELSE " + std::to_string(edges.size() - 1) + " END";
  const std::string today_text = IsoDay(year_month_day(today));
  sql << "DELETE FROM analytics_arrears";
  soci::statement st =
      sql.prepare << "INSERT INTO analytics_arrears (province_code, overdue_band, employers, "
                     "outstanding) SELECT province_code, overdue_band, COUNT(*), "
                     "CAST(SUM(outstanding) AS BIGINT) FROM (SELECT e.province_code AS "
                     "province_code, " +
                         band +
                         " AS overdue_band, SUM(p.amount_billed - p.amount_paid) AS outstanding "
                         "FROM employer_payments p JOIN employers e ON e.id = p.employer_id "
                         "WHERE p.due_date < " +
                         DayParam(dialect, "today") +
                         " AND p.amount_paid < p.amount_billed GROUP BY e.id, e.province_code) t "
                         "GROUP BY province_code, overdue_band";
  for (std::size_t i = 0; i < cutoffs.size(); ++i)
    st.exchange(soci::use(cutoffs[i], "c" + std::to_string(i)));
  st.exchange(soci::use(today_text, "today"));
  st.define_and_bind();
  st.execute(true);
}

void RefreshClaims(soci::session& sql, int year) {
  const long long from = YearStart(year), to = YearStart(year + 1);
  sql << "DELETE FROM analytics_claims WHERE year = :y", soci::use(year, "y");
  sql << "INSERT INTO analytics_claims (year, province_code, claim_type, outcome, days_band, "
         "claims, people) SELECT :y, province_code, claim_type, outcome, days_band, COUNT(*), "
         "COUNT(DISTINCT member_id) FROM (SELECT m.province_code AS province_code, "
         "c.claim_type AS claim_type, c.member_id AS member_id, CASE "
         "WHEN c.status IN ('approved', 'in_payout', 'payout_failed', 'paid') THEN 'approved' "
         "WHEN c.status = 'rejected' THEN 'rejected' WHEN c.status = 'withdrawn' THEN 'withdrawn' "
         "ELSE 'pending' END AS outcome, CASE WHEN c.decided_at IS NULL OR c.status NOT IN "
         "('approved', 'in_payout', 'payout_failed', 'paid', 'rejected') THEN -1 ELSE " +
             BandCaseSql(ProcessingBands(), "((c.decided_at - c.submitted_at) / 86400)") +
             " END AS days_band FROM claims c JOIN members m ON m.id = c.member_id "
             "WHERE c.status <> 'draft' AND c.submitted_at >= :f AND c.submitted_at < :t) x "
             "GROUP BY province_code, claim_type, outcome, days_band",
      soci::use(year, "y"), soci::use(from, "f"), soci::use(to, "t");
}

void RefreshSubsidy(soci::session& sql, const std::string& which) {
  if (which == "gone") {
    sql << "DELETE FROM analytics_subsidy WHERE program_year NOT IN "
           "(SELECT DISTINCT program_year FROM subsidy_batches)";
    return;
  }
  const int year = std::stoi(which);
  sql << "DELETE FROM analytics_subsidy WHERE program_year = :y", soci::use(year, "y");
  sql << "INSERT INTO analytics_subsidy (program_year, province_code, result, reason, payments, "
         "people, amount) SELECT :y, province_code, result, reason, COUNT(*), "
         "COUNT(DISTINCT member_id), CAST(SUM(amount) AS BIGINT) FROM (SELECT m.province_code AS "
         "province_code, p.result AS result, p.member_id AS member_id, p.amount AS amount, CASE "
         "WHEN p.failure_reason IS NOT NULL THEN p.failure_reason WHEN p.result IN ('failed', "
         "'rerouted_post_office', 'returned_to_employer') THEN 'unsent' ELSE '' END AS reason "
         "FROM subsidy_payments p JOIN subsidy_batches b ON b.id = p.batch_id "
         "JOIN members m ON m.id = p.member_id WHERE b.program_year = :y) x "
         "GROUP BY province_code, result, reason",
      soci::use(year, "y");
}

void RefreshTraining(soci::session& sql, int year) {
  const long long from = YearStart(year), to = YearStart(year + 1);
  sql << "DELETE FROM analytics_training WHERE year = :y", soci::use(year, "y");
  sql << "INSERT INTO analytics_training (year, province_code, field, applications, applicants, "
         "completions, completers) SELECT :y, m.province_code, pr.field, COUNT(*), "
         "COUNT(DISTINCT a.member_id), SUM(CASE WHEN a.status = 'completed' THEN 1 ELSE 0 END), "
         "COUNT(DISTINCT CASE WHEN a.status = 'completed' THEN a.member_id END) "
         "FROM training_applications a JOIN training_sessions s ON s.id = a.session_id "
         "JOIN training_programmes pr ON pr.id = s.programme_id "
         "JOIN members m ON m.id = a.member_id "
         "WHERE a.applied_at >= :f AND a.applied_at < :t GROUP BY m.province_code, pr.field",
      soci::use(year, "y"), soci::use(from, "f"), soci::use(to, "t");
}

std::vector<std::string> SplitUnits(const std::string& text) {
  std::vector<std::string> units;
  std::istringstream in(text);
  for (std::string unit; in >> unit;) units.push_back(unit);
  return units;
}

std::string JoinUnits(const std::vector<std::string>& units, std::size_t from) {
  std::string text;
  for (std::size_t i = from; i < units.size(); ++i) text += (text.empty() ? "" : " ") + units[i];
  return text;
}

std::string DayOfPayload(const std::string& payload) {
  const auto at = payload.find("\"day\":\"");
  if (at == std::string::npos) return "";
  return payload.substr(at + 7, 10);
}

std::string RefreshJobKey(const std::string& day) {
  return std::string(kRefreshJob) + ":" + day;
}

jobs::NewJob RefreshJobFor(std::int64_t now) {
  const std::string day = i18n::FundDayIso(now);
  return {.kind = kRefreshJob,
          .payload = "{\"day\":\"" + day + "\"}",
          .dedupe_key = RefreshJobKey(day)};
}

}  // namespace

std::vector<std::string> PlanRefresh(soci::session& sql, db::Dialect dialect, std::int64_t now) {
  std::vector<std::string> units;
  const std::int64_t today = TodayKey(now);
  PlanMembers(sql, units, today);
  PlanWages(sql, units);
  PlanArrears(sql, units, today);
  PlanByUpdate(sql, units, "claims", "claims", "submitted_at", "claims_updated_at", today);
  PlanSubsidy(sql, units, today);
  if (TableExists(sql, dialect, "training_applications")) {
    PlanByUpdate(sql, units, "training", "training_applications", "applied_at",
                 "training_updated_at", today);
  }
  return units;
}

void RefreshUnit(soci::session& sql, db::Dialect dialect, const std::string& unit,
                 std::int64_t now) {
  const auto colon = unit.find(':');
  const std::string kind = unit.substr(0, colon);
  const std::string rest = colon == std::string::npos ? "" : unit.substr(colon + 1);
  if (kind == "members" && rest.empty()) {
    RefreshMembers(sql, dialect, now);
  } else if (kind == "wages") {
    const auto second = rest.find(':');
    if (second == std::string::npos) throw std::invalid_argument("analytics: unit " + unit);
    RefreshWages(sql, std::stoll(rest.substr(0, second)), std::stoll(rest.substr(second + 1)));
  } else if (kind == "arrears" && rest.empty()) {
    RefreshArrears(sql, dialect, now);
  } else if (kind == "claims") {
    RefreshClaims(sql, std::stoi(rest));
  } else if (kind == "subsidy") {
    RefreshSubsidy(sql, rest);
  } else if (kind == "training") {
    RefreshTraining(sql, std::stoi(rest));
  } else {
    throw std::invalid_argument("analytics: unit " + unit);
  }
  SetMark(sql, "refreshed_at", now);
}

int RefreshNow(db::Database& database, std::int64_t now) {
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  std::vector<std::string> units;
  {
    auto tx = db::Transaction::ForWriting(sql);
    units = PlanRefresh(sql, database.dialect(), now);
    tx.Commit();
  }
  for (const std::string& unit : units) {
    auto tx = db::Transaction::ForWriting(sql);
    RefreshUnit(sql, database.dialect(), unit, now);
    tx.Commit();
  }
  return static_cast<int>(units.size());
}

std::optional<std::int64_t> LastRefreshed(soci::session& sql) {
  return Mark(sql, "refreshed_at");
}

void RegisterJobs(jobs::Runner& runner, RefreshSettings settings) {
  runner.Register(kRefreshJob, [settings](jobs::StepContext& step) {
    std::vector<std::string> units = SplitUnits(step.job.cursor);
    if (units.empty() && DayOfPayload(step.job.payload) != i18n::FundDayIso(step.now)) {
      // A new fund day: its own job carries on.
      jobs::Enqueue(step.sql, RefreshJobFor(step.now), step.now);
      return jobs::StepResult{.cursor = "", .processed = 0, .finished = true};
    }
    const bool postgres = step.dialect == db::Dialect::kPostgres;
    if (postgres) {
      db::ExecuteVerbatim(step.sql, "SAVEPOINT analytics_refresh");
      db::ExecuteVerbatim(step.sql, kLockPatience);
    }
    try {
      if (units.empty()) {
        units = PlanRefresh(step.sql, step.dialect, step.now);
        if (units.empty()) {
          if (postgres) db::ExecuteVerbatim(step.sql, "RELEASE SAVEPOINT analytics_refresh");
          return jobs::StepResult{.cursor = "", .again_in = settings.interval_seconds};
        }
      }
      RefreshUnit(step.sql, step.dialect, units.front(), step.now);
    } catch (const soci::soci_error& error) {
      if (!postgres || !IsLockTimeout(error)) throw;
      // Undoes this step's work and its lock patience; the job's cursor stays where it was.
      db::ExecuteVerbatim(step.sql, "ROLLBACK TO SAVEPOINT analytics_refresh");
      return jobs::StepResult{.cursor = step.job.cursor, .again_in = kBackAfterLockSeconds};
    }
    if (postgres) {
      db::ExecuteVerbatim(step.sql, "RELEASE SAVEPOINT analytics_refresh");
      db::ExecuteVerbatim(step.sql, "SET LOCAL lock_timeout = DEFAULT");
    }
    return jobs::StepResult{.cursor = JoinUnits(units, 1), .processed = 1};
  });
}

void EnsureRefreshJob(soci::session& sql, std::int64_t now) {
  const jobs::NewJob job = RefreshJobFor(now);
  if (jobs::FindByKey(sql, job.dedupe_key)) return;
  auto tx = db::Transaction::ForWriting(sql);
  jobs::Enqueue(sql, job, now);
  tx.Commit();
}

}  // namespace lumbung::analytics
