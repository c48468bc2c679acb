#include "core/http/response.h"

#include <algorithm>
#include <cctype>

namespace lumbung::http {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

void Response::Set(std::string_view name, std::string value) {
  std::erase_if(headers, [&](const auto& h) { return EqualsIgnoreCase(h.first, name); });
  headers.emplace_back(std::string(name), std::move(value));
}

std::string_view Response::Get(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

bool Response::Has(std::string_view name) const {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& h) { return EqualsIgnoreCase(h.first, name); });
}

void Response::SetCookie(std::string_view name, std::string_view value,
                         const CookieOptions& options) {
  std::string cookie = std::string(name) + "=" + std::string(value) + "; Path=" + options.path;
  if (options.max_age_seconds >= 0)
    cookie += "; Max-Age=" + std::to_string(options.max_age_seconds);
  if (options.secure) cookie += "; Secure";
  if (options.http_only) cookie += "; HttpOnly";
  if (!options.same_site.empty()) cookie += "; SameSite=" + options.same_site;
  Add("Set-Cookie", std::move(cookie));
}

namespace {

Response WithBody(std::string body, int status, std::string content_type) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.Set("Content-Type", std::move(content_type));
  return r;
}

}  // namespace

Response Response::Html(std::string body, int status) {
  return WithBody(std::move(body), status, "text/html; charset=utf-8");
}

Response Response::Text(std::string body, int status) {
  return WithBody(std::move(body), status, "text/plain; charset=utf-8");
}

Response Response::Json(std::string body, int status) {
  return WithBody(std::move(body), status, "application/json");
}

Response Response::Redirect(std::string location, int status) {
  Response r;
  r.status = status;
  r.Set("Location", std::move(location));
  return r;
}

Response Response::Error(int status) {
  Response r;
  r.status = status;
  return r;
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Unknown";
  }
}

}  // namespace lumbung::http
