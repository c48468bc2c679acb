// The `lumbung` command line: serve, migrate, seed-demo, maintenance on|off; --help for each.
#pragma once

namespace lumbung::app {

// Returns the process exit code: 0 success, 1 runtime failure, 2 usage or configuration error.
int RunCli(int argc, char** argv);

}  // namespace lumbung::app
