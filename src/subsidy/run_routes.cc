// The eligibility runs and the exclusion lists for fund staff (docs/subsidy.md, "Runs on the staff
// pages"), over run.h and list_import.h:
//
//   GET  /staff/subsidy/runs?year=Y             the programme's runs, "start a run" (dry or real),
//                                               the exclusion lists and their import
//   POST /staff/subsidy/runs                    starts a run (subsidy_officer)
//   GET  /staff/subsidy/runs/{id}               the run: state, members and steps done (a plain
//                                               link refreshes it: no script), the reasons
//                                               counted, confirm (another officer)
//   POST /staff/subsidy/runs/{id}/confirm       confirms the run (subsidy_officer, never the one
//                                               who started it)
//   GET  /staff/subsidy/runs/{id}/diff?after=M  who entered and who left since the run it is
//                                               compared with, grouped by reason, paged
//   POST /staff/subsidy/lists                   an exclusion list's file (subsidy_officer,
//                                               upload): all or nothing, errors by line
//
// Reading is for subsidy_officer and finance (http::StaffOnly); every change is for
// subsidy_officer and audited by run.h and list_import.h (subsidy.run_started,
// subsidy.run_confirmed, subsidy.run_confirm_refused, subsidy.list_imported), a refused import
// as subsidy.list_import_refused.
#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <set>
#include <sstream>

#include "core/audit/audit_log.h"
#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/http/multipart.h"
#include "core/http/url.h"
#include "core/i18n/wib_time.h"
#include "core/view/page.h"
#include "subsidy/list_import.h"
#include "subsidy/reason_mask.h"
#include "subsidy/routes.h"
#include "subsidy/run.h"

namespace lumbung::subsidy {
namespace {

using view::mustache::data;

constexpr const char* kOfficer = "subsidy_officer";
constexpr const char* kFinance = "finance";
constexpr int kRunsShown = 20;
constexpr int kDiffPageSize = 50;
constexpr std::size_t kLineErrorsShown = 100;
constexpr const char* kListField = "list";
constexpr const char* kFileField = "list_file";

struct Context {
  db::Database& database;
  const view::Views& views;
  RunSettings settings;
  std::function<void()> wake_jobs;
};

const i18n::Catalogs& T(const Context& c) {
  return c.views.catalogs();
}

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Field(const http::Fields& fields, std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (key == name) return value;
  }
  return "";
}

std::string RunHref(std::int64_t id) {
  return "/staff/subsidy/runs/" + std::to_string(id);
}

std::string ListHref(int year) {
  return "/staff/subsidy/runs?year=" + std::to_string(year);
}

// The programme named by `year` ("2025"), or the newest one.
const Program* ProgramOf(const Context& c, const std::optional<std::string>& year) {
  const auto& all = c.settings.programs->All();
  if (all.empty()) return nullptr;
  if (!year || year->empty()) return &all.back();
  const auto id = http::ParsePositiveId(*year);
  if (!id || *id > 9999) return nullptr;
  return c.settings.programs->ForYear(static_cast<int>(*id));
}

// The list names the programmes exclude by, each once, in the order first named.
std::vector<std::string> ListNames(const Context& c) {
  std::vector<std::string> names;
  for (const Program& p : c.settings.programs->All()) {
    for (const std::string& list : p.exclusions) {
      if (std::find(names.begin(), names.end(), list) == names.end()) names.push_back(list);
    }
  }
  return names;
}

// A reason code in a few words for staff ("excluded_pkh": "on the list pkh").
std::string CodeLabel(const Context& c, const std::string& lang, const std::string& code) {
  if (code.starts_with("excluded_")) {
    return T(c).Format(lang, "subsidy.runs.code_excluded", {{"list", code.substr(9)}});
  }
  return T(c).Get(lang, "subsidy.runs.code_" + code);
}

std::string Codes(const Context& c, const std::string& lang,
                  const std::vector<std::string>& codes) {
  std::string text;
  for (const std::string& code : codes) {
    text += (text.empty() ? "" : ", ") + CodeLabel(c, lang, code);
  }
  return text;
}

std::string StateText(const Context& c, const std::string& lang, const Run& run) {
  return T(c).Get(lang, "subsidy.runs.state_" + run.state);
}

std::string KindText(const Context& c, const std::string& lang, const Run& run) {
  return T(c).Get(lang, run.dry_run ? "subsidy.runs.kind_dry" : "subsidy.runs.kind_real");
}

std::int64_t Steps(std::int64_t members, std::int64_t per_step) {
  return per_step > 0 ? (members + per_step - 1) / per_step : 0;
}

// "1,234 of 10,000 members (12%), step 1 of 1": what a refresh shows while a run goes.
std::string ProgressText(const Context& c, const std::string& lang, const Run& run) {
  const std::int64_t total = run.members_total.value_or(0);
  const std::int64_t per_step = c.settings.members_per_step;
  return T(c).Format(
      lang, "subsidy.runs.progress",
      {{"done", std::to_string(run.members_done)},
       {"total", std::to_string(total)},
       {"percent", std::to_string(total > 0 ? run.members_done * 100 / total : 0)},
       {"step", std::to_string(Steps(run.members_done, per_step))},
       {"steps", std::to_string(std::max<std::int64_t>(1, Steps(total, per_step)))}});
}

std::optional<std::string> Known(const http::Request& request, std::string_view key,
                                 std::initializer_list<std::string_view> names) {
  const std::string value = request.Query(key).value_or("");
  for (std::string_view name : names) {
    if (value == name) return value;
  }
  return std::nullopt;
}

data ProgramNav(const Context& c, const Program& current, std::string_view base) {
  data programs{data::type::list};
  for (const Program& p : c.settings.programs->All()) {
    data row{data::type::object};
    row.set("year", std::to_string(p.year));
    row.set("href", std::string(base) + "?year=" + std::to_string(p.year));
    row.set("current", p.year == current.year);
    programs.push_back(row);
  }
  return programs;
}

// ---------------------------------------------------------------------------------------------
// The list of runs, the start form and the exclusion lists

struct ListForm {
  std::string kind_error;  // the start form
  std::string kind;
  std::string list_error, file_error;  // the import form
  std::string list;
  std::vector<std::string> line_errors;  // the import's wrong lines, first ones
  std::int64_t line_error_count = 0;
};

http::Response ListPage(const Context& c, const http::Request& request, const Program& program,
                        const ListForm& form, int status) {
  const std::string& lang = request.lang;
  std::vector<Run> runs;
  std::vector<std::pair<std::string, std::int64_t>> sizes;
  {
    auto lease = c.database.Acquire();
    MarkFailedRuns(lease.session(), Now());
    runs = RunsOf(lease.session(), program.year, kRunsShown);
    sizes = ListSizes(lease.session());
  }
  const bool officer = request.visitor.HasStaffRole(kOfficer);
  data page{data::type::object};
  page.set("year", std::to_string(program.year));
  page.set("program", lang == "en" ? program.name_en : program.name_id);
  page.set("programs", ProgramNav(c, program, "/staff/subsidy/runs"));
  page.set("batches_href", "/staff/subsidy/batches?year=" + std::to_string(program.year));
  if (status == 200) {
    if (auto notice = Known(request, "notice", {"list_imported"})) {
      page.set("notice", T(c).Get(lang, "subsidy.runs.notice_" + *notice));
    }
  }
  bool running = false;
  data rows{data::type::list};
  for (const Run& r : runs) {
    data row{data::type::object};
    row.set("id", std::to_string(r.id));
    row.set("href", RunHref(r.id));
    row.set("label", T(c).Format(lang, "subsidy.runs.run_label", {{"id", std::to_string(r.id)}}));
    row.set("kind", KindText(c, lang, r));
    row.set("state", StateText(c, lang, r));
    row.set("started", i18n::FormatWibTime(r.started_at, lang, T(c)));
    row.set("eligible", r.state == kRunDone ? std::to_string(r.eligible_count.value_or(0))
                                            : ProgressText(c, lang, r));
    row.set("confirmed", r.confirmed);
    running = running || r.state == kRunRunning;
    rows.push_back(row);
  }
  page.set("runs", rows);
  page.set("has_runs", !runs.empty());
  page.set("can_start", officer && !running);
  page.set("running", running);

  // The start form: one question, dry run or real run, no default (a real run is a decision).
  data kinds{data::type::list};
  for (const auto& [value, label, hint] :
       {std::tuple{"dry_run", "subsidy.runs.kind_dry", "subsidy.runs.kind_dry_hint"},
        std::tuple{"real", "subsidy.runs.kind_real", "subsidy.runs.kind_real_hint"}}) {
    data option{data::type::object};
    option.set("value", std::string(value));
    option.set("id", std::string("f-kind-") + value);
    option.set("label", T(c).Get(lang, label));
    option.set("hint", T(c).Get(lang, hint));
    option.set("checked", form.kind == value);
    kinds.push_back(option);
  }
  page.set("kinds", kinds);
  if (!form.kind_error.empty()) page.set("kind_error", form.kind_error);

  // The exclusion lists.
  data lists{data::type::list};
  std::set<std::string> shown;
  const auto add_list = [&](const std::string& name, std::int64_t entries) {
    data row{data::type::object};
    row.set("name", name);
    row.set("entries", std::to_string(entries));
    lists.push_back(row);
    shown.insert(name);
  };
  for (const auto& [name, entries] : sizes) add_list(name, entries);
  for (const std::string& name : ListNames(c)) {
    if (!shown.count(name)) add_list(name, 0);
  }
  page.set("lists", lists);
  page.set("can_import", officer);
  data options{data::type::list};
  for (const std::string& name : ListNames(c)) {
    data option{data::type::object};
    option.set("value", name);
    option.set("selected", form.list == name);
    options.push_back(option);
  }
  page.set("list_options", options);
  if (!form.list_error.empty()) page.set("list_error", form.list_error);
  if (!form.file_error.empty()) page.set("file_error", form.file_error);

  data errors{data::type::list};
  const auto add_error = [&](const std::string& href, const std::string& message) {
    data item{data::type::object};
    item.set("href", href);
    item.set("message", message);
    errors.push_back(item);
  };
  if (!form.kind_error.empty()) add_error("#f-kind-dry_run", form.kind_error);
  if (!form.list_error.empty()) add_error("#f-list", form.list_error);
  if (!form.file_error.empty()) add_error("#f-list_file", form.file_error);
  for (const std::string& line : form.line_errors) add_error("#f-list_file", line);
  page.set("errors", errors);
  page.set("has_errors", !errors.is_empty_list());
  page.set("more_errors",
           form.line_error_count > static_cast<std::int64_t>(form.line_errors.size()));
  page.set("more_errors_text", T(c).Format(lang, "subsidy.runs.more_line_errors",
                                           {{"shown", std::to_string(form.line_errors.size())},
                                            {"count", std::to_string(form.line_error_count)}}));
  return view::Page(request, c.views, "subsidy/run_list", "subsidy.runs.list_title", page, status);
}

http::Response ListGet(const Context& c, http::Request& request) {
  const Program* program = ProgramOf(c, request.Query("year"));
  if (!program) return http::Response::Error(404);
  return ListPage(c, request, *program, {}, 200);
}

http::Response StartPost(const Context& c, http::Request& request) {
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  const Program* program = ProgramOf(c, Field(*fields, "year"));
  if (!program) return http::Response::Error(404);
  ListForm form;
  form.kind = Field(*fields, "kind");
  if (form.kind != "dry_run" && form.kind != "real") {
    form.kind.clear();
    form.kind_error = T(c).Get(request.lang, "subsidy.runs.error_kind");
    return ListPage(c, request, *program, form, 422);
  }
  StartedRun started;
  {
    auto lease = c.database.Acquire();
    started = StartRun(lease.session(), c.settings, program->year, form.kind == "dry_run",
                       request.visitor.account_id, Now());
  }
  if (started.refusal == StartRefusal::kAlreadyRunning) {
    return http::Response::Redirect(RunHref(started.running->id) + "?refused=already_running");
  }
  if (!started.run_id) return http::Response::Error(404);
  if (c.wake_jobs) c.wake_jobs();
  return http::Response::Redirect(RunHref(*started.run_id) + "?notice=started");
}

// The exclusion list's file: all or nothing (list_import.h); each wrong line in the summary.
http::Response ListImportPost(const Context& c, http::Request& request) {
  const auto multipart = http::ParseMultipart(request);
  if (!multipart) return http::Response::Error(400);
  const Program* program = ProgramOf(c, multipart->Get("year"));
  if (!program) return http::Response::Error(404);
  const std::string& lang = request.lang;
  ListForm form;
  form.list = multipart->Get(kListField);
  const auto names = ListNames(c);
  if (std::find(names.begin(), names.end(), form.list) == names.end()) {
    form.list.clear();
    form.list_error = T(c).Get(lang, "subsidy.runs.error_list");
  }
  const http::UploadedFile* file = multipart->File(kFileField);
  if (!file || file->content.empty()) {
    form.file_error = T(c).Get(lang, "subsidy.runs.error_file_missing");
  }
  if (!form.list_error.empty() || !form.file_error.empty()) {
    return ListPage(c, request, *program, form, 422);
  }
  std::istringstream in(file->content);
  ListImportResult result;
  {
    auto lease = c.database.Acquire();
    result = ImportList(lease.session(), form.list, in, request.visitor.account_id, Now());
    if (!result.ok()) {
      // Refused whole, nothing changed; the attempt is on record all the same.
      audit::Event e;
      e.actor_user_id = request.visitor.account_id;
      e.action = "subsidy.list_import_refused";
      e.result = audit::Result::kError;
      e.ip = request.remote_ip;
      e.user_agent = std::string(request.Header("user-agent"));
      e.details = {{"list", form.list},
                   {"errors", std::to_string(result.error_count)},
                   {"file_sha256", result.file_sha256}};
      auto tx = db::Transaction::ForWriting(lease.session());
      audit::Append(lease.session(), e);
      tx.Commit();
    }
  }
  switch (result.refusal) {
    case ListImportRefusal::kNone:
      return http::Response::Redirect(ListHref(program->year) + "&notice=list_imported");
    case ListImportRefusal::kLineErrors:
      form.file_error = T(c).Format(lang, "subsidy.runs.error_file_lines",
                                    {{"count", std::to_string(result.error_count)}});
      for (std::size_t i = 0; i < result.errors.size() && i < kLineErrorsShown; ++i) {
        const ListLineError& e = result.errors[i];
        form.line_errors.push_back(
            T(c).Format(lang, "subsidy.list_error." + std::string(ListLineProblemName(e.problem)),
                        {{"line", std::to_string(e.line)}}));
      }
      form.line_error_count = result.error_count;
      break;
    case ListImportRefusal::kEmpty:
      form.file_error = T(c).Get(lang, "subsidy.runs.error_file_empty");
      break;
    case ListImportRefusal::kUnreadable:
    case ListImportRefusal::kBadListName:
      form.file_error = T(c).Get(lang, "subsidy.runs.error_file_unreadable");
      break;
  }
  form.list = multipart->Get(kListField);
  return ListPage(c, request, *program, form, 422);
}

// ---------------------------------------------------------------------------------------------
// One run

http::Response RunGet(const Context& c, http::Request& request) {
  const auto id = http::PathId(request, "id");
  if (!id) return http::Response::Error(404);
  const std::string& lang = request.lang;
  std::optional<Run> run;
  std::vector<std::pair<std::string, std::int64_t>> counts;
  const Program* program = nullptr;
  {
    auto lease = c.database.Acquire();
    MarkFailedRuns(lease.session(), Now());
    run = FindRun(lease.session(), *id);
    if (!run) return http::Response::Error(404);
    program = c.settings.programs->ForYear(run->program_year);
    if (!program) return http::Response::Error(404);
    if (run->state == kRunDone) counts = ReasonCounts(lease.session(), *program, run->id);
  }
  const bool officer = request.visitor.HasStaffRole(kOfficer);
  const bool started_it = run->started_by && *run->started_by == request.visitor.account_id;
  data page{data::type::object};
  page.set("heading", T(c).Format(lang, "subsidy.runs.run_heading",
                                  {{"id", std::to_string(run->id)},
                                   {"year", std::to_string(run->program_year)}}));
  page.set("program", lang == "en" ? program->name_en : program->name_id);
  page.set("list_href", ListHref(run->program_year));
  page.set("batches_href", "/staff/subsidy/batches?year=" + std::to_string(run->program_year));
  page.set("kind", KindText(c, lang, *run));
  page.set("state", StateText(c, lang, *run));
  page.set("started", i18n::FormatWibTime(run->started_at, lang, T(c)));
  if (run->finished_at) page.set("finished", i18n::FormatWibTime(*run->finished_at, lang, T(c)));
  page.set("progress", ProgressText(c, lang, *run));
  page.set("running", run->state == kRunRunning);
  page.set("failed", run->state == kRunFailed);
  page.set("done", run->state == kRunDone);
  page.set("refresh_href", RunHref(run->id));
  page.set("eligible", std::to_string(run->eligible_count.value_or(0)));
  page.set("not_eligible", std::to_string(run->members_done - run->eligible_count.value_or(0)));
  page.set("confirmed", run->confirmed);
  if (const auto notice = Known(request, "notice", {"started", "confirmed"})) {
    page.set("notice", T(c).Get(lang, "subsidy.runs.notice_" + *notice));
  }
  if (const auto refused =
          Known(request, "refused", {"already_running", "started_it", "not_finished", "dry_run"})) {
    page.set("refused", T(c).Get(lang, "subsidy.runs.refused_" + *refused));
  }

  const std::int64_t blocking = BlockingMask(*program);
  data reasons{data::type::list};
  for (const auto& [code, members] : counts) {
    data row{data::type::object};
    row.set("code", code);
    row.set("label", CodeLabel(c, lang, code));
    row.set("members", std::to_string(members));
    row.set("blocks", (ReasonBit(*program, code) & blocking) != 0);
    reasons.push_back(row);
  }
  page.set("reasons", reasons);
  page.set("has_reasons", !counts.empty());
  if (run->previous_run_id && run->state == kRunDone) {
    page.set("diff_href", RunHref(run->id) + "/diff");
    page.set("diff_text", T(c).Format(lang, "subsidy.runs.diff_link",
                                      {{"id", std::to_string(*run->previous_run_id)}}));
  }
  const bool confirmable = run->state == kRunDone && !run->dry_run && !run->confirmed;
  page.set("can_confirm", officer && confirmable && !started_it);
  page.set("started_it", officer && confirmable && started_it);
  page.set("confirm_action", RunHref(run->id) + "/confirm");
  page.set("dry_run_hint", run->state == kRunDone && run->dry_run);
  return view::Page(request, c.views, "subsidy/run_page", "subsidy.runs.run_title", page);
}

http::Response ConfirmPost(const Context& c, http::Request& request) {
  const auto id = http::PathId(request, "id");
  if (!id) return http::Response::Error(404);
  ConfirmRefusal refusal;
  {
    auto lease = c.database.Acquire();
    refusal = ConfirmRun(lease.session(), *id, request.visitor.account_id, Now());
  }
  switch (refusal) {
    case ConfirmRefusal::kNone:
      return http::Response::Redirect(RunHref(*id) + "?notice=confirmed");
    case ConfirmRefusal::kNotFound:
      return http::Response::Error(404);
    case ConfirmRefusal::kStartedIt:
      return http::Response::Redirect(RunHref(*id) + "?refused=started_it");
    case ConfirmRefusal::kNotFinished:
      return http::Response::Redirect(RunHref(*id) + "?refused=not_finished");
    case ConfirmRefusal::kDryRun:
      return http::Response::Redirect(RunHref(*id) + "?refused=dry_run");
  }
  return http::Response::Error(400);
}

// ---------------------------------------------------------------------------------------------
// The difference report

std::string ChangeText(const Context& c, const std::string& lang, bool absent,
                       const std::vector<std::string>& blocking) {
  if (absent) return T(c).Get(lang, "subsidy.runs.absent");
  if (blocking.empty()) return T(c).Get(lang, "subsidy.runs.eligible");
  return Codes(c, lang, blocking);
}

data Groups(const Context& c, const std::string& lang, const std::vector<ReasonChange>& changes) {
  data rows{data::type::list};
  for (const ReasonChange& change : changes) {
    data row{data::type::object};
    row.set("before", ChangeText(c, lang, change.absent_before, change.blocking_before));
    row.set("after", ChangeText(c, lang, change.absent_after, change.blocking_after));
    row.set("members", std::to_string(change.members));
    rows.push_back(row);
  }
  return rows;
}

http::Response DiffGet(const Context& c, http::Request& request) {
  const auto id = http::PathId(request, "id");
  if (!id) return http::Response::Error(404);
  std::int64_t after = 0;
  if (const auto text = request.Query("after"); text && !text->empty()) {
    const auto parsed = http::ParsePositiveId(*text);
    if (!parsed) return http::Response::Error(404);
    after = *parsed;
  }
  const std::string& lang = request.lang;
  std::optional<Run> run;
  RunDiff diff;
  std::vector<std::pair<std::int64_t, std::string>> names;
  const Program* program = nullptr;
  {
    auto lease = c.database.Acquire();
    soci::session& sql = lease.session();
    run = FindRun(sql, *id);
    if (!run || !run->previous_run_id || run->state != kRunDone) {
      return http::Response::Error(404);
    }
    program = c.settings.programs->ForYear(run->program_year);
    if (!program) return http::Response::Error(404);
    diff = DiffRuns(sql, *c.settings.programs, *run->previous_run_id, run->id,
                    {.after = after, .size = kDiffPageSize});
    long long member = 0;
    std::string name;
    soci::indicator name_ind = soci::i_null;
    soci::statement lookup = (sql.prepare << "SELECT full_name FROM members WHERE id = :m",
                              soci::into(name, name_ind), soci::use(member, "m"));
    for (const DiffMember& m : diff.members) {
      member = m.member_id;
      name.clear();
      lookup.execute(true);
      names.emplace_back(m.member_id,
                         lookup.got_data() && name_ind == soci::i_ok ? name : std::string());
    }
  }
  data page{data::type::object};
  page.set("heading", T(c).Format(lang, "subsidy.runs.diff_heading",
                                  {{"id", std::to_string(run->id)},
                                   {"previous", std::to_string(diff.from_run)}}));
  page.set("program", lang == "en" ? program->name_en : program->name_id);
  page.set("run_href", RunHref(run->id));
  page.set("previous_href", RunHref(diff.from_run));
  page.set("summary", T(c).Format(lang, "subsidy.runs.diff_summary",
                                  {{"entered", std::to_string(diff.entered)},
                                   {"left", std::to_string(diff.left)}}));
  page.set("entered_groups", Groups(c, lang, diff.entered_by));
  page.set("has_entered", !diff.entered_by.empty());
  page.set("left_groups", Groups(c, lang, diff.left_by));
  page.set("has_left", !diff.left_by.empty());
  data members{data::type::list};
  for (std::size_t i = 0; i < diff.members.size(); ++i) {
    const DiffMember& m = diff.members[i];
    data row{data::type::object};
    row.set("member", std::to_string(m.member_id));
    row.set("name", names[i].second);
    row.set("change", T(c).Get(lang, m.entered ? "subsidy.runs.entered" : "subsidy.runs.left"));
    row.set("tag", m.entered ? std::string("success") : std::string("error"));
    const auto blocking_of = [&](const std::optional<std::int64_t>& mask) {
      return mask ? ReasonCodesIn(*program, *mask & BlockingMask(*program))
                  : std::vector<std::string>{};
    };
    row.set("before", ChangeText(c, lang, !m.reasons_before, blocking_of(m.reasons_before)));
    row.set("after", ChangeText(c, lang, !m.reasons_after, blocking_of(m.reasons_after)));
    members.push_back(row);
  }
  page.set("members", members);
  page.set("has_members", !diff.members.empty());
  if (diff.next_after) {
    page.set("next_href", RunHref(run->id) + "/diff?after=" + std::to_string(*diff.next_after));
  }
  if (after > 0) page.set("first_href", RunHref(run->id) + "/diff");
  return view::Page(request, c.views, "subsidy/run_diff", "subsidy.runs.diff_title", page);
}

}  // namespace

void AddSubsidyRunRoutes(http::Router& router, db::Database& database, const view::Views& views,
                         RunSettings settings, std::function<void()> wake_jobs) {
  if (!settings.programs || !settings.minimum_wages) {
    throw std::invalid_argument("AddSubsidyRunRoutes: programmes and minimum wages are needed");
  }
  auto c = std::make_shared<const Context>(
      Context{database, views, std::move(settings), std::move(wake_jobs)});
  const auto bind = [c](http::Response (*f)(const Context&, http::Request&)) {
    return [c, f](http::Request& request) { return f(*c, request); };
  };
  const auto staff = [](http::Handler h) {
    return http::StaffOnly({kOfficer, kFinance}, std::move(h));
  };
  const auto officer = [](http::Handler h) { return http::StaffOnly({kOfficer}, std::move(h)); };
  router.Get("/staff/subsidy/runs", staff(bind(ListGet)));
  router.Post("/staff/subsidy/runs", officer(bind(StartPost)));
  router.Get("/staff/subsidy/runs/{id}", staff(bind(RunGet)));
  router.Post("/staff/subsidy/runs/{id}/confirm", officer(bind(ConfirmPost)));
  router.Get("/staff/subsidy/runs/{id}/diff", staff(bind(DiffGet)));
  router.Post(kListUploadPath, officer(bind(ListImportPost)));
}

}  // namespace lumbung::subsidy
