#include "app/app.h"

#include <chrono>
#include <cstdlib>
#include <ctime>

#include "analytics/refresh.h"
#include "analytics/routes.h"
#include "announcements/routes.h"
#include "app/security_headers.h"
#include "backoffice/routes.h"
#include "calculators/routes.h"
#include "card/routes.h"
#include "certificates/routes.h"
#include "claims/jobs.h"
#include "claims/routes.h"
#include "contributions/routes.h"
#include "core/cache/fresh_cache.h"
#include "core/http/compression.h"
#include "core/http/url.h"
#include "core/i18n/wib_time.h"
#include "core/uploads/blob_store.h"
#include "core/uploads/virus_scanner.h"
#include "core/view/page.h"
#include "employers/routes.h"
#include "employers/user_routes.h"
#include "help/routes.h"
#include "membership/summary.h"
#include "ops/dev_mailbox.h"
#include "ops/routes.h"
#include "profile/routes.h"
#include "savings/routes.h"
#include "site/routes.h"
#include "statements/routes.h"
#include "subsidy/routes.h"
#include "subsidy/run.h"
#include "support/routes.h"
#include "training/routes.h"

namespace lumbung::app {
namespace {

using Clock = std::chrono::steady_clock;

// Paths that keep working in maintenance mode: probes, metrics and the page's own assets.
bool BypassesMaintenance(const std::string& path) {
  return path == "/healthz" || path == "/readyz" || path == "/metrics" ||
         path.rfind("/static/", 0) == 0;
}

// Clients choose the method freely: only the standard ones get their own metrics series, so
// invented methods cannot grow the metrics without bound.
std::string MethodLabel(const std::string& method) {
  static const char* const kKnown[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  for (const char* known : kKnown) {
    if (method == known) return method;
  }
  return "OTHER";
}

bool IsErrorStatusWithPage(int status) {
  switch (status) {
    case 400:
    case 403:
    case 404:
    case 405:
    case 408:
    case 413:
    case 429:
    case 431:
    case 500:
    case 503:
      return true;
    default:
      return false;
  }
}

view::FundInfo FundFromConfig(const config::Config& c) {
  view::FundInfo fund;
  fund.name = c.String("fund.name");
  fund.web_address =
      c.String("fund.web_address").empty() ? c.String("public.url") : c.String("fund.web_address");
  fund.phone = c.String("fund.phone");
  fund.email = c.String("fund.email");
  fund.office_hours["id"] = c.String("fund.office_hours_id");
  fund.office_hours["en"] = c.String("fund.office_hours_en");
  return fund;
}

// The background runner's settings. A finished step may have posted inbox items: cached pages
// are stale (core/cache). jobs.exit_after_steps lets the functional tests kill the process
// mid-job as kill -9 would (no destructor runs, nothing is flushed or handed back), counting the
// steps of the job under test (jobs.exit_after_kind) rather than the fund's regular upkeep.
jobs::RunnerOptions JobRunnerOptions(const config::Config& c) {
  jobs::RunnerOptions options;
  options.poll = std::chrono::seconds(c.Int("jobs.poll_seconds"));
  options.lease = std::chrono::seconds(c.Int("jobs.lease_seconds"));
  const auto exit_after = c.Int("jobs.exit_after_steps");
  const std::string exit_kind = c.String("jobs.exit_after_kind");
  options.after_step = [exit_after, exit_kind, steps = std::int64_t{0}](
                           const jobs::Job& job, const jobs::StepResult&) mutable {
    cache::Changed();
    if (exit_after <= 0 || (!exit_kind.empty() && job.kind != exit_kind)) return;
    if (++steps >= exit_after) std::_Exit(137);
  };
  return options;
}

// Claim documents go to the configured upload store (uploads.store: the database by default,
// so that every instance sees them) and through clamd (uploads.clamd_socket).
void WireClaimDocuments(claims::Services& services, const config::Config& config) {
  std::shared_ptr<const uploads::BlobStore> blobs = uploads::MakeBlobStore(config);
  services.save_blob = [blobs](soci::session& sql, std::string_view bytes) {
    return blobs->Save(sql, bytes);
  };
  services.read_blob = [blobs](soci::session& sql, std::string_view id) {
    return blobs->Read(sql, id);
  };
  services.remove_blob = [blobs](soci::session& sql, std::string_view id) {
    return blobs->Remove(sql, id);
  };
  auto scanner = std::make_shared<uploads::ClamdScanner>(uploads::ClamdSettingsFrom(config));
  services.scan = [scanner](std::string_view bytes) {
    const uploads::ScanResult result = scanner->Scan(bytes);
    claims::ScanAnswer answer;
    switch (result.verdict) {
      case uploads::ScanVerdict::kClean:
        answer.verdict = claims::ScanAnswer::Verdict::kClean;
        break;
      case uploads::ScanVerdict::kInfected:
        answer.verdict = claims::ScanAnswer::Verdict::kInfected;
        answer.signature = result.signature;
        break;
      case uploads::ScanVerdict::kUnavailable:
        answer.verdict = claims::ScanAnswer::Verdict::kUnavailable;
        break;
    }
    return answer;
  };
}

// The nearest page at or above `path` that a GET opens ("/claims/7/documents" -> "/claims/7"),
// for the language switch on a form's answer; "/" when none. Only plain paths are tried.
std::string NearestPage(const http::Router& router, std::string path) {
  for (char c : path) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '/' || c == '-' || c == '_' || c == '.';
    if (!plain) return "/";
  }
  while (path.size() > 1) {
    if (router.Find("GET", path).handler) return path;
    path.erase(path.rfind('/') == 0 ? 1 : path.rfind('/'));
  }
  return "/";
}

}  // namespace

App::App(const config::Config& config, db::Database& database)
    : config_(config),
      database_(database),
      catalogs_(i18n::Catalogs::LoadDirectory(config.SharePath("locale"))),
      assets_(view::Assets::LoadDirectory(config.SharePath("static"))),
      rules_(registry::RuleBook::LoadFile(config.SharePath(config.String("rules.file")))),
      access_log_(config.String("log.access")),
      maintenance_(database, std::chrono::seconds(config.Int("maintenance.poll_seconds"))),
      trusted_proxy_(config.Bool("http.trusted_proxy")),
      compress_(config.Bool("http.compress")) {
  views_ = std::make_unique<view::Views>(config.SharePath(""), catalogs_, assets_,
                                         FundFromConfig(config));
  identity_ = std::make_unique<identity::Identity>(config, database_, *views_);
  identity_->AddRoutes(router_);
  contributions::AddRoutes(router_, database_, *views_);
  savings::AddRoutes(router_, database_, *views_);
  statements::AddRoutes(router_, database_, *views_, config_);
  // Notifications mail an account at the address identity holds for it.
  notifications_ = std::make_unique<notifications::Notifications>(
      config_, database_, *views_,
      [](soci::session& sql, std::int64_t account_id) -> std::optional<notifications::Recipient> {
        const auto account = identity::FindAccountById(sql, account_id);
        if (!account || account->state == "disabled" || account->email.empty()) return std::nullopt;
        return notifications::Recipient{account->email, account->lang, account->display_name};
      });
  notifications_->AddRoutes(router_);
  identity_->AddDashboardCards(notifications_->DashboardCards());
  card::AddRoutes(router_, database_, *views_, config_);
  profile::AddRoutes(router_, database_, *views_, config_);
  employers::AddRoutes(router_, database_, *views_, config_, rules_, notifications_->Notifier());
  // An employer's administrator invites, disables and enables its staff through identity.
  employers::AddUserRoutes(router_, database_, *views_, *identity_);
  support::AddRoutes(router_, database_, *views_, config_, notifications_->Notifier());
  training::AddTrainingMemberRoutes(router_, database_, *views_, notifications_->Notifier());
  training::AddTrainingProviderRoutes(router_, database_, *views_, notifications_->Notifier());
  identity_->AddDashboardCards(training::DashboardCards(database_, *views_));
  identity_->AddDashboardCards(employers::DashboardCards(database_, *views_));
  identity_->AddDashboardCards(membership::DashboardCards(database_, *views_));
  identity_->AddDashboardCards(card::DashboardCards(*views_));
  identity_->AddDashboardCards(savings::DashboardCards(database_, *views_));
  identity_->AddDashboardCards(claims::DashboardCards(database_, *views_));
  identity_->AddDashboardCards(contributions::DashboardCards(database_, *views_));
  jobs_ = std::make_unique<jobs::Runner>(database_, JobRunnerOptions(config_));
  announcements::RegisterJobs(*jobs_, *views_, config_);
  announcements::AddRoutes(router_, database_, *views_, [this] { jobs_->Wake(); });
  identity_->AddDashboardCards(announcements::DashboardCards(database_, *views_));
  claims_ = std::make_unique<claims::Services>(claims::Services{
      .database = database_,
      .views = *views_,
      .config = config_,
      .rules = rules_,
      .notify = notifications_->Notifier(),
      .nik_of_account = [](soci::session& sql, std::int64_t account_id)
          -> std::optional<std::string> { return identity::NikOfAccount(sql, account_id); },
      .save_blob = {},
      .read_blob = {},
      .remove_blob = {},
      .scan = {},
      .wake_jobs = [this] { jobs_->Wake(); },
  });
  WireClaimDocuments(*claims_, config_);
  claims::AddRoutes(router_, *claims_);
  claims::RegisterJobs(*jobs_, *claims_);
  // The subsidy's eligibility runs go on in the background on every instance (resumed after a
  // crash), with the programmes and minimum wages the subsidy pages read.
  subsidy::RunSettings subsidy_run;
  subsidy_run.programs = std::make_shared<const subsidy::ProgramBook>(
      subsidy::ProgramBook::LoadFile(config_.SharePath(config_.String("subsidy.programs_file"))));
  subsidy_run.minimum_wages =
      std::make_shared<const subsidy::MinimumWages>(subsidy::MinimumWages::LoadFile(
          config_.SharePath(config_.String("subsidy.minimum_wages_file"))));
  subsidy::RegisterSubsidyJobs(*jobs_, subsidy_run);
  subsidy::AddSubsidyBatchRoutes(router_, database_, *views_, config_,
                                 [](soci::session& sql, std::int64_t account_id) {
                                   return identity::NikOfAccount(sql, account_id);
                                 });
  subsidy::AddSubsidyRunRoutes(router_, database_, *views_, subsidy_run, [this] { jobs_->Wake(); });
  ops::AddRoutes(router_, database_, metrics_);
  if (config.Bool("dev.mode")) ops::AddDevMailboxRoutes(router_, database_, *views_);
  site::AddRoutes(router_, *views_, rules_);
  backoffice::AddRoutes(router_, database_, *views_);
  analytics::RegisterJobs(*jobs_);
  analytics::AddRoutes(router_, database_, *views_);
  help::AddRoutes(router_, database_, *views_, config_);
  calculators::AddRoutes(router_, *views_, rules_);
  subsidy::AddSubsidyMemberRoutes(router_, database_, *views_, config_, metrics_);
  identity_->AddDashboardCards(subsidy::DashboardCards(database_, *views_, config_));
  certificates::AddCertificateRoutes(router_, database_, *views_, config_,
                                     notifications_->Notifier());
  identity_->AddDashboardCards(certificates::DashboardCards(database_, *views_));

  // The language switch works without JavaScript: a link that sets a preference cookie and
  // returns to the page. It changes no account state, so GET is fine here.
  router_.Get("/lang/{code}", [this](http::Request& request) {
    const std::string code = request.params["code"];
    if (!catalogs_.Supports(code)) return http::Response::Error(404);
    std::string next = request.Query("next").value_or("/");
    if (!http::IsLocalPath(next)) next = "/";
    auto response = http::Response::Redirect(next);
    http::CookieOptions cookie;
    cookie.max_age_seconds = 365L * 24 * 3600;
    cookie.secure = config_.String("public.url").rfind("https://", 0) == 0;
    response.SetCookie("lang", code, cookie);
    return response;
  });

  // Browsers that never saw a page still ask for /favicon.ico.
  router_.Get("/favicon.ico", [this](http::Request&) {
    auto response = http::Response::Redirect(assets_.Url("icon.svg"), 301);
    response.Set("Cache-Control", "public, max-age=86400");
    return response;
  });

  metrics_.AddGauge("lumbung_db_pool_size", "Database connections allowed",
                    [this] { return static_cast<double>(database_.Stats().size); });
  metrics_.AddGauge("lumbung_db_pool_in_use", "Database connections leased now",
                    [this] { return static_cast<double>(database_.Stats().in_use); });
  metrics_.AddGauge("lumbung_db_pool_waits_total", "Leases that had to wait",
                    [this] { return static_cast<double>(database_.Stats().waits); });
}

App::~App() = default;

void App::AttachServer(const http::Server& server) {
  metrics_.AddGauge("lumbung_worker_queue_depth", "Requests waiting for a worker",
                    [&server] { return static_cast<double>(server.Stats().queued); });
  metrics_.AddGauge("lumbung_worker_active", "Requests inside a handler",
                    [&server] { return static_cast<double>(server.Stats().active); });
  metrics_.AddGauge("lumbung_worker_threads", "Worker threads",
                    [&server] { return static_cast<double>(server.Stats().workers); });
  metrics_.AddGauge("lumbung_http_connections", "Open connections",
                    [&server] { return static_cast<double>(server.Stats().connections); });
}

http::Response App::Handle(http::Request& request) {
  const auto start = Clock::now();
  request.request_id = observe::NewRequestId();
  if (trusted_proxy_) {
    // The proxy appends the client it saw last; anything before it came from the client.
    if (auto xff = request.Header("x-forwarded-for"); !xff.empty()) {
      auto last = xff.substr(xff.rfind(',') == std::string_view::npos ? 0 : xff.rfind(',') + 1);
      while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
      request.remote_ip = std::string(last);
    }
    request.over_tls = request.Header("x-forwarded-proto") == "https";
  }
  request.lang = i18n::NegotiateLanguage(request.Cookie("lang").value_or(""),
                                         request.Header("accept-language"), catalogs_.Languages());

  http::Response response;
  const auto q = request.target.find('?');
  const std::string raw_path = request.target.substr(0, q);
  request.raw_query = q == std::string::npos ? "" : request.target.substr(q + 1);
  auto path = http::PercentDecode(raw_path, false);
  if (!path || path->empty() || path->front() != '/' || path->find('\0') != std::string::npos ||
      !http::ParseUrlEncoded(request.raw_query)) {
    request.target = "/";
    request.route = "(bad request)";
    response = http::Response::Error(400);
  } else {
    request.path = std::move(*path);
    try {
      response = Route(request);
    } catch (const std::exception& e) {
      access_log_.Error(request.request_id, std::string("handler: ") + e.what());
      response = http::Response::Error(500);
    }
  }
  if (response.body.empty() && IsErrorStatusWithPage(response.status)) {
    auto headers = std::move(response.headers);
    response = ErrorPage(request, response.status);
    for (auto& h : headers) response.Set(h.first, std::move(h.second));
  }
  Finish(request, response);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  metrics_.ObserveRequest(MethodLabel(request.method),
                          request.route.empty() ? "(unmatched)" : request.route, response.status,
                          seconds);
  access_log_.Record(request, response, seconds);
  return response;
}

std::optional<http::Response> App::HandleInline(http::Request& request) {
  // Only exact, already-decoded paths qualify; anything needing decoding goes the long way.
  const std::string_view target = request.target;
  const bool is_static =
      target.rfind("/static/", 0) == 0 && target.find_first_of("%?") == std::string_view::npos;
  if (is_static || target == "/healthz") return Handle(request);
  // The signed-in dashboard, when everything it shows is in memory (fresh_cache.h), is answered
  // here too, saving two thread hops (most of its cost, measured). The first database access
  // throws WouldWait: the attempt is dropped and the untouched request goes to the workers.
  // So is the public home page of a visitor without a session (the same copy for everyone in
  // a language and day, site/daily_pages.h); a visitor with one gets their own header, from a
  // worker. Maintenance is read from the database now and then: that attempt goes the long way.
  const bool reads = request.method == "GET" || request.method == "HEAD";
  const bool anonymous_home = target == "/" && !request.Cookie(identity::kSessionCookie);
  if (reads && (target == "/dashboard" || anonymous_home)) {
    http::Request attempt = request;
    db::NoWaitingHere no_waiting;
    try {
      return Handle(attempt);
    } catch (const db::WouldWait&) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

http::Response App::Route(http::Request& request) {
  if (request.path.rfind("/static/", 0) == 0) {
    request.route = "/static/*";
    return Static(request);
  }
  // Only while maintenance is on is the session looked at before routing: signed-in staff keep
  // working and the steps of signing in stay open (ops::PassesMaintenance); everyone else waits.
  bool attended = false;
  std::optional<http::Response> refused;
  if (!BypassesMaintenance(request.path)) {
    if (auto state = maintenance_.Current(); state.on) {
      refused = identity_->Attend(request);
      attended = true;
      if (!ops::PassesMaintenance(request.path, request.visitor)) {
        request.route = "(maintenance)";
        return Maintenance(request, state);
      }
    }
  }
  auto match = router_.Find(request.method, request.path);
  request.route = match.pattern;
  if (!match.handler) {
    if (match.allowed.empty()) return http::Response::Error(404);
    auto response = http::Response::Error(405);
    std::string allow;
    for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
    response.Set("Allow", allow);
    return response;
  }
  request.params = std::move(match.params);
  if (request.method != "GET" && request.method != "HEAD") {
    request.language_return = NearestPage(router_, request.path);
  }
  // Whatever a state-changing request did must show on the next page at once: values cached
  // for GETs (core/cache/fresh_cache.h) are stale from here on, however the handler ends.
  struct MarkChanged {
    bool changes;
    ~MarkChanged() {
      if (changes) cache::Changed();
    }
  } mark_changed{request.method != "GET" && request.method != "HEAD"};
  // Probes and metrics need no visitor (and must not depend on the session tables).
  if (!BypassesMaintenance(request.path)) {
    if (!attended) refused = identity_->Attend(request);
    if (refused) return *refused;
    // The header's unread count (and, on the inbox and the dashboard, new registry events).
    // A failure here costs the count, never the page.
    try {
      notifications_->Attend(request);
    } catch (const std::exception& e) {
      access_log_.Error(request.request_id, std::string("notifications: ") + e.what());
    }
  }
  return (*match.handler)(request);
}

http::Response App::Static(const http::Request& request) {
  if (request.method != "GET" && request.method != "HEAD") {
    auto r = http::Response::Error(405);
    r.Set("Allow", "GET, HEAD");
    return r;
  }
  const view::Asset* asset = assets_.FindByHashedName(request.path.substr(8));
  if (!asset) return http::Response::Error(404);
  http::Response r;
  r.Set("Content-Type", asset->content_type);
  r.Set("Cache-Control", "public, max-age=31536000, immutable");
  r.Set("ETag", asset->etag);
  if (!asset->gzipped.empty()) r.Set("Vary", "Accept-Encoding");
  if (request.Header("if-none-match") == asset->etag) {
    r.status = 304;
    return r;
  }
  if (!asset->gzipped.empty() && http::AcceptsGzip(request.Header("accept-encoding"))) {
    r.Set("Content-Encoding", "gzip");
    r.body = asset->gzipped;
  } else {
    r.body = asset->body;
  }
  return r;
}

http::Response App::Maintenance(const http::Request& request, const ops::MaintenanceState& state) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  std::int64_t retry_after = 300;
  if (state.until_epoch_seconds && *state.until_epoch_seconds > now) {
    retry_after = *state.until_epoch_seconds - now;
  }
  view::mustache::data page{view::mustache::data::type::object};
  page.set("retry_at", i18n::FormatWibTime(now + retry_after, request.lang, catalogs_));
  page.set("note", ops::MaintenanceMessage(state, request.lang));
  auto response = view::Page(request, *views_, "app/maintenance", "maintenance.title", page, 503);
  response.Set("Retry-After", std::to_string(retry_after));
  return response;
}

http::Response App::ErrorPage(const http::Request& request, int status) {
  const std::string code = std::to_string(status);
  view::mustache::data error{view::mustache::data::type::object};
  error.set("status", code);
  error.set("title", catalogs_.Get(request.lang, "error." + code + ".title"));
  error.set("message", catalogs_.Get(request.lang, "error." + code + ".message"));
  view::mustache::data page{view::mustache::data::type::object};
  page.set("error", error);
  try {
    return view::Page(request, *views_, "app/error", "error." + code + ".title", page, status);
  } catch (const std::exception& e) {
    access_log_.Error(request.request_id, std::string("error page: ") + e.what());
    return http::Response::Text(std::string(http::ReasonPhrase(status)) + "\n", status);
  }
}

http::Response App::ProtocolError(int status) {
  http::Request request;
  request.method = "GET";
  request.target = "/";
  request.path = "/";
  request.request_id = observe::NewRequestId();
  request.route = "(unreadable request)";
  http::Response response = ErrorPage(request, status);
  Finish(request, response);
  metrics_.ObserveRequest("-", request.route, status, 0);
  access_log_.Record(request, response, 0);
  return response;
}

void App::Finish(http::Request& request, http::Response& response) {
  identity::Identity::Finish(request, response);
  SecurityHeaderOptions options;
  options.over_tls = request.over_tls;
  options.hsts_max_age = config_.Int("http.hsts_max_age");
  ApplySecurityHeaders(response, options);
  response.Set("X-Request-Id", request.request_id);
  if (compress_ && !response.Has("Content-Encoding") && response.body.size() > 860 &&
      http::IsCompressibleType(response.Get("Content-Type")) &&
      http::AcceptsGzip(request.Header("accept-encoding"))) {
    response.body = http::Gzip(response.body);
    response.Set("Content-Encoding", "gzip");
    std::string vary(response.Get("Vary"));
    if (vary.find("Accept-Encoding") == std::string::npos) {
      response.Set("Vary", vary.empty() ? "Accept-Encoding" : vary + ", Accept-Encoding");
    }
  }
}

}  // namespace lumbung::app
