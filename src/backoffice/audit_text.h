// The audit log as administrators read it: times on the fund's clock to the second, details as
// "name: value" pairs, and the CSV export's rows (through core/csv, so that no cell runs as a
// spreadsheet formula). Pure.
#pragma once

#include <string>
#include <vector>

#include "core/audit/event.h"
#include "core/i18n/catalog.h"
#include "core/i18n/fund_time.h"

namespace lumbung::backoffice {

// "7 Desember 2026, 21.54.29 WIB" (id) / "7 December 2026, 21:54:29 WIB" (en) for a stored time;
// the stored text itself when it is not one.
std::string AuditTimeText(const std::string& occurred_at, const std::string& lang,
                          const i18n::Catalogs& catalogs, i18n::FundZone zone);

// "2026-12-07 21:54:29 WIB": the same time for a spreadsheet (sorts as text).
std::string AuditTimeIso(const std::string& occurred_at, i18n::FundZone zone);

// "device: Chrome di Linux; reason: bad_password" in name order; "" for none.
std::string DetailsText(const audit::Details& details);

// One event as the CSV export writes it (the columns of AuditCsvHeaderIds, in that order).
// `actor` and `subject` are the accounts as shown ("Sari <sari@example.org>"), `action_text`
// the action's words, or "".
struct AuditCsvRow {
  const audit::Event* event;
  std::string actor, subject, action_text;
};
std::vector<std::string> AuditCsvHeaderIds();  // catalog ids: backoffice.audit.csv.<column>
std::string AuditCsvLine(const AuditCsvRow& row, i18n::FundZone zone);

}  // namespace lumbung::backoffice
