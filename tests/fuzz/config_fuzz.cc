// libFuzzer entry for the operator's configuration (core/config/config.h): the input is an INI
// file, optionally followed by a line "%%env" and LUMBUNG_* environment entries NAME=VALUE,
// one a line. The file is written to a temporary file and read by Config::Load as at start.
//
// Properties, beyond no crash, leak, undefined behaviour or hang:
// - a bad file or variable is refused with ConfigError and nothing else (the message names
//   the key, so the operator can fix it);
// - a configuration that loads is one the checks accept: its every value, given again, loads
//   to the same configuration, and the environment's value wins over the file's.
// Built with clang as lumbung_fuzz_config (make fuzz); the seeds in corpus/config/ are also
// replayed as a unit test.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "core/config/config.h"
#include "fuzz_support.h"

namespace {

// One file per process, removed from its folder at once (so no run leaves it behind) and
// reached through /proc/self/fd while the descriptor is open; rewritten for each input.
int IniFile() {
  static const int fd = [] {
    std::string name =
        (std::filesystem::temp_directory_path() / "lumbung-fuzz-config-XXXXXX").string();
    const int made = mkstemp(name.data());
    if (made < 0) std::abort();
    unlink(name.c_str());
    return made;
  }();
  return fd;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using lumbung::config::Config;
  using lumbung::config::ConfigError;
  using lumbung::fuzz::Require;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t split = input.find("\n%%env\n");
  const std::string_view ini = input.substr(0, split);
  std::map<std::string, std::string> env;
  if (split != std::string_view::npos) {
    std::string_view rest = input.substr(split + 7);
    while (!rest.empty()) {
      const std::size_t eol = rest.find('\n');
      const std::string_view line = rest.substr(0, eol);
      rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
      const std::size_t eq = line.find('=');
      if (eq == std::string_view::npos) continue;
      env[std::string(line.substr(0, eq))] = std::string(line.substr(eq + 1));
    }
  }
  const int fd = IniFile();
  if (ftruncate(fd, 0) != 0) std::abort();
  if (!ini.empty() && pwrite(fd, ini.data(), ini.size(), 0) != static_cast<ssize_t>(ini.size())) {
    std::abort();
  }
  const std::filesystem::path path = "/proc/self/fd/" + std::to_string(fd);
  try {
    const Config config = Config::Load(path, env);
    std::map<std::string, std::string> values;
    for (const auto& key : Config::Keys()) {
      values[key.key] = config.String(key.key);
      const auto from_env = env.find(Config::EnvironmentName(key.key));
      if (from_env != env.end()) Require(values[key.key] == from_env->second);
    }
    const Config again = Config::FromValues(values);
    for (const auto& [key, value] : values) {
      Require(again.String(key) == value && again.Int(key) == config.Int(key) &&
              again.Bool(key) == config.Bool(key));
    }
  } catch (const ConfigError&) {
  }
  return 0;
}
