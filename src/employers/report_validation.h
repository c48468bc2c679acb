// Checks every row of a wage report against what the caller knows (this employer's workers and
// the regional minimum wage of the month) before anything is stored. Pure: the caller looks
// workers up (from the database, once per upload) and decides what to store.
//
// Every problem is an Issue with a stable numbered code (the table in docs/employers.md; a
// code's meaning never changes, new problems get new numbers), the row as the employer's
// spreadsheet shows it, the column's header as they wrote it, the cell, and a catalog message
// id (rendered by report_output.h). Errors refuse the row; warnings (a wage below the regional
// minimum, a name that differs from the registry's) are shown but keep the row.
//
// Lookup first, checks after: a NIK or KPJ the employer's list knows is accepted even if it
// predates the check digit or the NIK rules; for one it does not know, the checks explain why
// (a malformed NIK, a KPJ with a wrong check digit, a number a spreadsheet wrote as 3.37E+15).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "employers/bill.h"
#include "employers/wage_report_csv.h"

namespace lumbung::employers {

enum class IssueCode {
  // The file (1xx): it is refused as a whole.
  kFileEmpty = 101,
  kFileUtf16 = 102,
  kFileNotUtf8 = 103,
  kFileMalformedQuotes = 104,
  kFileUnterminatedQuote = 105,
  kFileCellTooLong = 106,
  kFileTooManyColumns = 107,
  kFileMissingIdColumn = 108,
  kFileMissingWageColumn = 109,
  kFileDuplicateColumn = 110,
  kFileNoRows = 111,
  kFileUnreadable = 112,
  // A row (2xx): the row is refused.
  kMissingId = 201,
  kNikInvalid = 202,
  kKpjInvalid = 203,
  kKpjCheckDigit = 204,
  kNikUnknown = 205,
  kKpjUnknown = 206,
  kIdMismatch = 207,
  kNotEmployed = 208,
  kDuplicateRow = 209,
  kWageMissing = 210,
  kWageNotANumber = 211,
  kWageCents = 212,
  kWageNegative = 213,
  kWageTooLarge = 214,
  kWageZero = 215,
  kIdScientificNotation = 216,
  // Warnings (3xx): shown, the row is kept.
  kWageBelowMinimum = 301,
  kNameMismatch = 302,
  kColumnIgnored = 303,
};

enum class Severity { kError, kWarning };

Severity SeverityOf(IssueCode code);
// The Frictionless-style type, e.g. "nik-unknown" (stable like the number).
std::string_view IssueType(IssueCode code);
// The catalog id of the message, e.g. "employers.report.nik_unknown".
std::string_view IssueMessageId(IssueCode code);

struct Issue {
  IssueCode code = IssueCode::kFileEmpty;
  std::int64_t row_number = 0;              // 0 for the file as a whole
  std::string field_name;                   // the header as written; "" when not one cell
  std::optional<std::size_t> field_number;  // 1-based column
  std::string cell;
  // For the message: the row a duplicate first appeared in, or the minimum wage.
  std::optional<std::int64_t> first_row;
  std::optional<Rupiah> amount;
};

// One of the employer's workers as the caller knows them.
struct KnownWorker {
  WorkerId id = 0;
  // Dense, 0 .. worker_count - 1: lets the validator remember which workers it has seen in
  // 8 bytes each, without a hash table.
  std::size_t index = 0;
  std::string_view nik, kpj, name;
  bool employed_in_month = false;  // a spell at this employer covers the report's month
  Enrolment programs;
};

struct ValidationContext {
  std::size_t worker_count = 0;
  // nullptr when the employer has no such worker (at any time).
  std::function<const KnownWorker*(std::string_view nik)> by_nik;
  std::function<const KnownWorker*(std::string_view kpj)> by_kpj;
  Rupiah regional_minimum_wage = 0;  // for the month and the employer's region; 0: unknown
  Rupiah max_wage = 1'000'000'000'000;
};

struct RowOutcome {
  std::optional<ReportedWage> accepted;  // set when the row has no error
  std::span<const Issue> issues;         // valid until the next call
};

struct ValidationSummary {
  std::int64_t rows = 0;           // data rows read
  std::int64_t accepted_rows = 0;  // rows without errors
  std::int64_t errors = 0;         // all of them, also those not kept
  std::int64_t warnings = 0;
  bool file_refused = false;  // a 1xx error: nothing in the file can be used
  std::vector<Issue> kept;    // the first `keep` issues, in file order
  bool valid() const { return errors == 0; }
};

// Streaming: Header, then Row for each row, then Finish (or FileRefused for a reader error).
class ReportValidator {
 public:
  explicit ReportValidator(ValidationContext context, std::size_t keep = 100);

  void Header(const WageReportHeader& header);
  RowOutcome Row(const WageReportRow& row);
  void FileRefused(const ReadError& error);
  // Ends the file (a header without rows is an error). Returns the summary.
  const ValidationSummary& Finish();
  const ValidationSummary& summary() const { return summary_; }

 private:
  void Add(Issue issue);
  void AddCell(IssueCode code, const WageReportRow& row, std::optional<std::size_t> column,
               std::optional<std::int64_t> first_row = std::nullopt,
               std::optional<Rupiah> amount = std::nullopt);
  const KnownWorker* Identify(const WageReportRow& row);
  std::optional<Rupiah> CheckWage(const WageReportRow& row);

  ValidationContext context_;
  std::size_t keep_;
  WageReportHeader header_;
  bool finished_ = false;
  std::vector<std::int64_t> first_row_of_worker_;  // by KnownWorker::index; 0: not yet seen
  std::vector<Issue> row_issues_;
  ValidationSummary summary_;
};

// The reader's refusal as the issue shown to the employer.
Issue FileIssue(const ReadError& error);

}  // namespace lumbung::employers
