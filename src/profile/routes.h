// /profile: what the registry holds about the member, the contact details they may change, the
// bank account for payouts and the beneficiaries. Members only (staff and employers get
// 403), and only their own: the member always comes from the session, never from the URL or the
// form (ASVS 4.2.1). The bank account and beneficiaries pages need a recent password or second
// factor (http::RecentlyAuthenticated, ASVS 3.7.1). Every change is audited (profile.*), mailed
// to the member and listed in their recent activity (/account/security).
//
//   GET  /profile                  everything the registry holds; ?notice=<what changed>
//   GET  /profile/contact          form: address, phone, marital_status
//   POST /profile/contact          -> 303 /profile?notice=contact_changed; errors 422
//   GET  /profile/bank             (step-up) current account (last 4 digits) and the form
//   POST /profile/bank             bank, account_number, holder_name -> 303 /profile?notice=...
//   GET  /profile/beneficiaries    (step-up) the whole list as one form, spare empty rows
//   POST /profile/beneficiaries    rows b<N>_id, _name, _relation, _nik, _share, _remove; more=1
//                                  adds an empty row without saving -> 303 /profile?notice=...
#pragma once

#include "core/config/config.h"
#include "core/db/database.h"
#include "core/http/router.h"
#include "core/view/views.h"

namespace lumbung::profile {

// Throws std::runtime_error (or std::invalid_argument) when the bank list cannot be read.
void AddRoutes(http::Router& router, db::Database& database, const view::Views& views,
               const config::Config& config);

}  // namespace lumbung::profile
