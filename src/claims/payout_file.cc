#include "claims/payout_file.h"

#include <array>
#include <chrono>
#include <set>
#include <unordered_map>

#include "claims/reference.h"
#include "core/csv/safe_csv.h"
#include "core/i18n/rupiah_input.h"
#include "employers/csv_stream.h"

namespace lumbung::claims {
namespace {

constexpr std::array<std::string_view, 8> kBankFileColumns = {
    "batch",          "item",        "reference", "bank_code",
    "account_number", "holder_name", "amount",    "description"};

constexpr std::array<std::string_view, kResultColumnCount> kColumnNames = {
    "batch", "item", "reference", "amount", "result", "reason", "paid_on"};

// Normalised as employers::NormaliseHeader writes them.
constexpr std::string_view kBatchHeaders[] = {"batch", "batch id", "batch no", "nomor batch"};
constexpr std::string_view kItemHeaders[] = {"item", "item id", "item no", "id item", "nomor item"};
constexpr std::string_view kReferenceHeaders[] = {"reference", "claim reference", "referensi",
                                                  "nomor klaim", "no klaim"};
constexpr std::string_view kAmountHeaders[] = {"amount", "jumlah", "nominal"};
constexpr std::string_view kResultHeaders[] = {"result", "hasil", "status"};
constexpr std::string_view kReasonHeaders[] = {"reason", "reason code", "alasan", "kode alasan"};
constexpr std::string_view kPaidOnHeaders[] = {"paid on",      "paid date",     "date paid",
                                               "payment date", "tanggal bayar", "tanggal dibayar"};

// Larger than any benefit; a figure above it is a column mix-up (an account number as amount).
constexpr std::int64_t kMaxAmount = 1'000'000'000'000;

constexpr std::array<std::string_view, 17> kProblemNames = {
    "item_invalid",       "item_unknown",   "item_repeated",       "reference_invalid",
    "reference_mismatch", "amount_invalid", "amount_mismatch",     "result_invalid",
    "reason_missing",     "reason_invalid", "reason_not_expected", "date_missing",
    "date_invalid",       "date_future",    "batch_mismatch",      "already_recorded",
    "not_allowed"};

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A whole number above 0 written with digits only (at most 18 of them).
std::optional<std::int64_t> PositiveNumber(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value <= 0) return std::nullopt;
  return value;
}

ResultFileProblem FromCsv(employers::CsvProblem problem) {
  using P = employers::CsvProblem;
  switch (problem) {
    case P::kEmptyFile:
      return ResultFileProblem::kEmptyFile;
    case P::kUtf16:
      return ResultFileProblem::kUtf16;
    case P::kNotUtf8:
      return ResultFileProblem::kNotUtf8;
    case P::kMalformedQuotes:
      return ResultFileProblem::kMalformedQuotes;
    case P::kUnterminatedQuote:
      return ResultFileProblem::kUnterminatedQuote;
    case P::kCellTooLong:
      return ResultFileProblem::kCellTooLong;
    case P::kTooManyColumns:
      return ResultFileProblem::kTooManyColumns;
    case P::kStopped:  // only ever stopped for too many rows
      return ResultFileProblem::kTooManyRows;
    case P::kNone:
    case P::kUnreadable:
      break;
  }
  return ResultFileProblem::kMalformedQuotes;
}

}  // namespace

std::span<const std::string_view> BankFileColumns() {
  return kBankFileColumns;
}

std::string BankFileHeaderLine() {
  return csv::CsvLine(std::vector<std::string>(kBankFileColumns.begin(), kBankFileColumns.end()));
}

std::string BankFileLine(const BankFileRow& row) {
  // Numbers the bank reads as numbers are written as numbers; everything a person typed
  // (the holder's name) or that could start with a formula character goes through CsvCell.
  return csv::CsvLine({csv::CsvNumber(row.batch_id), csv::CsvNumber(row.item_id),
                       csv::CsvCell(row.reference), csv::CsvCell(row.bank_code),
                       csv::CsvCell(row.account_number), csv::CsvCell(row.holder_name),
                       csv::CsvNumber(row.amount), csv::CsvCell(row.description)});
}

std::string PayoutDescription(std::string_view program, std::string_view reference) {
  return "Lumbung " + std::string(program) + " " + std::string(reference);
}

std::string_view PayoutResultName(PayoutResult result) {
  return result == PayoutResult::kPaid ? "paid" : "failed";
}

std::optional<PayoutResult> ParsePayoutResult(std::string_view text) {
  const std::string word = Lower(Trim(text));
  if (word == "paid") return PayoutResult::kPaid;
  if (word == "failed") return PayoutResult::kFailed;
  return std::nullopt;
}

std::string_view FailureReasonName(FailureReason reason) {
  switch (reason) {
    case FailureReason::kClosed:
      return "closed";
    case FailureReason::kInvalidAccount:
      return "invalid_account";
    case FailureReason::kNameMismatch:
      return "name_mismatch";
    case FailureReason::kOther:
      return "other";
  }
  return "other";
}

std::optional<FailureReason> ParseFailureReason(std::string_view text) {
  const std::string word = Lower(Trim(text));
  for (auto r : {FailureReason::kClosed, FailureReason::kInvalidAccount,
                 FailureReason::kNameMismatch, FailureReason::kOther}) {
    if (word == FailureReasonName(r)) return r;
  }
  return std::nullopt;
}

std::string_view ResultColumnName(ResultColumn column) {
  return kColumnNames[static_cast<int>(column)];
}

std::span<const std::string_view> AcceptedResultHeaders(ResultColumn column) {
  switch (column) {
    case ResultColumn::kBatch:
      return kBatchHeaders;
    case ResultColumn::kItem:
      return kItemHeaders;
    case ResultColumn::kReference:
      return kReferenceHeaders;
    case ResultColumn::kAmount:
      return kAmountHeaders;
    case ResultColumn::kResult:
      return kResultHeaders;
    case ResultColumn::kReason:
      return kReasonHeaders;
    case ResultColumn::kPaidOn:
      return kPaidOnHeaders;
  }
  return {};
}

std::string_view ResultProblemName(ResultProblem problem) {
  return kProblemNames[static_cast<int>(problem)];
}

std::string_view ResultFileProblemName(ResultFileProblem problem) {
  switch (problem) {
    case ResultFileProblem::kNone:
      return "none";
    case ResultFileProblem::kEmptyFile:
      return "empty_file";
    case ResultFileProblem::kUtf16:
      return "utf16";
    case ResultFileProblem::kNotUtf8:
      return "not_utf8";
    case ResultFileProblem::kMalformedQuotes:
      return "malformed_quotes";
    case ResultFileProblem::kUnterminatedQuote:
      return "unterminated_quote";
    case ResultFileProblem::kCellTooLong:
      return "cell_too_long";
    case ResultFileProblem::kTooManyColumns:
      return "too_many_columns";
    case ResultFileProblem::kMissingColumn:
      return "missing_column";
    case ResultFileProblem::kDuplicateColumn:
      return "duplicate_column";
    case ResultFileProblem::kNoRows:
      return "no_rows";
    case ResultFileProblem::kTooManyRows:
      return "too_many_rows";
  }
  return "none";
}

bool IsIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int parts[3] = {0, 0, 0};
  const std::pair<std::size_t, std::size_t> spans[] = {{0, 4}, {5, 2}, {8, 2}};
  for (int i = 0; i < 3; ++i) {
    for (std::size_t k = 0; k < spans[i].second; ++k) {
      const char c = text[spans[i].first + k];
      if (c < '0' || c > '9') return false;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  if (parts[0] < 1900) return false;
  return std::chrono::year_month_day{std::chrono::year(parts[0]),
                                     std::chrono::month(static_cast<unsigned>(parts[1])),
                                     std::chrono::day(static_cast<unsigned>(parts[2]))}
      .ok();
}

ResultFile ReadResultFile(std::string_view bytes, std::int64_t batch_id, std::string_view today,
                          std::size_t max_rows) {
  ResultFile out;
  std::array<std::optional<std::size_t>, kResultColumnCount> index{};
  bool header_done = false;
  std::size_t data_rows = 0;

  const auto on_row = [&](const employers::CsvRow& csv_row) -> bool {
    if (!header_done) {
      header_done = true;
      for (std::size_t i = 0; i < csv_row.cells.size(); ++i) {
        const std::string name = employers::NormaliseHeader(csv_row.cells[i]);
        for (int c = 0; c < kResultColumnCount; ++c) {
          const auto column = static_cast<ResultColumn>(c);
          bool accepted = false;
          for (auto h : AcceptedResultHeaders(column)) accepted = accepted || h == name;
          if (!accepted) continue;
          if (index[c]) {
            out.error = ResultFileError{ResultFileProblem::kDuplicateColumn, csv_row.row_number,
                                        column, csv_row.cells[i]};
            return false;
          }
          index[c] = i;
          out.headers[column] = csv_row.cells[i];
        }
      }
      for (int c = 0; c < kResultColumnCount; ++c) {
        const auto column = static_cast<ResultColumn>(c);
        if (!index[c] && column != ResultColumn::kBatch) {
          out.error =
              ResultFileError{ResultFileProblem::kMissingColumn, csv_row.row_number, column, ""};
          return false;
        }
      }
      return true;
    }
    if (++data_rows > max_rows) return false;
    const std::int64_t n = csv_row.row_number;
    const auto cell = [&](ResultColumn column) {
      return Trim(csv_row.Cell(index[static_cast<int>(column)]));
    };
    const std::size_t issues_before = out.issues.size();
    const auto problem = [&](ResultColumn column, ResultProblem p) {
      out.issues.push_back({n, column, p, std::string(cell(column))});
    };
    ResultRow row;
    row.row_number = n;
    if (index[static_cast<int>(ResultColumn::kBatch)]) {
      const auto batch = PositiveNumber(cell(ResultColumn::kBatch));
      if (!batch || *batch != batch_id)
        problem(ResultColumn::kBatch, ResultProblem::kBatchMismatch);
    }
    if (auto item = PositiveNumber(cell(ResultColumn::kItem))) {
      row.item_id = *item;
    } else {
      problem(ResultColumn::kItem, ResultProblem::kItemInvalid);
    }
    if (auto reference = ParseReference(cell(ResultColumn::kReference))) {
      row.reference = *reference;
    } else {
      problem(ResultColumn::kReference, ResultProblem::kReferenceInvalid);
    }
    const auto amount = i18n::ParseRupiah(cell(ResultColumn::kAmount), kMaxAmount);
    if (amount.amount && *amount.amount > 0) {
      row.amount = *amount.amount;
    } else {
      problem(ResultColumn::kAmount, ResultProblem::kAmountInvalid);
    }
    const auto result = ParsePayoutResult(cell(ResultColumn::kResult));
    const std::string_view reason = cell(ResultColumn::kReason);
    const std::string_view paid_on = cell(ResultColumn::kPaidOn);
    if (!result) {
      problem(ResultColumn::kResult, ResultProblem::kResultInvalid);
    } else if (*result == PayoutResult::kPaid) {
      row.result = PayoutResult::kPaid;
      if (!reason.empty()) problem(ResultColumn::kReason, ResultProblem::kReasonNotExpected);
      if (paid_on.empty()) {
        problem(ResultColumn::kPaidOn, ResultProblem::kDateMissing);
      } else if (!IsIsoDate(paid_on)) {
        problem(ResultColumn::kPaidOn, ResultProblem::kDateInvalid);
      } else if (paid_on > today) {
        problem(ResultColumn::kPaidOn, ResultProblem::kDateFuture);
      } else {
        row.paid_on = std::string(paid_on);
      }
    } else {
      row.result = PayoutResult::kFailed;
      if (reason.empty()) {
        problem(ResultColumn::kReason, ResultProblem::kReasonMissing);
      } else if (auto r = ParseFailureReason(reason)) {
        row.reason = *r;
      } else {
        problem(ResultColumn::kReason, ResultProblem::kReasonInvalid);
      }
      // A day on a failed row (when the bank returned it) is not needed, but must be a day.
      if (!paid_on.empty() && !IsIsoDate(paid_on)) {
        problem(ResultColumn::kPaidOn, ResultProblem::kDateInvalid);
      }
    }
    if (out.issues.size() == issues_before) out.rows.push_back(std::move(row));
    return true;
  };

  employers::CsvStream stream(on_row);
  stream.Feed(bytes);
  const auto csv_error = stream.Finish();
  if (out.error) {
    out.rows.clear();
    out.issues.clear();
    return out;
  }
  if (csv_error) {
    out.error = ResultFileError{FromCsv(csv_error->problem), csv_error->row_number};
    out.rows.clear();
    out.issues.clear();
    return out;
  }
  if (data_rows == 0) out.error = ResultFileError{ResultFileProblem::kNoRows, 0};
  return out;
}

ResultPlan MatchResults(const std::vector<ResultRow>& rows,
                        const std::vector<BatchItemFacts>& items) {
  ResultPlan plan;
  std::unordered_map<std::int64_t, const BatchItemFacts*> by_id;
  for (const auto& item : items) by_id[item.item_id] = &item;
  std::set<std::int64_t> seen;
  for (const auto& row : rows) {
    const auto issue = [&](ResultColumn column, ResultProblem problem, std::string cell) {
      plan.issues.push_back({row.row_number, column, problem, std::move(cell)});
    };
    const auto found = by_id.find(row.item_id);
    if (found == by_id.end()) {
      issue(ResultColumn::kItem, ResultProblem::kItemUnknown, std::to_string(row.item_id));
      continue;
    }
    if (!seen.insert(row.item_id).second) {
      issue(ResultColumn::kItem, ResultProblem::kItemRepeated, std::to_string(row.item_id));
      continue;
    }
    const BatchItemFacts& item = *found->second;
    bool fits = true;
    if (row.reference != item.reference) {
      issue(ResultColumn::kReference, ResultProblem::kReferenceMismatch, row.reference);
      fits = false;
    }
    if (row.amount != item.amount) {
      issue(ResultColumn::kAmount, ResultProblem::kAmountMismatch, std::to_string(row.amount));
      fits = false;
    }
    if (!fits) continue;
    if (item.result == "pending") {
      plan.to_apply.push_back(row);
      continue;
    }
    const std::string result(PayoutResultName(row.result));
    if (result != item.result) {
      issue(ResultColumn::kResult, ResultProblem::kAlreadyRecorded, result);
    } else if (row.result == PayoutResult::kPaid && row.paid_on != item.paid_on) {
      issue(ResultColumn::kPaidOn, ResultProblem::kAlreadyRecorded, row.paid_on);
    } else if (row.result == PayoutResult::kFailed &&
               FailureReasonName(row.reason.value_or(FailureReason::kOther)) !=
                   item.failure_reason) {
      issue(ResultColumn::kReason, ResultProblem::kAlreadyRecorded,
            std::string(FailureReasonName(row.reason.value_or(FailureReason::kOther))));
    } else {
      ++plan.unchanged;
    }
  }
  return plan;
}

}  // namespace lumbung::claims
