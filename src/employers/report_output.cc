#include "employers/report_output.h"

#include <nlohmann/json.hpp>

#include "core/csv/safe_csv.h"

namespace lumbung::employers {
namespace {

using nlohmann::json;

json IssueJson(const Issue& issue, const std::string& message) {
  json entry = {{"type", IssueType(issue.code)},
                {"code", static_cast<int>(issue.code)},
                {"severity", SeverityOf(issue.code) == Severity::kError ? "error" : "warning"}};
  json tags = json::array();
  if (issue.row_number > 0) {
    entry["rowNumber"] = issue.row_number;
    tags.push_back("#row");
  } else {
    tags.push_back("#file");
  }
  if (!issue.field_name.empty()) entry["fieldName"] = issue.field_name;
  if (issue.field_number) {
    entry["fieldNumber"] = *issue.field_number;
    entry["cell"] = issue.cell;
    tags.push_back("#cell");
  }
  entry["message"] = message;
  entry["tags"] = std::move(tags);
  return entry;
}

// Invalid UTF-8 never reaches here (the reader refuses it), but a dump must not throw.
std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string ReportJsonWriter::Begin() const {
  return "{\"errors\":[";
}

std::string ReportJsonWriter::Add(const Issue& issue) {
  std::string text = first_ ? "" : ",";
  first_ = false;
  return text + Dump(IssueJson(issue, text_(issue)));
}

std::string ReportJsonWriter::End(const ValidationSummary& summary) const {
  const json stats = {{"rows", summary.rows},
                      {"acceptedRows", summary.accepted_rows},
                      {"errors", summary.errors},
                      {"warnings", summary.warnings}};
  return "],\"stats\":" + Dump(stats) + ",\"valid\":" + (summary.valid() ? "true" : "false") + "}";
}

std::string ReportJson(const ValidationSummary& summary, const IssueText& text) {
  ReportJsonWriter writer(text);
  std::string out = writer.Begin();
  for (const Issue& issue : summary.kept) out += writer.Add(issue);
  return out + writer.End(summary);
}

std::string AnnotatedCsvWriter::EmptyLinesBefore(std::int64_t row_number) {
  std::string out;
  for (std::int64_t r = last_row_ + 1; r < row_number; ++r) out += "\r\n";
  last_row_ = row_number;
  return out;
}

std::string AnnotatedCsvWriter::Header(const WageReportHeader& header,
                                       std::string_view column_title) {
  std::string out = "\xEF\xBB\xBF" + EmptyLinesBefore(header.row_number);
  std::vector<std::string> cells;
  for (const std::string& cell : header.cells) cells.push_back(csv::CsvCell(cell, delimiter_));
  width_ = cells.size();
  cells.push_back(csv::CsvCell(column_title, delimiter_));
  return out + csv::CsvLine(cells, delimiter_);
}

std::string AnnotatedCsvWriter::Row(const WageReportRow& row, std::span<const Issue> issues) {
  std::string out = EmptyLinesBefore(row.row_number);
  std::vector<std::string> cells;
  for (const std::string& cell : row.cells) cells.push_back(csv::CsvCell(cell, delimiter_));
  // Short rows are padded so the problems stay in their own column; long rows keep their
  // extra cells and the problems follow them.
  if (cells.size() < width_) cells.resize(width_);
  std::string problems;
  for (const Issue& issue : issues) {
    if (!problems.empty()) problems += "; ";
    problems += text_(issue);
  }
  cells.push_back(csv::CsvCell(problems, delimiter_));
  return out + csv::CsvLine(cells, delimiter_);
}

std::string AnnotatedCsvWriter::Note(const Issue& issue) const {
  std::vector<std::string> cells(width_);
  cells.push_back(csv::CsvCell(text_(issue), delimiter_));
  return csv::CsvLine(cells, delimiter_);
}

}  // namespace lumbung::employers
