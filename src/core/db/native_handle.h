// The C handles under a SOCI session, for what SOCI cannot do well: bulk loading (SQLite
// prepared statements with raw binds, PostgreSQL COPY) and running migration statements
// verbatim (SOCI rewrites `:name` in SQL it prepares).
#pragma once

#include <string_view>

#include "core/db/database_url.h"

namespace soci {
class session;
}
struct sqlite3;
struct pg_conn;

namespace lumbung::db {

// The session's dialect, from its backend.
Dialect SessionDialect(soci::session& session);

// The underlying handles; throw DatabaseError when the session has another backend or is closed.
::sqlite3* SqliteHandle(soci::session& session);
::pg_conn* PostgresHandle(soci::session& session);

// Runs one SQL statement as written (no placeholder processing, no parameters, no result).
// Throws DatabaseError with the server's message.
void ExecuteVerbatim(soci::session& session, std::string_view statement);

}  // namespace lumbung::db
