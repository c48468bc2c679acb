#include "core/uploads/virus_scanner.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/config/config.h"

namespace lumbung::uploads {
namespace {

constexpr std::size_t kMaxReplyBytes = 4096;

ScanResult Unavailable(ScanFailure failure, std::string detail) {
  ScanResult r;
  r.verdict = ScanVerdict::kUnavailable;
  r.failure = failure;
  r.detail = std::move(detail);
  return r;
}

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

// Waits until `fd` is ready for `events`; false on timeout (errno ETIMEDOUT) or error.
bool Wait(int fd, short events, std::chrono::milliseconds timeout) {
  pollfd p{fd, events, 0};
  for (;;) {
    const int n = ::poll(&p, 1, static_cast<int>(timeout.count()));
    if (n > 0) return true;
    if (n == 0) {
      errno = ETIMEDOUT;
      return false;
    }
    if (errno != EINTR) return false;
  }
}

enum class Sent { kAll, kTimeout, kClosed };

// Sends all of `bytes`; kClosed when clamd stopped reading (it may have answered why).
Sent SendAll(int fd, std::string_view bytes, std::chrono::milliseconds timeout) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (!Wait(fd, POLLOUT, timeout)) return errno == ETIMEDOUT ? Sent::kTimeout : Sent::kClosed;
      continue;
    }
    return Sent::kClosed;
  }
  return Sent::kAll;
}

std::string Length32(std::size_t n) {
  return {static_cast<char>((n >> 24) & 0xFF), static_cast<char>((n >> 16) & 0xFF),
          static_cast<char>((n >> 8) & 0xFF), static_cast<char>(n & 0xFF)};
}

// The reply up to its NUL (or the connection's end); nullopt-like false on timeout.
bool ReadReply(int fd, std::chrono::milliseconds timeout, std::string* reply) {
  char buffer[512];
  while (reply->size() < kMaxReplyBytes) {
    if (!Wait(fd, POLLIN, timeout)) return false;
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) continue;
    if (n <= 0) return true;  // closed (or reset): what came is the reply
    reply->append(buffer, static_cast<std::size_t>(n));
    if (reply->find('\0') != std::string::npos) return true;
  }
  return true;
}

// Only printable ASCII of clamd's words reaches the log.
std::string Printable(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 200)) out += (c >= 0x20 && c < 0x7F) ? c : '?';
  return out;
}

}  // namespace

ClamdSettings ClamdSettingsFrom(const config::Config& config) {
  ClamdSettings s;
  s.socket_path = config.String("uploads.clamd_socket");
  s.timeout = std::chrono::seconds(config.Int("uploads.clamd_timeout_seconds"));
  return s;
}

ClamdScanner::ClamdScanner(ClamdSettings settings) : settings_(std::move(settings)) {
  if (settings_.chunk_bytes == 0) settings_.chunk_bytes = 64 * 1024;
}

ScanResult ClamdScanner::Scan(std::string_view bytes) const {
  if (settings_.socket_path.empty()) return Unavailable(ScanFailure::kNoDaemon, "no socket set");
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (settings_.socket_path.size() >= sizeof address.sun_path) {
    return Unavailable(ScanFailure::kError, "socket path too long");
  }
  std::memcpy(address.sun_path, settings_.socket_path.data(), settings_.socket_path.size());

  Socket socket(::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (socket.fd() < 0) return Unavailable(ScanFailure::kError, std::strerror(errno));
  if (::connect(socket.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    const int e = errno;
    if (e == ENOENT || e == ECONNREFUSED || e == ENOTDIR) {
      return Unavailable(ScanFailure::kNoDaemon, std::strerror(e));
    }
    if (e == EAGAIN) return Unavailable(ScanFailure::kTimeout, "clamd's queue is full");
    if (e != EINPROGRESS) return Unavailable(ScanFailure::kError, std::strerror(e));
    if (!Wait(socket.fd(), POLLOUT, settings_.connect_timeout)) {
      return Unavailable(ScanFailure::kTimeout, "connect");
    }
    int error = 0;
    socklen_t length = sizeof error;
    ::getsockopt(socket.fd(), SOL_SOCKET, SO_ERROR, &error, &length);
    if (error != 0) return Unavailable(ScanFailure::kNoDaemon, std::strerror(error));
  }

  // The command, then the chunks, then the zero length; clamd may stop reading early (too
  // big) and then its reply says why.
  Sent sent = SendAll(socket.fd(), std::string_view("zINSTREAM\0", 10), settings_.timeout);
  for (std::size_t at = 0; sent == Sent::kAll && at < bytes.size(); at += settings_.chunk_bytes) {
    const std::string_view chunk = bytes.substr(at, settings_.chunk_bytes);
    sent = SendAll(socket.fd(), Length32(chunk.size()), settings_.timeout);
    if (sent == Sent::kAll) sent = SendAll(socket.fd(), chunk, settings_.timeout);
  }
  if (sent == Sent::kAll) sent = SendAll(socket.fd(), Length32(0), settings_.timeout);
  if (sent == Sent::kTimeout) return Unavailable(ScanFailure::kTimeout, "sending");

  std::string reply;
  if (!ReadReply(socket.fd(), settings_.timeout, &reply)) {
    return Unavailable(ScanFailure::kTimeout, "waiting for the verdict");
  }
  return ParseClamdReply(reply);
}

ScanResult ParseClamdReply(std::string_view reply) {
  if (const std::size_t nul = reply.find('\0'); nul != std::string_view::npos) {
    reply = reply.substr(0, nul);
  }
  while (!reply.empty() && (reply.back() == '\n' || reply.back() == '\r')) reply.remove_suffix(1);
  if (reply.empty()) return Unavailable(ScanFailure::kError, "no reply");
  constexpr std::string_view kStream = "stream: ";
  constexpr std::string_view kFound = " FOUND";
  if (reply == "stream: OK") {
    ScanResult r;
    r.verdict = ScanVerdict::kClean;
    return r;
  }
  if (reply.find("size limit exceeded") != std::string_view::npos) {
    return Unavailable(ScanFailure::kTooBig, Printable(reply));
  }
  if (reply.starts_with(kStream) && reply.ends_with(kFound) &&
      reply.size() > kStream.size() + kFound.size()) {
    ScanResult r;
    r.verdict = ScanVerdict::kInfected;
    r.signature =
        Printable(reply.substr(kStream.size(), reply.size() - kStream.size() - kFound.size()));
    return r;
  }
  return Unavailable(ScanFailure::kError, Printable(reply));
}

std::string_view ScanFailureName(ScanFailure failure) {
  switch (failure) {
    case ScanFailure::kNone:
      return "";
    case ScanFailure::kNoDaemon:
      return "no_daemon";
    case ScanFailure::kTimeout:
      return "timeout";
    case ScanFailure::kError:
      return "error";
    case ScanFailure::kTooBig:
      return "too_big";
  }
  return "";
}

}  // namespace lumbung::uploads
