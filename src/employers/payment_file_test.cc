#include "employers/payment_file.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "employers/payment_code.h"

namespace lumbung::employers {
namespace {

// Codes with a right check digit (docs/employers.md's worked examples) and one typo.
const std::string kCode0 = "10000000003";
const std::string kCode42 = "10000000424";
const std::string kCodeBig = "11234567897";
const std::string kTypo = "10000000004";

struct Read {
  std::optional<PaymentFileError> error;
  std::optional<PaymentFileHeader> header;
  std::vector<PaymentFileRow> rows;
};

// The whole text in one Feed, or `piece` bytes at a time.
Read ReadText(std::string_view text, std::size_t piece = 0) {
  Read r;
  PaymentFileReader reader([&](const PaymentFileRow& row) { r.rows.push_back(row); });
  if (piece == 0) {
    reader.Feed(text);
  } else {
    for (std::size_t i = 0; i < text.size(); i += piece) reader.Feed(text.substr(i, piece));
  }
  r.error = reader.Finish();
  r.header = reader.header();
  EXPECT_EQ(reader.data_rows(), static_cast<std::int64_t>(r.rows.size()));
  return r;
}

std::vector<PaymentProblem> Problems(const PaymentFileRow& row) {
  std::vector<PaymentProblem> out;
  for (const auto& issue : row.problems) out.push_back(issue.problem);
  return out;
}

TEST(PaymentFile, IndonesianHeadersCommasAndRowNumbers) {
  const Read r =
      ReadText("kode_iuran,jumlah,tanggal,referensi\n" + kCode0 + ",5000000,2024-05-14,TRX-001\n" +
               kCode42 + ",\"1.250.000\",2024-05-15,TRX-002\n");
  ASSERT_FALSE(r.error) << DescribePaymentFileError(*r.error);
  ASSERT_TRUE(r.header);
  EXPECT_EQ(r.header->delimiter, ',');
  EXPECT_EQ(r.header->code, 0u);
  EXPECT_EQ(r.header->amount, 1u);
  EXPECT_EQ(r.header->date, 2u);
  EXPECT_EQ(r.header->reference, 3u);
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].row_number, 2);
  EXPECT_EQ(r.rows[0].payment, (BankPayment{kCode0, 5'000'000, "2024-05-14", "TRX-001"}));
  EXPECT_TRUE(r.rows[0].problems.empty());
  EXPECT_TRUE(r.rows[0].Usable());
  EXPECT_EQ(r.rows[1].row_number, 3);
  EXPECT_EQ(r.rows[1].payment, (BankPayment{kCode42, 1'250'000, "2024-05-15", "TRX-002"}));
}

TEST(PaymentFile, EnglishHeadersInAnyOrderSemicolonsBomAndCrLf) {
  const Read r = ReadText(
      "\xEF\xBB\xBF"
      "Bank Reference;Date;Payment Code;Amount (Rp)\r\n"
      "REF 9;2024-06-01;" +
      kCodeBig + ";5,000,000\r\n");
  ASSERT_FALSE(r.error) << DescribePaymentFileError(*r.error);
  EXPECT_EQ(r.header->delimiter, ';');
  EXPECT_EQ(r.header->reference, 0u);
  EXPECT_EQ(r.header->date, 1u);
  EXPECT_EQ(r.header->code, 2u);
  EXPECT_EQ(r.header->amount, 3u);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].payment, (BankPayment{kCodeBig, 5'000'000, "2024-06-01", "REF 9"}));
}

TEST(PaymentFile, HeaderSpellings) {
  for (const char* header :
       {"payment_code,amount,date,bank_reference", "Kode Iuran,Jumlah,Tanggal,Referensi",
        "KODE-IURAN,JUMLAH (IDR),TANGGAL,NO. REFERENSI",
        "kode pembayaran,nominal,tanggal bayar,nomor referensi",
        "Payment code,Payment amount,Payment date,Reference"}) {
    const Read r = ReadText(std::string(header) + "\n" + kCode0 + ",100,2024-01-02,A\n");
    ASSERT_FALSE(r.error) << header << ": " << DescribePaymentFileError(*r.error);
    ASSERT_EQ(r.rows.size(), 1u) << header;
    EXPECT_EQ(r.rows[0].payment.amount, 100) << header;
    EXPECT_EQ(r.rows[0].payment.bank_reference, "A") << header;
  }
}

TEST(PaymentFile, AmountsAsPeopleAndBanksWriteThem) {
  const Read r =
      ReadText("kode_iuran;jumlah;tanggal;referensi\n" + kCode0 + ";5000000;2024-05-14;R1\n" +
               kCode0 + ";5.000.000;2024-05-14;R2\n" + kCode0 + ";5,000,000;2024-05-14;R3\n" +
               kCode0 + ";Rp 5.000.000;2024-05-14;R4\n" + kCode0 + ";5.000.000,00;2024-05-14;R5\n");
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.rows.size(), 5u);
  for (const auto& row : r.rows) {
    EXPECT_EQ(row.payment.amount, 5'000'000) << row.payment.bank_reference;
    EXPECT_TRUE(row.problems.empty()) << row.payment.bank_reference;
  }
}

TEST(PaymentFile, EveryBadRowIsDeliveredWithItsProblemsAndRowNumber) {
  const Read r = ReadText(
      "kode_iuran,jumlah,tanggal,referensi\n"
      "1000000000,100,2024-05-14,A\n"   // 2: ten digits (a leading zero dropped?)
      "1000000000X,100,2024-05-14,B\n"  // 3: a letter
      "1.00000E+10,100,2024-05-14,C\n"  // 4: a spreadsheet's shortening
      ","
      "100,2024-05-14,D\n"                                         // 5: no code
      + kTypo + ",100,2024-05-14,E\n" +                            // 6: check digit
      kCode0 + ",lima juta,2024-05-14,F\n" +                       // 7
      kCode0 + ",\"5.000,50\",2024-05-14,G\n" +                    // 8: cents
      kCode0 + ",0,2024-05-14,H\n" +                               // 9
      kCode0 + ",-5000,2024-05-14,I\n" +                           // 10
      kCode0 + ",,2024-05-14,J\n" +                                // 11
      kCode0 + ",100,2024-02-30,K\n" +                             // 12: no such day
      kCode0 + ",100,14/05/2024,L\n" +                             // 13
      kCode0 + ",100,,M\n" +                                       // 14
      kCode0 + ",100,2024-05-14,\n" +                              // 15: no reference
      kCode0 + ",100,2024-05-14," + std::string(65, 'R') + "\n" +  // 16
      "12,abc,yesterday,\n" +                                      // 17: everything
      kCode0 + ",99999999999999999999,2024-05-14,N\n");            // 18
  ASSERT_FALSE(r.error) << DescribePaymentFileError(*r.error);
  ASSERT_EQ(r.rows.size(), 17u) << "no row is dropped";
  using P = PaymentProblem;
  const std::vector<std::vector<P>> expected = {
      {P::kCodeShape},
      {P::kCodeShape},
      {P::kCodeShape},
      {P::kCodeShape},
      {P::kCodeCheckDigit},
      {P::kAmountNotANumber},
      {P::kAmountCents},
      {P::kAmountNotPositive},
      {P::kAmountNotPositive},
      {P::kAmountMissing},
      {P::kDate},
      {P::kDate},
      {P::kDate},
      {P::kReferenceMissing},
      {P::kReferenceInvalid},
      {P::kCodeShape, P::kAmountNotANumber, P::kDate, P::kReferenceMissing},
      {P::kAmountTooLarge},
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(r.rows[i].row_number, static_cast<std::int64_t>(i) + 2);
    EXPECT_EQ(Problems(r.rows[i]), expected[i]) << "row " << r.rows[i].row_number;
    EXPECT_EQ(r.rows[i].Usable(), expected[i] == std::vector<P>{P::kCodeCheckDigit})
        << "row " << r.rows[i].row_number;
  }
  // The cells as written, for the report.
  EXPECT_EQ(r.rows[6].problems[0].cell, "5.000,50");
  EXPECT_EQ(r.rows[10].problems[0].cell, "2024-02-30");
  EXPECT_EQ(r.rows[4].payment.payment_code, kTypo) << "a typo keeps its code for the lookup";
}

TEST(PaymentFile, CellsAreTrimmedAndOtherColumnsIgnored) {
  const Read r = ReadText(
      "Nama Perusahaan,kode_iuran,jumlah,tanggal,referensi,Catatan\n"
      "PT Maju,\" " +
      kCode0 + " \",\" 100 \",\" 2024-05-14\",\"  X1 \",hi\n");
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.header->ignored, (std::vector<std::size_t>{0, 5}));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].payment, (BankPayment{kCode0, 100, "2024-05-14", "X1"}));
}

TEST(PaymentFile, EmptyLinesAreSkippedButCounted) {
  const Read r = ReadText("\n\nkode_iuran,jumlah,tanggal,referensi\n\n" + kCode0 +
                          ",100,2024-05-14,A\n,,,\n" + kCode42 + ",200,2024-05-14,B");
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.header->row_number, 3);
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].row_number, 5);
  EXPECT_EQ(r.rows[1].row_number, 7) << "the last line has no line break";
}

TEST(PaymentFile, FedAByteAtATimeReadsTheSame) {
  const std::string text = "\xEF\xBB\xBFkode_iuran;jumlah;tanggal;referensi\r\n" + kCode0 +
                           ";\"5.000.000\";2024-05-14;\"A;1\"\r\n" + kTypo + ";7;2024-05-15;B\r\n";
  const Read whole = ReadText(text);
  const Read bytes = ReadText(text, 1);
  ASSERT_FALSE(whole.error);
  ASSERT_FALSE(bytes.error);
  ASSERT_EQ(whole.rows.size(), 2u);
  ASSERT_EQ(bytes.rows.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(bytes.rows[i].payment, whole.rows[i].payment);
    EXPECT_EQ(bytes.rows[i].problems, whole.rows[i].problems);
    EXPECT_EQ(bytes.rows[i].row_number, whole.rows[i].row_number);
  }
  EXPECT_EQ(whole.rows[0].payment.bank_reference, "A;1");
}

TEST(PaymentFile, HeaderProblemsRefuseTheFile) {
  Read r = ReadText("kode_iuran,jumlah,tanggal\n" + kCode0 + ",100,2024-05-14\n");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->problem, PaymentFileProblem::kMissingColumn);
  EXPECT_EQ(r.error->column, PaymentColumn::kReference);
  EXPECT_EQ(r.error->row_number, 1);
  EXPECT_TRUE(r.rows.empty());
  EXPECT_NE(DescribePaymentFileError(*r.error).find("bank reference"), std::string::npos);

  r = ReadText("kode_iuran,payment_code,jumlah,tanggal,referensi\n");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->problem, PaymentFileProblem::kDuplicateColumn);
  EXPECT_EQ(r.error->detail, "payment_code");

  r = ReadText("\n  \n");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->problem, PaymentFileProblem::kEmptyFile);

  r = ReadText(std::string("\xFF\xFEk\0o\0", 6));
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->problem, PaymentFileProblem::kUtf16);
}

TEST(PaymentFile, AHeaderWithoutRowsIsAnEmptyImportNotAnError) {
  const Read r = ReadText("kode_iuran,jumlah,tanggal,referensi\n");
  EXPECT_FALSE(r.error);
  EXPECT_TRUE(r.rows.empty());
}

TEST(PaymentFile, ABrokenFileStopsAtTheRowButRowsBeforeItWereDelivered) {
  const Read r = ReadText("kode_iuran,jumlah,tanggal,referensi\n" + kCode0 + ",100,2024-05-14,A\n" +
                          kCode0 + ",100,2024-05-14,B\"x\n" + kCode0 + ",100,2024-05-14,C\n");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->problem, PaymentFileProblem::kMalformedQuotes);
  EXPECT_EQ(r.error->row_number, 3);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].payment.bank_reference, "A");

  const Read latin1 =
      ReadText("kode_iuran,jumlah,tanggal,referensi\n" + kCode0 + ",100,2024-05-14,Caf\xE9\n");
  ASSERT_TRUE(latin1.error);
  EXPECT_EQ(latin1.error->problem, PaymentFileProblem::kNotUtf8);
  EXPECT_EQ(latin1.error->row_number, 2);
}

TEST(PaymentFile, ReadPaymentFileStreamsAndCountsBytes) {
  std::string text = "kode_iuran,jumlah,tanggal,referensi\n";
  for (int i = 0; i < 5000; ++i) {
    text += IssuePaymentCode(static_cast<std::uint64_t>(i)) + ",1000," + "2024-05-14,REF" +
            std::to_string(i) + "\n";
  }
  std::istringstream in(text);
  std::int64_t rows = 0, last_row = 0;
  std::vector<std::uint64_t> pieces;
  const PaymentFileSummary summary = ReadPaymentFile(
      in,
      [&](const PaymentFileRow& row) {
        ++rows;
        EXPECT_TRUE(row.problems.empty()) << row.row_number;
        EXPECT_EQ(row.row_number, last_row == 0 ? 2 : last_row + 1);
        last_row = row.row_number;
      },
      [&](std::uint64_t bytes) { pieces.push_back(bytes); });
  EXPECT_FALSE(summary.error);
  EXPECT_EQ(summary.data_rows, 5000);
  EXPECT_EQ(rows, 5000);
  EXPECT_EQ(summary.bytes, text.size());
  ASSERT_GE(pieces.size(), 2u) << "read in pieces, never as a whole";
  EXPECT_EQ(pieces.back(), text.size());
}

TEST(PaymentFile, CheckBankPaymentAndIsoDays) {
  EXPECT_TRUE(CheckBankPayment({kCode0, 1, "2024-02-29", "R"}).empty());
  EXPECT_EQ(CheckBankPayment({kTypo, 1, "2024-02-29", "R"}),
            (std::vector<PaymentIssue>{{PaymentProblem::kCodeCheckDigit, kTypo}}));
  const auto all = CheckBankPayment({"", 0, "2023-02-29", ""});
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].problem, PaymentProblem::kCodeShape);
  EXPECT_EQ(all[1].problem, PaymentProblem::kAmountNotPositive);
  EXPECT_EQ(all[2].problem, PaymentProblem::kDate);
  EXPECT_EQ(all[3].problem, PaymentProblem::kReferenceMissing);
  EXPECT_EQ(CheckBankPayment({kCode0, 1, "2024-01-01", "a\nb"})[0].problem,
            PaymentProblem::kReferenceInvalid);

  EXPECT_TRUE(IsIsoDay("2024-12-31"));
  for (const char* bad : {"2024-13-01", "2024-00-10", "2024-04-31", "24-05-01", "2024/05/01",
                          "2024-5-1", "2024-05-01T00:00", "1899-12-31", "", "abcd-ef-gh"}) {
    EXPECT_FALSE(IsIsoDay(bad)) << bad;
  }
}

TEST(PaymentFile, ProblemsHaveNamesAndDescriptions) {
  EXPECT_EQ(PaymentProblemName(PaymentProblem::kCodeCheckDigit), "code-check-digit");
  EXPECT_EQ(DescribePaymentIssue({PaymentProblem::kAmountCents, "5.000,50"}),
            "amount \"5.000,50\" is not whole rupiah");
  EXPECT_EQ(DescribePaymentIssue({PaymentProblem::kReferenceMissing, ""}),
            "the bank reference is missing");
}

TEST(CsvStream, ACallbackCanStopTheRead) {
  int seen = 0;
  CsvStream csv([&](const CsvRow&) { return ++seen < 2; });
  csv.Feed("a\nb\nc\n");
  const auto error = csv.Finish();
  ASSERT_TRUE(error);
  EXPECT_EQ(error->problem, CsvProblem::kStopped);
  EXPECT_EQ(error->row_number, 2);
  EXPECT_EQ(seen, 2);
}

TEST(CsvStream, NormaliseHeader) {
  EXPECT_EQ(NormaliseHeader("Kode_Iuran"), "kode iuran");
  EXPECT_EQ(NormaliseHeader(" Jumlah (Rp) "), "jumlah");
  EXPECT_EQ(NormaliseHeader("No. Referensi"), "no referensi");
}

}  // namespace
}  // namespace lumbung::employers
