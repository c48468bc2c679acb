// A month's bill as a document to print or file: the statements' page layout and PDF writer
// (statements/statement_pdf.h) fed with the bill's text. Pure: the caller reads the bill.
//
// The table is the statement's, one row per worker: name and KPJ, then the wage, the seven
// program amounts and the worker's total (the statement's amount columns), then whether the
// worker's month is paid. The lines the bill is made of (the month, amendments, fines) are the
// statement's ledger.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/i18n/catalog.h"
#include "employers/report_store.h"
#include "statements/statement.h"

namespace lumbung::employers {

struct BillDocument {
  std::string fund_name, web_address;
  Employer employer;
  BillRecord bill;
  std::vector<BillLineRecord> lines;
  std::vector<WorkerBillLine> workers;
  registry::MonthlyContribution totals;
  Rupiah total_wage = 0;
  std::int64_t generated_at = 0;  // epoch seconds
};

statements::StatementText ComposeBillText(const BillDocument& document,
                                          const i18n::Catalogs& catalogs, const std::string& lang);

}  // namespace lumbung::employers
