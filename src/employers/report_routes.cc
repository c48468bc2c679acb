#include "employers/report_routes.h"

#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>

#include "core/csv/safe_csv.h"
#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/http/multipart.h"
#include "core/http/url.h"
#include "core/i18n/day_text.h"
#include "core/i18n/fund_time.h"
#include "core/i18n/rupiah.h"
#include "core/inbox/render.h"
#include "core/view/page.h"
#include "employers/bill_document.h"
#include "employers/issue_message.h"
#include "employers/late_fine.h"
#include "employers/payments.h"
#include "employers/report_check.h"
#include "employers/report_output.h"
#include "employers/report_store.h"
#include "employers/routes.h"
#include "registry/bulk_writer.h"
#include "statements/statement_pdf.h"

namespace lumbung::employers {
namespace {

using view::mustache::data;

constexpr int kBillWorkersPerPage = 50;
constexpr int kBillsPerPage = 24;
// The page where wages are typed lists every worker of the month; larger employers upload.
constexpr std::size_t kMaxTypedWorkers = 200;

struct Context {
  db::Database& database;
  const view::Views& views;
  const registry::RuleBook& rules;
  bool dev_mode = false;
  std::string fund_name, web_address, font_file;
};

const i18n::Catalogs& T(const Context& c) {
  return c.views.catalogs();
}

std::string Money(Rupiah amount, const std::string& lang) {
  return i18n::FormatRupiah(amount, lang);
}

std::string MonthName(const Context& c, const std::string& lang, int period) {
  return inbox::MonthText(T(c), lang, period);
}

std::string DayText(const Context& c, const std::string& lang, const std::string& iso) {
  return i18n::DayText(T(c), lang, iso);
}

Month FundMonth() {
  const auto today = i18n::FundToday();
  return today.year() / today.month();
}

// The months an employer may report: from the first month the rules know to this one.
bool Reportable(const Context& c, Month month) {
  return month >= c.rules.FirstMonth() && month <= FundMonth();
}

// The bill's late fine to date: each part paid late to its day, what is unpaid to today.
Rupiah FineToDate(const Context& c, soci::session& sql, const BillRecord& bill) {
  return FineOwed(sql, c.rules, bill, i18n::FundToday());
}

bool PastDue(const BillRecord& bill) {
  return !bill.paid_on && bill.Outstanding() > 0 &&
         bill.due_date < registry::IsoDate(i18n::FundToday());
}

std::optional<Employer> TheEmployer(soci::session& sql, const http::Request& request) {
  if (request.visitor.employer_id == 0) return std::nullopt;
  return FindEmployer(sql, request.visitor.employer_id);
}

data ProgramTotals(const registry::MonthlyContribution& a, const std::string& lang) {
  data d;
  d.set("jht_worker", Money(a.jht_worker, lang));
  d.set("jht_employer", Money(a.jht_employer, lang));
  d.set("jkk", Money(a.jkk, lang));
  d.set("jkm", Money(a.jkm, lang));
  d.set("jp_worker", Money(a.jp_worker, lang));
  d.set("jp_employer", Money(a.jp_employer, lang));
  d.set("jkp", Money(a.jkp, lang));
  d.set("billed", Money(a.Billed(), lang));
  return d;
}

data BillSummaryData(const Context& c, soci::session& sql, const BillRecord& bill,
                     const std::string& lang) {
  data d;
  d.set("period", std::to_string(bill.period));
  d.set("month", MonthName(c, lang, bill.period));
  d.set("href", "/employer/bills/" + std::to_string(bill.period));
  d.set("billed", Money(bill.amount_billed, lang));
  d.set("paid", Money(bill.amount_paid, lang));
  d.set("outstanding", Money(bill.Outstanding(), lang));
  d.set("payment_code", bill.payment_code);
  d.set("due", DayText(c, lang, bill.due_date));
  const bool paid = bill.Outstanding() == 0;
  d.set("is_paid", paid);
  d.set("paid_on", bill.paid_on ? DayText(c, lang, *bill.paid_on) : std::string());
  const bool late = PastDue(bill);
  d.set("is_late", late);
  d.set("fine", late ? Money(FineToDate(c, sql, bill), lang) : std::string());
  return d;
}

// ---------------------------------------------------------------------------------------------
// /employer

http::Response Home(const Context& c, http::Request& request) {
  auto lease = c.database.Acquire();
  const auto employer = TheEmployer(*lease, request);
  if (!employer) return http::Response::Error(403);
  const std::string& lang = request.lang;
  data page;
  page.set("employer_name", employer->name);
  page.set("npp", employer->npp);
  page.set("active_workers", std::to_string(ActiveWorkerCount(*lease, employer->id)));

  // The last 12 months before this one: reported or not.
  const Month last = FundMonth() - std::chrono::months(1);
  const Month first = last - std::chrono::months(11);
  const auto reported = ReportedPeriods(*lease, employer->id, PeriodOf(first));
  data unreported{data::type::list};
  int reported_count = 0;
  for (Month m = first; m <= last; m += std::chrono::months(1)) {
    if (m < c.rules.FirstMonth()) continue;
    const int period = PeriodOf(m);
    if (std::binary_search(reported.begin(), reported.end(), period)) {
      ++reported_count;
      continue;
    }
    data item;
    item.set("month", MonthName(c, lang, period));
    item.set("href", "/employer/reports/" + std::to_string(period));
    unreported.push_back(item);
  }
  page.set("reported_count", std::to_string(reported_count));
  page.set("unreported", unreported);
  page.set("has_unreported", !unreported.is_empty_list());

  const auto open = OpenBills(*lease, employer->id);
  Rupiah outstanding = 0, arrears = 0, fines = 0;
  std::optional<std::string> next_due;
  const std::string today = registry::IsoDate(i18n::FundToday());
  for (const auto& bill : open) {
    outstanding += bill.Outstanding();
    if (PastDue(bill)) {
      arrears += bill.Outstanding();
      fines += FineToDate(c, *lease, bill);
    } else if (!next_due || bill.due_date < *next_due) {
      next_due = bill.due_date;
    }
  }
  if (!next_due) {
    // Nothing open: the next due date is this month's, once reported.
    next_due = registry::IsoDate(
        DueDate(FundMonth() - std::chrono::months(1),
                c.rules.EmployerPaymentRulesFor(FundMonth() - std::chrono::months(1))
                    .value_or(registry::EmployerPaymentRules{})));
    if (*next_due < today) {
      next_due = registry::IsoDate(DueDate(
          FundMonth(),
          c.rules.EmployerPaymentRulesFor(FundMonth()).value_or(registry::EmployerPaymentRules{})));
    }
  }
  page.set("open_bills", std::to_string(open.size()));
  page.set("outstanding", Money(outstanding, lang));
  page.set("has_arrears", arrears > 0);
  page.set("arrears", Money(arrears, lang));
  page.set("fines", Money(fines, lang));
  page.set("next_due", DayText(c, lang, *next_due));
  return view::Page(request, c.views, "employers/home", "employers.home.title", page);
}

// ---------------------------------------------------------------------------------------------
// /employer/reports

http::Response ReportList(const Context& c, http::Request& request) {
  auto lease = c.database.Acquire();
  const auto employer = TheEmployer(*lease, request);
  if (!employer) return http::Response::Error(403);
  const std::string& lang = request.lang;
  const Month last = FundMonth();
  const Month first = std::max(c.rules.FirstMonth(), last - std::chrono::months(23));
  const auto reported = ReportedPeriods(*lease, employer->id, PeriodOf(first));
  data months{data::type::list};
  for (Month m = last; m >= first; m -= std::chrono::months(1)) {
    const int period = PeriodOf(m);
    data item;
    item.set("month", MonthName(c, lang, period));
    item.set("href", "/employer/reports/" + std::to_string(period));
    item.set("reported", std::binary_search(reported.begin(), reported.end(), period));
    const int version = LatestVersion(*lease, employer->id, period);
    item.set("amended", version > 1);
    item.set("version", std::to_string(version));
    months.push_back(item);
  }
  data page;
  page.set("months", months);
  return view::Page(request, c.views, "employers/reports", "employers.reports.title", page);
}

std::optional<Month> PeriodParam(const Context& c, http::Request& request) {
  const auto month = ParsePeriod(request.params["period"]);
  if (!month || !Reportable(c, *month)) return std::nullopt;
  return month;
}

// The month's page, with an error about the file when one was refused.
http::Response MonthPage(const Context& c, http::Request& request, soci::session& sql,
                         const Employer& employer, Month month, const std::string& file_error = "",
                         int status = 200) {
  const std::string& lang = request.lang;
  const int period = PeriodOf(month);
  data page;
  page.set("month", MonthName(c, lang, period));
  page.set("period", std::to_string(period));
  page.set("action", "/employer/reports/" + std::to_string(period));
  page.set("entry_href", "/employer/reports/" + std::to_string(period) + "/entry");
  const int version = LatestVersion(sql, employer.id, period);
  const auto bill = FindBill(sql, employer.id, period);
  page.set("reported", bill.has_value() || version > 0);
  page.set("version", std::to_string(version));
  if (bill) {
    page.set("bill", BillSummaryData(c, sql, *bill, lang));
    page.set("workers", std::to_string(MonthTotals(sql, employer.id, *bill).workers));
  }
  page.set("has_file_error", !file_error.empty());
  page.set("file_error", file_error);
  page.set("max_upload", std::to_string(1));
  return view::Page(request, c.views, "employers/report_month", "employers.report.title", page,
                    status);
}

http::Response MonthGet(const Context& c, http::Request& request) {
  const auto month = PeriodParam(c, request);
  if (!month) return http::Response::Error(404);
  auto lease = c.database.Acquire();
  const auto employer = TheEmployer(*lease, request);
  if (!employer) return http::Response::Error(403);
  return MonthPage(c, request, *lease, *employer, *month);
}

// Checks `content` and keeps it for the employer to look at and confirm; a file refused as a
// whole goes back to the month's page with its problem, nothing kept.
http::Response CheckAndKeep(const Context& c, http::Request& request, const Employer& employer,
                            Month month, const std::string& file_name, const std::string& content,
                            const std::function<http::Response(const std::string&)>& refused) {
  auto lease = c.database.Acquire();
  const WorkerDirectory workers = WorkerDirectory::Load(*lease, employer.id, month);
  const CheckedReport checked = CheckReport(content, workers);
  if (checked.refused()) {
    const Issue& issue = checked.summary.kept.front();
    return refused(IssueMessage(issue, T(c), request.lang));
  }
  const std::int64_t id =
      SaveUpload(*lease, employer.id, PeriodOf(month), request.visitor.account_id, file_name,
                 content, checked.summary);
  return http::Response::Redirect("/employer/reports/" + std::to_string(PeriodOf(month)) +
                                  "/uploads/" + std::to_string(id));
}

http::Response UploadPost(const Context& c, http::Request& request) {
  const auto month = PeriodParam(c, request);
  if (!month) return http::Response::Error(404);
  const auto form = http::ParseMultipart(request);
  if (!form) return http::Response::Error(400);
  std::optional<Employer> employer;
  {
    auto lease = c.database.Acquire();
    employer = TheEmployer(*lease, request);
  }
  if (!employer) return http::Response::Error(403);
  const auto refuse = [&](const std::string& message) {
    auto lease = c.database.Acquire();
    return MonthPage(c, request, *lease, *employer, *month, message, 422);
  };
  const http::UploadedFile* file = form->File("report");
  if (!file) return refuse(T(c).Get(request.lang, "employers.report.upload.no_file"));
  std::string name = file->filename.substr(0, 200);
  return CheckAndKeep(c, request, *employer, *month, name, file->content, refuse);
}

// ---------------------------------------------------------------------------------------------
// Typing the month's wages

struct TypedRow {
  const KnownWorker* worker = nullptr;
  std::string value;
};

http::Response EntryPage(const Context& c, http::Request& request, Month month,
                         const std::vector<TypedRow>& rows, int status = 200) {
  const std::string& lang = request.lang;
  data page;
  const int period = PeriodOf(month);
  page.set("month", MonthName(c, lang, period));
  page.set("action", "/employer/reports/" + std::to_string(period) + "/entry");
  page.set("back_href", "/employer/reports/" + std::to_string(period));
  data list{data::type::list};
  int i = 0;
  for (const auto& row : rows) {
    data item;
    item.set("index", std::to_string(i++));
    item.set("name", std::string(row.worker->name));
    item.set("kpj", std::string(row.worker->kpj));
    item.set("member", std::to_string(row.worker->id));
    item.set("value", row.value);
    list.push_back(item);
  }
  page.set("rows", list);
  page.set("has_rows", !rows.empty());
  page.set("too_many", false);
  return view::Page(request, c.views, "employers/report_entry", "employers.entry.title", page,
                    status);
}

http::Response EntryGet(const Context& c, http::Request& request) {
  const auto month = PeriodParam(c, request);
  if (!month) return http::Response::Error(404);
  auto lease = c.database.Acquire();
  const auto employer = TheEmployer(*lease, request);
  if (!employer) return http::Response::Error(403);
  const WorkerDirectory workers = WorkerDirectory::Load(*lease, employer->id, *month);
  auto employed = workers.EmployedInMonth();
  if (employed.size() > kMaxTypedWorkers) {
    data page;
    page.set("month", MonthName(c, request.lang, PeriodOf(*month)));
    page.set("back_href", "/employer/reports/" + std::to_string(PeriodOf(*month)));
    page.set("too_many", true);
    page.set("limit", std::to_string(kMaxTypedWorkers));
    return view::Page(request, c.views, "employers/report_entry", "employers.entry.title", page);
  }
  std::sort(employed.begin(), employed.end(),
            [](const KnownWorker* a, const KnownWorker* b) { return a->name < b->name; });
  // Prefilled: this month's wage when reported, else last month's, else what was declared.
  std::map<WorkerId, Rupiah> known;
  for (const auto& w :
       CurrentReport(*lease, employer->id, PeriodOf(*month - std::chrono::months(1)), workers)) {
    known[w.worker] = w.wage;
  }
  for (const auto& w : CurrentReport(*lease, employer->id, PeriodOf(*month), workers)) {
    known[w.worker] = w.wage;
  }
  std::vector<TypedRow> rows;
  for (const KnownWorker* worker : employed) {
    std::string value;
    if (auto it = known.find(worker->id); it != known.end()) {
      value = std::to_string(it->second);
    } else {
      soci::indicator ind = soci::i_null;
      std::int64_t declared = 0;
      *lease << "SELECT declared_wage FROM employment_spells WHERE member_id = :m AND "
                "employer_id = :e AND declared_wage IS NOT NULL ORDER BY start_date DESC LIMIT 1",
          soci::into(declared, ind), soci::use(worker->id), soci::use(employer->id);
      if (lease->got_data() && ind == soci::i_ok) value = std::to_string(declared);
    }
    rows.push_back({worker, value});
  }
  return EntryPage(c, request, *month, rows);
}

http::Response EntryPost(const Context& c, http::Request& request) {
  const auto month = PeriodParam(c, request);
  if (!month) return http::Response::Error(404);
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  auto lease = c.database.Acquire();
  const auto employer = TheEmployer(*lease, request);
  if (!employer) return http::Response::Error(403);
  const WorkerDirectory workers = WorkerDirectory::Load(*lease, employer->id, *month);
  // Fields member_<i> and wage_<i>: the member ids come back from the page, so each is looked
  // up in this employer's directory (another employer's worker is simply unknown).
  std::map<std::string, std::string> by_name(fields->begin(), fields->end());
  std::vector<std::pair<std::string, std::string>> lines;
  for (std::size_t i = 0; i < kMaxTypedWorkers; ++i) {
    auto member = by_name.find("member_" + std::to_string(i));
    if (member == by_name.end()) break;
    const std::string wage = by_name["wage_" + std::to_string(i)];
    std::int64_t id = 0;
    try {
      id = std::stoll(member->second);
    } catch (...) {
      return http::Response::Error(400);
    }
    const KnownWorker* worker = workers.ById(id);
    if (!worker) return http::Response::Error(400);
    if (wage.find_first_not_of(" \t") == std::string::npos) continue;  // left empty: not reported
    lines.emplace_back(std::string(worker->nik), wage);
  }
  if (lines.empty()) {
    return MonthPage(c, request, *lease, *employer, *month,
                     T(c).Get(request.lang, "employers.entry.nothing_typed"), 422);
  }
  { auto done = std::move(lease); }
  return CheckAndKeep(c, request, *employer, *month,
                      T(c).Get(request.lang, "employers.entry.file_name"), ReportCsv(lines),
                      [&](const std::string& message) {
                        auto again = c.database.Acquire();
                        return MonthPage(c, request, *again, *employer, *month, message, 422);
                      });
}

// ---------------------------------------------------------------------------------------------
// The check of one upload

struct UploadContext {
  Employer employer;
  Upload upload;
  Month month;
};

std::optional<UploadContext> FindUploadOf(const Context& c, http::Request& request,
                                          soci::session& sql) {
  const auto month = PeriodParam(c, request);
  if (!month) return std::nullopt;
  const auto employer = TheEmployer(sql, request);
  if (!employer) return std::nullopt;
  const auto path_id = http::PathId(request, "id");
  if (!path_id) return std::nullopt;
  const std::int64_t id = *path_id;
  auto upload = FindUpload(sql, employer->id, PeriodOf(*month), id);
  if (!upload) return std::nullopt;
  return UploadContext{*employer, std::move(*upload), *month};
}

data ChangeData(const Context& c, const WorkerDirectory& workers, WorkerId id, Rupiah before,
                Rupiah after, const std::string& lang) {
  data d;
  const KnownWorker* worker = workers.ById(id);
  d.set("name", worker ? std::string(worker->name) : std::to_string(id));
  d.set("kpj", worker ? std::string(worker->kpj) : std::string());
  d.set("before", before ? Money(before, lang) : std::string("–"));
  d.set("after", after ? Money(after, lang) : std::string("–"));
  return d;
}

http::Response UploadPage(const Context& c, http::Request& request,
                          const std::string& form_error = "", int status = 200) {
  auto lease = c.database.Acquire();
  const auto found = FindUploadOf(c, request, *lease);
  if (!found) return http::Response::Error(404);
  const std::string& lang = request.lang;
  const int period = found->upload.period;
  const WorkerDirectory workers = WorkerDirectory::Load(*lease, found->employer.id, found->month);
  const CheckedReport checked = CheckReport(found->upload.content, workers);
  const auto& summary = checked.summary;
  const std::string base = "/employer/reports/" + std::to_string(period) + "/uploads/" +
                           std::to_string(found->upload.id);
  data page;
  page.set("month", MonthName(c, lang, period));
  page.set("month_href", "/employer/reports/" + std::to_string(period));
  page.set("file_name", found->upload.file_name);
  page.set("rows", std::to_string(summary.rows));
  page.set("accepted_rows", std::to_string(summary.accepted_rows));
  page.set("error_count", std::to_string(summary.errors));
  page.set("warning_count", std::to_string(summary.warnings));
  page.set("has_errors", summary.errors > 0);
  page.set("has_issues", !summary.kept.empty());
  page.set("more_issues",
           summary.errors + summary.warnings > static_cast<std::int64_t>(summary.kept.size()));
  page.set("json_href", base + "/report.json");
  page.set("csv_href", base + "/problems.csv");
  page.set("submit_action", base + "/submit");
  page.set("submitted", found->upload.state == "submitted");
  page.set("has_form_error", !form_error.empty());
  page.set("form_error", form_error);
  data issues{data::type::list};
  data summary_links{data::type::list};
  for (const Issue& issue : summary.kept) {
    data item;
    const std::string anchor = "problem-" + std::to_string(issues.list_value().size() + 1);
    item.set("anchor", anchor);
    item.set("row", issue.row_number ? std::to_string(issue.row_number) : std::string("–"));
    item.set("column", issue.field_name);
    item.set("cell", issue.cell);
    item.set("code", std::to_string(static_cast<int>(issue.code)));
    item.set("message", IssueMessage(issue, T(c), lang));
    const bool warning = SeverityOf(issue.code) == Severity::kWarning;
    item.set("warning", warning);
    issues.push_back(item);
    if (!warning && summary_links.list_value().size() < 10) {
      data link;
      link.set("href", "#" + anchor);
      link.set("message", IssueMessage(issue, T(c), lang));
      summary_links.push_back(link);
    }
  }
  page.set("issues", issues);
  page.set("summary_links", summary_links);
  // The dry run: what the bill would be, and what changes against the month as reported now.
  const bool can_submit = !checked.accepted.empty() && found->upload.state == "checked";
  page.set("can_submit", can_submit);
  if (!checked.accepted.empty() && found->month >= c.rules.FirstMonth()) {
    const auto before_wages = CurrentReport(*lease, found->employer.id, period, workers);
    const Month previous = found->month - std::chrono::months(1);
    const bool amendment = !before_wages.empty();
    // Against the month itself when this amends it, else against last month (a typo of one
    // zero shows as a change).
    const auto compare_wages =
        amendment ? before_wages
                  : CurrentReport(*lease, found->employer.id, PeriodOf(previous), workers);
    const Bill after = ComputeBill(c.rules, found->month, found->employer.risk, checked.accepted);
    Bill before;
    if (!compare_wages.empty()) {
      const Month compare_month = amendment ? found->month : previous;
      if (compare_month >= c.rules.FirstMonth()) {
        before = ComputeBill(c.rules, compare_month, found->employer.risk, compare_wages);
      }
    }
    const BillDifference difference = CompareBills(before, after);
    data dry = ProgramTotals(after.totals, lang);
    dry.set("workers", std::to_string(after.lines.size()));
    dry.set("amendment", amendment);
    dry.set("compared_with", MonthName(c, lang, PeriodOf(amendment ? found->month : previous)));
    dry.set("has_comparison", !compare_wages.empty());
    dry.set("difference", Money(difference.Billed(), lang));
    data added{data::type::list}, removed{data::type::list}, changed{data::type::list};
    constexpr std::size_t kShown = 50;
    for (const auto& line : difference.added) {
      if (added.list_value().size() < kShown)
        added.push_back(ChangeData(c, workers, line.worker, 0, line.wage, lang));
    }
    for (const auto& line : difference.removed) {
      if (removed.list_value().size() < kShown)
        removed.push_back(ChangeData(c, workers, line.worker, line.wage, 0, lang));
    }
    for (const auto& change : difference.changed) {
      if (changed.list_value().size() < kShown) {
        changed.push_back(
            ChangeData(c, workers, change.worker, change.before_wage, change.after_wage, lang));
      }
    }
    dry.set("added_count", std::to_string(difference.added.size()));
    dry.set("removed_count", std::to_string(difference.removed.size()));
    dry.set("changed_count", std::to_string(difference.changed.size()));
    dry.set("added", added);
    dry.set("removed", removed);
    dry.set("changed", changed);
    dry.set("has_added", !difference.added.empty());
    dry.set("has_removed", !difference.removed.empty());
    dry.set("has_changed", !difference.changed.empty());
    page.set("dry_run", dry);
  }
  return view::Page(request, c.views, "employers/report_check", "employers.check.title", page,
                    status);
}

IssueText IssueTextFor(const Context& c, const std::string& lang) {
  return [&c, lang](const Issue& issue) { return IssueMessage(issue, T(c), lang); };
}

http::Response UploadJson(const Context& c, http::Request& request) {
  auto lease = c.database.Acquire();
  const auto found = FindUploadOf(c, request, *lease);
  if (!found) return http::Response::Error(404);
  const WorkerDirectory workers = WorkerDirectory::Load(*lease, found->employer.id, found->month);
  ReportJsonWriter json(IssueTextFor(c, request.lang));
  std::string body = json.Begin();
  ReportValidator validator(workers.Context(), 0);
  WageReportReader reader([&](const WageReportHeader& header) { validator.Header(header); },
                          [&](const WageReportRow& row) {
                            for (const Issue& issue : validator.Row(row).issues)
                              body += json.Add(issue);
                          });
  reader.Feed(found->upload.content);
  if (const auto error = reader.Finish()) {
    validator.FileRefused(*error);
    body += json.Add(FileIssue(*error));
  }
  const auto& summary = validator.Finish();
  body += json.End(summary);
  auto response = http::Response::Json(body);
  response.Set("Content-Disposition",
               "attachment; filename=\"report-" + std::to_string(found->upload.period) + ".json\"");
  return response;
}

http::Response UploadCsv(const Context& c, http::Request& request) {
  auto lease = c.database.Acquire();
  const auto found = FindUploadOf(c, request, *lease);
  if (!found) return http::Response::Error(404);
  const WorkerDirectory workers = WorkerDirectory::Load(*lease, found->employer.id, found->month);
  std::unique_ptr<AnnotatedCsvWriter> writer;
  std::string body;
  ReportValidator validator(workers.Context(), 0);
  const std::string title(T(c).Get(request.lang, kProblemsColumnMessageId));
  WageReportReader reader(
      [&](const WageReportHeader& header) {
        validator.Header(header);
        writer =
            std::make_unique<AnnotatedCsvWriter>(header.delimiter, IssueTextFor(c, request.lang));
        body += writer->Header(header, title);
      },
      [&](const WageReportRow& row) {
        const auto outcome = validator.Row(row);
        body += writer->Row(row, outcome.issues);
      });
  reader.Feed(found->upload.content);
  reader.Finish();
  auto response = http::Response::Text(body);
  response.Set("Content-Type", "text/csv; charset=utf-8");
  response.Set("Content-Disposition", "attachment; filename=\"report-" +
                                          std::to_string(found->upload.period) + "-problems.csv\"");
  return response;
}

http::Response SubmitPost(const Context& c, http::Request& request) {
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  std::optional<UploadContext> found;
  {
    auto lease = c.database.Acquire();
    found = FindUploadOf(c, request, *lease);
  }
  if (!found) return http::Response::Error(404);
  bool accept = false;
  for (const auto& [name, value] : *fields)
    accept = accept || (name == "accept_valid_rows" && value == "1");
  const Actor actor{request.visitor.account_id, request.remote_ip,
                    std::string(request.Header("user-agent"))};
  const Submission done =
      SubmitReport(c.database, c.rules, found->employer, found->upload, accept, actor);
  const std::string& lang = request.lang;
  switch (done.problem) {
    case SubmitProblem::kNone:
      return http::Response::Redirect("/employer/bills/" + std::to_string(found->upload.period) +
                                      "?notice=" + (done.version == 1 ? "submitted" : "amended"));
    case SubmitProblem::kErrorsNotAccepted:
      return UploadPage(c, request, T(c).Get(lang, "employers.check.accept_required"), 422);
    case SubmitProblem::kAlreadySubmitted:
      return UploadPage(c, request, T(c).Get(lang, "employers.check.already_submitted"), 409);
    case SubmitProblem::kNoRules:
    case SubmitProblem::kRefused:
    case SubmitProblem::kNothingAccepted:
      return UploadPage(c, request, T(c).Get(lang, "employers.check.nothing_to_submit"), 422);
  }
  return http::Response::Error(500);
}

// ---------------------------------------------------------------------------------------------
// Bills

int PageParam(const http::Request& request) {
  const auto text = request.Query("page");
  if (!text || text->empty() || text->size() > 6 ||
      text->find_first_not_of("0123456789") != std::string::npos) {
    return 1;
  }
  return std::max(1, std::stoi(*text));
}

http::Response BillList(const Context& c, http::Request& request) {
  auto lease = c.database.Acquire();
  const auto employer = TheEmployer(*lease, request);
  if (!employer) return http::Response::Error(403);
  const int page_number = PageParam(request);
  const std::int64_t total = CountBills(*lease, employer->id);
  data bills{data::type::list};
  for (const auto& bill :
       ListBills(*lease, employer->id, kBillsPerPage, (page_number - 1) * kBillsPerPage)) {
    bills.push_back(BillSummaryData(c, *lease, bill, request.lang));
  }
  data page;
  page.set("bills", bills);
  page.set("has_bills", !bills.is_empty_list());
  if (page_number > 1)
    page.set("newer_href", "/employer/bills?page=" + std::to_string(page_number - 1));
  if (static_cast<std::int64_t>(page_number) * kBillsPerPage < total) {
    page.set("older_href", "/employer/bills?page=" + std::to_string(page_number + 1));
  }
  return view::Page(request, c.views, "employers/bills", "employers.bills.title", page);
}

std::optional<std::pair<Employer, BillRecord>> FindBillOf(const Context& c, http::Request& request,
                                                          soci::session& sql) {
  const auto month = ParsePeriod(request.params["period"]);
  if (!month) return std::nullopt;
  const auto employer = TheEmployer(sql, request);
  if (!employer) return std::nullopt;
  auto bill = FindBill(sql, employer->id, PeriodOf(*month));
  if (!bill) return std::nullopt;
  return std::make_pair(*employer, *bill);
}

http::Response BillPage(const Context& c, http::Request& request) {
  auto lease = c.database.Acquire();
  const auto found = FindBillOf(c, request, *lease);
  if (!found) return http::Response::Error(404);
  const auto& [employer, bill] = *found;
  const std::string& lang = request.lang;
  data page = BillSummaryData(c, *lease, bill, lang);
  page.set("employer_name", employer.name);
  page.set("npp", employer.npp);
  const auto notice = request.Query("notice").value_or("");
  page.set("notice_submitted", notice == "submitted");
  page.set("notice_amended", notice == "amended");
  page.set("notice_paid", notice == "paid");
  page.set("csv_href", "/employer/bills/" + std::to_string(bill.period) + "/csv");
  page.set("pdf_href", "/employer/bills/" + std::to_string(bill.period) + "/pdf");
  page.set("report_href", "/employer/reports/" + std::to_string(bill.period));
  data lines{data::type::list};
  for (const auto& line : BillLines(*lease, bill.id)) {
    data item;
    item.set("kind", T(c).Get(lang, "employers.bill.line." + line.kind));
    item.set("version", line.version ? std::to_string(line.version) : std::string());
    item.set("for_month", line.for_period ? MonthName(c, lang, line.for_period) : std::string());
    item.set("amount", Money(line.amount, lang));
    lines.push_back(item);
  }
  page.set("lines", lines);
  page.set("has_lines", !lines.is_empty_list());
  // The month's totals as the bill was made (summed here only for a bill made elsewhere).
  const BillTotals totals = MonthTotals(*lease, employer.id, bill);
  const std::int64_t count = totals.workers;
  const int page_number = PageParam(request);
  data workers{data::type::list};
  for (const auto& line : WorkerBillLines(*lease, employer.id, bill.period, kBillWorkersPerPage,
                                          (page_number - 1) * kBillWorkersPerPage)) {
    data item = ProgramTotals(line.amounts, lang);
    item.set("name", line.name);
    item.set("kpj", line.kpj);
    item.set("wage", Money(line.wage, lang));
    workers.push_back(item);
  }
  page.set("totals", ProgramTotals(totals.amounts, lang));
  page.set("workers", workers);
  page.set("worker_count", std::to_string(count));
  const std::string base = "/employer/bills/" + std::to_string(bill.period) + "?page=";
  if (page_number > 1) page.set("prev_href", base + std::to_string(page_number - 1));
  if (static_cast<std::int64_t>(page_number) * kBillWorkersPerPage < count) {
    page.set("next_href", base + std::to_string(page_number + 1));
  }
  page.set("dev_mode", c.dev_mode && bill.Outstanding() > 0);
  page.set("simulate_action",
           "/employer/bills/" + std::to_string(bill.period) + "/simulate-payment");
  return view::Page(request, c.views, "employers/bill", "employers.bill.title", page);
}

http::Response BillCsv(const Context& c, http::Request& request) {
  auto lease = c.database.Acquire();
  const auto found = FindBillOf(c, request, *lease);
  if (!found) return http::Response::Error(404);
  const auto& [employer, bill] = *found;
  const std::string& lang = request.lang;
  const auto& t = T(c);
  std::string body = "\xEF\xBB\xBF";
  body += csv::CsvLine({t.Get(lang, "employers.bill.csv.payment_code"), bill.payment_code});
  body += csv::CsvLine({t.Get(lang, "employers.bill.csv.month"), std::to_string(bill.period)});
  body += csv::CsvLine({t.Get(lang, "employers.bill.csv.due"), bill.due_date});
  body +=
      csv::CsvLine({t.Get(lang, "employers.bill.csv.billed"), csv::CsvNumber(bill.amount_billed)});
  body += csv::CsvLine({t.Get(lang, "employers.bill.csv.paid"), csv::CsvNumber(bill.amount_paid)});
  body += "\r\n";
  std::vector<std::string> header;
  for (const char* id : {"kpj", "name", "wage", "jht_worker", "jht_employer", "jkk", "jkm",
                         "jp_worker", "jp_employer", "jkp", "total"}) {
    header.push_back(t.Get(lang, std::string("employers.bill.col.") + id));
  }
  body += csv::CsvLine(header);
  const std::int64_t count = CountWorkerBillLines(*lease, employer.id, bill.period);
  for (std::int64_t offset = 0; offset < count; offset += 1000) {
    for (const auto& line :
         WorkerBillLines(*lease, employer.id, bill.period, 1000, static_cast<int>(offset))) {
      const auto& a = line.amounts;
      body += csv::CsvLine(
          {csv::CsvCell(line.kpj), csv::CsvCell(line.name), csv::CsvNumber(line.wage),
           csv::CsvNumber(a.jht_worker), csv::CsvNumber(a.jht_employer), csv::CsvNumber(a.jkk),
           csv::CsvNumber(a.jkm), csv::CsvNumber(a.jp_worker), csv::CsvNumber(a.jp_employer),
           csv::CsvNumber(a.jkp), csv::CsvNumber(a.Billed())});
    }
  }
  auto response = http::Response::Text(body);
  response.Set("Content-Type", "text/csv; charset=utf-8");
  response.Set("Content-Disposition",
               "attachment; filename=\"bill-" + std::to_string(bill.period) + ".csv\"");
  return response;
}

http::Response BillPdf(const Context& c, http::Request& request) {
  auto lease = c.database.Acquire();
  const auto found = FindBillOf(c, request, *lease);
  if (!found) return http::Response::Error(404);
  const auto& [employer, bill] = *found;
  BillDocument document;
  document.fund_name = c.fund_name;
  document.web_address = c.web_address;
  document.employer = employer;
  document.bill = bill;
  document.lines = BillLines(*lease, bill.id);
  const std::int64_t count = CountWorkerBillLines(*lease, employer.id, bill.period);
  for (std::int64_t offset = 0; offset < count; offset += 1000) {
    for (auto& line :
         WorkerBillLines(*lease, employer.id, bill.period, 1000, static_cast<int>(offset))) {
      document.totals.jht_worker += line.amounts.jht_worker;
      document.totals.jht_employer += line.amounts.jht_employer;
      document.totals.jkk += line.amounts.jkk;
      document.totals.jkm += line.amounts.jkm;
      document.totals.jp_worker += line.amounts.jp_worker;
      document.totals.jp_employer += line.amounts.jp_employer;
      document.totals.jkp += line.amounts.jkp;
      document.total_wage += line.wage;
      document.workers.push_back(std::move(line));
    }
  }
  document.generated_at = std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
  { auto done = std::move(lease); }  // the PDF is drawn without holding a connection
  const std::string pdf = statements::RenderStatementPdf(
      ComposeBillText(document, T(c), request.lang), c.font_file, document.generated_at);
  http::Response response;
  response.body = pdf;
  response.Set("Content-Type", "application/pdf");
  response.Set("Content-Disposition",
               "attachment; filename=\"bill-" + std::to_string(bill.period) + ".pdf\"");
  return response;
}

// Development mode only: pays what the bill still owes, today, as if the bank had sent it, through
// the same path as the bank's payment file (payments.h).
http::Response SimulatePayment(const Context& c, http::Request& request) {
  auto lease = c.database.Acquire();
  const auto found = FindBillOf(c, request, *lease);
  if (!found) return http::Response::Error(404);
  const auto& bill = found->second;
  if (bill.Outstanding() > 0) {
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    BankPayment payment{.payment_code = bill.payment_code,
                        .amount = bill.Outstanding(),
                        .paid_on = registry::IsoDate(i18n::FundToday()),
                        .bank_reference = "SIMULATED-" + std::to_string(bill.id) + "-" +
                                          std::to_string(now) + "-" +
                                          std::to_string(bill.amount_paid)};
    db::Transaction tx = db::Transaction::ForWriting(*lease);
    ApplyPayment(*lease, payment, request.visitor.account_id);
    tx.Commit();
  }
  return http::Response::Redirect("/employer/bills/" + std::to_string(bill.period) +
                                  "?notice=paid");
}

}  // namespace

void AddReportRoutes(http::Router& router, db::Database& database, const view::Views& views,
                     const config::Config& config, const registry::RuleBook& rules) {
  auto c = std::make_shared<Context>(Context{database, views, rules, config.Bool("dev.mode")});
  c->fund_name = config.String("fund.name");
  c->web_address = config.String("fund.web_address").empty() ? config.String("public.url")
                                                             : config.String("fund.web_address");
  c->font_file = config.SharePath(config.String("statements.font_file")).string();
  const auto only = [](http::Handler handler) {
    return http::OnlyRoles({kEmployerAdmin, kEmployerStaff}, std::move(handler));
  };
  const auto bind = [c](http::Response (*handler)(const Context&, http::Request&)) {
    return [c, handler](http::Request& request) { return handler(*c, request); };
  };
  router.Get("/employer", only(bind(Home)));
  router.Get("/employer/reports", only(bind(ReportList)));
  router.Get("/employer/reports/{period}", only(bind(MonthGet)));
  router.Post("/employer/reports/{period}", only(bind(UploadPost)));
  router.Get("/employer/reports/{period}/entry", only(bind(EntryGet)));
  router.Post("/employer/reports/{period}/entry", only(bind(EntryPost)));
  router.Get("/employer/reports/{period}/uploads/{id}",
             only([c](http::Request& request) { return UploadPage(*c, request); }));
  router.Get("/employer/reports/{period}/uploads/{id}/report.json", only(bind(UploadJson)));
  router.Get("/employer/reports/{period}/uploads/{id}/problems.csv", only(bind(UploadCsv)));
  router.Post("/employer/reports/{period}/uploads/{id}/submit", only(bind(SubmitPost)));
  router.Get("/employer/bills", only(bind(BillList)));
  router.Get("/employer/bills/{period}", only(bind(BillPage)));
  router.Get("/employer/bills/{period}/csv", only(bind(BillCsv)));
  router.Get("/employer/bills/{period}/pdf", only(bind(BillPdf)));
  if (c->dev_mode)
    router.Post("/employer/bills/{period}/simulate-payment", only(bind(SimulatePayment)));
}

}  // namespace lumbung::employers
