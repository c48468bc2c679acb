// Reads an employer's monthly wage report, a CSV file, as a stream: one callback per row, so a
// file of a million rows never sits in memory (libcsv does the CSV grammar; see
// docs/decisions/0008-csv-reader.md). What is in the cells is judged later
// (report_validation.h); this reader only refuses files it cannot read reliably.
//
// The file (docs/employers.md has the table for employers):
// - Columns NIK or KPJ (one of them, or both), the monthly wage, optionally the worker's name;
//   headers in Indonesian or English, any case, any order (AcceptedHeaders()); other columns
//   are kept and reported as ignored.
// - UTF-8, with or without a byte-order mark. UTF-16/UTF-32 (a byte-order mark or NUL bytes)
//   and bytes that are not UTF-8 (a Latin-1 or Windows-1252 export) are refused: guessing an
//   encoding would turn names into mojibake.
// - Comma or semicolon between cells, whichever occurs more often in the header line (a
//   spreadsheet in an Indonesian locale writes semicolons). Quoted cells may hold the
//   delimiter, quotes ("") and line breaks. Spaces around unquoted cells are dropped.
// - Lines ending in CRLF, LF or CR. Empty lines (or lines of empty cells) are skipped but
//   counted.
// - Row numbers are the spreadsheet's: every line counts, the header is row 1 (the first
//   non-empty line), and a quoted cell with line breaks stays in one row.
//
// When Finish (or a Feed) reports a problem, reading stops: rows already delivered must be
// discarded by the caller, since the file as a whole is refused.
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

#include "employers/csv_stream.h"  // NormaliseHeader; the CSV layer under this reader

namespace lumbung::employers {

enum class ReportColumn { kNik, kKpj, kWage, kName };

// Header names accepted for a column, as normalised by NormaliseHeader (csv_stream.h: lower
// case, single spaces; "No. KPJ", "no_kpj" and "NO KPJ" are all "no kpj").
std::span<const std::string_view> AcceptedHeaders(ReportColumn column);

struct WageReportHeader {
  std::int64_t row_number = 1;
  char delimiter = ',';
  std::vector<std::string> cells;                   // as written
  std::optional<std::size_t> nik, kpj, wage, name;  // indexes into cells
  std::vector<std::size_t> ignored;                 // non-empty headers not recognised
};

struct WageReportRow {
  std::int64_t row_number = 0;
  std::vector<std::string> cells;  // as read (unquoted, trimmed when unquoted)
  // The cell at `index`, or "" when the column is absent or the row is short.
  std::string_view Cell(std::optional<std::size_t> index) const {
    return index && *index < cells.size() ? std::string_view(cells[*index]) : std::string_view();
  }
};

enum class ReadProblem {
  kNone,
  kEmptyFile,          // no header: nothing but empty lines
  kUtf16,              // a UTF-16/32 byte-order mark, or NUL bytes
  kNotUtf8,            // bytes that are not UTF-8 (Latin-1, Windows-1252)
  kMalformedQuotes,    // a quote inside an unquoted cell, or text after a closing quote
  kUnterminatedQuote,  // a quoted cell that never ends
  kCellTooLong,        // a cell longer than ReadLimits::max_cell_bytes
  kTooManyColumns,     // a row with more than ReadLimits::max_columns cells
  kMissingIdColumn,    // the header has neither NIK nor KPJ
  kMissingWageColumn,
  kDuplicateColumn,  // two headers for the same column (e.g. "Upah" and "Wage")
  kUnreadable,       // the stream failed
};

struct ReadError {
  ReadProblem problem = ReadProblem::kNone;
  std::int64_t row_number = 0;  // where it was found (0: the file as a whole, as for kUtf16)
  std::string header;           // kDuplicateColumn: the second header, as written
};

struct ReadLimits {
  std::size_t max_cell_bytes = 4096;
  std::size_t max_columns = 64;
};

using HeaderCallback = std::function<void(const WageReportHeader&)>;
// The row is only valid during the call.
using RowCallback = std::function<void(const WageReportRow&)>;

// Push parser: Feed the bytes in pieces of any size, then Finish. Not copyable.
class WageReportReader {
 public:
  WageReportReader(HeaderCallback on_header, RowCallback on_row, ReadLimits limits = {});
  ~WageReportReader();
  WageReportReader(const WageReportReader&) = delete;
  WageReportReader& operator=(const WageReportReader&) = delete;

  // False once a problem is found (then error() says which); later calls do nothing.
  bool Feed(std::string_view bytes);
  // Ends the file. The final problem, if any (a file without header is kEmptyFile).
  std::optional<ReadError> Finish();
  const std::optional<ReadError>& error() const;
  // Data rows delivered so far (empty lines not counted).
  std::int64_t data_rows() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

struct ReadSummary {
  std::optional<ReadError> error;
  std::int64_t data_rows = 0;
};

// Reads the whole stream through a WageReportReader in 64 KiB pieces.
ReadSummary ReadWageReport(std::istream& in, HeaderCallback on_header, RowCallback on_row,
                           ReadLimits limits = {});

}  // namespace lumbung::employers
