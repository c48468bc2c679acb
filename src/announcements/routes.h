// Announcements' pages.
//
// Staff, content editors only (http::StaffOnly({"content_editor"})): /staff/announcements (the
// list), /staff/announcements/new and /{id}/edit (the form), /staff/announcements/{id} (the
// announcement as members will see it, its state and what may be done next: submit; approve or
// send back with a reason, never by its author; the delivery's progress once published).
// Every step is audited (announcement.created, .edited, .submitted, .approved, .sent_back; a
// refused approval or send-back as denied).
//
// Members: the dashboard card (published, in its dates, for them, not dismissed),
// /announcements/{id} (the whole text; 404 for one not meant for them) and
// POST /announcements/{id}/dismiss (the card goes away for this account).
#pragma once

#include <functional>

#include "core/config/config.h"
#include "core/db/database.h"
#include "core/http/router.h"
#include "core/jobs/runner.h"
#include "core/view/dashboard.h"
#include "core/view/views.h"

namespace lumbung::announcements {

// `wake_jobs`: called after a publication commits (the runner's Wake), may be empty.
void AddRoutes(http::Router& router, db::Database& database, const view::Views& views,
               std::function<void()> wake_jobs);

view::DashboardCardSource DashboardCards(db::Database& database, const view::Views& views);

// Registers the delivery job's handler (delivery.h) with settings from the configuration.
void RegisterJobs(jobs::Runner& runner, const view::Views& views, const config::Config& config);

}  // namespace lumbung::announcements
