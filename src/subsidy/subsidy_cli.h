// `lumbung subsidy ...`: the wage subsidy's operator commands (docs/subsidy.md).
//
//   subsidy import-list --list NAME FILE    replace an exclusion list (all or nothing)
//   subsidy run --program YEAR [--dry-run]  decide every member; progress on stderr; a run
//                                           already going is worked on instead of a new one
//   subsidy diff --program YEAR [--run N] [--against M] [--after MEMBER]
//                                           who entered and who left since the previous run
//   subsidy confirm --run N                 the candidates for payment batches
//
// Output is English, like the other commands. Exit 0 when done, 1 when refused or failed, 2 for
// a usage error.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/config/config.h"
#include "core/db/database.h"

namespace Poco::Util {
class OptionSet;
}

namespace lumbung::subsidy {

// The options of every subcommand, for the command table of app/cli.cc.
void DefineSubsidyOptions(Poco::Util::OptionSet& set);

// Runs the subcommand `args[0]` with `options` (from DefineSubsidyOptions) over a migrated
// database.
int RunSubsidyCommand(db::Database& database, const config::Config& config,
                      const std::map<std::string, std::string>& options,
                      const std::vector<std::string>& args);

}  // namespace lumbung::subsidy
