#include "statements/statement_layout.h"

#include <gtest/gtest.h>

#include "statements/statement_test_util.h"

namespace lumbung::statements {
namespace {

// A stand-in for a font: every character 0.6 em wide (DejaVu Sans's digits are 0.64 em).
double Width(std::string_view text, double size) {
  double characters = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++characters;
  }
  return characters * 0.6 * size;
}
const Measure kMeasure = Width;

StatementText Text(int extra_rows = 0) {
  auto data = *ForYear(test::Source(), 2024);
  for (int i = 0; i < extra_rows; ++i) data.rows.push_back(test::Row(202412, "PT Tambahan", 7'000));
  data.totals = contributions::Sum(data.rows);
  Issue issue;
  issue.fund_name = "Dana Jaminan Pekerja Lumbung";
  issue.web_address = "https://dana.example";
  issue.generated_at = 1'767'225'600;
  issue.code = "ABCD-EFGH-JK23";
  return ComposeStatement(data, issue, test::ShippedCatalogs(), "id");
}

std::vector<std::string> TextsOf(const LayoutPage& page) {
  std::vector<std::string> out;
  for (const auto& run : page.texts) out.push_back(run.text);
  return out;
}

bool Contains(const std::vector<std::string>& texts, const std::string& part) {
  for (const auto& t : texts) {
    if (t.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST(WrapText, BreaksAtSpacesAndBreaksOverlongWordsBetweenCharacters) {
  // 6 points a character at size 10: 60 points hold 10 characters.
  EXPECT_EQ(WrapText("JHT pemberi kerja", 60, 10, kMeasure),
            (std::vector<std::string>{"JHT", "pemberi", "kerja"}));
  EXPECT_EQ(WrapText("JHT pekerja", 66, 10, kMeasure), (std::vector<std::string>{"JHT pekerja"}));
  EXPECT_EQ(WrapText("https://dana.example/x", 60, 10, kMeasure),
            (std::vector<std::string>{"https://da", "na.example", "/x"}));
  EXPECT_TRUE(WrapText("", 60, 10, kMeasure).empty());
  EXPECT_EQ(WrapText("  a  b ", 60, 10, kMeasure), (std::vector<std::string>{"a b"}));
}

TEST(FitText, KeepsWhatFitsAndEndsCutTextWithAnEllipsis) {
  EXPECT_EQ(FitText("PT Maju", 60, 10, kMeasure), "PT Maju");
  EXPECT_EQ(FitText("PT Maju Jaya Sentosa", 60, 10, kMeasure), "PT Maju J…");
  EXPECT_EQ(FitText("PT Maju Jaya Sentosa", 54, 10, kMeasure), "PT Maju…");  // no space before …
  EXPECT_EQ(FitText("Ñañé Ñañé Ñañé", 36, 10, kMeasure), "Ñañé…");  // whole characters only
}

TEST(LayOutStatement, OnePageForAYearWithEverythingOnIt) {
  const StatementText text = Text();
  const auto pages = LayOutStatement(text, kMeasure);
  ASSERT_EQ(pages.size(), 1u);
  const auto texts = TextsOf(pages[0]);
  for (const std::string& expected :
       {std::string("Dana Jaminan Pekerja Lumbung"), std::string("https://dana.example"),
        text.title, std::string("Siti Nurhaliza Pratiwi"), std::string("10000000001"),
        std::string("Jumlah 2024"), std::string("Rp 61.250.000"), std::string("Rp 5.609.257"),
        std::string("ABCD-EFGH-JK23"), std::string("Halaman 1 dari 1")}) {
    EXPECT_TRUE(Contains(texts, expected)) << expected;
  }
  // Every amount of the table is there whole (amounts are set smaller, never cut).
  for (const auto& row : text.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (IsAmountColumn(c)) {
        EXPECT_TRUE(Contains(texts, row[c])) << row[c];
      }
    }
  }
}

TEST(LayOutStatement, NothingLeavesThePage) {
  PageSize size;
  for (const auto& page : LayOutStatement(Text(60), kMeasure, size)) {
    for (const auto& run : page.texts) {
      const double width = Width(run.text, run.size);
      const double left = run.align == Align::kRight ? run.x - width : run.x;
      EXPECT_GE(left, size.margin - 0.01) << run.text;
      EXPECT_LE(left + width, size.width - size.margin + 0.01) << run.text;
      EXPECT_GE(run.y, size.margin - 0.01) << run.text;
      EXPECT_LE(run.y + run.size, size.height - size.margin + 0.01) << run.text;
      EXPECT_GT(run.size, 4) << run.text;
    }
  }
}

TEST(LayOutStatement, LongTablesContinueOnNewPagesWithTheirHeaderAndEveryPageHasTheCode) {
  const StatementText text = Text(60);
  const auto pages = LayOutStatement(text, kMeasure);
  ASSERT_GE(pages.size(), 2u);
  int rows = 0;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const auto texts = TextsOf(pages[i]);
    EXPECT_TRUE(Contains(texts, "ABCD-EFGH-JK23")) << "page " << i + 1;
    EXPECT_TRUE(Contains(
        texts, "Halaman " + std::to_string(i + 1) + " dari " + std::to_string(pages.size())));
    for (const auto& t : texts) rows += t == "PT Tambahan";
    if (Contains(texts, "PT Tambahan")) {
      EXPECT_TRUE(Contains(texts, text.columns[0])) << "table header on page " << i + 1;
    }
  }
  EXPECT_EQ(rows, 60) << "every row once";
  EXPECT_EQ(TextsOf(pages[0])[0], "Dana Jaminan Pekerja Lumbung");
}

TEST(LayOutStatement, LongNamesAreCutNotOverlapping) {
  StatementText text = Text();
  text.rows[0][1] = "PT Perusahaan Dengan Nama Yang Sangat Panjang Sekali Tbk";
  const auto texts = TextsOf(LayOutStatement(text, kMeasure)[0]);
  EXPECT_FALSE(Contains(texts, "Sangat Panjang Sekali Tbk"));
  EXPECT_TRUE(Contains(texts, "PT Perusahaan"));
}

}  // namespace
}  // namespace lumbung::statements
