// One wage report, read and checked in one pass: the reader (wage_report_csv.h) feeds the
// validator (report_validation.h), and every accepted row becomes a ReportedWage with the
// programs the worker is enrolled in. Pure: the worker directory is read by the caller.
#pragma once

#include <string_view>
#include <vector>

#include "employers/bill.h"
#include "employers/report_validation.h"
#include "employers/worker_directory.h"

namespace lumbung::employers {

struct CheckedReport {
  ValidationSummary summary;           // the first `keep` issues, every count
  std::vector<ReportedWage> accepted;  // the rows without errors, in file order
  char delimiter = ',';
  // Nothing in the file can be used: refused as a whole (a 1xx issue, first in summary.kept).
  bool refused() const { return summary.file_refused; }
};

CheckedReport CheckReport(std::string_view content, const WorkerDirectory& workers,
                          std::size_t keep = 100, Rupiah regional_minimum_wage = 0);

// The same file, written out as a plain report of the accepted rows: "NIK,Upah" lines. The
// page where an employer types the month's wages produces this, so typed and uploaded reports
// take one path.
std::string ReportCsv(const std::vector<std::pair<std::string, std::string>>& nik_and_wage);

}  // namespace lumbung::employers
