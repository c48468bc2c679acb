// A member's statements, made on demand and cached: the one place that puts the registry's
// data, the text, the PDF and the store together. A statement is made the first time it is
// asked for and kept; it is served from the store for as long as it still says what the
// registry holds (same SourceFingerprint), and made again, with a new verification code, once
// the figures, the member's name, the fund's details or the labels change.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/config/config.h"
#include "core/db/database.h"
#include "core/i18n/catalog.h"

namespace lumbung::statements {

struct Settings {
  std::string fund_name;
  std::string web_address;  // fund.web_address, else public.url
  std::filesystem::path font_file;
};

Settings SettingsFrom(const config::Config& config);

struct Document {
  int year = 0;
  std::string lang;
  std::int64_t generated_at = 0;
  std::string pdf;
  bool made_now = false;  // false: served from the store
};

// The member's statement for `year` in `lang` ("id" or "en"), at `now` (epoch seconds).
// nullopt when the member has no contributions in `year`. Throws PdfError when the PDF cannot be
// made (the font is missing).
std::optional<Document> StatementFor(db::Database& database, const i18n::Catalogs& catalogs,
                                     const Settings& settings, std::int64_t member_id, int year,
                                     const std::string& lang, std::int64_t now);

// For the list of documents: every year with contributions (newest first) and, per language,
// when its current statement was made, if there is one that still says what the registry holds.
struct YearEntry {
  int year = 0;
  bool in_progress = false;                                      // the year is not over
  std::map<std::string, std::optional<std::int64_t>> generated;  // by language
};

std::vector<YearEntry> ListStatements(db::Database& database, const i18n::Catalogs& catalogs,
                                      const Settings& settings, std::int64_t member_id,
                                      const std::vector<std::string>& langs, std::int64_t now);

}  // namespace lumbung::statements
