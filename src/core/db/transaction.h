// A transaction opened with an exact BEGIN statement, rolled back unless committed.
//
// SOCI's own soci::transaction always says plain BEGIN. Writers on SQLite need BEGIN IMMEDIATE
// (take the write lock first, so two writers never deadlock upgrading read locks), and readers
// on PostgreSQL sometimes need an isolation level; this type says what it is asked to.
#pragma once

#include <string_view>

namespace soci {
class session;
}

namespace lumbung::db {

class Transaction {
 public:
  // Runs `begin` verbatim.
  Transaction(soci::session& session, std::string_view begin);
  // BEGIN IMMEDIATE on SQLite, BEGIN on PostgreSQL.
  static Transaction ForWriting(soci::session& session);
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  // Rolls back when still open; a broken connection ends the transaction by itself.
  ~Transaction();

  void Commit();

 private:
  soci::session* session_;
  bool open_ = true;
};

}  // namespace lumbung::db
