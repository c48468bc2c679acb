// Versioned schema migrations, shared by SQLite and PostgreSQL.
//
// A migration is a file `NNNN_name.sql` (NNNN: four or more digits, the version; name:
// lowercase letters, digits, '_'). A file `NNNN_name.sqlite.sql` or `NNNN_name.postgresql.sql`
// replaces the generic file for that dialect only, for DDL that differs (identity columns,
// WITHOUT ROWID, ...); a version may also exist for one dialect only. Other files (README.md)
// are ignored; a `.sql` file with any other name is an error, so a typo cannot be skipped
// silently.
//
// Migrations from all given directories run in version order; one version in two places is an
// error. Each runs in its own transaction with its row in
// schema_migrations(version, name, applied_at), so a failing migration leaves nothing behind and
// the next run retries it. Applied migrations are never re-run and never edited: fix forward
// with a new version. Concurrent migrators (two app instances starting) are serialised: on
// PostgreSQL by an advisory lock, on SQLite by BEGIN IMMEDIATE.
//
// Writing statements: each statement ends with ';'. The splitter understands '...' strings,
// "..." identifiers, -- and /* */ comments, PostgreSQL $tag$...$tag$ bodies and SQLite
// CREATE TRIGGER ... BEGIN ...; END; bodies, so a ';' inside those is fine. Statements run
// verbatim (no `:name` placeholder processing) and must not contain BEGIN/COMMIT (the migrator
// owns the transaction) nor statements that cannot run in a transaction (VACUUM,
// CREATE INDEX CONCURRENTLY).
#pragma once

#include <filesystem>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/database.h"

namespace lumbung::db {

// What() names the file (and line) at fault.
class MigrationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Migration {
  int version = 0;
  std::string name;            // "registry" for 0001_registry.sql
  std::filesystem::path file;  // the file used for the dialect
};

struct SqlStatement {
  std::string text;  // without the final ';', trimmed
  int line = 0;      // 1-based line of its first character in the script
};

// Pure: splits a script into statements by the rules above. Empty statements and
// comment-only text are dropped; text after the last ';' is a statement of its own.
std::vector<SqlStatement> SplitSqlStatements(std::string_view script);

// The migrations for `dialect` in version order. Throws MigrationError for a missing
// directory, a badly named .sql file or a duplicate version.
std::vector<Migration> FindMigrations(const std::vector<std::filesystem::path>& dirs,
                                      Dialect dialect);

// Those of FindMigrations not yet recorded in schema_migrations, in version order.
std::vector<Migration> PendingMigrations(Database& database,
                                         const std::vector<std::filesystem::path>& dirs);

// Applies the pending migrations; returns how many were applied (0 when up to date). Writes one
// line per migration to `log`, and a warning for recorded versions no file explains (a newer
// release ran against this database). Throws MigrationError naming the file and line of a
// failing statement; earlier migrations stay applied.
int Migrate(Database& database, const std::vector<std::filesystem::path>& dirs, std::ostream& log);

}  // namespace lumbung::db
