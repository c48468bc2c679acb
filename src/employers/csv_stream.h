// The streaming CSV layer under the employers' file readers (the wage report,
// wage_report_csv.h, and the bank payment file, payment_file.h): libcsv for the grammar
// (docs/decisions/0008-csv-reader.md) plus what a spreadsheet's or a bank's file needs around
// it. It knows nothing about columns: every non-empty row goes to one callback, the first of
// them being the header. Pure apart from its input.
//
// - UTF-8, with or without a byte-order mark. UTF-16/UTF-32 (a byte-order mark or NUL bytes)
//   and cells that are not UTF-8 (a Latin-1 or Windows-1252 export) stop the read.
// - Comma or semicolon, whichever occurs more often (outside quotes) in the first line with
//   content. Quoted cells may hold the delimiter, quotes ("") and line breaks. Spaces around
//   unquoted cells are dropped.
// - Lines ending in CRLF, LF or CR. Empty lines (or lines of empty cells) are skipped but
//   counted: row numbers are the spreadsheet's (every line counts, a quoted cell with line
//   breaks stays in one row), so the header is the row number of the first non-empty line.
// - Limits: a cell longer than CsvLimits::max_cell_bytes (also while it is still open) or a
//   row of more than max_columns cells stops the read.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lumbung::employers {

// Lower case (ASCII), every run of spaces, '_', '-', '.', '/', ':', '(' and ')' made one space,
// trimmed, and a trailing currency word ("rp", "idr") dropped: "Upah (Rp)" is "upah",
// "kode_iuran" is "kode iuran".
std::string NormaliseHeader(std::string_view header);

enum class CsvProblem {
  kNone,
  kEmptyFile,          // no row with content
  kUtf16,              // a UTF-16/32 byte-order mark, or NUL bytes
  kNotUtf8,            // a cell that is not UTF-8
  kMalformedQuotes,    // a quote inside an unquoted cell, or text after a closing quote
  kUnterminatedQuote,  // a quoted cell that never ends
  kCellTooLong,        // a cell longer than CsvLimits::max_cell_bytes
  kTooManyColumns,     // a row with more than CsvLimits::max_columns cells
  kUnreadable,         // a callback threw (rethrown from Feed/Finish) or libcsv could not start
  kStopped,            // the row callback returned false: the caller knows why
};

struct CsvError {
  CsvProblem problem = CsvProblem::kNone;
  std::int64_t row_number = 0;  // where it was found (0: the file as a whole)
};

struct CsvLimits {
  std::size_t max_cell_bytes = 4096;
  std::size_t max_columns = 64;
};

struct CsvRow {
  std::int64_t row_number = 0;
  std::vector<std::string> cells;  // as read (unquoted, trimmed when unquoted)
  // The cell at `index`, or "" when the column is absent or the row is short.
  std::string_view Cell(std::optional<std::size_t> index) const {
    return index && *index < cells.size() ? std::string_view(cells[*index]) : std::string_view();
  }
};

// Called for every row with content, the header first; the row is only valid during the call.
// Returning false stops the read (error() is then kStopped at that row). An exception thrown
// here stops the read and comes out of the Feed or Finish that delivered the row.
using CsvRowCallback = std::function<bool(const CsvRow&)>;

// Push parser: Feed bytes in pieces of any size, then Finish. Not copyable.
class CsvStream {
 public:
  explicit CsvStream(CsvRowCallback on_row, CsvLimits limits = {});
  ~CsvStream();
  CsvStream(const CsvStream&) = delete;
  CsvStream& operator=(const CsvStream&) = delete;

  // False once a problem is found (then error() says which); later calls do nothing.
  bool Feed(std::string_view bytes);
  // Ends the file. The final problem, if any (a file without any content is kEmptyFile).
  std::optional<CsvError> Finish();
  const std::optional<CsvError>& error() const;
  // The delimiter in use; ',' until the first line with content has been seen.
  char delimiter() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace lumbung::employers
