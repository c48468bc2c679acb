#include "employers/payments.h"

#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "core/audit/audit_log.h"
#include "core/db/database.h"
#include "core/db/native_handle.h"
#include "core/db/transaction.h"

namespace lumbung::employers {
namespace {

// A batch PostgreSQL ended to break a deadlock (two imports locking the same bills in another
// order) is tried again this many times in all.
constexpr int kAttempts = 5;

std::int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Recorded {
  long long id = 0;
  std::string payment_code;
  long long amount = 0;
  std::string paid_on;
  std::optional<std::int64_t> bill_id;
};

std::optional<Recorded> FindByReference(soci::session& sql, const std::string& reference) {
  Recorded r;
  long long bill = 0;
  soci::indicator bill_indicator = soci::i_null;
  sql << "SELECT id, payment_code, amount, CAST(paid_on AS TEXT), bill_id FROM bank_payments"
         " WHERE bank_reference = :r",
      soci::into(r.id), soci::into(r.payment_code), soci::into(r.amount), soci::into(r.paid_on),
      soci::into(bill, bill_indicator), soci::use(reference);
  if (!sql.got_data()) return std::nullopt;
  r.paid_on = r.paid_on.substr(0, 10);
  if (bill_indicator == soci::i_ok) r.bill_id = bill;
  return r;
}

ApplyResult Duplicate(const Recorded& earlier, const BankPayment& payment) {
  ApplyResult result;
  result.outcome = PaymentOutcome::kDuplicate;
  result.bank_payment_id = earlier.id;
  result.bill_id = earlier.bill_id;
  result.differs = earlier.payment_code != payment.payment_code ||
                   earlier.amount != payment.amount || earlier.paid_on != payment.paid_on;
  return result;
}

struct Bill {
  long long id = 0;
  long long employer_id = 0;
  int period = 0;
  long long billed = 0;
  long long paid = 0;
  bool paid_on_set = false;
};

// The bill with this code, locked until the transaction ends (PostgreSQL; on SQLite the
// caller's write transaction already excludes every other writer).
std::optional<Bill> LockBill(soci::session& sql, const std::string& code) {
  const bool postgres = db::SessionDialect(sql) == db::Dialect::kPostgres;
  Bill bill;
  std::string paid_on;
  soci::indicator paid_on_indicator = soci::i_null;
  sql << (postgres ? "SELECT id, employer_id, period, amount_billed, amount_paid,"
                     " CAST(paid_on AS TEXT) FROM employer_payments WHERE payment_code = :c"
                     " FOR UPDATE"
                   : "SELECT id, employer_id, period, amount_billed, amount_paid,"
                     " CAST(paid_on AS TEXT) FROM employer_payments WHERE payment_code = :c"),
      soci::into(bill.id), soci::into(bill.employer_id), soci::into(bill.period),
      soci::into(bill.billed), soci::into(bill.paid), soci::into(paid_on, paid_on_indicator),
      soci::use(code);
  if (!sql.got_data()) return std::nullopt;
  bill.paid_on_set = paid_on_indicator == soci::i_ok;
  return bill;
}

}  // namespace

std::string_view PaymentOutcomeName(PaymentOutcome outcome) {
  switch (outcome) {
    case PaymentOutcome::kApplied:
      return "applied";
    case PaymentOutcome::kPaidInFull:
      return "paid-in-full";
    case PaymentOutcome::kOverpaid:
      return "overpaid";
    case PaymentOutcome::kAlreadyPaid:
      return "already-paid";
    case PaymentOutcome::kDuplicate:
      return "duplicate";
    case PaymentOutcome::kUnknownCode:
      return "unknown-code";
  }
  return "?";
}

bool BillExists(soci::session& sql, const std::string& payment_code) {
  long long id = 0;
  sql << "SELECT id FROM employer_payments WHERE payment_code = :c", soci::into(id),
      soci::use(payment_code);
  return sql.got_data();
}

ApplyResult ApplyPayment(soci::session& sql, const BankPayment& payment,
                         std::optional<std::int64_t> imported_by, std::int64_t now) {
  for (const PaymentIssue& issue : CheckBankPayment(payment)) {
    if (issue.problem != PaymentProblem::kCodeCheckDigit) {
      throw std::invalid_argument("payments: " + DescribePaymentIssue(issue));
    }
  }
  if (now == 0) now = NowSeconds();

  // Seen before (the same file again, or an overlapping one): nothing to do, nothing locked.
  if (const auto earlier = FindByReference(sql, payment.bank_reference)) {
    return Duplicate(*earlier, payment);
  }

  ApplyResult result;
  const std::optional<Bill> bill = LockBill(sql, payment.payment_code);
  bool settles = false;
  if (!bill) {
    result.outcome = PaymentOutcome::kUnknownCode;
  } else {
    result.bill_id = bill->id;
    result.employer_id = bill->employer_id;
    result.period = bill->period;
    const std::int64_t owed = std::max<std::int64_t>(0, bill->billed - bill->paid);
    result.applied = std::min(payment.amount, owed);
    result.credited = payment.amount - result.applied;
    const bool complete = bill->paid + result.applied >= bill->billed;
    settles = complete && (!bill->paid_on_set || result.applied > 0);
    if (settles) {
      result.outcome =
          result.credited > 0 ? PaymentOutcome::kOverpaid : PaymentOutcome::kPaidInFull;
    } else {
      result.outcome = result.applied > 0 ? PaymentOutcome::kApplied : PaymentOutcome::kAlreadyPaid;
    }
  }

  // The record first: of two imports racing with one reference, the second inserts nothing
  // (PostgreSQL makes it wait for the first one's commit) and changes nothing.
  long long id = 0, amount = payment.amount, applied = result.applied, credited = result.credited,
            at = now;
  long long bill_id = bill ? bill->id : 0, by = imported_by.value_or(0);
  soci::indicator bill_indicator = bill ? soci::i_ok : soci::i_null;
  soci::indicator by_indicator = imported_by ? soci::i_ok : soci::i_null;
  soci::statement insert =
      (sql.prepare << "INSERT INTO bank_payments (bank_reference, payment_code, amount, paid_on,"
                      " bill_id, amount_applied, amount_credited, imported_by, imported_at)"
                      " VALUES (:reference, :code, :amount, :paid_on, :bill, :applied,"
                      " :credited, :by, :at)"
                      " ON CONFLICT (bank_reference) DO NOTHING RETURNING id",
       soci::into(id), soci::use(payment.bank_reference), soci::use(payment.payment_code),
       soci::use(amount), soci::use(payment.paid_on), soci::use(bill_id, bill_indicator),
       soci::use(applied), soci::use(credited), soci::use(by, by_indicator), soci::use(at));
  if (!insert.execute(true)) {
    const auto earlier = FindByReference(sql, payment.bank_reference);
    if (!earlier) throw std::runtime_error("payments: a bank reference vanished while recorded");
    return Duplicate(*earlier, payment);
  }
  result.bank_payment_id = id;
  if (!bill) return result;

  if (result.applied > 0 || settles) {
    long long bill_row = bill->id, old_paid = bill->paid, new_paid = bill->paid + result.applied;
    long long affected = 0;
    if (settles) {
      soci::statement update =
          (sql.prepare << "UPDATE employer_payments SET amount_paid = :new_paid,"
                          " paid_on = COALESCE(paid_on, :day)"
                          " WHERE id = :id AND amount_paid = :old_paid",
           soci::use(new_paid), soci::use(payment.paid_on), soci::use(bill_row),
           soci::use(old_paid));
      update.execute(true);
      affected = update.get_affected_rows();
    } else {
      soci::statement update =
          (sql.prepare << "UPDATE employer_payments SET amount_paid = :new_paid"
                          " WHERE id = :id AND amount_paid = :old_paid",
           soci::use(new_paid), soci::use(bill_row), soci::use(old_paid));
      update.execute(true);
      affected = update.get_affected_rows();
    }
    // Cannot happen while the bill is locked; refuse rather than pay a bill twice.
    if (affected != 1) {
      throw std::runtime_error("payments: the bill changed while the payment was applied");
    }
  }
  if (settles) {
    // Every member's month at this employer is paid now: the notification sync posts
    // "contribution received" for each of them.
    long long employer = bill->employer_id;
    int period = bill->period;
    sql << "UPDATE contributions SET paid = 1 WHERE employer_id = :e AND period = :p AND"
           " paid = 0",
        soci::use(employer), soci::use(period);
  }
  return result;
}

std::int64_t EmployerCredit(soci::session& sql, std::int64_t employer_id) {
  long long employer = employer_id, credit = 0;
  sql << "SELECT CAST(COALESCE(SUM(b.amount_credited), 0) AS BIGINT) FROM bank_payments b"
         " JOIN employer_payments p ON p.id = b.bill_id WHERE p.employer_id = :e",
      soci::into(credit), soci::use(employer);
  return credit;
}

namespace {

bool IsRetryable(const std::exception& e) {
  const std::string_view message = e.what();
  return message.find("deadlock detected") != std::string_view::npos ||
         message.find("could not serialize access") != std::string_view::npos;
}

void AddCounts(ImportSummary& total, const ImportSummary& part) {
  total.rows += part.rows;
  total.applied += part.applied;
  total.paid_in_full += part.paid_in_full;
  total.overpaid += part.overpaid;
  total.already_paid += part.already_paid;
  total.duplicates += part.duplicates;
  total.unknown_codes += part.unknown_codes;
  total.bad_rows += part.bad_rows;
  total.credits += part.credits;
  total.amount_applied += part.amount_applied;
  total.amount_credited += part.amount_credited;
  total.amount_unknown += part.amount_unknown;
  total.issues_total += part.issues_total;
}

class Importer {
 public:
  Importer(db::Database& database, const ImportProgressCallback& progress,
           std::optional<std::int64_t> imported_by, const ImportOptions& options)
      : lease_(database.Acquire()),
        progress_(progress),
        imported_by_(imported_by),
        options_(options),
        now_(options.now != 0 ? options.now : NowSeconds()) {
    batch_.reserve(std::max<std::size_t>(options_.batch_rows, 1));
  }

  void Add(const PaymentFileRow& row) {
    batch_.push_back(row);
    if (batch_.size() >= std::max<std::size_t>(options_.batch_rows, 1)) Flush(false);
  }
  void SetBytes(std::uint64_t bytes) { bytes_ = bytes; }

  // Applies the rows waiting in one transaction; `last` adds the audit row.
  void Flush(bool last) {
    soci::session& sql = lease_.session();
    for (int attempt = 1;; ++attempt) {
      ImportSummary part;
      try {
        auto transaction = db::Transaction::ForWriting(sql);
        for (const PaymentFileRow& row : batch_) Process(sql, row, part);
        if (last) {
          ImportSummary total = summary_;
          AddCounts(total, part);
          audit::Append(sql, AuditEvent(total));  // last before the commit (audit_log.h)
        }
        transaction.Commit();
      } catch (const std::exception& e) {
        if (attempt < kAttempts && IsRetryable(e)) continue;
        throw;
      }
      AddCounts(summary_, part);
      for (ImportIssue& issue : part.issues) {
        if (options_.on_issue) options_.on_issue(issue);
        if (summary_.issues.size() < options_.keep_issues) {
          summary_.issues.push_back(std::move(issue));
        }
      }
      batch_.clear();
      if (progress_) progress_({.rows = summary_.rows, .bytes = bytes_, .summary = &summary_});
      return;
    }
  }

  ImportSummary& summary() { return summary_; }

 private:
  void Issue(ImportSummary& part, ImportIssue::Kind kind, const PaymentFileRow& row) {
    ++part.issues_total;
    part.issues.push_back({.kind = kind,
                           .row_number = row.row_number,
                           .payment = row.payment,
                           .problems = kind == ImportIssue::Kind::kBadRow
                                           ? row.problems
                                           : std::vector<PaymentIssue>{}});
  }

  void Process(soci::session& sql, const PaymentFileRow& row, ImportSummary& part) {
    ++part.rows;
    // A wrong check digit alone: a code from before check digits may still be a bill's.
    if (!row.Usable() || (!row.problems.empty() && !BillExists(sql, row.payment.payment_code))) {
      ++part.bad_rows;
      return Issue(part, ImportIssue::Kind::kBadRow, row);
    }
    const ApplyResult result = ApplyPayment(sql, row.payment, imported_by_, now_);
    part.amount_applied += result.applied;
    part.amount_credited += result.credited;
    if (result.credited > 0) ++part.credits;
    switch (result.outcome) {
      case PaymentOutcome::kApplied:
        ++part.applied;
        break;
      case PaymentOutcome::kOverpaid:
        ++part.overpaid;
        ++part.paid_in_full;
        break;
      case PaymentOutcome::kPaidInFull:
        ++part.paid_in_full;
        break;
      case PaymentOutcome::kAlreadyPaid:
        ++part.already_paid;
        break;
      case PaymentOutcome::kDuplicate:
        ++part.duplicates;
        if (result.differs) Issue(part, ImportIssue::Kind::kDuplicateDiffers, row);
        break;
      case PaymentOutcome::kUnknownCode:
        ++part.unknown_codes;
        part.amount_unknown += row.payment.amount;
        Issue(part, ImportIssue::Kind::kUnknownCode, row);
        break;
    }
  }

  audit::Event AuditEvent(const ImportSummary& total) const {
    audit::Event event{.actor_user_id = imported_by_,
                       .action = "payments.imported",
                       .result = summary_.file_error ? audit::Result::kError : audit::Result::kOk,
                       .ip = options_.ip,
                       .user_agent = options_.user_agent};
    // No detail name may contain the word "code" (event.h): unknown codes are "unknown".
    event.details = {{"rows", std::to_string(total.rows)},
                     {"applied", std::to_string(total.applied)},
                     {"paid_in_full", std::to_string(total.paid_in_full)},
                     {"overpaid", std::to_string(total.overpaid)},
                     {"already_paid", std::to_string(total.already_paid)},
                     {"duplicates", std::to_string(total.duplicates)},
                     {"unknown", std::to_string(total.unknown_codes)},
                     {"bad_rows", std::to_string(total.bad_rows)},
                     {"amount_applied", std::to_string(total.amount_applied)},
                     {"amount_credited", std::to_string(total.amount_credited)},
                     {"amount_unknown", std::to_string(total.amount_unknown)}};
    if (summary_.file_error) {
      event.details["file_problem"] = DescribePaymentFileError(*summary_.file_error);
    }
    return event;
  }

  db::Database::Lease lease_;
  const ImportProgressCallback& progress_;
  std::optional<std::int64_t> imported_by_;
  const ImportOptions& options_;
  std::int64_t now_ = 0;
  std::vector<PaymentFileRow> batch_;
  std::uint64_t bytes_ = 0;
  ImportSummary summary_;
};

}  // namespace

ImportSummary ImportPaymentFile(db::Database& database, std::istream& in,
                                const ImportProgressCallback& progress,
                                std::optional<std::int64_t> imported_by,
                                const ImportOptions& options) {
  Importer importer(database, progress, imported_by, options);
  const PaymentFileSummary read = ReadPaymentFile(
      in, [&](const PaymentFileRow& row) { importer.Add(row); },
      [&](std::uint64_t bytes) { importer.SetBytes(bytes); });
  importer.summary().file_error = read.error;
  importer.Flush(true);
  return std::move(importer.summary());
}

}  // namespace lumbung::employers
