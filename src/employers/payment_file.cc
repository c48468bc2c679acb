#include "employers/payment_file.h"

#include <algorithm>
#include <array>
#include <chrono>

#include "core/i18n/rupiah_input.h"
#include "employers/payment_code.h"

namespace lumbung::employers {
namespace {

constexpr std::size_t kPiece = 64 * 1024;

constexpr std::string_view kCodeHeaders[] = {"kode iuran",      "no kode iuran", "nomor kode iuran",
                                             "kode pembayaran", "kode bayar",    "payment code"};
constexpr std::string_view kAmountHeaders[] = {"jumlah",      "jumlah bayar",  "jumlah pembayaran",
                                               "nominal",     "amount",        "paid amount",
                                               "amount paid", "payment amount"};
constexpr std::string_view kDateHeaders[] = {"tanggal",   "tanggal bayar", "tanggal pembayaran",
                                             "tgl bayar", "date",          "payment date",
                                             "paid on",   "paid date"};
constexpr std::string_view kReferenceHeaders[] = {
    "referensi",      "no referensi", "nomor referensi",  "referensi bank",
    "bank reference", "reference",    "reference number", "bank ref"};

std::string_view Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::string_view ColumnName(PaymentColumn column) {
  switch (column) {
    case PaymentColumn::kCode:
      return "payment code (kode_iuran)";
    case PaymentColumn::kAmount:
      return "amount (jumlah)";
    case PaymentColumn::kDate:
      return "date (tanggal)";
    case PaymentColumn::kReference:
      return "bank reference (referensi)";
  }
  return "?";
}

void CheckCode(std::string_view code, std::vector<PaymentIssue>& issues) {
  switch (CheckPaymentCode(code)) {
    case PaymentCodeProblem::kNone:
      return;
    case PaymentCodeProblem::kNotElevenDigits:
      issues.push_back({PaymentProblem::kCodeShape, std::string(code)});
      return;
    case PaymentCodeProblem::kBadCheckDigit:
      issues.push_back({PaymentProblem::kCodeCheckDigit, std::string(code)});
      return;
  }
}

// The amount of `cell`, or nullopt with its problem added.
std::optional<std::int64_t> ReadAmount(std::string_view cell, std::vector<PaymentIssue>& issues) {
  const i18n::RupiahInput input = i18n::ParseRupiah(cell, kMaxBankPaymentAmount);
  std::optional<PaymentProblem> problem;
  switch (input.error) {
    case i18n::RupiahInputError::kNone:
      if (input.amount && *input.amount > 0) return input.amount;
      problem = PaymentProblem::kAmountNotPositive;
      break;
    case i18n::RupiahInputError::kEmpty:
      problem = PaymentProblem::kAmountMissing;
      break;
    case i18n::RupiahInputError::kNotUnderstood:
    case i18n::RupiahInputError::kShorthand:
      problem = PaymentProblem::kAmountNotANumber;
      break;
    case i18n::RupiahInputError::kCents:
      problem = PaymentProblem::kAmountCents;
      break;
    case i18n::RupiahInputError::kNegative:
      problem = PaymentProblem::kAmountNotPositive;
      break;
    case i18n::RupiahInputError::kTooLarge:
      problem = PaymentProblem::kAmountTooLarge;
      break;
  }
  issues.push_back({*problem, std::string(cell)});
  return std::nullopt;
}

void CheckReference(std::string_view reference, std::vector<PaymentIssue>& issues) {
  if (reference.empty()) {
    issues.push_back({PaymentProblem::kReferenceMissing, ""});
    return;
  }
  const bool control = std::any_of(reference.begin(), reference.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
  });
  if (reference.size() > kMaxBankReferenceBytes || control) {
    issues.push_back({PaymentProblem::kReferenceInvalid, std::string(reference)});
  }
}

}  // namespace

std::span<const std::string_view> AcceptedPaymentHeaders(PaymentColumn column) {
  switch (column) {
    case PaymentColumn::kCode:
      return kCodeHeaders;
    case PaymentColumn::kAmount:
      return kAmountHeaders;
    case PaymentColumn::kDate:
      return kDateHeaders;
    case PaymentColumn::kReference:
      return kReferenceHeaders;
  }
  return {};
}

std::string_view PaymentProblemName(PaymentProblem problem) {
  switch (problem) {
    case PaymentProblem::kCodeShape:
      return "code-shape";
    case PaymentProblem::kCodeCheckDigit:
      return "code-check-digit";
    case PaymentProblem::kAmountMissing:
      return "amount-missing";
    case PaymentProblem::kAmountNotANumber:
      return "amount-not-a-number";
    case PaymentProblem::kAmountCents:
      return "amount-cents";
    case PaymentProblem::kAmountNotPositive:
      return "amount-not-positive";
    case PaymentProblem::kAmountTooLarge:
      return "amount-too-large";
    case PaymentProblem::kDate:
      return "date";
    case PaymentProblem::kReferenceMissing:
      return "reference-missing";
    case PaymentProblem::kReferenceInvalid:
      return "reference-invalid";
  }
  return "unknown";
}

std::string DescribePaymentIssue(const PaymentIssue& issue) {
  const std::string cell = "\"" + issue.cell + "\"";
  switch (issue.problem) {
    case PaymentProblem::kCodeShape:
      return issue.cell.empty() ? "the payment code is missing"
                                : "payment code " + cell + " is not 11 digits";
    case PaymentProblem::kCodeCheckDigit:
      return "payment code " + cell +
             " has a typing error (its check digit does not match) and no bill has it";
    case PaymentProblem::kAmountMissing:
      return "the amount is missing";
    case PaymentProblem::kAmountNotANumber:
      return "amount " + cell + " is not an amount in rupiah";
    case PaymentProblem::kAmountCents:
      return "amount " + cell + " is not whole rupiah";
    case PaymentProblem::kAmountNotPositive:
      return "amount " + cell + " is not more than 0";
    case PaymentProblem::kAmountTooLarge:
      return "amount " + cell + " is too large";
    case PaymentProblem::kDate:
      return issue.cell.empty() ? "the date is missing"
                                : "date " + cell + " is not a day written YYYY-MM-DD";
    case PaymentProblem::kReferenceMissing:
      return "the bank reference is missing";
    case PaymentProblem::kReferenceInvalid:
      return "bank reference " + cell + " is longer than " +
             std::to_string(kMaxBankReferenceBytes) + " bytes or has control characters";
  }
  return "unknown problem";
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
  const std::chrono::year_month_day day{std::chrono::year(parts[0]),
                                        std::chrono::month(static_cast<unsigned>(parts[1])),
                                        std::chrono::day(static_cast<unsigned>(parts[2]))};
  return day.ok();
}

std::vector<PaymentIssue> CheckBankPayment(const BankPayment& payment) {
  std::vector<PaymentIssue> issues;
  CheckCode(payment.payment_code, issues);
  if (payment.amount <= 0) {
    issues.push_back({PaymentProblem::kAmountNotPositive, std::to_string(payment.amount)});
  } else if (payment.amount > kMaxBankPaymentAmount) {
    issues.push_back({PaymentProblem::kAmountTooLarge, std::to_string(payment.amount)});
  }
  if (!IsIsoDay(payment.paid_on)) issues.push_back({PaymentProblem::kDate, payment.paid_on});
  CheckReference(payment.bank_reference, issues);
  return issues;
}

bool PaymentFileRow::Usable() const {
  return std::all_of(problems.begin(), problems.end(), [](const PaymentIssue& issue) {
    return issue.problem == PaymentProblem::kCodeCheckDigit;
  });
}

std::string DescribePaymentFileError(const PaymentFileError& error) {
  std::string where = error.row_number > 0 ? "row " + std::to_string(error.row_number) + ": " : "";
  switch (error.problem) {
    case PaymentFileProblem::kNone:
      return "no problem";
    case PaymentFileProblem::kEmptyFile:
      return "the file is empty: it has no header row";
    case PaymentFileProblem::kUtf16:
      return "the file is saved as UTF-16; save it as UTF-8";
    case PaymentFileProblem::kNotUtf8:
      return where + "characters that are not UTF-8; save the file as UTF-8";
    case PaymentFileProblem::kMalformedQuotes:
      return where + "a quotation mark in the wrong place";
    case PaymentFileProblem::kUnterminatedQuote:
      return where + "a quoted cell that never ends";
    case PaymentFileProblem::kCellTooLong:
      return where + "a cell that is far too long";
    case PaymentFileProblem::kTooManyColumns:
      return where + "too many columns";
    case PaymentFileProblem::kMissingColumn:
      return where + "the header row has no " +
             std::string(error.column ? ColumnName(*error.column) : "?") + " column";
    case PaymentFileProblem::kDuplicateColumn:
      return where + "the column \"" + error.detail + "\" means the same as another column";
    case PaymentFileProblem::kUnreadable:
      return "the file could not be read";
  }
  return "unknown problem";
}

struct PaymentFileReader::State {
  PaymentRowCallback on_row;
  std::unique_ptr<CsvStream> csv;
  std::optional<PaymentFileHeader> header;
  PaymentFileRow row;
  std::int64_t data_rows = 0;
  std::optional<PaymentFileError> error;

  void Fail(PaymentFileError failure) {
    if (!error) error = std::move(failure);
  }

  bool OnRow(const CsvRow& csv_row) {
    if (!header) return ReadHeader(csv_row);
    ++data_rows;
    row.row_number = csv_row.row_number;
    row.problems.clear();
    BankPayment& p = row.payment;
    p.payment_code.assign(Trim(csv_row.Cell(header->code)));
    CheckCode(p.payment_code, row.problems);
    p.amount = ReadAmount(Trim(csv_row.Cell(header->amount)), row.problems).value_or(0);
    p.paid_on.assign(Trim(csv_row.Cell(header->date)));
    if (!IsIsoDay(p.paid_on)) row.problems.push_back({PaymentProblem::kDate, p.paid_on});
    p.bank_reference.assign(Trim(csv_row.Cell(header->reference)));
    CheckReference(p.bank_reference, row.problems);
    on_row(row);
    return true;
  }

  bool ReadHeader(const CsvRow& csv_row) {
    PaymentFileHeader h;
    h.row_number = csv_row.row_number;
    h.delimiter = csv->delimiter();
    h.cells = csv_row.cells;
    const std::pair<PaymentColumn, std::optional<std::size_t>*> columns[] = {
        {PaymentColumn::kCode, &h.code},
        {PaymentColumn::kAmount, &h.amount},
        {PaymentColumn::kDate, &h.date},
        {PaymentColumn::kReference, &h.reference}};
    for (std::size_t i = 0; i < h.cells.size(); ++i) {
      const std::string name = NormaliseHeader(h.cells[i]);
      if (name.empty()) continue;
      std::optional<std::size_t>* slot = nullptr;
      for (const auto& [column, target] : columns) {
        const auto accepted = AcceptedPaymentHeaders(column);
        if (std::find(accepted.begin(), accepted.end(), name) != accepted.end()) slot = target;
      }
      if (!slot) {
        h.ignored.push_back(i);
      } else if (*slot) {
        Fail({.problem = PaymentFileProblem::kDuplicateColumn,
              .row_number = h.row_number,
              .detail = h.cells[i]});
        return false;
      } else {
        *slot = i;
      }
    }
    for (const auto& [column, target] : columns) {
      if (!*target) {
        Fail({.problem = PaymentFileProblem::kMissingColumn,
              .row_number = h.row_number,
              .column = column});
        return false;
      }
    }
    header = std::move(h);
    return true;
  }

  // The CSV layer's problem as this reader's (a stop is the header problem already recorded).
  void Sync() {
    const auto& failed = csv->error();
    if (error || !failed) return;
    PaymentFileProblem problem = PaymentFileProblem::kUnreadable;
    switch (failed->problem) {
      case CsvProblem::kNone:
      case CsvProblem::kStopped:
        return;
      case CsvProblem::kEmptyFile:
        problem = PaymentFileProblem::kEmptyFile;
        break;
      case CsvProblem::kUtf16:
        problem = PaymentFileProblem::kUtf16;
        break;
      case CsvProblem::kNotUtf8:
        problem = PaymentFileProblem::kNotUtf8;
        break;
      case CsvProblem::kMalformedQuotes:
        problem = PaymentFileProblem::kMalformedQuotes;
        break;
      case CsvProblem::kUnterminatedQuote:
        problem = PaymentFileProblem::kUnterminatedQuote;
        break;
      case CsvProblem::kCellTooLong:
        problem = PaymentFileProblem::kCellTooLong;
        break;
      case CsvProblem::kTooManyColumns:
        problem = PaymentFileProblem::kTooManyColumns;
        break;
      case CsvProblem::kUnreadable:
        problem = PaymentFileProblem::kUnreadable;
        break;
    }
    Fail({.problem = problem, .row_number = failed->row_number});
  }

  // Records the CSV layer's problem when leaving Feed/Finish, also when a callback threw.
  struct SyncOnExit {
    State& state;
    ~SyncOnExit() { state.Sync(); }
  };
};

PaymentFileReader::PaymentFileReader(PaymentRowCallback on_row, CsvLimits limits)
    : state_(std::make_unique<State>()) {
  state_->on_row = std::move(on_row);
  state_->csv = std::make_unique<CsvStream>(
      [s = state_.get()](const CsvRow& row) { return s->OnRow(row); }, limits);
}

PaymentFileReader::~PaymentFileReader() = default;

bool PaymentFileReader::Feed(std::string_view bytes) {
  State& s = *state_;
  if (s.error) return false;
  State::SyncOnExit sync{s};
  return s.csv->Feed(bytes);
}

std::optional<PaymentFileError> PaymentFileReader::Finish() {
  State& s = *state_;
  if (!s.error) {
    State::SyncOnExit sync{s};
    s.csv->Finish();
  }
  return s.error;
}

const std::optional<PaymentFileError>& PaymentFileReader::error() const {
  return state_->error;
}

const std::optional<PaymentFileHeader>& PaymentFileReader::header() const {
  return state_->header;
}

std::int64_t PaymentFileReader::data_rows() const {
  return state_->data_rows;
}

PaymentFileSummary ReadPaymentFile(std::istream& in, PaymentRowCallback on_row,
                                   const std::function<void(std::uint64_t)>& on_piece,
                                   CsvLimits limits) {
  PaymentFileReader reader(std::move(on_row), limits);
  PaymentFileSummary summary;
  std::array<char, kPiece> buffer;
  while (in) {
    in.read(buffer.data(), buffer.size());
    const auto got = static_cast<std::size_t>(in.gcount());
    summary.bytes += got;
    if (on_piece) on_piece(summary.bytes);
    if (got > 0 && !reader.Feed(std::string_view(buffer.data(), got))) break;
  }
  if (in.bad()) {
    summary.error = PaymentFileError{.problem = PaymentFileProblem::kUnreadable};
  } else {
    summary.error = reader.error() ? reader.error() : reader.Finish();
  }
  summary.data_rows = reader.data_rows();
  return summary;
}

}  // namespace lumbung::employers
