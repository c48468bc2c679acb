#include "statements/statement_pdf.h"

#include <gtest/gtest.h>

#include "core/config/config.h"
#include "statements/statement_test_util.h"

namespace lumbung::statements {
namespace {

// The font every installation has by default (Debian fonts-dejavu-core, scripts/bootstrap).
std::filesystem::path DefaultFont() {
  for (const auto& key : config::Config::Keys()) {
    if (key.key == "statements.font_file") return key.default_value;
  }
  return {};
}

StatementText Text(const std::string& lang, int extra_rows = 0) {
  auto data = *ForYear(test::Source(), 2024);
  for (int i = 0; i < extra_rows; ++i) data.rows.push_back(test::Row(202412, "PT Tambahan", 7'000));
  data.totals = contributions::Sum(data.rows);
  data.full_name = "Ni Komang Sukarini Ñoño";  // beyond ASCII
  Issue issue;
  issue.fund_name = "Dana Jaminan Pekerja Lumbung";
  issue.web_address = "https://dana.example";
  issue.generated_at = 1'767'225'600;
  issue.code = "ABCD-EFGH-JK23";
  return ComposeStatement(data, issue, test::ShippedCatalogs(), lang);
}

int Count(const std::string& text, const std::string& part) {
  int n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

TEST(StatementPdf, AWholePdfDocumentInEachLanguage) {
  for (const char* lang : {"id", "en"}) {
    const std::string pdf = RenderStatementPdf(Text(lang), DefaultFont(), 1'767'225'600);
    ASSERT_GT(pdf.size(), 1000u);
    EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
    EXPECT_NE(pdf.find("%%EOF", pdf.size() - 16), std::string::npos);
    EXPECT_EQ(Count(pdf, "/Count 1\n") + Count(pdf, "/Count 1\r"), 1) << lang;  // one page
    // The font is embedded with a map back to Unicode, which text extraction needs.
    EXPECT_NE(pdf.find("/FontFile2"), std::string::npos);
    EXPECT_NE(pdf.find("/ToUnicode"), std::string::npos);
    // Amounts are in the (compressed) content streams, not readable here: pdftotext reads them
    // in tests/functional/documents.test.mjs.
    EXPECT_EQ(pdf.find("10000000001"), std::string::npos) << "the page content is compressed";
  }
}

TEST(StatementPdf, ManyRowsMakeMorePages) {
  const std::string pdf = RenderStatementPdf(Text("id", 80), DefaultFont(), 1'767'225'600);
  EXPECT_EQ(Count(pdf, "/Count 1\n") + Count(pdf, "/Count 1\r"), 0);
  EXPECT_GE(Count(pdf, "/Count "), 1);
}

TEST(StatementPdf, AMissingFontIsAnErrorNamingTheKey) {
  try {
    RenderStatementPdf(Text("id"), "/nonexistent/font.ttf", 0);
    FAIL() << "no error";
  } catch (const PdfError& e) {
    EXPECT_NE(std::string(e.what()).find("statements.font_file"), std::string::npos);
  }
}

}  // namespace
}  // namespace lumbung::statements
