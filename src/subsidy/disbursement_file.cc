#include "subsidy/disbursement_file.h"

#include <array>
#include <vector>

#include "core/csv/safe_csv.h"

namespace lumbung::subsidy {
namespace {

constexpr std::array<std::string_view, 11> kColumns = {
    "batch",     "line",           "member",      "nik",    "name",       "channel",
    "bank_code", "account_number", "holder_name", "amount", "description"};

}  // namespace

std::span<const std::string_view> DisbursementColumns() {
  return kColumns;
}

std::string DisbursementHeaderLine() {
  return csv::CsvLine(std::vector<std::string>(kColumns.begin(), kColumns.end()));
}

std::string DisbursementLine(const DisbursementRow& row) {
  // Numbers the bank reads as numbers are written as numbers; names and anything that could
  // start with a formula character go through CsvCell.
  return csv::CsvLine({csv::CsvNumber(row.batch_id), csv::CsvNumber(row.line),
                       csv::CsvNumber(row.member_id), csv::CsvCell(row.nik), csv::CsvCell(row.name),
                       csv::CsvCell(row.channel), csv::CsvCell(row.bank_code),
                       csv::CsvCell(row.account_number), csv::CsvCell(row.holder_name),
                       csv::CsvNumber(row.amount), csv::CsvCell(row.description)});
}

std::string DisbursementControlLine(std::int64_t rows, std::int64_t total) {
  std::vector<std::string> cells(kColumns.size());
  cells[0] = std::string(kControlTotalMark);
  cells[1] = csv::CsvNumber(rows);
  cells[9] = csv::CsvNumber(total);
  return csv::CsvLine(cells);
}

std::string DisbursementDescription(int program_year, std::int64_t batch_number) {
  return "BSU " + std::to_string(program_year) + " batch " + std::to_string(batch_number);
}

}  // namespace lumbung::subsidy
