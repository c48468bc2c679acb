// Uploaded files on disk, outside the web root (config key uploads.dir; nothing serves that
// folder): each file under a random name (192-bit, base64url) that says nothing about its
// owner or content, written atomically (a temporary file with mode 0600, flushed, then renamed,
// so a reader never sees half a file and a crash leaves no partial one under a real name), read
// back and removed by that name only.
//
// The store does not know who may read a file: the feature keeps the id with its owner in the
// database and calls Read only after it checked who is asking (ASVS 4.0.3 12.3.x, 4.2.1). Ids
// are checked for their exact shape before they touch the file system, so a crafted id can
// never name a path.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace lumbung::uploads {

class FileStore {
 public:
  // The folder is made (mode 0700) on the first Save if it is not there.
  explicit FileStore(std::filesystem::path dir);

  // Writes `bytes` under a new random id and returns it. Throws std::runtime_error (nothing
  // left behind) when the file cannot be written.
  std::string Save(std::string_view bytes) const;
  // The file's bytes; nullopt for an id of the wrong shape or a file that is not there.
  std::optional<std::string> Read(std::string_view id) const;
  // Removes the file; false when there was none (or the id has the wrong shape).
  bool Remove(std::string_view id) const;

  // 32 characters of [A-Za-z0-9_-]: what Save returns.
  static bool IsValidId(std::string_view id);

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

}  // namespace lumbung::uploads
