// Configuration: a documented INI file (config/lumbung.ini) plus LUMBUNG_* environment
// overrides. Every key is declared once in config.cc with its type, default and check, so a
// typo in the file or a bad value fails at start with a message naming the key.
//
// Environment names are the key upper-cased with '.' as '_': http.port -> LUMBUNG_HTTP_PORT.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace lumbung::config {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct KeyInfo {
  std::string key;
  std::string default_value;
  std::string description;
};

class Config {
 public:
  // Reads `file` (may be empty: defaults only), then the environment. Throws ConfigError.
  static Config Load(const std::filesystem::path& file,
                     const std::map<std::string, std::string>& env);
  // Defaults and the given overrides only, for tests.
  static Config FromValues(const std::map<std::string, std::string>& values);

  const std::string& String(const std::string& key) const;
  std::int64_t Int(const std::string& key) const;
  bool Bool(const std::string& key) const;

  // Every known key with its default, for `lumbung --help` and docs.
  static const std::vector<KeyInfo>& Keys();
  static std::string EnvironmentName(const std::string& key);

  // The share directory resolved (templates, static, locale, migrations, rules).
  std::filesystem::path SharePath(const std::filesystem::path& relative) const;

 private:
  void Set(const std::string& key, const std::string& value, const std::string& origin);
  std::map<std::string, std::string> values_;
};

// The process environment as a map (only LUMBUNG_* entries).
std::map<std::string, std::string> LumbungEnvironment();

}  // namespace lumbung::config
