// The paying bank's result file for a wage-subsidy batch (docs/subsidy.md, "The bank's result
// file"). Pure apart from its input.
//
// CSV, UTF-8 with or without a byte-order mark, comma or semicolon, headers in English or
// Indonesian in any case and order (AcceptedBankResultHeaders; other columns are ignored, so the
// bank may return the disbursement file with the result columns added):
//   member          the fund's member number, as sent
//   amount          as sent (whole rupiah, grouped or not)
//   result          paid | failed
//   reason          failed only: account_closed | account_dormant | account_invalid |
//                   account_frozen | account_nik_mismatch | account_not_registered
//   paid_on         paid only: the day paid, YYYY-MM-DD, not after today
//   bank_reference  paid only: the bank's (or post office's) reference of the transfer
//   batch           optional; when present, the batch being imported
// A control-total row (TOTAL in the batch or member column, as the disbursement file ends) is
// allowed; when present its amount must be the sum of the rows.
//
// The file must answer for the whole batch as it was sent: one row per payment sent, so its
// row count and amount total equal the batch's (MatchBankResults). Every row is checked before
// anything is stored; one problem anywhere refuses the whole file, each problem named by row
// (the spreadsheet's: the header is row 1) and column. A row that repeats what is recorded
// changes nothing, so the same file imported twice changes nothing the second time.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lumbung::subsidy {

// Why the bank could not pay (the domain facts' reasons).
enum class BankFailure {
  kAccountClosed,
  kAccountDormant,
  kAccountInvalid,
  kAccountFrozen,
  kAccountNikMismatch,
  kAccountNotRegistered,
};
inline constexpr int kBankFailureCount = 6;
std::string_view BankFailureName(BankFailure failure);               // "account_closed", ...
std::optional<BankFailure> ParseBankFailure(std::string_view text);  // any case

enum class BankColumn { kBatch, kMember, kAmount, kResult, kReason, kPaidOn, kReference };
inline constexpr int kBankColumnCount = 7;
// "batch", "member", "amount", "result", "reason", "paid_on", "bank_reference".
std::string_view BankColumnName(BankColumn column);
// Header names accepted for a column, normalised (employers::NormaliseHeader: lower case,
// "_" and "-" as spaces): "member", "member id", "nomor peserta", ...
std::span<const std::string_view> AcceptedBankResultHeaders(BankColumn column);

struct BankResultRow {
  std::int64_t row_number = 0;
  std::int64_t member_id = 0;
  std::int64_t amount = 0;
  bool paid = false;
  std::optional<BankFailure> reason;  // failed only
  std::string paid_on;                // paid only
  std::string reference;              // paid only

  bool operator==(const BankResultRow&) const = default;
};

enum class BankRowProblem {
  kMemberInvalid,      // not a whole number above 0
  kMemberUnknown,      // no payment of this batch was sent to that member
  kMemberRepeated,     // a second row for the same member
  kAmountInvalid,      // not whole rupiah
  kAmountMismatch,     // not the payment's amount
  kResultInvalid,      // neither paid nor failed
  kReasonMissing,      // failed without a reason
  kReasonInvalid,      // not one of the reason codes
  kReasonNotExpected,  // a reason on a paid row
  kDateMissing,        // paid without the day
  kDateInvalid,        // not YYYY-MM-DD, or no such day
  kDateFuture,         // after today
  kReferenceMissing,   // paid without the bank's reference
  kBatchMismatch,      // the batch column names another batch
  kAlreadyRecorded,    // the payment already has another result
};
// "member_invalid", ...: the catalog id's last part (subsidy.batch.problem_<name>).
std::string_view BankRowProblemName(BankRowProblem problem);

struct BankRowIssue {
  std::int64_t row_number = 0;
  BankColumn column = BankColumn::kMember;
  BankRowProblem problem = BankRowProblem::kMemberInvalid;
  std::string cell;  // as written

  bool operator==(const BankRowIssue&) const = default;
};

enum class BankFileProblem {
  kNone,
  kEmptyFile,
  kUtf16,
  kNotUtf8,
  kMalformedQuotes,
  kUnterminatedQuote,
  kCellTooLong,
  kTooManyColumns,
  kMissingColumn,    // `column` has no header
  kDuplicateColumn,  // two headers for `column`; `detail` is the second
  kNoRows,
  kTooManyRows,
  kControlMismatch,  // the control-total row does not add up to the rows
  kTotalsMismatch,   // the rows' count or sum is not the batch's as sent
};
// "empty_file", ...: the catalog id's last part (subsidy.batch.file_<name>).
std::string_view BankFileProblemName(BankFileProblem problem);

struct BankFileError {
  BankFileProblem problem = BankFileProblem::kNone;
  std::int64_t row_number = 0;  // 0: the file as a whole
  std::optional<BankColumn> column{};
  std::string detail{};
  // kTotalsMismatch and kControlMismatch: what the file says and what was expected.
  std::int64_t file_rows = 0, file_total = 0, expected_rows = 0, expected_total = 0;

  bool operator==(const BankFileError&) const = default;
};

struct BankResultFile {
  std::optional<BankFileError> error;         // set: nothing else counts
  std::vector<BankResultRow> rows;            // rows without problems, in file order
  std::vector<BankRowIssue> issues;           // every problem of every row, in file order
  std::int64_t data_rows = 0;                 // payment rows read (the control row not counted)
  std::int64_t amount_total = 0;              // the sum of the amounts that could be read
  std::map<BankColumn, std::string> headers;  // as the file wrote them
};

// Reads and checks the whole file (at most `max_rows` payment rows). `batch_id`: the batch
// being imported; `today`: the fund's day, YYYY-MM-DD.
BankResultFile ReadBankResultFile(std::string_view bytes, std::int64_t batch_id,
                                  std::string_view today, std::size_t max_rows);

// A payment of the batch that was sent to the bank, as it stands now.
struct SentPayment {
  std::int64_t member_id = 0;
  std::int64_t amount = 0;
  // pending, paid, failed, rerouted_post_office, returned_to_employer
  std::string result = "pending";
  std::string failure_reason;  // the bank's reason, kept after a reroute or return
  std::string paid_on, reference;
};

struct BankResultPlan {
  std::optional<BankFileError> totals;  // kTotalsMismatch: the file does not cover the batch
  std::vector<BankResultRow> to_apply;  // payments still pending, in file order
  std::int64_t unchanged = 0;           // rows saying what is already recorded
  std::vector<BankRowIssue> issues;
};

// Checks the rows of a file read without problems against the payments sent: each member
// once, the amount the one sent, a recorded result the same one (a failed payment since
// rerouted or returned still matches its failure), and the file's count and total the batch's.
BankResultPlan MatchBankResults(const BankResultFile& file, const std::vector<SentPayment>& sent);

// True for an existing day written YYYY-MM-DD (years 1900-9999).
bool IsIsoDay(std::string_view text);

}  // namespace lumbung::subsidy
