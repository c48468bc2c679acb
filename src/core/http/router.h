// Routes a method and a decoded path to a handler. Patterns are '/'-separated segments;
// "{name}" matches one non-empty segment and is captured. Literal segments win over captures.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/http/request.h"
#include "core/http/response.h"

namespace lumbung::http {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  // HEAD is answered by GET handlers (the body is dropped on the wire).
  void Add(std::string method, std::string pattern, Handler handler);
  void Get(std::string pattern, Handler handler) {
    Add("GET", std::move(pattern), std::move(handler));
  }
  void Post(std::string pattern, Handler handler) {
    Add("POST", std::move(pattern), std::move(handler));
  }

  struct Match {
    const Handler* handler = nullptr;  // null: no route for this method
    std::string pattern;               // the matched pattern (for metrics), or empty
    std::map<std::string, std::string> params;
    std::vector<std::string> allowed;  // methods the path accepts (for 405's Allow header)
  };
  Match Find(const std::string& method, const std::string& path) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace lumbung::http
