// Reads the partner bank's payment file, a CSV with one row per payment an employer made with
// its bill's payment code, as a stream: one callback per row, so a file of a million rows
// never sits in memory. The CSV layer (encoding, delimiter, quoting, row numbers, limits) is
// csv_stream.h; this reader finds the columns and checks each row's cells. Applying the
// payments to the bills is payments.h. Pure apart from its input.
//
// The file (docs/employers.md, "Bank payment file"):
// - Columns payment code, amount, date and bank reference, headers in Indonesian or English,
//   any case, any order (AcceptedPaymentHeaders()); other columns are ignored. A missing or
//   doubled column refuses the file.
// - UTF-8 with or without a byte-order mark; comma or semicolon; quoted cells; CRLF, LF or CR;
//   empty lines skipped but counted. Row numbers are the spreadsheet's (the header is row 1).
// - Payment code: 11 digits with a Damm check digit (payment_code.h). Amount: whole rupiah,
//   `5000000`, `5.000.000` or `5,000,000` (core/i18n/rupiah_input.h), more than 0. Date:
//   YYYY-MM-DD, a day that exists. Bank reference: the bank's own id of the transfer, unique
//   per payment, 1 to 64 bytes, no control characters.
//
// A row with a problem is delivered with its problems, never dropped: the caller reports it.
// A wrong check digit alone leaves the row usable (Usable()): codes issued before check
// digits (a legacy registry, the demo data) are looked up first, as docs/employers.md says, and
// the check digit only explains a miss.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "employers/csv_stream.h"

namespace lumbung::employers {

inline constexpr std::size_t kMaxBankReferenceBytes = 64;
// Larger than any bill; a figure above it is a column mix-up (an account number as amount).
inline constexpr std::int64_t kMaxBankPaymentAmount = 1'000'000'000'000'000;

// One payment as the bank reported it.
struct BankPayment {
  std::string payment_code;    // 11 digits
  std::int64_t amount = 0;     // rupiah, > 0
  std::string paid_on;         // YYYY-MM-DD
  std::string bank_reference;  // unique per payment at the bank

  bool operator==(const BankPayment&) const = default;
};

enum class PaymentColumn { kCode, kAmount, kDate, kReference };

// Header names accepted for a column, as normalised by NormaliseHeader ("Kode_Iuran" and
// "kode iuran" are both "kode iuran").
std::span<const std::string_view> AcceptedPaymentHeaders(PaymentColumn column);

enum class PaymentProblem {
  kCodeShape,          // not 11 digits 0-9 without a leading zero (also empty)
  kCodeCheckDigit,     // 11 digits whose check digit does not match: a typo, or a legacy code
  kAmountMissing,      // empty
  kAmountNotANumber,   // not an amount ("lima juta", "5jt", "5.00.000")
  kAmountCents,        // a fraction that is not zero ("5.000,50")
  kAmountNotPositive,  // 0 or negative
  kAmountTooLarge,     // above kMaxBankPaymentAmount
  kDate,               // not YYYY-MM-DD, or no such day
  kReferenceMissing,   // empty
  kReferenceInvalid,   // longer than kMaxBankReferenceBytes, or control characters
};

// A stable name for logs and the CLI: "code-shape", "code-check-digit", "amount-missing", ...
std::string_view PaymentProblemName(PaymentProblem problem);

struct PaymentIssue {
  PaymentProblem problem = PaymentProblem::kCodeShape;
  std::string cell;  // the cell as written

  bool operator==(const PaymentIssue&) const = default;
};

// One line in English for an operator: `amount "5.000,50" is not whole rupiah`.
std::string DescribePaymentIssue(const PaymentIssue& issue);

// The problems of a payment's fields (also used by payments.h to refuse a bad BankPayment).
// Cells are checked as given: the reader trims them first.
std::vector<PaymentIssue> CheckBankPayment(const BankPayment& payment);

// True for an existing day written YYYY-MM-DD (years 1900-9999).
bool IsIsoDay(std::string_view text);

struct PaymentFileRow {
  std::int64_t row_number = 0;
  // The fields as far as they could be read: a cell that failed keeps its text (code, date,
  // reference) or 0 (amount).
  BankPayment payment;
  std::vector<PaymentIssue> problems;  // in column order: code, amount, date, reference

  // No problem at all, or only a wrong check digit (see above).
  bool Usable() const;
};

struct PaymentFileHeader {
  std::int64_t row_number = 1;
  char delimiter = ',';
  std::vector<std::string> cells;                            // as written
  std::optional<std::size_t> code, amount, date, reference;  // indexes into cells
  std::vector<std::size_t> ignored;                          // non-empty headers not recognised
};

enum class PaymentFileProblem {
  kNone,
  kEmptyFile,          // nothing but empty lines
  kUtf16,              // saved as UTF-16/32
  kNotUtf8,            // a cell that is not UTF-8 (Latin-1, Windows-1252)
  kMalformedQuotes,    // a quote in the wrong place
  kUnterminatedQuote,  // a quoted cell that never ends
  kCellTooLong,
  kTooManyColumns,
  kMissingColumn,    // the header has no column for `column`
  kDuplicateColumn,  // two headers for one column; `detail` is the second, as written
  kUnreadable,       // the stream failed
};

struct PaymentFileError {
  PaymentFileProblem problem = PaymentFileProblem::kNone;
  std::int64_t row_number = 0;            // 0: the file as a whole
  std::optional<PaymentColumn> column{};  // kMissingColumn
  std::string detail{};                   // kDuplicateColumn: the header as written

  bool operator==(const PaymentFileError&) const = default;
};

// One line in English for an operator: `row 12: a quotation mark in the wrong place`.
std::string DescribePaymentFileError(const PaymentFileError& error);

// The row is only valid during the call. An exception thrown here stops the read and comes out
// of Feed/Finish (or ReadPaymentFile).
using PaymentRowCallback = std::function<void(const PaymentFileRow&)>;

// Push parser: Feed bytes in pieces of any size, then Finish. Rows delivered before a file
// problem were read completely and correctly; those after it are never delivered.
class PaymentFileReader {
 public:
  explicit PaymentFileReader(PaymentRowCallback on_row, CsvLimits limits = {});
  ~PaymentFileReader();
  PaymentFileReader(const PaymentFileReader&) = delete;
  PaymentFileReader& operator=(const PaymentFileReader&) = delete;

  // False once a problem is found (then error() says which); later calls do nothing.
  bool Feed(std::string_view bytes);
  // Ends the file; the final problem, if any.
  std::optional<PaymentFileError> Finish();
  const std::optional<PaymentFileError>& error() const;
  // The header once read.
  const std::optional<PaymentFileHeader>& header() const;
  // Data rows delivered so far.
  std::int64_t data_rows() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

struct PaymentFileSummary {
  std::optional<PaymentFileError> error;
  std::int64_t data_rows = 0;
  std::uint64_t bytes = 0;  // read from the stream
};

// Reads the whole stream in 64 KiB pieces. `on_piece` (optional) is told the bytes read so far
// after each piece, for progress.
PaymentFileSummary ReadPaymentFile(std::istream& in, PaymentRowCallback on_row,
                                   const std::function<void(std::uint64_t)>& on_piece = {},
                                   CsvLimits limits = {});

}  // namespace lumbung::employers
