// The disbursement file of a wage-subsidy batch: what the fund sends the paying bank
// (docs/subsidy.md, "The disbursement file"). Pure.
//
// CSV through core/csv (RFC 4180, UTF-8, comma, CRLF, formula-safe cells), a header and one row
// per payment sent, columns in this order:
//   batch, line, member, nik, name, channel, bank_code, account_number, holder_name, amount,
//   description
// `batch` is the batch's id (the bank returns it), `line` counts the rows from 1, `member` is the
// fund's member number (the bank returns it with the result), `channel` is bank or post_office
// (bank_code, account_number and holder_name are empty for the post office), `amount` is whole
// rupiah without separators. The last row is the control total: `TOTAL` in the batch column,
// the number of payment rows in `line` and their sum in `amount`, every other cell empty.
// The file's SHA-256 is recorded with the batch when it is sent.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace lumbung::subsidy {

struct DisbursementRow {
  std::int64_t batch_id = 0;
  std::int64_t line = 0;
  std::int64_t member_id = 0;
  std::string nik;
  std::string name;                                    // the member's name in the registry
  std::string channel;                                 // "bank" or "post_office"
  std::string bank_code, account_number, holder_name;  // bank only
  std::int64_t amount = 0;
  std::string description;
};

// The header names in column order.
std::span<const std::string_view> DisbursementColumns();
// The header line, one row, and the control-total row; each ended with CRLF.
std::string DisbursementHeaderLine();
std::string DisbursementLine(const DisbursementRow& row);
std::string DisbursementControlLine(std::int64_t rows, std::int64_t total);
// "BSU 2025 batch 3": what the member's bank statement shows.
std::string DisbursementDescription(int program_year, std::int64_t batch_number);

// The cell that marks the control-total row (in the batch column).
inline constexpr std::string_view kControlTotalMark = "TOTAL";

}  // namespace lumbung::subsidy
