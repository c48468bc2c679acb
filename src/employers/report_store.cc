#include "employers/report_store.h"

#include <soci/soci.h>

#include "core/db/row_value.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "core/audit/audit_log.h"
#include "core/db/transaction.h"
#include "employers/late_fine.h"
#include "employers/payment_code.h"
#include "registry/bulk_writer.h"

namespace lumbung::employers {
namespace {

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string IsoDay(registry::Date day) {
  return registry::IsoDate(day);
}

// The worker's amounts as the bill has them (programs not enrolled are zero).
std::map<WorkerId, const BillLine*> LinesByWorker(const Bill& bill) {
  std::map<WorkerId, const BillLine*> out;
  for (const auto& line : bill.lines) out.emplace(line.worker, &line);
  return out;
}

}  // namespace

std::optional<Employer> FindEmployer(soci::session& sql, std::int64_t employer_id) {
  Employer e;
  int risk = 0;
  sql << "SELECT id, npp, name, province_code, jkk_risk_class FROM employers WHERE id = :e",
      soci::into(e.id), soci::into(e.npp), soci::into(e.name), soci::into(e.province_code),
      soci::into(risk), soci::use(employer_id);
  if (!sql.got_data()) return std::nullopt;
  e.risk = static_cast<registry::RiskClass>(std::clamp(risk, 0, registry::kRiskClassCount - 1));
  return e;
}

int PeriodOf(Month month) {
  return static_cast<int>(month.year()) * 100 +
         static_cast<int>(static_cast<unsigned>(month.month()));
}

Month MonthOf(int period) {
  return std::chrono::year(period / 100) / std::chrono::month(static_cast<unsigned>(period % 100));
}

std::optional<Month> ParsePeriod(std::string_view text) {
  if (text.size() != 6 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  const int period = std::stoi(std::string(text));
  const int month = period % 100;
  const int year = period / 100;
  if (month < 1 || month > 12 || year < 1950 || year > 2200) return std::nullopt;
  return MonthOf(period);
}

std::int64_t SaveUpload(soci::session& sql, std::int64_t employer_id, int period,
                        std::int64_t account_id, const std::string& file_name,
                        const std::string& content, const ValidationSummary& summary) {
  const std::int64_t now = Now();
  const std::int64_t rows = summary.rows, accepted = summary.accepted_rows, errors = summary.errors,
                     warnings = summary.warnings;
  db::Transaction tx = db::Transaction::ForWriting(sql);
  sql << "INSERT INTO wage_report_uploads (employer_id, period, uploaded_by, uploaded_at, "
         "file_name, content, data_rows, accepted_rows, errors, warnings, state) VALUES (:e, :p, "
         ":a, :t, :f, :c, :r, :ok, :err, :w, 'checked')",
      soci::use(employer_id), soci::use(period), soci::use(account_id), soci::use(now),
      soci::use(file_name), soci::use(content), soci::use(rows), soci::use(accepted),
      soci::use(errors), soci::use(warnings);
  std::int64_t id = 0;
  sql << "SELECT MAX(id) FROM wage_report_uploads WHERE employer_id = :e AND uploaded_by = :a",
      soci::into(id), soci::use(employer_id), soci::use(account_id);
  tx.Commit();
  return id;
}

std::optional<Upload> FindUpload(soci::session& sql, std::int64_t employer_id, int period,
                                 std::int64_t upload_id) {
  Upload u;
  sql << "SELECT id, employer_id, period, uploaded_by, uploaded_at, file_name, content, state, "
         "data_rows, accepted_rows, errors, warnings FROM wage_report_uploads "
         "WHERE id = :id AND employer_id = :e AND period = :p",
      soci::into(u.id), soci::into(u.employer_id), soci::into(u.period), soci::into(u.uploaded_by),
      soci::into(u.uploaded_at), soci::into(u.file_name), soci::into(u.content),
      soci::into(u.state), soci::into(u.data_rows), soci::into(u.accepted_rows),
      soci::into(u.errors), soci::into(u.warnings), soci::use(upload_id), soci::use(employer_id),
      soci::use(period);
  if (!sql.got_data()) return std::nullopt;
  return u;
}

std::vector<ReportedWage> CurrentReport(soci::session& sql, std::int64_t employer_id, int period,
                                        const WorkerDirectory& workers) {
  std::vector<ReportedWage> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT member_id, wage FROM wage_reports WHERE employer_id = :e AND "
                      "period = :p ORDER BY member_id",
       soci::use(employer_id, "e"), soci::use(period, "p"));
  for (const auto& row : rows) {
    ReportedWage wage;
    wage.worker = db::RowInt(row, 0);
    wage.wage = db::RowInt(row, 1);
    if (const KnownWorker* known = workers.ById(wage.worker)) wage.programs = known->programs;
    out.push_back(wage);
  }
  return out;
}

int LatestVersion(soci::session& sql, std::int64_t employer_id, int period) {
  int version = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(version) FROM wage_report_submissions WHERE employer_id = :e AND period = :p",
      soci::into(version, ind), soci::use(employer_id), soci::use(period);
  return ind == soci::i_ok ? version : 0;
}

std::string NextPaymentCode(soci::session& sql) {
  for (;;) {
    // The update takes the row's lock first, so two submissions never read the same number.
    sql << "UPDATE number_sequences SET next_value = next_value + 1 WHERE name = 'payment_code'";
    std::int64_t next = 0;
    sql << "SELECT next_value FROM number_sequences WHERE name = 'payment_code'", soci::into(next);
    // next_value is the 10-digit body of the next code (1,000,000,000 + its sequence).
    const std::string code = IssuePaymentCode(static_cast<std::uint64_t>(next - 1 - 1'000'000'000));
    int taken = 0;
    sql << "SELECT COUNT(*) FROM employer_payments WHERE payment_code = :c", soci::into(taken),
        soci::use(code);
    if (taken == 0) return code;
  }
}

Submission SubmitReport(db::Database& database, const registry::RuleBook& rules,
                        const Employer& employer, const Upload& upload, bool accept_valid_rows,
                        const Actor& actor) {
  Submission result;
  const Month month = MonthOf(upload.period);
  if (month < rules.FirstMonth()) {
    result.problem = SubmitProblem::kNoRules;
    return result;
  }
  auto lease = database.Acquire();
  soci::session& sql = *lease;
  db::Transaction tx = db::Transaction::ForWriting(sql);
  std::string state;
  sql << "SELECT state FROM wage_report_uploads WHERE id = :id", soci::into(state),
      soci::use(upload.id);
  if (state != "checked") {
    result.problem = SubmitProblem::kAlreadySubmitted;
    return result;
  }
  const WorkerDirectory workers = WorkerDirectory::Load(sql, employer.id, month);
  CheckedReport checked = CheckReport(upload.content, workers, 0);
  if (checked.refused()) {
    result.problem = SubmitProblem::kRefused;
    return result;
  }
  if (checked.accepted.empty()) {
    result.problem = SubmitProblem::kNothingAccepted;
    return result;
  }
  if (checked.summary.errors > 0 && !accept_valid_rows) {
    result.problem = SubmitProblem::kErrorsNotAccepted;
    return result;
  }
  const std::vector<ReportedWage> before_wages =
      CurrentReport(sql, employer.id, upload.period, workers);
  const Bill before = ComputeBill(rules, month, employer.risk, before_wages);
  result.bill = ComputeBill(rules, month, employer.risk, checked.accepted);
  result.difference = CompareBills(before, result.bill);
  result.version = LatestVersion(sql, employer.id, upload.period) + 1;

  const std::int64_t now = Now();
  std::int64_t total_wage = 0;
  for (const auto& line : result.bill.lines) total_wage += line.wage;
  const std::int64_t workers_count = static_cast<std::int64_t>(result.bill.lines.size());
  const std::int64_t billed = result.bill.totals.Billed();
  sql << "INSERT INTO wage_report_submissions (employer_id, period, version, upload_id, "
         "submitted_by, submitted_at, workers, total_wage, billed) VALUES (:e, :p, :v, :u, :a, "
         ":t, :n, :w, :b)",
      soci::use(employer.id), soci::use(upload.period), soci::use(result.version),
      soci::use(upload.id), soci::use(actor.account_id), soci::use(now), soci::use(workers_count),
      soci::use(total_wage), soci::use(billed);
  std::int64_t submission_id = 0;
  sql << "SELECT id FROM wage_report_submissions WHERE employer_id = :e AND period = :p AND "
         "version = :v",
      soci::into(submission_id), soci::use(employer.id), soci::use(upload.period),
      soci::use(result.version);

  // The bill: the month's row, made at the first report, with its payment code and due date.
  auto bill = FindBill(sql, employer.id, upload.period);
  const Rupiah difference = result.difference.Billed();
  if (!bill) {
    const std::string code = NextPaymentCode(sql);
    const auto payment_rules = rules.EmployerPaymentRulesFor(month);
    registry::Date due = (month + std::chrono::months(1)) / std::chrono::day(15);
    if (payment_rules) due = DueDate(month, *payment_rules);
    const std::string due_iso = IsoDay(due);
    sql << "INSERT INTO employer_payments (employer_id, period, amount_billed, amount_paid, "
           "payment_code, due_date) VALUES (:e, :p, :b, 0, :c, :d)",
        soci::use(employer.id), soci::use(upload.period), soci::use(billed), soci::use(code),
        soci::use(due_iso);
    bill = FindBill(sql, employer.id, upload.period);
    sql << "INSERT INTO employer_bill_lines (bill_id, kind, submission_id, amount, created_at) "
           "VALUES (:b, 'month', :s, :a, :t)",
        soci::use(bill->id), soci::use(submission_id), soci::use(billed), soci::use(now);
    // The fund collects the fines of months paid late with the next month's bill.
    if (ChargeEarlierFines(sql, rules, employer.id, bill->id, now) > 0) {
      bill = FindBill(sql, employer.id, upload.period);
    }
  } else {
    // An amendment: what it changes is a line of its own, also when the month is paid.
    const Rupiah new_billed = std::max<Rupiah>(0, bill->amount_billed + difference);
    sql << "INSERT INTO employer_bill_lines (bill_id, kind, submission_id, amount, created_at) "
           "VALUES (:b, 'amendment', :s, :a, :t)",
        soci::use(bill->id), soci::use(submission_id), soci::use(difference), soci::use(now);
    const bool paid_now = bill->amount_paid >= new_billed;
    const std::string today = IsoDay(std::chrono::year_month_day(
        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())));
    if (paid_now && !bill->paid_on) {
      sql << "UPDATE employer_payments SET amount_billed = :b, paid_on = :d WHERE id = :id",
          soci::use(new_billed), soci::use(today), soci::use(bill->id);
    } else if (!paid_now) {
      sql << "UPDATE employer_payments SET amount_billed = :b, paid_on = NULL WHERE id = :id",
          soci::use(new_billed), soci::use(bill->id);
    } else {
      sql << "UPDATE employer_payments SET amount_billed = :b WHERE id = :id",
          soci::use(new_billed), soci::use(bill->id);
    }
    bill = FindBill(sql, employer.id, upload.period);
  }
  {
    // The month's totals as now reported, kept with the bill for its page.
    const auto& a = result.bill.totals;
    sql << "UPDATE employer_payments SET worker_count = :n, total_wage = :w, total_jht_worker = "
           ":a1, total_jht_employer = :a2, total_jkk = :a3, total_jkm = :a4, total_jp_worker = "
           ":a5, total_jp_employer = :a6, total_jkp = :a7 WHERE id = :id",
        soci::use(workers_count), soci::use(total_wage), soci::use(a.jht_worker),
        soci::use(a.jht_employer), soci::use(a.jkk), soci::use(a.jkm), soci::use(a.jp_worker),
        soci::use(a.jp_employer), soci::use(a.jkp), soci::use(bill->id);
  }
  result.payment_code = bill->payment_code;
  result.amount_billed = bill->amount_billed;
  result.amount_paid = bill->amount_paid;
  const bool month_paid = bill->amount_paid >= bill->amount_billed;

  // Which workers' months were paid before and stay as they were.
  std::map<WorkerId, bool> paid_before;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT member_id, paid FROM contributions WHERE employer_id = :e AND "
                        "period = :p",
         soci::use(employer.id, "e"), soci::use(upload.period, "p"));
    for (const auto& row : rows)
      paid_before[db::RowInt(row, 0)] = static_cast<int>(db::RowInt(row, 1)) == 1;
  }
  const auto before_lines = LinesByWorker(before);

  // The version being replaced keeps its wages (the current version's are wage_reports).
  if (result.version > 1) {
    std::int64_t replaced = 0;
    sql << "SELECT id FROM wage_report_submissions WHERE employer_id = :e AND period = :p AND "
           "version = :v",
        soci::into(replaced), soci::use(employer.id), soci::use(upload.period),
        soci::use(result.version - 1);
    sql << "INSERT INTO wage_report_submission_lines (submission_id, member_id, wage) SELECT :s, "
           "member_id, wage FROM wage_reports WHERE employer_id = :e AND period = :p",
        soci::use(replaced), soci::use(employer.id), soci::use(upload.period);
  }
  sql << "DELETE FROM wage_reports WHERE employer_id = :e AND period = :p", soci::use(employer.id),
      soci::use(upload.period);
  sql << "DELETE FROM contributions WHERE employer_id = :e AND period = :p", soci::use(employer.id),
      soci::use(upload.period);
  {
    auto wages = registry::BulkWriter::Open(sql, "wage_reports",
                                            {"member_id", "period", "employer_id", "wage"});
    for (const auto& line : result.bill.lines) {
      wages->Int(line.worker);
      wages->Int(upload.period);
      wages->Int(employer.id);
      wages->Int(line.wage);
      wages->EndRow();
    }
    wages->Finish();
  }
  {
    auto contributions = registry::BulkWriter::Open(
        sql, "contributions",
        {"member_id", "period", "employer_id", "jht_worker", "jht_employer", "jkk", "jkm",
         "jp_worker", "jp_employer", "jkp", "paid"});
    for (const auto& line : result.bill.lines) {
      // A worker whose month is unchanged keeps it paid; a new or changed one is paid when the
      // whole month is.
      bool paid = month_paid;
      auto was = before_lines.find(line.worker);
      auto flag = paid_before.find(line.worker);
      if (was != before_lines.end() && was->second->wage == line.wage &&
          flag != paid_before.end() && flag->second) {
        paid = true;
      }
      const auto& a = line.amounts;
      contributions->Int(line.worker);
      contributions->Int(upload.period);
      contributions->Int(employer.id);
      for (Rupiah amount :
           {a.jht_worker, a.jht_employer, a.jkk, a.jkm, a.jp_worker, a.jp_employer, a.jkp}) {
        contributions->Int(amount);
      }
      contributions->Int(paid ? 1 : 0);
      contributions->EndRow();
    }
    contributions->Finish();
  }
  sql << "UPDATE wage_report_uploads SET state = 'submitted' WHERE id = :id", soci::use(upload.id);

  audit::Event event;
  event.actor_user_id = actor.account_id;
  event.subject_user_id = actor.account_id;
  event.action = result.version == 1 ? "employer.report_submitted" : "employer.report_amended";
  event.ip = actor.ip;
  event.user_agent = actor.user_agent;
  event.details = {{"employer_id", std::to_string(employer.id)},
                   {"period", std::to_string(upload.period)},
                   {"version", std::to_string(result.version)},
                   {"workers", std::to_string(workers_count)},
                   {"billed", std::to_string(billed)},
                   {"added", std::to_string(result.difference.added.size())},
                   {"removed", std::to_string(result.difference.removed.size())},
                   {"changed", std::to_string(result.difference.changed.size())},
                   {"difference", std::to_string(difference)}};
  audit::Append(sql, event);
  tx.Commit();
  return result;
}

std::optional<BillRecord> FindBill(soci::session& sql, std::int64_t employer_id, int period) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, period, amount_billed, amount_paid, payment_code, "
                      "CAST(due_date AS TEXT), CAST(paid_on AS TEXT), worker_count, total_wage, "
                      "total_jht_worker, total_jht_employer, total_jkk, total_jkm, "
                      "total_jp_worker, total_jp_employer, total_jkp FROM employer_payments "
                      "WHERE employer_id = :e AND period = :p",
       soci::use(employer_id, "e"), soci::use(period, "p"));
  for (const auto& row : rows) {
    BillRecord b;
    b.id = db::RowInt(row, 0);
    b.period = static_cast<int>(db::RowInt(row, 1));
    b.amount_billed = db::RowInt(row, 2);
    b.amount_paid = db::RowInt(row, 3);
    b.payment_code = row.get<std::string>(4);
    b.due_date = row.get<std::string>(5).substr(0, 10);
    if (row.get_indicator(6) == soci::i_ok) b.paid_on = row.get<std::string>(6).substr(0, 10);
    bool stored = true;
    for (std::size_t i = 7; i < 16; ++i) stored = stored && row.get_indicator(i) == soci::i_ok;
    if (stored) {
      BillTotals t;
      t.workers = db::RowInt(row, 7);
      t.wage = db::RowInt(row, 8);
      t.amounts.jht_worker = db::RowInt(row, 9);
      t.amounts.jht_employer = db::RowInt(row, 10);
      t.amounts.jkk = db::RowInt(row, 11);
      t.amounts.jkm = db::RowInt(row, 12);
      t.amounts.jp_worker = db::RowInt(row, 13);
      t.amounts.jp_employer = db::RowInt(row, 14);
      t.amounts.jkp = db::RowInt(row, 15);
      b.totals = t;
    }
    return b;
  }
  return std::nullopt;
}

BillTotals MonthTotals(soci::session& sql, std::int64_t employer_id, const BillRecord& bill) {
  if (bill.totals) return *bill.totals;
  BillTotals t;
  auto& a = t.amounts;
  sql << "SELECT COUNT(*), COALESCE(SUM(jht_worker), 0), COALESCE(SUM(jht_employer), 0), "
         "COALESCE(SUM(jkk), 0), COALESCE(SUM(jkm), 0), COALESCE(SUM(jp_worker), 0), "
         "COALESCE(SUM(jp_employer), 0), COALESCE(SUM(jkp), 0) FROM contributions WHERE "
         "employer_id = :e AND period = :p",
      soci::into(t.workers), soci::into(a.jht_worker), soci::into(a.jht_employer),
      soci::into(a.jkk), soci::into(a.jkm), soci::into(a.jp_worker), soci::into(a.jp_employer),
      soci::into(a.jkp), soci::use(employer_id), soci::use(bill.period);
  sql << "SELECT COALESCE(SUM(wage), 0) FROM wage_reports WHERE employer_id = :e AND period = :p",
      soci::into(t.wage), soci::use(employer_id), soci::use(bill.period);
  return t;
}

std::vector<BillRecord> ListBills(soci::session& sql, std::int64_t employer_id, int limit,
                                  int offset) {
  std::vector<BillRecord> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, period, amount_billed, amount_paid, payment_code, "
                      "CAST(due_date AS TEXT), CAST(paid_on AS TEXT) FROM employer_payments "
                      "WHERE employer_id = :e ORDER BY period DESC LIMIT :l OFFSET :o",
       soci::use(employer_id, "e"), soci::use(limit, "l"), soci::use(offset, "o"));
  for (const auto& row : rows) {
    BillRecord b;
    b.id = db::RowInt(row, 0);
    b.period = static_cast<int>(db::RowInt(row, 1));
    b.amount_billed = db::RowInt(row, 2);
    b.amount_paid = db::RowInt(row, 3);
    b.payment_code = row.get<std::string>(4);
    b.due_date = row.get<std::string>(5).substr(0, 10);
    if (row.get_indicator(6) == soci::i_ok) b.paid_on = row.get<std::string>(6).substr(0, 10);
    out.push_back(std::move(b));
  }
  return out;
}

std::int64_t CountBills(soci::session& sql, std::int64_t employer_id) {
  std::int64_t n = 0;
  sql << "SELECT COUNT(*) FROM employer_payments WHERE employer_id = :e", soci::into(n),
      soci::use(employer_id);
  return n;
}

std::vector<BillLineRecord> BillLines(soci::session& sql, std::int64_t bill_id) {
  std::vector<BillLineRecord> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT l.kind, l.amount, l.created_at, COALESCE(s.version, 0), "
                      "COALESCE(f.period, 0) FROM employer_bill_lines l "
                      "LEFT JOIN wage_report_submissions s ON s.id = l.submission_id "
                      "LEFT JOIN employer_payments f ON f.id = l.fine_for_bill_id "
                      "WHERE l.bill_id = :b ORDER BY l.id",
       soci::use(bill_id, "b"));
  for (const auto& row : rows) {
    out.push_back({row.get<std::string>(0), db::RowInt(row, 1), db::RowInt(row, 2),
                   static_cast<int>(db::RowInt(row, 3)), static_cast<int>(db::RowInt(row, 4))});
  }
  return out;
}

std::vector<WorkerBillLine> WorkerBillLines(soci::session& sql, std::int64_t employer_id,
                                            int period, int limit, int offset) {
  std::vector<WorkerBillLine> out;
  std::int64_t employer_again = employer_id;  // a placeholder name is bound once
  int period_again = period;
  soci::rowset<soci::row> rows =
      // The page's workers in name order from the employer's name index, then each one's
      // month by its key: only the page is read. CROSS JOIN keeps SQLite in that order (with
      // bound values its planner would rather read the whole month and look the page up).
      (sql.prepare
           << "SELECT c.member_id, n.full_name, m.kpj, COALESCE(w.wage, 0), c.jht_worker, "
              "c.jht_employer, c.jkk, c.jkm, c.jp_worker, c.jp_employer, c.jkp, c.paid "
              "FROM (SELECT n.member_id, n.full_name FROM employer_worker_names n "
              "CROSS JOIN contributions c WHERE n.employer_id = :e AND "
              "c.member_id = n.member_id AND c.period = :p AND c.employer_id = n.employer_id "
              "ORDER BY n.full_name, n.member_id LIMIT :l OFFSET :o) n "
              "CROSS JOIN contributions c CROSS JOIN members m "
              "LEFT JOIN wage_reports w ON w.member_id = n.member_id AND "
              "w.period = c.period AND w.employer_id = c.employer_id "
              "WHERE c.member_id = n.member_id AND c.period = :p2 AND c.employer_id = :e2 AND "
              "m.id = n.member_id ORDER BY n.full_name, n.member_id",
       soci::use(employer_id, "e"), soci::use(period, "p"), soci::use(limit, "l"),
       soci::use(offset, "o"), soci::use(employer_again, "e2"), soci::use(period_again, "p2"));
  for (const auto& row : rows) {
    WorkerBillLine line;
    line.member_id = db::RowInt(row, 0);
    line.name = row.get<std::string>(1);
    line.kpj = row.get<std::string>(2);
    line.wage = db::RowInt(row, 3);
    line.amounts.jht_worker = db::RowInt(row, 4);
    line.amounts.jht_employer = db::RowInt(row, 5);
    line.amounts.jkk = db::RowInt(row, 6);
    line.amounts.jkm = db::RowInt(row, 7);
    line.amounts.jp_worker = db::RowInt(row, 8);
    line.amounts.jp_employer = db::RowInt(row, 9);
    line.amounts.jkp = db::RowInt(row, 10);
    line.paid = static_cast<int>(db::RowInt(row, 11)) == 1;
    out.push_back(std::move(line));
  }
  return out;
}

std::int64_t CountWorkerBillLines(soci::session& sql, std::int64_t employer_id, int period) {
  std::int64_t n = 0;
  sql << "SELECT COUNT(*) FROM contributions WHERE employer_id = :e AND period = :p", soci::into(n),
      soci::use(employer_id), soci::use(period);
  return n;
}

}  // namespace lumbung::employers

namespace lumbung::employers {

std::int64_t ActiveWorkerCount(soci::session& sql, std::int64_t employer_id) {
  std::int64_t n = 0;
  sql << "SELECT COUNT(DISTINCT member_id) FROM employment_spells WHERE employer_id = :e AND "
         "end_date IS NULL",
      soci::into(n), soci::use(employer_id);
  return n;
}

std::vector<int> ReportedPeriods(soci::session& sql, std::int64_t employer_id, int from_period) {
  std::vector<int> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT DISTINCT period FROM wage_reports WHERE employer_id = :e AND "
                      "period >= :p ORDER BY period",
       soci::use(employer_id, "e"), soci::use(from_period, "p"));
  for (const auto& row : rows) out.push_back(static_cast<int>(db::RowInt(row, 0)));
  return out;
}

std::vector<BillRecord> OpenBills(soci::session& sql, std::int64_t employer_id) {
  std::vector<BillRecord> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, period, amount_billed, amount_paid, payment_code, "
                      "CAST(due_date AS TEXT) FROM employer_payments WHERE employer_id = :e AND "
                      "amount_paid < amount_billed ORDER BY period",
       soci::use(employer_id, "e"));
  for (const auto& row : rows) {
    BillRecord b;
    b.id = db::RowInt(row, 0);
    b.period = static_cast<int>(db::RowInt(row, 1));
    b.amount_billed = db::RowInt(row, 2);
    b.amount_paid = db::RowInt(row, 3);
    b.payment_code = row.get<std::string>(4);
    b.due_date = row.get<std::string>(5).substr(0, 10);
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace lumbung::employers

namespace lumbung::employers {
namespace {

std::optional<Date> ParseDay(const std::string& iso) {
  if (iso.size() < 10) return std::nullopt;
  try {
    const Date day{std::chrono::year(std::stoi(iso.substr(0, 4))),
                   std::chrono::month(static_cast<unsigned>(std::stoi(iso.substr(5, 2)))),
                   std::chrono::day(static_cast<unsigned>(std::stoi(iso.substr(8, 2))))};
    if (day.ok()) return day;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

}  // namespace

std::vector<PaidPart> PaidParts(soci::session& sql, const BillRecord& bill) {
  std::vector<PaidPart> parts;
  Rupiah from_bank = 0;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT amount_applied, CAST(paid_on AS TEXT) FROM bank_payments WHERE "
                      "bill_id = :b AND amount_applied > 0",
       soci::use(bill.id, "b"));
  for (const auto& row : rows) {
    const auto day = ParseDay(row.get<std::string>(1));
    if (!day) continue;
    parts.push_back({db::RowInt(row, 0), *day});
    from_bank += parts.back().amount;
  }
  if (bill.amount_paid > from_bank) {
    const auto day = ParseDay(bill.paid_on.value_or(bill.due_date));
    if (day) parts.push_back({bill.amount_paid - from_bank, *day});
  }
  return parts;
}

Rupiah FineOwed(soci::session& sql, const registry::RuleBook& rules, const BillRecord& bill,
                Date as_of) {
  const auto parts = PaidParts(sql, bill);
  return FineOnBill(rules, MonthOf(bill.period), bill.amount_billed, parts, as_of);
}

Rupiah ChargeEarlierFines(soci::session& sql, const registry::RuleBook& rules,
                          std::int64_t employer_id, std::int64_t bill_id, std::int64_t now) {
  std::vector<BillRecord> settled;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT b.period FROM employer_payments b WHERE b.employer_id = :e AND "
                        "b.id <> :n AND b.paid_on IS NOT NULL AND b.paid_on > b.due_date AND "
                        "EXISTS (SELECT 1 FROM employer_bill_lines l WHERE l.bill_id = b.id) AND "
                        "NOT EXISTS (SELECT 1 FROM employer_bill_lines f WHERE "
                        "f.fine_for_bill_id = b.id) ORDER BY b.period",
         soci::use(employer_id, "e"), soci::use(bill_id, "n"));
    for (const auto& row : rows) {
      if (auto bill = FindBill(sql, employer_id, static_cast<int>(db::RowInt(row, 0)))) {
        settled.push_back(*bill);
      }
    }
  }
  Rupiah total = 0;
  for (const auto& earlier : settled) {
    const auto paid = ParseDay(*earlier.paid_on);
    if (!paid) continue;
    const Rupiah fine = FineOwed(sql, rules, earlier, *paid);
    if (fine <= 0) continue;
    sql << "INSERT INTO employer_bill_lines (bill_id, kind, amount, created_at, fine_for_bill_id) "
           "VALUES (:b, 'fine', :a, :t, :f)",
        soci::use(bill_id), soci::use(fine), soci::use(now), soci::use(earlier.id);
    total += fine;
  }
  if (total > 0) {
    sql << "UPDATE employer_payments SET amount_billed = amount_billed + :a WHERE id = :b",
        soci::use(total), soci::use(bill_id);
  }
  return total;
}

}  // namespace lumbung::employers
