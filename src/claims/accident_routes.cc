// Work accidents: the employer reports them, the member confirms them (accident_store.h). The
// employer is always the session's (Visitor::employer_id) and the member the session's
// (Visitor::member_id), never the URL's or the form's; an accident or worker id that is not
// theirs is answered 404 exactly like an unknown one, on every route and method (ASVS 4.0.3
// 4.1.1, 4.2.1). Every form carries the CSRF token (the middleware checks it).
//
// For employer accounts (employer_admin, employer_staff; anyone else 403):
//   GET  /employer/accidents               the reports, newest accident first
//   GET  /employer/accidents/new           the form; ?worker=<member id> fills in the worker's
//                                          KPJ and last reported wage
//   POST /employer/accidents/new           worker, accident_date_{day,month,year}, place,
//                                          description, wage, fatal, days -> 303
//                                          /employer/accidents/<id>?notice=reported; any
//                                          problem 422, nothing stored
//   GET  /employer/accidents/{id}          the report and whether the member confirmed it
//   GET  /employer/accidents/{id}/edit     the correction form, until the member confirmed
//   POST /employer/accidents/{id}/edit     the same fields but the worker -> 303
//                                          /employer/accidents/<id>?notice=corrected; 422; 409
//                                          once confirmed
// For members (role member; anyone else 403):
//   GET  /claims/accidents                 the accidents reported for the member
//   GET  /claims/accidents/{id}            one of them, with "confirm" while unconfirmed
//   POST /claims/accidents/{id}/confirm    version -> 303 /claims/accidents/<id>?notice=confirmed;
//                                          409 when the report changed since it was shown
#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <span>

#include "claims/accident_report.h"
#include "claims/accident_store.h"
#include "claims/routes.h"
#include "core/audit/event.h"
#include "core/http/access.h"
#include "core/http/url.h"
#include "core/i18n/day_text.h"
#include "core/i18n/fund_time.h"
#include "core/i18n/rupiah.h"
#include "core/view/form.h"
#include "core/view/page.h"

namespace lumbung::claims {
namespace {

using view::mustache::data;

// The notices a page shows after a change (?notice=...).
constexpr std::string_view kEmployerNotices[] = {"reported", "corrected"};
constexpr std::string_view kMemberNotices[] = {"confirmed"};

std::int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Employer accounts with an employer (an account without one cannot be made, but gets 403).
http::Handler ForEmployer(http::Handler handler) {
  return http::OnlyRoles({"employer_admin", "employer_staff"},
                         [handler = std::move(handler)](http::Request& request) {
                           if (request.visitor.employer_id <= 0) return http::Response::Error(403);
                           return handler(request);
                         });
}

// Members with a registry record.
http::Handler ForMember(http::Handler handler) {
  return http::OnlyRoles({"member"}, [handler = std::move(handler)](http::Request& request) {
    if (request.visitor.member_id <= 0) return http::Response::Error(403);
    return handler(request);
  });
}

// A positive id of 1 to 18 digits without a leading zero; nullopt otherwise.
std::optional<std::int64_t> IdOf(const http::Request& request) {
  return http::PathId(request, "id");
}

// The first value of each field.
class Input {
 public:
  explicit Input(http::Fields fields) : fields_(std::move(fields)) {}
  std::string Get(std::string_view name) const {
    for (const auto& [key, value] : fields_) {
      if (key == name) return value;
    }
    return "";
  }

 private:
  http::Fields fields_;
};

audit::Event AuditBy(const http::Request& request) {
  return audit::Event{.actor_user_id = request.visitor.account_id,
                      .subject_user_id = request.visitor.account_id,
                      .ip = request.remote_ip,
                      .user_agent = std::string(request.Header("user-agent"))};
}

std::string Day(const view::Views& views, const std::string& lang, const std::string& iso) {
  return i18n::DayText(views.catalogs(), lang, iso);
}

// The error summary at the top of a form page, each message a link to its field, in the order
// of the fields.
class Errors {
 public:
  void Add(const std::string& href, const std::string& message) {
    if (message.empty()) return;
    data e{data::type::object};
    e.set("href", href);
    e.set("message", message);
    list_.push_back(e);
    any_ = true;
  }
  bool any() const { return any_; }
  void Into(data& page) const {
    page.set("has_errors", any_);
    page.set("errors", list_);
  }

 private:
  data list_{data::type::list};
  bool any_ = false;
};

// One field's template data as app/form renders it (core/view/form.h), and where its error in
// the summary links to.

// ---------------------------------------------------------------------------------------------
// The employer's report form

struct AccidentForm {
  bool correction = false;    // the worker is fixed; no worker field
  std::string worker_text{};  // a correction: "name (KPJ)"
  view::FormField worker, date, place, wage, days;
  std::string description, description_error;
  std::string fatal, fatal_error;
};

AccidentForm EmptyForm(const http::Request& request, const view::Views& views) {
  const auto& t = views.catalogs();
  const std::string& lang = request.lang;
  AccidentForm f;
  f.worker = {.name = "worker",
              .label = t.Get(lang, "claims.accident.form.worker"),
              .hint = t.Get(lang, "claims.accident.form.worker_hint"),
              .autocomplete = "off",
              .inputmode = "numeric",
              .width = "w20",
              .maxlength = 30};
  f.date = {.name = "accident_date",
            .label = t.Get(lang, "claims.accident.form.date"),
            .hint = t.Get(lang, "claims.accident.form.date_hint"),
            .type = "date",
            .autocomplete = "off"};
  f.place = {.name = "place",
             .label = t.Get(lang, "claims.accident.form.place"),
             .hint = t.Get(lang, "claims.accident.form.place_hint"),
             .autocomplete = "off",
             .maxlength = static_cast<int>(kMaxPlaceChars)};
  f.wage = {.name = "wage",
            .label = t.Get(lang, "claims.accident.form.wage"),
            .hint = t.Get(lang, "claims.accident.form.wage_hint"),
            .autocomplete = "off",
            .inputmode = "numeric",
            .width = "w16",
            .required = false,
            .maxlength = 30};
  f.days = {.name = "days",
            .label = t.Get(lang, "claims.accident.form.days"),
            .hint = t.Get(lang, "claims.accident.form.days_hint"),
            .autocomplete = "off",
            .inputmode = "numeric",
            .width = "w4",
            .maxlength = 6};
  return f;
}

http::Response FormPage(const http::Request& request, const view::Views& views,
                        const AccidentForm& form, const std::string& action,
                        const std::string& back_href, int status = 200) {
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  data page{data::type::object};
  page.set("action", action);
  page.set("back_href", back_href);
  page.set("correction", form.correction);
  if (form.correction) page.set("worker_text", form.worker_text);
  Errors errors;
  data fields{data::type::list};
  const auto put = [&](const view::FormField& field) {
    view::RenderedField r = view::RenderField(field, views.catalogs(), lang);
    errors.Add(r.href, field.error);
    fields.push_back(r.field);
  };
  if (!form.correction) put(form.worker);
  put(form.date);
  put(form.place);
  {
    data d{data::type::object};
    d.set("id", "f-description");
    d.set("name", "description");
    d.set("label", t.Get(lang, "claims.accident.form.description"));
    d.set("hint", t.Get(lang, "claims.accident.form.description_hint"));
    d.set("value", form.description);
    d.set("maxlength", std::to_string(kMaxDescriptionChars));
    std::string described = "f-description-hint";
    if (!form.description_error.empty()) {
      d.set("error", form.description_error);
      described += " f-description-error";
    }
    d.set("describedby", described);
    data wrap{data::type::object};
    wrap.set("textarea", d);
    fields.push_back(wrap);
    errors.Add("#f-description", form.description_error);
  }
  put(form.wage);
  {
    data radios{data::type::object};
    radios.set("legend", t.Get(lang, "claims.accident.form.fatal"));
    radios.set("name", "fatal");
    if (!form.fatal_error.empty()) radios.set("error", form.fatal_error);
    data options{data::type::list};
    for (const char* value : {"no", "yes"}) {
      data o{data::type::object};
      o.set("value", value);
      o.set("label", t.Get(lang, std::string("claims.accident.form.fatal_") + value));
      o.set("checked", form.fatal == value);
      options.push_back(o);
    }
    radios.set("options", options);
    data wrap{data::type::object};
    wrap.set("radios", radios);
    fields.push_back(wrap);
    errors.Add("#f-fatal-no", form.fatal_error);
  }
  put(form.days);
  page.set("fields", fields);
  errors.Into(page);
  return view::Page(
      request, views, "claims/accident_form",
      form.correction ? "claims.accident.form.correct_title" : "claims.accident.form.title", page,
      status);
}

// The problems of the pure check, each beside its field, in the reader's language.
void PutProblems(const std::vector<AccidentProblem>& problems, AccidentForm& form,
                 const view::Views& views, const std::string& lang) {
  const auto& t = views.catalogs();
  for (const AccidentProblem& p : problems) {
    std::map<std::string, std::string> values = p.values;
    if (auto it = values.find("date"); it != values.end())
      it->second = Day(views, lang, it->second);
    if (auto it = values.find("month"); it != values.end()) {
      it->second = t.Get(lang, "date.months." + it->second);
    }
    if (auto it = values.find("max"); it != values.end() && p.field == "wage") {
      it->second = i18n::FormatRupiah(std::stoll(it->second), lang);
    }
    const std::string message = t.Format(lang, p.message_id, values);
    if (p.field == "date") {
      form.date.error = message;
      form.date.error_part = p.part;
    } else if (p.field == "place") {
      form.place.error = message;
    } else if (p.field == "description") {
      form.description_error = message;
    } else if (p.field == "wage") {
      form.wage.error = message;
    } else if (p.field == "fatal") {
      form.fatal_error = message;
    } else if (p.field == "days") {
      form.days.error = message;
    }
  }
}

// Reads the typed fields (not the worker) into `form` and `typed`.
TypedAccident ReadTyped(const Input& input, AccidentForm& form) {
  TypedAccident typed{.date = {input.Get("accident_date_day"), input.Get("accident_date_month"),
                               input.Get("accident_date_year")},
                      .place = input.Get("place"),
                      .description = input.Get("description"),
                      .wage = input.Get("wage"),
                      .fatal = input.Get("fatal"),
                      .days = input.Get("days")};
  form.date.date = typed.date;
  form.place.value = typed.place;
  form.description = typed.description;
  form.wage.value = typed.wage;
  form.fatal = typed.fatal == "yes" || typed.fatal == "no" ? typed.fatal : "";
  form.days.value = typed.days;
  return typed;
}

bool HasErrors(const AccidentForm& f) {
  return !f.worker.error.empty() || !f.date.error.empty() || !f.place.error.empty() ||
         !f.description_error.empty() || !f.wage.error.empty() || !f.fatal_error.empty() ||
         !f.days.error.empty();
}

std::string WorkerText(const std::string& name, const std::string& kpj) {
  return name + " (KPJ " + kpj + ")";
}

http::Response NewGet(http::Request& request, db::Database& database, const view::Views& views) {
  AccidentForm form = EmptyForm(request, views);
  // From a worker's page: that worker and their last wage, when they are this employer's.
  if (const auto id = http::ParsePositiveId(request.Query("worker").value_or(""))) {
    auto lease = database.Acquire();
    if (const auto worker = FindWorker(lease.session(), request.visitor.employer_id, *id)) {
      form.worker.value = worker->kpj;
      const auto wage = LastReportedWage(lease.session(), request.visitor.employer_id, *id,
                                         view::IsoDate(i18n::FundToday()));
      if (wage) form.wage.value = i18n::FormatRupiah(*wage, request.lang);
    }
  }
  return FormPage(request, views, form, "/employer/accidents/new", "/employer/accidents");
}

http::Response NewPost(http::Request& request, db::Database& database, const view::Views& views,
                       const inbox::Notifier& notify) {
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  const Input input(*fields);
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  const std::int64_t employer = request.visitor.employer_id;
  AccidentForm form = EmptyForm(request, views);
  form.worker.value = input.Get("worker");
  const TypedAccident typed = ReadTyped(input, form);

  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  std::optional<AccidentWorker> worker;
  if (const std::string problem = WorkerNumberProblem(form.worker.value); !problem.empty()) {
    form.worker.error = t.Get(lang, problem);
  } else {
    // Another employer's worker is "not one of your workers", exactly like an unknown number.
    worker = FindWorkerByNumber(sql, employer, *WorkerNumber(form.worker.value));
    if (!worker) form.worker.error = t.Get(lang, "claims.accident.error.worker_unknown");
  }
  AccidentCheck check = CheckAccident(
      typed, worker ? worker->periods : std::vector<EmploymentPeriod>{}, i18n::FundToday());
  PutProblems(check.problems, form, views, lang);
  if (check.accident && worker && !check.accident->monthly_wage) {
    check.accident->monthly_wage =
        LastReportedWage(sql, employer, worker->member_id, check.accident->accident_date);
    if (!check.accident->monthly_wage) {
      form.wage.error = t.Get(lang, "claims.accident.error.wage_unknown");
    }
  }
  if (HasErrors(form) || !check.accident || !worker) {
    return FormPage(request, views, form, "/employer/accidents/new", "/employer/accidents", 422);
  }
  const ReportResult result =
      ReportAccident(sql, employer, worker->member_id, *check.accident, request.visitor.account_id,
                     NowSeconds(), AuditBy(request), notify);
  if (!result.reported()) {
    // The worker's spells changed meanwhile (another tab): the form again.
    form.date.error = t.Get(lang, "claims.accident.error.date_not_employed");
    return FormPage(request, views, form, "/employer/accidents/new", "/employer/accidents", 422);
  }
  return http::Response::Redirect("/employer/accidents/" + std::to_string(result.accident_id) +
                                  "?notice=reported");
}

AccidentForm CorrectionForm(const http::Request& request, const view::Views& views,
                            const WorkAccident& a) {
  AccidentForm form = EmptyForm(request, views);
  form.correction = true;
  form.worker_text = WorkerText(a.member_name, a.kpj);
  const std::string& date = a.accident_date;
  form.date.date = {std::to_string(std::stoi(date.substr(8, 2))),
                    std::to_string(std::stoi(date.substr(5, 2))), date.substr(0, 4)};
  form.place.value = a.place;
  form.description = a.description;
  form.wage.value = i18n::FormatRupiah(a.monthly_wage, request.lang);
  form.fatal = a.fatal ? "yes" : "no";
  form.days.value = std::to_string(a.days_unable_to_work);
  return form;
}

http::Response EditGet(http::Request& request, db::Database& database, const view::Views& views) {
  const auto id = IdOf(request);
  if (!id) return http::Response::Error(404);
  std::optional<WorkAccident> accident;
  {
    auto lease = database.Acquire();
    accident = FindEmployerAccident(lease.session(), request.visitor.employer_id, *id);
  }
  if (!accident) return http::Response::Error(404);
  const std::string href = "/employer/accidents/" + std::to_string(*id);
  // A confirmed report is the member's word too: it is no longer corrected here.
  if (accident->confirmed()) return http::Response::Redirect(href);
  return FormPage(request, views, CorrectionForm(request, views, *accident), href + "/edit", href);
}

http::Response EditPost(http::Request& request, db::Database& database, const view::Views& views,
                        const inbox::Notifier& notify) {
  const auto id = IdOf(request);
  if (!id) return http::Response::Error(404);
  const std::int64_t employer = request.visitor.employer_id;
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  // Whose report this is comes first: another employer's is not found, whatever the form.
  const auto accident = FindEmployerAccident(sql, employer, *id);
  if (!accident) return http::Response::Error(404);
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  const std::string href = "/employer/accidents/" + std::to_string(*id);
  AccidentForm form = CorrectionForm(request, views, *accident);
  if (accident->confirmed()) {
    form.date.error = t.Get(lang, "claims.accident.error.already_confirmed");
    return FormPage(request, views, form, href + "/edit", href, 409);
  }
  const TypedAccident typed = ReadTyped(Input(*fields), form);
  const auto worker = FindWorker(sql, employer, accident->member_id);
  AccidentCheck check = CheckAccident(
      typed, worker ? worker->periods : std::vector<EmploymentPeriod>{}, i18n::FundToday());
  PutProblems(check.problems, form, views, lang);
  if (check.accident && !check.accident->monthly_wage) {
    check.accident->monthly_wage =
        LastReportedWage(sql, employer, accident->member_id, check.accident->accident_date);
    if (!check.accident->monthly_wage) {
      form.wage.error = t.Get(lang, "claims.accident.error.wage_unknown");
    }
  }
  if (HasErrors(form) || !check.accident) {
    return FormPage(request, views, form, href + "/edit", href, 422);
  }
  switch (CorrectAccident(sql, employer, *id, *check.accident, NowSeconds(), AuditBy(request),
                          notify)) {
    case CorrectOutcome::kCorrected:
      return http::Response::Redirect(href + "?notice=corrected");
    case CorrectOutcome::kNotFound:
      return http::Response::Error(404);
    case CorrectOutcome::kConfirmed:
      form.date.error = t.Get(lang, "claims.accident.error.already_confirmed");
      return FormPage(request, views, form, href + "/edit", href, 409);
    case CorrectOutcome::kNotEmployed:
      form.date.error = t.Get(lang, "claims.accident.error.date_not_employed");
      return FormPage(request, views, form, href + "/edit", href, 422);
  }
  return http::Response::Error(500);
}

// ---------------------------------------------------------------------------------------------
// Showing accidents

// What both audiences see of one accident.
data AccidentData(const WorkAccident& a, const view::Views& views, const std::string& lang) {
  const auto& t = views.catalogs();
  data d{data::type::object};
  d.set("date", Day(views, lang, a.accident_date));
  d.set("worker", a.member_name);
  d.set("kpj", a.kpj);
  d.set("employer", a.employer_name);
  d.set("place", a.place);
  // One paragraph per line of the description (escaped by the template).
  data lines{data::type::list};
  std::size_t start = 0;
  while (start <= a.description.size()) {
    const std::size_t end = a.description.find('\n', start);
    const std::string line =
        a.description.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty()) lines.push_back(data(line));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  d.set("description", lines);
  d.set("wage", i18n::FormatRupiah(a.monthly_wage, lang));
  d.set("fatal",
        t.Get(lang, a.fatal ? "claims.accident.form.fatal_yes" : "claims.accident.form.fatal_no"));
  d.set("days", std::to_string(a.days_unable_to_work));
  d.set("reported_on", Day(views, lang, i18n::FundDayIso(a.reported_at)));
  d.set("confirmed", a.confirmed());
  d.set("status",
        a.confirmed()
            ? t.Format(lang, "claims.accident.status.confirmed_on",
                       {{"date", Day(views, lang, i18n::FundDayIso(*a.member_confirmed_at))}})
            : t.Get(lang, "claims.accident.status.waiting"));
  return d;
}

void PutNotice(data& page, const http::Request& request, const view::Views& views,
               std::span<const std::string_view> known) {
  const std::string notice = request.Query("notice").value_or("");
  for (auto k : known) {
    if (notice == k) {
      page.set("notice", views.catalogs().Get(request.lang, "claims.accident.notice." + notice));
    }
  }
}

http::Response EmployerList(http::Request& request, db::Database& database,
                            const view::Views& views) {
  std::vector<WorkAccident> accidents;
  {
    auto lease = database.Acquire();
    accidents = AccidentsOfEmployer(lease.session(), request.visitor.employer_id);
  }
  data page{data::type::object};
  data rows{data::type::list};
  for (const WorkAccident& a : accidents) {
    data row = AccidentData(a, views, request.lang);
    row.set("href", "/employer/accidents/" + std::to_string(a.id));
    rows.push_back(row);
  }
  page.set("rows", rows);
  page.set("has_rows", !accidents.empty());
  return view::Page(request, views, "claims/accident_employer_list",
                    "claims.accident.employer_list.title", page);
}

http::Response EmployerDetail(http::Request& request, db::Database& database,
                              const view::Views& views) {
  const auto id = IdOf(request);
  if (!id) return http::Response::Error(404);
  std::optional<WorkAccident> accident;
  {
    auto lease = database.Acquire();
    accident = FindEmployerAccident(lease.session(), request.visitor.employer_id, *id);
  }
  if (!accident) return http::Response::Error(404);
  data page = AccidentData(*accident, views, request.lang);
  PutNotice(page, request, views, kEmployerNotices);
  if (!accident->confirmed()) {
    page.set("edit_href", "/employer/accidents/" + std::to_string(*id) + "/edit");
  }
  return view::Page(request, views, "claims/accident_employer", "claims.accident.employer.title",
                    page);
}

http::Response MemberList(http::Request& request, db::Database& database,
                          const view::Views& views) {
  std::vector<WorkAccident> accidents;
  {
    auto lease = database.Acquire();
    accidents = AccidentsOfMember(lease.session(), request.visitor.member_id);
  }
  data page{data::type::object};
  data rows{data::type::list};
  for (const WorkAccident& a : accidents) {
    data row = AccidentData(a, views, request.lang);
    row.set("href", "/claims/accidents/" + std::to_string(a.id));
    rows.push_back(row);
  }
  page.set("rows", rows);
  page.set("has_rows", !accidents.empty());
  return view::Page(request, views, "claims/accident_member_list",
                    "claims.accident.member_list.title", page);
}

http::Response MemberPage(const http::Request& request, const view::Views& views,
                          const WorkAccident& accident, const std::string& error = "",
                          int status = 200) {
  data page = AccidentData(accident, views, request.lang);
  PutNotice(page, request, views, kMemberNotices);
  if (!accident.confirmed()) {
    page.set("confirm_action", "/claims/accidents/" + std::to_string(accident.id) + "/confirm");
    page.set("version", AccidentVersion(accident));
  }
  if (!error.empty()) page.set("error", error);
  return view::Page(request, views, "claims/accident_member", "claims.accident.member.title", page,
                    status);
}

http::Response MemberDetail(http::Request& request, db::Database& database,
                            const view::Views& views) {
  const auto id = IdOf(request);
  if (!id) return http::Response::Error(404);
  std::optional<WorkAccident> accident;
  {
    auto lease = database.Acquire();
    accident = FindMemberAccident(lease.session(), request.visitor.member_id, *id);
  }
  if (!accident) return http::Response::Error(404);
  return MemberPage(request, views, *accident);
}

http::Response ConfirmPost(http::Request& request, db::Database& database,
                           const view::Views& views) {
  const auto id = IdOf(request);
  if (!id) return http::Response::Error(404);
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  if (!FindMemberAccident(sql, request.visitor.member_id, *id)) return http::Response::Error(404);
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  const std::string version = Input(*fields).Get("version");
  const ConfirmOutcome outcome =
      ConfirmAccident(sql, request.visitor.member_id, *id, version, NowSeconds(), AuditBy(request));
  const std::string href = "/claims/accidents/" + std::to_string(*id);
  switch (outcome) {
    case ConfirmOutcome::kConfirmed:
      return http::Response::Redirect(href + "?notice=confirmed");
    case ConfirmOutcome::kAlreadyConfirmed:
      return http::Response::Redirect(href);
    case ConfirmOutcome::kNotFound:
      return http::Response::Error(404);
    case ConfirmOutcome::kChanged: {
      const auto now = FindMemberAccident(sql, request.visitor.member_id, *id);
      if (!now) return http::Response::Error(404);
      return MemberPage(request, views, *now,
                        views.catalogs().Get(request.lang, "claims.accident.error.changed"), 409);
    }
  }
  return http::Response::Error(500);
}

}  // namespace

void AddAccidentRoutes(http::Router& router, Services& services) {
  db::Database& database = services.database;
  const view::Views& views = services.views;
  const inbox::Notifier notify = services.notify;
  router.Get("/employer/accidents", ForEmployer([&database, &views](http::Request& request) {
               return EmployerList(request, database, views);
             }));
  router.Get("/employer/accidents/new", ForEmployer([&database, &views](http::Request& request) {
               return NewGet(request, database, views);
             }));
  router.Post("/employer/accidents/new",
              ForEmployer([&database, &views, notify](http::Request& request) {
                return NewPost(request, database, views, notify);
              }));
  router.Get("/employer/accidents/{id}", ForEmployer([&database, &views](http::Request& request) {
               return EmployerDetail(request, database, views);
             }));
  router.Get("/employer/accidents/{id}/edit",
             ForEmployer([&database, &views](http::Request& request) {
               return EditGet(request, database, views);
             }));
  router.Post("/employer/accidents/{id}/edit",
              ForEmployer([&database, &views, notify](http::Request& request) {
                return EditPost(request, database, views, notify);
              }));
  router.Get("/claims/accidents", ForMember([&database, &views](http::Request& request) {
               return MemberList(request, database, views);
             }));
  router.Get("/claims/accidents/{id}", ForMember([&database, &views](http::Request& request) {
               return MemberDetail(request, database, views);
             }));
  router.Post("/claims/accidents/{id}/confirm",
              ForMember([&database, &views](http::Request& request) {
                return ConfirmPost(request, database, views);
              }));
}

}  // namespace lumbung::claims
