// /cek-bsu: the public wage-subsidy check, without an account (checker.h has the rules). One
// answer for every mismatch, the same status and the same work; every lookup throttled by the
// client's address and by the number typed, and counted in the metrics. The page shows the
// stage only: never an amount, a bank or an employer. The official address is shown above the
// form, since fake subsidy sites are a known phishing lure.
// OWASP ASVS 4.0.3: V2.2.1 (anti-automation), V4.2.2 (CSRF on the POST), V5.1.3 (input
// validated), V7.1.1 / V8.3.1 (no personal data in logs or pages beyond what was asked), V11.1.4
// (anti-automation of a business flow), V13.2.x (no enumeration by message, status or timing).
#include <soci/soci.h>

#include <atomic>
#include <chrono>
#include <memory>

#include "core/db/transaction.h"
#include "core/http/url.h"
#include "core/i18n/fund_time.h"
#include "core/view/form.h"
#include "core/view/page.h"
#include "identity/throttle_store.h"
#include "subsidy/checker.h"
#include "subsidy/member_status.h"
#include "subsidy/routes.h"

namespace lumbung::subsidy {
namespace {

using view::mustache::data;

constexpr std::size_t kMaxNameChars = 200;

std::int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Field(const http::Fields& fields, std::string_view name) {
  for (const auto& [k, v] : fields) {
    if (k == name) return v;
  }
  return "";
}

std::string Trimmed(std::string text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

struct Counters {
  std::atomic<long> match{0}, no_match{0}, throttled{0};
  void Count(CheckResult result) {
    switch (result) {
      case CheckResult::kMatch:
        ++match;
        break;
      case CheckResult::kNoMatch:
        ++no_match;
        break;
      case CheckResult::kThrottled:
        ++throttled;
        break;
    }
  }
};

struct Checker {
  db::Database& database;
  const view::Views& views;
  std::shared_ptr<const ProgramBook> book;
  std::string official_url;
  int ip_per_hour = 0, number_per_hour = 0;
  std::shared_ptr<Counters> counters;

  std::string T(const http::Request& request, const std::string& id) const {
    return views.catalogs().Get(request.lang, id);
  }

  std::string OfficialNotice(const http::Request& request) const {
    return views.catalogs().Format(request.lang, "subsidy.checker.official_notice",
                                   {{"official", official_url}});
  }

  view::Form CheckForm(const http::Request& request) const {
    view::Form form;
    form.heading = T(request, "subsidy.checker.title");
    form.notice = OfficialNotice(request);
    form.notice_kind = "warning";
    form.intro = {T(request, "subsidy.checker.intro"), T(request, "subsidy.checker.privacy")};
    form.action = "/cek-bsu";
    view::FormGroup group;
    group.fields = {view::FormField{.name = "number",
                                    .label = T(request, "subsidy.checker.number"),
                                    .hint = T(request, "subsidy.checker.number_hint"),
                                    .autocomplete = "off",
                                    .inputmode = "numeric",
                                    .width = "w16",
                                    .maxlength = 24},
                    view::FormField{.name = "birth_date",
                                    .label = T(request, "subsidy.checker.birth_date"),
                                    .hint = T(request, "subsidy.checker.birth_date_hint"),
                                    .type = "date",
                                    .autocomplete = "bday"},
                    view::FormField{.name = "full_name",
                                    .label = T(request, "subsidy.checker.full_name"),
                                    .hint = T(request, "subsidy.checker.full_name_hint"),
                                    .autocomplete = "name",
                                    .maxlength = static_cast<int>(kMaxNameChars)}};
    form.groups = {group};
    form.submit = T(request, "subsidy.checker.submit");
    form.links = {{"/login?next=%2Fsubsidy", T(request, "subsidy.checker.sign_in_link")}};
    return form;
  }

  http::Response FormPage(const http::Request& request, const view::Form& form, int status) const {
    return view::Page(request, views, "app/form", "subsidy.checker.title",
                      view::FormData(form, views.catalogs(), request.lang), status);
  }

  // The registry member under the number, or nobody.
  static std::optional<RegistryPerson> FindPerson(soci::session& sql, const CheckerIdentifier& id) {
    RegistryPerson person;
    long long member_id = 0;
    // The same statement shape for both numbers: each is a unique column.
    const std::string query =
        std::string("SELECT id, full_name, CAST(birth_date AS TEXT) FROM members WHERE ") +
        (id.kind == IdentifierKind::kNik ? "nik" : "kpj") + " = :number";
    sql << query, soci::into(member_id), soci::into(person.full_name),
        soci::into(person.birth_date), soci::use(id.digits);
    if (!sql.got_data()) return std::nullopt;
    person.member_id = member_id;
    person.birth_date = person.birth_date.substr(0, 10);
    return person;
  }

  http::Response ResultPage(const http::Request& request,
                            const std::vector<YearStatus>& years) const {
    const std::string& lang = request.lang;
    const auto& t = views.catalogs();
    data list{data::type::list};
    for (const YearStatus& year : years) {
      data row{data::type::object};
      row.set("year", std::to_string(year.program->year));
      row.set("name", lang == "en" ? year.program->name_en : year.program->name_id);
      row.set("stage", t.Format(lang, year.stage.id, year.stage.values));
      row.set("tone", std::string(StageTone(year.stage.stage)));
      list.push_back(row);
    }
    data page{data::type::object};
    page.set("official_notice", OfficialNotice(request));
    page.set("years", list);
    page.set("has_years", !years.empty());
    return view::Page(request, views, "subsidy/checker_result", "subsidy.checker.result_title",
                      page);
  }

  http::Response Check(http::Request& request) const {
    const auto fields = http::ParseUrlEncoded(request.body);
    if (!fields) return http::Response::Error(400);
    view::Form form = CheckForm(request);
    const std::string typed_number = Field(*fields, "number");
    const std::string typed_name = Field(*fields, "full_name");
    form.Field("number")->value = typed_number;
    form.Field("full_name")->value = typed_name;
    const auto number = ParseCheckerIdentifier(typed_number);
    if (!number) form.Field("number")->error = T(request, "subsidy.checker.number_invalid");
    const view::DateParts typed_birth{Field(*fields, "birth_date_day"),
                                      Field(*fields, "birth_date_month"),
                                      Field(*fields, "birth_date_year")};
    const auto birth = view::ReadDateField(
        *form.Field("birth_date"), typed_birth,
        std::chrono::year_month_day(std::chrono::year(1900), std::chrono::January,
                                    std::chrono::day(1)),
        i18n::FundToday(), "identity.register.birth_date_problem.", views.catalogs(), request.lang);
    const std::string name = Trimmed(typed_name);
    if (name.empty()) {
      form.Field("full_name")->error = T(request, "subsidy.checker.full_name_missing");
    } else if (name.size() > kMaxNameChars) {
      form.Field("full_name")->error = T(request, "subsidy.checker.full_name_too_long");
    }
    // What was typed wrongly in form is said field by field: it tells nothing about the registry.
    if (form.HasErrors()) return FormPage(request, form, 422);

    const std::int64_t now = NowSeconds();
    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    const CheckerThrottleKeys keys = ThrottleKeys(request.remote_ip, *number);
    bool allowed = false;
    {
      auto tx = db::Transaction::ForWriting(sql);
      allowed = identity::TakeRateLimit(sql, keys.address, ip_per_hour, 3600, now) &&
                identity::TakeRateLimit(sql, keys.identifier, number_per_hour, 3600, now);
      tx.Commit();
    }
    if (!allowed) {
      counters->Count(CheckResult::kThrottled);
      form.form_error = T(request, "subsidy.checker.throttled");
      return FormPage(request, form, 429);
    }
    // The same work whoever the number names: a number nobody has is compared with a stand-in,
    // and the programmes are read for whoever matched (member 0 when nobody did).
    const auto found = FindPerson(sql, *number);
    const RegistryPerson& person = found ? *found : NobodyPerson();
    const bool matched = MatchesPerson(person, view::IsoDate(*birth), name) && found;
    const auto years = ReadMemberStatus(sql, *book, matched ? person.member_id : 0, false);
    if (!matched) {
      counters->Count(CheckResult::kNoMatch);
      form.form_error = T(request, "subsidy.checker.no_match");
      return FormPage(request, form, 422);
    }
    counters->Count(CheckResult::kMatch);
    return ResultPage(request, years);
  }
};

}  // namespace

void AddCheckerRoutes(http::Router& router, db::Database& database, const view::Views& views,
                      const config::Config& config, observe::Metrics& metrics,
                      std::shared_ptr<const ProgramBook> book) {
  auto counters = std::make_shared<Counters>();
  auto checker = std::make_shared<const Checker>(Checker{
      .database = database,
      .views = views,
      .book = std::move(book),
      .official_url = config.String("subsidy.official_url"),
      .ip_per_hour = static_cast<int>(config.Int("subsidy.checker_ip_per_hour")),
      .number_per_hour = static_cast<int>(config.Int("subsidy.checker_number_per_hour")),
      .counters = counters,
  });
  router.Get("/cek-bsu", [checker](http::Request& request) {
    return checker->FormPage(request, checker->CheckForm(request), 200);
  });
  router.Post("/cek-bsu", [checker](http::Request& request) { return checker->Check(request); });
  // Counters as the metrics page reads them (core/observe has gauges only).
  metrics.AddGauge("lumbung_subsidy_checks_match_total",
                   "Public wage-subsidy checks that matched a member",
                   [counters] { return static_cast<double>(counters->match.load()); });
  metrics.AddGauge("lumbung_subsidy_checks_no_match_total",
                   "Public wage-subsidy checks that matched nobody",
                   [counters] { return static_cast<double>(counters->no_match.load()); });
  metrics.AddGauge("lumbung_subsidy_checks_throttled_total",
                   "Public wage-subsidy checks refused by the throttle",
                   [counters] { return static_cast<double>(counters->throttled.load()); });
}

}  // namespace lumbung::subsidy
