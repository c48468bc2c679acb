// /employer: the employer's own pages, for its employer accounts only (kEmployerRoles; the
// employer always comes from the session, never from the URL or a form, and every id in a URL
// is checked to belong to that employer: ASVS 4.1.1, 4.2.1).
//
//   GET  /employer                       home: workers active, months reported and not, bills
//                                        open, arrears with fines to date, next due date
//   workers (worker_routes.h)            list, search, register, end employment
//   wage reports and bills (report_routes.h)
//   the employer's accounts (user_routes.h): administrators only
#pragma once

#include <string_view>

#include "core/config/config.h"
#include "core/db/database.h"
#include "core/http/router.h"
#include "core/inbox/inbox.h"
#include "core/view/dashboard.h"
#include "core/view/views.h"
#include "registry/rules.h"

namespace lumbung::employers {

// The roles that act for an employer: the administrator (made with `lumbung user add`) and the
// staff they invite; both use the employer's pages, only the administrator its accounts
// (/employer/users, user_routes.h).
inline constexpr const char* kEmployerAdmin = "employer_admin";
inline constexpr const char* kEmployerStaff = "employer_staff";
inline constexpr const char* kEmployerRoles[] = {kEmployerAdmin, kEmployerStaff};
bool IsEmployerRole(std::string_view role);

// For the employer's pages: signed in with an employer role and an employer (an account without
// one cannot be made, but would get 403), else 403 (anonymous GETs go to sign in).
http::Handler ForEmployer(http::Handler handler);

// `notify`: how members are told (inbox, and mail per their choices); see inbox::Notifier.
void AddRoutes(http::Router& router, db::Database& database, const view::Views& views,
               const config::Config& config, const registry::RuleBook& rules,
               inbox::Notifier notify);

// For an employer's account, a card on the account home leading to the employer's pages.
view::DashboardCardSource DashboardCards(db::Database& database, const view::Views& views);

}  // namespace lumbung::employers
