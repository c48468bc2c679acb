#include "core/uploads/file_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>

#include "core/security/tokens.h"

namespace lumbung::uploads {
namespace {

constexpr std::size_t kIdBytes = 24;  // 32 base64url characters
constexpr std::size_t kIdChars = 32;

// Writes all of `bytes` to `fd`, retrying after interruptions and short writes.
bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

FileStore::FileStore(std::filesystem::path dir) : dir_(std::move(dir)) {}

bool FileStore::IsValidId(std::string_view id) {
  if (id.size() != kIdChars) return false;
  for (char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string FileStore::Save(std::string_view bytes) const {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir_, ec)) {
    std::filesystem::create_directories(dir_, ec);
    if (ec) throw std::runtime_error("uploads: cannot make the folder: " + ec.message());
    std::filesystem::permissions(dir_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, ec);
  }
  const std::string id = security::NewToken(kIdBytes);
  const std::filesystem::path final_path = dir_ / id;
  // A leading dot keeps half-written files apart from stored ones (ids never start with '.').
  const std::filesystem::path temp_path = dir_ / ("." + id + ".tmp");
  const int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    throw std::runtime_error(std::string("uploads: cannot create: ") + std::strerror(errno));
  const bool written = WriteAll(fd, bytes) && ::fsync(fd) == 0;
  const bool closed = ::close(fd) == 0;
  if (!written || !closed || ::rename(temp_path.c_str(), final_path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temp_path.c_str());
    throw std::runtime_error("uploads: cannot write: " + why);
  }
  return id;
}

std::optional<std::string> FileStore::Read(std::string_view id) const {
  if (!IsValidId(id)) return std::nullopt;
  std::ifstream in(dir_ / std::string(id), std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return bytes;
}

bool FileStore::Remove(std::string_view id) const {
  if (!IsValidId(id)) return false;
  std::error_code ec;
  return std::filesystem::remove(dir_ / std::string(id), ec);
}

}  // namespace lumbung::uploads
