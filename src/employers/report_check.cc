#include "employers/report_check.h"

#include "core/csv/safe_csv.h"

namespace lumbung::employers {

CheckedReport CheckReport(std::string_view content, const WorkerDirectory& workers,
                          std::size_t keep, Rupiah regional_minimum_wage) {
  CheckedReport out;
  ReportValidator validator(workers.Context(regional_minimum_wage), keep);
  WageReportReader reader(
      [&](const WageReportHeader& header) {
        out.delimiter = header.delimiter;
        validator.Header(header);
      },
      [&](const WageReportRow& row) {
        const RowOutcome outcome = validator.Row(row);
        if (outcome.accepted) out.accepted.push_back(*outcome.accepted);
      });
  reader.Feed(content);
  if (const auto error = reader.Finish()) {
    validator.FileRefused(*error);
    out.accepted.clear();
  }
  out.summary = validator.Finish();
  if (out.summary.file_refused) out.accepted.clear();
  return out;
}

std::string ReportCsv(const std::vector<std::pair<std::string, std::string>>& nik_and_wage) {
  std::string out = csv::CsvLine({"NIK", "Upah"});
  for (const auto& [nik, wage] : nik_and_wage) out += csv::CsvLine({nik, wage});
  return out;
}

}  // namespace lumbung::employers
