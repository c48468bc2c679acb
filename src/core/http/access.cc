#include "core/http/access.h"

#include <algorithm>

#include "core/http/url.h"

namespace lumbung::http {

std::string LoginRedirectTarget(const Request& request) {
  std::string next = request.target.empty() ? "/" : request.target;
  if (!IsLocalPath(next)) next = "/";
  // Partway through signing in: back to the step that is due, never around it.
  if (request.visitor.pending_stage == "second_factor") {
    return "/login/second-factor?next=" + PercentEncode(next);
  }
  if (request.visitor.pending_stage == "enrol") return "/account/two-factor/setup";
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

Handler RecentlyAuthenticated(Handler handler, std::string return_to) {
  return SignedIn(
      [handler = std::move(handler), return_to = std::move(return_to)](Request& request) {
        if (request.visitor.recently_authenticated) return handler(request);
        // After confirming, the member returns to a page (never a replayed POST): the form is shown
        // again, so nothing is changed without them seeing it.
        std::string next = return_to.empty() ? request.path : return_to;
        if (request.method == "GET" || request.method == "HEAD") {
          next = request.target.empty() ? "/" : request.target;
        }
        if (!IsLocalPath(next)) next = "/";
        return Response::Redirect("/account/confirm?next=" + PercentEncode(next));
      });
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

Handler StaffOnly(std::initializer_list<std::string> staff_roles, Handler handler) {
  std::vector<std::string> allowed(staff_roles);
  return SignedIn([allowed = std::move(allowed), handler = std::move(handler)](Request& request) {
    const Visitor& visitor = request.visitor;
    const bool holds = std::any_of(allowed.begin(), allowed.end(), [&](const std::string& role) {
      return visitor.HasStaffRole(role);
    });
    if (!holds) return Response::Error(403);
    return handler(request);
  });
}

Handler AnyStaff(Handler handler) {
  return SignedIn([handler = std::move(handler)](Request& request) {
    if (!request.visitor.is_staff() || request.visitor.staff_roles.empty()) {
      return Response::Error(403);
    }
    return handler(request);
  });
}

}  // namespace lumbung::http
