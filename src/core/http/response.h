// An HTTP response as handlers build it.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lumbung::http {

struct CookieOptions {
  std::string path = "/";
  long max_age_seconds = -1;  // -1: a session cookie
  bool secure = true;
  bool http_only = true;
  std::string same_site = "Lax";
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // Replaces any header of that name.
  void Set(std::string_view name, std::string value);
  void Add(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
  // Value of the first header with that name (case-insensitive), or empty.
  std::string_view Get(std::string_view name) const;
  bool Has(std::string_view name) const;
  void SetCookie(std::string_view name, std::string_view value, const CookieOptions& options);

  static Response Html(std::string body, int status = 200);
  static Response Text(std::string body, int status = 200);
  static Response Json(std::string body, int status = 200);
  // 303 See Other: the browser follows with GET (post/redirect/get).
  static Response Redirect(std::string location, int status = 303);
  // A status with no body yet: the app renders the translated error page for it.
  static Response Error(int status);
};

std::string_view ReasonPhrase(int status);

}  // namespace lumbung::http
