// `lumbung credentials ...`: the operator's commands for the fund's signing keys
// (docs/credentials.md).
//
//   credentials list-keys                 every key: kid, algorithm, created, retired, withdrawn
//   credentials rotate-key [--alg RS256|EdDSA]
//                                         a new active key; the old one stays published
//   credentials withdraw-key --kid KID    a compromised key: no longer published
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

namespace lumbung::credentials {

// The options of every subcommand (--alg, --kid), for the command table of app/cli.cc.
void DefineCredentialsOptions(Poco::Util::OptionSet& set);

// Runs the subcommand `args[0]` with `options` over a migrated database, with the master key
// from `config` (security.secret_key).
int RunCredentialsCommand(db::Database& database, const config::Config& config,
                          const std::map<std::string, std::string>& options,
                          const std::vector<std::string>& args);

}  // namespace lumbung::credentials
