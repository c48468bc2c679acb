// CSV for spreadsheets (RFC 4180) that is safe to open: a cell that a spreadsheet would run as
// a formula (starting with = + - @, tab or carriage return) gets a leading apostrophe (OWASP
// "CSV Injection"), and cells with a comma, quote or line break are quoted. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lumbung::contributions {

std::string CsvCell(std::string_view text);
// Numbers are written as they are (no apostrophe for a negative amount).
std::string CsvNumber(long long value);
// Cells joined with ',' and ended with CRLF.
std::string CsvLine(const std::vector<std::string>& cells);

}  // namespace lumbung::contributions
