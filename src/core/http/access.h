// Who may use a route, enforced on the server for every request (ASVS 4.1.1, 4.1.3): wrap the
// handler when adding the route. The visitor is what the session middleware found before
// routing (request.h), so features need nothing from identity to protect their pages.
//
//   router.Get("/dashboard", http::SignedIn(handler));
//   router.Get("/employer", http::OnlyRoles({"employer_admin", "employer_staff"}, handler));
//   router.Get("/staff/audit", http::StaffOnly({"administrator"}, handler));
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "core/http/router.h"

namespace lumbung::http {

// Anonymous visitors are sent to /login?next=<this page> (GET) or get 403 (other methods);
// visitors partway through signing in, to the step that is due.
Handler SignedIn(Handler handler);

// SignedIn, and the visitor must have proved the password or a second factor within the
// step-up window (ASVS 3.7.1); otherwise they are sent to /account/confirm?next=<this page>
// (for a POST: `return_to`, the page with its form; by default the POST's own path).
Handler RecentlyAuthenticated(Handler handler, std::string return_to = "");

// SignedIn, and the visitor's role must be one of `roles`; anyone else gets 403.
Handler OnlyRoles(std::initializer_list<std::string> roles, Handler handler);

// SignedIn, and the visitor must be fund staff (role "staff") holding at least one of
// `staff_roles` (request.h, kStaffRoles); anyone else gets 403, staff included.
Handler StaffOnly(std::initializer_list<std::string> staff_roles, Handler handler);

// SignedIn, and the visitor must be fund staff holding at least one staff role (the staff home:
// what it shows depends on the roles); anyone else gets 403.
Handler AnyStaff(Handler handler);

// The sign-in page that returns to `request`'s page afterwards: "/login?next=%2Fdashboard".
std::string LoginRedirectTarget(const Request& request);

}  // namespace lumbung::http
