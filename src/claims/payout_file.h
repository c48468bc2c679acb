// The two files between the fund and its bank for a payout batch (docs/claims-payouts.md). Pure
// apart from its input.
//
// The bank file the fund sends: one CSV row per payout item, written through core/csv (RFC 4180,
// formula-safe cells), columns in this order:
//   batch, item, reference, bank_code, account_number, holder_name, amount, description
// `account_number` is the full number, read from the member's profile when the file is made and
// never stored anywhere else; `amount` is whole rupiah without separators; `description` is the
// fund's name, the program and the claim's reference ("Lumbung JHT K-48213-09372-5").
//
// The bank's result file the fund reads back: the same rows (the bank may return the file it
// got) with three more columns, headers in English or Indonesian, any case, any order
// (AcceptedResultHeaders; other columns are ignored):
//   item, reference, amount    as the fund sent them (they must match the batch)
//   result                     paid | failed
//   reason                     failed only: closed | invalid_account | name_mismatch | other
//   paid_on                    paid only: the day the bank paid, YYYY-MM-DD, not after today
//   batch                      optional; when present, the batch being imported
// Every row is checked before anything is stored (ReadResultFile, then MatchResults against
// the batch as it stands): one problem anywhere refuses the whole file, each problem named by
// row and column. A row that repeats what is already recorded changes nothing, so the same
// file imported twice changes nothing the second time.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lumbung::claims {

// ---- The bank file ---------------------------------------------------------------------------

struct BankFileRow {
  std::int64_t batch_id = 0;
  std::int64_t item_id = 0;
  std::string reference;  // the claim's, "K-48213-09372-5"
  std::string bank_code;  // the fund's bank code (config/banks.txt)
  std::string account_number;
  std::string holder_name;
  std::int64_t amount = 0;  // rupiah
  std::string description;
};

// The header names of the bank file, in column order.
std::span<const std::string_view> BankFileColumns();
// The header line and one row, each ended with CRLF.
std::string BankFileHeaderLine();
std::string BankFileLine(const BankFileRow& row);
// "Lumbung JHT K-48213-09372-5": what the member's bank statement shows.
std::string PayoutDescription(std::string_view program, std::string_view reference);

// ---- The bank's result file ------------------------------------------------------------------

enum class PayoutResult { kPaid, kFailed };
// Why the bank could not pay: the account is closed, the number does not exist at that bank,
// the holder's name does not match the account, or anything else the bank says.
enum class FailureReason { kClosed, kInvalidAccount, kNameMismatch, kOther };

std::string_view PayoutResultName(PayoutResult result);                // "paid", "failed"
std::optional<PayoutResult> ParsePayoutResult(std::string_view text);  // any case
std::string_view FailureReasonName(FailureReason reason);  // "closed", "invalid_account", ...
std::optional<FailureReason> ParseFailureReason(std::string_view text);  // any case

enum class ResultColumn { kBatch, kItem, kReference, kAmount, kResult, kReason, kPaidOn };
inline constexpr int kResultColumnCount = 7;
// "batch", "item", "reference", "amount", "result", "reason", "paid_on".
std::string_view ResultColumnName(ResultColumn column);
// Header names accepted for a column, normalised (lower case, "_" and "-" as spaces):
// "item" or "item id"; "result", "hasil" or "status"; ...
std::span<const std::string_view> AcceptedResultHeaders(ResultColumn column);

struct ResultRow {
  std::int64_t row_number = 0;  // the spreadsheet's: the header is row 1
  std::int64_t item_id = 0;
  std::string reference;  // canonical
  std::int64_t amount = 0;
  PayoutResult result = PayoutResult::kPaid;
  std::optional<FailureReason> reason;  // failed only
  std::string paid_on;                  // paid only, YYYY-MM-DD

  bool operator==(const ResultRow&) const = default;
};

enum class ResultProblem {
  kItemInvalid,        // not a whole number above 0
  kItemUnknown,        // no item of this batch has that number
  kItemRepeated,       // a second row for the same item
  kReferenceInvalid,   // not a claim reference
  kReferenceMismatch,  // the reference is not the item's claim
  kAmountInvalid,      // not whole rupiah
  kAmountMismatch,     // not the item's amount
  kResultInvalid,      // neither paid nor failed
  kReasonMissing,      // failed without a reason
  kReasonInvalid,      // not one of the reason codes
  kReasonNotExpected,  // a reason on a paid row
  kDateMissing,        // paid without the day it was paid
  kDateInvalid,        // not YYYY-MM-DD, or no such day
  kDateFuture,         // after today
  kBatchMismatch,      // the batch column names another batch
  kAlreadyRecorded,    // the item already has another result (a paid item cannot fail later)
  kNotAllowed,         // the importer may not record this claim (their own or a relative's)
};
// "item_invalid", "item_unknown", ...: the catalog id's last part.
std::string_view ResultProblemName(ResultProblem problem);

struct ResultIssue {
  std::int64_t row_number = 0;
  ResultColumn column = ResultColumn::kItem;
  ResultProblem problem = ResultProblem::kItemInvalid;
  std::string cell;  // the cell as written

  bool operator==(const ResultIssue&) const = default;
};

enum class ResultFileProblem {
  kNone,
  kEmptyFile,          // nothing but empty lines
  kUtf16,              // saved as UTF-16/32
  kNotUtf8,            // a cell that is not UTF-8 (a Latin-1 or Windows-1252 export)
  kMalformedQuotes,    // a quote in the wrong place
  kUnterminatedQuote,  // a quoted cell that never ends
  kCellTooLong,
  kTooManyColumns,
  kMissingColumn,    // the header has no column for `column`
  kDuplicateColumn,  // two headers for `column`; `detail` is the second, as written
  kNoRows,           // a header and no data row
  kTooManyRows,      // more rows than the batch could have
};
// "empty_file", "utf16", ...: the catalog id's last part.
std::string_view ResultFileProblemName(ResultFileProblem problem);

struct ResultFileError {
  ResultFileProblem problem = ResultFileProblem::kNone;
  std::int64_t row_number = 0;  // 0: the file as a whole
  std::optional<ResultColumn> column{};
  std::string detail{};

  bool operator==(const ResultFileError&) const = default;
};

struct ResultFile {
  std::optional<ResultFileError> error;  // set: nothing else counts
  std::vector<ResultRow> rows;           // rows without problems, in file order
  std::vector<ResultIssue> issues;       // every problem of every row, in file order
  // The header of each column as the file wrote it (for messages naming the column).
  std::map<ResultColumn, std::string> headers;
};

// Reads and checks the whole file (a batch's file is small: at most `max_rows` data rows).
// `batch_id`: the batch being imported (the optional batch column must name it); `today`:
// the fund's day, YYYY-MM-DD (no paid_on after it).
ResultFile ReadResultFile(std::string_view bytes, std::int64_t batch_id, std::string_view today,
                          std::size_t max_rows);

// An item of the batch as it stands, for MatchResults.
struct BatchItemFacts {
  std::int64_t item_id = 0;
  std::string reference;
  std::int64_t amount = 0;
  std::string result = "pending";  // pending, paid, failed
  std::string failure_reason;
  std::string paid_on;
};

struct ResultPlan {
  std::vector<ResultRow> to_apply;  // items still pending, in file order
  std::int64_t unchanged = 0;       // rows that say what is already recorded
  std::vector<ResultIssue> issues;  // rows that do not fit the batch
};

// Checks rows read without problems against the batch's items: the item exists, its claim and
// amount are the ones sent, it is named once, and a result already recorded is the same one.
ResultPlan MatchResults(const std::vector<ResultRow>& rows,
                        const std::vector<BatchItemFacts>& items);

// True for an existing day written YYYY-MM-DD (years 1900-9999).
bool IsIsoDate(std::string_view text);

}  // namespace lumbung::claims
