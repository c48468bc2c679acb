// Translation catalogs, one per language, loaded once at start from locale/<lang>.po.
// Indonesian is the default language; English is the second.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace lumbung::i18n {

inline constexpr std::string_view kDefaultLanguage = "id";

class Catalogs {
 public:
  // Loads every <lang>.po in `dir`. Throws PoError, or std::runtime_error when a language's
  // ids differ from the default language's (a missing translation never reaches a member).
  static Catalogs LoadDirectory(const std::filesystem::path& dir);
  static Catalogs FromMaps(std::map<std::string, std::map<std::string, std::string>> by_lang);

  const std::vector<std::string>& Languages() const { return languages_; }
  bool Supports(std::string_view lang) const;

  // The message; a missing id is a programming error and returns "[[id]]" so tests see it.
  const std::string& Get(std::string_view lang, std::string_view id) const;
  // The message with {{name}} placeholders replaced by values (not escaped: the caller
  // decides the output context).
  std::string Format(std::string_view lang, std::string_view id,
                     const std::map<std::string, std::string>& values) const;
  const std::map<std::string, std::string>& All(std::string_view lang) const;

 private:
  std::vector<std::string> languages_;
  std::map<std::string, std::map<std::string, std::string>, std::less<>> messages_;
};

// Placeholders ({{name}} or {{a.b}}) used by a message, for the catalog consistency check.
std::vector<std::string> Placeholders(std::string_view message);

// Chooses the response language: a supported `lang` cookie wins, then the first supported
// Accept-Language range by q-value, then Indonesian.
std::string NegotiateLanguage(std::string_view cookie_value, std::string_view accept_language,
                              const std::vector<std::string>& supported);

}  // namespace lumbung::i18n
