#include "core/csv/safe_csv.h"

#include <gtest/gtest.h>

namespace lumbung::csv {
namespace {

TEST(Csv, PlainTextStaysAsItIs) {
  EXPECT_EQ(CsvCell("PT Sejahtera Abadi"), "PT Sejahtera Abadi");
  EXPECT_EQ(CsvCell(""), "");
}

TEST(Csv, Rfc4180QuotesCommasQuotesAndLineBreaks) {
  EXPECT_EQ(CsvCell("Maju, Jaya"), "\"Maju, Jaya\"");
  EXPECT_EQ(CsvCell("CV \"Baru\""), "\"CV \"\"Baru\"\"\"");
  EXPECT_EQ(CsvCell("a\nb"), "\"a\nb\"");
  EXPECT_EQ(CsvCell("a\r\nb"), "\"a\r\nb\"");
}

// OWASP "CSV Injection": a cell a spreadsheet would evaluate becomes text.
TEST(Csv, FormulaLikeCellsAreNeutralised) {
  EXPECT_EQ(CsvCell("=HYPERLINK(\"http://evil\")"), "\"'=HYPERLINK(\"\"http://evil\"\")\"");
  EXPECT_EQ(CsvCell("+1+1"), "'+1+1");
  EXPECT_EQ(CsvCell("-2+3"), "'-2+3");
  EXPECT_EQ(CsvCell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvCell("\tcmd"), "'\tcmd");
  EXPECT_EQ(CsvCell("\rcmd"), "\"'\rcmd\"");
}

TEST(Csv, NumbersAreWrittenPlainEvenWhenNegative) {
  EXPECT_EQ(CsvNumber(4307000), "4307000");
  EXPECT_EQ(CsvNumber(-5), "-5");
}

TEST(Csv, LinesEndWithCrLf) {
  EXPECT_EQ(CsvLine({"a", "b", ""}), "a,b,\r\n");
}

// A semicolon file keeps its semicolons; a cell is quoted for the delimiter in use.
TEST(Csv, AnotherDelimiterQuotesItsOwnCharacter) {
  EXPECT_EQ(CsvLine({"a", "b"}, ';'), "a;b\r\n");
  EXPECT_EQ(CsvCell("Maju; Jaya", ';'), "\"Maju; Jaya\"");
  EXPECT_EQ(CsvCell("5,000,000", ';'), "5,000,000");
  EXPECT_EQ(CsvCell("Maju; Jaya"), "Maju; Jaya");
  EXPECT_EQ(CsvCell("=1+1", ';'), "'=1+1");
}

}  // namespace
}  // namespace lumbung::csv
