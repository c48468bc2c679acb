#include "employers/report_output.h"

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "employers/issue_message.h"

namespace lumbung::employers {
namespace {

const i18n::Catalogs& Catalogs() {
  static const i18n::Catalogs catalogs =
      i18n::Catalogs::LoadDirectory(std::filesystem::path(LUMBUNG_TEST_SHARE_DIR) / "locale");
  return catalogs;
}

const KnownWorker kSiti{100, 0, "3374014508900002", "10000000003", "Siti Rahayu", true, {}};

ValidationContext Context() {
  ValidationContext c;
  c.worker_count = 1;
  c.by_nik = [](std::string_view nik) { return nik == kSiti.nik ? &kSiti : nullptr; };
  c.by_kpj = [](std::string_view kpj) { return kpj == kSiti.kpj ? &kSiti : nullptr; };
  c.regional_minimum_wage = 2'500'000;
  return c;
}

IssueText In(std::string lang) {
  return [lang](const Issue& issue) { return IssueMessage(issue, Catalogs(), lang); };
}

// The upload read once, writing the annotated CSV as the rows go by (what the download does).
struct Outputs {
  ValidationSummary summary;
  std::string csv;
  std::string json;
};

Outputs Validate(std::string_view upload, const std::string& lang) {
  Outputs out;
  ReportValidator validator(Context());
  ReportJsonWriter json(In(lang));
  std::unique_ptr<AnnotatedCsvWriter> csv;
  out.json = json.Begin();
  WageReportReader reader(
      [&](const WageReportHeader& h) {
        validator.Header(h);
        csv = std::make_unique<AnnotatedCsvWriter>(h.delimiter, In(lang));
        out.csv += csv->Header(h, Catalogs().Get(lang, kProblemsColumnMessageId));
        for (const Issue& i : validator.summary().kept) out.json += json.Add(i);
      },
      [&](const WageReportRow& row) {
        const RowOutcome outcome = validator.Row(row);
        out.csv += csv->Row(row, outcome.issues);
        for (const Issue& i : outcome.issues) out.json += json.Add(i);
      });
  reader.Feed(upload);
  if (auto error = reader.Finish()) {
    validator.FileRefused(*error);
    out.json += json.Add(validator.summary().kept.back());
  }
  out.summary = validator.Finish();
  out.json += json.End(out.summary);
  return out;
}

TEST(IssueMessage, NamesRowColumnAndCellInBothLanguages) {
  Issue issue;
  issue.code = IssueCode::kNikUnknown;
  issue.row_number = 7;
  issue.field_name = "NIK";
  issue.field_number = 1;
  issue.cell = "3374011111110001";
  EXPECT_EQ(IssueMessage(issue, Catalogs(), "en"),
            "Row 7, column NIK: no worker with NIK 3374011111110001 is registered at your "
            "company. Check the NIK, or register the worker first.");
  EXPECT_EQ(IssueMessage(issue, Catalogs(), "id"),
            "Baris 7, kolom NIK: tidak ada pekerja dengan NIK 3374011111110001 yang terdaftar di "
            "perusahaan Anda. Periksa NIK-nya, atau daftarkan pekerja tersebut terlebih dahulu.");
  issue.code = IssueCode::kWageBelowMinimum;
  issue.amount = 2'500'000;
  EXPECT_NE(IssueMessage(issue, Catalogs(), "id").find("Rp 2.500.000"), std::string::npos);
  EXPECT_NE(IssueMessage(issue, Catalogs(), "en").find("Rp 2,500,000"), std::string::npos);
}

TEST(IssueMessage, EveryCodeHasItsMessageInEveryLanguage) {
  for (int n = 100; n < 400; ++n) {
    const auto code = static_cast<IssueCode>(n);
    std::string type;
    try {
      type = std::string(IssueType(code));
    } catch (const std::invalid_argument&) {
      continue;
    }
    for (const std::string& lang : Catalogs().Languages()) {
      Issue issue;
      issue.code = code;
      issue.row_number = 2;
      issue.first_row = 1;
      issue.amount = 1;
      const std::string text = IssueMessage(issue, Catalogs(), lang);
      EXPECT_EQ(text.find("[["), std::string::npos) << n << " " << lang;
      EXPECT_EQ(text.find("{{"), std::string::npos) << n << " " << lang << ": " << text;
    }
  }
  EXPECT_EQ(Catalogs().Get("id", kProblemsColumnMessageId), "Masalah");
}

TEST(ReportJson, FrictionlessShapeWithAllIssuesAndStats) {
  const Outputs out = Validate(
      "NIK,Upah,Nama\n3374014508900002,2000000,Siti Rahayu\n3374011111110001,abc,X\n", "en");
  const nlohmann::json report = nlohmann::json::parse(out.json);
  EXPECT_EQ(report["valid"], false);
  EXPECT_EQ(report["stats"]["rows"], 2);
  EXPECT_EQ(report["stats"]["acceptedRows"], 1);
  EXPECT_EQ(report["stats"]["errors"], 2);
  EXPECT_EQ(report["stats"]["warnings"], 1);
  ASSERT_EQ(report["errors"].size(), 3u);
  const auto& warning = report["errors"][0];
  EXPECT_EQ(warning["type"], "wage-below-minimum");
  EXPECT_EQ(warning["code"], 301);
  EXPECT_EQ(warning["severity"], "warning");
  EXPECT_EQ(warning["rowNumber"], 2);
  EXPECT_EQ(warning["fieldName"], "Upah");
  EXPECT_EQ(warning["fieldNumber"], 2);
  EXPECT_EQ(warning["cell"], "2000000");
  const auto& unknown = report["errors"][1];
  EXPECT_EQ(unknown["code"], 205);
  EXPECT_EQ(unknown["severity"], "error");
  EXPECT_EQ(unknown["rowNumber"], 3);
  EXPECT_EQ(unknown["tags"], nlohmann::json::array({"#row", "#cell"}));
  EXPECT_EQ(report["errors"][2]["type"], "wage-not-a-number");
  // The same report from the kept issues alone.
  EXPECT_EQ(nlohmann::json::parse(ReportJson(out.summary, In("en"))), report);
}

TEST(ReportJson, ARefusedFileIsOneFileError) {
  const Outputs out = Validate("\xFF\xFEN\0I\0K\0", "id");
  const nlohmann::json report = nlohmann::json::parse(out.json);
  EXPECT_EQ(report["valid"], false);
  ASSERT_EQ(report["errors"].size(), 1u);
  EXPECT_EQ(report["errors"][0]["code"], 102);
  EXPECT_EQ(report["errors"][0]["tags"], nlohmann::json::array({"#file"}));
  EXPECT_FALSE(report["errors"][0].contains("rowNumber"));
}

TEST(AnnotatedCsv, TheOriginalRowsWithAProblemsColumnOnTheSameRowNumbers) {
  const Outputs out = Validate(
      "NIK;Upah;Nama\r\n3374014508900002;5.000.000;Siti "
      "Rahayu\r\n\r\n3374011111110001;5000000;X\r\n",
      "id");
  EXPECT_EQ(out.csv,
            "\xEF\xBB\xBFNIK;Upah;Nama;Masalah\r\n"
            "3374014508900002;5.000.000;Siti Rahayu;\r\n"
            "\r\n"
            "3374011111110001;5000000;X;Baris 4, kolom NIK: tidak ada pekerja dengan NIK "
            "3374011111110001 yang terdaftar di perusahaan Anda. Periksa NIK-nya, atau daftarkan "
            "pekerja tersebut terlebih dahulu.\r\n");
}

// A cell an attacker (or a careless export) made a formula is text in the file we give back,
// in its own column and inside the messages that quote it.
TEST(AnnotatedCsv, FormulaCellsAreNeutralised) {
  const Outputs out = Validate(
      "NIK,Upah,Nama\n3374014508900002,5000000,\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"\n"
      "3374014508900002,@SUM(A1),+1\n",
      "en");
  EXPECT_NE(out.csv.find("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""), std::string::npos)
      << out.csv;
  EXPECT_NE(out.csv.find(",'@SUM(A1),'+1,"), std::string::npos) << out.csv;
  EXPECT_EQ(out.csv.find(",=HYPERLINK"), std::string::npos);
  EXPECT_EQ(out.csv.find(",@SUM"), std::string::npos);
  // Every line's cells start with something a spreadsheet does not evaluate.
  std::size_t start = 0;
  while (start < out.csv.size()) {
    const std::size_t end = out.csv.find("\r\n", start);
    const std::string line = out.csv.substr(start, end - start);
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (i == 0 || line[i - 1] == ',') {
        EXPECT_TRUE(line[i] != '=' && line[i] != '+' && line[i] != '@' && line[i] != '-') << line;
      }
    }
    start = end + 2;
  }
}

TEST(AnnotatedCsv, ShortRowsArePaddedSoProblemsStayInTheirColumn) {
  const Outputs out = Validate("NIK,Upah,Nama\n3374014508900002\n", "en");
  EXPECT_NE(out.csv.find("\r\n3374014508900002,,,\"Row 2, column Upah: enter"), std::string::npos)
      << out.csv;
}

}  // namespace
}  // namespace lumbung::employers
