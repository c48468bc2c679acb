// /staff/training for training providers (routes.h). The provider is the one the staff account
// is linked to (training_provider_staff), read from the session's account on every request,
// never from the request: a programme, session or participant of another provider is answered
// exactly like one that does not exist (OWASP ASVS 4.0.3 V4.2.1, IDOR). Participants are shown
// with masked name and NIK (V8.3.1): the provider needs to recognise them, not to learn more.
#include <soci/soci.h>

#include <memory>

#include "core/audit/audit_log.h"
#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/i18n/fund_time.h"
#include "core/view/mask.h"
#include "core/view/page.h"
#include "registry/nik.h"
#include "training/pages.h"
#include "training/routes.h"

#ifdef LUMBUNG_HAVE_CERTIFICATES
#include "certificates/certificate_store.h"
#endif

namespace lumbung::training {
namespace {

using view::mustache::data;

struct Context {
  db::Database& database;
  const view::Views& views;
  inbox::Notifier notify;
};

const i18n::Catalogs& T(const Context& c) {
  return c.views.catalogs();
}

std::string Id(std::int64_t id) {
  return std::to_string(id);
}

audit::Event StaffEvent(const http::Request& request) {
  audit::Event e;
  e.actor_user_id = request.visitor.account_id;
  e.ip = request.remote_ip;
  e.user_agent = std::string(request.Header("user-agent"));
  return e;
}

// ---------------------------------------------------------------------------------------------
// Forms: a list of fields the template lays out (text, number, textarea, select, checkbox)

struct FormField {
  std::string name, type = "text", label_id, hint_id, value;
  std::vector<std::pair<std::string, std::string>> options;  // select: value, label
  bool checked = false;
  std::string error_id;
};

data FormFields(const Context& c, const std::string& lang, const std::vector<FormField>& fields,
                data& page) {
  data list{data::type::list};
  data errors{data::type::list};
  for (const auto& f : fields) {
    data item{data::type::object};
    item.set("id", "f-" + f.name);
    item.set("name", f.name);
    item.set("label", T(c).Get(lang, f.label_id));
    if (!f.hint_id.empty()) item.set("hint", T(c).Get(lang, f.hint_id));
    item.set("value", f.value);
    item.set(f.type == "textarea"   ? "textarea"
             : f.type == "select"   ? "select"
             : f.type == "checkbox" ? "checkbox"
                                    : "input",
             true);
    item.set("numeric", f.type == "number");
    item.set("date", f.type == "date");
    item.set("checked", f.checked);
    data options{data::type::list};
    for (const auto& [value, label] : f.options) {
      data o{data::type::object};
      o.set("value", value);
      o.set("label", label);
      o.set("selected", value == f.value);
      options.push_back(o);
    }
    item.set("options", options);
    if (!f.error_id.empty()) {
      const std::string message = T(c).Get(lang, f.error_id);
      item.set("error", message);
      data e{data::type::object};
      e.set("href", "#f-" + f.name);
      e.set("message", message);
      errors.push_back(e);
    }
    list.push_back(item);
  }
  page.set("has_errors", !errors.is_empty_list());
  page.set("errors", errors);
  return list;
}

std::string ErrorOf(const std::map<std::string, std::string>& errors, const std::string& name) {
  const auto it = errors.find(name);
  return it == errors.end() ? "" : it->second;
}

std::vector<FormField> ProgrammeFields(const Context& c, const std::string& lang,
                                       const ProgrammeForm& f,
                                       const std::map<std::string, std::string>& errors) {
  std::vector<std::pair<std::string, std::string>> fields, modes, provinces, educations;
  for (auto v : Fields()) {
    fields.push_back({std::string(v), T(c).Get(lang, "training.field." + std::string(v))});
  }
  modes = {{"online", T(c).Get(lang, "training.mode.online")},
           {"in_person", T(c).Get(lang, "training.mode.in_person")}};
  provinces.push_back({"", T(c).Get(lang, "training.staff.form.no_province")});
  for (const auto& p : registry::Provinces()) provinces.push_back({Id(p.code), p.name});
  educations.push_back({"", T(c).Get(lang, "training.staff.form.no_education")});
  for (auto v : EducationLevels()) {
    educations.push_back({std::string(v), T(c).Get(lang, "training.education." + std::string(v))});
  }
  auto e = [&errors](const char* name) { return ErrorOf(errors, name); };
  return {
      {"title", "text", "training.staff.form.title", "", f.title, {}, false, e("title")},
      {"field", "select", "training.staff.form.field", "", f.field, fields, false, e("field")},
      {"mode", "select", "training.staff.form.mode", "", f.mode, modes, false, e("mode")},
      {"province", "select", "training.staff.form.province", "training.staff.form.province_hint",
       f.province, provinces, false, e("province")},
      {"city",
       "text",
       "training.staff.form.city",
       "training.staff.form.city_hint",
       f.city,
       {},
       false,
       e("city")},
      {"description",
       "textarea",
       "training.staff.form.description",
       "",
       f.description,
       {},
       false,
       e("description")},
      {"duration_hours",
       "number",
       "training.staff.form.duration_hours",
       "",
       f.duration_hours,
       {},
       false,
       e("duration_hours")},
      {"min_age",
       "number",
       "training.staff.form.min_age",
       "training.staff.form.age_hint",
       f.min_age,
       {},
       false,
       e("min_age")},
      {"max_age",
       "number",
       "training.staff.form.max_age",
       "training.staff.form.age_hint",
       f.max_age,
       {},
       false,
       e("max_age")},
      {"min_education", "select", "training.staff.form.min_education", "", f.min_education,
       educations, false, e("min_education")},
      {"needs_active_membership",
       "checkbox",
       "training.staff.form.needs_active_membership",
       "",
       "1",
       {},
       f.needs_active_membership,
       ""},
      {"jkp_first",
       "checkbox",
       "training.staff.form.jkp_first",
       "training.staff.form.jkp_first_hint",
       "1",
       {},
       f.jkp_first,
       ""},
      {"cost",
       "number",
       "training.staff.form.cost",
       "training.staff.form.cost_hint",
       f.cost,
       {},
       false,
       e("cost")},
      {"published", "checkbox", "training.staff.form.published", "", "1", {}, f.published, ""},
  };
}

ProgrammeForm ProgrammeFormFrom(const http::Fields& fields) {
  ProgrammeForm f;
  f.title = FormValue(fields, "title");
  f.field = FormValue(fields, "field");
  f.mode = FormValue(fields, "mode");
  f.province = FormValue(fields, "province");
  f.city = FormValue(fields, "city");
  f.description = FormValue(fields, "description");
  f.duration_hours = FormValue(fields, "duration_hours");
  f.min_age = FormValue(fields, "min_age");
  f.max_age = FormValue(fields, "max_age");
  f.min_education = FormValue(fields, "min_education");
  f.cost = FormValue(fields, "cost");
  f.needs_active_membership = FormValue(fields, "needs_active_membership") == "1";
  f.jkp_first = FormValue(fields, "jkp_first") == "1";
  f.published = FormValue(fields, "published") == "1";
  return f;
}

ProgrammeForm ProgrammeFormOf(const Programme& p) {
  ProgrammeForm f;
  f.title = p.title;
  f.field = p.field;
  f.mode = p.mode;
  f.province = p.province_code ? Id(p.province_code) : "";
  f.city = p.city;
  f.description = p.description;
  f.duration_hours = std::to_string(p.duration_hours);
  f.min_age = p.requirements.min_age ? std::to_string(p.requirements.min_age) : "";
  f.max_age = p.requirements.max_age ? std::to_string(p.requirements.max_age) : "";
  f.min_education = p.requirements.min_education;
  f.cost = std::to_string(p.cost_rupiah);
  f.needs_active_membership = p.requirements.needs_active_membership;
  f.jkp_first = p.requirements.jkp_first;
  f.published = p.published;
  return f;
}

std::vector<FormField> SessionFields(const SessionForm& f,
                                     const std::map<std::string, std::string>& errors) {
  auto e = [&errors](const char* name) { return ErrorOf(errors, name); };
  return {
      {"starts_on",
       "date",
       "training.staff.form.starts_on",
       "training.staff.form.day_hint",
       f.starts_on,
       {},
       false,
       e("starts_on")},
      {"ends_on",
       "date",
       "training.staff.form.ends_on",
       "training.staff.form.day_hint",
       f.ends_on,
       {},
       false,
       e("ends_on")},
      {"schedule",
       "text",
       "training.staff.form.schedule",
       "training.staff.form.schedule_hint",
       f.schedule,
       {},
       false,
       e("schedule")},
      {"quota", "number", "training.staff.form.quota", "", f.quota, {}, false, e("quota")},
  };
}

// ---------------------------------------------------------------------------------------------
// Pages

// The visitor's provider; nullopt: the account is not linked to one (the page says so).
std::optional<Provider> ProviderOf(soci::session& sql, const http::Request& request) {
  return ProviderOfAccount(sql, request.visitor.account_id);
}

http::Response NotLinked(const Context& c, const http::Request& request) {
  data page{data::type::object};
  page.set("not_linked", true);
  return view::Page(request, c.views, "training/staff_home", "training.staff.home.title", page,
                    403);
}

http::Response HomeGet(const Context& c, http::Request& request) {
  const std::string& lang = request.lang;
  auto lease = c.database.Acquire();
  const auto provider = ProviderOf(*lease, request);
  if (!provider) return NotLinked(c, request);
  data rows{data::type::list};
  for (const auto& p : ProgrammesOf(*lease, provider->id)) {
    data row = ProgrammeData(c.views, lang, p);
    row.set("edit_href", "/staff/training/programmes/" + Id(p.id));
    row.set("published", p.published);
    data sessions{data::type::list};
    for (const auto& s : SessionsOf(*lease, p.id)) {
      data sd = SessionData(c.views, lang, s);
      sd.set("staff_href", "/staff/training/sessions/" + Id(s.id));
      sessions.push_back(sd);
    }
    row.set("sessions", sessions);
    rows.push_back(row);
  }
  data page{data::type::object};
  page.set("provider", provider->name);
  page.set("rows", rows);
  page.set("has_rows", !rows.is_empty_list());
  const std::string notice = request.Query("notice").value_or("");
  if (notice == "created") page.set("notice", T(c).Get(lang, "training.staff.notice.created"));
  return view::Page(request, c.views, "training/staff_home", "training.staff.home.title", page);
}

http::Response ProgrammeFormPage(const Context& c, const http::Request& request,
                                 const ProgrammeForm& form,
                                 const std::map<std::string, std::string>& errors,
                                 std::optional<std::int64_t> id, soci::session* sql,
                                 int status = 200) {
  const std::string& lang = request.lang;
  data page{data::type::object};
  page.set("fields", FormFields(c, lang, ProgrammeFields(c, lang, form, errors), page));
  page.set("action", id ? "/staff/training/programmes/" + Id(*id)
                        : std::string("/staff/training/programmes"));
  page.set("submit",
           T(c).Get(lang, id ? "training.staff.form.save" : "training.staff.form.create"));
  page.set("editing", id.has_value());
  if (id && sql) {
    data sessions{data::type::list};
    for (const auto& s : SessionsOf(*sql, *id)) {
      data sd = SessionData(c.views, lang, s);
      sd.set("staff_href", "/staff/training/sessions/" + Id(s.id));
      sessions.push_back(sd);
    }
    page.set("sessions", sessions);
    page.set("has_sessions", !sessions.is_empty_list());
    data session_page{data::type::object};
    page.set("session_fields", FormFields(c, lang, SessionFields({}, {}), session_page));
    page.set("session_action", "/staff/training/programmes/" + Id(*id) + "/sessions");
  }
  const std::string notice = request.Query("notice").value_or("");
  if (status == 200 && (notice == "saved" || notice == "session_created")) {
    page.set("notice", T(c).Get(lang, "training.staff.notice." + notice));
  }
  return view::Page(
      request, c.views, "training/staff_programme",
      id ? "training.staff.programme.edit_title" : "training.staff.programme.new_title", page,
      status);
}

Programme ProgrammeFrom(const CheckedProgramme& checked, const ProgrammeForm& form) {
  Programme p;
  p.title = checked.title;
  p.field = checked.field;
  p.mode = checked.mode;
  p.province_code = checked.province_code;
  p.city = checked.city;
  p.description = checked.description;
  p.duration_hours = checked.duration_hours;
  p.requirements.min_age = checked.min_age;
  p.requirements.max_age = checked.max_age;
  p.requirements.min_education = checked.min_education;
  p.requirements.needs_active_membership = form.needs_active_membership;
  p.requirements.jkp_first = form.jkp_first;
  p.cost_rupiah = checked.cost_rupiah;
  p.published = form.published;
  return p;
}

http::Response NewProgrammeGet(const Context& c, http::Request& request) {
  {
    auto lease = c.database.Acquire();
    if (!ProviderOf(*lease, request)) return NotLinked(c, request);
  }
  ProgrammeForm form;
  form.mode = "online";
  form.field = "digital";
  return ProgrammeFormPage(c, request, form, {}, std::nullopt, nullptr);
}

http::Response CreateProgrammePost(const Context& c, http::Request& request) {
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  const ProgrammeForm form = ProgrammeFormFrom(*fields);
  const CheckedProgramme checked = CheckProgramme(form);
  auto lease = c.database.Acquire();
  auto tx = db::Transaction::ForWriting(*lease);
  const auto provider = ProviderOf(*lease, request);
  if (!provider) return NotLinked(c, request);
  if (!checked.errors.empty()) {
    return ProgrammeFormPage(c, request, form, checked.errors, std::nullopt, nullptr, 422);
  }
  Programme p = ProgrammeFrom(checked, form);
  p.provider_id = provider->id;
  const std::int64_t id = CreateProgramme(*lease, p, Now());
  audit::Event e = StaffEvent(request);
  e.action = "training.programme_created";
  e.details = {{"programme", Id(id)}, {"provider", Id(provider->id)}};
  audit::Append(*lease, e);
  tx.Commit();
  return http::Response::Redirect("/staff/training/programmes/" + Id(id) + "?notice=saved");
}

http::Response ProgrammeGet(const Context& c, http::Request& request) {
  const auto id = http::PathId(request, "id");
  if (!id) return http::Response::Error(404);
  auto lease = c.database.Acquire();
  const auto provider = ProviderOf(*lease, request);
  if (!provider) return NotLinked(c, request);
  const auto p = FindProviderProgramme(*lease, provider->id, *id);
  if (!p) return http::Response::Error(404);
  return ProgrammeFormPage(c, request, ProgrammeFormOf(*p), {}, *id, &*lease);
}

http::Response UpdateProgrammePost(const Context& c, http::Request& request) {
  const auto id = http::PathId(request, "id");
  if (!id) return http::Response::Error(404);
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  const ProgrammeForm form = ProgrammeFormFrom(*fields);
  const CheckedProgramme checked = CheckProgramme(form);
  auto lease = c.database.Acquire();
  auto tx = db::Transaction::ForWriting(*lease);
  const auto provider = ProviderOf(*lease, request);
  if (!provider) return NotLinked(c, request);
  if (!FindProviderProgramme(*lease, provider->id, *id)) return http::Response::Error(404);
  if (!checked.errors.empty()) {
    return ProgrammeFormPage(c, request, form, checked.errors, *id, &*lease, 422);
  }
  Programme p = ProgrammeFrom(checked, form);
  p.id = *id;
  p.provider_id = provider->id;
  if (!UpdateProgramme(*lease, provider->id, p, Now())) return http::Response::Error(404);
  audit::Event e = StaffEvent(request);
  e.action = "training.programme_updated";
  e.details = {{"programme", Id(*id)}, {"provider", Id(provider->id)}};
  audit::Append(*lease, e);
  tx.Commit();
  return http::Response::Redirect("/staff/training/programmes/" + Id(*id) + "?notice=saved");
}

http::Response SessionPage(const Context& c, const http::Request& request, soci::session& sql,
                           const Session& s, const SessionForm& form,
                           const std::map<std::string, std::string>& errors, int status = 200) {
  const std::string& lang = request.lang;
  const auto programme = FindProgramme(sql, s.programme_id);
  data page = SessionData(c.views, lang, s);
  page.set("programme", programme ? programme->title : "");
  page.set("programme_href", "/staff/training/programmes/" + Id(s.programme_id));
  page.set("fields", FormFields(c, lang, SessionFields(form, errors), page));
  page.set("action", "/staff/training/sessions/" + Id(s.id));
  const bool begun = s.starts_on <= Today();
  data rows{data::type::list};
  for (const auto& p : Participants(sql, s.id)) {
    const Status st = p.application.status;
    data row{data::type::object};
    row.set("name", view::MaskName(p.full_name));
    row.set("nik", view::MaskNik(p.nik));
    row.set("status", StatusText(c.views, lang, st, p.position));
    row.set("tag", StatusTag(st));
    row.set("priority", p.application.priority);
    data actions{data::type::list};
    auto add = [&](const char* step, Step s2, bool allowed) {
      if (!allowed || !Next(st, s2)) return;
      data a{data::type::object};
      a.set("href", "/staff/training/applications/" + Id(p.application.id) + "/" + step);
      a.set("label", T(c).Get(lang, std::string("training.staff.action.") + step));
      a.set("warning", s2 == Step::kRecordNotComplete);
      actions.push_back(a);
    };
    add("confirm", Step::kConfirm, true);
    add("start", Step::kStart, begun);
    add("complete", Step::kComplete, begun);
    add("not_complete", Step::kRecordNotComplete, begun);
    row.set("actions", actions);
    row.set("id", Id(p.application.id));
    rows.push_back(row);
  }
  page.set("rows", rows);
  page.set("has_rows", !rows.is_empty_list());
  page.set("begun", begun);
  const std::string notice = request.Query("notice").value_or("");
  if (status == 200 && (notice == "saved" || notice == "recorded" || notice == "session_created")) {
    page.set("notice", T(c).Get(lang, "training.staff.notice." + notice));
  }
  return view::Page(request, c.views, "training/staff_session", "training.staff.session.title",
                    page, status);
}

SessionForm SessionFormOf(const Session& s) {
  return {s.starts_on, s.ends_on, s.schedule, std::to_string(s.quota)};
}

SessionForm SessionFormFrom(const http::Fields& fields) {
  return {FormValue(fields, "starts_on"), FormValue(fields, "ends_on"),
          FormValue(fields, "schedule"), FormValue(fields, "quota")};
}

http::Response CreateSessionPost(const Context& c, http::Request& request) {
  const auto id = http::PathId(request, "id");
  if (!id) return http::Response::Error(404);
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  const SessionForm form = SessionFormFrom(*fields);
  const CheckedSession checked = CheckSession(form, i18n::FundToday(), true);
  auto lease = c.database.Acquire();
  auto tx = db::Transaction::ForWriting(*lease);
  const auto provider = ProviderOf(*lease, request);
  if (!provider) return NotLinked(c, request);
  const auto programme = FindProviderProgramme(*lease, provider->id, *id);
  if (!programme) return http::Response::Error(404);
  if (!checked.errors.empty()) {
    // The programme's page again, with the session form's errors.
    const std::string& lang = request.lang;
    data page{data::type::object};
    data ignored{data::type::object};
    page.set(
        "fields",
        FormFields(c, lang, ProgrammeFields(c, lang, ProgrammeFormOf(*programme), {}), ignored));
    page.set("action", "/staff/training/programmes/" + Id(*id));
    page.set("submit", T(c).Get(lang, "training.staff.form.save"));
    page.set("editing", true);
    page.set("session_fields", FormFields(c, lang, SessionFields(form, checked.errors), page));
    page.set("session_action", "/staff/training/programmes/" + Id(*id) + "/sessions");
    return view::Page(request, c.views, "training/staff_programme",
                      "training.staff.programme.edit_title", page, 422);
  }
  Session s;
  s.programme_id = *id;
  s.starts_on = checked.starts_on;
  s.ends_on = checked.ends_on;
  s.schedule = checked.schedule;
  s.quota = checked.quota;
  const auto session_id = CreateSession(*lease, provider->id, s, Now());
  if (!session_id) return http::Response::Error(404);
  audit::Event e = StaffEvent(request);
  e.action = "training.cohort_created";
  e.details = {{"programme", Id(*id)}, {"cohort", Id(*session_id)}};
  audit::Append(*lease, e);
  tx.Commit();
  return http::Response::Redirect("/staff/training/sessions/" + Id(*session_id) +
                                  "?notice=session_created");
}

http::Response SessionGet(const Context& c, http::Request& request) {
  const auto id = http::PathId(request, "id");
  if (!id) return http::Response::Error(404);
  auto lease = c.database.Acquire();
  const auto provider = ProviderOf(*lease, request);
  if (!provider) return NotLinked(c, request);
  const auto s = FindProviderSession(*lease, provider->id, *id);
  if (!s) return http::Response::Error(404);
  return SessionPage(c, request, *lease, *s, SessionFormOf(*s), {});
}

http::Response UpdateSessionPost(const Context& c, http::Request& request) {
  const auto id = http::PathId(request, "id");
  if (!id) return http::Response::Error(404);
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  const SessionForm form = SessionFormFrom(*fields);
  CheckedSession checked = CheckSession(form, i18n::FundToday(), false);
  auto lease = c.database.Acquire();
  auto tx = db::Transaction::ForWriting(*lease);
  const auto provider = ProviderOf(*lease, request);
  if (!provider) return NotLinked(c, request);
  const auto s = FindProviderSession(*lease, provider->id, *id);
  if (!s) return http::Response::Error(404);
  if (checked.errors.empty() && checked.quota < s->taken) {
    checked.errors["quota"] = "training.error.quota_below_taken";
  }
  if (!checked.errors.empty()) {
    return SessionPage(c, request, *lease, *s, form, checked.errors, 422);
  }
  Session changed = *s;
  changed.starts_on = checked.starts_on;
  changed.ends_on = checked.ends_on;
  changed.schedule = checked.schedule;
  changed.quota = checked.quota;
  std::vector<std::int64_t> offered;
  const std::int64_t now = Now();
  if (UpdateSession(*lease, provider->id, changed, now, &offered) != SessionUpdate::kUpdated) {
    return SessionPage(c, request, *lease, *s, form,
                       {{"quota", "training.error.quota_below_taken"}}, 409);
  }
  const auto programme = FindProgramme(*lease, s->programme_id);
  for (std::int64_t application_id : offered) {
    const auto a = FindApplication(*lease, application_id);
    Tell(c.notify, *lease, *a, "training.inbox.offered",
         {{"title", programme->title}, {"start_date", changed.starts_on}}, "offered");
    audit::Event o = TrainingEvent(request, *a);
    o.action = "training.place_offered";
    audit::Append(*lease, o);
  }
  audit::Event e = StaffEvent(request);
  e.action = "training.cohort_updated";
  e.details = {{"cohort", Id(*id)}, {"quota", std::to_string(changed.quota)}};
  audit::Append(*lease, e);
  tx.Commit();
  return http::Response::Redirect("/staff/training/sessions/" + Id(*id) + "?notice=saved");
}

// A step on a participant: confirm, start (attended), complete, not_complete.
http::Response StepPost(const Context& c, http::Request& request) {
  const auto id = http::PathId(request, "id");
  if (!id) return http::Response::Error(404);
  const std::string name = request.params.at("step");
  std::optional<Step> step;
  if (name == "confirm") step = Step::kConfirm;
  if (name == "start") step = Step::kStart;
  if (name == "complete") step = Step::kComplete;
  if (name == "not_complete") step = Step::kRecordNotComplete;
  if (!step) return http::Response::Error(404);
  auto lease = c.database.Acquire();
  auto tx = db::Transaction::ForWriting(*lease);
  const auto provider = ProviderOf(*lease, request);
  if (!provider) return NotLinked(c, request);
  const auto a = FindApplication(*lease, *id);
  // Another provider's participant is answered like none (no probing of ids).
  if (!a || !FindProviderSession(*lease, provider->id, a->session_id)) {
    return http::Response::Error(404);
  }
  const std::string today = Today();
  const std::int64_t now = Now();
  const auto change = ProviderStep(*lease, provider->id, *id, *step, today, now);
  const std::string back = "/staff/training/sessions/" + Id(a->session_id);
  if (!change) return http::Response::Redirect(back);
  const auto v = ViewOf(*lease, change->before);
  const std::map<std::string, std::string> values = {{"title", v->programme.title},
                                                     {"start_date", v->session.starts_on}};
  audit::Event e = TrainingEvent(request, change->before);
  switch (*step) {
    case Step::kConfirm:
      e.action = "training.participant_confirmed";
      Tell(c.notify, *lease, change->before, "training.inbox.accepted", values, "accepted");
      break;
    case Step::kStart:
      e.action = "training.attendance_recorded";
      break;
    case Step::kComplete: {
      e.action = "training.completion_recorded";
      e.details["outcome"] = "completed";
#ifdef LUMBUNG_HAVE_CERTIFICATES
      // The certificate of the completed training, issued by the provider in this transaction
      // (it audits and tells the member itself).
      const auto issued =
          certificates::IssueCertificate(*lease,
                                         {.member_id = change->before.member_id,
                                          .competency = v->programme.title,
                                          .level = "",
                                          .provider_id = provider->id,
                                          .issuer_name = provider->name,
                                          .issued_by_account = request.visitor.account_id,
                                          .issued_on = today,
                                          .expires_on = "",
                                          .training_application_id = change->before.id},
                                         now, c.notify);
      SetCertificate(*lease, change->before.id, issued.id);
      e.details["certificate"] = Id(issued.id);
#endif
      Tell(c.notify, *lease, change->before, "training.inbox.completed", values, "completed");
      break;
    }
    case Step::kRecordNotComplete:
      e.action = "training.completion_recorded";
      e.details["outcome"] = "not_completed";
      Tell(c.notify, *lease, change->before, "training.inbox.not_completed", values,
           "not_completed");
      break;
    default:
      return http::Response::Error(404);
  }
  audit::Append(*lease, e);  // last before the commit (audit_log.h)
  tx.Commit();
  return http::Response::Redirect(back + "?notice=recorded");
}

}  // namespace

void AddTrainingProviderRoutes(http::Router& router, db::Database& database,
                               const view::Views& views, inbox::Notifier notifier) {
  auto c = std::make_shared<const Context>(Context{database, views, std::move(notifier)});
  const auto staff = [c](http::Response (*f)(const Context&, http::Request&)) {
    return http::StaffOnly({"training_provider"},
                           [c, f](http::Request& request) { return f(*c, request); });
  };
  router.Get("/staff/training", staff(HomeGet));
  router.Get("/staff/training/programmes/new", staff(NewProgrammeGet));
  router.Post("/staff/training/programmes", staff(CreateProgrammePost));
  router.Get("/staff/training/programmes/{id}", staff(ProgrammeGet));
  router.Post("/staff/training/programmes/{id}", staff(UpdateProgrammePost));
  router.Post("/staff/training/programmes/{id}/sessions", staff(CreateSessionPost));
  router.Get("/staff/training/sessions/{id}", staff(SessionGet));
  router.Post("/staff/training/sessions/{id}", staff(UpdateSessionPost));
  router.Post("/staff/training/applications/{id}/{step}", staff(StepPost));
}

}  // namespace lumbung::training
