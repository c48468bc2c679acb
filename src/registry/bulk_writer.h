// Loads many rows into one table, fast, behind one interface:
//   SQLite:      prepared INSERTs of 64 rows each, values bound with the C API (a statement per
//                row would spend most of its time opening and closing cursors);
//   PostgreSQL:  COPY ... FROM STDIN (text format) through libpq, sent in 1 MiB chunks.
// Never a re-executed SOCI statement with vector binds: SOCI 4.0.3 re-inserts the first batch
// when such a statement is executed again on PostgreSQL (docs/decisions/0003).
//
//   auto writer = BulkWriter::Open(sql, "wage_reports", {"member_id", "period", "employer_id",
//   "wage"}); for (...) { writer->Int(m); writer->Int(p); writer->Int(e); writer->Int(w);
//   writer->EndRow(); } writer->Finish();
//
// The caller owns the transaction around it (one per batch keeps SQLite's WAL small and makes a
// batch all-or-nothing). While a PostgreSQL COPY is open, the session can do nothing else:
// Finish() one writer before opening the next. A writer destroyed without Finish() abandons
// its load: on PostgreSQL the COPY fails, and with it the transaction.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registry/rules.h"

namespace soci {
class session;
}

namespace lumbung::registry {

class BulkWriter {
 public:
  // `table` and `columns` come from code, never from input: they are checked to be plain
  // identifiers ([a-z_][a-z0-9_]*, std::invalid_argument otherwise) because identifiers cannot
  // be bound parameters. Throws db::DatabaseError when the database refuses the load.
  static std::unique_ptr<BulkWriter> Open(soci::session& session, std::string_view table,
                                          std::vector<std::string> columns);
  virtual ~BulkWriter() = default;

  // The values of the current row, in column order.
  virtual void Int(std::int64_t value) = 0;
  virtual void Text(std::string_view value) = 0;
  virtual void Null() = 0;
  void Day(const Date& date);  // ISO 'YYYY-MM-DD'
  // NULL when empty.
  void TextOrNull(const std::optional<std::string>& value) {
    value ? Text(std::string_view(*value)) : Null();
  }
  void DayOrNull(const std::optional<Date>& date) { date ? Day(*date) : Null(); }
  void IntOrNull(const std::optional<int>& value) { value ? Int(*value) : Null(); }

  // Ends the row. Throws std::logic_error when the row does not have one value per column, and
  // db::DatabaseError when the database rejects a row (here for a full group of rows, or at
  // Finish: rows are sent in groups, so the error may name a row written a little earlier).
  virtual void EndRow() = 0;
  // Completes the load and returns the number of rows written. Throws db::DatabaseError.
  virtual std::int64_t Finish() = 0;

 protected:
  BulkWriter() = default;
};

// 'YYYY-MM-DD'.
std::string IsoDate(const Date& date);

}  // namespace lumbung::registry
