// The HTTP/1.1 server: asynchronous connections (Boost.Beast, confined to server.cc), with
// request handlers run synchronously on a worker pool so a slow or idle client never holds a
// worker, and a slow handler never stops the network loop.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/http/request.h"
#include "core/http/response.h"

namespace lumbung::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port (Listen() says which)
  int io_threads = 1;
  int workers = 8;
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  // Requests whose target starts with one of these take bodies up to max_upload_bytes instead
  // (file uploads: an employer's wage report); every other request keeps max_body_bytes.
  std::vector<std::string> upload_paths;
  std::size_t max_upload_bytes = 1024 * 1024;
  std::chrono::seconds request_timeout{30};
  bool handle_signals = true;  // SIGINT/SIGTERM start a graceful stop
};

struct ServerStats {
  long queued = 0;       // requests waiting for a worker
  long active = 0;       // requests inside a handler
  long connections = 0;  // open connections
  int workers = 0;
};

class Server {
 public:
  // `handler` answers every well-formed request. `protocol_error` builds the answer for a
  // request that could not be read: 400 (malformed), 413 (body too large) or 431 (head too
  // large); the connection is closed after it.
  Server(ServerOptions options, std::function<Response(Request&)> handler,
         std::function<Response(int status)> protocol_error);

  // Optional: answers requests that need no I/O (files already in memory, liveness) directly
  // on the network thread, saving two thread hops; returns nullopt to send the request to the
  // worker pool. It must never block. Set before Run().
  void SetInlineHandler(std::function<std::optional<Response>(Request&)> handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns the bound port. Throws std::runtime_error when it cannot.
  std::uint16_t Listen();
  // Serves until Stop() (or a signal): then stops accepting, closes idle connections, lets
  // requests in flight finish and be answered, and returns.
  void Run();
  // Thread-safe; returns at once.
  void Stop();
  ServerStats Stats() const;

  class Impl;  // defined in server.cc, where Beast stays

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace lumbung::http
