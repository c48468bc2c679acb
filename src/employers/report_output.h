// What the employer downloads after a validation, both made while streaming (a second pass
// over the upload writes every issue, not only the first 100 kept for the page). Pure: each
// call returns the next piece of text.
//
// - The Frictionless-style JSON report: {"errors": [...], "stats": {...}, "valid": ...}, each
//   entry with "type", "code", "severity", "rowNumber", "fieldName", "fieldNumber", "cell",
//   "message" and "tags". Warnings are entries of the same list with "severity": "warning" (one
//   list, so it can be written in file order in one pass); "valid" is true when no entry is an
//   error. docs/employers.md shows an example.
// - The original CSV with a column of problems added, so the employer fixes the same
//   spreadsheet: same delimiter, same rows on the same row numbers (empty lines kept), UTF-8
//   with a byte-order mark (so spreadsheets open it as UTF-8), every cell written through
//   core/csv/safe_csv.h (formulas neutralised, RFC 4180 quoting).
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "employers/report_validation.h"
#include "employers/wage_report_csv.h"

namespace lumbung::employers {

// The message shown for an issue, in the reader's language (issue_message.h makes one).
using IssueText = std::function<std::string(const Issue&)>;

class ReportJsonWriter {
 public:
  explicit ReportJsonWriter(IssueText text) : text_(std::move(text)) {}
  std::string Begin() const;
  // One entry, with the comma before it from the second on.
  std::string Add(const Issue& issue);
  std::string End(const ValidationSummary& summary) const;

 private:
  IssueText text_;
  bool first_ = true;
};

// The whole report from the summary's kept issues (complete when nothing was cut off).
std::string ReportJson(const ValidationSummary& summary, const IssueText& text);

class AnnotatedCsvWriter {
 public:
  AnnotatedCsvWriter(char delimiter, IssueText text)
      : delimiter_(delimiter), text_(std::move(text)) {}
  // The header row with `column_title` added (and the file's leading empty lines).
  std::string Header(const WageReportHeader& header, std::string_view column_title);
  // The row with its issues' messages, joined by "; ", in the added column (empty when none).
  std::string Row(const WageReportRow& row, std::span<const Issue> issues);
  // A file-level problem (a refused file, a header without rows): one line of its own.
  std::string Note(const Issue& issue) const;

 private:
  std::string EmptyLinesBefore(std::int64_t row_number);

  char delimiter_;
  IssueText text_;
  std::int64_t last_row_ = 0;
  std::size_t width_ = 0;  // cells in the header: the problems column comes after them
};

}  // namespace lumbung::employers
