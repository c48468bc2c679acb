// Keeping the analytics aggregates (migration 0052) up to date, so that the analyst's pages read
// a few thousand rows of counts instead of scanning a registry of millions per request.
//
// The refresh is planned from marks (analytics_marks): what changed since the last look is found
// by the largest id or time each source had then, and only that part is rewritten:
//   members     the snapshot of active members; again when a member or a job was added, and
//               once each fund day (ages, jobs that ended)
//   wages:F:T   the months F..T (yyyymm) of wages and contributions: those of wage reports
//               submitted and bank payments applied since (the first refresh: every month)
//   arrears     employers in arrears; again when a bill or a payment was added, and daily
//   claims:Y    the claims submitted in fund year Y, for claims changed since
//   subsidy:Y   the wage-subsidy payments of programme year Y, when batches moved, and daily
//   training:Y  training applications made in fund year Y changed since (when the training
//               tables exist)
// Each part is one unit; RefreshUnit rewrites a unit's rows whole (delete, then one INSERT ...
// SELECT with GROUP BY), so a unit run twice gives the same rows.
//
// In production the job "analytics.refresh" does it in the background (core/jobs): one unit
// per step, the plan in the job's cursor (a crash resumes after the last committed unit), and
// when nothing is left it waits `interval` and plans again. There is one such job per fund day
// (dedupe key "analytics.refresh:YYYY-MM-DD"): at the day's end it enqueues the next day's and
// finishes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db/database.h"
#include "core/jobs/runner.h"

namespace soci {
class session;
}

namespace lumbung::analytics {

inline constexpr const char* kRefreshJob = "analytics.refresh";

struct RefreshSettings {
  // How long the job waits, when everything is up to date, before it looks again.
  std::int64_t interval_seconds = 300;
};

// The units to refresh now, in order; records the marks they were planned from (the caller's
// transaction: commit it with the first unit's work).
std::vector<std::string> PlanRefresh(soci::session& sql, db::Dialect dialect, std::int64_t now);

// Rewrites one unit's aggregate rows and stamps the refresh time. Throws std::invalid_argument
// for a unit PlanRefresh never gives.
void RefreshUnit(soci::session& sql, db::Dialect dialect, const std::string& unit,
                 std::int64_t now);

// Plans and runs every unit, each in its own write transaction. Returns the units run.
int RefreshNow(db::Database& database, std::int64_t now);

// When the aggregates were last refreshed (epoch seconds); nullopt before the first refresh.
std::optional<std::int64_t> LastRefreshed(soci::session& sql);

// The handler of kRefreshJob.
void RegisterJobs(jobs::Runner& runner, RefreshSettings settings = {});

// Enqueues the day's refresh job unless it exists (at start; the job then keeps itself going).
// Writes in its own transaction.
void EnsureRefreshJob(soci::session& sql, std::int64_t now);

}  // namespace lumbung::analytics
