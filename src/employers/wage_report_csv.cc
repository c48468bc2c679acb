#include "employers/wage_report_csv.h"

#include <algorithm>
#include <array>

namespace lumbung::employers {
namespace {

constexpr std::size_t kPiece = 64 * 1024;

constexpr std::string_view kNikHeaders[] = {"nik",
                                            "no nik",
                                            "nomor nik",
                                            "nik ktp",
                                            "no ktp",
                                            "nomor ktp",
                                            "nomor induk kependudukan",
                                            "national id",
                                            "national id number",
                                            "id number"};
constexpr std::string_view kKpjHeaders[] = {
    "kpj",        "no kpj",        "nomor kpj",         "kpj number",   "nomor peserta",
    "no peserta", "kartu peserta", "membership number", "member number"};
constexpr std::string_view kWageHeaders[] = {
    "upah", "upah bulanan", "upah sebulan", "gaji",   "gaji bulanan",
    "wage", "monthly wage", "wages",        "salary", "monthly salary"};
constexpr std::string_view kNameHeaders[] = {"nama",          "nama lengkap",      "nama pekerja",
                                             "nama karyawan", "nama tenaga kerja", "name",
                                             "full name",     "worker name",       "employee name"};

}  // namespace

std::span<const std::string_view> AcceptedHeaders(ReportColumn column) {
  switch (column) {
    case ReportColumn::kNik:
      return kNikHeaders;
    case ReportColumn::kKpj:
      return kKpjHeaders;
    case ReportColumn::kWage:
      return kWageHeaders;
    case ReportColumn::kName:
      return kNameHeaders;
  }
  return {};
}

// The columns on top of the CSV layer (csv_stream.h), which owns the grammar, the encoding,
// the delimiter, row numbers and limits.
struct WageReportReader::State {
  HeaderCallback on_header;
  RowCallback on_row;
  std::unique_ptr<CsvStream> csv;

  bool header_done = false;
  WageReportHeader header;
  WageReportRow row;
  std::int64_t data_rows = 0;
  std::optional<ReadError> error;  // a header problem, or the CSV layer's (Sync)

  void Fail(ReadProblem problem, std::int64_t row_number, std::string header_text = {}) {
    if (!error) error = ReadError{problem, row_number, std::move(header_text)};
  }

  bool OnRow(const CsvRow& csv_row) {
    row.row_number = csv_row.row_number;
    row.cells = csv_row.cells;
    if (!header_done) return ReadHeader();
    ++data_rows;
    on_row(row);
    return true;
  }

  bool ReadHeader() {
    header_done = true;
    header.row_number = row.row_number;
    header.delimiter = csv->delimiter();
    header.cells = row.cells;
    for (std::size_t i = 0; i < header.cells.size(); ++i) {
      const std::string name = NormaliseHeader(header.cells[i]);
      if (name.empty()) continue;
      std::optional<std::size_t>* slot = nullptr;
      const std::pair<ReportColumn, std::optional<std::size_t>*> columns[] = {
          {ReportColumn::kNik, &header.nik},
          {ReportColumn::kKpj, &header.kpj},
          {ReportColumn::kWage, &header.wage},
          {ReportColumn::kName, &header.name}};
      for (const auto& [column, target] : columns) {
        const auto accepted = AcceptedHeaders(column);
        if (std::find(accepted.begin(), accepted.end(), name) != accepted.end()) slot = target;
      }
      if (!slot) {
        header.ignored.push_back(i);
      } else if (*slot) {
        Fail(ReadProblem::kDuplicateColumn, row.row_number, header.cells[i]);
        return false;
      } else {
        *slot = i;
      }
    }
    if (!header.nik && !header.kpj) {
      Fail(ReadProblem::kMissingIdColumn, row.row_number);
      return false;
    }
    if (!header.wage) {
      Fail(ReadProblem::kMissingWageColumn, row.row_number);
      return false;
    }
    on_header(header);
    return true;
  }

  // The CSV layer's problem as this reader's (a stop is the header problem already recorded).
  void Sync() {
    const auto& failed = csv->error();
    if (error || !failed) return;
    switch (failed->problem) {
      case CsvProblem::kNone:
      case CsvProblem::kStopped:
        return;
      case CsvProblem::kEmptyFile:
        return Fail(ReadProblem::kEmptyFile, failed->row_number);
      case CsvProblem::kUtf16:
        return Fail(ReadProblem::kUtf16, failed->row_number);
      case CsvProblem::kNotUtf8:
        return Fail(ReadProblem::kNotUtf8, failed->row_number);
      case CsvProblem::kMalformedQuotes:
        return Fail(ReadProblem::kMalformedQuotes, failed->row_number);
      case CsvProblem::kUnterminatedQuote:
        return Fail(ReadProblem::kUnterminatedQuote, failed->row_number);
      case CsvProblem::kCellTooLong:
        return Fail(ReadProblem::kCellTooLong, failed->row_number);
      case CsvProblem::kTooManyColumns:
        return Fail(ReadProblem::kTooManyColumns, failed->row_number);
      case CsvProblem::kUnreadable:
        return Fail(ReadProblem::kUnreadable, failed->row_number);
    }
  }
};

WageReportReader::WageReportReader(HeaderCallback on_header, RowCallback on_row, ReadLimits limits)
    : state_(std::make_unique<State>()) {
  state_->on_header = std::move(on_header);
  state_->on_row = std::move(on_row);
  state_->csv = std::make_unique<CsvStream>(
      [s = state_.get()](const CsvRow& row) { return s->OnRow(row); },
      CsvLimits{.max_cell_bytes = limits.max_cell_bytes, .max_columns = limits.max_columns});
}

WageReportReader::~WageReportReader() = default;

bool WageReportReader::Feed(std::string_view bytes) {
  State& s = *state_;
  if (s.error) return false;
  // A callback's exception leaves the CSV layer stopped; it is recorded before it goes on up.
  struct SyncOnExit {
    State& s;
    ~SyncOnExit() { s.Sync(); }
  } sync{s};
  s.csv->Feed(bytes);
  return !s.csv->error();
}

std::optional<ReadError> WageReportReader::Finish() {
  State& s = *state_;
  if (!s.error) {
    struct SyncOnExit {
      State& s;
      ~SyncOnExit() { s.Sync(); }
    } sync{s};
    s.csv->Finish();
  }
  return s.error;
}

const std::optional<ReadError>& WageReportReader::error() const {
  return state_->error;
}

std::int64_t WageReportReader::data_rows() const {
  return state_->data_rows;
}

ReadSummary ReadWageReport(std::istream& in, HeaderCallback on_header, RowCallback on_row,
                           ReadLimits limits) {
  WageReportReader reader(std::move(on_header), std::move(on_row), limits);
  std::array<char, kPiece> buffer;
  while (in) {
    in.read(buffer.data(), buffer.size());
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got > 0 && !reader.Feed(std::string_view(buffer.data(), got))) break;
  }
  ReadSummary summary;
  if (in.bad()) {
    summary.error = ReadError{ReadProblem::kUnreadable, 0, {}};
  } else {
    summary.error = reader.error() ? reader.error() : reader.Finish();
  }
  summary.data_rows = reader.data_rows();
  return summary;
}

}  // namespace lumbung::employers
