// Employers' payments of their monthly bills (registry table employer_payments), as the partner
// bank reports them: each payment recorded once in `bank_payments`
// (migrations/0031_bank_payments*.sql) under the bank's unique reference, applied to the bill
// whose payment code it carries.
//
// Applying a payment of `amount` to a bill that still owes `owed` (amount_billed - amount_paid,
// never below 0):
//   applied  = min(amount, owed), added to the bill's amount_paid;
//   credited = amount - applied, the employer's credit (EmployerCredit);
//   when the bill is then paid in full and was not before: its paid_on becomes the payment's
//   date and the month's contributions at that employer turn paid (contributions.paid = 1), which
//   the members' notification sync (notifications/sync.h) announces as "contribution received".
//   A bill already paid (an amendment raised since is owed again) keeps its first paid_on.
//
// Safe to repeat and to run twice at once: the bank reference is UNIQUE (a second insert does
// nothing, ON CONFLICT DO NOTHING), and the bill is read for update (PostgreSQL: SELECT ... FOR
// UPDATE; SQLite: the caller's write transaction holds the one write lock) and updated only if
// its amount_paid is still what was read. A payment whose code no bill has is recorded too (so
// the same file imported again still says "duplicate"), with no bill, and listed for staff.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "employers/payment_file.h"

namespace soci {
class session;
}
namespace lumbung::db {
class Database;
}

namespace lumbung::employers {

enum class PaymentOutcome {
  kApplied,      // part of what the bill owes; the rest is still outstanding
  kPaidInFull,   // the bill is now paid in full, exactly
  kOverpaid,     // the bill is now paid in full; the excess is the employer's credit
  kAlreadyPaid,  // the bill owed nothing: all of it is the employer's credit
  kDuplicate,    // this bank reference was recorded before: nothing changed
  kUnknownCode,  // no bill has this payment code: recorded without a bill, for staff
};

// "applied", "paid-in-full", "overpaid", "already-paid", "duplicate", "unknown-code".
std::string_view PaymentOutcomeName(PaymentOutcome outcome);

struct ApplyResult {
  PaymentOutcome outcome = PaymentOutcome::kApplied;
  std::int64_t bank_payment_id = 0;  // the row recorded (kDuplicate: the earlier one)
  std::optional<std::int64_t> bill_id;
  std::int64_t employer_id = 0;  // 0 without a bill
  int period = 0;                // yyyymm; 0 without a bill
  std::int64_t applied = 0;      // added to the bill's amount_paid
  std::int64_t credited = 0;     // the employer's credit from this payment
  // kDuplicate: the earlier payment under this reference had another code, amount or date (the
  // bank reused a reference, or the file was edited): staff must look at it.
  bool differs = false;
};

// Records and applies one payment, inside the caller's write transaction
// (db::Transaction::ForWriting), which the caller commits; nothing is committed here.
// `imported_by`: the staff account, nullopt for the command line. `now`: epoch seconds of
// imported_at (0: the clock). Throws std::invalid_argument for a payment with problems
// (CheckBankPayment; a wrong check digit alone is allowed, see payment_file.h), and the
// database's errors (the transaction must then be rolled back).
ApplyResult ApplyPayment(soci::session& sql, const BankPayment& payment,
                         std::optional<std::int64_t> imported_by, std::int64_t now = 0);

// The employer's credit: the sum of what its payments left over (overpayments, payments to
// bills already paid), in rupiah.
std::int64_t EmployerCredit(soci::session& sql, std::int64_t employer_id);

// Whether a bill has this payment code.
bool BillExists(soci::session& sql, const std::string& payment_code);

// A row the import could not apply, in file order.
struct ImportIssue {
  enum class Kind {
    kUnknownCode,       // recorded without a bill (ApplyResult kUnknownCode)
    kBadRow,            // not recorded: `problems` say why
    kDuplicateDiffers,  // a known reference with another code, amount or date: not recorded
  };
  Kind kind = Kind::kBadRow;
  std::int64_t row_number = 0;
  BankPayment payment;                 // as read
  std::vector<PaymentIssue> problems;  // kBadRow
};

struct ImportSummary {
  // The file could not be read to its end (or not at all): rows before `file_error->row_number`
  // were applied; importing the corrected file again applies the rest (the others are
  // duplicates then).
  std::optional<PaymentFileError> file_error;
  std::int64_t rows = 0;          // data rows read
  std::int64_t applied = 0;       // kApplied: part of a bill
  std::int64_t paid_in_full = 0;  // kPaidInFull and kOverpaid
  std::int64_t overpaid = 0;      // kOverpaid (also counted in paid_in_full)
  std::int64_t already_paid = 0;  // kAlreadyPaid
  std::int64_t duplicates = 0;    // kDuplicate (with or without differences)
  std::int64_t unknown_codes = 0;
  std::int64_t bad_rows = 0;
  std::int64_t credits = 0;  // payments that left a credit (kOverpaid, kAlreadyPaid)
  std::int64_t amount_applied = 0;
  std::int64_t amount_credited = 0;
  std::int64_t amount_unknown = 0;  // paid with codes no bill has
  // Every unknown code, bad row and differing duplicate, up to ImportOptions::keep_issues;
  // `issues_total` counts them all.
  std::vector<ImportIssue> issues;
  std::int64_t issues_total = 0;
};

struct ImportProgress {
  std::int64_t rows = 0;                   // data rows read and committed
  std::uint64_t bytes = 0;                 // bytes read from the stream
  const ImportSummary* summary = nullptr;  // the counts so far
};
using ImportProgressCallback = std::function<void(const ImportProgress&)>;

struct ImportOptions {
  // Rows per transaction: large enough to be fast, small enough that a million rows are not one
  // giant transaction. A row is always applied whole in one of them.
  std::size_t batch_rows = 500;
  std::size_t keep_issues = 10'000;
  // Told every issue once its batch is committed (the CLI prints them all).
  std::function<void(const ImportIssue&)> on_issue;
  // For the audit row of an import from a web page.
  std::string ip;
  std::string user_agent;
  std::int64_t now = 0;  // epoch seconds of imported_at (0: the clock)
};

// Reads the bank's payment file (payment_file.h) from `in` and applies every usable row in
// batches, each one transaction (retried when PostgreSQL picks it to end a deadlock with another
// import). A row whose only problem is a wrong check digit is applied when a bill has that code
// (codes from before check digits) and is a bad row otherwise. Importing the same file again
// changes nothing: every row is a duplicate. The last transaction also appends the audit row
// "payments.imported" (actor `imported_by`, the counts). `progress` (optional) is called after
// every batch. Throws the database's errors (batches committed before stay: importing the file
// again finishes the job).
ImportSummary ImportPaymentFile(db::Database& database, std::istream& in,
                                const ImportProgressCallback& progress,
                                std::optional<std::int64_t> imported_by,
                                const ImportOptions& options = {});

}  // namespace lumbung::employers
