#include "core/db/transaction.h"

#include "core/db/native_handle.h"

namespace lumbung::db {

Transaction::Transaction(soci::session& session, std::string_view begin) : session_(&session) {
  ExecuteVerbatim(session, begin);
}

Transaction Transaction::ForWriting(soci::session& session) {
  return Transaction(session,
                     SessionDialect(session) == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::Transaction(Transaction&& other) noexcept
    : session_(other.session_), open_(other.open_) {
  other.open_ = false;
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    ExecuteVerbatim(*session_, "ROLLBACK");
  } catch (...) {
    // The connection is gone; the server ends the transaction with it.
  }
}

void Transaction::Commit() {
  ExecuteVerbatim(*session_, "COMMIT");
  open_ = false;
}

}  // namespace lumbung::db
