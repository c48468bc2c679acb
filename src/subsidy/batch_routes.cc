// Wage-subsidy payment batches for fund staff (docs/subsidy.md, "Batches on the staff pages"):
//
//   GET  /staff/subsidy/batches?year=Y              the programme's batches, what the next
//                                                   batches would take, "make batches"
//   POST /staff/subsidy/batches                     makes the batches (subsidy_officer)
//   GET  /staff/subsidy/batches/{id}                the batch: counts, total, state, the steps
//                                                   the visitor's roles allow, the files, the
//                                                   failed payments
//   POST /staff/subsidy/batches/{id}/step           submit, withdraw, approve, send back
//                                                   (subsidy_officer), reconcile (finance)
//   POST /staff/subsidy/batches/{id}/send           the batch goes to the bank (finance)
//   GET  /staff/subsidy/batches/{id}/file           the disbursement file (finance)
//   POST /staff/subsidy/batches/{id}/results        the bank's result file (finance, upload)
//   POST /staff/subsidy/batches/{id}/payments/{member}/reroute   to the post office
//   POST /staff/subsidy/batches/{id}/payments/{member}/return    back to the employer
//
// Every route is for fund staff with subsidy_officer or finance (http::StaffOnly) and checks the
// role of each step again through batch_workflow.h; the four eyes are the store's
// (batch_store.h). Every change is audited there (subsidy.batch_*); every download too.
#include <soci/soci.h>

#include <chrono>
#include <memory>

#include "core/audit/audit_log.h"
#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/http/multipart.h"
#include "core/http/url.h"
#include "core/i18n/day_text.h"
#include "core/i18n/fund_time.h"
#include "core/i18n/rupiah.h"
#include "core/i18n/wib_time.h"
#include "core/view/page.h"
#include "profile/bank.h"
#include "profile/payout_account.h"
#include "subsidy/batch_store.h"
#include "subsidy/disbursement_file.h"
#include "subsidy/routes.h"

namespace lumbung::subsidy {
namespace {

using view::mustache::data;

constexpr const char* kOfficer = "subsidy_officer";
constexpr const char* kFinance = "finance";
constexpr int kPaymentsShown = 100;
constexpr int kFailedShown = 500;
constexpr std::size_t kIssuesShown = 100;
constexpr const char* kResultField = "results";

struct Context {
  db::Database& database;
  const view::Views& views;
  ProgramBook programs;
  std::int64_t batch_size = 10000;
  std::string seal_key;
  std::vector<profile::Bank> banks;
  std::function<std::optional<std::string>(soci::session&, std::int64_t)> nik_of_account;
};

const i18n::Catalogs& T(const Context& c) {
  return c.views.catalogs();
}

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Rupiah(std::int64_t amount, const std::string& lang) {
  return i18n::FormatRupiah(amount, lang);
}

BatchActor ActorOf(const Context& c, soci::session& sql, const http::Request& request) {
  BatchActor actor;
  actor.account_id = request.visitor.account_id;
  if (c.nik_of_account) actor.nik = c.nik_of_account(sql, actor.account_id);
  actor.ip = request.remote_ip;
  actor.user_agent = std::string(request.Header("user-agent"));
  return actor;
}

std::string BatchHref(std::int64_t id) {
  return "/staff/subsidy/batches/" + std::to_string(id);
}

std::string Field(const http::Fields& fields, std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (key == name) return value;
  }
  return "";
}

// The programme named by `year` ("2025"), or the newest one.
const Program* ProgramOf(const Context& c, const std::optional<std::string>& year) {
  if (c.programs.All().empty()) return nullptr;
  if (!year || year->empty()) return &c.programs.All().back();
  const auto id = http::ParsePositiveId(*year);
  if (!id || *id > 9999) return nullptr;
  return c.programs.ForYear(static_cast<int>(*id));
}

std::string StateText(const Context& c, const std::string& lang, BatchStatus state) {
  return T(c).Get(lang, "subsidy.batch.state_" + std::string(BatchStatusName(state)));
}

std::string BankName(const Context& c, const std::string& code) {
  const auto* bank = profile::FindBank(c.banks, code);
  return bank ? bank->name : code;
}

std::string AccountText(const Context& c, const std::string& lang, const SubsidyPayment& p) {
  if (p.channel != "bank") return T(c).Get(lang, "subsidy.batch.channel_post_office");
  return BankName(c, p.bank_code) + " •••• " + p.account_last4;
}

std::string ResultText(const Context& c, const std::string& lang, const SubsidyPayment& p) {
  std::string text = T(c).Get(lang, "subsidy.batch.result_" + p.result);
  if (p.result != "pending" && p.result != "paid") {
    text +=
        " (" +
        T(c).Get(lang, "subsidy.batch.reason_" + (p.failure_reason.empty() ? std::string("not_sent")
                                                                           : p.failure_reason)) +
        ")";
  }
  return text;
}

// The known refusal names a redirect may carry (anything else is ignored).
std::optional<std::string> RefusalMessage(const Context& c, const http::Request& request) {
  const std::string name = request.Query("refused").value_or("");
  for (BatchRefusal r :
       {BatchRefusal::kNotFound, BatchRefusal::kNotAllowed, BatchRefusal::kSubmittedIt,
        BatchRefusal::kOwnPayment, BatchRefusal::kNotReady, BatchRefusal::kStale}) {
    if (name == BatchRefusalName(r)) {
      return T(c).Get(request.lang, "subsidy.batch.refused_" + name);
    }
  }
  return std::nullopt;
}

std::optional<std::string> NoticeMessage(const Context& c, const http::Request& request) {
  const std::string name = request.Query("notice").value_or("");
  for (std::string_view known : {"made", "nothing_to_make", "submitted", "withdrawn", "sent_back",
                                 "approved", "sent", "reconciled", "rerouted", "returned"}) {
    if (name == known) return T(c).Get(request.lang, "subsidy.batch.notice_" + name);
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// The list

http::Response ListPage(const Context& c, const http::Request& request) {
  const std::string& lang = request.lang;
  const Program* program = ProgramOf(c, request.Query("year"));
  if (!program) return http::Response::Error(404);
  BatchCandidates candidates;
  std::vector<SubsidyBatch> batches;
  {
    auto lease = c.database.Acquire();
    candidates = CandidatesFor(lease.session(), *program);
    batches = BatchesOf(lease.session(), program->year);
  }
  data page{data::type::object};
  const std::string year = std::to_string(program->year);
  page.set("year", year);
  page.set("program", lang == "en" ? program->name_en : program->name_id);
  data programs{data::type::list};
  for (const Program& p : c.programs.All()) {
    data row{data::type::object};
    row.set("year", std::to_string(p.year));
    row.set("href", "/staff/subsidy/batches?year=" + std::to_string(p.year));
    row.set("current", p.year == program->year);
    programs.push_back(row);
  }
  page.set("programs", programs);
  if (auto notice = NoticeMessage(c, request)) page.set("notice", *notice);
  if (auto refused = RefusalMessage(c, request)) page.set("refused", *refused);
  page.set("has_run", candidates.run_id.has_value());
  page.set("candidates_text",
           T(c).Format(lang, "subsidy.batch.candidates_summary",
                       {{"count", std::to_string(candidates.ready)},
                        {"bank", std::to_string(candidates.ready_bank)},
                        {"post_office", std::to_string(candidates.ready_post_office)},
                        {"total", Rupiah(candidates.ready * program->Total(), lang)}}));
  page.set("runs_href", "/staff/subsidy/runs?year=" + year);
  page.set("has_held", candidates.held > 0);
  page.set("has_held_shared", candidates.held_shared > 0);
  page.set("held_shared_text", T(c).Format(lang, "subsidy.batch.held_shared_summary",
                                           {{"count", std::to_string(candidates.held_shared)}}));
  page.set("held_text", T(c).Format(lang, "subsidy.batch.held_summary",
                                    {{"count", std::to_string(candidates.held)}}));
  page.set("can_make", candidates.ready > 0 && request.visitor.HasStaffRole(kOfficer));
  page.set("batch_size_text", T(c).Format(lang, "subsidy.batch.make_hint",
                                          {{"size", std::to_string(c.batch_size)},
                                           {"amount", Rupiah(program->Total(), lang)}}));
  data rows{data::type::list};
  for (const SubsidyBatch& b : batches) {
    data row{data::type::object};
    row.set("number", std::to_string(b.number));
    row.set("href", BatchHref(b.id));
    row.set("members", std::to_string(b.member_count));
    row.set("total", Rupiah(b.control_total, lang));
    row.set("state", StateText(c, lang, b.state));
    row.set("counts", T(c).Format(lang, "subsidy.batch.counts",
                                  {{"paid", std::to_string(b.paid)},
                                   {"failed", std::to_string(b.failed)},
                                   {"rerouted", std::to_string(b.rerouted + b.returned)},
                                   {"pending", std::to_string(b.pending)}}));
    rows.push_back(row);
  }
  page.set("batches", rows);
  page.set("has_batches", !batches.empty());
  return view::Page(request, c.views, "subsidy/batch_list", "subsidy.batch.list_title", page);
}

http::Response MakePost(const Context& c, http::Request& request) {
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  const Program* program = ProgramOf(c, Field(*fields, "year"));
  if (!program) return http::Response::Error(404);
  const std::string back = "/staff/subsidy/batches?year=" + std::to_string(program->year);
  BatchesMade made;
  {
    auto lease = c.database.Acquire();
    made =
        MakeBatches(lease.session(), *program, c.batch_size, ActorOf(c, lease.session(), request));
  }
  return http::Response::Redirect(
      back + (made.batch_ids.empty() ? "&notice=nothing_to_make" : "&notice=made"));
}

// ---------------------------------------------------------------------------------------------
// One batch

struct ImportView {
  bool shown = false;
  ResultsRecorded recorded;
};

std::string ColumnLabel(const ResultsRecorded& r, BankColumn column) {
  const auto it = r.headers.find(column);
  return it != r.headers.end() ? it->second : std::string(BankColumnName(column));
}

data ColumnDocs(const Context& c, const std::string& lang, bool result_file) {
  data list{data::type::list};
  const auto add = [&](std::string_view name) {
    data item{data::type::object};
    item.set("name", std::string(name));
    item.set("text", T(c).Get(lang, "subsidy.batch.column_" + std::string(name)));
    list.push_back(item);
  };
  if (!result_file) {
    for (auto name : DisbursementColumns()) add(name);
  } else {
    for (int i = 0; i < kBankColumnCount; ++i) add(BankColumnName(static_cast<BankColumn>(i)));
  }
  return list;
}

data Action(const std::string& value, const std::string& label, bool secondary = false) {
  data a{data::type::object};
  a.set("value", value);
  a.set("label", label);
  a.set("secondary", secondary);
  return a;
}

http::Response BatchPage(const Context& c, const http::Request& request, std::int64_t batch_id,
                         const ImportView& import, int status = 200) {
  const std::string& lang = request.lang;
  std::optional<SubsidyBatch> batch;
  std::vector<SubsidyPayment> payments, failed;
  {
    auto lease = c.database.Acquire();
    batch = FindBatch(lease.session(), batch_id);
    if (!batch) return http::Response::Error(404);
    payments = PaymentsOf(lease.session(), batch_id, "", kPaymentsShown);
    failed = PaymentsOf(lease.session(), batch_id, "failed", kFailedShown);
  }
  const Program* program = c.programs.ForYear(batch->program_year);
  const bool officer = request.visitor.HasStaffRole(kOfficer);
  const bool finance = request.visitor.HasStaffRole(kFinance);
  const std::string number = std::to_string(batch->number);
  const std::string year = std::to_string(batch->program_year);
  data page{data::type::object};
  page.set("heading",
           T(c).Format(lang, "subsidy.batch.batch_heading", {{"number", number}, {"year", year}}));
  page.set("program", program ? (lang == "en" ? program->name_en : program->name_id) : year);
  page.set("list_href", "/staff/subsidy/batches?year=" + year);
  page.set("state", StateText(c, lang, batch->state));
  page.set("members", std::to_string(batch->member_count));
  page.set("total", Rupiah(batch->control_total, lang));
  page.set("paid", std::to_string(batch->paid));
  page.set("paid_amount", Rupiah(batch->paid_amount, lang));
  page.set("failed", std::to_string(batch->failed));
  page.set("rerouted", std::to_string(batch->rerouted));
  page.set("returned", std::to_string(batch->returned));
  page.set("pending", std::to_string(batch->pending));
  if (batch->submitted_at) {
    page.set("submitted", i18n::FormatWibTime(*batch->submitted_at, lang, T(c)));
  }
  if (batch->approved_at) {
    page.set("approved", i18n::FormatWibTime(*batch->approved_at, lang, T(c)));
  }
  if (batch->sent_at) page.set("sent", i18n::FormatWibTime(*batch->sent_at, lang, T(c)));
  page.set("sha256", batch->file_sha256);
  if (status == 200) {
    if (auto notice = NoticeMessage(c, request)) page.set("notice", *notice);
    if (auto refused = RefusalMessage(c, request)) page.set("refused", *refused);
  }

  // The steps the visitor's roles allow in this state (the server checks again on POST).
  const std::string id = std::to_string(batch->id);
  data actions{data::type::list};
  const auto offer = [&](BatchAction action, BatchRole role, const char* label, bool secondary) {
    if (NextBatchStatus(batch->state, action, role)) {
      actions.push_back(
          Action(std::string(BatchActionName(action)), T(c).Get(lang, label), secondary));
    }
  };
  if (officer) {
    offer(BatchAction::kSubmit, BatchRole::kOfficer, "subsidy.batch.action_submit", false);
    offer(BatchAction::kApprove, BatchRole::kApprover, "subsidy.batch.action_approve", false);
    offer(BatchAction::kSendBack, BatchRole::kApprover, "subsidy.batch.action_send_back", true);
    offer(BatchAction::kWithdraw, BatchRole::kOfficer, "subsidy.batch.action_withdraw", true);
  }
  if (finance && batch->state == BatchStatus::kSent && batch->pending == 0) {
    offer(BatchAction::kReconcile, BatchRole::kFinance, "subsidy.batch.action_reconcile", false);
  }
  page.set("actions", actions);
  page.set("has_actions", !actions.is_empty_list());
  page.set("step_action", BatchHref(batch->id) + "/step");
  page.set("approve_hint", batch->state == BatchStatus::kSubmitted && officer);
  page.set("can_send", finance && batch->state == BatchStatus::kApproved);
  page.set("send_action", BatchHref(batch->id) + "/send");
  const bool sent = batch->state == BatchStatus::kSent || batch->state == BatchStatus::kReconciled;
  page.set("can_download", finance && sent);
  page.set("download_href", BatchHref(batch->id) + "/file");
  page.set("can_upload", finance && batch->state == BatchStatus::kSent);
  page.set("upload_action", BatchHref(batch->id) + "/results");
  page.set("file_columns", ColumnDocs(c, lang, false));
  page.set("result_columns", ColumnDocs(c, lang, true));
  page.set("reconcile_waiting",
           finance && batch->state == BatchStatus::kSent && batch->pending > 0);
  page.set("waiting_text", T(c).Format(lang, "subsidy.batch.reconcile_waiting",
                                       {{"count", std::to_string(batch->pending)}}));

  data rows{data::type::list};
  for (const SubsidyPayment& p : payments) {
    data row{data::type::object};
    row.set("member", std::to_string(p.member_id));
    row.set("name", p.full_name);
    row.set("account", AccountText(c, lang, p));
    row.set("amount", Rupiah(p.amount, lang));
    row.set("result", ResultText(c, lang, p));
    row.set("tag", p.result == "paid"      ? std::string("success")
                   : p.result == "pending" ? std::string("warning")
                                           : std::string("error"));
    row.set("paid_on", p.paid_on.empty() ? std::string() : i18n::DayText(T(c), lang, p.paid_on));
    rows.push_back(row);
  }
  page.set("payments", rows);
  page.set("more_payments", batch->member_count > kPaymentsShown);
  page.set("payments_shown", T(c).Format(lang, "subsidy.batch.payments_shown",
                                         {{"shown", std::to_string(payments.size())},
                                          {"total", std::to_string(batch->member_count)}}));
  data failed_rows{data::type::list};
  for (const SubsidyPayment& p : failed) {
    data row{data::type::object};
    const std::string base = BatchHref(batch->id) + "/payments/" + std::to_string(p.member_id);
    row.set("member", std::to_string(p.member_id));
    row.set("name", p.full_name);
    row.set("account", AccountText(c, lang, p));
    row.set("reason", T(c).Get(lang, "subsidy.batch.reason_" + (p.failure_reason.empty()
                                                                    ? std::string("not_sent")
                                                                    : p.failure_reason)));
    row.set("reroute_action", base + "/reroute");
    row.set("return_action", base + "/return");
    row.set("can_reroute", p.channel == "bank");
    row.set("label_reroute", T(c).Format(lang, "subsidy.batch.reroute_label",
                                         {{"member", std::to_string(p.member_id)}}));
    row.set("label_return", T(c).Format(lang, "subsidy.batch.return_label",
                                        {{"member", std::to_string(p.member_id)}}));
    failed_rows.push_back(row);
  }
  page.set("failed_payments", failed_rows);
  page.set("has_failed", !failed.empty());

  if (import.shown) {
    const ResultsRecorded& r = import.recorded;
    data errors{data::type::list};
    const auto add_error = [&](std::string message) {
      data item{data::type::object};
      item.set("href", std::string("#f-results"));
      item.set("message", std::move(message));
      errors.push_back(item);
    };
    if (r.refusal != BatchRefusal::kNone) {
      add_error(
          T(c).Get(lang, "subsidy.batch.refused_" + std::string(BatchRefusalName(r.refusal))));
    }
    if (r.file_error) {
      const BankFileError& e = *r.file_error;
      add_error(T(c).Format(lang,
                            "subsidy.batch.file_" + std::string(BankFileProblemName(e.problem)),
                            {{"row", std::to_string(e.row_number)},
                             {"column", e.column ? ColumnLabel(r, *e.column) : std::string()},
                             {"header", e.detail},
                             {"file_rows", std::to_string(e.file_rows)},
                             {"file_total", Rupiah(e.file_total, lang)},
                             {"expected_rows", std::to_string(e.expected_rows)},
                             {"expected_total", Rupiah(e.expected_total, lang)}}));
    }
    for (std::size_t i = 0; i < r.issues.size() && i < kIssuesShown; ++i) {
      const BankRowIssue& issue = r.issues[i];
      add_error(T(c).Format(
          lang, "subsidy.batch.problem_" + std::string(BankRowProblemName(issue.problem)),
          {{"row", std::to_string(issue.row_number)},
           {"column", ColumnLabel(r, issue.column)},
           {"cell", issue.cell}}));
    }
    const bool refused = !r.ok();
    page.set("has_errors", refused);
    page.set("errors", errors);
    page.set("more_errors", r.issues.size() > kIssuesShown);
    if (refused) {
      page.set(
          "results_error",
          T(c).Format(lang, "subsidy.batch.import_refused",
                      {{"count", std::to_string(r.issues.size() + (r.file_error ? 1 : 0) +
                                                (r.refusal != BatchRefusal::kNone ? 1 : 0))}}));
    } else {
      page.set("imported", T(c).Format(lang,
                                       r.paid + r.failed == 0 ? "subsidy.batch.imported_nothing_new"
                                                              : "subsidy.batch.imported",
                                       {{"paid", std::to_string(r.paid)},
                                        {"failed", std::to_string(r.failed)},
                                        {"unchanged", std::to_string(r.unchanged)}}));
    }
  }
  return view::Page(request, c.views, "subsidy/batch_page", "subsidy.batch.batch_title", page,
                    status);
}

http::Response BatchGet(const Context& c, http::Request& request) {
  const auto id = http::PathId(request, "id");
  if (!id) return http::Response::Error(404);
  return BatchPage(c, request, *id, {});
}

http::Response Back(std::int64_t id, BatchRefusal refusal, std::string_view notice) {
  if (refusal == BatchRefusal::kNotFound) return http::Response::Error(404);
  if (refusal != BatchRefusal::kNone) {
    return http::Response::Redirect(BatchHref(id) +
                                    "?refused=" + std::string(BatchRefusalName(refusal)));
  }
  return http::Response::Redirect(BatchHref(id) + "?notice=" + std::string(notice));
}

http::Response StepPost(const Context& c, http::Request& request) {
  const auto id = http::PathId(request, "id");
  if (!id) return http::Response::Error(404);
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  const auto action = ParseBatchAction(Field(*fields, "action"));
  if (!action) return http::Response::Error(400);
  // The workflow role the visitor's staff role gives for this step.
  std::optional<BatchRole> role;
  std::string_view notice;
  switch (*action) {
    case BatchAction::kSubmit:
      role = BatchRole::kOfficer, notice = "submitted";
      break;
    case BatchAction::kWithdraw:
      role = BatchRole::kOfficer, notice = "withdrawn";
      break;
    case BatchAction::kApprove:
      role = BatchRole::kApprover, notice = "approved";
      break;
    case BatchAction::kSendBack:
      role = BatchRole::kApprover, notice = "sent_back";
      break;
    case BatchAction::kReconcile:
      role = BatchRole::kFinance, notice = "reconciled";
      break;
    default:
      return http::Response::Error(400);
  }
  const bool holds = *role == BatchRole::kFinance ? request.visitor.HasStaffRole(kFinance)
                                                  : request.visitor.HasStaffRole(kOfficer);
  if (!holds) return http::Response::Error(403);
  BatchRefusal refusal;
  {
    auto lease = c.database.Acquire();
    refusal = TakeBatchStep(lease.session(), *id, *action, *role,
                            ActorOf(c, lease.session(), request), Now());
  }
  return Back(*id, refusal, notice);
}

http::Response SendPost(const Context& c, http::Request& request) {
  const auto id = http::PathId(request, "id");
  if (!id) return http::Response::Error(404);
  BatchSent sent;
  {
    auto lease = c.database.Acquire();
    sent = SendBatch(lease.session(), c.seal_key, *id, BatchRole::kFinance,
                     ActorOf(c, lease.session(), request), Now());
  }
  return Back(*id, sent.refusal, "sent");
}

// The file of a sent batch, made again and checked against the SHA-256 recorded when it was
// sent. Never cached, never shown inline; every download on record.
http::Response FileGet(const Context& c, http::Request& request) {
  const auto id = http::PathId(request, "id");
  if (!id) return http::Response::Error(404);
  std::optional<DisbursementContent> file;
  {
    auto lease = c.database.Acquire();
    soci::session& sql = lease.session();
    auto tx = db::Transaction::ForWriting(sql);
    const auto batch = FindBatch(sql, *id);
    if (!batch) return http::Response::Error(404);
    file = DisbursementFileAgain(sql, c.seal_key, *id);
    audit::Event e;
    e.actor_user_id = request.visitor.account_id;
    e.action = "subsidy.batch_file_downloaded";
    e.result = file ? audit::Result::kOk : audit::Result::kError;
    e.ip = request.remote_ip;
    e.user_agent = std::string(request.Header("user-agent"));
    e.details = {{"batch", std::to_string(*id)},
                 {"rows", file ? std::to_string(file->rows) : std::string("0")}};
    audit::Append(sql, e);
    tx.Commit();
    if (!file && batch->sent_at) {
      return http::Response::Redirect(
          BatchHref(*id) + "?refused=" + std::string(BatchRefusalName(BatchRefusal::kStale)));
    }
    if (!file) return http::Response::Error(404);
  }
  http::Response response;
  response.status = 200;
  response.body = std::move(file->csv);
  response.Set("Content-Type", "text/csv; charset=utf-8");
  response.Set("Content-Disposition",
               "attachment; filename=\"lumbung-bsu-batch-" + std::to_string(*id) + ".csv\"");
  response.Set("X-Content-Type-Options", "nosniff");
  response.Set("Cache-Control", "private, no-store");
  return response;
}

http::Response ResultsPost(const Context& c, http::Request& request) {
  const auto id = http::PathId(request, "id");
  if (!id) return http::Response::Error(404);
  const auto form = http::ParseMultipart(request);
  if (!form) return http::Response::Error(400);
  {
    auto lease = c.database.Acquire();
    if (!FindBatch(lease.session(), *id)) return http::Response::Error(404);
  }
  const http::UploadedFile* file = form->File(kResultField);
  ImportView view;
  view.shown = true;
  if (!file || file->content.empty()) {
    view.recorded.file_error = BankFileError{.problem = BankFileProblem::kEmptyFile};
    return BatchPage(c, request, *id, view, 422);
  }
  {
    auto lease = c.database.Acquire();
    view.recorded =
        RecordBankResults(lease.session(), *id, file->content, BatchRole::kFinance,
                          ActorOf(c, lease.session(), request), i18n::FundDayIso(Now()));
  }
  if (view.recorded.refusal == BatchRefusal::kNotFound) return http::Response::Error(404);
  return BatchPage(c, request, *id, view, view.recorded.ok() ? 200 : 422);
}

http::Response FailedPost(const Context& c, http::Request& request, FailedPaymentAction action) {
  const auto id = http::PathId(request, "id");
  const auto member = http::PathId(request, "member");
  if (!id || !member) return http::Response::Error(404);
  BatchRefusal refusal;
  {
    auto lease = c.database.Acquire();
    refusal = HandleFailedPayment(lease.session(), *id, *member, action,
                                  ActorOf(c, lease.session(), request));
  }
  return Back(*id, refusal,
              action == FailedPaymentAction::kRerouteToPostOffice ? "rerouted" : "returned");
}

}  // namespace

void AddSubsidyBatchRoutes(
    http::Router& router, db::Database& database, const view::Views& views,
    const config::Config& config,
    std::function<std::optional<std::string>(soci::session&, std::int64_t account_id)>
        nik_of_account) {
  auto c = std::make_shared<const Context>(
      Context{database, views,
              ProgramBook::LoadFile(config.SharePath(config.String("subsidy.programs_file"))),
              config.Int("subsidy.batch_size"), profile::PayoutAccountKey(config),
              profile::LoadBankList(config.SharePath(config.String("profile.banks_file"))),
              std::move(nik_of_account)});
  const auto bind = [c](http::Response (*f)(const Context&, http::Request&)) {
    return [c, f](http::Request& request) { return f(*c, request); };
  };
  const auto staff = [](http::Handler h) {
    return http::StaffOnly({kOfficer, kFinance}, std::move(h));
  };
  const auto officer = [](http::Handler h) { return http::StaffOnly({kOfficer}, std::move(h)); };
  const auto finance = [](http::Handler h) { return http::StaffOnly({kFinance}, std::move(h)); };
  router.Get("/staff/subsidy/batches",
             staff([c](http::Request& request) { return ListPage(*c, request); }));
  router.Post("/staff/subsidy/batches", officer(bind(MakePost)));
  router.Get("/staff/subsidy/batches/{id}", staff(bind(BatchGet)));
  router.Post("/staff/subsidy/batches/{id}/step", staff(bind(StepPost)));
  router.Post("/staff/subsidy/batches/{id}/send", finance(bind(SendPost)));
  router.Get("/staff/subsidy/batches/{id}/file", finance(bind(FileGet)));
  router.Post("/staff/subsidy/batches/{id}/results", finance(bind(ResultsPost)));
  router.Post("/staff/subsidy/batches/{id}/payments/{member}/reroute",
              staff([c](http::Request& request) {
                return FailedPost(*c, request, FailedPaymentAction::kRerouteToPostOffice);
              }));
  router.Post("/staff/subsidy/batches/{id}/payments/{member}/return",
              staff([c](http::Request& request) {
                return FailedPost(*c, request, FailedPaymentAction::kReturnToEmployer);
              }));
}

}  // namespace lumbung::subsidy
