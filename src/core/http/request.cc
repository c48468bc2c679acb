#include "core/http/request.h"

#include "core/http/url.h"

namespace lumbung::http {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (!EqualsIgnoreCase(key, "cookie")) continue;
    for (const auto& [cookie_name, cookie_value] : ParseCookieHeader(value)) {
      if (cookie_name == name) return cookie_value;
    }
  }
  return std::nullopt;
}

std::optional<std::string> Request::Query(std::string_view name) const {
  auto fields = ParseUrlEncoded(raw_query);
  if (!fields) return std::nullopt;
  for (const auto& [key, value] : *fields) {
    if (key == name) return value;
  }
  return std::nullopt;
}

bool IsStaffRole(std::string_view staff_role) {
  for (const auto role : kStaffRoles) {
    if (role == staff_role) return true;
  }
  return false;
}

std::optional<std::int64_t> ParsePositiveId(std::string_view text) {
  if (text.empty() || text.size() > 18 || text[0] == '0') return std::nullopt;
  std::int64_t id = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  return id;
}

std::optional<std::int64_t> PathId(const Request& request, std::string_view name) {
  const auto it = request.params.find(std::string(name));
  if (it == request.params.end()) return std::nullopt;
  return ParsePositiveId(it->second);
}

}  // namespace lumbung::http
