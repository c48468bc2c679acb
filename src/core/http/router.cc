#include "core/http/router.h"

#include <algorithm>
#include <stdexcept>

namespace lumbung::http {
namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> parts;
  size_t pos = 1;
  if (path == "/") return parts;
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    if (slash == std::string::npos) slash = path.size();
    parts.push_back(path.substr(pos, slash - pos));
    pos = slash + 1;
  }
  return parts;
}

bool IsCapture(const std::string& s) {
  return s.size() > 2 && s.front() == '{' && s.back() == '}';
}

// Literal segments count more than captures, so "/a/new" beats "/a/{id}".
int Specificity(const std::vector<std::string>& segments) {
  int score = 0;
  for (const auto& s : segments) score = score * 2 + (IsCapture(s) ? 0 : 1);
  return score;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler) {
  if (pattern.empty() || pattern.front() != '/') throw std::invalid_argument("route: " + pattern);
  Route r{std::move(method), pattern, Split(pattern), std::move(handler)};
  routes_.push_back(std::move(r));
  std::stable_sort(routes_.begin(), routes_.end(), [](const Route& a, const Route& b) {
    if (a.segments.size() != b.segments.size()) return a.segments.size() < b.segments.size();
    return Specificity(a.segments) > Specificity(b.segments);
  });
}

Router::Match Router::Find(const std::string& method, const std::string& path) const {
  Match match;
  const std::vector<std::string> parts = Split(path);
  const std::string& wanted = method == "HEAD" ? std::string("GET") : method;
  std::string path_pattern;
  for (const auto& route : routes_) {
    if (route.segments.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t i = 0; i < parts.size() && ok; ++i) {
      if (IsCapture(route.segments[i])) {
        if (parts[i].empty())
          ok = false;
        else
          params[route.segments[i].substr(1, route.segments[i].size() - 2)] = parts[i];
      } else {
        ok = route.segments[i] == parts[i];
      }
    }
    if (!ok) continue;
    if (path_pattern.empty()) path_pattern = route.pattern;
    // Only routes of the most specific matching pattern compete, so "/a/{id}" POST does not
    // answer for a GET of "/a/new".
    if (route.pattern != path_pattern) continue;
    if (std::find(match.allowed.begin(), match.allowed.end(), route.method) ==
        match.allowed.end()) {
      match.allowed.push_back(route.method);
      if (route.method == "GET") match.allowed.push_back("HEAD");
    }
    if (route.method == wanted && !match.handler) {
      match.handler = &route.handler;
      match.params = std::move(params);
    }
  }
  match.pattern = path_pattern;
  return match;
}

}  // namespace lumbung::http
