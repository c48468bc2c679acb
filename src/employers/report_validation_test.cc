#include "employers/report_validation.h"

#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace lumbung::employers {
namespace {

// The employer's workers: Siti and Budi employed this month, Dewi ended last month, Agus with
// a KPJ from before check digits (12345678901 fails the check).
const std::vector<KnownWorker>& Workers() {
  static const std::vector<KnownWorker> workers = {
      {100, 0, "3374014508900002", "10000000003", "Siti Rahayu", true, {}},
      {101, 1, "3374010101850001", "10000000016", "Budi Santoso", true, {}},
      {102, 2, "3374015203920003", "10000000029", "Dewi Lestari", false, {}},
      {103, 3, "3374010202800004", "12345678901", "Agus", true, {}},
  };
  return workers;
}

ValidationContext Context(Rupiah minimum = 2'500'000) {
  ValidationContext c;
  c.worker_count = Workers().size();
  c.by_nik = [](std::string_view nik) -> const KnownWorker* {
    for (const auto& w : Workers()) {
      if (w.nik == nik) return &w;
    }
    return nullptr;
  };
  c.by_kpj = [](std::string_view kpj) -> const KnownWorker* {
    for (const auto& w : Workers()) {
      if (w.kpj == kpj) return &w;
    }
    return nullptr;
  };
  c.regional_minimum_wage = minimum;
  return c;
}

struct Validated {
  ValidationSummary summary;
  std::map<std::int64_t, std::vector<Issue>> by_row;
  std::vector<ReportedWage> accepted;
};

Validated Validate(std::string_view csv, ValidationContext context = Context(),
                   std::size_t keep = 100) {
  Validated v;
  ReportValidator validator(std::move(context), keep);
  WageReportReader reader([&](const WageReportHeader& h) { validator.Header(h); },
                          [&](const WageReportRow& row) {
                            const RowOutcome outcome = validator.Row(row);
                            if (outcome.accepted) v.accepted.push_back(*outcome.accepted);
                            for (const Issue& i : outcome.issues)
                              v.by_row[row.row_number].push_back(i);
                          });
  reader.Feed(csv);
  if (auto error = reader.Finish()) validator.FileRefused(*error);
  v.summary = validator.Finish();
  return v;
}

std::vector<IssueCode> CodesOf(const Validated& v, std::int64_t row) {
  std::vector<IssueCode> codes;
  auto it = v.by_row.find(row);
  if (it != v.by_row.end()) {
    for (const Issue& i : it->second) codes.push_back(i.code);
  }
  return codes;
}

using Codes = std::vector<IssueCode>;

TEST(ReportValidation, AValidReportIsAcceptedRowByRow) {
  const Validated v = Validate(
      "NIK,KPJ,Nama,Upah\n"
      "3374014508900002,,Siti Rahayu,5.000.000\n"
      ",10000000016,budi  SANTOSO,\"4,500,000\"\n"
      "3374010202800004,12345678901,Agus,Rp 3.000.000\n");
  EXPECT_TRUE(v.summary.valid());
  EXPECT_EQ(v.summary.rows, 3);
  EXPECT_EQ(v.summary.accepted_rows, 3);
  EXPECT_EQ(v.summary.errors, 0);
  EXPECT_EQ(v.summary.warnings, 0);
  ASSERT_EQ(v.accepted.size(), 3u);
  EXPECT_EQ(v.accepted[0].worker, 100);
  EXPECT_EQ(v.accepted[0].wage, 5'000'000);
  EXPECT_EQ(v.accepted[1].worker, 101);
  EXPECT_EQ(v.accepted[1].wage, 4'500'000);
  EXPECT_EQ(v.accepted[2].wage, 3'000'000);  // a KPJ from before check digits still works
}

TEST(ReportValidation, EachIdentifierProblemHasItsOwnCode) {
  const Validated v = Validate(
      "NIK,KPJ,Nama,Upah\n"
      "3374014508900002,,Siti Rahayu,5000000\n"     // 2
      "3374014508900002,,Siti Rahayu,5000000\n"     // 3 duplicate of 2
      "3374015203920003,,Dewi Lestari,5000000\n"    // 4 ended last month
      "9999999999999999,,X,5000000\n"               // 5 no such province
      "3374011111110001,,X,5000000\n"               // 6 a valid NIK, not this employer's
      ",10000000004,X,5000000\n"                    // 7 KPJ typo
      ",123,X,5000000\n"                            // 8 not a KPJ
      ",10000000042,X,5000000\n"                    // 9 a valid KPJ, not this employer's
      "3.37401E+15,,X,5000000\n"                    // 10 spreadsheet notation
      ",,Budi,5000000\n"                            // 11 no identifier
      "3374010101850001,10000000003,,5000000\n"     // 12 NIK of Budi, KPJ of Siti
      "\n"                                          // 13
      "3374010101850001,,Budi Santoso,5000000\n");  // 14 fine
  EXPECT_EQ(CodesOf(v, 2), Codes{});
  EXPECT_EQ(CodesOf(v, 3), Codes{IssueCode::kDuplicateRow});
  EXPECT_EQ(v.by_row.at(3)[0].first_row, 2);
  EXPECT_EQ(CodesOf(v, 4), Codes{IssueCode::kNotEmployed});
  EXPECT_EQ(CodesOf(v, 5), Codes{IssueCode::kNikInvalid});
  EXPECT_EQ(CodesOf(v, 6), Codes{IssueCode::kNikUnknown});
  EXPECT_EQ(CodesOf(v, 7), Codes{IssueCode::kKpjCheckDigit});
  EXPECT_EQ(CodesOf(v, 8), Codes{IssueCode::kKpjInvalid});
  EXPECT_EQ(CodesOf(v, 9), Codes{IssueCode::kKpjUnknown});
  EXPECT_EQ(CodesOf(v, 10), Codes{IssueCode::kIdScientificNotation});
  EXPECT_EQ(CodesOf(v, 11), Codes{IssueCode::kMissingId});
  EXPECT_EQ(CodesOf(v, 12), Codes{IssueCode::kIdMismatch});
  EXPECT_EQ(CodesOf(v, 14), Codes{});
  EXPECT_EQ(v.summary.rows, 12);  // the empty line is not a row of data
  EXPECT_EQ(v.summary.accepted_rows, 2);
  EXPECT_EQ(v.summary.errors, 10);
  EXPECT_FALSE(v.summary.valid());

  const Issue& typo = v.by_row.at(7)[0];
  EXPECT_EQ(typo.row_number, 7);
  EXPECT_EQ(typo.field_name, "KPJ");
  EXPECT_EQ(typo.field_number, 2u);
  EXPECT_EQ(typo.cell, "10000000004");
  EXPECT_EQ(SeverityOf(typo.code), Severity::kError);
}

TEST(ReportValidation, WageProblems) {
  const Validated v = Validate(
      "Upah,NIK\n"
      ",3374014508900002\n"           // 2 missing
      "lima juta,3374010101850001\n"  // 3 not a number
      "5jt,3374010202800004\n");      // 4 shorthand
  EXPECT_EQ(CodesOf(v, 2), Codes{IssueCode::kWageMissing});
  EXPECT_EQ(CodesOf(v, 3), Codes{IssueCode::kWageNotANumber});
  EXPECT_EQ(CodesOf(v, 4), Codes{IssueCode::kWageNotANumber});
  const Validated w = Validate(
      "Upah,NIK\n"
      "\"5.000,50\",3374014508900002\n"  // 2 cents
      "-5000000,3374010101850001\n"      // 3 negative
      "0,3374010202800004\n");           // 4 zero
  EXPECT_EQ(CodesOf(w, 2), Codes{IssueCode::kWageCents});
  EXPECT_EQ(CodesOf(w, 3), Codes{IssueCode::kWageNegative});
  EXPECT_EQ(CodesOf(w, 4), Codes{IssueCode::kWageZero});
  ValidationContext small = Context();
  small.max_wage = 100'000'000;
  const Validated x = Validate("NIK,Upah\n3374014508900002,500.000.000\n", small);
  ASSERT_EQ(CodesOf(x, 2), Codes{IssueCode::kWageTooLarge});
  EXPECT_EQ(x.by_row.at(2)[0].amount, 100'000'000);
}

TEST(ReportValidation, AnIdentifierAndAWageProblemAreBothReported) {
  const Validated v = Validate("NIK,Upah\n3374011111110001,abc\n");
  EXPECT_EQ(CodesOf(v, 2), (Codes{IssueCode::kNikUnknown, IssueCode::kWageNotANumber}));
}

TEST(ReportValidation, WarningsKeepTheRow) {
  const Validated v = Validate(
      "NIK,Nama,Upah,Jabatan\n"
      "3374014508900002,Siti R.,2000000,Staf\n");
  // The header's warning is in the summary (it belongs to no data row).
  ASSERT_FALSE(v.summary.kept.empty());
  EXPECT_EQ(v.summary.kept[0].code, IssueCode::kColumnIgnored);
  EXPECT_EQ(v.summary.kept[0].row_number, 1);
  EXPECT_EQ(v.summary.kept[0].field_name, "Jabatan");
  EXPECT_EQ(CodesOf(v, 2), (Codes{IssueCode::kNameMismatch, IssueCode::kWageBelowMinimum}));
  EXPECT_EQ(v.by_row.at(2)[1].amount, 2'500'000);
  EXPECT_TRUE(v.summary.valid());
  EXPECT_EQ(v.summary.warnings, 3);
  ASSERT_EQ(v.accepted.size(), 1u);
  EXPECT_EQ(v.accepted[0].wage, 2'000'000);
  EXPECT_EQ(SeverityOf(IssueCode::kWageBelowMinimum), Severity::kWarning);

  // No minimum wage known for the region: no warning.
  EXPECT_EQ(CodesOf(Validate("NIK,Upah\n3374014508900002,1000\n", Context(0)), 2), Codes{});
}

TEST(ReportValidation, AHeaderWithoutRowsAndARefusedFileAreFileErrors) {
  const Validated empty = Validate("NIK,Upah\r\n");
  EXPECT_FALSE(empty.summary.valid());
  ASSERT_EQ(empty.summary.kept.size(), 1u);
  EXPECT_EQ(empty.summary.kept[0].code, IssueCode::kFileNoRows);

  const Validated latin1 = Validate("NIK,Upah,Nama\n3374014508900002,5000000,Mu\xF1oz\n");
  EXPECT_TRUE(latin1.summary.file_refused);
  ASSERT_EQ(latin1.summary.kept.size(), 1u);
  EXPECT_EQ(latin1.summary.kept[0].code, IssueCode::kFileNotUtf8);
  EXPECT_EQ(latin1.summary.kept[0].row_number, 2);

  const Validated duplicate = Validate("NIK,Upah,Wage\n");
  ASSERT_EQ(duplicate.summary.kept.size(), 1u);
  EXPECT_EQ(duplicate.summary.kept[0].code, IssueCode::kFileDuplicateColumn);
  EXPECT_EQ(duplicate.summary.kept[0].field_name, "Wage");
}

TEST(ReportValidation, TheFirstHundredAreKeptAndAllAreCounted) {
  std::string csv = "NIK,Upah\n";
  for (int i = 0; i < 250; ++i) csv += "3374011111110001,abc\n";
  const Validated v = Validate(csv);
  EXPECT_EQ(v.summary.errors, 500);
  EXPECT_EQ(v.summary.kept.size(), 100u);
  EXPECT_EQ(v.summary.kept.front().row_number, 2);
  EXPECT_EQ(v.summary.kept.back().row_number, 51);
  EXPECT_EQ(v.summary.rows, 250);
}

TEST(ReportValidation, CodesAreStableAndDescribed) {
  EXPECT_EQ(static_cast<int>(IssueCode::kNikUnknown), 205);
  EXPECT_EQ(IssueType(IssueCode::kNikUnknown), "nik-unknown");
  EXPECT_EQ(IssueMessageId(IssueCode::kNikUnknown), "employers.report.nik_unknown");
  EXPECT_EQ(IssueType(IssueCode::kWageBelowMinimum), "wage-below-minimum");
}

}  // namespace
}  // namespace lumbung::employers
