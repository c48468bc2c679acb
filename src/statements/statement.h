// A member's yearly contribution and JHT statement: what it is made of and what it says.
//
// The figures are not computed here. They are what the registry holds, read through the other
// money features' own look-ups (contributions::History, savings::LoadLedger,
// membership::LoadSummary): each month's contributions were computed by the registry with the
// rules in force that month, and the JHT line is the one the fund credited. So the statement
// shows exactly what /contributions and /savings show, and never anything they do not: the NIK
// is not even loaded.
//
// LoadSource is the only storage access; everything else is pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "contributions/history.h"
#include "core/i18n/catalog.h"
#include "savings/ledger.h"

namespace soci {
class session;
}

namespace lumbung::statements {

// Everything a member's statements are made from, every year at once (a few indexed queries).
struct StatementSource {
  std::string full_name, kpj;
  std::vector<contributions::MonthRow> rows;  // every year, newest month first
  std::vector<savings::LedgerYear> ledger;    // oldest year first
};

// nullopt when the registry has no such member.
std::optional<StatementSource> LoadSource(soci::session& sql, std::int64_t member_id);

// The years that have contributions, newest first: the years a statement exists for.
std::vector<int> StatementYears(const StatementSource& source);

// One year of it.
struct StatementData {
  std::string full_name, kpj;
  int year = 0;
  std::vector<contributions::MonthRow> rows;  // oldest month first
  contributions::Totals totals;
  std::optional<savings::LedgerYear> ledger;  // absent: not credited (yet)
};

// nullopt when the member has no contributions in `year` (there is no statement then).
std::optional<StatementData> ForYear(const StatementSource& source, int year);

// Who issues the statement, when, and how to check it.
struct Issue {
  std::string fund_name;
  std::string web_address;        // the fund's one official address, without a trailing '/'
  std::int64_t generated_at = 0;  // epoch seconds
  std::string code;               // grouped verification code ("ABCD-EFGH-JK23")
  bool year_in_progress = false;  // the statement's year is not over: figures so far
};

// The statement's text in one language, ready to lay out: every label from the catalogs, every
// amount formatted with i18n::FormatRupiah as on the web pages.
struct StatementText {
  std::string lang;
  std::string fund_name, web_address;
  std::string title;
  std::vector<std::pair<std::string, std::string>> facts;  // label, value (member, KPJ, ...)
  std::string months_heading;
  std::vector<std::string> columns;            // the months table's header
  std::vector<std::vector<std::string>> rows;  // one per month and employer, cells as columns
  std::vector<std::string> totals;             // the yearly totals row
  std::vector<std::string> months_notes;       // paragraphs under the table
  std::string ledger_heading;
  std::vector<std::pair<std::string, std::string>> ledger;  // label, figure
  std::vector<std::string> ledger_notes;
  std::string footer;   // the verification line, on every page
  std::string page_of;  // "Page {{page}} of {{pages}}": placeholders filled by the layout
};

// Indices of the months table's columns that hold amounts (right-aligned, never cut short).
bool IsAmountColumn(std::size_t column);

StatementText ComposeStatement(const StatementData& data, const Issue& issue,
                               const i18n::Catalogs& catalogs, const std::string& lang);

// A hash of everything the statement says except its date and code: the data, the fund's name
// and address, the labels, the language and the layout's version. A cached PDF with another
// fingerprint no longer says what the registry holds and is made again.
std::string SourceFingerprint(const StatementData& data, const Issue& issue,
                              const i18n::Catalogs& catalogs, const std::string& lang);

// "https://dana.example/verify/statement/ABCD-EFGH-JK23".
std::string VerificationUrl(const std::string& web_address, const std::string& code);

// The calendar year of `epoch_seconds` on the fund's clock (fund.time_zone, WIB by default).
int WibYear(std::int64_t epoch_seconds);

}  // namespace lumbung::statements
