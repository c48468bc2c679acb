// The wage subsidy on the web (docs/subsidy.md). Each audience's pages are registered by their
// own function, wired by the app:
//   AddSubsidyMemberRoutes   /subsidy (member_routes.cc): the member's stage per programme year
//                            with the reasons and what to do next; /cek-bsu (checker_routes.cc):
//                            the public check without an account
//   DashboardCards           the member's card while a programme has a confirmed run for them
#pragma once

#include <memory>

#include "core/config/config.h"
#include "core/db/database.h"
#include "core/http/router.h"
#include "core/observe/metrics.h"
#include "core/view/dashboard.h"
#include "core/view/views.h"
#include "subsidy/program.h"

namespace lumbung::subsidy {

// /subsidy (members) and /cek-bsu (anyone). Reads the programmes from subsidy.programs_file;
// the check's lookups are counted in `metrics` (lumbung_subsidy_checks_<result>_total, result
// match, no_match or throttled) and throttled by subsidy.checker_ip_per_hour and
// subsidy.checker_number_per_hour.
void AddSubsidyMemberRoutes(http::Router& router, db::Database& database, const view::Views& views,
                            const config::Config& config, observe::Metrics& metrics);

// /cek-bsu alone (AddSubsidyMemberRoutes adds it), over the programmes already loaded.
void AddCheckerRoutes(http::Router& router, db::Database& database, const view::Views& views,
                      const config::Config& config, observe::Metrics& metrics,
                      std::shared_ptr<const ProgramBook> programs);

// The member's card: the newest programme's stage in one line, leading to /subsidy; none when no
// programme has a confirmed run in which the member was considered.
view::DashboardCardSource DashboardCards(db::Database& database, const view::Views& views,
                                         const config::Config& config);

}  // namespace lumbung::subsidy

// For the batch pages (appended here so that each feature part only adds to this header).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace soci {
class session;
}

namespace lumbung::subsidy {

// The paths whose POST bodies carry the bank's result files: the server gives them
// http.max_upload_bytes.
inline constexpr const char* kBatchUploadPrefix = "/staff/subsidy/batches/";

// /staff/subsidy/batches (batch_routes.cc): the programme's payment batches made from its
// confirmed run, the four-eyes steps (subsidy_officer prepares, submits and approves, never
// their own submission), the disbursement file and the bank's results (finance), failed
// payments rerouted to the post office or returned to the employer. Reads the programmes from
// subsidy.programs_file and the batch size from subsidy.batch_size. `nik_of_account`: the staff
// member's own NIK (identity's staff_niks), so nobody acts on a batch that pays them.
void AddSubsidyBatchRoutes(
    http::Router& router, db::Database& database, const view::Views& views,
    const config::Config& config,
    std::function<std::optional<std::string>(soci::session&, std::int64_t account_id)>
        nik_of_account);

}  // namespace lumbung::subsidy

// For the run pages (appended like the batch pages above).
#include "subsidy/run.h"

namespace lumbung::subsidy {

// The path whose POST bodies carry an exclusion list's file: the server gives it
// http.max_upload_bytes (a list of millions of NIKs is tens of megabytes).
inline constexpr const char* kListUploadPath = "/staff/subsidy/lists";

// /staff/subsidy/runs (run_routes.cc): the programme's eligibility runs; a subsidy_officer
// starts one (dry or real: run.h StartRun, then `wake_jobs` so this instance's job runner takes
// it at once), follows its progress (a page a plain link refreshes), reads the difference report
// against the previous run and confirms a finished real run, never one they started (four eyes,
// run.h ConfirmRun); the exclusion lists' sizes and their import (list_import.h, all or
// nothing, the wrong lines listed). finance may read every page. `settings`: the programmes
// and minimum wages the app's job runner decides with (RegisterSubsidyJobs), so a run started
// here is the one the pages describe.
void AddSubsidyRunRoutes(http::Router& router, db::Database& database, const view::Views& views,
                         RunSettings settings, std::function<void()> wake_jobs);

}  // namespace lumbung::subsidy
