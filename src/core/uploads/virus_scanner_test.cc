#include "core/uploads/virus_scanner.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <future>
#include <string>
#include <thread>

#include "core/config/config.h"

namespace lumbung::uploads {
namespace {

TEST(ParseClamdReply, CleanInfectedAndErrors) {
  EXPECT_EQ(ParseClamdReply(std::string("stream: OK\0", 11)).verdict, ScanVerdict::kClean);
  EXPECT_EQ(ParseClamdReply("stream: OK\n").verdict, ScanVerdict::kClean);

  const ScanResult infected =
      ParseClamdReply(std::string("stream: Eicar-Test-Signature FOUND\0", 36));
  EXPECT_EQ(infected.verdict, ScanVerdict::kInfected);
  EXPECT_EQ(infected.signature, "Eicar-Test-Signature");
  EXPECT_FALSE(infected.clean());

  const ScanResult big = ParseClamdReply("INSTREAM size limit exceeded. ERROR");
  EXPECT_EQ(big.verdict, ScanVerdict::kUnavailable);
  EXPECT_EQ(big.failure, ScanFailure::kTooBig);

  for (const char* reply : {"", "stream: Can't allocate memory ERROR", "UNKNOWN COMMAND",
                            "stream: FOUND", "stream: OKAY", "PONG"}) {
    const ScanResult r = ParseClamdReply(reply);
    EXPECT_EQ(r.verdict, ScanVerdict::kUnavailable) << reply;
    EXPECT_EQ(r.failure, ScanFailure::kError) << reply;
    EXPECT_FALSE(r.clean()) << reply;
  }
  // A name with control characters is shown without them in the log.
  EXPECT_EQ(ParseClamdReply("stream: Bad\x1b[31mName FOUND").signature, "Bad?[31mName");
}

TEST(ScanFailureName, ForTheLog) {
  EXPECT_EQ(ScanFailureName(ScanFailure::kNone), "");
  EXPECT_EQ(ScanFailureName(ScanFailure::kNoDaemon), "no_daemon");
  EXPECT_EQ(ScanFailureName(ScanFailure::kTimeout), "timeout");
  EXPECT_EQ(ScanFailureName(ScanFailure::kError), "error");
  EXPECT_EQ(ScanFailureName(ScanFailure::kTooBig), "too_big");
}

TEST(ClamdSettingsFrom, ReadsTheConfiguration) {
  const auto settings = ClamdSettingsFrom(config::Config::FromValues(
      {{"uploads.clamd_socket", "/run/x.sock"}, {"uploads.clamd_timeout_seconds", "7"}}));
  EXPECT_EQ(settings.socket_path, "/run/x.sock");
  EXPECT_EQ(settings.timeout, std::chrono::seconds(7));
}

// A folder for sockets, short enough for sun_path, removed at the end.
class SocketDir {
 public:
  SocketDir() {
    char pattern[] = "/tmp/lumbung-scan.XXXXXX";
    path_ = ::mkdtemp(pattern);
  }
  ~SocketDir() { std::filesystem::remove_all(path_); }
  std::string Path(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// A pretend clamd on a UNIX socket: listening before the client connects, it takes one
// connection, reads the INSTREAM request as the client sends it and answers with `reply`, or
// never answers until told to stop.
class FakeClamd {
 public:
  FakeClamd(const std::string& path, std::string reply, bool answer = true)
      : reply_(std::move(reply)), answer_(answer) {
    listener_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::strncpy(a.sun_path, path.c_str(), sizeof a.sun_path - 1);
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::listen(listener_, 1) != 0) {
      ADD_FAILURE() << "fake clamd: " << std::strerror(errno);
    }
    thread_ = std::thread([this] { Serve(); });
  }
  ~FakeClamd() {
    stop_.set_value();
    thread_.join();
    ::close(listener_);
  }
  // What the client sent: the command and the decoded chunks.
  std::string command() {
    Wait();
    return command_;
  }
  std::string payload() {
    Wait();
    return payload_;
  }
  bool ended_properly() {
    Wait();
    return ended_;
  }

 private:
  void Wait() { received_future_.wait(); }

  bool ReadExactly(int fd, char* out, std::size_t n) {
    while (n > 0) {
      const ssize_t r = ::read(fd, out, n);
      if (r <= 0) return false;
      out += r;
      n -= static_cast<std::size_t>(r);
    }
    return true;
  }

  void Serve() {
    const int fd = ::accept(listener_, nullptr, nullptr);
    if (fd < 0) return;
    char command[10];
    if (ReadExactly(fd, command, sizeof command)) command_.assign(command, sizeof command);
    for (;;) {
      unsigned char length[4];
      if (!ReadExactly(fd, reinterpret_cast<char*>(length), 4)) break;
      const std::size_t n =
          (std::size_t{length[0]} << 24) | (length[1] << 16) | (length[2] << 8) | length[3];
      if (n == 0) {
        ended_ = true;
        break;
      }
      std::string chunk(n, '\0');
      if (!ReadExactly(fd, chunk.data(), n)) break;
      payload_ += chunk;
    }
    received_.set_value();
    if (answer_) {
      ::write(fd, reply_.data(), reply_.size());
      ::close(fd);
    }
    stop_future_.wait();
    if (!answer_) ::close(fd);
  }

  std::string reply_;
  bool answer_;
  int listener_ = -1;
  std::string command_, payload_;
  bool ended_ = false;
  std::promise<void> received_;
  std::shared_future<void> received_future_ = received_.get_future().share();
  std::promise<void> stop_;
  std::shared_future<void> stop_future_ = stop_.get_future().share();
  std::thread thread_;
};

TEST(ClamdScanner, SpeaksInstreamInChunks) {
  SocketDir dir;
  FakeClamd clamd(dir.Path("clamd.sock"), std::string("stream: OK\0", 11));
  ClamdSettings settings{.socket_path = dir.Path("clamd.sock"), .chunk_bytes = 7};
  std::string bytes;
  for (int i = 0; i < 1000; ++i) bytes += static_cast<char>(i % 256);
  const ScanResult r = ClamdScanner(settings).Scan(bytes);
  EXPECT_EQ(r.verdict, ScanVerdict::kClean) << r.detail;
  EXPECT_EQ(clamd.command(), std::string("zINSTREAM\0", 10));
  EXPECT_EQ(clamd.payload(), bytes);
  EXPECT_TRUE(clamd.ended_properly());
}

TEST(ClamdScanner, ReportsWhatClamdFound) {
  SocketDir dir;
  FakeClamd clamd(dir.Path("clamd.sock"), std::string("stream: Win.Test FOUND\0", 23));
  const ScanResult r = ClamdScanner({.socket_path = dir.Path("clamd.sock")}).Scan("x");
  EXPECT_EQ(r.verdict, ScanVerdict::kInfected);
  EXPECT_EQ(r.signature, "Win.Test");
}

TEST(ClamdScanner, AnErrorReplyIsNotClean) {
  SocketDir dir;
  FakeClamd clamd(dir.Path("clamd.sock"), std::string("INSTREAM size limit exceeded. ERROR\0", 36));
  const ScanResult r = ClamdScanner({.socket_path = dir.Path("clamd.sock")}).Scan("abc");
  EXPECT_EQ(r.verdict, ScanVerdict::kUnavailable);
  EXPECT_EQ(r.failure, ScanFailure::kTooBig);
}

TEST(ClamdScanner, NoDaemonIsUnavailable) {
  SocketDir dir;
  for (const std::string& path :
       {dir.Path("nobody.sock"), std::string(), std::string("/nonexistent/dir/clamd.sock")}) {
    const ScanResult r = ClamdScanner({.socket_path = path}).Scan("abc");
    EXPECT_EQ(r.verdict, ScanVerdict::kUnavailable) << path;
    EXPECT_EQ(r.failure, ScanFailure::kNoDaemon) << path;
  }
  // A socket file nobody listens on any more.
  const std::string stale = dir.Path("stale.sock");
  {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::strncpy(a.sun_path, stale.c_str(), sizeof a.sun_path - 1);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    ::close(fd);
  }
  EXPECT_EQ(ClamdScanner({.socket_path = stale}).Scan("abc").failure, ScanFailure::kNoDaemon);
}

TEST(ClamdScanner, ASilentDaemonTimesOut) {
  SocketDir dir;
  FakeClamd clamd(dir.Path("clamd.sock"), "", /*answer=*/false);
  const ScanResult r = ClamdScanner({.socket_path = dir.Path("clamd.sock"),
                                     .timeout = std::chrono::milliseconds(200)})
                           .Scan("abc");
  EXPECT_EQ(r.verdict, ScanVerdict::kUnavailable);
  EXPECT_EQ(r.failure, ScanFailure::kTimeout);
}

}  // namespace
}  // namespace lumbung::uploads
