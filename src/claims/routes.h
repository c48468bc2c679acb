// Benefit claims on the web (docs/claims.md). The feature's pages are registered by four
// files, one per audience, over the same services:
//   member_routes.cc    /claims: the member's (or heir's) journey, documents, status, withdraw
//   staff_routes.cc     /staff/claims: the queue, document checks, verification, decision
//   payout_routes.cc    /staff/payouts: batches, the bank file, the bank's results; and the
//                       member's corrected account after a failed payout
//   accident_routes.cc  /employer/accidents: work accidents employers report; the member's
//                       confirmation
// plus the dashboard card (routes.cc).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/config/config.h"
#include "core/db/database.h"
#include "core/http/router.h"
#include "core/inbox/inbox.h"
#include "core/view/dashboard.h"
#include "core/view/views.h"
#include "registry/rules.h"

namespace soci {
class session;
}

namespace lumbung::claims {

// The paths whose POST bodies carry files: the server gives them http.max_upload_bytes.
inline constexpr const char* kMemberUploadPrefix = "/claims/";
inline constexpr const char* kStaffUploadPrefix = "/staff/payouts/";

// What the virus scanner said about a file.
struct ScanAnswer {
  enum class Verdict { kClean, kInfected, kUnavailable } verdict = Verdict::kUnavailable;
  std::string signature;  // with kInfected
};

// What the claims pages need from the rest of the product, wired by the app.
struct Services {
  db::Database& database;
  const view::Views& views;
  const config::Config& config;
  const registry::RuleBook& rules;
  inbox::Notifier notify;
  // The NIK on an account, when it has one (identity's accounts): a staff member never acts on
  // their own or a relative's claim (workflow.h CheckSeparation).
  std::function<std::optional<std::string>(soci::session&, std::int64_t account_id)> nik_of_account;
  // The upload store the app configured (database by default, or a directory): keeps a
  // document's bytes under a random id, reads them back, removes them.
  std::function<std::string(soci::session&, std::string_view bytes)> save_blob;
  std::function<std::optional<std::string>(soci::session&, std::string_view id)> read_blob;
  std::function<bool(soci::session&, std::string_view id)> remove_blob;
  // The virus scanner (clamd); kUnavailable keeps the file waiting for a later scan.
  std::function<ScanAnswer(std::string_view bytes)> scan;
  // Starts the background runner now rather than at its next poll (jobs::Runner::Wake).
  std::function<void()> wake_jobs;
};

void AddRoutes(http::Router& router, Services& services);
void AddMemberRoutes(http::Router& router, Services& services);
void AddStaffRoutes(http::Router& router, Services& services);
void AddPayoutRoutes(http::Router& router, Services& services);
void AddAccidentRoutes(http::Router& router, Services& services);

// The dashboard card: how many of the member's claims are open, leading to /claims.
view::DashboardCardSource DashboardCards(db::Database& database, const view::Views& views);

}  // namespace lumbung::claims
