#include "identity/identity.h"

#include <soci/soci.h>

#include <algorithm>
#include <ctime>

#include "core/audit/audit_log.h"
#include "core/db/transaction.h"
#include "core/http/multipart.h"
#include "core/i18n/wib_time.h"
#include "core/inbox/inbox.h"
#include "core/mail/outbox.h"
#include "core/security/csrf.h"
#include "core/security/digest.h"
#include "core/security/encoding.h"
#include "core/security/tokens.h"
#include "core/view/page.h"
#include "identity/identity_impl.h"
#include "identity/passkey_store.h"
#include "identity/session_store.h"
#include "identity/staff_roles.h"
#include "identity/throttle_store.h"
#include "identity/token_store.h"
#include "identity/two_factor_store.h"

namespace lumbung::identity {
namespace {

// Seen within this long: no need to write last_seen_at again (one write a minute, not one a
// request). The idle timeout is counted from the last write, so it may end up to a minute early.
constexpr std::int64_t kTouchEverySeconds = 60;

bool IsFormPost(const http::Request& request) {
  return request.method == "POST";
}

void QueueCookie(http::Request& request, std::string_view name, std::string_view value,
                 const http::CookieOptions& options) {
  http::Response scratch;
  scratch.SetCookie(name, value, options);
  for (auto& [header, text] : scratch.headers) {
    if (header == "Set-Cookie") request.visitor.set_cookie_headers.emplace_back(header, text);
  }
}

}  // namespace

std::optional<std::string> SecurityNoticeFor(std::string_view mail_kind) {
  static const std::map<std::string_view, std::string_view> kNotices = {
      {"password_changed", "password_changed"},
      {"password_reset", "password_reset"},
      {"email_changed", "email_changed"},
      {"new_device", "new_device"},
      {"two_factor_added", "two_factor_changed"},
      {"two_factor_removed", "two_factor_changed"},
      {"two_factor_renamed", "two_factor_changed"},
      {"two_factor_reset", "two_factor_changed"},
      {"recovery_codes_new", "two_factor_changed"},
      {"recovery_code_used", "two_factor_changed"},
      {"browsers_forgotten", "two_factor_changed"},
      {"passkey_added", "two_factor_changed"},
      {"passkey_removed", "two_factor_changed"},
      {"passkey_counter", "two_factor_changed"},
      {"sign_in_failures", "sign_in_failures"},
      {"locked", "locked"},
      {"username_changed", "username_changed"},
      {"username_removed", "username_changed"},
      {"staff_unlocked", "staff_unlocked"},
      {"staff_sessions_ended", "staff_sessions_ended"}};
  auto it = kNotices.find(mail_kind);
  if (it == kNotices.end()) return std::nullopt;
  return "notifications.security." + std::string(it->second);
}

std::int64_t EpochOfAuditTime(const std::string& iso) {
  std::tm tm{};
  if (!strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return 0;
  return static_cast<std::int64_t>(timegm(&tm));
}

http::CookieOptions SecureCookie(long max_age_seconds) {
  http::CookieOptions options;
  options.path = "/";
  options.secure = true;
  options.http_only = true;
  options.same_site = "Lax";
  options.max_age_seconds = max_age_seconds;
  return options;
}

FormInput::FormInput(const http::Request& request) {
  if (http::IsMultipart(request)) {
    // An upload form: its text fields (the CSRF token among them), not the files.
    if (auto form = http::ParseMultipart(request, {}, /*skip_files=*/true)) {
      fields_ = std::move(form->fields);
    }
    return;
  }
  if (auto fields = http::ParseUrlEncoded(request.body)) fields_ = std::move(*fields);
}

std::string FormInput::Get(std::string_view name) const {
  for (const auto& [key, value] : fields_) {
    if (key == name) return value;
  }
  return "";
}

Identity::Impl::Impl(const config::Config& config_in, db::Database& database_in,
                     const view::Views& views_in, const IdentitySettings& settings_in)
    : config(config_in),
      database(database_in),
      views(views_in),
      catalogs(views_in.catalogs()),
      settings(settings_in),
      common_passwords(CommonPasswords::LoadFile(config_in.SharePath(kCommonPasswordsFile),
                                                 config_in.SharePath(kIndonesianWordsFile))),
      device_signer(security::DeriveKey(settings_in.master_key, "device.remember")),
      fund_name(config_in.String("fund.name")),
      web_address(config_in.String("fund.web_address").empty()
                      ? config_in.String("public.url")
                      : config_in.String("fund.web_address")),
      // Bounded memory: a session is a few hundred bytes, a rendered dashboard about 5 KB.
      live_visits(settings_in.cache_milliseconds, 16384),
      dashboard_pages(settings_in.cache_milliseconds, 1024) {}

std::int64_t Identity::Impl::Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Identity::Impl::When(const http::Request& request, std::int64_t epoch) const {
  return i18n::FormatWibTime(epoch, request.lang, catalogs);
}

void Identity::Impl::Audit(soci::session& sql, const http::Request& request, std::string action,
                           audit::Result result, std::optional<std::int64_t> actor,
                           std::optional<std::int64_t> subject, audit::Details details) const {
  audit::Event event;
  event.actor_user_id = actor;
  event.subject_user_id = subject;
  event.action = std::move(action);
  event.result = result;
  event.ip = request.remote_ip;
  event.user_agent = std::string(request.Header("user-agent"));
  event.details = std::move(details);
  audit::Append(sql, event);
}

std::string Identity::Impl::Link(std::string_view path, const std::string& token) const {
  return settings.public_url + std::string(path) + "?token=" + token;
}

void Identity::Impl::SendMail(soci::session& sql, const Account& account, const std::string& kind,
                              const std::string& link, bool with_report_link,
                              std::map<std::string, std::string> values) const {
  AccountMail m;
  m.kind = kind;
  m.to = account.email;
  m.lang = catalogs.Supports(account.lang) ? account.lang : "id";
  m.name = account.display_name;
  m.values = std::move(values);
  m.link = link;
  if (with_report_link) {
    const std::int64_t now = Now();
    m.report_link = Link(
        "/report", IssueToken(sql, account.id, kReport, kind, now, settings.report_seconds, false));
  }
  mail::Enqueue(sql, ComposeAccountMail(catalogs, fund_name, web_address, m),
                settings.message_id_domain);
  // Security mails also land in the member's inbox (/notifications), in the same transaction.
  if (const auto message = SecurityNoticeFor(kind)) {
    inbox::InboxItem item;
    item.account_id = account.id;
    item.category = std::string(inbox::kSecurity);
    item.message_id = *message;
    // Only the facts the notice's text names (never a link or a code).
    for (const char* name : {"device", "failures"}) {
      if (const auto it = m.values.find(name); it != m.values.end()) item.values[name] = it->second;
    }
    item.link = "/account/security";
    inbox::Post(sql, item);
  }
}

PasswordContext Identity::Impl::ContextFor(soci::session& sql, const Account& account) const {
  PasswordContext context;
  context.words = {fund_name, account.email, account.display_name};
  if (!account.nik.empty()) context.words.push_back(account.nik);
  if (!account.username.empty()) context.words.push_back(account.username);
  if (account.member_id) {
    long long member = *account.member_id;
    std::string kpj, birth;
    sql << "SELECT kpj, CAST(birth_date AS TEXT) FROM members WHERE id = :m", soci::into(kpj),
        soci::into(birth), soci::use(member);
    if (sql.got_data()) {
      context.words.push_back(kpj);
      if (birth.size() >= 10) {
        const std::string y = birth.substr(0, 4), m = birth.substr(5, 2), d = birth.substr(8, 2);
        context.words.push_back(y + "-" + m + "-" + d);
        context.words.push_back(d + m + y);
        context.words.push_back(d + "-" + m + "-" + y);
        context.words.push_back(d + m + y.substr(2));
      }
    }
  }
  return context;
}

std::string Identity::Impl::NewPasswordProblem(const http::Request& request,
                                               const std::string& password,
                                               const PasswordContext& context,
                                               bool has_second_factor) const {
  PasswordPolicy policy = settings.policy;
  if (!has_second_factor) {
    policy.min_length = std::max(policy.min_length, settings.min_length_without_2fa);
  }
  const PasswordVerdict verdict = CheckPassword(password, context, policy, common_passwords);
  if (verdict.problem == PasswordProblem::kNone) return "";
  const std::map<std::string, std::string> values = {
      {"password.min", std::to_string(std::max(policy.min_length, kMinPasswordLengthFloor))},
      {"password.max", std::to_string(std::max(policy.max_length, kAlwaysAllowedLength))},
      {"password.word", verdict.matched_context}};
  return Tf(request, PasswordProblemMessageId(verdict.problem), values);
}

http::Response Identity::Impl::FormPage(const http::Request& request, const view::Form& form,
                                        const std::string& title_id, int status) const {
  return view::Page(request, views, "app/form", title_id,
                    view::FormData(form, catalogs, request.lang), status);
}

void Identity::Impl::StartSession(soci::session& sql, http::Request& request,
                                  http::Response& response, const Account& account,
                                  std::string_view stage, std::int64_t lifetime_seconds) const {
  if (!request.visitor.session_key.empty()) EndSession(sql, request.visitor.session_key);
  const NewSession session = identity::StartSession(
      sql, account.id, request.remote_ip, std::string(request.Header("user-agent")), Now(),
      lifetime_seconds > 0 ? std::min(lifetime_seconds, settings.AbsoluteSecondsFor(account.role))
                           : settings.AbsoluteSecondsFor(account.role),
      stage);
  response.SetCookie(kSessionCookie, session.cookie_value, SecureCookie());
  // The rest of this request (a page rendered after signing in) belongs to the new session:
  // its forms must carry the new session's CSRF token.
  http::Visitor& visitor = request.visitor;
  visitor.csrf_secret = session.record.csrf_secret;
  visitor.session_key = session.record.id_hash;
  visitor.recently_authenticated = true;
  if (stage == kStageFull) {
    visitor.pending_stage.clear();
    visitor.pending_account_id = 0;
    visitor.account_id = account.id;
    visitor.role = account.role;
    visitor.member_id = account.member_id.value_or(0);
    visitor.employer_id = account.employer_id.value_or(0);
    visitor.display_name = account.display_name;
    visitor.staff_roles =
        account.role == kStaff ? StaffRolesOf(sql, account.id) : std::vector<std::string>{};
    visitor.idle_expires_at = session.record.created_at + settings.IdleSecondsFor(account.role);
  } else {
    visitor.account_id = 0;
    visitor.pending_stage = std::string(stage);
    visitor.pending_account_id = account.id;
  }
}

std::optional<std::pair<std::int64_t, std::string>> Identity::Impl::DeviceFromCookie(
    const http::Request& request) const {
  auto cookie = request.Cookie(kDeviceCookie);
  if (!cookie) return std::nullopt;
  auto value = device_signer.Verify(*cookie);
  if (!value) return std::nullopt;
  const auto colon = value->find(':');
  if (colon == std::string::npos) return std::nullopt;
  try {
    const std::int64_t account_id = std::stoll(value->substr(0, colon));
    return std::make_pair(account_id, security::HashToken(value->substr(colon + 1)));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void Identity::Impl::SetDeviceCookie(http::Response& response, std::int64_t account_id,
                                     const std::string& device_token) const {
  response.SetCookie(kDeviceCookie,
                     device_signer.Sign(std::to_string(account_id) + ":" + device_token),
                     SecureCookie(static_cast<long>(settings.device_cookie_seconds)));
}

Identity::Identity(const config::Config& config, db::Database& database, const view::Views& views)
    : settings_(SettingsFromConfig(config)) {
  impl_ = std::make_unique<Impl>(config, database, views, settings_);
  // The first dummy verification builds the dummy hash: do it now, not in a member's request.
  security::SpendDummyVerification(settings_.argon2);
}

Identity::~Identity() = default;

std::optional<http::Response> Identity::Attend(http::Request& request) {
  http::Visitor& visitor = request.visitor;
  const std::int64_t now = Impl::Now();
  if (auto cookie = request.Cookie(kSessionCookie)) {
    // A GET may reuse the session read a moment ago (fresh_cache.h: never after this process
    // changed anything); every other method reads it anew.
    const bool only_reads = request.method == "GET" || request.method == "HEAD";
    const auto read_visit = [&]() -> std::optional<Impl::LiveVisit> {
      auto lease = impl_->database.Acquire();
      soci::session& sql = lease.session();
      auto found = FindLiveSession(sql, *cookie, now, settings_.idle_seconds);
      if (!found) return std::nullopt;
      auto owner = FindAccountById(sql, found->account_id);
      if (!owner) return std::nullopt;
      owner->password_hash.clear();
      std::vector<std::string> staff_roles;
      if (owner->role == kStaff) staff_roles = StaffRolesOf(sql, owner->id);
      return Impl::LiveVisit{std::move(*found), std::move(*owner), std::move(staff_roles)};
    };
    const std::string cache_key = cookie->size() == 43 ? security::HashToken(*cookie) : "";
    std::optional<Impl::LiveVisit> visit;
    if (only_reads && !cache_key.empty() && impl_->live_visits.enabled()) {
      visit = *impl_->live_visits.Get(cache_key, read_visit);
      if (visit && !IsLive(visit->session, now, settings_.idle_seconds)) visit.reset();
    } else {
      visit = read_visit();
    }
    // Staff sessions end sooner than the limit the session table was searched with.
    if (visit && !IsLive(visit->session, now, settings_.IdleSecondsFor(visit->account.role))) {
      visit.reset();
    }
    std::optional<SessionRecord> session;
    std::optional<Account> account;
    std::vector<std::string> staff_roles;
    if (visit) {
      session = std::move(visit->session);
      account = std::move(visit->account);
      staff_roles = std::move(visit->staff_roles);
    }
    const std::int64_t idle_seconds =
        account ? settings_.IdleSecondsFor(account->role) : settings_.idle_seconds;
    // The session's last activity is written at most once a minute; the cached copy follows.
    const auto touch = [&](const SessionRecord& s) {
      auto lease = impl_->database.Acquire();
      TouchSession(lease.session(), s.id_hash, now);
      if (!cache_key.empty()) {
        impl_->live_visits.Update(cache_key, [now](std::optional<Impl::LiveVisit>& v) {
          if (v) v->session.last_seen_at = now;
        });
      }
    };
    if (session && account && account->state != "disabled" && session->stage != kStageFull) {
      // Partway through signing in: not signed in, but the session's CSRF secret protects the
      // remaining steps' forms.
      visitor.pending_stage = session->stage;
      visitor.pending_account_id = account->id;
      visitor.role = account->role;
      visitor.csrf_secret = session->csrf_secret;
      visitor.session_key = session->id_hash;
      visitor.recently_authenticated = now - session->reauth_at <= settings_.step_up_seconds;
      if (now - session->last_seen_at >= std::min(kTouchEverySeconds, idle_seconds / 4)) {
        touch(*session);
      }
    } else if (session && account && account->state != "disabled") {
      visitor.recently_authenticated = now - session->reauth_at <= settings_.step_up_seconds;
      visitor.account_id = account->id;
      visitor.role = account->role;
      visitor.member_id = account->member_id.value_or(0);
      visitor.employer_id = account->employer_id.value_or(0);
      visitor.display_name = account->display_name;
      visitor.staff_roles = std::move(staff_roles);
      visitor.csrf_secret = session->csrf_secret;
      visitor.session_key = session->id_hash;
      std::int64_t seen = session->last_seen_at;
      const bool stay = request.method == "POST" && request.path == "/account/stay-signed-in";
      // Short idle timeouts (tests, kiosks) need more frequent writes than once a minute.
      const std::int64_t touch_every = std::min(kTouchEverySeconds, idle_seconds / 4);
      if (now - seen >= touch_every || stay) {
        touch(*session);
        seen = now;
      }
      visitor.idle_expires_at = std::min(seen + idle_seconds, session->expires_at);
    } else {
      visitor.session_expired = true;
      QueueCookie(request, kSessionCookie, "", SecureCookie(0));
    }
  }
  if (!visitor.signed_in() && visitor.pending_stage.empty()) {
    auto pre = request.Cookie(kPreSessionCookie);
    if (pre && pre->size() == 43 && security::Base64UrlDecode(*pre)) {
      visitor.csrf_secret = *pre;
    } else {
      visitor.csrf_secret = security::NewToken(32);
      QueueCookie(request, kPreSessionCookie, visitor.csrf_secret, SecureCookie());
    }
  }
  if (IsFormPost(request)) {
    FormInput form(request);
    if (!security::CheckCsrfToken(visitor.csrf_secret, form.Get("csrf"))) {
      return http::Response::Error(403);
    }
  }
  return std::nullopt;
}

void Identity::Finish(http::Request& request, http::Response& response) {
  // A new pre-session secret matters only to a page that can carry a form: redirects, files and
  // probes do not set it (nor tell a client anything new).
  const bool html = response.Get("Content-Type").rfind("text/html", 0) == 0;
  const std::string pre_prefix = std::string(kPreSessionCookie) + "=";
  // A cookie the handler set itself (a new session at sign-in) wins over one queued before
  // routing (clearing an ended session's cookie): browsers apply Set-Cookie in order.
  const auto cookie_name = [](const std::string& header) {
    return header.substr(0, header.find('='));
  };
  std::vector<std::string> set_by_handler;
  for (const auto& [name, value] : response.headers) {
    if (name == "Set-Cookie") set_by_handler.push_back(cookie_name(value));
  }
  for (auto& [name, value] : request.visitor.set_cookie_headers) {
    if (!html && value.rfind(pre_prefix, 0) == 0) continue;
    if (std::find(set_by_handler.begin(), set_by_handler.end(), cookie_name(value)) !=
        set_by_handler.end()) {
      continue;
    }
    response.Add(name, value);
  }
  request.visitor.set_cookie_headers.clear();
}

void Identity::AddDashboardCards(view::DashboardCardSource source) {
  impl_->dashboard_cards.push_back(std::move(source));
}

void Identity::AddRoutes(http::Router& router) {
  impl_->AddSignInRoutes(router);
  impl_->AddRegisterRoutes(router);
  impl_->AddPasswordRoutes(router);
  impl_->AddAccountRoutes(router);
  impl_->AddStaffRoutes(router);
  impl_->AddStaffMemberRoutes(router, *this);
  impl_->AddStaffAccountRoutes(router, *this);
  impl_->AddTwoFactorRoutes(router);
  impl_->AddPasskeyRoutes(router);
}

std::int64_t Identity::AddUser(const std::string& role, const std::string& email_text,
                               const std::string& display_name,
                               std::optional<std::int64_t> employer_id, const std::string& lang,
                               const std::string& staff_roles_text) {
  if (!IsRole(role) || role == "member") {
    throw std::invalid_argument(
        "--role must be employer_admin, employer_staff or staff (members create their own "
        "accounts at /register)");
  }
  std::vector<std::string> staff_roles;
  if (role == kStaff) {
    auto parsed = ParseStaffRoles(staff_roles_text);
    if (!parsed) {
      throw std::invalid_argument(
          "--staff-roles must name one or more of member_services, claims_verifier, "
          "claims_approver, finance, subsidy_officer, content_editor, analyst, training_provider, "
          "certifier, administrator");
    }
    staff_roles = std::move(*parsed);
  } else if (!staff_roles_text.empty()) {
    throw std::invalid_argument("--staff-roles is only for --role staff");
  }
  auto email = NormaliseEmail(email_text);
  if (!email) throw std::invalid_argument("--email is not a valid e-mail address");
  if (display_name.empty() || display_name.size() > 200) {
    throw std::invalid_argument("--name must have 1 to 200 characters");
  }
  if (IsEmployerRole(role) != employer_id.has_value()) {
    throw std::invalid_argument(
        "--employer is required for employer_admin and employer_staff, and only for them");
  }
  if (!impl_->catalogs.Supports(lang)) throw std::invalid_argument("--lang must be id or en");
  auto lease = impl_->database.Acquire();
  soci::session& sql = lease.session();
  auto tx = db::Transaction::ForWriting(sql);
  if (employer_id) {
    long long id = *employer_id, found = 0;
    sql << "SELECT COUNT(*) FROM employers WHERE id = :id", soci::use(id), soci::into(found);
    if (found == 0) throw std::invalid_argument("--employer: no employer has that id");
  }
  const auto id = Invite(sql, Invitation{.role = role,
                                         .email = *email,
                                         .display_name = display_name,
                                         .employer_id = employer_id,
                                         .staff_roles = staff_roles,
                                         .lang = lang});
  if (!id) throw std::invalid_argument("an account with that e-mail address exists already");
  audit::Event event;
  event.subject_user_id = *id;
  event.action = "account.invited";
  event.details = {{"role", role}, {"by", "cli"}};
  if (!staff_roles.empty()) {
    std::string joined;
    for (const auto& r : staff_roles) joined += (joined.empty() ? "" : ",") + r;
    event.details["staff_roles"] = joined;
  }
  audit::Append(sql, event);
  tx.Commit();
  return *id;
}

std::optional<std::int64_t> Identity::Invite(soci::session& sql,
                                             const Invitation& invitation) const {
  if (FindAccountByEmail(sql, invitation.email)) return std::nullopt;
  const std::int64_t now = Impl::Now();
  Account account;
  account.role = invitation.role;
  account.state = "pending";
  account.employer_id = invitation.employer_id;
  account.email = invitation.email;
  account.display_name = invitation.display_name;
  account.lang = impl_->catalogs.Supports(invitation.lang) ? invitation.lang : "id";
  account.created_at = now;
  account.id = InsertAccount(sql, account);
  if (account.role == kStaff) {
    if (invitation.staff_roles.empty()) throw std::invalid_argument("staff need a staff role");
    SetStaffRoles(sql, account.id, invitation.staff_roles, invitation.invited_by, now);
  }
  const std::string token =
      IssueToken(sql, account.id, kInvitation, "", now, settings_.invitation_seconds);
  impl_->SendMail(sql, account, "invitation", impl_->Link("/invitation", token), false,
                  {{"role", impl_->catalogs.Get(account.lang, "identity.role." + account.role)},
                   {"hours", std::to_string(settings_.invitation_seconds / 3600)}});
  return account.id;
}

void Identity::SetDisabled(soci::session& sql, const Account& account, bool disabled,
                           const std::string& by) const {
  const std::map<std::string, std::string> values = {{"by", by.empty() ? impl_->fund_name : by}};
  if (disabled) {
    // Every session, on every instance: each request other than a GET reads its session and
    // account anew, a GET within cache.seconds at most (this instance forgets what it cached
    // once the request that disabled the account ends).
    EndSessionsExcept(sql, account.id, "");
    if (account.state == "disabled") return;
    SetState(sql, account.id, "disabled");
    impl_->SendMail(sql, account, "account_disabled", settings_.public_url + "/help", false,
                    values);
  } else if (account.state == "disabled") {
    SetState(sql, account.id, account.email_verified_at ? "active" : "pending");
    impl_->SendMail(sql, account, "account_enabled", settings_.public_url + "/login", false,
                    values);
  }
}

void Identity::Impl::UnlockAccount(soci::session& sql, const Account& account) const {
  if (account.state == "locked") SetState(sql, account.id, "active");
  SaveThrottle(sql, "login:a:" + std::to_string(account.id), ThrottleState{});
  SaveThrottle(sql, "2fa:a:" + std::to_string(account.id), ThrottleState{});
}

int Identity::Impl::ResetSecondFactors(soci::session& sql, const Account& account) const {
  RemoveAllSecondFactors(sql, account.id);
  RemoveAllPasskeys(sql, account.id);
  const int ended = EndSessionsExcept(sql, account.id, "");
  SendMail(sql, account, "two_factor_reset", settings.public_url + "/login", true);
  return ended;
}

bool Identity::UnlockByEmail(const std::string& email_text) {
  auto email = NormaliseEmail(email_text);
  if (!email) return false;
  auto lease = impl_->database.Acquire();
  soci::session& sql = lease.session();
  auto tx = db::Transaction::ForWriting(sql);
  auto account = FindAccountByEmail(sql, *email);
  if (!account) return false;
  impl_->UnlockAccount(sql, *account);
  audit::Event event;
  event.subject_user_id = account->id;
  event.action = "account.unlocked";
  event.details = {{"by", "cli"}};
  audit::Append(sql, event);
  tx.Commit();
  return true;
}

bool Identity::ResetSecondFactorsByEmail(const std::string& email_text, const std::string& reason) {
  auto email = NormaliseEmail(email_text);
  if (!email) return false;
  auto lease = impl_->database.Acquire();
  soci::session& sql = lease.session();
  auto tx = db::Transaction::ForWriting(sql);
  auto account = FindAccountByEmail(sql, *email);
  if (!account) return false;
  const int ended = impl_->ResetSecondFactors(sql, *account);
  audit::Event event;
  event.subject_user_id = account->id;
  event.action = "two_factor.reset";
  event.details = {{"by", "cli"},
                   {"reason", audit::CleanText(reason, 200)},
                   {"sessions_ended", std::to_string(ended)}};
  audit::Append(sql, event);
  tx.Commit();
  return true;
}

bool Identity::SetDisabledByEmail(const std::string& email_text, bool disabled) {
  auto email = NormaliseEmail(email_text);
  if (!email) return false;
  auto lease = impl_->database.Acquire();
  soci::session& sql = lease.session();
  auto tx = db::Transaction::ForWriting(sql);
  auto account = FindAccountByEmail(sql, *email);
  if (!account) return false;
  SetDisabled(sql, *account, disabled, "");
  audit::Event event;
  event.subject_user_id = account->id;
  event.action = disabled ? "account.disabled" : "account.enabled";
  event.details = {{"by", "cli"}};
  audit::Append(sql, event);
  tx.Commit();
  return true;
}

}  // namespace lumbung::identity
