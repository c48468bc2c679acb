#include "ops/routes.h"

namespace lumbung::ops {

void AddRoutes(http::Router& router, db::Database& database, const observe::Metrics& metrics) {
  router.Get("/healthz", [](http::Request&) { return http::Response::Text("ok\n"); });
  router.Get("/readyz", [&database](http::Request&) {
    if (database.Ping()) return http::Response::Text("ready\n");
    return http::Response::Text("database unavailable\n", 503);
  });
  router.Get("/metrics", [&metrics](http::Request&) {
    auto r = http::Response::Text(metrics.Render());
    r.Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    return r;
  });
}

}  // namespace lumbung::ops
