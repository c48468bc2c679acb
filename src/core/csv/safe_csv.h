// CSV for spreadsheets (RFC 4180) that is safe to open: a cell that a spreadsheet would run as
// a formula (starting with = + - @, tab or carriage return) gets a leading apostrophe (OWASP
// "CSV Injection"), and cells with the delimiter, a quote or a line break are quoted. The
// delimiter is a comma unless given: a file an employer uploaded with semicolons (a spreadsheet
// in an Indonesian locale) goes back to them with semicolons. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lumbung::csv {

std::string CsvCell(std::string_view text, char delimiter = ',');
// Numbers are written as they are (no apostrophe for a negative amount).
std::string CsvNumber(long long value);
// Cells joined with the delimiter and ended with CRLF.
std::string CsvLine(const std::vector<std::string>& cells, char delimiter = ',');

}  // namespace lumbung::csv
