#include "core/csv/safe_csv.h"

namespace lumbung::csv {

std::string CsvCell(std::string_view text, char delimiter) {
  std::string cell(text);
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
                        cell[0] == '\t' || cell[0] == '\r')) {
    cell.insert(cell.begin(), '\'');
  }
  const char specials[] = {delimiter, '"', '\r', '\n', '\0'};
  if (cell.find_first_of(specials) == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string CsvNumber(long long value) {
  return std::to_string(value);
}

std::string CsvLine(const std::vector<std::string>& cells, char delimiter) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) line += delimiter;
    line += cells[i];
  }
  return line + "\r\n";
}

}  // namespace lumbung::csv
