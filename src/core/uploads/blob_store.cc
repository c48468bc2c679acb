#include "core/uploads/blob_store.h"

#include <soci/soci.h>
#include <sqlite3.h>

#include <chrono>

#include "core/config/config.h"
#include "core/db/database.h"
#include "core/db/native_handle.h"
#include "core/security/encoding.h"
#include "core/security/tokens.h"

namespace lumbung::uploads {
namespace {

constexpr std::size_t kIdBytes = 24;  // 192 bits, 32 base64url characters

std::int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// One prepared SQLite statement, finalized at the end of its scope. SOCI binds a std::string
// as text on SQLite (and there is no unhex() before 3.41), so the bytes go through SQLite's
// own blob binding on the connection SOCI holds: same connection, same transaction.
class SqliteStatement {
 public:
  SqliteStatement(soci::session& sql, const char* text) : db_(db::SqliteHandle(sql)) {
    if (sqlite3_prepare_v2(db_, text, -1, &statement_, nullptr) != SQLITE_OK) Fail();
  }
  ~SqliteStatement() { sqlite3_finalize(statement_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  void BindText(int at, std::string_view text) {
    if (sqlite3_bind_text64(statement_, at, text.data(), text.size(), SQLITE_TRANSIENT,
                            SQLITE_UTF8) != SQLITE_OK) {
      Fail();
    }
  }
  void BindBlob(int at, std::string_view bytes) {
    // A null pointer would bind NULL: an empty file is a zero-length blob. Not copied: the
    // bytes outlive the statement.
    const void* data = bytes.empty() ? static_cast<const void*>("") : bytes.data();
    if (sqlite3_bind_blob64(statement_, at, data, bytes.size(), SQLITE_STATIC) != SQLITE_OK) {
      Fail();
    }
  }
  void BindInt(int at, std::int64_t value) {
    if (sqlite3_bind_int64(statement_, at, value) != SQLITE_OK) Fail();
  }
  // true: a row is there; false: done.
  bool Step() {
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    Fail();
    return false;
  }
  std::string Blob(int column) {
    const void* data = sqlite3_column_blob(statement_, column);
    const int size = sqlite3_column_bytes(statement_, column);
    if (!data || size <= 0) return {};
    return std::string(static_cast<const char*>(data), static_cast<std::size_t>(size));
  }
  int Changes() { return sqlite3_changes(db_); }

 private:
  [[noreturn]] void Fail() {
    throw db::DatabaseError(std::string("uploads: ") + sqlite3_errmsg(db_));
  }

  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

}  // namespace

std::string DatabaseBlobStore::Save(soci::session& sql, std::string_view bytes) const {
  const std::string id = security::NewToken(kIdBytes);
  const auto size = static_cast<std::int64_t>(bytes.size());
  const std::int64_t now = NowSeconds();
  if (db::SessionDialect(sql) == db::Dialect::kSqlite) {
    SqliteStatement insert(
        sql,
        "INSERT INTO upload_blobs (id, bytes, size_bytes, created_at) VALUES (?1, ?2, ?3, ?4)");
    insert.BindText(1, id);
    insert.BindBlob(2, bytes);
    insert.BindInt(3, size);
    insert.BindInt(4, now);
    insert.Step();
    return id;
  }
  // PostgreSQL: the bytes travel as hex text, decoded into BYTEA by the server.
  const std::string hex = security::HexEncode(bytes);
  sql << "INSERT INTO upload_blobs (id, bytes, size_bytes, created_at) "
         "VALUES (:id, decode(:hex, 'hex'), :size, :now)",
      soci::use(id), soci::use(hex), soci::use(size), soci::use(now);
  return id;
}

std::optional<std::string> DatabaseBlobStore::Read(soci::session& sql, std::string_view id) const {
  if (!IsValidId(id)) return std::nullopt;
  if (db::SessionDialect(sql) == db::Dialect::kSqlite) {
    SqliteStatement select(sql, "SELECT bytes FROM upload_blobs WHERE id = ?1");
    select.BindText(1, id);
    if (!select.Step()) return std::nullopt;
    return select.Blob(0);
  }
  const std::string key(id);
  std::string hex;
  soci::indicator indicator = soci::i_null;
  sql << "SELECT encode(bytes, 'hex') FROM upload_blobs WHERE id = :id", soci::use(key),
      soci::into(hex, indicator);
  if (!sql.got_data() || indicator != soci::i_ok) return std::nullopt;
  auto bytes = security::HexDecode(hex);
  if (!bytes) throw db::DatabaseError("uploads: the database returned bytes that are not hex");
  return bytes;
}

bool DatabaseBlobStore::Remove(soci::session& sql, std::string_view id) const {
  if (!IsValidId(id)) return false;
  const std::string key(id);
  soci::statement remove =
      (sql.prepare << "DELETE FROM upload_blobs WHERE id = :id", soci::use(key));
  remove.execute(true);
  return remove.get_affected_rows() > 0;
}

std::string DirectoryBlobStore::Save(soci::session&, std::string_view bytes) const {
  return files_.Save(bytes);
}

std::optional<std::string> DirectoryBlobStore::Read(soci::session&, std::string_view id) const {
  return files_.Read(id);
}

bool DirectoryBlobStore::Remove(soci::session&, std::string_view id) const {
  return files_.Remove(id);
}

std::unique_ptr<BlobStore> MakeBlobStore(const config::Config& config) {
  if (config.String("uploads.store") == "directory") {
    return std::make_unique<DirectoryBlobStore>(FileStore(config.String("uploads.dir")));
  }
  return std::make_unique<DatabaseBlobStore>();
}

}  // namespace lumbung::uploads
