#include "employers/report_validation.h"

#include <stdexcept>

#include "core/i18n/rupiah_input.h"
#include "employers/kpj_number.h"
#include "registry/nik.h"

namespace lumbung::employers {
namespace {

struct CodeInfo {
  IssueCode code;
  std::string_view type;
  std::string_view message_id;
};

constexpr CodeInfo kCodes[] = {
    {IssueCode::kFileEmpty, "file-empty", "employers.report.file_empty"},
    {IssueCode::kFileUtf16, "encoding-utf16", "employers.report.file_utf16"},
    {IssueCode::kFileNotUtf8, "encoding-not-utf8", "employers.report.file_not_utf8"},
    {IssueCode::kFileMalformedQuotes, "malformed-quotes", "employers.report.file_malformed_quotes"},
    {IssueCode::kFileUnterminatedQuote, "unterminated-quote",
     "employers.report.file_unterminated_quote"},
    {IssueCode::kFileCellTooLong, "cell-too-long", "employers.report.file_cell_too_long"},
    {IssueCode::kFileTooManyColumns, "too-many-columns", "employers.report.file_too_many_columns"},
    {IssueCode::kFileMissingIdColumn, "missing-id-column",
     "employers.report.file_missing_id_column"},
    {IssueCode::kFileMissingWageColumn, "missing-wage-column",
     "employers.report.file_missing_wage_column"},
    {IssueCode::kFileDuplicateColumn, "duplicate-column", "employers.report.file_duplicate_column"},
    {IssueCode::kFileNoRows, "no-rows", "employers.report.file_no_rows"},
    {IssueCode::kFileUnreadable, "unreadable", "employers.report.file_unreadable"},
    {IssueCode::kMissingId, "missing-id", "employers.report.missing_id"},
    {IssueCode::kNikInvalid, "nik-invalid", "employers.report.nik_invalid"},
    {IssueCode::kKpjInvalid, "kpj-invalid", "employers.report.kpj_invalid"},
    {IssueCode::kKpjCheckDigit, "kpj-check-digit", "employers.report.kpj_check_digit"},
    {IssueCode::kNikUnknown, "nik-unknown", "employers.report.nik_unknown"},
    {IssueCode::kKpjUnknown, "kpj-unknown", "employers.report.kpj_unknown"},
    {IssueCode::kIdMismatch, "id-mismatch", "employers.report.id_mismatch"},
    {IssueCode::kNotEmployed, "not-employed", "employers.report.not_employed"},
    {IssueCode::kDuplicateRow, "duplicate-row", "employers.report.duplicate_row"},
    {IssueCode::kWageMissing, "wage-missing", "employers.report.wage_missing"},
    {IssueCode::kWageNotANumber, "wage-not-a-number", "employers.report.wage_not_a_number"},
    {IssueCode::kWageCents, "wage-cents", "employers.report.wage_cents"},
    {IssueCode::kWageNegative, "wage-negative", "employers.report.wage_negative"},
    {IssueCode::kWageTooLarge, "wage-too-large", "employers.report.wage_too_large"},
    {IssueCode::kWageZero, "wage-zero", "employers.report.wage_zero"},
    {IssueCode::kIdScientificNotation, "id-scientific-notation",
     "employers.report.id_scientific_notation"},
    {IssueCode::kWageBelowMinimum, "wage-below-minimum", "employers.report.wage_below_minimum"},
    {IssueCode::kNameMismatch, "name-mismatch", "employers.report.name_mismatch"},
    {IssueCode::kColumnIgnored, "column-ignored", "employers.report.column_ignored"},
};

const CodeInfo& InfoOf(IssueCode code) {
  for (const CodeInfo& info : kCodes) {
    if (info.code == code) return info;
  }
  throw std::invalid_argument("unknown issue code");
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// "3.37401E+15", "3,374E15": what a spreadsheet makes of a long number in a number cell.
bool LooksScientific(std::string_view s) {
  std::size_t i = 0;
  if (i >= s.size() || !IsDigit(s[i])) return false;
  while (i < s.size() && IsDigit(s[i])) ++i;
  if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
    ++i;
    while (i < s.size() && IsDigit(s[i])) ++i;
  }
  if (i >= s.size() || (s[i] != 'e' && s[i] != 'E')) return false;
  ++i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i >= s.size()) return false;
  while (i < s.size() && IsDigit(s[i])) ++i;
  return i == s.size();
}

// A name as people read it, one character at a time: ASCII case folded, spaces, tabs and line
// breaks around the words dropped and between them one space.
class NameKeyReader {
 public:
  explicit NameKeyReader(std::string_view name) : name_(name) {}
  // The next character, or -1 at the end.
  int Next() {
    bool gap = false;
    while (at_ < name_.size() && IsNameSpace(name_[at_])) {
      gap = true;
      ++at_;
    }
    if (at_ == name_.size()) return -1;
    if (gap && started_) return ' ';  // the word after it comes next time
    started_ = true;
    const char c = name_[at_++];
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : static_cast<unsigned char>(c);
  }

 private:
  static bool IsNameSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
  std::string_view name_;
  std::size_t at_ = 0;
  bool started_ = false;
};

// Names compared as people read them: case and runs of spaces do not matter.
bool SameName(std::string_view a, std::string_view b) {
  if (a == b) return true;
  NameKeyReader x(a), y(b);
  for (;;) {
    const int c = x.Next();
    if (c != y.Next()) return false;
    if (c < 0) return true;
  }
}

}  // namespace

Severity SeverityOf(IssueCode code) {
  return static_cast<int>(code) >= 300 ? Severity::kWarning : Severity::kError;
}

std::string_view IssueType(IssueCode code) {
  return InfoOf(code).type;
}

std::string_view IssueMessageId(IssueCode code) {
  return InfoOf(code).message_id;
}

Issue FileIssue(const ReadError& error) {
  Issue issue;
  issue.row_number = error.row_number;
  switch (error.problem) {
    case ReadProblem::kNone:
    case ReadProblem::kUnreadable:
      issue.code = IssueCode::kFileUnreadable;
      break;
    case ReadProblem::kEmptyFile:
      issue.code = IssueCode::kFileEmpty;
      break;
    case ReadProblem::kUtf16:
      issue.code = IssueCode::kFileUtf16;
      break;
    case ReadProblem::kNotUtf8:
      issue.code = IssueCode::kFileNotUtf8;
      break;
    case ReadProblem::kMalformedQuotes:
      issue.code = IssueCode::kFileMalformedQuotes;
      break;
    case ReadProblem::kUnterminatedQuote:
      issue.code = IssueCode::kFileUnterminatedQuote;
      break;
    case ReadProblem::kCellTooLong:
      issue.code = IssueCode::kFileCellTooLong;
      break;
    case ReadProblem::kTooManyColumns:
      issue.code = IssueCode::kFileTooManyColumns;
      break;
    case ReadProblem::kMissingIdColumn:
      issue.code = IssueCode::kFileMissingIdColumn;
      break;
    case ReadProblem::kMissingWageColumn:
      issue.code = IssueCode::kFileMissingWageColumn;
      break;
    case ReadProblem::kDuplicateColumn:
      issue.code = IssueCode::kFileDuplicateColumn;
      issue.field_name = error.header;
      break;
  }
  return issue;
}

ReportValidator::ReportValidator(ValidationContext context, std::size_t keep)
    : context_(std::move(context)), keep_(keep) {}

void ReportValidator::Add(Issue issue) {
  if (SeverityOf(issue.code) == Severity::kError) {
    ++summary_.errors;
  } else {
    ++summary_.warnings;
  }
  if (summary_.kept.size() < keep_) summary_.kept.push_back(issue);
  row_issues_.push_back(std::move(issue));
}

void ReportValidator::AddCell(IssueCode code, const WageReportRow& row,
                              std::optional<std::size_t> column,
                              std::optional<std::int64_t> first_row, std::optional<Rupiah> amount) {
  Issue issue;
  issue.code = code;
  issue.row_number = row.row_number;
  if (column) {
    if (*column < header_.cells.size()) issue.field_name = header_.cells[*column];
    issue.field_number = *column + 1;
    issue.cell = std::string(row.Cell(column));
  }
  issue.first_row = first_row;
  issue.amount = amount;
  Add(std::move(issue));
}

void ReportValidator::Header(const WageReportHeader& header) {
  header_ = header;
  first_row_of_worker_.assign(context_.worker_count, 0);
  row_issues_.clear();
  for (std::size_t index : header_.ignored) {
    Issue issue;
    issue.code = IssueCode::kColumnIgnored;
    issue.row_number = header_.row_number;
    issue.field_name = header_.cells[index];
    issue.field_number = index + 1;
    issue.cell = header_.cells[index];
    Add(std::move(issue));
  }
}

const KnownWorker* ReportValidator::Identify(const WageReportRow& row) {
  const std::string_view nik = row.Cell(header_.nik), kpj = row.Cell(header_.kpj);
  if (nik.empty() && kpj.empty()) {
    AddCell(IssueCode::kMissingId, row, header_.nik ? header_.nik : header_.kpj);
    return nullptr;
  }
  const KnownWorker* by_nik = nullptr;
  const KnownWorker* by_kpj = nullptr;
  bool unknown = false;
  if (!nik.empty()) {
    by_nik = context_.by_nik ? context_.by_nik(nik) : nullptr;
    if (!by_nik) {
      unknown = true;
      AddCell(LooksScientific(nik) ? IssueCode::kIdScientificNotation
              : registry::CheckNikStructure(nik) != registry::NikProblem::kNone
                  ? IssueCode::kNikInvalid
                  : IssueCode::kNikUnknown,
              row, header_.nik);
    }
  }
  if (!kpj.empty()) {
    by_kpj = context_.by_kpj ? context_.by_kpj(kpj) : nullptr;
    if (!by_kpj) {
      unknown = true;
      const KpjProblem problem = CheckKpj(kpj);
      AddCell(LooksScientific(kpj)                      ? IssueCode::kIdScientificNotation
              : problem == KpjProblem::kNotElevenDigits ? IssueCode::kKpjInvalid
              : problem == KpjProblem::kBadCheckDigit   ? IssueCode::kKpjCheckDigit
                                                        : IssueCode::kKpjUnknown,
              row, header_.kpj);
    }
  }
  if (unknown) return nullptr;
  if (by_nik && by_kpj && by_nik->id != by_kpj->id) {
    AddCell(IssueCode::kIdMismatch, row, header_.kpj);
    return nullptr;
  }
  const KnownWorker* worker = by_nik ? by_nik : by_kpj;
  const auto id_column = by_nik ? header_.nik : header_.kpj;
  if (worker->index >= first_row_of_worker_.size()) {
    throw std::out_of_range("ReportValidator: worker index beyond worker_count");
  }
  std::int64_t& first_row = first_row_of_worker_[worker->index];
  if (first_row != 0) {
    AddCell(IssueCode::kDuplicateRow, row, id_column, first_row);
    return nullptr;
  }
  first_row = row.row_number;
  if (!worker->employed_in_month) {
    AddCell(IssueCode::kNotEmployed, row, id_column);
    return nullptr;
  }
  if (header_.name) {
    const std::string_view name = row.Cell(header_.name);
    if (!name.empty() && !SameName(name, worker->name)) {
      AddCell(IssueCode::kNameMismatch, row, header_.name);
    }
  }
  return worker;
}

std::optional<Rupiah> ReportValidator::CheckWage(const WageReportRow& row) {
  const i18n::RupiahInput wage = i18n::ParseRupiah(row.Cell(header_.wage), context_.max_wage);
  std::optional<IssueCode> error;
  switch (wage.error) {
    case i18n::RupiahInputError::kNone:
      break;
    case i18n::RupiahInputError::kEmpty:
      error = IssueCode::kWageMissing;
      break;
    case i18n::RupiahInputError::kNotUnderstood:
    case i18n::RupiahInputError::kShorthand:
      error = IssueCode::kWageNotANumber;
      break;
    case i18n::RupiahInputError::kCents:
      error = IssueCode::kWageCents;
      break;
    case i18n::RupiahInputError::kNegative:
      error = IssueCode::kWageNegative;
      break;
    case i18n::RupiahInputError::kTooLarge:
      AddCell(IssueCode::kWageTooLarge, row, header_.wage, std::nullopt, context_.max_wage);
      return std::nullopt;
  }
  if (!error && *wage.amount == 0) error = IssueCode::kWageZero;
  if (error) {
    AddCell(*error, row, header_.wage);
    return std::nullopt;
  }
  if (context_.regional_minimum_wage > 0 && *wage.amount < context_.regional_minimum_wage) {
    AddCell(IssueCode::kWageBelowMinimum, row, header_.wage, std::nullopt,
            context_.regional_minimum_wage);
  }
  return wage.amount;
}

RowOutcome ReportValidator::Row(const WageReportRow& row) {
  row_issues_.clear();
  ++summary_.rows;
  const std::int64_t errors_before = summary_.errors;
  const KnownWorker* worker = Identify(row);
  const std::optional<Rupiah> wage = CheckWage(row);
  RowOutcome outcome;
  if (worker && wage && summary_.errors == errors_before) {
    outcome.accepted = ReportedWage{worker->id, *wage, worker->programs};
    ++summary_.accepted_rows;
  }
  outcome.issues = row_issues_;
  return outcome;
}

void ReportValidator::FileRefused(const ReadError& error) {
  row_issues_.clear();
  summary_.file_refused = true;
  Add(FileIssue(error));
}

const ValidationSummary& ReportValidator::Finish() {
  if (!finished_) {
    finished_ = true;
    row_issues_.clear();
    if (!summary_.file_refused && summary_.rows == 0) {
      Issue issue;
      issue.code = IssueCode::kFileNoRows;
      issue.row_number = header_.row_number;
      Add(std::move(issue));
    }
  }
  return summary_;
}

}  // namespace lumbung::employers
