// Where an employer's wage reports and bills are kept: the uploads it checked, the month's
// report as submitted (each version kept), the registry rows a submission writes (wage_reports
// and contributions of that employer and month, replaced as a whole) and the month's bill
// (employer_payments, with the lines it is made of and its payment code).
//
// A submission is one write transaction: the upload is checked again against the workers as
// they are now, the bill computed by the registry's rules (bill.h), and everything stored or
// nothing. Re-submitting a month is an amendment: the earlier version's wages are kept as its
// lines (wage_report_submission_lines; the latest version's are wage_reports), the
// difference becomes a bill line of its own (also for a month already paid) and is audited.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db/database.h"
#include "employers/bill.h"
#include "employers/late_fine.h"
#include "employers/report_check.h"
#include "registry/rules.h"

namespace soci {
class session;
}

namespace lumbung::employers {

struct Employer {
  std::int64_t id = 0;
  std::string npp, name;
  int province_code = 0;
  registry::RiskClass risk = registry::RiskClass::kVeryLow;
};

std::optional<Employer> FindEmployer(soci::session& sql, std::int64_t employer_id);

// 202611 <-> November 2026; ParsePeriod refuses anything but yyyymm with a real month.
int PeriodOf(Month month);
Month MonthOf(int period);
std::optional<Month> ParsePeriod(std::string_view text);

struct Upload {
  std::int64_t id = 0;
  std::int64_t employer_id = 0;
  int period = 0;
  std::int64_t uploaded_by = 0;
  std::int64_t uploaded_at = 0;
  std::string file_name;
  std::string content;
  std::string state;  // checked, submitted
  std::int64_t data_rows = 0, accepted_rows = 0, errors = 0, warnings = 0;
};

// Keeps a checked upload (content must be the UTF-8 text that was checked); returns its id.
std::int64_t SaveUpload(soci::session& sql, std::int64_t employer_id, int period,
                        std::int64_t account_id, const std::string& file_name,
                        const std::string& content, const ValidationSummary& summary);
// The upload, only when it is this employer's and this month's (else nullopt: no hint that
// another employer's upload exists).
std::optional<Upload> FindUpload(soci::session& sql, std::int64_t employer_id, int period,
                                 std::int64_t upload_id);

// The month's report as the registry holds it now (empty when not reported), each wage with
// the worker's programs from the directory.
std::vector<ReportedWage> CurrentReport(soci::session& sql, std::int64_t employer_id, int period,
                                        const WorkerDirectory& workers);
// The latest submitted version of the month; 0 when never reported.
int LatestVersion(soci::session& sql, std::int64_t employer_id, int period);

struct Actor {
  std::int64_t account_id = 0;
  std::string ip, user_agent;
};

enum class SubmitProblem {
  kNone,
  kRefused,            // the file as a whole cannot be used (it changed meaning since the check)
  kNothingAccepted,    // no row without errors
  kErrorsNotAccepted,  // rows have errors and the employer did not accept leaving them out
  kAlreadySubmitted,   // this upload was submitted before
  kNoRules,            // the month is before the rules begin
};

struct Submission {
  SubmitProblem problem = SubmitProblem::kNone;
  int version = 0;
  Bill bill;                  // the month as now reported
  BillDifference difference;  // against the version before (all "added" for a first report)
  std::string payment_code;
  Rupiah amount_billed = 0;  // the month's bill after this submission (all lines)
  Rupiah amount_paid = 0;
};

// Checks the upload again and stores it as the month's report (see the top of this file).
Submission SubmitReport(db::Database& database, const registry::RuleBook& rules,
                        const Employer& employer, const Upload& upload, bool accept_valid_rows,
                        const Actor& actor);

// A month's totals as the bill was made: its workers, their wages and the amounts per program.
struct BillTotals {
  std::int64_t workers = 0;
  Rupiah wage = 0;
  registry::MonthlyContribution amounts;
};

struct BillRecord {
  std::int64_t id = 0;
  int period = 0;
  Rupiah amount_billed = 0, amount_paid = 0;
  std::string payment_code;
  std::string due_date;                // YYYY-MM-DD
  std::optional<std::string> paid_on;  // when paid in full
  // Written when a wage report makes or amends the bill; absent for a bill made elsewhere (an
  // earlier registry, the demo seeder). MonthTotals gives them either way.
  std::optional<BillTotals> totals;
  Rupiah Outstanding() const {
    return amount_billed > amount_paid ? amount_billed - amount_paid : 0;
  }
};

struct BillLineRecord {
  std::string kind;  // month, amendment, fine
  Rupiah amount = 0;
  std::int64_t created_at = 0;
  int version = 0;     // the report version it came from (0 for a fine)
  int for_period = 0;  // a fine: the month it is for
};

std::optional<BillRecord> FindBill(soci::session& sql, std::int64_t employer_id, int period);
// Newest first.
std::vector<BillRecord> ListBills(soci::session& sql, std::int64_t employer_id, int limit,
                                  int offset);
std::int64_t CountBills(soci::session& sql, std::int64_t employer_id);
std::vector<BillLineRecord> BillLines(soci::session& sql, std::int64_t bill_id);

struct WorkerBillLine {
  WorkerId member_id = 0;
  std::string name, kpj;
  Rupiah wage = 0;
  registry::MonthlyContribution amounts;
  bool paid = false;
};
// The bill's totals: as stored with the bill, else summed from the month's contributions.
BillTotals MonthTotals(soci::session& sql, std::int64_t employer_id, const BillRecord& bill);
// The month's contributions of this employer per worker, by name (then member id): a page read
// in that order from the employer's index of worker names, never all of them sorted.
std::vector<WorkerBillLine> WorkerBillLines(soci::session& sql, std::int64_t employer_id,
                                            int period, int limit, int offset);
std::int64_t CountWorkerBillLines(soci::session& sql, std::int64_t employer_id, int period);

// The next payment code from the sequence, skipping codes an earlier registry holds.
std::string NextPaymentCode(soci::session& sql);

}  // namespace lumbung::employers

namespace lumbung::employers {

// For the employer's home page.
std::int64_t ActiveWorkerCount(soci::session& sql, std::int64_t employer_id);
// The months from `from_period` on that have a report.
std::vector<int> ReportedPeriods(soci::session& sql, std::int64_t employer_id, int from_period);
// Bills not paid in full, oldest first.
std::vector<BillRecord> OpenBills(soci::session& sql, std::int64_t employer_id);

}  // namespace lumbung::employers

namespace lumbung::employers {

// What was paid towards a bill and when: each bank payment applied to it, and any amount paid
// without one (an earlier registry's) as paid on its paid_on day, or its due date.
std::vector<PaidPart> PaidParts(soci::session& sql, const BillRecord& bill);
// The bill's late fine, counted to `as_of` for what is still unpaid (late_fine.h FineOnBill).
Rupiah FineOwed(soci::session& sql, const registry::RuleBook& rules, const BillRecord& bill,
                Date as_of);
// Adds to bill `bill_id` a fine line for each earlier bill of the employer made by a wage
// report, paid in full late and not charged yet; returns what they add. Bills an earlier
// registry holds (no lines) are not charged again.
Rupiah ChargeEarlierFines(soci::session& sql, const registry::RuleBook& rules,
                          std::int64_t employer_id, std::int64_t bill_id, std::int64_t now);

}  // namespace lumbung::employers
