#include "core/i18n/catalog.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/i18n/po_file.h"

namespace lumbung::i18n {

Catalogs Catalogs::FromMaps(std::map<std::string, std::map<std::string, std::string>> by_lang) {
  Catalogs c;
  if (!by_lang.count(std::string(kDefaultLanguage))) {
    throw std::runtime_error("i18n: no catalog for the default language '" +
                             std::string(kDefaultLanguage) + "'");
  }
  const auto& reference = by_lang.at(std::string(kDefaultLanguage));
  for (const auto& [lang, messages] : by_lang) {
    for (const auto& [id, text] : reference) {
      auto it = messages.find(id);
      if (it == messages.end()) throw std::runtime_error("i18n: " + lang + " lacks '" + id + "'");
      if (Placeholders(it->second) != Placeholders(text)) {
        throw std::runtime_error("i18n: " + lang + " '" + id + "' has other placeholders than " +
                                 std::string(kDefaultLanguage));
      }
    }
    for (const auto& [id, text] : messages) {
      if (!reference.count(id)) {
        throw std::runtime_error("i18n: " + lang + " has '" + id + "' which " +
                                 std::string(kDefaultLanguage) + " lacks");
      }
    }
  }
  c.languages_.push_back(std::string(kDefaultLanguage));
  for (const auto& [lang, messages] : by_lang) {
    if (lang != kDefaultLanguage) c.languages_.push_back(lang);
  }
  for (auto& [lang, messages] : by_lang) c.messages_.emplace(lang, std::move(messages));
  return c;
}

Catalogs Catalogs::LoadDirectory(const std::filesystem::path& dir) {
  std::map<std::string, std::map<std::string, std::string>> by_lang;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".po") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    by_lang[entry.path().stem().string()] = ParsePo(text.str(), entry.path().string());
  }
  if (ec) throw std::runtime_error("i18n: cannot read " + dir.string() + ": " + ec.message());
  return FromMaps(std::move(by_lang));
}

bool Catalogs::Supports(std::string_view lang) const {
  return std::find(languages_.begin(), languages_.end(), lang) != languages_.end();
}

const std::map<std::string, std::string>& Catalogs::All(std::string_view lang) const {
  auto it = messages_.find(lang);
  if (it == messages_.end()) it = messages_.find(kDefaultLanguage);
  return it->second;
}

const std::string& Catalogs::Get(std::string_view lang, std::string_view id) const {
  const auto& messages = All(lang);
  auto it = messages.find(std::string(id));
  if (it != messages.end()) return it->second;
  // Missing ids must be visible in tests, never crash a page.
  static thread_local std::string missing;
  missing = "[[" + std::string(id) + "]]";
  return missing;
}

std::string Catalogs::Format(std::string_view lang, std::string_view id,
                             const std::map<std::string, std::string>& values) const {
  std::string text = Get(lang, id);
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t open = text.find("{{", pos);
    if (open == std::string::npos) break;
    size_t close = text.find("}}", open + 2);
    if (close == std::string::npos) break;
    std::string name = text.substr(open + 2, close - open - 2);
    out.append(text, pos, open - pos);
    auto it = values.find(name);
    out += it != values.end() ? it->second : text.substr(open, close + 2 - open);
    pos = close + 2;
  }
  out.append(text, pos);
  return out;
}

std::vector<std::string> Placeholders(std::string_view message) {
  std::set<std::string> names;
  size_t pos = 0;
  while ((pos = message.find("{{", pos)) != std::string_view::npos) {
    size_t close = message.find("}}", pos + 2);
    if (close == std::string_view::npos) break;
    std::string_view name = message.substr(pos + 2, close - pos - 2);
    while (!name.empty() && (name.front() == '{' || name.front() == ' ')) name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    names.insert(std::string(name));
    pos = close + 2;
  }
  return {names.begin(), names.end()};
}

std::string NegotiateLanguage(std::string_view cookie_value, std::string_view accept_language,
                              const std::vector<std::string>& supported) {
  auto supported_base = [&](std::string_view tag) -> std::string {
    std::string base;
    for (char c : tag) {
      if (c == '-' || c == '_') break;
      base += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (std::find(supported.begin(), supported.end(), base) != supported.end()) return base;
    return {};
  };
  if (!cookie_value.empty()) {
    if (std::find(supported.begin(), supported.end(), cookie_value) != supported.end()) {
      return std::string(cookie_value);
    }
  }
  std::string best;
  double best_q = 0;
  size_t pos = 0;
  while (pos <= accept_language.size()) {
    size_t comma = accept_language.find(',', pos);
    std::string_view range = accept_language.substr(
        pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    pos = comma == std::string_view::npos ? accept_language.size() + 1 : comma + 1;
    double q = 1.0;
    size_t semi = range.find(';');
    std::string_view tag = range.substr(0, semi);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (semi != std::string_view::npos) {
      std::string_view params = range.substr(semi + 1);
      size_t qpos = params.find("q=");
      if (qpos != std::string_view::npos) {
        try {
          q = std::stod(std::string(params.substr(qpos + 2)));
        } catch (...) {
          q = 0;
        }
      }
    }
    std::string lang = supported_base(tag);
    if (!lang.empty() && q > best_q) {
      best = lang;
      best_q = q;
    }
  }
  return best.empty() ? std::string(kDefaultLanguage) : best;
}

}  // namespace lumbung::i18n
