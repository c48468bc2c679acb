// /employer/workers: the employer's workers. For employer accounts only (http::OnlyRoles); the
// employer is always the session's (Visitor::employer_id), never the URL's or the form's, and a
// worker id in a URL that is not this employer's worker is answered 404 exactly like an unknown
// one, on every route and method (ASVS 4.1.1, 4.2.1).
//
//   GET  /employer/workers                 ?q=<name, NIK or KPJ>&status=active|ended|all&page=N
//   GET  /employer/workers/new             the registration form
//   POST /employer/workers/new             nik, full_name, birth_date_{day,month,year}, sex,
//                                          start_date_{day,month,year}, wage, programs (repeated)
//                                          -> 303 /employer/workers/<member id>?notice=...;
//                                          any problem 422, nothing stored
//   GET  /employer/workers/{id}            the worker: name, masked NIK, KPJ, spells here, wages
//   GET  /employer/workers/{id}/end        the form: end date and reason
//   POST /employer/workers/{id}/end        end_date_{day,month,year}, reason -> 303
//                                          /employer/workers/<id>?notice=ended; problems 422
#include "employers/worker_routes.h"

#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <map>

#include "core/audit/event.h"
#include "core/http/access.h"
#include "core/http/url.h"
#include "core/i18n/fund_time.h"
#include "core/i18n/rupiah.h"
#include "core/i18n/rupiah_input.h"
#include "core/inbox/render.h"
#include "core/view/form.h"
#include "core/view/mask.h"
#include "core/view/page.h"
#include "employers/routes.h"
#include "employers/workers.h"
#include "registry/nik.h"

namespace lumbung::employers {
namespace {

using view::mustache::data;

constexpr std::int64_t kMaxWage = 1'000'000'000'000;
constexpr std::size_t kMaxNameChars = 100;

// The notices the worker's page shows after a change (?notice=...).
constexpr std::string_view kNotices[] = {"registered", "linked", "ended"};

const std::chrono::year_month_day kEarliestDate{std::chrono::year(1900), std::chrono::January,
                                                std::chrono::day(1)};

std::string T(const http::Request& request, const view::Views& views, std::string_view id) {
  return views.catalogs().Get(request.lang, id);
}

// The worker id of the URL: 1 to 18 digits, not 0; nullopt otherwise (the page is not found).
std::optional<std::int64_t> WorkerIdOf(const http::Request& request) {
  return http::PathId(request, "id");
}

// The first value of each field, and every value of a repeated one.
class Input {
 public:
  explicit Input(http::Fields fields) : fields_(std::move(fields)) {}
  std::string Get(std::string_view name) const {
    for (const auto& [key, value] : fields_) {
      if (key == name) return value;
    }
    return "";
  }
  std::vector<std::string> All(std::string_view name) const {
    std::vector<std::string> values;
    for (const auto& [key, value] : fields_) {
      if (key == name) values.push_back(value);
    }
    return values;
  }

 private:
  http::Fields fields_;
};

// "1986-01-25" -> "25 Januari 1986" / "25 January 1986"; the text itself when malformed.
std::string FormatDate(const std::string& iso, const std::string& lang, const i18n::Catalogs& t) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return iso;
  const int month = std::atoi(iso.substr(5, 2).c_str());
  const int day = std::atoi(iso.substr(8, 2).c_str());
  if (month < 1 || month > 12 || day < 1) return iso;
  return std::to_string(day) + " " + t.Get(lang, "date.months." + std::to_string(month)) + " " +
         iso.substr(0, 4);
}

std::optional<std::chrono::year_month_day> ParseIso(const std::string& iso) {
  if (iso.size() < 10) return std::nullopt;
  const std::chrono::year_month_day date{
      std::chrono::year(std::atoi(iso.substr(0, 4).c_str())),
      std::chrono::month(static_cast<unsigned>(std::atoi(iso.substr(5, 2).c_str()))),
      std::chrono::day(static_cast<unsigned>(std::atoi(iso.substr(8, 2).c_str())))};
  if (!date.ok()) return std::nullopt;
  return date;
}

// "jht,jkk" -> "JHT, JKK".
std::string ProgramsText(const std::string& programs) {
  std::string out;
  for (char c : programs) {
    if (c == ',') {
      out += ", ";
    } else {
      out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    }
  }
  return out;
}

// "3171 0105-0890.0001" -> "3171010508900001"; anything else unchanged (the check refuses it).
std::string NikDigits(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      out += c;
    } else if (c != ' ' && c != '.' && c != '-') {
      return text;
    }
  }
  return out;
}

// The name as typed with spaces tidied; the catalog id of its problem, or empty.
std::string CheckName(const std::string& typed, std::string* name) {
  std::string out;
  bool space = false;
  for (unsigned char c : typed) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (c < 0x20 || c == 0x7f) return "employers.workers.new.error.name_characters";
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
    if (!letter && c != '.' && c != ',' && c != '\'' && c != '-') {
      return "employers.workers.new.error.name_characters";
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  *name = out;
  if (out.empty()) return "employers.workers.new.error.name_missing";
  std::size_t chars = 0;
  for (unsigned char c : out) chars += (c & 0xC0) != 0x80;
  if (chars > kMaxNameChars) return "employers.workers.new.error.name_too_long";
  return "";
}

std::string_view NikProblemId(registry::NikProblem problem) {
  switch (problem) {
    case registry::NikProblem::kNone:
      return "";
    case registry::NikProblem::kNotSixteenDigits:
      return "employers.workers.new.error.nik_length";
    case registry::NikProblem::kUnknownProvince:
      return "employers.workers.new.error.nik_province";
    case registry::NikProblem::kBadRegencyOrDistrict:
      return "employers.workers.new.error.nik_region";
    case registry::NikProblem::kBadBirthDate:
      return "employers.workers.new.error.nik_birth_digits";
    case registry::NikProblem::kBadSerial:
      return "employers.workers.new.error.nik_serial";
    case registry::NikProblem::kBirthDateMismatch:
      return "employers.workers.new.error.birth_date_nik";
    case registry::NikProblem::kSexMismatch:
      return "employers.workers.new.error.sex_nik";
  }
  return "employers.workers.new.error.nik_length";
}

// One field's template data, as app/form renders it (core/view/form.h), and the link of its
// error in the summary.

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

audit::Event AuditBy(const http::Request& request) {
  return audit::Event{.actor_user_id = request.visitor.account_id,
                      .subject_user_id = request.visitor.account_id,
                      .ip = request.remote_ip,
                      .user_agent = std::string(request.Header("user-agent"))};
}

// ---------------------------------------------------------------------------------------------
// The list

std::string ListHref(const std::string& q, WorkerFilter filter, int page) {
  std::string href = "/employer/workers?status=" + std::string(WorkerFilterName(filter));
  if (!q.empty()) href += "&q=" + http::PercentEncode(q);
  if (page > 1) href += "&page=" + std::to_string(page);
  return href;
}

http::Response ListPage(http::Request& request, db::Database& database, const view::Views& views) {
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  WorkerQuery query;
  query.search = request.Query("q").value_or("");  // workers.cc cuts it to 100 bytes
  query.filter =
      ParseWorkerFilter(request.Query("status").value_or("active")).value_or(WorkerFilter::kActive);
  const std::string page_text = request.Query("page").value_or("1");
  query.page = page_text.size() <= 6 && !page_text.empty() &&
                       std::all_of(page_text.begin(), page_text.end(),
                                   [](char c) { return c >= '0' && c <= '9'; })
                   ? std::stoll(page_text)
                   : 1;
  WorkerPage found;
  {
    auto lease = database.Acquire();
    found = ListWorkers(lease.session(), request.visitor.employer_id, query);
  }
  data page{data::type::object};
  page.set("q", query.search);
  data filters{data::type::list};
  for (WorkerFilter f : {WorkerFilter::kActive, WorkerFilter::kEnded, WorkerFilter::kAll}) {
    const std::string name(WorkerFilterName(f));
    data o{data::type::object};
    o.set("value", name);
    o.set("label", t.Get(lang, "employers.workers.list.filter_" + name));
    o.set("selected", f == query.filter);
    filters.push_back(o);
  }
  page.set("filters", filters);
  data rows{data::type::list};
  for (const WorkerRow& r : found.rows) {
    data row{data::type::object};
    row.set("href", "/employer/workers/" + std::to_string(r.member_id));
    row.set("name", r.full_name);
    row.set("kpj", r.kpj);
    row.set("nik", view::MaskNik(r.nik));
    row.set("start", FormatDate(r.start_date, lang, t));
    row.set("status", r.active ? t.Get(lang, "employers.workers.status_active")
                               : t.Format(lang, "employers.workers.status_ended_on",
                                          {{"date", FormatDate(r.end_date, lang, t)}}));
    row.set("active", r.active);
    rows.push_back(row);
  }
  page.set("rows", rows);
  page.set("has_rows", !found.rows.empty());
  page.set("count", t.Format(lang, "employers.workers.list.count",
                             {{"count", std::to_string(found.total)}}));
  if (found.pages > 1) {
    data pager{data::type::object};
    pager.set("position", t.Format(lang, "employers.workers.list.page_of",
                                   {{"page", std::to_string(found.page)},
                                    {"pages", std::to_string(found.pages)}}));
    if (found.page > 1) {
      pager.set("previous_href", ListHref(query.search, query.filter, found.page - 1));
    }
    if (found.page < found.pages) {
      pager.set("next_href", ListHref(query.search, query.filter, found.page + 1));
    }
    page.set("pager", pager);
  }
  return view::Page(request, views, "employers/workers", "employers.workers.list.title", page);
}

// ---------------------------------------------------------------------------------------------
// The worker

http::Response WorkerDetailPage(http::Request& request, db::Database& database,
                                const view::Views& views) {
  const auto id = WorkerIdOf(request);
  if (!id) return http::Response::Error(404);
  std::optional<WorkerDetail> worker;
  {
    auto lease = database.Acquire();
    worker = LoadWorker(lease.session(), request.visitor.employer_id, *id);
  }
  if (!worker) return http::Response::Error(404);
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  data page{data::type::object};
  const std::string notice = request.Query("notice").value_or("");
  for (auto known : kNotices) {
    if (notice == known) {
      page.set("notice", t.Format(lang, "employers.workers.notice." + notice,
                                  {{"kpj", worker->kpj}, {"name", worker->full_name}}));
    }
  }
  page.set("name", worker->full_name);
  page.set("nik", view::MaskNik(worker->nik));
  page.set("kpj", worker->kpj);
  page.set("status", worker->OpenSpell() ? t.Get(lang, "employers.workers.status_active")
                                         : t.Get(lang, "employers.workers.status_ended"));
  if (worker->OpenSpell())
    page.set("end_href", "/employer/workers/" + std::to_string(*id) + "/end");
  // Work accidents are reported through the claims feature's form, with this worker chosen.
  page.set("accident_href", "/employer/accidents/new?worker=" + std::to_string(*id));
  data spells{data::type::list};
  for (const Spell& s : worker->spells) {
    data row{data::type::object};
    row.set("start", FormatDate(s.start_date, lang, t));
    row.set("end", s.end_date.empty() ? t.Get(lang, "employers.workers.worker.still_working")
                                      : FormatDate(s.end_date, lang, t));
    row.set("reason", s.end_reason.empty()
                          ? std::string("–")
                          : t.Get(lang, "employers.workers.reason." + s.end_reason));
    row.set("wage", s.declared_wage ? i18n::FormatRupiah(*s.declared_wage, lang) : "–");
    row.set("programs", ProgramsText(s.programs));
    spells.push_back(row);
  }
  page.set("spells", spells);
  data wages{data::type::list};
  for (const WageLine& w : worker->wages) {
    data row{data::type::object};
    row.set("month", inbox::MonthText(t, lang, w.period));
    row.set("wage", i18n::FormatRupiah(w.wage, lang));
    wages.push_back(row);
  }
  page.set("wages", wages);
  page.set("has_wages", !worker->wages.empty());
  if (worker->more_wages) {
    page.set("more_wages", t.Format(lang, "employers.workers.worker.more_wages",
                                    {{"count", std::to_string(kWageLinesShown)}}));
  }
  return view::Page(request, views, "employers/worker", "employers.workers.worker.title", page);
}

// ---------------------------------------------------------------------------------------------
// Registering a worker

struct RegisterForm {
  view::FormField nik, full_name, birth_date, start_date, wage;
  std::string sex, sex_error;
  std::vector<std::string> programs;  // ticked
  std::string programs_error;
};

RegisterForm EmptyRegisterForm(const http::Request& request, const view::Views& views) {
  RegisterForm f;
  f.nik = {.name = "nik",
           .label = T(request, views, "employers.workers.new.nik"),
           .hint = T(request, views, "employers.workers.new.nik_hint"),
           .autocomplete = "off",
           .inputmode = "numeric",
           .width = "w16",
           .maxlength = 24};
  f.full_name = {.name = "full_name",
                 .label = T(request, views, "employers.workers.new.full_name"),
                 .hint = T(request, views, "employers.workers.new.full_name_hint"),
                 .autocomplete = "off",
                 .maxlength = static_cast<int>(kMaxNameChars) * 2};
  f.birth_date = {.name = "birth_date",
                  .label = T(request, views, "employers.workers.new.birth_date"),
                  .hint = T(request, views, "employers.workers.new.birth_date_hint"),
                  .type = "date",
                  .autocomplete = "off"};
  f.start_date = {.name = "start_date",
                  .label = T(request, views, "employers.workers.new.start_date"),
                  .hint = T(request, views, "employers.workers.new.start_date_hint"),
                  .type = "date",
                  .autocomplete = "off"};
  f.wage = {.name = "wage",
            .label = T(request, views, "employers.workers.new.wage"),
            .hint = T(request, views, "employers.workers.new.wage_hint"),
            .autocomplete = "off",
            .inputmode = "numeric",
            .width = "w16",
            .maxlength = 30};
  for (auto p : kPrograms) f.programs.emplace_back(p);
  return f;
}

http::Response RegisterPage(const http::Request& request, const view::Views& views,
                            const RegisterForm& form, int status = 200) {
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  data page{data::type::object};
  Errors errors;
  const auto put = [&](data& list, const view::FormField& field) {
    view::RenderedField r = view::RenderField(field, views.catalogs(), lang);
    errors.Add(r.href, field.error);
    list.push_back(r.field);
  };
  data person{data::type::list};
  put(person, form.nik);
  put(person, form.full_name);
  put(person, form.birth_date);
  page.set("person_fields", person);
  errors.Add("#f-sex-M", form.sex_error);
  data sexes{data::type::list};
  for (const char* value : {"M", "F"}) {
    data o{data::type::object};
    o.set("value", value);
    o.set("label", t.Get(lang, std::string("employers.workers.sex.") + value));
    o.set("checked", form.sex == value);
    sexes.push_back(o);
  }
  page.set("sexes", sexes);
  if (!form.sex_error.empty()) page.set("sex_error", form.sex_error);
  data job{data::type::list};
  put(job, form.start_date);
  put(job, form.wage);
  page.set("job_fields", job);
  errors.Add("#f-programs-jht", form.programs_error);
  data programs{data::type::list};
  for (auto p : kPrograms) {
    const std::string value(p);
    data o{data::type::object};
    o.set("value", value);
    o.set("label", t.Get(lang, "employers.workers.program." + value));
    o.set("checked",
          std::find(form.programs.begin(), form.programs.end(), value) != form.programs.end());
    programs.push_back(o);
  }
  page.set("programs", programs);
  if (!form.programs_error.empty()) page.set("programs_error", form.programs_error);
  errors.Into(page);
  return view::Page(request, views, "employers/worker_new", "employers.workers.new.title", page,
                    status);
}

http::Response RegisterPost(http::Request& request, db::Database& database,
                            const view::Views& views) {
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  const Input input(*fields);
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  RegisterForm form = EmptyRegisterForm(request, views);
  form.nik.value = input.Get("nik");
  form.full_name.value = input.Get("full_name");
  form.wage.value = input.Get("wage");
  form.sex = input.Get("sex");
  form.programs = input.All("programs");
  const std::chrono::year_month_day today = i18n::FundToday();

  // Every field is checked at once, so the employer sees every problem together.
  const std::string nik = NikDigits(input.Get("nik"));
  registry::NikProblem nik_problem = registry::CheckNikStructure(nik);
  if (input.Get("nik").empty()) {
    form.nik.error = t.Get(lang, "employers.workers.new.error.nik_missing");
  } else if (nik_problem != registry::NikProblem::kNone) {
    form.nik.error = t.Get(lang, NikProblemId(nik_problem));
  }
  std::string name;
  if (const std::string problem = CheckName(form.full_name.value, &name); !problem.empty()) {
    form.full_name.error = t.Get(lang, problem);
  }
  const auto birth = view::ReadDateField(
      form.birth_date,
      {input.Get("birth_date_day"), input.Get("birth_date_month"), input.Get("birth_date_year")},
      kEarliestDate, today, "employers.workers.new.birth_date_problem.", t, lang);
  std::optional<registry::Sex> sex;
  if (form.sex == "M") {
    sex = registry::Sex::kMale;
  } else if (form.sex == "F") {
    sex = registry::Sex::kFemale;
  } else {
    form.sex.clear();
    form.sex_error = t.Get(lang, "employers.workers.new.error.sex_missing");
  }
  // The NIK holds the birth date and the sex: they must agree with what was typed.
  if (nik_problem == registry::NikProblem::kNone && birth && sex) {
    const registry::NikProblem cross = registry::CrossCheckNik(nik, *birth, *sex);
    if (cross == registry::NikProblem::kBirthDateMismatch) {
      form.birth_date.error = t.Get(lang, NikProblemId(cross));
    } else if (cross == registry::NikProblem::kSexMismatch) {
      form.sex_error = t.Get(lang, NikProblemId(cross));
    }
  }
  const auto start = view::ReadDateField(
      form.start_date,
      {input.Get("start_date_day"), input.Get("start_date_month"), input.Get("start_date_year")},
      birth.value_or(kEarliestDate), today, "employers.workers.new.start_date_problem.", t, lang);
  const i18n::RupiahInput wage = i18n::ParseRupiah(form.wage.value, kMaxWage);
  if (wage.error != i18n::RupiahInputError::kNone) {
    form.wage.error = t.Format(lang, i18n::RupiahInputErrorKey(wage.error),
                               {{"max", i18n::FormatRupiah(kMaxWage, lang)}});
  } else if (*wage.amount == 0) {
    form.wage.error = t.Get(lang, "employers.workers.new.error.wage_zero");
  }
  std::string programs;
  for (auto p : kPrograms) {
    if (std::find(form.programs.begin(), form.programs.end(), p) != form.programs.end()) {
      programs += (programs.empty() ? "" : ",") + std::string(p);
    }
  }
  const bool unknown_program =
      std::any_of(form.programs.begin(), form.programs.end(), [](const std::string& p) {
        return std::find(std::begin(kPrograms), std::end(kPrograms), p) == std::end(kPrograms);
      });
  if (programs.empty() || unknown_program) {
    form.programs_error = t.Get(lang, "employers.workers.new.error.programs");
  }
  const auto has_errors = [&] {
    return !form.nik.error.empty() || !form.full_name.error.empty() ||
           !form.birth_date.error.empty() || !form.sex_error.empty() ||
           !form.start_date.error.empty() || !form.wage.error.empty() ||
           !form.programs_error.empty();
  };
  if (has_errors()) return RegisterPage(request, views, form, 422);

  NewWorker worker{.nik = nik,
                   .full_name = name,
                   .birth_date = view::IsoDate(*birth),
                   .sex = form.sex,
                   .start_date = view::IsoDate(*start),
                   .monthly_wage = *wage.amount,
                   .programs = programs};
  RegisterResult result;
  {
    auto lease = database.Acquire();
    result = RegisterWorker(lease.session(), request.visitor.employer_id, worker,
                            view::IsoDate(today), AuditBy(request));
  }
  if (!result.registered()) {
    if (result.already_active_here) {
      form.nik.error = t.Get(lang, "employers.workers.new.error.already_active_here");
    } else if (result.deceased) {
      form.nik.error = t.Get(lang, "employers.workers.new.error.deceased");
    }
    if (result.birth_date_differs) {
      form.birth_date.error = t.Get(lang, "employers.workers.new.error.birth_date_registry");
    }
    if (result.sex_differs)
      form.sex_error = t.Get(lang, "employers.workers.new.error.sex_registry");
    return RegisterPage(request, views, form, 422);
  }
  return http::Response::Redirect("/employer/workers/" + std::to_string(result.member_id) +
                                  (result.new_member ? "?notice=registered" : "?notice=linked"));
}

// ---------------------------------------------------------------------------------------------
// Ending an employment

struct EndForm {
  view::FormField end_date;
  std::string reason, reason_error;
};

http::Response EndPage(const http::Request& request, const view::Views& views,
                       const WorkerDetail& worker, const EndForm& form, int status = 200) {
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  data page{data::type::object};
  page.set("name", worker.full_name);
  page.set("kpj", worker.kpj);
  page.set("worker_href", "/employer/workers/" + std::to_string(worker.member_id));
  page.set("action", "/employer/workers/" + std::to_string(worker.member_id) + "/end");
  const Spell* open = worker.OpenSpell();
  if (!open) {
    page.set("nothing_open", true);
    return view::Page(request, views, "employers/worker_end", "employers.workers.end.title", page,
                      status);
  }
  page.set("started", t.Format(lang, "employers.workers.end.started",
                               {{"date", FormatDate(open->start_date, lang, t)}}));
  Errors errors;
  view::RenderedField date = view::RenderField(form.end_date, views.catalogs(), lang);
  errors.Add(date.href, form.end_date.error);
  page.set("end_date", date.field);
  errors.Add("#f-reason-resigned", form.reason_error);
  data reasons{data::type::list};
  for (auto r : kEndReasons) {
    const std::string value(r);
    data o{data::type::object};
    o.set("value", value);
    o.set("label", t.Get(lang, "employers.workers.reason." + value));
    o.set("checked", form.reason == value);
    reasons.push_back(o);
  }
  page.set("reasons", reasons);
  if (!form.reason_error.empty()) page.set("reason_error", form.reason_error);
  errors.Into(page);
  return view::Page(request, views, "employers/worker_end", "employers.workers.end.title", page,
                    status);
}

EndForm EmptyEndForm(const http::Request& request, const view::Views& views) {
  EndForm f;
  f.end_date = {.name = "end_date",
                .label = T(request, views, "employers.workers.end.end_date"),
                .hint = T(request, views, "employers.workers.end.end_date_hint"),
                .type = "date",
                .autocomplete = "off"};
  return f;
}

http::Response EndGet(http::Request& request, db::Database& database, const view::Views& views) {
  const auto id = WorkerIdOf(request);
  if (!id) return http::Response::Error(404);
  std::optional<WorkerDetail> worker;
  {
    auto lease = database.Acquire();
    worker = LoadWorker(lease.session(), request.visitor.employer_id, *id);
  }
  if (!worker) return http::Response::Error(404);
  return EndPage(request, views, *worker, EmptyEndForm(request, views));
}

http::Response EndPost(http::Request& request, db::Database& database, const view::Views& views,
                       const inbox::Notifier& notify) {
  const auto id = WorkerIdOf(request);
  if (!id) return http::Response::Error(404);
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  // Whose worker this is comes first: another employer's worker is not found, whatever the form.
  const auto worker = LoadWorker(sql, request.visitor.employer_id, *id);
  if (!worker) return http::Response::Error(404);
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  const Input input(*fields);
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  const Spell* open = worker->OpenSpell();
  EndForm form = EmptyEndForm(request, views);
  if (!open) return EndPage(request, views, *worker, form, 409);
  form.reason = input.Get("reason");
  const auto started = ParseIso(open->start_date).value_or(kEarliestDate);
  const view::DateParts typed{input.Get("end_date_day"), input.Get("end_date_month"),
                              input.Get("end_date_year")};
  const auto end = view::ReadDateField(form.end_date, typed, started, i18n::FundToday(),
                                       "employers.workers.end.end_date_problem.", t, lang);
  if (!end && view::ParseMemorableDate(typed, started, i18n::FundToday()).problem ==
                  view::DateProblem::kTooEarly) {
    form.end_date.error = t.Format(lang, "employers.workers.end.error.before_start",
                                   {{"date", FormatDate(open->start_date, lang, t)}});
  }
  if (!IsEndReason(form.reason)) {
    form.reason.clear();
    form.reason_error = t.Get(lang, "employers.workers.end.error.reason");
  }
  if (!form.end_date.error.empty() || !form.reason_error.empty()) {
    return EndPage(request, views, *worker, form, 422);
  }
  const EndResult result = EndEmployment(sql, request.visitor.employer_id, *id, view::IsoDate(*end),
                                         form.reason, AuditBy(request), notify);
  switch (result.outcome) {
    case EndOutcome::kEnded:
      break;
    case EndOutcome::kBeforeStart:
      // The spell changed meanwhile (another tab): the form again, with today's picture.
      form.end_date.error = t.Format(lang, "employers.workers.end.error.before_start",
                                     {{"date", FormatDate(open->start_date, lang, t)}});
      return EndPage(request, views, *worker, form, 422);
    case EndOutcome::kNoOpenSpell: {
      const auto now = LoadWorker(sql, request.visitor.employer_id, *id);
      return EndPage(request, views, now ? *now : *worker, form, 409);
    }
  }
  return http::Response::Redirect("/employer/workers/" + std::to_string(*id) + "?notice=ended");
}

}  // namespace

void AddWorkerRoutes(http::Router& router, db::Database& database, const view::Views& views,
                     const config::Config&, const registry::RuleBook&, inbox::Notifier notify) {
  // Employer accounts only; an account without an employer (cannot be made, but) sees nothing.
  const auto employer = [](http::Handler handler) { return ForEmployer(std::move(handler)); };
  router.Get("/employer/workers", employer([&database, &views](http::Request& request) {
               return ListPage(request, database, views);
             }));
  router.Get("/employer/workers/new", employer([&views](http::Request& request) {
               return RegisterPage(request, views, EmptyRegisterForm(request, views));
             }));
  router.Post("/employer/workers/new", employer([&database, &views](http::Request& request) {
                return RegisterPost(request, database, views);
              }));
  router.Get("/employer/workers/{id}", employer([&database, &views](http::Request& request) {
               return WorkerDetailPage(request, database, views);
             }));
  router.Get("/employer/workers/{id}/end", employer([&database, &views](http::Request& request) {
               return EndGet(request, database, views);
             }));
  router.Post("/employer/workers/{id}/end",
              employer([&database, &views, notify = std::move(notify)](http::Request& request) {
                return EndPost(request, database, views, notify);
              }));
}

}  // namespace lumbung::employers
