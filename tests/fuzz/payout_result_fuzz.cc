// libFuzzer entry for the bank's result file of a claims payout batch (claims/payout_file.h),
// which finance uploads: any bytes go through ReadResultFile for batch 7, then MatchResults
// against the items its good rows describe, first as still pending and then as recorded.
//
// Properties, beyond no crash, leak, undefined behaviour or hang:
// - a refused file carries no rows and no issues; a read one has the required columns and
//   only rows that say something possible: an item and an amount above 0, a claim reference
//   in its canonical form, paid with a day that exists and is not after today and no reason,
//   failed with a reason;
// - a row with an issue is never among the rows, and rows and issues keep the file's order;
// - rows naming each item once are applied in full the first time, and importing the same
//   file again changes nothing.
// Built with clang as lumbung_fuzz_payout_result (make fuzz); the seeds in
// corpus/payout_result/ are also replayed as a unit test.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "claims/payout_file.h"
#include "claims/reference.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lumbung::claims;
  using lumbung::fuzz::Require;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  constexpr std::string_view kToday = "2026-03-10";
  const ResultFile file = ReadResultFile(input, 7, kToday, 50);
  if (file.error) {
    Require(file.rows.empty() && file.issues.empty());
    return 0;
  }
  for (auto column : {ResultColumn::kItem, ResultColumn::kReference, ResultColumn::kAmount,
                      ResultColumn::kResult, ResultColumn::kReason, ResultColumn::kPaidOn}) {
    Require(file.headers.count(column) == 1);
  }
  Require(file.rows.size() <= 50);
  std::set<std::int64_t> with_issues;
  std::int64_t last = 0;
  for (const auto& issue : file.issues) {
    Require(issue.row_number >= last);
    last = issue.row_number;
    with_issues.insert(issue.row_number);
  }
  last = 0;
  std::set<std::int64_t> items;
  bool unique = true;
  for (const auto& row : file.rows) {
    Require(row.row_number > last && !with_issues.count(row.row_number));
    last = row.row_number;
    Require(row.item_id > 0 && row.amount > 0);
    Require(ParseReference(row.reference) == row.reference);
    if (row.result == PayoutResult::kPaid) {
      Require(IsIsoDate(row.paid_on) && row.paid_on <= kToday && !row.reason);
    } else {
      Require(row.reason.has_value() && row.paid_on.empty());
    }
    unique = items.insert(row.item_id).second && unique;
  }
  if (!unique) return 0;

  std::vector<BatchItemFacts> batch;
  for (const auto& row : file.rows) {
    batch.push_back({.item_id = row.item_id, .reference = row.reference, .amount = row.amount});
  }
  const ResultPlan first = MatchResults(file.rows, batch);
  Require(first.issues.empty() && first.unchanged == 0 && first.to_apply == file.rows);
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const ResultRow& row = file.rows[i];
    batch[i].result = std::string(PayoutResultName(row.result));
    if (row.reason) batch[i].failure_reason = std::string(FailureReasonName(*row.reason));
    batch[i].paid_on = row.paid_on;
  }
  const ResultPlan again = MatchResults(file.rows, batch);
  Require(again.issues.empty() && again.to_apply.empty() &&
          again.unchanged == static_cast<std::int64_t>(file.rows.size()));
  return 0;
}
