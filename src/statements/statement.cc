#include "statements/statement.h"

#include <algorithm>
#include <ctime>

#include "core/i18n/fund_time.h"
#include "core/i18n/rupiah.h"
#include "core/i18n/wib_time.h"
#include "core/security/digest.h"
#include "membership/summary.h"

namespace lumbung::statements {
namespace {

// Bump when the statement's layout or wording changes in a way the catalogs do not show: every
// cached PDF is then made again on its next download.
constexpr const char* kLayoutVersion = "statement-layout-1";

// 626 bp -> "6,26%" (id) / "6.26%" (en), as /savings shows it.
std::string Percent(int bp, const std::string& lang) {
  std::string cents = std::to_string(bp % 100);
  if (cents.size() < 2) cents.insert(cents.begin(), '0');
  return std::to_string(bp / 100) + (lang == "en" ? "." : ",") + cents + "%";
}

}  // namespace

std::optional<StatementSource> LoadSource(soci::session& sql, std::int64_t member_id) {
  const auto summary = membership::LoadSummary(sql, member_id);
  if (!summary) return std::nullopt;
  StatementSource source;
  source.full_name = summary->full_name;
  source.kpj = summary->kpj;
  source.rows = contributions::History(sql, member_id, 0, 0);
  source.ledger = savings::LoadLedger(sql, member_id);
  return source;
}

std::vector<int> StatementYears(const StatementSource& source) {
  std::vector<int> years;
  for (const auto& row : source.rows) {
    const int year = row.period / 100;
    if (std::find(years.begin(), years.end(), year) == years.end()) years.push_back(year);
  }
  std::sort(years.rbegin(), years.rend());
  return years;
}

std::optional<StatementData> ForYear(const StatementSource& source, int year) {
  StatementData data;
  data.full_name = source.full_name;
  data.kpj = source.kpj;
  data.year = year;
  for (const auto& row : source.rows) {
    if (row.period / 100 == year) data.rows.push_back(row);
  }
  if (data.rows.empty()) return std::nullopt;
  // History gives newest month first and employers by name within a month; a statement reads
  // January to December, employers still by name.
  std::stable_sort(data.rows.begin(), data.rows.end(),
                   [](const auto& a, const auto& b) { return a.period < b.period; });
  data.totals = contributions::Sum(data.rows);
  for (const auto& line : source.ledger) {
    if (line.year == year) data.ledger = line;
  }
  return data;
}

bool IsAmountColumn(std::size_t column) {
  // month, employer | wage, seven programs, total | status
  return column >= 2 && column <= 10;
}

StatementText ComposeStatement(const StatementData& data, const Issue& issue,
                               const i18n::Catalogs& t, const std::string& lang) {
  const auto money = [&lang](std::int64_t amount) { return i18n::FormatRupiah(amount, lang); };
  const std::string year = std::to_string(data.year);
  StatementText text;
  text.lang = lang;
  text.fund_name = issue.fund_name;
  text.web_address = issue.web_address;
  text.title = t.Format(lang, "statement.title", {{"year", year}});
  text.facts = {
      {t.Get(lang, "statement.member"), data.full_name},
      {t.Get(lang, "statement.kpj"), data.kpj},
      {t.Get(lang, "statement.year"), year},
      {t.Get(lang, "statement.generated"), i18n::FormatWibTime(issue.generated_at, lang, t)},
  };
  text.months_heading = t.Get(lang, "statement.months_heading");
  for (const char* id : {"month", "employer", "wage", "jht_worker", "jht_employer", "jkk", "jkm",
                         "jp_worker", "jp_employer", "jkp", "total", "status"}) {
    text.columns.push_back(t.Get(lang, std::string("contributions.col.") + id));
  }
  for (const auto& r : data.rows) {
    text.rows.push_back({t.Get(lang, "date.months." + std::to_string(r.period % 100)),
                         r.employer_name, r.wage ? money(*r.wage) : "–", money(r.jht_worker),
                         money(r.jht_employer), money(r.jkk), money(r.jkm), money(r.jp_worker),
                         money(r.jp_employer), money(r.jkp), money(r.Total()),
                         t.Get(lang, r.paid ? "contributions.paid" : "contributions.unpaid")});
  }
  const auto& s = data.totals;
  text.totals = {t.Get(lang, "contributions.total_row") + " " + year,
                 "",
                 money(s.wage),
                 money(s.jht_worker),
                 money(s.jht_employer),
                 money(s.jkk),
                 money(s.jkm),
                 money(s.jp_worker),
                 money(s.jp_employer),
                 money(s.jkp),
                 money(s.total),
                 ""};
  text.months_notes.push_back(
      t.Format(lang, "statement.jht_total",
               {{"year", year}, {"amount", money(s.jht_worker + s.jht_employer)}}));
  if (s.months_unpaid > 0) {
    text.months_notes.push_back(
        t.Format(lang, "statement.unpaid", {{"months", std::to_string(s.months_unpaid)}}));
  }
  text.months_notes.push_back(t.Get(lang, "statement.months_note"));
  if (issue.year_in_progress) text.months_notes.push_back(t.Get(lang, "statement.in_progress"));

  text.ledger_heading = t.Format(lang, "statement.ledger_heading", {{"year", year}});
  if (data.ledger) {
    const auto& l = *data.ledger;
    text.ledger = {
        {t.Get(lang, "savings.col.opening"), money(l.opening)},
        {t.Get(lang, "savings.col.contributions"), money(l.contributions)},
        {t.Get(lang, "savings.col.rate"),
         l.rate_bp ? Percent(*l.rate_bp, lang) : t.Get(lang, "savings.no_rate")},
        {t.Get(lang, "savings.col.returns"), money(l.returns)},
        {t.Get(lang, "savings.col.withdrawals"), money(l.withdrawals)},
        {t.Get(lang, "savings.col.closing"), money(l.closing)},
    };
    text.ledger_notes.push_back(t.Get(lang, "statement.ledger_note"));
  } else {
    text.ledger_notes.push_back(t.Get(lang, "statement.no_ledger"));
  }
  text.ledger_notes.push_back(t.Get(lang, "statement.computer"));
  text.footer = t.Format(lang, "statement.footer",
                         {{"code", issue.code},
                          {"fund", issue.fund_name},
                          {"url", VerificationUrl(issue.web_address, issue.code)}});
  text.page_of = t.Get(lang, "statement.page_of");
  return text;
}

std::string SourceFingerprint(const StatementData& data, const Issue& issue,
                              const i18n::Catalogs& catalogs, const std::string& lang) {
  Issue undated = issue;
  undated.generated_at = 0;
  undated.code.clear();
  const StatementText text = ComposeStatement(data, undated, catalogs, lang);
  // Unit and record separators cannot occur in the texts, so the joined form is unambiguous.
  std::string all = std::string(kLayoutVersion) + "\x1e" + text.lang;
  const auto add = [&all](const std::string& s) { all += "\x1f" + s; };
  const auto record = [&all] { all += "\x1e"; };
  for (const auto* s : {&text.fund_name, &text.web_address, &text.title, &text.months_heading,
                        &text.ledger_heading, &text.footer, &text.page_of}) {
    add(*s);
  }
  record();
  for (const auto& [label, value] : text.facts) add(label + "\x1d" + value);
  record();
  for (const auto& c : text.columns) add(c);
  record();
  for (const auto& row : text.rows) {
    for (const auto& c : row) add(c);
    record();
  }
  for (const auto& c : text.totals) add(c);
  record();
  for (const auto& n : text.months_notes) add(n);
  record();
  for (const auto& [label, value] : text.ledger) add(label + "\x1d" + value);
  record();
  for (const auto& n : text.ledger_notes) add(n);
  return security::Sha256Hex(all);
}

std::string VerificationUrl(const std::string& web_address, const std::string& code) {
  std::string base = web_address;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/verify/statement/" + code;
}

int WibYear(std::int64_t epoch_seconds) {
  return i18n::FundYear(epoch_seconds);
}

}  // namespace lumbung::statements
