#include "core/observe/access_log.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>

namespace lumbung::observe {
namespace {

std::string NowIso() {
  const auto now = std::chrono::system_clock::now();
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t secs = ms / 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, int(ms % 1000));
  return buf;
}

}  // namespace

AccessLog::AccessLog(const std::string& destination) {
  if (destination == "off") return;
  if (destination == "stdout") {
    out_ = stdout;
  } else {
    out_ = std::fopen(destination.c_str(), "a");
    if (!out_) throw std::runtime_error("log.access: cannot open " + destination);
    owned_ = true;
  }
}

AccessLog::~AccessLog() {
  if (owned_ && out_) std::fclose(out_);
}

void AccessLog::WriteLine(const std::string& line) {
  if (!out_) return;
  std::lock_guard lock(mu_);
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fputc('\n', out_);
  std::fflush(out_);
}

void AccessLog::Record(const http::Request& request, const http::Response& response,
                       double seconds) {
  if (!out_) return;
  nlohmann::json j = {
      {"time", NowIso()},
      {"level", "info"},
      {"request_id", request.request_id},
      {"remote_ip", request.remote_ip},
      {"method", request.method},
      {"path", LoggablePath(request)},
      {"route", request.route},
      {"status", response.status},
      {"bytes", response.body.size()},
      {"duration_ms", static_cast<double>(static_cast<long>(seconds * 1e6)) / 1000.0},
      {"lang", request.lang},
  };
  WriteLine(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void AccessLog::Error(const std::string& request_id, const std::string& message) {
  nlohmann::json j = {
      {"time", NowIso()}, {"level", "error"}, {"request_id", request_id}, {"message", message}};
  WriteLine(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string NewRequestId() {
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

std::string LoggablePath(const http::Request& request) {
  if (!request.route.empty()) return request.route;
  std::string path = request.target.substr(0, request.target.find('?'));
  if (path.size() > 200) path.resize(200);
  // An unmatched path is whatever the client typed: mask what could be an identifier (NIK, KPJ,
  // account numbers: 6+ digits) or a secret (token-like runs of 20+ URL-safe characters).
  std::string masked;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = i;
    auto url_safe = [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    };
    while (j < path.size() && url_safe(path[j])) ++j;
    if (j == i) {
      masked += path[i++];
      continue;
    }
    std::string run = path.substr(i, j - i);
    size_t digits = 0, longest_digits = 0;
    for (char c : run) {
      digits = std::isdigit(static_cast<unsigned char>(c)) ? digits + 1 : 0;
      longest_digits = std::max(longest_digits, digits);
    }
    masked += (run.size() >= 20 || longest_digits >= 6) ? "[masked]" : run;
    i = j;
  }
  return masked;
}

}  // namespace lumbung::observe
