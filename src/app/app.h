// The composition root: one App per serving process. It owns the shared services, wires every
// feature's routes and runs each request through the same path:
//   request id -> client address -> strict path/query decoding (400) -> language ->
//   static files | maintenance (503) | router (404/405) -> handler (500 on exception) ->
//   translated error page for any empty 4xx/5xx -> security headers -> gzip -> metrics + log.
#pragma once

#include <memory>
#include <optional>

#include "claims/routes.h"
#include "core/config/config.h"
#include "core/db/database.h"
#include "core/http/router.h"
#include "core/http/server.h"
#include "core/i18n/catalog.h"
#include "core/jobs/runner.h"
#include "core/observe/access_log.h"
#include "core/observe/metrics.h"
#include "core/view/assets.h"
#include "core/view/views.h"
#include "identity/identity.h"
#include "notifications/notifications.h"
#include "ops/maintenance.h"
#include "registry/rules.h"

namespace lumbung::app {

class App {
 public:
  // Loads catalogs, static files, templates and rules from the share directory; throws with a
  // clear message when any is missing or invalid.
  App(const config::Config& config, db::Database& database);
  ~App();

  http::Response Handle(http::Request& request);
  // The same answer as Handle for requests served from memory (static files, /healthz, a
  // /dashboard whose session, count and page are all cached, and the home page of a visitor
  // without a session, kept per language and day), or nullopt for everything else,
  // which then goes to the workers untouched. Never blocks: safe on the network thread.
  std::optional<http::Response> HandleInline(http::Request& request);
  // For requests the server could not read (400, 413, 431) or handlers that escaped (500).
  http::Response ProtocolError(int status);
  // Gauges that need the server (worker pool queue) are added once it exists.
  void AttachServer(const http::Server& server);
  identity::Identity& identity() { return *identity_; }
  // The background job runner (core/jobs): started by `serve`, stopped before the database
  // closes at shutdown.
  void StartJobs() { jobs_->Start(); }
  void StopJobs() { jobs_->Stop(); }

 private:
  http::Response Route(http::Request& request);
  http::Response Static(const http::Request& request);
  http::Response Maintenance(const http::Request& request, const ops::MaintenanceState& state);
  http::Response ErrorPage(const http::Request& request, int status);
  void Finish(http::Request& request, http::Response& response);

  const config::Config& config_;
  db::Database& database_;
  i18n::Catalogs catalogs_;
  view::Assets assets_;
  std::unique_ptr<view::Views> views_;
  std::unique_ptr<identity::Identity> identity_;
  std::unique_ptr<notifications::Notifications> notifications_;
  std::unique_ptr<jobs::Runner> jobs_;
  registry::RuleBook rules_;
  std::unique_ptr<claims::Services> claims_;
  observe::Metrics metrics_;
  observe::AccessLog access_log_;
  ops::MaintenanceSwitch maintenance_;
  http::Router router_;
  bool trusted_proxy_;
  bool compress_;
};

}  // namespace lumbung::app
