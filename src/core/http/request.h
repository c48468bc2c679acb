// An HTTP request as handlers see it: plain data, no networking types.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lumbung::http {

struct Request {
  std::string method;  // upper case, as sent
  std::string target;  // raw request target: "/path?query"
  std::string path;    // percent-decoded, valid UTF-8 (set by the app before routing)
  std::string raw_query;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_ip;
  std::string request_id;
  bool over_tls = false;  // true only when a trusted proxy said so
  bool keep_alive = true;

  // Set by routing and middleware.
  std::string route;  // the matched pattern, e.g. "/verify/card/{token}", for metrics
  std::map<std::string, std::string> params;
  std::string lang = "id";

  // First header with this (case-insensitive) name, or empty.
  std::string_view Header(std::string_view name) const;
  std::optional<std::string> Cookie(std::string_view name) const;
  // Decoded query parameter; nullopt when absent or the query is malformed.
  std::optional<std::string> Query(std::string_view name) const;
};

}  // namespace lumbung::http
