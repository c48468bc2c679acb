// Training programmes on the web (docs/training.md). Each audience's pages are registered by
// their own function, wired by the app:
//   AddTrainingMemberRoutes    (member_routes.cc)
//     GET  /training                            the catalog: search and filters (field, province,
//                                               mode, from a day), 10 a page; anyone may browse
//     GET  /training/programmes/{id}            the programme, its requirements and sessions
//     GET  /training/sessions/{id}              members: the requirements checked for them, in
//                                               plain words, and the apply (or waiting-list) form
//     POST /training/sessions/{id}/apply        -> 303 /training/applications/{id}
//     GET  /training/applications               the member's applications and their status
//     GET  /training/applications/{id}          one application: its steps, place on the waiting
//                                               list, the offer to answer, cancel
//     POST /training/applications/{id}/cancel | accept | decline
//   AddTrainingProviderRoutes  (provider_routes.cc), staff with training_provider whose account
//                              is linked to a provider; only that provider's rows (ASVS 4.0.3
//                              V4.2.1: another provider's look like none):
//     GET  /staff/training                      the provider's programmes and sessions
//     GET  /staff/training/programmes/new       POST /staff/training/programmes
//     GET  /staff/training/programmes/{id}      edit; its sessions; a new session
//     POST /staff/training/programmes/{id}      POST /staff/training/programmes/{id}/sessions
//     GET  /staff/training/sessions/{id}        edit; participants with masked name and NIK
//     POST /staff/training/sessions/{id}
//     POST /staff/training/applications/{id}/{step}   confirm, start (attended), complete,
//                                               not_complete; completing issues a certificate
//   DashboardCards             the member's next session and open applications
// Every change is one transaction with its audit row (training.*) and the member's notice
// (inbox and mail per their choices).
#pragma once

#include <cstdint>
#include <string>

#include "core/db/database.h"
#include "core/http/router.h"
#include "core/inbox/inbox.h"
#include "core/view/dashboard.h"
#include "core/view/views.h"

namespace soci {
class session;
}

namespace lumbung::training {

void AddTrainingMemberRoutes(http::Router& router, db::Database& database, const view::Views& views,
                             inbox::Notifier notifier);

void AddTrainingProviderRoutes(http::Router& router, db::Database& database,
                               const view::Views& views, inbox::Notifier notifier);

view::DashboardCardSource DashboardCards(db::Database& database, const view::Views& views);

// The demo catalog (`lumbung seed-demo`): two providers, eight programmes across fields,
// provinces and modes, and their sessions starting from `today` (YYYY-MM-DD) on, one of them a
// place short of full. Does nothing when a programme exists already. Returns the programmes made.
int SeedDemo(soci::session& sql, const std::string& today, std::int64_t now);

}  // namespace lumbung::training
