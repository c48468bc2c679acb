// The `database.url` setting: which database Lumbung uses and how to reach it.
//
//   sqlite:PATH            a SQLite file; PATH relative to the working directory or absolute.
//                          `sqlite://PATH` is accepted too (so `sqlite:///var/lib/x.db` is
//                          absolute).
//   sqlite::memory:        a private in-memory SQLite database (one connection only; tests).
//   postgresql://user:password@host:port/dbname?key=value&...
//                          handed to libpq unchanged as a connection URI (`postgres://` too);
//                          user, password, host and port may be omitted as libpq allows, the
//                          database name may not.
//
// The PostgreSQL password must never be printed or logged: use Redacted() for anything that a
// person or a log file can see. Error messages from ParseDatabaseUrl never contain it.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace lumbung::db {

enum class Dialect { kSqlite, kPostgres };

// "sqlite" or "postgresql": the suffix used by dialect-specific migration files.
std::string_view DialectName(Dialect dialect);

// A bad `database.url` value; what() starts with "database.url: " and says how to fix it.
class DatabaseUrlError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct DatabaseUrl {
  Dialect dialect = Dialect::kSqlite;
  // SQLite: the file path as given (not resolved), or ":memory:". Empty for PostgreSQL.
  std::string sqlite_path;
  // PostgreSQL: the full libpq connection URI, password included. Empty for SQLite.
  // Never print it: use Redacted().
  std::string postgres_uri;
  // PostgreSQL parts, for messages and metrics labels (no password here).
  std::string user, host, port, database;
  bool has_password = false;

  bool IsMemory() const { return dialect == Dialect::kSqlite && sqlite_path == ":memory:"; }
  // The URL with any password replaced by "***" (in the user-info part and in a
  // `password=` query parameter). Safe for logs, metrics and error messages.
  std::string Redacted() const;
};

// Parses a `database.url` value. Throws DatabaseUrlError naming `database.url`.
DatabaseUrl ParseDatabaseUrl(std::string_view url);

}  // namespace lumbung::db
