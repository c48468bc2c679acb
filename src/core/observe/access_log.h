// The access log: one JSON object per line. It never records query strings, bodies, cookies
// or other headers, so passwords, tokens, NIKs and session IDs cannot leak into it.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>

#include "core/http/request.h"
#include "core/http/response.h"

namespace lumbung::observe {

class AccessLog {
 public:
  // destination: "stdout", "off", or a file path (appended).
  explicit AccessLog(const std::string& destination);
  ~AccessLog();
  void Record(const http::Request& request, const http::Response& response, double seconds);
  // For errors that are not requests (exceptions in handlers): same stream, level "error".
  void Error(const std::string& request_id, const std::string& message);

 private:
  void WriteLine(const std::string& line);
  std::FILE* out_ = nullptr;
  bool owned_ = false;
  std::mutex mu_;
};

// 128 random bits as 32 hex characters.
std::string NewRequestId();

// The path without its query, safe to log: the route pattern when one matched (so IDs and
// tokens in paths stay out), else the path cut to 200 bytes.
std::string LoggablePath(const http::Request& request);

}  // namespace lumbung::observe
