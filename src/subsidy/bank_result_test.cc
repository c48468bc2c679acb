#include "subsidy/bank_result.h"

#include <gtest/gtest.h>

#include "subsidy/disbursement_file.h"

namespace lumbung::subsidy {
namespace {

constexpr std::string_view kToday = "2026-01-05";

BankResultFile Read(const std::string& csv, std::int64_t batch = 7) {
  return ReadBankResultFile(csv, batch, kToday, 100);
}

TEST(DisbursementFile, RowsAndTheControlTotal) {
  EXPECT_EQ(DisbursementHeaderLine(),
            "batch,line,member,nik,name,channel,bank_code,account_number,holder_name,amount,"
            "description\r\n");
  EXPECT_EQ(DisbursementLine({.batch_id = 7,
                              .line = 1,
                              .member_id = 42,
                              .nik = "3171010101900001",
                              .name = "=Siti",
                              .channel = "bank",
                              .bank_code = "bca",
                              .account_number = "0012345678",
                              .holder_name = "Siti",
                              .amount = 600000,
                              .description = DisbursementDescription(2025, 3)}),
            "7,1,42,3171010101900001,'=Siti,bank,bca,0012345678,Siti,600000,BSU 2025 batch 3\r\n");
  EXPECT_EQ(DisbursementControlLine(2, 1200000), "TOTAL,2,,,,,,,,1200000,\r\n");
}

TEST(BankResult, ReadsPaidAndFailedRowsWithHeadersInEitherLanguage) {
  const auto file = Read(
      "\xEF\xBB\xBFNomor Peserta;Jumlah;Hasil;Alasan;Tanggal Bayar;Referensi Bank;Batch\r\n"
      "42;600.000;PAID;;2026-01-03;TRX1;7\r\n"
      "43;600000;failed;Account_Dormant;;;7\r\n"
      "TOTAL;1.200.000;;;;;\r\n");
  ASSERT_FALSE(file.error) << BankFileProblemName(file.error->problem);
  EXPECT_TRUE(file.issues.empty());
  ASSERT_EQ(file.rows.size(), 2u);
  EXPECT_EQ(file.data_rows, 2);
  EXPECT_EQ(file.amount_total, 1'200'000);
  EXPECT_EQ(file.rows[0], (BankResultRow{.row_number = 2,
                                         .member_id = 42,
                                         .amount = 600000,
                                         .paid = true,
                                         .reason = std::nullopt,
                                         .paid_on = "2026-01-03",
                                         .reference = "TRX1"}));
  EXPECT_EQ(file.rows[1].reason, BankFailure::kAccountDormant);
}

TEST(BankResult, EveryReasonOfTheDomainFactsIsKnown) {
  for (auto name : {"account_closed", "account_dormant", "account_invalid", "account_frozen",
                    "account_nik_mismatch", "account_not_registered"}) {
    const auto reason = ParseBankFailure(name);
    ASSERT_TRUE(reason) << name;
    EXPECT_EQ(BankFailureName(*reason), name);
  }
  EXPECT_FALSE(ParseBankFailure("closed"));
}

TEST(BankResult, EachBadCellIsNamedByRowAndColumn) {
  const auto file = Read(
      "member,amount,result,reason,paid_on,bank_reference,batch\n"
      "x,600000,paid,,2026-01-03,TRX1,7\n"
      "43,600000,paid,account_closed,2026-02-01,,8\n"
      "44,abc,failed,,,,7\n"
      "45,600000,maybe,,,,7\n");
  ASSERT_FALSE(file.error);
  EXPECT_TRUE(file.rows.empty());
  const std::vector<BankRowIssue> expected = {
      {2, BankColumn::kMember, BankRowProblem::kMemberInvalid, "x"},
      {3, BankColumn::kBatch, BankRowProblem::kBatchMismatch, "8"},
      {3, BankColumn::kReason, BankRowProblem::kReasonNotExpected, "account_closed"},
      {3, BankColumn::kPaidOn, BankRowProblem::kDateFuture, "2026-02-01"},
      {3, BankColumn::kReference, BankRowProblem::kReferenceMissing, ""},
      {4, BankColumn::kAmount, BankRowProblem::kAmountInvalid, "abc"},
      {4, BankColumn::kReason, BankRowProblem::kReasonMissing, ""},
      {5, BankColumn::kResult, BankRowProblem::kResultInvalid, "maybe"},
  };
  EXPECT_EQ(file.issues, expected);
}

TEST(BankResult, FileProblems) {
  EXPECT_EQ(Read("").error->problem, BankFileProblem::kEmptyFile);
  EXPECT_EQ(Read("member,amount,result,reason,paid_on,bank_reference\n").error->problem,
            BankFileProblem::kNoRows);
  const auto missing = Read("member,amount,result,reason,paid_on\n42,1,paid,,2026-01-01\n");
  EXPECT_EQ(missing.error->problem, BankFileProblem::kMissingColumn);
  EXPECT_EQ(missing.error->column, BankColumn::kReference);
  const auto control = Read(
      "member,amount,result,reason,paid_on,bank_reference\n42,600000,paid,,2026-01-01,T\n"
      "TOTAL,700000,,,,\n");
  ASSERT_TRUE(control.error);
  EXPECT_EQ(control.error->problem, BankFileProblem::kControlMismatch);
  EXPECT_EQ(control.error->row_number, 3);
  EXPECT_TRUE(control.rows.empty());
}

// The file must answer for the whole batch as sent; a repeated result changes nothing, a
// different one is refused (also after staff rerouted the failed payment).
TEST(BankResult, MatchingAgainstThePaymentsSent) {
  const std::vector<SentPayment> sent = {
      {.member_id = 42, .amount = 600000, .result = "pending"},
      {.member_id = 43,
       .amount = 600000,
       .result = "rerouted_post_office",
       .failure_reason = "account_closed"},
      {.member_id = 44,
       .amount = 600000,
       .result = "paid",
       .paid_on = "2026-01-02",
       .reference = "T4"},
  };
  const std::string header = "member,amount,result,reason,paid_on,bank_reference\n";
  const auto plan = MatchBankResults(
      Read(header + "42,600000,paid,,2026-01-03,T2\n43,600000,failed,account_closed,,\n"
                    "44,600000,paid,,2026-01-02,T4\n"),
      sent);
  EXPECT_FALSE(plan.totals);
  EXPECT_TRUE(plan.issues.empty());
  ASSERT_EQ(plan.to_apply.size(), 1u);
  EXPECT_EQ(plan.to_apply[0].member_id, 42);
  EXPECT_EQ(plan.unchanged, 2);

  const auto short_file = MatchBankResults(Read(header + "42,600000,paid,,2026-01-03,T2\n"), sent);
  ASSERT_TRUE(short_file.totals);
  EXPECT_EQ(short_file.totals->problem, BankFileProblem::kTotalsMismatch);
  EXPECT_EQ(short_file.totals->file_rows, 1);
  EXPECT_EQ(short_file.totals->expected_rows, 3);
  EXPECT_EQ(short_file.totals->expected_total, 1'800'000);

  const auto wrong = MatchBankResults(
      Read(header + "42,600000,paid,,2026-01-03,T2\n42,600000,paid,,2026-01-03,T2\n"
                    "99,600000,failed,account_closed,,\n44,600000,paid,,2026-01-03,T4\n"),
      sent);
  const std::vector<BankRowIssue> expected = {
      {3, BankColumn::kMember, BankRowProblem::kMemberRepeated, "42"},
      {4, BankColumn::kMember, BankRowProblem::kMemberUnknown, "99"},
      {5, BankColumn::kPaidOn, BankRowProblem::kAlreadyRecorded, "2026-01-03"},
  };
  EXPECT_EQ(wrong.issues, expected);
}

}  // namespace
}  // namespace lumbung::subsidy
