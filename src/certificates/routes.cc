// OWASP ASVS 4.0.3: V4.1.1/V4.2.1 (every route checks who asks; a member reaches only their own
// certificates, a provider only its own), V4.2.2 (CSRF on every POST, by the middleware), V2.2.1
// and V11.1.4 (the public check is throttled per client), V8.3.1 (the public page shows a masked
// name, never the NIK or birth date), V7.1.1 (nothing personal in the audit details).
#include "certificates/routes.h"

#include <soci/soci.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>

#include "certificates/certificate_code.h"
#include "certificates/certificate_pdf.h"
#include "certificates/certificate_store.h"
#include "certificates/credential.h"
#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/http/url.h"
#include "core/i18n/day_text.h"
#include "core/i18n/fund_time.h"
#include "core/security/encoding.h"
#include "core/security/master_key.h"
#include "core/security/tokens.h"
#include "core/view/form.h"
#include "core/view/mask.h"
#include "core/view/page.h"
#include "core/view/qr_svg.h"
#include "credentials/jwt.h"
#include "credentials/key_ring.h"
#include "credentials/status_list.h"
#include "identity/throttle_store.h"

namespace lumbung::certificates {
namespace {

using view::mustache::data;

constexpr std::int64_t kThrottleWindow = 3600;
constexpr int kDefaultVerifyPerHour = 60;
constexpr int kStaffListSize = 200;

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Settings {
  std::string fund_name;
  std::string public_url;
  std::filesystem::path font_file;
  std::string master_key;
  int verify_per_hour = kDefaultVerifyPerHour;
  inbox::Notifier notify;
};

int DeclaredIntOr(const config::Config& config, const std::string& key, int fallback) {
  for (const auto& info : config::Config::Keys()) {
    if (info.key == key) return static_cast<int>(config.Int(key));
  }
  return fallback;
}

std::string Trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::string Field(const http::Fields& fields, std::string_view name) {
  for (const auto& [k, v] : fields) {
    if (k == name) return v;
  }
  return "";
}

int FundOffsetSeconds() {
  return static_cast<int>(i18n::FundZoneOffset(i18n::CurrentFundZone()).count());
}

std::string Today() {
  return view::IsoDate(i18n::FundToday());
}

std::string VerifyUrl(const Settings& settings, const std::string& code) {
  return CredentialId(settings.public_url, code);
}

std::string StatusListUrl(const Settings& settings) {
  std::string base = settings.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/credentials/status/" + std::string(kStatusList);
}

std::string MemberName(soci::session& sql, std::int64_t member_id) {
  long long member = member_id;
  std::string name;
  sql << "SELECT full_name FROM members WHERE id = :m", soci::use(member), soci::into(name);
  return name;
}

// The facts every page shows of a certificate, in the page's language.
data Facts(const view::Views& views, const std::string& lang, const Certificate& c,
           const std::string& today) {
  const auto& t = views.catalogs();
  const CertificateState state = StateOn(c, today);
  data d{data::type::object};
  d.set("id", std::to_string(c.id));
  d.set("competency", c.competency);
  d.set("level", c.level);
  d.set("has_level", !c.level.empty());
  d.set("issuer", c.issuer_name);
  d.set("issued_on", i18n::DayText(t, lang, c.issued_on));
  d.set("expires_on", c.expires_on.empty() ? t.Get(lang, "certificates.no_expiry")
                                           : i18n::DayText(t, lang, c.expires_on));
  d.set("status", std::string(StateName(state)));
  d.set("status_text", t.Get(lang, "certificates.state." + std::string(StateName(state))));
  d.set("valid", state == CertificateState::kValid);
  d.set("code", GroupCode(c.code));
  if (c.revoked_at) {
    d.set("revoked", true);
    d.set("revoked_on", i18n::DayText(t, lang, i18n::FundDayIso(*c.revoked_at)));
  }
  return d;
}

// Who the staff visitor acts for: their provider, or the fund for a certifier; nullopt when
// neither (a provider account not linked to a provider).
std::optional<Revoker> ActingFor(soci::session& sql, const http::Request& request) {
  if (request.visitor.HasStaffRole("training_provider")) {
    if (const auto provider = ProviderOfAccount(sql, request.visitor.account_id)) {
      return Revoker{request.visitor.account_id, *provider};
    }
  }
  if (request.visitor.HasStaffRole("certifier")) return Revoker{request.visitor.account_id, 0};
  return std::nullopt;
}

struct Routes {
  db::Database& database;
  const view::Views& views;
  Settings settings;

  std::string T(const http::Request& request, const std::string& id) const {
    return views.catalogs().Get(request.lang, id);
  }

  // ---- members --------------------------------------------------------------------------

  http::Response List(http::Request& request) const {
    std::vector<Certificate> mine;
    {
      auto lease = database.Acquire();
      mine = MemberCertificates(lease.session(), request.visitor.member_id);
    }
    const std::string today = Today();
    data list{data::type::list};
    for (const Certificate& c : mine) list.push_back(Facts(views, request.lang, c, today));
    data page{data::type::object};
    page.set("certificates", list);
    page.set("has_certificates", !mine.empty());
    return view::Page(request, views, "certificates/list", "certificates.title", page);
  }

  std::optional<Certificate> Own(const http::Request& request) const {
    const auto id = http::PathId(request, "id");
    if (!id) return std::nullopt;
    auto lease = database.Acquire();
    return FindMemberCertificate(lease.session(), request.visitor.member_id, *id);
  }

  http::Response Detail(http::Request& request) const {
    const auto c = Own(request);
    if (!c) return http::Response::Error(404);
    data page = Facts(views, request.lang, *c, Today());
    const std::string url = VerifyUrl(settings, c->code);
    page.set("verify_url", url);
    page.set("qr", view::QrSvg(url, T(request, "certificates.qr_label"), 3));
    return view::Page(request, views, "certificates/detail", "certificates.detail_title", page);
  }

  http::Response Pdf(http::Request& request) const {
    const auto c = Own(request);
    if (!c) return http::Response::Error(404);
    std::string holder;
    {
      auto lease = database.Acquire();
      holder = MemberName(lease.session(), c->member_id);
    }
    const std::string& lang = request.lang;
    const auto& t = views.catalogs();
    CertificatePdfText text;
    text.fund_name = settings.fund_name;
    text.title = t.Get(lang, "certificates.pdf_title");
    text.holder = holder;
    text.facts = {{t.Get(lang, "certificates.competency"), c->competency}};
    if (!c->level.empty()) text.facts.emplace_back(t.Get(lang, "certificates.level"), c->level);
    text.facts.emplace_back(t.Get(lang, "certificates.issuer"), c->issuer_name);
    text.facts.emplace_back(t.Get(lang, "certificates.issued_on"),
                            i18n::DayText(t, lang, c->issued_on));
    text.facts.emplace_back(t.Get(lang, "certificates.expires_on"),
                            c->expires_on.empty() ? t.Get(lang, "certificates.no_expiry")
                                                  : i18n::DayText(t, lang, c->expires_on));
    text.code_label = t.Get(lang, "certificates.code");
    text.code = GroupCode(c->code);
    text.verify_label = t.Get(lang, "certificates.pdf_verify");
    text.verify_url = VerifyUrl(settings, c->code);
    http::Response response;
    response.body = RenderCertificatePdf(text, settings.font_file);
    response.Set("Content-Type", "application/pdf");
    response.Set("Content-Disposition",
                 "attachment; filename=\"certificate-" + std::to_string(c->id) + ".pdf\"");
    return response;
  }

  http::Response Credential(http::Request& request) const {
    const auto c = Own(request);
    if (!c) return http::Response::Error(404);
    const std::int64_t now = Now();
    std::string holder;
    credentials::KeyRing ring;
    {
      auto lease = database.Acquire();
      holder = MemberName(lease.session(), c->member_id);
      ring = credentials::LoadKeyRing(lease.session(), settings.master_key, now);
    }
    CredentialInput input{
        .certificate = *c,
        .holder_name = holder,
        .salt = security::HexEncode(*security::Base64UrlDecode(security::NewToken(16))),
        .public_url = settings.public_url,
        .fund_name = settings.fund_name,
        .utc_offset_seconds = FundOffsetSeconds(),
        .issued_at = now,
        .credential_status =
            credentials::StatusListEntry(StatusListUrl(settings), c->status_index)};
    const nlohmann::json claims = CredentialClaims(AchievementCredential(input), input);
    http::Response response;
    response.body = credentials::SignJwt(claims, ring.ActiveKey(), {{"typ", "vc+jwt"}});
    response.Set("Content-Type", "application/vc+jwt");
    response.Set("Content-Disposition",
                 "attachment; filename=\"certificate-" + std::to_string(c->id) + ".jwt\"");
    return response;
  }

  // ---- staff ------------------------------------------------------------------------------

  http::Response StaffList(http::Request& request) const {
    std::vector<Certificate> issued;
    std::map<std::int64_t, std::string> names;
    std::optional<Revoker> acting;
    {
      auto lease = database.Acquire();
      acting = ActingFor(lease.session(), request);
      if (!acting) return http::Response::Error(403);
      issued = IssuerCertificates(lease.session(), acting->provider_id, kStaffListSize);
      for (const Certificate& c : issued) {
        if (!names.count(c.member_id))
          names[c.member_id] = MemberName(lease.session(), c.member_id);
      }
    }
    const std::string today = Today();
    data list{data::type::list};
    for (const Certificate& c : issued) {
      data row = Facts(views, request.lang, c, today);
      row.set("holder", view::MaskName(names[c.member_id]));
      list.push_back(row);
    }
    data page{data::type::object};
    page.set("certificates", list);
    page.set("has_certificates", !issued.empty());
    page.set("can_issue", acting->provider_id == 0);
    const std::string notice = request.Query("notice").value_or("");
    if (notice == "issued" || notice == "revoked") {
      page.set("notice", T(request, "certificates.staff.notice_" + notice));
    }
    return view::Page(request, views, "certificates/staff", "certificates.staff.title", page);
  }

  view::Form IssueForm(const http::Request& request) const {
    view::Form form;
    form.heading = T(request, "certificates.staff.issue_title");
    form.intro = {T(request, "certificates.staff.issue_intro")};
    form.action = "/staff/certificates/new";
    view::FormGroup group;
    group.fields = {
        view::FormField{.name = "nik",
                        .label = T(request, "certificates.staff.nik"),
                        .hint = T(request, "certificates.staff.nik_hint"),
                        .autocomplete = "off",
                        .inputmode = "numeric",
                        .width = "w16",
                        .maxlength = 24},
        view::FormField{.name = "competency",
                        .label = T(request, "certificates.competency"),
                        .hint = T(request, "certificates.staff.competency_hint"),
                        .maxlength = 200},
        view::FormField{.name = "level",
                        .label = T(request, "certificates.level"),
                        .hint = T(request, "certificates.staff.level_hint"),
                        .required = false,
                        .maxlength = 100},
        view::FormField{.name = "issued_on",
                        .label = T(request, "certificates.issued_on"),
                        .hint = T(request, "certificates.staff.date_hint"),
                        .type = "date"},
        view::FormField{.name = "expires_on",
                        .label = T(request, "certificates.expires_on"),
                        .hint = T(request, "certificates.staff.expires_hint"),
                        .type = "date",
                        .required = false},
    };
    form.groups = {group};
    form.submit = T(request, "certificates.staff.issue_submit");
    form.links = {{"/staff/certificates", T(request, "certificates.staff.back")}};
    return form;
  }

  http::Response IssueFormPage(http::Request& request) const {
    return FormPage(request, IssueForm(request), "certificates.staff.issue_title", 200);
  }

  http::Response FormPage(const http::Request& request, const view::Form& form,
                          const std::string& title_id, int status) const {
    return view::Page(request, views, "app/form", title_id,
                      view::FormData(form, views.catalogs(), request.lang), status);
  }

  http::Response Issue(http::Request& request) const {
    const auto fields = http::ParseUrlEncoded(request.body);
    if (!fields) return http::Response::Error(400);
    view::Form form = IssueForm(request);
    const std::string& lang = request.lang;
    const auto& t = views.catalogs();
    for (const char* name : {"nik", "competency", "level"}) {
      form.Field(name)->value = Field(*fields, name);
    }
    std::string nik;
    for (const char c : Field(*fields, "nik")) {
      if (c == ' ' || c == '.' || c == '-') continue;
      nik.push_back(c);
    }
    const bool nik_ok =
        nik.size() == 16 && nik.find_first_not_of("0123456789") == std::string::npos;
    if (!nik_ok) form.Field("nik")->error = t.Get(lang, "certificates.error.nik_invalid");

    const auto earliest = std::chrono::year_month_day(std::chrono::year(1990), std::chrono::January,
                                                      std::chrono::day(1));
    const auto today = i18n::FundToday();
    const auto issued =
        view::ReadDateField(*form.Field("issued_on"),
                            {Field(*fields, "issued_on_day"), Field(*fields, "issued_on_month"),
                             Field(*fields, "issued_on_year")},
                            earliest, today, "certificates.error.date_", t, lang);
    const view::DateParts typed_expiry{Field(*fields, "expires_on_day"),
                                       Field(*fields, "expires_on_month"),
                                       Field(*fields, "expires_on_year")};
    std::optional<std::chrono::year_month_day> expires;
    const bool expiry_typed =
        !typed_expiry.day.empty() || !typed_expiry.month.empty() || !typed_expiry.year.empty();
    if (expiry_typed) {
      expires = view::ReadDateField(
          *form.Field("expires_on"), typed_expiry, earliest,
          std::chrono::year_month_day(std::chrono::year(2200), std::chrono::December,
                                      std::chrono::day(31)),
          "certificates.error.date_", t, lang);
    }

    NewCertificate certificate{.competency = Trimmed(Field(*fields, "competency")),
                               .level = Trimmed(Field(*fields, "level")),
                               .provider_id = 0,
                               .issuer_name = settings.fund_name,
                               .issued_by_account = request.visitor.account_id,
                               .issued_on = issued ? view::IsoDate(*issued) : "",
                               .expires_on = expires ? view::IsoDate(*expires) : ""};
    for (const FieldError& error : CheckNewCertificate(certificate)) {
      view::FormField* field = form.Field(error.field);
      if (!field || !field->error.empty()) continue;
      // Dates already said what was wrong with them as typed.
      if ((error.field == "issued_on" && !issued) ||
          (error.field == "expires_on" && expiry_typed && !expires)) {
        continue;
      }
      field->error = t.Get(lang, error.message_id);
    }
    if (form.HasErrors()) return FormPage(request, form, "certificates.staff.issue_title", 422);

    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    long long member_id = 0;
    sql << "SELECT id FROM members WHERE nik = :nik", soci::use(nik), soci::into(member_id);
    if (!sql.got_data()) {
      form.Field("nik")->error = t.Get(lang, "certificates.error.nik_unknown");
      return FormPage(request, form, "certificates.staff.issue_title", 422);
    }
    certificate.member_id = member_id;
    auto tx = db::Transaction::ForWriting(sql);
    IssueCertificate(sql, certificate, Now(), settings.notify);
    tx.Commit();
    return http::Response::Redirect("/staff/certificates?notice=issued");
  }

  view::Form RevokeForm(const http::Request& request, const Certificate& c) const {
    view::Form form;
    form.heading = T(request, "certificates.staff.revoke_title");
    form.intro = {
        views.catalogs().Format(request.lang, "certificates.staff.revoke_intro",
                                {{"competency", c.competency}, {"code", GroupCode(c.code)}})};
    form.action = "/staff/certificates/" + std::to_string(c.id) + "/revoke";
    view::FormGroup group;
    group.fields = {view::FormField{.name = "reason",
                                    .label = T(request, "certificates.staff.reason"),
                                    .hint = T(request, "certificates.staff.reason_hint"),
                                    .maxlength = 500}};
    form.groups = {group};
    form.submit = T(request, "certificates.staff.revoke_submit");
    form.submit_warning = true;
    form.links = {{"/staff/certificates", T(request, "certificates.staff.back")}};
    return form;
  }

  // The certificate in the path when the visitor's issuer issued it (else nullopt: 404).
  std::optional<std::pair<Certificate, Revoker>> Revocable(soci::session& sql,
                                                           const http::Request& request) const {
    const auto id = http::PathId(request, "id");
    const auto acting = ActingFor(sql, request);
    if (!id || !acting) return std::nullopt;
    const auto c = FindCertificate(sql, *id);
    if (!c || c->provider_id != acting->provider_id) return std::nullopt;
    return std::make_pair(*c, *acting);
  }

  http::Response RevokePage(http::Request& request) const {
    std::optional<std::pair<Certificate, Revoker>> found;
    {
      auto lease = database.Acquire();
      found = Revocable(lease.session(), request);
    }
    if (!found) return http::Response::Error(404);
    if (found->first.revoked_at) return http::Response::Redirect("/staff/certificates");
    return FormPage(request, RevokeForm(request, found->first), "certificates.staff.revoke_title",
                    200);
  }

  http::Response RevokePost(http::Request& request) const {
    const auto fields = http::ParseUrlEncoded(request.body);
    if (!fields) return http::Response::Error(400);
    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    const auto found = Revocable(sql, request);
    if (!found) return http::Response::Error(404);
    const std::string reason = Trimmed(Field(*fields, "reason"));
    auto tx = db::Transaction::ForWriting(sql);
    const RevokeResult result =
        Revoke(sql, found->first.id, found->second, reason, Now(), settings.notify);
    if (result == RevokeResult::kReasonRequired) {
      view::Form form = RevokeForm(request, found->first);
      form.Field("reason")->value = Field(*fields, "reason");
      form.Field("reason")->error = T(request, "certificates.error.reason_invalid");
      return FormPage(request, form, "certificates.staff.revoke_title", 422);
    }
    if (result == RevokeResult::kNotFound) return http::Response::Error(404);
    tx.Commit();
    return http::Response::Redirect("/staff/certificates?notice=revoked");
  }

  // ---- anyone -----------------------------------------------------------------------------

  view::Form VerifyForm(const http::Request& request) const {
    view::Form form;
    form.heading = T(request, "certificates.verify.title");
    form.intro = {T(request, "certificates.verify.intro")};
    form.action = "/verify/certificate";
    form.get = true;
    view::FormGroup group;
    group.fields = {view::FormField{.name = "code",
                                    .label = T(request, "certificates.code"),
                                    .hint = T(request, "certificates.verify.code_hint"),
                                    .autocomplete = "off",
                                    .width = "w20",
                                    .maxlength = 40}};
    form.groups = {group};
    form.submit = T(request, "certificates.verify.submit");
    return form;
  }

  http::Response VerifyFormPage(http::Request& request) const {
    view::Form form = VerifyForm(request);
    const auto typed = request.Query("code");
    if (!typed) return FormPage(request, form, "certificates.verify.title", 200);
    form.Field("code")->value = *typed;
    const auto code = ParseCertificateCode(*typed);
    if (!code) {
      form.Field("code")->error = T(request, "certificates.error.code_invalid");
      return FormPage(request, form, "certificates.verify.title", 422);
    }
    return http::Response::Redirect("/verify/certificate/" + *code);
  }

  http::Response Verify(http::Request& request) const {
    const std::string& lang = request.lang;
    const auto& t = views.catalogs();
    const std::int64_t now = Now();
    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    bool allowed = false;
    {
      auto tx = db::Transaction::ForWriting(sql);
      allowed = identity::TakeRateLimit(sql, "certificate_verify:ip:" + request.remote_ip,
                                        settings.verify_per_hour, kThrottleWindow, now);
      tx.Commit();
    }
    if (!allowed) {
      data page{data::type::object};
      page.set("throttled", true);
      auto response =
          view::Page(request, views, "certificates/verify", "certificates.verify.title", page, 429);
      response.Set("Retry-After", std::to_string(kThrottleWindow - now % kThrottleWindow));
      response.Set("X-Robots-Tag", "noindex, nofollow");
      return response;
    }
    // The same lookup whatever was typed: a malformed code looks up nothing that exists.
    const auto code = ParseCertificateCode(request.params["code"]);
    const auto found = FindByCode(sql, code.value_or(""));
    data page{data::type::object};
    if (found) {
      page = Facts(views, lang, *found, Today());
      page.set("found", true);
      page.set("holder", view::MaskName(MemberName(sql, found->member_id)));
      page.set("fund", settings.fund_name);
    } else {
      page.set("status", std::string("unknown"));
      page.set("status_text", t.Get(lang, "certificates.state.unknown"));
    }
    auto response = view::Page(request, views, "certificates/verify", "certificates.verify.title",
                               page, found ? 200 : 404);
    response.Set("X-Robots-Tag", "noindex, nofollow");
    response.Set("Cache-Control", "no-store");
    return response;
  }

  http::Response Jwks(http::Request&) const {
    nlohmann::json jwks;
    {
      auto lease = database.Acquire();
      // Made on first use, so a verifier never meets an empty set once a credential exists.
      credentials::LoadKeyRing(lease.session(), settings.master_key, Now());
      jwks = credentials::LoadJwks(lease.session());
    }
    auto response = http::Response::Json(jwks.dump());
    response.Set("Content-Type", "application/jwk-set+json");
    response.Set("Cache-Control", "public, max-age=300");
    response.Set("Access-Control-Allow-Origin", "*");
    return response;
  }

  http::Response StatusList(http::Request& request) const {
    if (request.params["list"] != kStatusList) return http::Response::Error(404);
    const std::int64_t now = Now();
    credentials::KeyRing ring;
    std::string encoded;
    {
      auto lease = database.Acquire();
      ring = credentials::LoadKeyRing(lease.session(), settings.master_key, now);
      encoded = credentials::EncodedStatusList(lease.session(), kStatusList);
    }
    std::string issuer = settings.public_url;
    while (!issuer.empty() && issuer.back() == '/') issuer.pop_back();
    const std::string url = StatusListUrl(settings);
    nlohmann::json claims =
        credentials::StatusListCredential({.id = url,
                                           .issuer = issuer,
                                           .valid_from = DateTime(now, 0).substr(0, 19) + "Z",
                                           .valid_until = "",
                                           .encoded_list = encoded});
    claims["iss"] = issuer;
    claims["jti"] = url;
    claims["iat"] = now;
    claims["nbf"] = now;
    http::Response response;
    response.body = credentials::SignJwt(claims, ring.ActiveKey(), {{"typ", "vc+jwt"}});
    response.Set("Content-Type", "application/vc+jwt");
    // Revocation shows at once: nobody keeps a copy.
    response.Set("Cache-Control", "no-store");
    response.Set("Access-Control-Allow-Origin", "*");
    return response;
  }
};

}  // namespace

void AddCertificateRoutes(http::Router& router, db::Database& database, const view::Views& views,
                          const config::Config& config, inbox::Notifier notify) {
  Settings settings;
  settings.fund_name = config.String("fund.name");
  settings.public_url = config.String("public.url");
  settings.font_file = config.String("statements.font_file");
  settings.master_key = security::MasterKeyFromConfig(config);
  settings.verify_per_hour =
      DeclaredIntOr(config, "certificates.verify_per_hour", kDefaultVerifyPerHour);
  settings.notify = std::move(notify);
  auto routes = std::make_shared<const Routes>(Routes{database, views, std::move(settings)});

  auto member = [routes](http::Response (Routes::*handler)(http::Request&) const) {
    return http::OnlyRoles({"member"}, [routes, handler](http::Request& request) {
      return ((*routes).*handler)(request);
    });
  };
  auto staff = [routes](http::Response (Routes::*handler)(http::Request&) const) {
    return http::StaffOnly(
        {"certifier", "training_provider"},
        [routes, handler](http::Request& request) { return ((*routes).*handler)(request); });
  };
  auto certifier = [routes](http::Response (Routes::*handler)(http::Request&) const) {
    return http::StaffOnly({"certifier"}, [routes, handler](http::Request& request) {
      return ((*routes).*handler)(request);
    });
  };
  auto anyone = [routes](http::Response (Routes::*handler)(http::Request&) const) {
    return [routes, handler](http::Request& request) { return ((*routes).*handler)(request); };
  };

  router.Get("/certificates", member(&Routes::List));
  router.Get("/certificates/{id}", member(&Routes::Detail));
  router.Get("/certificates/{id}/certificate.pdf", member(&Routes::Pdf));
  router.Get("/certificates/{id}/credential.jwt", member(&Routes::Credential));

  router.Get("/staff/certificates", staff(&Routes::StaffList));
  router.Get("/staff/certificates/new", certifier(&Routes::IssueFormPage));
  router.Get("/staff/certificates/{id}/revoke", staff(&Routes::RevokePage));
  router.Post("/staff/certificates/{id}/revoke", staff(&Routes::RevokePost));
  router.Post("/staff/certificates/new", certifier(&Routes::Issue));

  router.Get("/verify/certificate", anyone(&Routes::VerifyFormPage));
  router.Get("/verify/certificate/{code}", anyone(&Routes::Verify));
  router.Get("/.well-known/jwks.json", anyone(&Routes::Jwks));
  router.Get("/credentials/status/{list}", anyone(&Routes::StatusList));
}

view::DashboardCardSource DashboardCards(db::Database& database, const view::Views& views) {
  return [&database, &views](const http::Request& request) {
    std::vector<view::DashboardCard> cards;
    if (request.visitor.role != "member" || !request.visitor.member_id) return cards;
    long long member = request.visitor.member_id;
    int valid = 0, all = 0;
    {
      auto lease = database.Acquire();
      const std::string today = Today();
      lease.session() << "SELECT COUNT(*), COALESCE(SUM(CASE WHEN revoked_at IS NULL AND"
                         " (expires_on IS NULL OR expires_on >= :today) THEN 1 ELSE 0 END), 0)"
                         " FROM certificates WHERE member_id = :m",
          soci::use(today), soci::use(member), soci::into(all), soci::into(valid);
    }
    if (all == 0) return cards;
    const auto& t = views.catalogs();
    view::DashboardCard card;
    card.order = 40;
    card.title = t.Get(request.lang, "certificates.title");
    card.figure = std::to_string(valid);
    card.lines = {t.Get(request.lang, "certificates.dashboard.text")};
    card.href = "/certificates";
    card.link_text = t.Get(request.lang, "certificates.dashboard.link");
    cards.push_back(std::move(card));
    return cards;
  };
}

}  // namespace lumbung::certificates
