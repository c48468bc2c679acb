#include "registry/bulk_writer.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <charconv>
#include <cstdio>
#include <stdexcept>

#include "core/db/database.h"
#include "core/db/native_handle.h"

namespace lumbung::registry {
namespace {

bool IsIdentifier(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool ok = (c >= 'a' && c <= 'z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

std::string ColumnList(const std::vector<std::string>& columns) {
  std::string list;
  for (const std::string& column : columns) {
    if (!list.empty()) list += ", ";
    list += column;
  }
  return list;
}

// Rows are collected kRowsPerStatement at a time and inserted by one multi-row INSERT: most
// of SQLite's cost per statement (opening the table's and the foreign keys' cursors) is then
// paid once per group instead of once per row. Leftover rows use a one-row INSERT.
class SqliteWriter final : public BulkWriter {
 public:
  SqliteWriter(::sqlite3* conn, std::string table, std::size_t columns)
      : conn_(conn), table_(std::move(table)), columns_(columns) {
    cells_.reserve(columns * kRowsPerStatement);
  }
  ~SqliteWriter() override {
    sqlite3_finalize(one_row_);
    sqlite3_finalize(many_rows_);
  }

  void Prepare(const std::string& insert_prefix) {
    std::string row = "(";
    for (std::size_t i = 0; i < columns_; ++i) row += i == 0 ? "?" : ", ?";
    row += ")";
    std::string many = insert_prefix + row;
    for (std::size_t i = 1; i < kRowsPerStatement; ++i) many += ", " + row;
    if (sqlite3_prepare_v3(conn_, (insert_prefix + row).c_str(), -1, SQLITE_PREPARE_PERSISTENT,
                           &one_row_, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v3(conn_, many.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &many_rows_,
                           nullptr) != SQLITE_OK) {
      Fail("cannot prepare the insert");
    }
  }

  void Int(std::int64_t value) override { Add({Cell::kInt, value, 0, 0}); }
  void Text(std::string_view value) override {
    Add({Cell::kText, 0, text_.size(), value.size()});
    text_.append(value);
  }
  void Null() override { Add({Cell::kNull, 0, 0, 0}); }

  void EndRow() override {
    if (in_row_ != columns_)
      throw std::logic_error("BulkWriter: " + table_ + ": wrong value count");
    in_row_ = 0;
    if (cells_.size() == columns_ * kRowsPerStatement) Flush(many_rows_, cells_.size());
  }

  std::int64_t Finish() override {
    if (in_row_ != 0) throw std::logic_error("BulkWriter: " + table_ + ": unfinished row");
    for (std::size_t first = 0; first < cells_.size(); first += columns_) {
      Step(one_row_, first, columns_);
    }
    cells_.clear();
    text_.clear();
    return rows_;
  }

 private:
  static constexpr std::size_t kRowsPerStatement = 64;
  struct Cell {
    enum Type { kInt, kText, kNull } type;
    std::int64_t value;
    std::size_t offset, size;  // into text_
  };

  void Add(const Cell& cell) {
    if (in_row_ >= columns_) throw std::logic_error("BulkWriter: " + table_ + ": too many values");
    ++in_row_;
    cells_.push_back(cell);
  }
  void Flush(sqlite3_stmt* statement, std::size_t count) {
    Step(statement, 0, count);
    cells_.clear();
    text_.clear();
  }
  // Binds cells [first, first + count) to the statement and runs it.
  void Step(sqlite3_stmt* statement, std::size_t first, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
      const Cell& cell = cells_[first + i];
      const int position = static_cast<int>(i + 1);
      int result = SQLITE_OK;
      switch (cell.type) {
        case Cell::kInt:
          result = sqlite3_bind_int64(statement, position, cell.value);
          break;
        case Cell::kNull:
          result = sqlite3_bind_null(statement, position);
          break;
        case Cell::kText:
          // text_ stays unchanged until the statement has run: no copy needed.
          result = sqlite3_bind_text(statement, position, text_.data() + cell.offset,
                                     static_cast<int>(cell.size), SQLITE_STATIC);
          break;
      }
      if (result != SQLITE_OK) Fail("bind");
    }
    const int result = sqlite3_step(statement);
    sqlite3_reset(statement);
    if (result != SQLITE_DONE) {
      cells_.clear();
      text_.clear();
      Fail("rows " + std::to_string(rows_ + 1) + "-" + std::to_string(rows_ + count / columns_));
    }
    rows_ += static_cast<std::int64_t>(count / columns_);
  }
  [[noreturn]] void Fail(const std::string& what) {
    throw db::DatabaseError("bulk load into " + table_ + ": " + what + ": " +
                            sqlite3_errmsg(conn_));
  }

  ::sqlite3* conn_;
  std::string table_;
  std::size_t columns_;
  sqlite3_stmt* one_row_ = nullptr;
  sqlite3_stmt* many_rows_ = nullptr;
  std::vector<Cell> cells_;  // rows not yet inserted
  std::string text_;         // their text values
  std::size_t in_row_ = 0;
  std::int64_t rows_ = 0;
};

class PostgresWriter final : public BulkWriter {
 public:
  PostgresWriter(PGconn* conn, std::string table, std::size_t columns)
      : conn_(conn), table_(std::move(table)), columns_(columns) {
    buffer_.reserve(kChunk + 4096);
  }
  ~PostgresWriter() override {
    if (!open_) return;
    // Abandoned: make the COPY fail so that nothing half-loaded can be committed.
    PQputCopyEnd(conn_, "bulk load abandoned");
    while (PGresult* result = PQgetResult(conn_)) PQclear(result);
  }

  void Start(const std::string& sql) {
    PGresult* result = PQexec(conn_, sql.c_str());
    const bool ok = PQresultStatus(result) == PGRES_COPY_IN;
    PQclear(result);
    if (!ok) Fail("cannot start COPY");
    open_ = true;
  }

  void Int(std::int64_t value) override {
    Separate();
    char digits[24];
    const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
    (void)error;
    buffer_.append(digits, end);
  }

  void Text(std::string_view value) override {
    Separate();
    // COPY text format: backslash escapes for the delimiter, line breaks and backslash.
    for (char c : value) {
      switch (c) {
        case '\\':
          buffer_ += "\\\\";
          break;
        case '\t':
          buffer_ += "\\t";
          break;
        case '\n':
          buffer_ += "\\n";
          break;
        case '\r':
          buffer_ += "\\r";
          break;
        default:
          buffer_ += c;
      }
    }
  }

  void Null() override {
    Separate();
    buffer_ += "\\N";
  }

  void EndRow() override {
    if (values_ != columns_)
      throw std::logic_error("BulkWriter: " + table_ + ": wrong value count");
    buffer_ += '\n';
    values_ = 0;
    ++rows_;
    if (buffer_.size() >= kChunk) Flush();
  }

  std::int64_t Finish() override {
    if (values_ != 0) throw std::logic_error("BulkWriter: " + table_ + ": unfinished row");
    Flush();
    open_ = false;
    if (PQputCopyEnd(conn_, nullptr) != 1) Fail("cannot end COPY");
    bool ok = true;
    std::string message;
    while (PGresult* result = PQgetResult(conn_)) {
      if (PQresultStatus(result) != PGRES_COMMAND_OK) {
        ok = false;
        message = PQresultErrorMessage(result);
      }
      PQclear(result);
    }
    if (!ok) {
      while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
      throw db::DatabaseError("bulk load into " + table_ + ": " + message);
    }
    return rows_;
  }

 private:
  static constexpr std::size_t kChunk = 1 << 20;

  void Separate() {
    if (values_ >= columns_) throw std::logic_error("BulkWriter: " + table_ + ": too many values");
    if (values_++ > 0) buffer_ += '\t';
  }
  void Flush() {
    if (buffer_.empty()) return;
    if (PQputCopyData(conn_, buffer_.data(), static_cast<int>(buffer_.size())) != 1) {
      Fail("cannot send COPY data");
    }
    buffer_.clear();
  }
  [[noreturn]] void Fail(const std::string& what) {
    std::string message = PQerrorMessage(conn_);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
      message.pop_back();
    throw db::DatabaseError("bulk load into " + table_ + ": " + what + ": " + message);
  }

  PGconn* conn_;
  std::string table_;
  std::size_t columns_;
  std::string buffer_;
  std::size_t values_ = 0;
  std::int64_t rows_ = 0;
  bool open_ = false;
};

// Writes 'YYYY-MM-DD' (years 0-9999) into `out`; returns its length.
std::size_t FormatIsoDate(const Date& date, char (&out)[16]) {
  const int n =
      std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(date.year()),
                    static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return n > 0 ? static_cast<std::size_t>(n) : 0;
}

}  // namespace

std::string IsoDate(const Date& date) {
  char text[16];
  return std::string(text, FormatIsoDate(date, text));
}

void BulkWriter::Day(const Date& date) {
  char text[16];
  Text(std::string_view(text, FormatIsoDate(date, text)));
}

std::unique_ptr<BulkWriter> BulkWriter::Open(soci::session& session, std::string_view table,
                                             std::vector<std::string> columns) {
  if (!IsIdentifier(table) || columns.empty()) {
    throw std::invalid_argument("BulkWriter: bad table name " + std::string(table));
  }
  for (const std::string& column : columns) {
    if (!IsIdentifier(column)) throw std::invalid_argument("BulkWriter: bad column name " + column);
  }
  const std::string name(table);
  if (db::SessionDialect(session) == db::Dialect::kSqlite) {
    auto writer = std::make_unique<SqliteWriter>(db::SqliteHandle(session), name, columns.size());
    writer->Prepare("INSERT INTO " + name + " (" + ColumnList(columns) + ") VALUES ");
    return writer;
  }
  auto writer = std::make_unique<PostgresWriter>(db::PostgresHandle(session), name, columns.size());
  writer->Start("COPY " + name + " (" + ColumnList(columns) + ") FROM STDIN");
  return writer;
}

}  // namespace lumbung::registry
