// Backups of the whole database and their restore: `lumbung backup` and `lumbung restore`.
//
// The database holds members' records and sealed secrets (bank account numbers, signing keys),
// so every file written here is mode 0600 from its first byte, and a backup is written under a
// temporary name in the target's directory and renamed only once it is complete and checked:
// a crash or a full disk never leaves a half-written file under the name asked for.
//
// SQLite: the online backup API copies the live file page by page from one read snapshot while
// the servers keep serving (WAL: they go on writing), then `PRAGMA integrity_check` checks the
// copy, which is a self-contained file (rollback journal, no -wal beside it).
// PostgreSQL: pg_dump in its custom format (-Fc), run as a child process; the password goes to
// it through the environment (PGPASSWORD), never its command line, where `ps` would show it.
// The archive's table of contents is read back with pg_restore before the rename.
//
// A restore is all or nothing. SQLite: the backup API in reverse, every page in one write
// transaction on the configured file. PostgreSQL: pg_restore --clean --if-exists --no-owner
// --single-transaction, so a damaged archive or a failing statement changes nothing. Before
// anything is touched the backup is checked (integrity, a schema_migrations table, no schema
// version this binary does not know) and a database that holds data is replaced only when the
// operator says so (`force`), told what is replaced. Afterwards the pending migrations of this
// binary are applied, so the schema is exactly the one the binary expects.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/database_url.h"

namespace lumbung::ops {

// Refused or failed; what() says why in the operator's terms and never holds a password.
class BackupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct BackupOptions {
  // PostgreSQL: the directory of pg_dump and pg_restore. Empty: the server's major version's
  // Debian directory (/usr/lib/postgresql/<major>/bin) when it exists, else the PATH.
  std::filesystem::path pg_bindir;
};

struct BackupReport {
  std::filesystem::path file;
  std::uintmax_t bytes = 0;
  int schema_version = 0;  // the newest migration the backup holds
};

// Writes a backup of `url` to `to` (replaced atomically when it exists). Throws BackupError.
BackupReport BackUp(const db::DatabaseUrl& url, const std::filesystem::path& to,
                    const BackupOptions& options, std::ostream& log);

struct RestoreOptions {
  bool force = false;  // replace a database that holds data
  std::filesystem::path pg_bindir;
};

// Rows in one table beyond what a freshly migrated database holds there.
struct TableRows {
  std::string table;
  std::int64_t rows = 0;
};

struct RestoreReport {
  int backup_version = 0;                // the newest migration in the backup
  int schema_version = 0;                // after the migrations this binary applied
  int migrations_applied = 0;            // for a backup from an older release
  std::vector<TableRows> replaced;       // what the database held before (force)
  std::vector<std::string> tables_gone;  // tables the backup does not have, dropped
};

// Replaces the database of `url` with the backup `from`. `migration_dirs` are this binary's
// migrations (app/cli.cc MigrationDirectories). Throws BackupError when refused (damaged or not a
// Lumbung backup, from a newer schema, data present without force) with the database unchanged.
RestoreReport Restore(const db::DatabaseUrl& url, const std::filesystem::path& from,
                      const std::vector<std::filesystem::path>& migration_dirs,
                      const RestoreOptions& options, std::ostream& log);

// ---- pure parts ---------------------------------------------------------------------------

// A libpq connection URI split for a child process: the conninfo string for --dbname without
// the password, and the password alone (empty when none), to go through PGPASSWORD. Throws
// BackupError for a URI libpq cannot read.
struct PostgresChildConnection {
  std::string conninfo;
  std::string password;
};
PostgresChildConnection SplitPostgresPassword(const std::string& uri);

// The versions in the `COPY … schema_migrations … FROM stdin;` block of a plain SQL script (what
// `pg_restore --data-only --table=schema_migrations -f -` prints). Throws BackupError when the
// script has no such block or a row whose version is not a whole number.
std::vector<int> SchemaVersionsFromCopy(std::string_view script);

// The tables (schema-qualified names dropped) of a `pg_restore --list` table of contents.
std::vector<std::string> TablesInArchiveList(std::string_view list);

// The versions a backup holds that this binary has no migration for, in order: a backup from a
// newer release, which this binary cannot serve.
std::vector<int> UnknownVersions(const std::vector<int>& backup_versions,
                                 const std::vector<int>& known_versions);

// The tables of `current` holding more rows than the same table of `fresh` (a freshly migrated
// database: the rows migrations insert are not data), by name; schema_migrations is never data.
std::vector<TableRows> DataBeyondFresh(const std::map<std::string, std::int64_t>& current,
                                       const std::map<std::string, std::int64_t>& fresh);

// A quoted SQL identifier ("a""b"), for table names read from the catalog.
std::string QuoteIdentifier(std::string_view name);

}  // namespace lumbung::ops
