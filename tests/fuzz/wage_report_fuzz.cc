// libFuzzer entry for the wage report reader and what runs on each row: any bytes, fed in
// pieces whose size the first byte picks, go through the reader, the row validation (with one
// known worker) and both downloads (the JSON report and the annotated CSV). The property is
// the absence of crashes, leaks, undefined behaviour and hangs, and that the JSON report
// always parses. Built with clang as lumbung_fuzz_wage_report (make fuzz); the seed corpus in
// wage_report_corpus/ is also replayed as a unit test.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "employers/report_output.h"
#include "employers/report_validation.h"
#include "employers/wage_report_csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lumbung::employers;
  if (size == 0) return 0;
  const std::size_t piece = 1 + data[0] % 64;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);

  static const KnownWorker siti{100, 0, "3374014508900002", "10000000003", "Siti", true, {}};
  ValidationContext context;
  context.worker_count = 1;
  context.by_nik = [](std::string_view nik) { return nik == siti.nik ? &siti : nullptr; };
  context.by_kpj = [](std::string_view kpj) { return kpj == siti.kpj ? &siti : nullptr; };
  context.regional_minimum_wage = 2'500'000;
  ReportValidator validator(context, 10);
  const IssueText text = [](const Issue& issue) {
    return std::string(IssueType(issue.code)) + " " + issue.cell;
  };
  ReportJsonWriter json(text);
  std::unique_ptr<AnnotatedCsvWriter> csv;
  std::string report = json.Begin(), annotated;

  ReadLimits limits;
  limits.max_cell_bytes = 256;
  limits.max_columns = 16;
  WageReportReader reader(
      [&](const WageReportHeader& header) {
        validator.Header(header);
        csv = std::make_unique<AnnotatedCsvWriter>(header.delimiter, text);
        annotated += csv->Header(header, "Masalah");
      },
      [&](const WageReportRow& row) {
        const RowOutcome outcome = validator.Row(row);
        annotated += csv->Row(row, outcome.issues);
        for (const Issue& issue : outcome.issues) report += json.Add(issue);
        if (annotated.size() > (1u << 20)) annotated.clear();
      },
      limits);
  for (std::size_t i = 0; i < input.size() && reader.Feed(input.substr(i, piece)); i += piece) {
  }
  if (auto error = reader.Finish()) {
    validator.FileRefused(*error);
    report += json.Add(FileIssue(*error));
  }
  report += json.End(validator.Finish());
  if (!nlohmann::json::accept(report)) std::abort();
  return 0;
}
