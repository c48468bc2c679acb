#include "employers/wage_report_csv.h"

#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace lumbung::employers {
namespace {

struct Read {
  std::optional<ReadError> error;
  WageReportHeader header;
  bool saw_header = false;
  std::vector<WageReportRow> rows;
};

// The whole text in one Feed, or `piece` bytes at a time.
Read ReadText(std::string_view text, std::size_t piece = 0, ReadLimits limits = {}) {
  Read r;
  WageReportReader reader(
      [&](const WageReportHeader& h) {
        r.header = h;
        r.saw_header = true;
      },
      [&](const WageReportRow& row) { r.rows.push_back(row); }, limits);
  if (piece == 0) {
    reader.Feed(text);
  } else {
    for (std::size_t i = 0; i < text.size(); i += piece) reader.Feed(text.substr(i, piece));
  }
  r.error = reader.Finish();
  EXPECT_EQ(reader.data_rows(), static_cast<std::int64_t>(r.rows.size()));
  return r;
}

ReadProblem ProblemOf(const Read& r) {
  return r.error ? r.error->problem : ReadProblem::kNone;
}

TEST(WageReportCsv, EnglishHeadersCommasAndRowNumbers) {
  const Read r = ReadText(
      "NIK,Wage,Name\r\n3374014508900002,5000000,Siti Rahayu\r\n"
      "3374010101850001,4.500.000,Budi\r\n");
  ASSERT_EQ(ProblemOf(r), ReadProblem::kNone);
  EXPECT_EQ(r.header.delimiter, ',');
  EXPECT_EQ(r.header.nik, 0u);
  EXPECT_EQ(r.header.wage, 1u);
  EXPECT_EQ(r.header.name, 2u);
  EXPECT_FALSE(r.header.kpj);
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].row_number, 2);
  EXPECT_EQ(r.rows[0].Cell(r.header.nik), "3374014508900002");
  EXPECT_EQ(r.rows[0].Cell(r.header.name), "Siti Rahayu");
  EXPECT_EQ(r.rows[1].row_number, 3);
  EXPECT_EQ(r.rows[1].Cell(r.header.wage), "4.500.000");
  EXPECT_EQ(r.rows[1].Cell(r.header.kpj), "");
}

TEST(WageReportCsv, IndonesianHeadersInAnyOrderWithSemicolons) {
  // A spreadsheet in an Indonesian locale: semicolons, and commas inside amounts.
  const Read r =
      ReadText("Nama Lengkap;Upah (Rp);No. KPJ\n\"Rahayu, Siti\";5,000,000;10000000003\n");
  ASSERT_EQ(ProblemOf(r), ReadProblem::kNone);
  EXPECT_EQ(r.header.delimiter, ';');
  EXPECT_EQ(r.header.name, 0u);
  EXPECT_EQ(r.header.wage, 1u);
  EXPECT_EQ(r.header.kpj, 2u);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].Cell(r.header.name), "Rahayu, Siti");
  EXPECT_EQ(r.rows[0].Cell(r.header.wage), "5,000,000");
}

TEST(WageReportCsv, EveryCellQuotedWithSemicolons) {
  // Exported with every cell quoted: the delimiter is still read from the header line.
  const std::string text =
      "\"NIK\";\"Upah\";\"Nama\"\r\n\"3374014508900002\";\"5.000.000\";\"Rahayu, Siti\"\r\n";
  for (std::size_t piece : {0, 1, 5}) {
    const Read r = ReadText(text, piece);
    ASSERT_EQ(ProblemOf(r), ReadProblem::kNone) << piece;
    EXPECT_EQ(r.header.delimiter, ';');
    ASSERT_EQ(r.rows.size(), 1u);
    EXPECT_EQ(r.rows[0].Cell(r.header.wage), "5.000.000");
    EXPECT_EQ(r.rows[0].Cell(r.header.name), "Rahayu, Siti");
  }
}

TEST(WageReportCsv, HeaderNamesAreNormalised) {
  EXPECT_EQ(NormaliseHeader("  No. KPJ "), "no kpj");
  EXPECT_EQ(NormaliseHeader("NO_KPJ"), "no kpj");
  EXPECT_EQ(NormaliseHeader("Upah (Rp)"), "upah");
  EXPECT_EQ(NormaliseHeader("Monthly wage (IDR)"), "monthly wage");
  EXPECT_EQ(NormaliseHeader("Nomor-Induk-Kependudukan:"), "nomor induk kependudukan");
  EXPECT_EQ(NormaliseHeader("Rp"), "rp");
  for (ReportColumn c :
       {ReportColumn::kNik, ReportColumn::kKpj, ReportColumn::kWage, ReportColumn::kName}) {
    for (std::string_view h : AcceptedHeaders(c)) EXPECT_EQ(NormaliseHeader(h), h);
  }
}

TEST(WageReportCsv, BothIdentifiersAndUnknownColumnsAreKept) {
  const Read r = ReadText("No,NIK,KPJ,Jabatan,Gaji\n1,3374014508900002,10000000003,Staf,5000000\n");
  ASSERT_EQ(ProblemOf(r), ReadProblem::kNone);
  EXPECT_EQ(r.header.nik, 1u);
  EXPECT_EQ(r.header.kpj, 2u);
  EXPECT_EQ(r.header.wage, 4u);
  EXPECT_EQ(r.header.ignored, (std::vector<std::size_t>{0, 3}));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].cells.size(), 5u);
}

TEST(WageReportCsv, Utf8ByteOrderMarkIsDropped) {
  const Read r = ReadText("\xEF\xBB\xBFNIK,Upah\n3374014508900002,5000000\n");
  ASSERT_EQ(ProblemOf(r), ReadProblem::kNone);
  EXPECT_EQ(r.header.nik, 0u);
  EXPECT_EQ(r.rows.size(), 1u);
}

TEST(WageReportCsv, QuotedCellsWithDelimitersQuotesAndLineBreaksStayInOneRow) {
  const Read r = ReadText(
      "NIK,Upah,Nama\n"
      "3374014508900002,\"5,000,000\",\"Siti \"\"Ayu\"\"\nRahayu\"\n"
      "3374010101850001,5000000,Budi\n");
  ASSERT_EQ(ProblemOf(r), ReadProblem::kNone);
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].Cell(r.header.wage), "5,000,000");
  EXPECT_EQ(r.rows[0].Cell(r.header.name), "Siti \"Ayu\"\nRahayu");
  EXPECT_EQ(r.rows[1].row_number, 3);  // the spreadsheet's row, not the text line (4)
}

TEST(WageReportCsv, EmptyLinesAreSkippedButCounted) {
  const Read r = ReadText(
      "\r\nNIK,Upah\r\n\r\n3374014508900002,5000000\r\n,,\r\n \r\n"
      "3374010101850001,4000000");
  ASSERT_EQ(ProblemOf(r), ReadProblem::kNone);
  EXPECT_EQ(r.header.row_number, 2);
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].row_number, 4);
  EXPECT_EQ(r.rows[1].row_number, 7);  // no line break at the end: still read
}

TEST(WageReportCsv, LineEndingsLfCrLfAndCrCountAlike) {
  for (std::string_view eol : {"\n", "\r\n", "\r"}) {
    std::string text = "NIK,Upah";
    text += eol;
    text += eol;
    text += "3374014508900002,5000000";
    text += eol;
    const Read r = ReadText(text);
    ASSERT_EQ(ProblemOf(r), ReadProblem::kNone);
    ASSERT_EQ(r.rows.size(), 1u);
    EXPECT_EQ(r.rows[0].row_number, 3);
  }
}

TEST(WageReportCsv, AnyFeedSizeGivesTheSameRows) {
  const std::string text =
      "\xEF\xBB\xBFNama;Upah;NIK\r\n\"A;B\";5.000.000;3374014508900002\r\n\r\nC;1;2\r\n";
  const Read whole = ReadText(text);
  for (std::size_t piece : {1u, 2u, 3u, 7u}) {
    const Read r = ReadText(text, piece);
    ASSERT_EQ(ProblemOf(r), ReadProblem::kNone) << piece;
    ASSERT_EQ(r.rows.size(), whole.rows.size());
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
      EXPECT_EQ(r.rows[i].cells, whole.rows[i].cells);
      EXPECT_EQ(r.rows[i].row_number, whole.rows[i].row_number);
    }
  }
  EXPECT_EQ(whole.rows[1].row_number, 4);
}

TEST(WageReportCsv, AHeaderOnlyFileHasNoRows) {
  const Read r = ReadText("NIK,Upah\r\n");
  EXPECT_EQ(ProblemOf(r), ReadProblem::kNone);
  EXPECT_TRUE(r.saw_header);
  EXPECT_TRUE(r.rows.empty());
}

TEST(WageReportCsv, AnEmptyFileIsRefused) {
  EXPECT_EQ(ProblemOf(ReadText("")), ReadProblem::kEmptyFile);
  EXPECT_EQ(ProblemOf(ReadText("\r\n\r\n")), ReadProblem::kEmptyFile);
  EXPECT_EQ(ProblemOf(ReadText("\xEF\xBB\xBF")), ReadProblem::kEmptyFile);
  EXPECT_EQ(ProblemOf(ReadText(",,,\n , ,\n")), ReadProblem::kEmptyFile);
}

TEST(WageReportCsv, Utf16IsRefused) {
  // "NIK,Upah" in UTF-16 LE and BE with their byte-order marks, and LE without one.
  const std::string le("\xFF\xFEN\0I\0K\0,\0U\0p\0a\0h\0", 18);
  const std::string be("\xFE\xFF\0N\0I\0K\0,\0U\0p\0a\0h", 18);
  const std::string bare("N\0I\0K\0,\0U\0p\0a\0h\0\n\0", 18);
  EXPECT_EQ(ProblemOf(ReadText(le)), ReadProblem::kUtf16);
  EXPECT_EQ(ProblemOf(ReadText(be)), ReadProblem::kUtf16);
  EXPECT_EQ(ProblemOf(ReadText(bare)), ReadProblem::kUtf16);
  EXPECT_EQ(ProblemOf(ReadText(le, 1)), ReadProblem::kUtf16);
}

TEST(WageReportCsv, Latin1IsRefusedWithItsRow) {
  // "Siti Nurhasanah Muñoz" saved as Latin-1: a lone 0xF1.
  const Read r = ReadText(
      "NIK,Upah,Nama\n3374014508900002,5000000,Siti\n"
      "3374010101850001,5000000,Mu\xF1oz\n");
  ASSERT_EQ(ProblemOf(r), ReadProblem::kNotUtf8);
  EXPECT_EQ(r.error->row_number, 3);
  EXPECT_EQ(ProblemOf(ReadText("Nama,NIK,Upah\nMu\xC3\xB1oz,1,2\n")), ReadProblem::kNone);
  EXPECT_EQ(ProblemOf(ReadText("N\xC0\xAFK,Upah\n")), ReadProblem::kNotUtf8);     // overlong
  EXPECT_EQ(ProblemOf(ReadText("N\xED\xA0\x80,Upah\n")), ReadProblem::kNotUtf8);  // surrogate
}

TEST(WageReportCsv, MissingAndDuplicateColumnsAreRefused) {
  EXPECT_EQ(ProblemOf(ReadText("Nama,Upah\nSiti,5000000\n")), ReadProblem::kMissingIdColumn);
  EXPECT_EQ(ProblemOf(ReadText("NIK,Nama\n1,Siti\n")), ReadProblem::kMissingWageColumn);
  const Read r = ReadText("NIK,Upah,Wage\n");
  ASSERT_EQ(ProblemOf(r), ReadProblem::kDuplicateColumn);
  EXPECT_EQ(r.error->header, "Wage");
  EXPECT_EQ(r.error->row_number, 1);
  EXPECT_FALSE(r.saw_header);
}

TEST(WageReportCsv, BrokenQuotesAreRefusedWithTheirRow) {
  const Read stray = ReadText("NIK,Upah,Nama\n1,2,ok\n1,2,Budi \"Bob\" S\n");
  ASSERT_EQ(ProblemOf(stray), ReadProblem::kMalformedQuotes);
  EXPECT_EQ(stray.error->row_number, 3);
  EXPECT_EQ(stray.rows.size(), 1u);
  EXPECT_EQ(ProblemOf(ReadText("NIK,Upah\n\"1\"x,2\n")), ReadProblem::kMalformedQuotes);
  const Read open = ReadText("NIK,Upah\n1,2\n\"1,2\n3,4\n");
  ASSERT_EQ(ProblemOf(open), ReadProblem::kUnterminatedQuote);
  EXPECT_EQ(open.error->row_number, 3);
}

TEST(WageReportCsv, OversizedCellsAndRowsAreRefused) {
  ReadLimits small;
  small.max_cell_bytes = 16;
  small.max_columns = 4;
  EXPECT_EQ(ProblemOf(ReadText("NIK,Upah\n1,2\n" + std::string(17, 'x') + ",2\n", 0, small)),
            ReadProblem::kCellTooLong);
  EXPECT_EQ(ProblemOf(ReadText("NIK,Upah\n1,2,3,4,5\n", 0, small)), ReadProblem::kTooManyColumns);
  // An unterminated quote in a large file stops at the limit instead of growing one cell.
  const Read r = ReadText("NIK,Upah\n\"" + std::string(200'000, 'x'), 0, small);
  EXPECT_EQ(ProblemOf(r), ReadProblem::kCellTooLong);
  EXPECT_EQ(ProblemOf(ReadText(std::string(300'000, 'x'))), ReadProblem::kCellTooLong);
}

TEST(WageReportCsv, ReadsFromAStream) {
  std::string text = "KPJ,Wage\n";
  for (int i = 0; i < 20000; ++i) text += "10000000003,5000000\n";
  std::istringstream in(text);
  std::int64_t last = 0;
  const ReadSummary summary = ReadWageReport(
      in, [](const WageReportHeader&) {}, [&](const WageReportRow& row) { last = row.row_number; });
  EXPECT_FALSE(summary.error);
  EXPECT_EQ(summary.data_rows, 20000);
  EXPECT_EQ(last, 20001);
}

TEST(WageReportCsv, ACallbackThatThrowsStopsTheRead) {
  WageReportReader reader([](const WageReportHeader&) {},
                          [](const WageReportRow&) { throw std::runtime_error("stop"); });
  EXPECT_THROW(reader.Feed("NIK,Upah\n1,2\n"), std::runtime_error);
}

}  // namespace
}  // namespace lumbung::employers
