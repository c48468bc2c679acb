#include "statements/statement.h"

#include <gtest/gtest.h>

#include "statements/statement_test_util.h"

namespace lumbung::statements {
namespace {

using test::Row;
using test::ShippedCatalogs;
using test::Source;

Issue TestIssue() {
  Issue issue;
  issue.fund_name = "Dana Jaminan Pekerja Lumbung";
  issue.web_address = "https://dana.example";
  issue.generated_at = 1'767'225'600;  // 2026-01-01 00:00 UTC = 07.00 WIB
  issue.code = "ABCD-EFGH-JK23";
  return issue;
}

std::string Joined(const StatementText& text) {
  std::string all = text.fund_name + "\n" + text.web_address + "\n" + text.title + "\n";
  for (const auto& [l, v] : text.facts) all += l + ": " + v + "\n";
  for (const auto& c : text.columns) all += c + "|";
  for (const auto& row : text.rows) {
    for (const auto& c : row) all += c + "|";
    all += "\n";
  }
  for (const auto& c : text.totals) all += c + "|";
  for (const auto& n : text.months_notes) all += n + "\n";
  all += text.ledger_heading + "\n";
  for (const auto& [l, v] : text.ledger) all += l + ": " + v + "\n";
  for (const auto& n : text.ledger_notes) all += n + "\n";
  return all + text.footer;
}

TEST(StatementYears, EveryYearWithContributionsNewestFirst) {
  EXPECT_EQ(StatementYears(Source()), (std::vector<int>{2025, 2024, 2023}));
  EXPECT_TRUE(StatementYears(StatementSource{}).empty());
}

TEST(ForYear, TheYearsRowsJanuaryFirstWithTotalsAndItsLedgerLine) {
  const auto data = ForYear(Source(), 2024);
  ASSERT_TRUE(data);
  ASSERT_EQ(data->rows.size(), 13u);
  EXPECT_EQ(data->rows.front().period, 202401);
  EXPECT_EQ(data->rows.back().period, 202412);
  // Two employers in March keep the registry's order (by name).
  EXPECT_EQ(data->rows[2].employer_name, "PT Maju Jaya");
  EXPECT_EQ(data->rows[2].period, 202403);
  EXPECT_EQ(data->rows[3].employer_name, "CV Sinar Abadi");
  EXPECT_EQ(data->totals.wage, 12 * 5'000'000 + 1'250'000);
  EXPECT_EQ(data->totals.jht_worker, 12 * 100'000 + 25'000);
  EXPECT_EQ(data->totals.months_unpaid, 1);
  ASSERT_TRUE(data->ledger);
  EXPECT_EQ(data->ledger->closing, 5'609'257);
  EXPECT_EQ(data->kpj, "10000000001");

  const auto latest = ForYear(Source(), 2025);
  ASSERT_TRUE(latest);
  EXPECT_FALSE(latest->ledger);           // not credited yet
  EXPECT_FALSE(ForYear(Source(), 2022));  // no contributions: no statement
}

TEST(ComposeStatement, IndonesianTextWithTheFiguresAsTheWebPagesFormatThem) {
  const auto data = ForYear(Source(), 2024);
  const StatementText text = ComposeStatement(*data, TestIssue(), ShippedCatalogs(), "id");
  EXPECT_EQ(text.title, "Laporan Iuran dan Saldo JHT Tahun 2024");
  const std::string all = Joined(text);
  for (const char* expected :
       {"Dana Jaminan Pekerja Lumbung", "https://dana.example", "Siti Nurhaliza Pratiwi",
        "10000000001", "1 Januari 2026, 07.00 WIB", "Januari", "Desember", "Belum dibayar",
        "Rp 61.250.000",  // the year's wages
        "Rp 1.225.000",   // JHT worker
        "Rp 3.491.250",   // JHT worker + employer, the yearly JHT total
        "Rp 5.609.257", "6,26%", "ABCD-EFGH-JK23",
        "https://dana.example/verify/statement/ABCD-EFGH-JK23"}) {
    EXPECT_NE(all.find(expected), std::string::npos) << expected << "\n" << all;
  }
  ASSERT_EQ(text.columns.size(), 12u);
  for (const auto& row : text.rows) EXPECT_EQ(row.size(), 12u);
  EXPECT_EQ(text.totals.size(), 12u);
  EXPECT_EQ(text.totals[0], "Jumlah 2024");
  EXPECT_EQ(text.rows[0][2], "Rp 5.000.000");
  EXPECT_TRUE(IsAmountColumn(2));
  EXPECT_FALSE(IsAmountColumn(1));
  EXPECT_FALSE(IsAmountColumn(11));
}

TEST(ComposeStatement, EnglishTextGroupsThousandsWithCommas) {
  const auto data = ForYear(Source(), 2024);
  const StatementText text = ComposeStatement(*data, TestIssue(), ShippedCatalogs(), "en");
  const std::string all = Joined(text);
  for (const char* expected : {"Contribution and JHT Statement 2024", "KPJ number", "January",
                               "Unpaid", "Rp 3,491,250", "6.26%", "Page {{page}} of {{pages}}"}) {
    EXPECT_NE((all + text.page_of).find(expected), std::string::npos) << expected;
  }
  EXPECT_EQ(all.find("Rp 3.491.250"), std::string::npos);
  EXPECT_EQ(all.find("[["), std::string::npos) << "a missing catalog id";
}

TEST(ComposeStatement, AYearNotCreditedYetSaysSoAndAYearInProgressToo) {
  const auto data = ForYear(Source(), 2025);
  Issue issue = TestIssue();
  issue.year_in_progress = true;
  const std::string all = Joined(ComposeStatement(*data, issue, ShippedCatalogs(), "id"));
  EXPECT_NE(all.find(ShippedCatalogs().Get("id", "statement.no_ledger")), std::string::npos);
  EXPECT_NE(all.find(ShippedCatalogs().Get("id", "statement.in_progress")), std::string::npos);
}

TEST(SourceFingerprint, TheSameWhateverTheDateAndCodeOtherwiseForAnyChange) {
  const auto& t = ShippedCatalogs();
  const auto data = *ForYear(Source(), 2024);
  const Issue issue = TestIssue();
  const std::string base = SourceFingerprint(data, issue, t, "id");
  EXPECT_EQ(base.size(), 64u);
  Issue later = issue;
  later.generated_at += 86'400;
  later.code = "ZZZZ-ZZZZ-ZZZZ";
  EXPECT_EQ(SourceFingerprint(data, later, t, "id"), base);

  EXPECT_NE(SourceFingerprint(data, issue, t, "en"), base);
  auto changed = data;
  changed.rows[5].jkm += 1;
  changed.totals = contributions::Sum(changed.rows);
  EXPECT_NE(SourceFingerprint(changed, issue, t, "id"), base);
  changed = data;
  changed.rows[5].paid = !changed.rows[5].paid;
  EXPECT_NE(SourceFingerprint(changed, issue, t, "id"), base);
  changed = data;
  changed.ledger->returns += 1;
  EXPECT_NE(SourceFingerprint(changed, issue, t, "id"), base);
  changed = data;
  changed.full_name = "Siti N. Pratiwi";
  EXPECT_NE(SourceFingerprint(changed, issue, t, "id"), base);
  Issue renamed = issue;
  renamed.fund_name = "Dana Lain";
  EXPECT_NE(SourceFingerprint(data, renamed, t, "id"), base);
  Issue in_progress = issue;
  in_progress.year_in_progress = true;
  EXPECT_NE(SourceFingerprint(data, in_progress, t, "id"), base);
}

TEST(VerificationUrl, OnTheFundsOwnAddress) {
  EXPECT_EQ(VerificationUrl("https://dana.example/", "ABCD-EFGH-JK23"),
            "https://dana.example/verify/statement/ABCD-EFGH-JK23");
  EXPECT_EQ(VerificationUrl("http://127.0.0.1:8080", "X"),
            "http://127.0.0.1:8080/verify/statement/X");
}

TEST(WibYear, NewYearComesSevenHoursEarlierThanInUtc) {
  EXPECT_EQ(WibYear(1'767'225'600 - 7 * 3600 - 1), 2025);  // 2025-12-31 23:59:59 WIB
  EXPECT_EQ(WibYear(1'767'225'600 - 7 * 3600), 2026);      // 2026-01-01 00:00 WIB
}

}  // namespace
}  // namespace lumbung::statements
