#include "ops/backup_cli.h"

#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <iostream>

#include "core/db/database_url.h"
#include "ops/backup.h"

namespace lumbung::ops {
namespace {

using Poco::Util::Option;

// The value of --name, or "" when absent; prints the usage problem when required and absent.
std::string OptionValue(const std::map<std::string, std::string>& options,
                        const std::string& name) {
  const auto it = options.find(name);
  return it == options.end() ? std::string() : it->second;
}

std::string Size(std::uintmax_t bytes) {
  if (bytes >= 10ull * 1024 * 1024) return std::to_string(bytes / (1024 * 1024)) + " MiB";
  if (bytes >= 10ull * 1024) return std::to_string(bytes / 1024) + " KiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace

void DefineBackupOptions(Poco::Util::OptionSet& set) {
  set.addOption(Option("to", "", "the backup file to write (mode 0600; replaced when it exists)")
                    .argument("FILE"));
  set.addOption(Option("pg-bindir", "",
                       "PostgreSQL: the directory of pg_dump (default: the server's version's "
                       "/usr/lib/postgresql/N/bin, else the PATH)")
                    .argument("DIR"));
}

void DefineRestoreOptions(Poco::Util::OptionSet& set) {
  set.addOption(Option("from", "", "the backup file to restore").argument("FILE"));
  set.addOption(Option("force", "", "replace a database that holds data (says what it replaces)"));
  set.addOption(Option("pg-bindir", "",
                       "PostgreSQL: the directory of pg_restore (default: the server's version's "
                       "/usr/lib/postgresql/N/bin, else the PATH)")
                    .argument("DIR"));
}

int RunBackupCommand(const config::Config& config,
                     const std::map<std::string, std::string>& options,
                     const std::vector<std::string>& args) {
  const std::string to = OptionValue(options, "to");
  if (!args.empty() || to.empty()) {
    std::cerr << "lumbung backup: say --to FILE (and nothing else)\n";
    return 2;
  }
  const auto url = db::ParseDatabaseUrl(config.String("database.url"));
  BackupOptions backup;
  backup.pg_bindir = OptionValue(options, "pg-bindir");
  try {
    const auto report = BackUp(url, to, backup, std::cerr);
    std::cout << "backup: " << url.Redacted() << " written to " << report.file.string() << " ("
              << Size(report.bytes) << ", schema version " << report.schema_version
              << ", mode 0600)\n";
    return 0;
  } catch (const BackupError& e) {
    std::cerr << "lumbung backup: " << e.what() << "\n";
    return 1;
  }
}

int RunRestoreCommand(const config::Config& config,
                      const std::vector<std::filesystem::path>& migration_dirs,
                      const std::map<std::string, std::string>& options,
                      const std::vector<std::string>& args) {
  const std::string from = OptionValue(options, "from");
  if (!args.empty() || from.empty()) {
    std::cerr << "lumbung restore: say --from FILE [--force] (and nothing else)\n";
    return 2;
  }
  const auto url = db::ParseDatabaseUrl(config.String("database.url"));
  RestoreOptions restore;
  restore.force = options.count("force") > 0;
  restore.pg_bindir = OptionValue(options, "pg-bindir");
  try {
    const auto report = Restore(url, from, migration_dirs, restore, std::cerr);
    for (const auto& table : report.tables_gone) {
      std::cout << "restore: dropped table " << table << ", which the backup does not have\n";
    }
    std::cout << "restore: " << url.Redacted() << " restored from " << from
              << " (backup at schema version " << report.backup_version << ", "
              << report.migrations_applied << " migration(s) applied since, now at version "
              << report.schema_version << ")\n";
    return 0;
  } catch (const BackupError& e) {
    std::cerr << "lumbung restore: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace lumbung::ops
