// Where uploaded files are kept, behind one interface so features do not care (configuration
// uploads.store):
//   DatabaseBlobStore   (default) the table upload_blobs: every instance sees every file, the
//                       file is saved in the same transaction as the row that refers to it (a
//                       claim and its documents commit or roll back together), and backups of
//                       the database hold the documents too. PostgreSQL BYTEA, SQLite BLOB.
//   DirectoryBlobStore  files in uploads.dir (file_store.h): for one server, or a folder all
//                       instances share. Files are written at once, outside any transaction:
//                       a rolled-back caller leaves an unreferenced file behind.
// Ids are 32 characters of base64url from 192 random bits on both, checked for their exact
// shape before they reach SQL or the file system. A store never knows who may read a file: the
// feature keeps the id with its owner and calls Read only after checking who is asking (ASVS
// 4.0.3 4.2.1, 12.3.x). Switching uploads.store does not move files already kept.
//
// Every method takes the caller's database session, which the directory store ignores: that
// is what lets the database store take part in the caller's transaction. Thread-safe (const;
// each call uses only the session it is given).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/uploads/file_store.h"

namespace soci {
class session;
}
namespace lumbung::config {
class Config;
}

namespace lumbung::uploads {

class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // Keeps `bytes` under a new random id and returns it. Throws (soci::soci_error,
  // db::DatabaseError or std::runtime_error) when it cannot; nothing is kept then.
  virtual std::string Save(soci::session& sql, std::string_view bytes) const = 0;
  // The bytes exactly as saved; nullopt for an id of the wrong shape or one not kept.
  virtual std::optional<std::string> Read(soci::session& sql, std::string_view id) const = 0;
  // Forgets the file; false when there was none (or the id has the wrong shape).
  virtual bool Remove(soci::session& sql, std::string_view id) const = 0;
  // "database" or "directory", as configured.
  virtual std::string_view name() const = 0;

  // 32 characters of [A-Za-z0-9_-]: what Save returns.
  static bool IsValidId(std::string_view id) { return FileStore::IsValidId(id); }
};

class DatabaseBlobStore final : public BlobStore {
 public:
  std::string Save(soci::session& sql, std::string_view bytes) const override;
  std::optional<std::string> Read(soci::session& sql, std::string_view id) const override;
  bool Remove(soci::session& sql, std::string_view id) const override;
  std::string_view name() const override { return "database"; }
};

class DirectoryBlobStore final : public BlobStore {
 public:
  explicit DirectoryBlobStore(FileStore files) : files_(std::move(files)) {}
  std::string Save(soci::session& sql, std::string_view bytes) const override;
  std::optional<std::string> Read(soci::session& sql, std::string_view id) const override;
  bool Remove(soci::session& sql, std::string_view id) const override;
  std::string_view name() const override { return "directory"; }
  const FileStore& files() const { return files_; }

 private:
  FileStore files_;
};

// The store uploads.store names (uploads.dir for the directory store).
std::unique_ptr<BlobStore> MakeBlobStore(const config::Config& config);

}  // namespace lumbung::uploads
