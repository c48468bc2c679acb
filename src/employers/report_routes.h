// The employer's wage reports and bills (role employer_admin; the employer from the session):
//
//   GET  /employer/reports                                the last months, reported or not
//   GET  /employer/reports/{period}                       the month: its report and the upload
//   POST /employer/reports/{period}                       a CSV upload (multipart) -> 303 to
//                                                         the check; a file refused as a whole
//                                                         is 422 on this page, nothing kept
//   GET  /employer/reports/{period}/entry                 the month's wages typed on a page
//   POST /employer/reports/{period}/entry                 -> the same check as an upload
//   GET  /employer/reports/{period}/uploads/{id}          the check: problems (first 100), the
//                                                         dry-run bill and the changes
//   GET  .../uploads/{id}/report.json | problems.csv      every problem, both ways
//   POST .../uploads/{id}/submit                          accept -> 303 /employer/bills/{period}
//   GET  /employer/bills                                  bills, newest first
//   GET  /employer/bills/{period}                         one bill: code, due date, lines,
//                                                         workers; /csv downloads it
#pragma once

#include "core/config/config.h"
#include "core/db/database.h"
#include "core/http/router.h"
#include "core/view/views.h"
#include "registry/rules.h"

namespace lumbung::employers {

void AddReportRoutes(http::Router& router, db::Database& database, const view::Views& views,
                     const config::Config& config, const registry::RuleBook& rules);

}  // namespace lumbung::employers
