#include "statements/documents.h"

#include <soci/soci.h>

#include "statements/statement.h"
#include "statements/statement_pdf.h"
#include "statements/statement_store.h"
#include "statements/verification_code.h"

namespace lumbung::statements {
namespace {

Issue IssueAt(const Settings& settings, int year, std::int64_t now) {
  Issue issue;
  issue.fund_name = settings.fund_name;
  issue.web_address = settings.web_address;
  while (!issue.web_address.empty() && issue.web_address.back() == '/') {
    issue.web_address.pop_back();
  }
  issue.generated_at = now;
  issue.year_in_progress = year >= WibYear(now);
  return issue;
}

}  // namespace

Settings SettingsFrom(const config::Config& config) {
  Settings settings;
  settings.fund_name = config.String("fund.name");
  settings.web_address = config.String("fund.web_address").empty()
                             ? config.String("public.url")
                             : config.String("fund.web_address");
  settings.font_file = config.String("statements.font_file");
  return settings;
}

std::optional<Document> StatementFor(db::Database& database, const i18n::Catalogs& catalogs,
                                     const Settings& settings, std::int64_t member_id, int year,
                                     const std::string& lang, std::int64_t now) {
  std::optional<StatementData> data;
  Issue issue = IssueAt(settings, year, now);
  std::string fingerprint;
  {
    auto lease = database.Acquire();
    const auto source = LoadSource(lease.session(), member_id);
    if (source) data = ForYear(*source, year);
    if (!data) return std::nullopt;
    fingerprint = SourceFingerprint(*data, issue, catalogs, lang);
    auto cached = FindCurrent(lease.session(), member_id, year, lang, /*with_pdf=*/true);
    if (cached && cached->source_hash == fingerprint) {
      return Document{year, lang, cached->generated_at, std::move(cached->pdf), false};
    }
  }
  // Made without holding a connection: rendering takes a few milliseconds.
  const std::string code = NewVerificationCode();
  issue.code = code;
  std::string pdf =
      RenderStatementPdf(ComposeStatement(*data, issue, catalogs, lang), settings.font_file, now);
  auto lease = database.Acquire();
  try {
    SaveStatement(lease.session(), member_id, year, lang, CodeHash(*CanonicalCode(code)),
                  fingerprint, now, pdf);
  } catch (const soci::soci_error&) {
    // Another request for the same statement stored its own a moment ago: serve that one, so
    // the member never holds a code the store does not know.
    auto stored = FindCurrent(lease.session(), member_id, year, lang, /*with_pdf=*/true);
    if (!stored) throw;
    return Document{year, lang, stored->generated_at, std::move(stored->pdf), false};
  }
  return Document{year, lang, now, std::move(pdf), true};
}

std::vector<YearEntry> ListStatements(db::Database& database, const i18n::Catalogs& catalogs,
                                      const Settings& settings, std::int64_t member_id,
                                      const std::vector<std::string>& langs, std::int64_t now) {
  std::vector<YearEntry> out;
  auto lease = database.Acquire();
  const auto source = LoadSource(lease.session(), member_id);
  if (!source) return out;
  const auto stored = CurrentStatements(lease.session(), member_id);
  for (int year : StatementYears(*source)) {
    YearEntry entry;
    entry.year = year;
    const Issue issue = IssueAt(settings, year, now);
    entry.in_progress = issue.year_in_progress;
    const auto data = ForYear(*source, year);
    for (const auto& lang : langs) {
      std::optional<std::int64_t> generated;
      for (const auto& s : stored) {
        if (s.year == year && s.lang == lang &&
            s.source_hash == SourceFingerprint(*data, issue, catalogs, lang)) {
          generated = s.generated_at;
        }
      }
      entry.generated[lang] = generated;
    }
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace lumbung::statements
