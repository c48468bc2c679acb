#include "core/http/access.h"

#include <algorithm>

#include "core/http/url.h"

namespace lumbung::http {

std::string LoginRedirectTarget(const Request& request) {
  std::string next = request.target.empty() ? "/" : request.target;
  if (!IsLocalPath(next)) next = "/";
  std::string target = "/login?next=" + PercentEncode(next);
  if (request.visitor.session_expired) target += "&reason=expired";
  return target;
}

Handler SignedIn(Handler handler) {
  return [handler = std::move(handler)](Request& request) {
    if (!request.visitor.signed_in()) {
      if (request.method == "GET" || request.method == "HEAD") {
        return Response::Redirect(LoginRedirectTarget(request));
      }
      return Response::Error(403);
    }
    return handler(request);
  };
}

Handler OnlyRoles(std::initializer_list<std::string> roles, Handler handler) {
  std::vector<std::string> allowed(roles);
  return SignedIn([allowed = std::move(allowed), handler = std::move(handler)](Request& request) {
    if (std::find(allowed.begin(), allowed.end(), request.visitor.role) == allowed.end()) {
      return Response::Error(403);
    }
    return handler(request);
  });
}

}  // namespace lumbung::http
