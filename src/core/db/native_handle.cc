#include "core/db/native_handle.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <string>

#include "core/db/database.h"

namespace lumbung::db {

Dialect SessionDialect(soci::session& session) {
  const std::string name = session.get_backend_name();
  if (name == "sqlite3") return Dialect::kSqlite;
  if (name == "postgresql") return Dialect::kPostgres;
  throw DatabaseError("database: unsupported SOCI backend \"" + name + "\"");
}

::sqlite3* SqliteHandle(soci::session& session) {
  // static_cast after checking the backend's name: the backend libraries do not export their
  // type information, so dynamic_cast cannot link.
  if (session.get_backend() == nullptr || SessionDialect(session) != Dialect::kSqlite) {
    throw DatabaseError("database: not an open SQLite session");
  }
  auto* backend = static_cast<soci::sqlite3_session_backend*>(session.get_backend());
  if (backend->conn_ == nullptr) {
    throw DatabaseError("database: not an open SQLite session");
  }
  // SOCI declares the SQLite API inside namespace sqlite_api; the object is the same.
  return reinterpret_cast<::sqlite3*>(backend->conn_);
}

::pg_conn* PostgresHandle(soci::session& session) {
  if (session.get_backend() == nullptr || SessionDialect(session) != Dialect::kPostgres) {
    throw DatabaseError("database: not an open PostgreSQL session");
  }
  auto* backend = static_cast<soci::postgresql_session_backend*>(session.get_backend());
  if (backend->conn_ == nullptr) {
    throw DatabaseError("database: not an open PostgreSQL session");
  }
  return backend->conn_;
}

void ExecuteVerbatim(soci::session& session, std::string_view statement) {
  const std::string sql(statement);
  if (SessionDialect(session) == Dialect::kSqlite) {
    auto* conn = reinterpret_cast<sqlite_api::sqlite3*>(SqliteHandle(session));
    char* message = nullptr;
    if (sqlite_api::sqlite3_exec(conn, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : sqlite_api::sqlite3_errmsg(conn);
      sqlite_api::sqlite3_free(message);
      throw DatabaseError(text);
    }
    return;
  }
  PGconn* conn = PostgresHandle(session);
  PGresult* result = PQexec(conn, sql.c_str());
  const ExecStatusType status = PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
    std::string text = PQresultErrorMessage(result);
    if (text.empty()) text = PQerrorMessage(conn);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    PQclear(result);
    throw DatabaseError(text);
  }
  PQclear(result);
}

}  // namespace lumbung::db
