#include "subsidy/bank_result.h"

#include <array>
#include <chrono>
#include <set>
#include <unordered_map>

#include "core/i18n/rupiah_input.h"
#include "employers/csv_stream.h"
#include "subsidy/disbursement_file.h"

namespace lumbung::subsidy {
namespace {

constexpr std::array<std::string_view, kBankFailureCount> kFailureNames = {
    "account_closed", "account_dormant",      "account_invalid",
    "account_frozen", "account_nik_mismatch", "account_not_registered"};

constexpr std::array<std::string_view, kBankColumnCount> kColumnNames = {
    "batch", "member", "amount", "result", "reason", "paid_on", "bank_reference"};

// Normalised as employers::NormaliseHeader writes them.
constexpr std::string_view kBatchHeaders[] = {"batch", "batch id", "batch no", "nomor batch"};
constexpr std::string_view kMemberHeaders[] = {"member",        "member id",  "member no",
                                               "nomor peserta", "id peserta", "peserta"};
constexpr std::string_view kAmountHeaders[] = {"amount", "jumlah", "nominal"};
constexpr std::string_view kResultHeaders[] = {"result", "hasil", "status"};
constexpr std::string_view kReasonHeaders[] = {"reason", "reason code", "alasan", "kode alasan"};
constexpr std::string_view kPaidOnHeaders[] = {"paid on",      "paid date",     "date paid",
                                               "payment date", "tanggal bayar", "tanggal dibayar"};
constexpr std::string_view kReferenceHeaders[] = {"bank reference", "reference", "referensi",
                                                  "referensi bank", "nomor referensi"};

// Far above any subsidy; a larger figure is a column mix-up (an account number as amount).
constexpr std::int64_t kMaxAmount = 1'000'000'000'000;
constexpr std::size_t kMaxReference = 64;

constexpr std::array<std::string_view, 15> kProblemNames = {
    "member_invalid",      "member_unknown", "member_repeated", "amount_invalid",
    "amount_mismatch",     "result_invalid", "reason_missing",  "reason_invalid",
    "reason_not_expected", "date_missing",   "date_invalid",    "date_future",
    "reference_missing",   "batch_mismatch", "already_recorded"};

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

BankFileProblem FromCsv(employers::CsvProblem problem) {
  using P = employers::CsvProblem;
  switch (problem) {
    case P::kEmptyFile:
      return BankFileProblem::kEmptyFile;
    case P::kUtf16:
      return BankFileProblem::kUtf16;
    case P::kNotUtf8:
      return BankFileProblem::kNotUtf8;
    case P::kMalformedQuotes:
      return BankFileProblem::kMalformedQuotes;
    case P::kUnterminatedQuote:
      return BankFileProblem::kUnterminatedQuote;
    case P::kCellTooLong:
      return BankFileProblem::kCellTooLong;
    case P::kTooManyColumns:
      return BankFileProblem::kTooManyColumns;
    case P::kStopped:  // only ever stopped for too many rows
      return BankFileProblem::kTooManyRows;
    case P::kNone:
    case P::kUnreadable:
      break;
  }
  return BankFileProblem::kMalformedQuotes;
}

bool IsControlMark(std::string_view cell) {
  return Lower(Trim(cell)) == Lower(kControlTotalMark);
}

}  // namespace

std::string_view BankFailureName(BankFailure failure) {
  return kFailureNames[static_cast<int>(failure)];
}

std::optional<BankFailure> ParseBankFailure(std::string_view text) {
  const std::string word = Lower(Trim(text));
  for (int i = 0; i < kBankFailureCount; ++i) {
    if (kFailureNames[i] == word) return static_cast<BankFailure>(i);
  }
  return std::nullopt;
}

std::string_view BankColumnName(BankColumn column) {
  return kColumnNames[static_cast<int>(column)];
}

std::span<const std::string_view> AcceptedBankResultHeaders(BankColumn column) {
  switch (column) {
    case BankColumn::kBatch:
      return kBatchHeaders;
    case BankColumn::kMember:
      return kMemberHeaders;
    case BankColumn::kAmount:
      return kAmountHeaders;
    case BankColumn::kResult:
      return kResultHeaders;
    case BankColumn::kReason:
      return kReasonHeaders;
    case BankColumn::kPaidOn:
      return kPaidOnHeaders;
    case BankColumn::kReference:
      return kReferenceHeaders;
  }
  return {};
}

std::string_view BankRowProblemName(BankRowProblem problem) {
  return kProblemNames[static_cast<int>(problem)];
}

std::string_view BankFileProblemName(BankFileProblem problem) {
  switch (problem) {
    case BankFileProblem::kNone:
      return "none";
    case BankFileProblem::kEmptyFile:
      return "empty_file";
    case BankFileProblem::kUtf16:
      return "utf16";
    case BankFileProblem::kNotUtf8:
      return "not_utf8";
    case BankFileProblem::kMalformedQuotes:
      return "malformed_quotes";
    case BankFileProblem::kUnterminatedQuote:
      return "unterminated_quote";
    case BankFileProblem::kCellTooLong:
      return "cell_too_long";
    case BankFileProblem::kTooManyColumns:
      return "too_many_columns";
    case BankFileProblem::kMissingColumn:
      return "missing_column";
    case BankFileProblem::kDuplicateColumn:
      return "duplicate_column";
    case BankFileProblem::kNoRows:
      return "no_rows";
    case BankFileProblem::kTooManyRows:
      return "too_many_rows";
    case BankFileProblem::kControlMismatch:
      return "control_mismatch";
    case BankFileProblem::kTotalsMismatch:
      return "totals_mismatch";
  }
  return "none";
}

bool IsIsoDay(std::string_view text) {
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

BankResultFile ReadBankResultFile(std::string_view bytes, std::int64_t batch_id,
                                  std::string_view today, std::size_t max_rows) {
  BankResultFile out;
  std::array<std::optional<std::size_t>, kBankColumnCount> index{};
  bool header_done = false;
  std::optional<std::int64_t> control_total;
  std::int64_t control_row = 0;

  const auto on_row = [&](const employers::CsvRow& csv_row) -> bool {
    if (!header_done) {
      header_done = true;
      for (std::size_t i = 0; i < csv_row.cells.size(); ++i) {
        const std::string name = employers::NormaliseHeader(csv_row.cells[i]);
        for (int c = 0; c < kBankColumnCount; ++c) {
          const auto column = static_cast<BankColumn>(c);
          bool accepted = false;
          for (auto h : AcceptedBankResultHeaders(column)) accepted = accepted || h == name;
          if (!accepted) continue;
          if (index[c]) {
            out.error = BankFileError{.problem = BankFileProblem::kDuplicateColumn,
                                      .row_number = csv_row.row_number,
                                      .column = column,
                                      .detail = csv_row.cells[i]};
            return false;
          }
          index[c] = i;
          out.headers[column] = csv_row.cells[i];
        }
      }
      for (int c = 0; c < kBankColumnCount; ++c) {
        const auto column = static_cast<BankColumn>(c);
        if (!index[c] && column != BankColumn::kBatch) {
          out.error = BankFileError{.problem = BankFileProblem::kMissingColumn,
                                    .row_number = csv_row.row_number,
                                    .column = column};
          return false;
        }
      }
      return true;
    }
    const std::int64_t n = csv_row.row_number;
    const auto cell = [&](BankColumn column) {
      return Trim(csv_row.Cell(index[static_cast<int>(column)]));
    };
    // The control-total row the disbursement file ends with, when the bank returns it.
    if (IsControlMark(cell(BankColumn::kBatch)) || IsControlMark(cell(BankColumn::kMember))) {
      const auto amount = i18n::ParseRupiah(cell(BankColumn::kAmount), kMaxAmount);
      if (control_total || !amount.amount) {
        out.issues.push_back({n, BankColumn::kAmount, BankRowProblem::kAmountInvalid,
                              std::string(cell(BankColumn::kAmount))});
      } else {
        control_total = *amount.amount;
        control_row = n;
      }
      return true;
    }
    if (++out.data_rows > static_cast<std::int64_t>(max_rows)) return false;
    const std::size_t issues_before = out.issues.size();
    const auto problem = [&](BankColumn column, BankRowProblem p) {
      out.issues.push_back({n, column, p, std::string(cell(column))});
    };
    BankResultRow row;
    row.row_number = n;
    if (index[static_cast<int>(BankColumn::kBatch)]) {
      const auto batch = PositiveNumber(cell(BankColumn::kBatch));
      if (!batch || *batch != batch_id) problem(BankColumn::kBatch, BankRowProblem::kBatchMismatch);
    }
    if (auto member = PositiveNumber(cell(BankColumn::kMember))) {
      row.member_id = *member;
    } else {
      problem(BankColumn::kMember, BankRowProblem::kMemberInvalid);
    }
    const auto amount = i18n::ParseRupiah(cell(BankColumn::kAmount), kMaxAmount);
    if (amount.amount && *amount.amount > 0) {
      row.amount = *amount.amount;
      out.amount_total += row.amount;
    } else {
      problem(BankColumn::kAmount, BankRowProblem::kAmountInvalid);
    }
    const std::string result = Lower(cell(BankColumn::kResult));
    const std::string_view reason = cell(BankColumn::kReason);
    const std::string_view paid_on = cell(BankColumn::kPaidOn);
    const std::string_view reference = cell(BankColumn::kReference);
    if (result == "paid") {
      row.paid = true;
      if (!reason.empty()) problem(BankColumn::kReason, BankRowProblem::kReasonNotExpected);
      if (paid_on.empty()) {
        problem(BankColumn::kPaidOn, BankRowProblem::kDateMissing);
      } else if (!IsIsoDay(paid_on)) {
        problem(BankColumn::kPaidOn, BankRowProblem::kDateInvalid);
      } else if (paid_on > today) {
        problem(BankColumn::kPaidOn, BankRowProblem::kDateFuture);
      } else {
        row.paid_on = std::string(paid_on);
      }
      if (reference.empty() || reference.size() > kMaxReference) {
        problem(BankColumn::kReference, BankRowProblem::kReferenceMissing);
      } else {
        row.reference = std::string(reference);
      }
    } else if (result == "failed") {
      if (reason.empty()) {
        problem(BankColumn::kReason, BankRowProblem::kReasonMissing);
      } else if (auto r = ParseBankFailure(reason)) {
        row.reason = *r;
      } else {
        problem(BankColumn::kReason, BankRowProblem::kReasonInvalid);
      }
      // A day on a failed row (the day the bank tried) is not needed, but must be a day.
      if (!paid_on.empty() && !IsIsoDay(paid_on)) {
        problem(BankColumn::kPaidOn, BankRowProblem::kDateInvalid);
      }
    } else {
      problem(BankColumn::kResult, BankRowProblem::kResultInvalid);
    }
    if (out.issues.size() == issues_before) out.rows.push_back(std::move(row));
    return true;
  };

  employers::CsvStream stream(on_row);
  stream.Feed(bytes);
  const auto csv_error = stream.Finish();
  const auto fail = [&](BankFileError error) {
    out.error = std::move(error);
    out.rows.clear();
    out.issues.clear();
    return out;
  };
  if (out.error) return fail(*out.error);
  if (csv_error) {
    return fail({.problem = FromCsv(csv_error->problem), .row_number = csv_error->row_number});
  }
  if (out.data_rows == 0) return fail({.problem = BankFileProblem::kNoRows});
  if (control_total && out.issues.empty() && *control_total != out.amount_total) {
    return fail({.problem = BankFileProblem::kControlMismatch,
                 .row_number = control_row,
                 .column = BankColumn::kAmount,
                 .file_rows = out.data_rows,
                 .file_total = out.amount_total,
                 .expected_rows = out.data_rows,
                 .expected_total = *control_total});
  }
  return out;
}

BankResultPlan MatchBankResults(const BankResultFile& file, const std::vector<SentPayment>& sent) {
  BankResultPlan plan;
  std::int64_t expected_total = 0;
  std::unordered_map<std::int64_t, const SentPayment*> by_member;
  for (const auto& p : sent) {
    by_member[p.member_id] = &p;
    expected_total += p.amount;
  }
  const auto expected_rows = static_cast<std::int64_t>(sent.size());
  if (file.data_rows != expected_rows || file.amount_total != expected_total) {
    plan.totals = BankFileError{.problem = BankFileProblem::kTotalsMismatch,
                                .file_rows = file.data_rows,
                                .file_total = file.amount_total,
                                .expected_rows = expected_rows,
                                .expected_total = expected_total};
  }
  std::set<std::int64_t> seen;
  for (const auto& row : file.rows) {
    const auto issue = [&](BankColumn column, BankRowProblem problem, std::string cell) {
      plan.issues.push_back({row.row_number, column, problem, std::move(cell)});
    };
    const auto found = by_member.find(row.member_id);
    if (found == by_member.end()) {
      issue(BankColumn::kMember, BankRowProblem::kMemberUnknown, std::to_string(row.member_id));
      continue;
    }
    if (!seen.insert(row.member_id).second) {
      issue(BankColumn::kMember, BankRowProblem::kMemberRepeated, std::to_string(row.member_id));
      continue;
    }
    const SentPayment& payment = *found->second;
    if (row.amount != payment.amount) {
      issue(BankColumn::kAmount, BankRowProblem::kAmountMismatch, std::to_string(row.amount));
      continue;
    }
    if (payment.result == "pending") {
      plan.to_apply.push_back(row);
      continue;
    }
    if (row.paid) {
      if (payment.result != "paid") {
        issue(BankColumn::kResult, BankRowProblem::kAlreadyRecorded, "paid");
      } else if (row.paid_on != payment.paid_on) {
        issue(BankColumn::kPaidOn, BankRowProblem::kAlreadyRecorded, row.paid_on);
      } else if (row.reference != payment.reference) {
        issue(BankColumn::kReference, BankRowProblem::kAlreadyRecorded, row.reference);
      } else {
        ++plan.unchanged;
      }
      continue;
    }
    // A failure already recorded stays the same failure after staff rerouted or returned it.
    const std::string reason(BankFailureName(*row.reason));
    if (payment.result == "paid") {
      issue(BankColumn::kResult, BankRowProblem::kAlreadyRecorded, "failed");
    } else if (reason != payment.failure_reason) {
      issue(BankColumn::kReason, BankRowProblem::kAlreadyRecorded, reason);
    } else {
      ++plan.unchanged;
    }
  }
  return plan;
}

}  // namespace lumbung::subsidy
