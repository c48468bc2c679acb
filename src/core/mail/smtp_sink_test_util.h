// Test-only: tests/support/smtp_sink.py as a child process that a test owns.
//
//   mail::test::SmtpSink sink({.auth = "lumbung:rahasia"});
//   transport settings: host 127.0.0.1, port sink.port()
//   std::string eml = sink.WaitForMessage(1);   // the first message's bytes, or throws
//
// The destructor always stops the child (end of its stdin, then SIGTERM, then SIGKILL, each with
// a bounded wait) and deletes its folder. Header-only, included only by tests. The interpreter is
// /usr/bin/python3 (Debian's, which has aiosmtpd), or $LUMBUNG_TEST_PYTHON.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/test_databases.h"

extern char** environ;

namespace lumbung::mail::test {

struct SmtpSinkOptions {
  std::string auth{};     // "user:password": AUTH required
  bool starttls = false;  // STARTTLS required; certificate in cert_file()
  std::string tls_name = "localhost";
  std::string reject_rcpt{};  // answered with 550
  std::uint16_t port = 0;     // 0: any free port
};

class SmtpSink {
 public:
  using Options = SmtpSinkOptions;

  explicit SmtpSink(Options options = {}) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "lumbung-smtp-sink-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("smtp sink: mkdtemp failed");
    dir_ = pattern;
    try {
      Spawn(options);
      port_ = ReadPort(std::chrono::seconds(30));
    } catch (...) {
      Stop();
      throw;
    }
  }
  ~SmtpSink() { Stop(); }
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  std::uint16_t port() const { return port_; }
  std::filesystem::path cert_file() const { return dir_ / "tls" / "cert.pem"; }

  // How many messages have been stored so far.
  int Count() const {
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir_ / "out")) {
      count += entry.path().extension() == ".eml";
    }
    return count;
  }

  // Message number `n` (1-based) as received. Polls the folder (the sink renames finished files
  // into place) up to `timeout`; throws when it does not come.
  std::string WaitForMessage(int n, std::chrono::milliseconds timeout = std::chrono::seconds(15)) {
    const std::filesystem::path file = MessagePath(n, ".eml");
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!std::filesystem::exists(file)) {
      if (std::chrono::steady_clock::now() > deadline) {
        throw std::runtime_error("smtp sink: no message " + std::to_string(n) + " within " +
                                 std::to_string(timeout.count()) + " ms");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return ReadFile(file);
  }

  // The envelope of message `n` as JSON: mail_from, rcpt_tos, auth_user, tls.
  std::string EnvelopeJson(int n) const { return ReadFile(MessagePath(n, ".json")); }

  // Stops the child; idempotent.
  void Stop() {
    if (stdin_fd_ >= 0) {
      close(stdin_fd_);  // the sink's cue to exit
      stdin_fd_ = -1;
    }
    if (stdout_fd_ >= 0) {
      close(stdout_fd_);
      stdout_fd_ = -1;
    }
    if (pid_ > 0) {
      if (!Reap(std::chrono::seconds(10))) {
        kill(pid_, SIGTERM);
        if (!Reap(std::chrono::seconds(5))) {
          kill(pid_, SIGKILL);
          waitpid(pid_, nullptr, 0);
        }
      }
      pid_ = -1;
    }
    if (!dir_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(dir_, ignored);
      dir_.clear();
    }
  }

 private:
  static std::string ReadFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("smtp sink: cannot read " + file.string());
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
  }

  std::filesystem::path MessagePath(int n, const char* extension) const {
    char name[16];
    std::snprintf(name, sizeof name, "%04d", n);
    return dir_ / "out" / (std::string(name) + extension);
  }

  void Spawn(const Options& options) {
    const char* python_env = std::getenv("LUMBUNG_TEST_PYTHON");
    const std::string python = python_env && *python_env ? python_env : "/usr/bin/python3";
    const std::string script =
        (lumbung::testing::SourceDir() / "tests" / "support" / "smtp_sink.py").string();
    std::vector<std::string> args = {
        python, script, "--dir", (dir_ / "out").string(), "--port", std::to_string(options.port)};
    if (!options.auth.empty()) args.insert(args.end(), {"--auth", options.auth});
    if (options.starttls) {
      args.insert(args.end(),
                  {"--starttls", (dir_ / "tls").string(), "--tls-name", options.tls_name});
    }
    if (!options.reject_rcpt.empty())
      args.insert(args.end(), {"--reject-rcpt", options.reject_rcpt});
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);

    // Close-on-exec pipes: only the sink gets its ends, as its stdin and stdout (dup2 clears the
    // flag on the copies); no other child of this test process inherits them.
    int in_pipe[2], out_pipe[2];
    if (pipe2(in_pipe, O_CLOEXEC) != 0) throw std::runtime_error("smtp sink: pipe failed");
    if (pipe2(out_pipe, O_CLOEXEC) != 0) {
      close(in_pipe[0]);
      close(in_pipe[1]);
      throw std::runtime_error("smtp sink: pipe failed");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in_pipe[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
    const int spawned = posix_spawn(&pid_, python.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(in_pipe[0]);
    close(out_pipe[1]);
    stdin_fd_ = in_pipe[1];
    stdout_fd_ = out_pipe[0];
    if (spawned != 0) {
      pid_ = -1;
      throw std::runtime_error("smtp sink: cannot start " + python + ": " + std::strerror(spawned));
    }
  }

  // The first line of the sink's stdout: its port, printed once it accepts connections.
  std::uint16_t ReadPort(std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string line;
    while (line.find('\n') == std::string::npos) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) throw std::runtime_error("smtp sink: no port within the time limit");
      pollfd fd{stdout_fd_, POLLIN, 0};
      const int ready = poll(&fd, 1, static_cast<int>(left.count()));
      if (ready < 0 && errno != EINTR) throw std::runtime_error("smtp sink: poll failed");
      if (ready <= 0) continue;
      char buffer[64];
      const ssize_t n = read(stdout_fd_, buffer, sizeof buffer);
      if (n <= 0) {
        throw std::runtime_error(
            "smtp sink exited before reporting its port (is python3-aiosmtpd installed for " +
            std::string("/usr/bin/python3? see its standard error above)"));
      }
      line.append(buffer, static_cast<std::size_t>(n));
    }
    const int port = std::atoi(line.c_str());
    if (port <= 0 || port > 65535) throw std::runtime_error("smtp sink: bad port line: " + line);
    return static_cast<std::uint16_t>(port);
  }

  // Waits up to `timeout` for the child to exit; true when it has.
  bool Reap(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      const pid_t done = waitpid(pid_, nullptr, WNOHANG);
      if (done == pid_ || (done < 0 && errno == ECHILD)) return true;
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int stdout_fd_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace lumbung::mail::test
