// libFuzzer entry for the CSV the portal writes (core/csv/safe_csv.h: contribution exports,
// the employer's wage report sent back with its problems, the bank files) read back by the
// portal's own CSV reader (employers/csv_stream.h), as happens when an employer corrects the
// annotated report and uploads it again. The input's first byte picks the delimiter (comma or
// semicolon); the rest is a table: rows separated by 0x1E, cells by 0x1F, every row as wide as
// the first (a short row padded with empty cells, a long one cut), as the portal writes them.
//
// Properties, beyond no crash, leak, undefined behaviour or hang in either:
// - the reader finds the writer's delimiter whenever the first row with content has two cells
//   or more and none of them holds the other delimiter unquoted (true of every header the
//   portal writes; CsvCell quotes only the delimiter in use, so "5,000,000" stays bare in a
//   semicolon file);
// - read with the writer's delimiter, what CsvLine wrote re-reads to the same rows of the same
//   cells, in order and with the spreadsheet's row numbers, as CsvCell made them safe (a
//   leading apostrophe before what a spreadsheet would run); spaces around a cell that needed
//   no quotes are dropped by the reader by design, and rows of empty cells are skipped;
// - the pieces the reader is fed in do not change what it reads (a NUL byte aside, which
//   refuses the file either way); cells that are not UTF-8 or hold a NUL refuse the file.
// Built with clang as lumbung_fuzz_safe_csv (make fuzz); the seeds in corpus/safe_csv/ are
// also replayed as a unit test.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv/safe_csv.h"
#include "employers/csv_stream.h"
#include "fuzz_support.h"

namespace {

using Rows = std::vector<std::vector<std::string>>;
using lumbung::fuzz::Require;

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> pieces;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find(separator, start);
    pieces.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return pieces;
    start = end + 1;
  }
}

std::string TrimSpaces(std::string text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

struct Read {
  std::optional<lumbung::employers::CsvError> error;
  Rows rows;
  std::vector<std::int64_t> row_numbers;
  char delimiter = ',';
};

Read ReadBack(std::string_view csv, std::size_t piece) {
  Read read;
  lumbung::employers::CsvLimits limits;
  limits.max_cell_bytes = csv.size() + 1;
  limits.max_columns = csv.size() + 1;
  lumbung::employers::CsvStream stream(
      [&](const lumbung::employers::CsvRow& row) {
        read.rows.push_back(row.cells);
        read.row_numbers.push_back(row.row_number);
        return true;
      },
      limits);
  for (std::size_t i = 0; i < csv.size() && stream.Feed(csv.substr(i, piece)); i += piece) {
  }
  read.error = stream.Finish();
  read.delimiter = stream.delimiter();
  return read;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lumbung;
  if (size == 0) return 0;
  const char delimiter = data[0] & 1 ? ';' : ',';
  const char other = delimiter == ',' ? ';' : ',';
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);

  std::string csv;
  Rows expected;
  std::vector<std::int64_t> expected_numbers;
  std::int64_t row_number = 0;
  std::size_t width = 0;
  bool known_delimiter = false;  // the first row with content tells the delimiter
  for (std::string_view line : Split(input, '\x1e')) {
    std::vector<std::string_view> texts = Split(line, '\x1f');
    if (width == 0) width = texts.size();
    texts.resize(width);
    std::vector<std::string> written, cells;
    bool content = false, other_bare = false;
    for (std::string_view text : texts) {
      written.push_back(csv::CsvCell(text, delimiter));
      const std::string& cell = written.back();
      // What the reader gives back: a quoted cell unquoted, an unquoted one without spaces.
      if (!cell.empty() && cell[0] == '"') {
        std::string unquoted;
        for (std::size_t i = 1; i + 1 < cell.size(); ++i) {
          unquoted += cell[i];
          if (cell[i] == '"') ++i;
        }
        cells.push_back(std::move(unquoted));
      } else {
        cells.push_back(TrimSpaces(cell));
        other_bare = other_bare || cell.find(other) != std::string::npos;
      }
      content = content || !cells.back().empty();
    }
    csv += csv::CsvLine(written, delimiter);
    ++row_number;
    if (content) {
      if (expected.empty()) known_delimiter = width >= 2 && !other_bare;
      expected.push_back(std::move(cells));
      expected_numbers.push_back(row_number);
    }
  }

  const Read whole = ReadBack(csv, csv.size() + 1);
  const bool has_nul = csv.find('\0') != std::string::npos;
  if (has_nul || !fuzz::WellFormedUtf8(csv)) {
    Require(whole.error.has_value());
  } else if (!csv.starts_with("\xEF\xBB\xBF")) {  // a byte-order mark is not part of a cell
    if (known_delimiter) Require(whole.delimiter == delimiter);
    // Without a row with content nothing tells the delimiter: a semicolon file of empty rows
    // is read with commas (its rows then hold the semicolons as text).
    if (whole.delimiter == delimiter && expected.empty()) {
      Require(whole.error && whole.error->problem == employers::CsvProblem::kEmptyFile);
    } else if (whole.delimiter == delimiter) {
      Require(!whole.error);
      Require(whole.rows == expected);
      Require(whole.row_numbers == expected_numbers);
    }
  }
  // Fed in small pieces, the reader reads the same (rows before a NUL byte aside: a piece is
  // searched for NUL bytes before its rows are read).
  const Read pieces = ReadBack(csv, 1 + input.size() % 7);
  Require(pieces.error.has_value() == whole.error.has_value());
  if (!has_nul) {
    Require(pieces.rows == whole.rows && pieces.row_numbers == whole.row_numbers &&
            pieces.delimiter == whole.delimiter);
    if (whole.error) Require(pieces.error->problem == whole.error->problem);
  }
  return 0;
}
