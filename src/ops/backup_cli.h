// `lumbung backup` and `lumbung restore` (ops/backup.h; docs/operations.md, "Backups").
//
//   backup --to FILE [--pg-bindir DIR]             a backup of the configured database
//   restore --from FILE [--force] [--pg-bindir DIR]
//                                                  the configured database replaced by a backup
//
// Output is English, like the other commands: the result on stdout, progress and the child
// tools' messages on stderr. Exit 0 when done, 1 when refused or failed (the database is then
// unchanged), 2 for a usage error.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/config/config.h"

namespace Poco::Util {
class OptionSet;
}

namespace lumbung::ops {

// The options of each command, for the command table of app/cli.cc.
void DefineBackupOptions(Poco::Util::OptionSet& set);
void DefineRestoreOptions(Poco::Util::OptionSet& set);

// Backs up the database of `database.url`. Never migrates: a backup is taken as the database is.
int RunBackupCommand(const config::Config& config,
                     const std::map<std::string, std::string>& options,
                     const std::vector<std::string>& args);

// Restores into the database of `database.url`; `migration_dirs` are this binary's migrations,
// applied after the restore.
int RunRestoreCommand(const config::Config& config,
                      const std::vector<std::filesystem::path>& migration_dirs,
                      const std::map<std::string, std::string>& options,
                      const std::vector<std::string>& args);

}  // namespace lumbung::ops
