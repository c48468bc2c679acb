// The subsidy's data files (config/subsidy_programs.json, config/minimum_wages.json) are read
// with the same strictness as the fund's rules file (registry/rules.h): unknown keys, missing
// keys, wrong types and impossible values are refused, and the error names the key path, e.g.
// "subsidy_programs: programs[2].wage_ceiling: must be more than 0 rupiah". A subsidy decided
// on a file with a typo would pay the wrong people, so nothing is guessed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "registry/rules.h"

namespace lumbung::subsidy {

// Thrown for a data file that cannot be trusted; what() starts with the file's kind and names
// the offending key. The schemas: docs/subsidy.md.
class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A place of work as the minimum wages and the programme areas name it: a province (the
// two-digit code NIKs and the registry use) and, where the rule is set per regency or city, its
// two-digit code within the province. Written "31" (a whole province) or "3275" (a city).
struct Area {
  int province = 0;
  int regency = 0;  // 0: the whole province, or not known
  friend bool operator==(const Area&, const Area&) = default;
  friend auto operator<=>(const Area&, const Area&) = default;
};
// "31", "3275"; nullopt for anything else, an unknown province or regency "00".
std::optional<Area> ParseArea(std::string_view code);
std::string AreaCode(const Area& area);

namespace detail {

// Reads a whole file into memory; throws DataError("<kind>: cannot read <path>").
std::string ReadWholeFile(std::string_view kind, const std::filesystem::path& path);

// One JSON object read with its key path, so every error can say where it is. `source`, `note`
// (strings) and `verified` (boolean) are allowed everywhere `allow_annotations` is set.
class Fields {
 public:
  Fields(std::string_view kind, const nlohmann::json& value, std::string path,
         std::initializer_list<std::string_view> keys, bool allow_annotations = true);

  [[noreturn]] void Fail(std::string_view key, std::string_view message) const;
  std::string Key(std::string_view key) const;
  const std::string& kind() const { return kind_; }

  bool Has(std::string_view key) const;
  const nlohmann::json& Required(std::string_view key) const;
  std::int64_t Integer(std::string_view key, std::int64_t low, std::int64_t high,
                       std::string_view range_message) const;
  registry::Rupiah Amount(std::string_view key) const;        // 1 rupiah or more
  registry::Rupiah AmountOrZero(std::string_view key) const;  // 0 or more
  int Year(std::string_view key) const;                       // 1900..9999
  registry::Date IsoDate(std::string_view key) const;         // strict YYYY-MM-DD
  std::string Text(std::string_view key) const;               // non-empty
  bool Flag(std::string_view key) const;
  std::string OptionalText(std::string_view key) const;  // "" when absent
  bool Verified() const;                                 // default true

 private:
  std::string kind_;
  const nlohmann::json& value_;
  std::string path_;
};

// Top-level checks shared by both files: an object with "schema": 1, only the given keys
// (plus "note"), and the named list present and non-empty. Returns the list.
const nlohmann::json& CheckTopLevel(std::string_view kind, const nlohmann::json& root,
                                    std::string_view list_key);

// Parses JSON text, turning a syntax error into DataError("<kind>: not valid JSON: ...").
nlohmann::json ParseJson(std::string_view kind, std::string_view text);

}  // namespace detail
}  // namespace lumbung::subsidy
