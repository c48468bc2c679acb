#include "claims/payout_file.h"

#include <gtest/gtest.h>

#include "claims/reference.h"

namespace lumbung::claims {
namespace {

const std::string kRef1 = FormatReference("4821309372");
const std::string kRef2 = FormatReference("1111122222");
constexpr const char* kToday = "2026-03-10";

// ---- The bank file ---------------------------------------------------------------------------

TEST(BankFile, HeaderNamesTheDocumentedColumnsInOrder) {
  EXPECT_EQ(BankFileHeaderLine(),
            "batch,item,reference,bank_code,account_number,holder_name,amount,description\r\n");
}

TEST(BankFile, RowKeepsTheFullNumberAndWholeRupiah) {
  const BankFileRow row{.batch_id = 7,
                        .item_id = 31,
                        .reference = kRef1,
                        .bank_code = "bca",
                        .account_number = "0012345678",
                        .holder_name = "Siti Rahayu",
                        .amount = 12'500'000,
                        .description = PayoutDescription("JHT", kRef1)};
  EXPECT_EQ(BankFileLine(row),
            "7,31," + kRef1 + ",bca,0012345678,Siti Rahayu,12500000,Lumbung JHT " + kRef1 + "\r\n");
}

// OWASP "CSV Injection": a holder name a member typed never runs as a formula, and a comma or
// quote in it stays inside its cell.
TEST(BankFile, HolderNamesAreFormulaSafeAndQuoted) {
  BankFileRow row{.batch_id = 1,
                  .item_id = 2,
                  .reference = kRef1,
                  .bank_code = "bri",
                  .account_number = "12345",
                  .holder_name = "=HYPERLINK(\"x\")",
                  .amount = 1,
                  .description = "d"};
  EXPECT_NE(BankFileLine(row).find(",\"'=HYPERLINK(\"\"x\"\")\","), std::string::npos)
      << BankFileLine(row);
  row.holder_name = "Rahayu, Siti";
  EXPECT_NE(BankFileLine(row).find(",\"Rahayu, Siti\","), std::string::npos);
}

TEST(BankFile, ColumnsAreTheHeader) {
  ASSERT_EQ(BankFileColumns().size(), 8u);
  EXPECT_EQ(BankFileColumns()[4], "account_number");
}

// ---- Reading the bank's result file ----------------------------------------------------------

std::string Header() {
  return "batch,item,reference,bank_code,account_number,holder_name,amount,description,result,"
         "reason,paid_on\n";
}
std::string Line(const std::string& batch, const std::string& item, const std::string& ref,
                 const std::string& amount, const std::string& result, const std::string& reason,
                 const std::string& paid_on) {
  return batch + "," + item + "," + ref + ",bca,0012345678,Siti," + amount + ",x," + result + "," +
         reason + "," + paid_on + "\n";
}

TEST(ResultFile, ReadsPaidAndFailedRows) {
  const auto file =
      ReadResultFile(Header() + Line("7", "31", kRef1, "12500000", "paid", "", "2026-03-09") +
                         Line("7", "32", kRef2, "5.000.000", "FAILED", "Closed", ""),
                     7, kToday, 10);
  ASSERT_FALSE(file.error);
  EXPECT_TRUE(file.issues.empty());
  ASSERT_EQ(file.rows.size(), 2u);
  EXPECT_EQ(file.rows[0], (ResultRow{.row_number = 2,
                                     .item_id = 31,
                                     .reference = kRef1,
                                     .amount = 12'500'000,
                                     .result = PayoutResult::kPaid,
                                     .reason = std::nullopt,
                                     .paid_on = "2026-03-09"}));
  EXPECT_EQ(file.rows[1].result, PayoutResult::kFailed);
  EXPECT_EQ(file.rows[1].reason, FailureReason::kClosed);
  EXPECT_EQ(file.rows[1].amount, 5'000'000);
}

TEST(ResultFile, AcceptsIndonesianHeadersInAnyOrderWithoutBatchAndSemicolons) {
  const auto file = ReadResultFile(
      "Hasil;Alasan;Tanggal_Bayar;Jumlah (Rp);Referensi;Item ID\n"
      "failed;invalid_account;;100;" +
          kRef1 + ";5\n",
      9, kToday, 10);
  ASSERT_FALSE(file.error) << ResultFileProblemName(file.error->problem);
  ASSERT_EQ(file.rows.size(), 1u);
  EXPECT_EQ(file.rows[0].reason, FailureReason::kInvalidAccount);
  EXPECT_EQ(file.headers.at(ResultColumn::kAmount), "Jumlah (Rp)");
}

TEST(ResultFile, EveryProblemNamesItsRowAndColumn) {
  const auto file = ReadResultFile(
      Header() + Line("8", "x", kRef1, "100", "paid", "", "2026-03-01") +   // 2: batch, item
          Line("7", "3", "K-1", "1.5jt", "paid", "closed", "2026-13-01") +  // 3: ref, amount,
                                                                            //    reason, date
          Line("7", "4", kRef1, "100", "paid", "", "") +                    // 4: date missing
          Line("7", "5", kRef1, "100", "paid", "", "2026-03-11") +          // 5: after today
          Line("7", "6", kRef1, "100", "returned", "", "") +                // 6: result
          Line("7", "7", kRef1, "100", "failed", "", "") +                  // 7: reason missing
          Line("7", "8", kRef1, "0", "failed", "bank_down", "yesterday"),   // 8: amount, reason,
                                                                            //    date
      7, kToday, 10);
  ASSERT_FALSE(file.error);
  EXPECT_TRUE(file.rows.empty());
  using C = ResultColumn;
  using P = ResultProblem;
  const std::vector<std::tuple<std::int64_t, C, P>> expected = {
      {2, C::kBatch, P::kBatchMismatch},        {2, C::kItem, P::kItemInvalid},
      {3, C::kReference, P::kReferenceInvalid}, {3, C::kAmount, P::kAmountInvalid},
      {3, C::kReason, P::kReasonNotExpected},   {3, C::kPaidOn, P::kDateInvalid},
      {4, C::kPaidOn, P::kDateMissing},         {5, C::kPaidOn, P::kDateFuture},
      {6, C::kResult, P::kResultInvalid},       {7, C::kReason, P::kReasonMissing},
      {8, C::kAmount, P::kAmountInvalid},       {8, C::kReason, P::kReasonInvalid},
      {8, C::kPaidOn, P::kDateInvalid}};
  ASSERT_EQ(file.issues.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(file.issues[i].row_number, std::get<0>(expected[i])) << i;
    EXPECT_EQ(file.issues[i].column, std::get<1>(expected[i])) << i;
    EXPECT_EQ(file.issues[i].problem, std::get<2>(expected[i])) << i;
  }
  EXPECT_EQ(file.issues[0].cell, "8");
}

TEST(ResultFile, RefusesFilesWithoutTheColumnsOrRows) {
  auto file = ReadResultFile("item,reference,amount,result,reason\n1,x,1,paid,\n", 1, kToday, 10);
  ASSERT_TRUE(file.error);
  EXPECT_EQ(file.error->problem, ResultFileProblem::kMissingColumn);
  EXPECT_EQ(file.error->column, ResultColumn::kPaidOn);

  file = ReadResultFile("item,reference,amount,result,reason,paid_on,hasil\n", 1, kToday, 10);
  ASSERT_TRUE(file.error);
  EXPECT_EQ(file.error->problem, ResultFileProblem::kDuplicateColumn);
  EXPECT_EQ(file.error->detail, "hasil");

  file = ReadResultFile("item,reference,amount,result,reason,paid_on\n", 1, kToday, 10);
  ASSERT_TRUE(file.error);
  EXPECT_EQ(file.error->problem, ResultFileProblem::kNoRows);

  file = ReadResultFile("", 1, kToday, 10);
  ASSERT_TRUE(file.error);
  EXPECT_EQ(file.error->problem, ResultFileProblem::kEmptyFile);

  file = ReadResultFile(Header() + "\xC0\xAF,x\n", 1, kToday, 10);
  ASSERT_TRUE(file.error);
  EXPECT_EQ(file.error->problem, ResultFileProblem::kNotUtf8);
}

TEST(ResultFile, RefusesMoreRowsThanTheBatchHas) {
  const auto file = ReadResultFile(Header() + Line("7", "1", kRef1, "1", "paid", "", "2026-03-01") +
                                       Line("7", "2", kRef1, "1", "paid", "", "2026-03-01"),
                                   7, kToday, 1);
  ASSERT_TRUE(file.error);
  EXPECT_EQ(file.error->problem, ResultFileProblem::kTooManyRows);
  EXPECT_EQ(file.error->row_number, 3);
}

TEST(ResultFile, ReferencesAreReadAsPeopleWriteThem) {
  std::string loose = kRef1;
  for (char& ch : loose) ch = ch == '-' ? ' ' : static_cast<char>(std::tolower(ch));
  const auto file = ReadResultFile(Header() + Line("7", "1", loose, "1", "paid", "", "2026-03-01"),
                                   7, kToday, 10);
  ASSERT_EQ(file.rows.size(), 1u);
  EXPECT_EQ(file.rows[0].reference, kRef1);
}

// ---- Matching the rows with the batch --------------------------------------------------------

std::vector<BatchItemFacts> Items() {
  return {{.item_id = 31,
           .reference = kRef1,
           .amount = 100,
           .result = "pending",
           .failure_reason = "",
           .paid_on = ""},
          {.item_id = 32,
           .reference = kRef2,
           .amount = 200,
           .result = "pending",
           .failure_reason = "",
           .paid_on = ""},
          {.item_id = 33,
           .reference = kRef1,
           .amount = 300,
           .result = "paid",
           .failure_reason = "",
           .paid_on = "2026-03-01"},
          {.item_id = 34,
           .reference = kRef2,
           .amount = 400,
           .result = "failed",
           .failure_reason = "closed",
           .paid_on = ""}};
}

ResultRow Paid(std::int64_t row, std::int64_t item, const std::string& ref, std::int64_t amount,
               std::string day = "2026-03-01") {
  return {.row_number = row,
          .item_id = item,
          .reference = ref,
          .amount = amount,
          .result = PayoutResult::kPaid,
          .reason = std::nullopt,
          .paid_on = std::move(day)};
}
ResultRow Failed(std::int64_t row, std::int64_t item, const std::string& ref, std::int64_t amount,
                 FailureReason reason) {
  return {.row_number = row,
          .item_id = item,
          .reference = ref,
          .amount = amount,
          .result = PayoutResult::kFailed,
          .reason = reason,
          .paid_on = ""};
}

TEST(MatchResults, PendingItemsAreAppliedAndRepeatsChangeNothing) {
  const auto plan = MatchResults(
      {Paid(2, 31, kRef1, 100), Failed(3, 32, kRef2, 200, FailureReason::kNameMismatch),
       Paid(4, 33, kRef1, 300), Failed(5, 34, kRef2, 400, FailureReason::kClosed)},
      Items());
  EXPECT_TRUE(plan.issues.empty());
  ASSERT_EQ(plan.to_apply.size(), 2u);
  EXPECT_EQ(plan.to_apply[0].item_id, 31);
  EXPECT_EQ(plan.to_apply[1].item_id, 32);
  EXPECT_EQ(plan.unchanged, 2);
}

TEST(MatchResults, AmountsAndReferencesMustBeTheItemsAndEachItemComesOnce) {
  const auto plan =
      MatchResults({Paid(2, 31, kRef1, 101), Paid(3, 32, kRef1, 200), Paid(4, 99, kRef1, 1),
                    Paid(5, 31, kRef1, 100), Paid(6, 31, kRef1, 100)},
                   Items());
  EXPECT_TRUE(plan.to_apply.empty());
  using C = ResultColumn;
  using P = ResultProblem;
  const std::vector<std::tuple<std::int64_t, C, P>> expected = {
      {2, C::kAmount, P::kAmountMismatch},
      {3, C::kReference, P::kReferenceMismatch},
      {4, C::kItem, P::kItemUnknown},
      {5, C::kItem, P::kItemRepeated},
      {6, C::kItem, P::kItemRepeated}};
  ASSERT_EQ(plan.issues.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(plan.issues[i].row_number, std::get<0>(expected[i])) << i;
    EXPECT_EQ(plan.issues[i].column, std::get<1>(expected[i])) << i;
    EXPECT_EQ(plan.issues[i].problem, std::get<2>(expected[i])) << i;
  }
}

TEST(MatchResults, ARecordedResultIsNeverChangedByALaterFile) {
  const auto plan = MatchResults(
      {Failed(2, 33, kRef1, 300, FailureReason::kClosed), Paid(3, 34, kRef2, 400),
       Paid(4, 33, kRef1, 300, "2026-03-02"), Failed(5, 34, kRef2, 400, FailureReason::kOther)},
      Items());
  EXPECT_TRUE(plan.to_apply.empty());
  ASSERT_EQ(plan.issues.size(), 4u);
  EXPECT_EQ(plan.issues[0].problem, ResultProblem::kAlreadyRecorded);
  EXPECT_EQ(plan.issues[0].column, ResultColumn::kResult);
  EXPECT_EQ(plan.issues[1].problem, ResultProblem::kAlreadyRecorded);
  EXPECT_EQ(plan.issues[2].problem, ResultProblem::kItemRepeated) << "row 4 names item 33 again";
  EXPECT_EQ(plan.issues[3].problem, ResultProblem::kItemRepeated);
}

TEST(MatchResults, ADifferentDayOrReasonForARecordedResultIsAProblem) {
  const auto plan = MatchResults(
      {Paid(2, 33, kRef1, 300, "2026-03-02"), Failed(3, 34, kRef2, 400, FailureReason::kOther)},
      Items());
  ASSERT_EQ(plan.issues.size(), 2u);
  EXPECT_EQ(plan.issues[0].column, ResultColumn::kPaidOn);
  EXPECT_EQ(plan.issues[1].column, ResultColumn::kReason);
}

TEST(PayoutNames, RoundTrip) {
  for (auto r : {FailureReason::kClosed, FailureReason::kInvalidAccount,
                 FailureReason::kNameMismatch, FailureReason::kOther}) {
    EXPECT_EQ(ParseFailureReason(FailureReasonName(r)), r);
  }
  EXPECT_EQ(ParsePayoutResult(" Paid "), PayoutResult::kPaid);
  EXPECT_FALSE(ParsePayoutResult("ok"));
  EXPECT_EQ(ResultProblemName(ResultProblem::kNotAllowed), "not_allowed");
  EXPECT_EQ(ResultFileProblemName(ResultFileProblem::kTooManyRows), "too_many_rows");
  EXPECT_TRUE(IsIsoDate("2024-02-29"));
  EXPECT_FALSE(IsIsoDate("2026-02-29"));
}

}  // namespace
}  // namespace lumbung::claims
