// libFuzzer entry for the paying bank's result file of a wage-subsidy batch
// (subsidy/bank_result.h), which a subsidy officer uploads: any bytes go through
// ReadBankResultFile for batch 7, then MatchBankResults against the payments its good rows
// describe, first as still pending and then as already recorded.
//
// Properties, beyond no crash, leak, undefined behaviour or hang:
// - a refused file carries no rows and no issues; a read one has the required columns, no
//   more payment rows than allowed, and only rows that say something possible: a member and
//   an amount above 0; paid with a day that exists, not after today, and a reference of 1 to
//   64 bytes, without a reason; failed with a reason, without a reference;
// - a row with an issue is never among the rows, and rows and issues keep the file's order;
// - a file without issues, naming each member once, is the whole batch it describes: every
//   row is applied, and importing it again changes nothing.
// Built with clang as lumbung_fuzz_bank_result (make fuzz); the seeds in corpus/bank_result/
// are also replayed as a unit test.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.h"
#include "subsidy/bank_result.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lumbung::subsidy;
  using lumbung::fuzz::Require;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  constexpr std::string_view kToday = "2026-01-05";
  constexpr std::size_t kMaxRows = 50;
  const BankResultFile file = ReadBankResultFile(input, 7, kToday, kMaxRows);
  if (file.error) {
    Require(file.rows.empty() && file.issues.empty());
    return 0;
  }
  for (auto column : {BankColumn::kMember, BankColumn::kAmount, BankColumn::kResult,
                      BankColumn::kReason, BankColumn::kPaidOn, BankColumn::kReference}) {
    Require(file.headers.count(column) == 1);
  }
  Require(file.data_rows >= 1 && file.data_rows <= static_cast<std::int64_t>(kMaxRows));
  Require(file.rows.size() <= static_cast<std::size_t>(file.data_rows));
  std::set<std::int64_t> with_issues;
  std::int64_t last = 0;
  for (const auto& issue : file.issues) {
    Require(issue.row_number >= last);
    last = issue.row_number;
    with_issues.insert(issue.row_number);
  }
  last = 0;
  std::int64_t sum = 0;
  std::set<std::int64_t> members;
  bool unique = true;
  for (const auto& row : file.rows) {
    Require(row.row_number > last && !with_issues.count(row.row_number));
    last = row.row_number;
    Require(row.member_id > 0 && row.amount > 0);
    if (row.paid) {
      Require(IsIsoDay(row.paid_on) && row.paid_on <= kToday && !row.reference.empty() &&
              row.reference.size() <= 64 && !row.reason);
    } else {
      Require(row.reason.has_value() && row.paid_on.empty() && row.reference.empty());
    }
    sum += row.amount;
    unique = members.insert(row.member_id).second && unique;
  }
  Require(sum <= file.amount_total);
  if (!file.issues.empty() || !unique) return 0;

  Require(file.rows.size() == static_cast<std::size_t>(file.data_rows) && sum == file.amount_total);
  std::vector<SentPayment> sent;
  for (const auto& row : file.rows)
    sent.push_back({.member_id = row.member_id, .amount = row.amount});
  const BankResultPlan first = MatchBankResults(file, sent);
  Require(!first.totals && first.issues.empty() && first.unchanged == 0 &&
          first.to_apply == file.rows);
  for (std::size_t i = 0; i < sent.size(); ++i) {
    const BankResultRow& row = file.rows[i];
    sent[i].result = row.paid ? "paid" : "failed";
    if (row.reason) sent[i].failure_reason = std::string(BankFailureName(*row.reason));
    sent[i].paid_on = row.paid_on;
    sent[i].reference = row.reference;
  }
  const BankResultPlan again = MatchBankResults(file, sent);
  Require(!again.totals && again.issues.empty() && again.to_apply.empty() &&
          again.unchanged == static_cast<std::int64_t>(file.rows.size()));
  return 0;
}
