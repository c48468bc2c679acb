// Payout batches for finance and the member's corrected account after a failed payout
// (docs/claims-payouts.md):
//
//   GET  /staff/payouts                    approved claims waiting (ready and held, with why),
//                                          the "make a batch" button, the batches
//   POST /staff/payouts                    makes a batch of every ready claim
//   GET  /staff/payouts/{id}               the batch, its items, the files' columns, the upload
//   GET  /staff/payouts/{id}/bank-file     the bank file (CSV with full account numbers)
//   POST /staff/payouts/{id}/results       the bank's result file (multipart upload)
//   GET  /claims/{id}/payout               the claimant: why the payout failed, the account now
//   POST /claims/{id}/payout               the claimant: "use my corrected account"
//
// Staff pages: finance only (http::StaffOnly), every batch, download and import audited. The
// member's pages: the claimant of that claim only; anyone else gets 404 (no enumeration).
#include <soci/soci.h>

#include <chrono>
#include <memory>

#include "claims/claim_steps.h"
#include "claims/claim_store.h"
#include "claims/payout_batch.h"
#include "claims/payout_file.h"
#include "claims/routes.h"
#include "core/audit/audit_log.h"
#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/http/multipart.h"
#include "core/i18n/day_text.h"
#include "core/i18n/fund_time.h"
#include "core/i18n/rupiah.h"
#include "core/i18n/wib_time.h"
#include "core/view/page.h"
#include "profile/bank.h"
#include "profile/payout_account.h"

namespace lumbung::claims {
namespace {

using view::mustache::data;

constexpr int kBatchesShown = 50;
constexpr std::size_t kItemsShown = 100;
constexpr std::size_t kHeldShown = 100;
constexpr std::size_t kIssuesShown = 100;
constexpr const char* kResultField = "results";

struct Context {
  Services& services;
  std::string seal_key;
  std::vector<profile::Bank> banks;
};
using Ctx = std::shared_ptr<const Context>;

const i18n::Catalogs& T(const Context& c) {
  return c.services.views.catalogs();
}

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::optional<std::int64_t> IdParam(const http::Request& request) {
  return http::PathId(request, "id");
}

std::string BankName(const Context& c, const std::string& code) {
  const auto* bank = profile::FindBank(c.banks, code);
  return bank ? bank->name : code;
}

std::string Masked(const std::string& last4) {
  return last4.empty() ? std::string() : "•••• " + last4;
}

PayoutActor ActorOf(const Context& c, soci::session& sql, const http::Request& request) {
  PayoutActor actor;
  actor.account_id = request.visitor.account_id;
  if (c.services.nik_of_account) actor.nik = c.services.nik_of_account(sql, actor.account_id);
  actor.context = {request.remote_ip, std::string(request.Header("user-agent"))};
  return actor;
}

std::string Rupiah(std::int64_t amount, const std::string& lang) {
  return i18n::FormatRupiah(amount, lang);
}

std::string ResultText(const Context& c, const std::string& lang, const std::string& result,
                       const std::string& reason) {
  std::string text = T(c).Get(lang, "claims.payout.result_" + result);
  if (result == "failed" && !reason.empty()) {
    text += " (" + T(c).Get(lang, "claims.payout.reason_" + reason) + ")";
  }
  return text;
}

// The columns of both files, for the pages that document them.
data ColumnDocs(const Context& c, const std::string& lang, bool result_file) {
  data list{data::type::list};
  const auto add = [&](std::string_view name) {
    data item{data::type::object};
    item.set("name", std::string(name));
    item.set("text", T(c).Get(lang, "claims.payout.column_" + std::string(name)));
    list.push_back(item);
  };
  if (!result_file) {
    for (auto name : BankFileColumns()) add(name);
  } else {
    for (auto name : {"item", "reference", "amount", "result", "reason", "paid_on", "batch"})
      add(name);
  }
  return list;
}

// ---------------------------------------------------------------------------------------------
// /staff/payouts

http::Response ListPage(const Context& c, const http::Request& request) {
  const std::string& lang = request.lang;
  WaitingClaims waiting;
  std::vector<PayoutBatch> batches;
  {
    auto lease = c.services.database.Acquire();
    waiting = ClaimsWaiting(lease.session(), c.seal_key);
    batches = RecentBatches(lease.session(), kBatchesShown);
  }
  data page{data::type::object};
  const std::string notice = request.Query("notice").value_or("");
  if (notice == "nothing_ready") {
    page.set("notice", T(c).Get(lang, "claims.payout.notice_nothing_ready"));
  }
  page.set("ready_text", T(c).Format(lang, "claims.payout.ready_summary",
                                     {{"count", std::to_string(waiting.ready.size())},
                                      {"total", Rupiah(waiting.ready_total, lang)}}));
  page.set("has_ready", !waiting.ready.empty());
  page.set("held_text", T(c).Format(lang, "claims.payout.held_summary",
                                    {{"count", std::to_string(waiting.held.size())},
                                     {"total", Rupiah(waiting.held_total, lang)}}));
  page.set("has_held", !waiting.held.empty());
  data held{data::type::list};
  for (std::size_t i = 0; i < waiting.held.size() && i < kHeldShown; ++i) {
    const WaitingClaim& w = waiting.held[i];
    data row{data::type::object};
    row.set("reference", w.claim.reference);
    row.set("program", w.claim.program);
    row.set("amount", Rupiah(w.claim.amount.value_or(0), lang));
    row.set("account", w.bank_code.empty()
                           ? std::string("—")
                           : BankName(c, w.bank_code) + " " + Masked(w.account_last4));
    row.set("why", T(c).Get(lang, "claims.payout.hold_" + std::string(HoldReasonName(w.hold))));
    held.push_back(row);
  }
  page.set("held", held);
  page.set("more_held", waiting.held.size() > kHeldShown);
  data rows{data::type::list};
  for (const PayoutBatch& b : batches) {
    data row{data::type::object};
    row.set("id", std::to_string(b.id));
    row.set("href", "/staff/payouts/" + std::to_string(b.id));
    row.set("created", i18n::FormatWibTime(b.created_at, lang, T(c)));
    row.set("items", std::to_string(b.item_count));
    row.set("total", Rupiah(b.total_amount, lang));
    row.set("state", T(c).Get(lang, "claims.payout.state_" + b.state));
    row.set("counts", T(c).Format(lang, "claims.payout.counts",
                                  {{"paid", std::to_string(b.paid)},
                                   {"failed", std::to_string(b.failed)},
                                   {"pending", std::to_string(b.pending)}}));
    rows.push_back(row);
  }
  page.set("batches", rows);
  page.set("has_batches", !batches.empty());
  return view::Page(request, c.services.views, "claims/payout_list", "claims.payout.list_title",
                    page);
}

http::Response MakeBatchPost(const Context& c, http::Request& request) {
  BatchMade made;
  {
    auto lease = c.services.database.Acquire();
    const PayoutActor actor = ActorOf(c, lease.session(), request);
    made = MakeBatch(lease.session(), c.seal_key, actor, c.services.notify, Now());
  }
  if (!made.batch_id) return http::Response::Redirect("/staff/payouts?notice=nothing_ready");
  return http::Response::Redirect("/staff/payouts/" + std::to_string(*made.batch_id) +
                                  "?notice=created");
}

// What an import ended with, for the batch page.
struct ImportView {
  bool shown = false;
  ResultsApplied applied;
};

std::string ColumnLabel(const ResultsApplied& applied, ResultColumn column) {
  const auto it = applied.headers.find(column);
  return it != applied.headers.end() ? it->second : std::string(ResultColumnName(column));
}

http::Response BatchPage(const Context& c, const http::Request& request, std::int64_t batch_id,
                         const ImportView& import, int status = 200) {
  const std::string& lang = request.lang;
  std::optional<PayoutBatch> batch;
  std::vector<PayoutItem> items;
  std::vector<PayoutItem> left_out;
  {
    auto lease = c.services.database.Acquire();
    batch = FindBatch(lease.session(), batch_id);
    if (!batch) return http::Response::Error(404);
    items = ItemsOf(lease.session(), batch_id);
    if (batch->pending > 0) {
      // Which pending items the bank file would leave out (their account changed since).
      left_out = MakeBankFile(lease.session(), c.seal_key, batch_id).left_out;
    }
  }
  data page{data::type::object};
  page.set("id", std::to_string(batch->id));
  page.set("lead",
           T(c).Format(lang, "claims.payout.batch_lead", {{"id", std::to_string(batch->id)}}));
  page.set("state", T(c).Get(lang, "claims.payout.state_" + batch->state));
  page.set("created", i18n::FormatWibTime(batch->created_at, lang, T(c)));
  page.set("item_count", std::to_string(batch->item_count));
  page.set("total", Rupiah(batch->total_amount, lang));
  page.set("paid", std::to_string(batch->paid));
  page.set("paid_amount", Rupiah(batch->paid_amount, lang));
  page.set("failed", std::to_string(batch->failed));
  page.set("pending", std::to_string(batch->pending));
  page.set("has_pending", batch->pending > 0);
  page.set("download_href", "/staff/payouts/" + std::to_string(batch->id) + "/bank-file");
  page.set("action", "/staff/payouts/" + std::to_string(batch->id) + "/results");
  page.set("bank_columns", ColumnDocs(c, lang, false));
  page.set("result_columns", ColumnDocs(c, lang, true));
  const std::string notice = request.Query("notice").value_or("");
  if (status == 200 && notice == "created") {
    page.set("notice", T(c).Get(lang, "claims.payout.notice_created"));
  }
  data left{data::type::list};
  for (const PayoutItem& item : left_out) {
    data row{data::type::object};
    row.set("id", std::to_string(item.id));
    row.set("reference", item.reference);
    left.push_back(row);
  }
  page.set("left_out", left);
  page.set("has_left_out", !left_out.empty());
  data rows{data::type::list};
  for (std::size_t i = 0; i < items.size() && i < kItemsShown; ++i) {
    const PayoutItem& item = items[i];
    data row{data::type::object};
    row.set("id", std::to_string(item.id));
    row.set("reference", item.reference);
    row.set("program", item.program);
    row.set("account", BankName(c, item.bank_code) + " " + Masked(item.account_last4));
    row.set("holder", item.holder_name);
    row.set("amount", Rupiah(item.amount, lang));
    row.set("result", ResultText(c, lang, item.result, item.failure_reason));
    row.set("tag", item.result == "paid"     ? std::string("success")
                   : item.result == "failed" ? std::string("error")
                                             : std::string("warning"));
    row.set("paid_on",
            item.paid_on.empty() ? std::string() : i18n::DayText(T(c), lang, item.paid_on));
    rows.push_back(row);
  }
  page.set("items", rows);
  page.set("more_items", items.size() > kItemsShown);
  page.set("items_shown", T(c).Format(lang, "claims.payout.items_shown",
                                      {{"shown", std::to_string(kItemsShown)},
                                       {"total", std::to_string(items.size())}}));
  if (import.shown) {
    const ResultsApplied& a = import.applied;
    data errors{data::type::list};
    if (a.file_error) {
      const auto& e = *a.file_error;
      data item{data::type::object};
      item.set("href", std::string("#f-results"));
      item.set("message",
               T(c).Format(
                   lang, "claims.payout.file_" + std::string(ResultFileProblemName(e.problem)),
                   {{"row", std::to_string(e.row_number)},
                    {"column", e.column ? std::string(ResultColumnName(*e.column)) : std::string()},
                    {"header", e.detail}}));
      errors.push_back(item);
    }
    for (std::size_t i = 0; i < a.issues.size() && i < kIssuesShown; ++i) {
      const ResultIssue& issue = a.issues[i];
      data item{data::type::object};
      item.set("href", std::string("#f-results"));
      item.set("message",
               T(c).Format(lang,
                           "claims.payout.problem_" + std::string(ResultProblemName(issue.problem)),
                           {{"row", std::to_string(issue.row_number)},
                            {"column", ColumnLabel(a, issue.column)},
                            {"cell", issue.cell}}));
      errors.push_back(item);
    }
    const bool failed = !a.ok();
    page.set("has_errors", failed);
    page.set("errors", errors);
    page.set("more_errors", a.issues.size() > kIssuesShown);
    if (failed) {
      page.set("results_error",
               T(c).Format(lang, "claims.payout.import_refused",
                           {{"count", std::to_string(a.issues.size() + (a.file_error ? 1 : 0))}}));
    } else {
      page.set("imported", T(c).Format(lang,
                                       a.paid + a.failed == 0 ? "claims.payout.imported_nothing_new"
                                                              : "claims.payout.imported",
                                       {{"paid", std::to_string(a.paid)},
                                        {"failed", std::to_string(a.failed)},
                                        {"unchanged", std::to_string(a.unchanged)}}));
    }
  }
  return view::Page(request, c.services.views, "claims/payout_batch", "claims.payout.batch_title",
                    page, status);
}

http::Response BatchGet(const Context& c, http::Request& request) {
  const auto id = IdParam(request);
  if (!id) return http::Response::Error(404);
  return BatchPage(c, request, *id, {});
}

// The bank file: every pending item with the account number read now. Never cached, never
// shown inline; each download is on record.
http::Response BankFileGet(const Context& c, http::Request& request) {
  const auto id = IdParam(request);
  if (!id) return http::Response::Error(404);
  BankFileContent file;
  {
    auto lease = c.services.database.Acquire();
    auto tx = db::Transaction::ForWriting(lease.session());
    if (!FindBatch(lease.session(), *id)) return http::Response::Error(404);
    file = MakeBankFile(lease.session(), c.seal_key, *id);
    audit::Event e;
    e.actor_user_id = request.visitor.account_id;
    e.action = "payouts.file_downloaded";
    e.ip = request.remote_ip;
    e.user_agent = std::string(request.Header("user-agent"));
    e.details = {{"batch", std::to_string(*id)},
                 {"rows", std::to_string(file.rows)},
                 {"left_out", std::to_string(file.left_out.size())}};
    audit::Append(lease.session(), e);
    tx.Commit();
  }
  http::Response response;
  response.status = 200;
  response.body = std::move(file.csv);
  response.Set("Content-Type", "text/csv; charset=utf-8");
  response.Set("Content-Disposition",
               "attachment; filename=\"lumbung-payout-batch-" + std::to_string(*id) + ".csv\"");
  response.Set("X-Content-Type-Options", "nosniff");
  response.Set("Cache-Control", "private, no-store");
  return response;
}

http::Response ResultsPost(const Context& c, http::Request& request) {
  const auto id = IdParam(request);
  if (!id) return http::Response::Error(404);
  const auto form = http::ParseMultipart(request);
  if (!form) return http::Response::Error(400);
  {
    auto lease = c.services.database.Acquire();
    if (!FindBatch(lease.session(), *id)) return http::Response::Error(404);
  }
  const http::UploadedFile* file = form->File(kResultField);
  ImportView view;
  view.shown = true;
  if (!file || file->content.empty()) {
    view.applied.file_error = ResultFileError{ResultFileProblem::kEmptyFile, 0};
    return BatchPage(c, request, *id, view, 422);
  }
  {
    auto lease = c.services.database.Acquire();
    const PayoutActor actor = ActorOf(c, lease.session(), request);
    view.applied = ImportResults(lease.session(), *id, file->content, actor, c.services.notify,
                                 i18n::FundDayIso(Now()), Now());
  }
  return BatchPage(c, request, *id, view, view.applied.ok() ? 200 : 422);
}

// ---------------------------------------------------------------------------------------------
// /claims/{id}/payout: the claimant after a failed payout

// The claim of the URL when the visitor is its claimant; nullopt: 404.
std::optional<Claim> OwnClaim(soci::session& sql, const http::Request& request) {
  const auto id = IdParam(request);
  if (!id) return std::nullopt;
  auto claim = FindClaim(sql, *id);
  if (!claim || claim->claimant_account_id != request.visitor.account_id) return std::nullopt;
  return claim;
}

// The account in the profile differs from the one the bank refused.
bool AccountChanged(const profile::PayoutAccount& now, const PayoutItem& failed) {
  return now.bank_code != failed.bank_code || now.account_last4 != failed.account_last4 ||
         now.holder_name != failed.holder_name;
}

http::Response MemberPage(const Context& c, const http::Request& request, soci::session& sql,
                          const Claim& claim, const std::string& error, int status = 200) {
  const std::string& lang = request.lang;
  data page{data::type::object};
  page.set("reference", claim.reference);
  page.set("claim_href", "/claims/" + std::to_string(claim.id));
  page.set("action", "/claims/" + std::to_string(claim.id) + "/payout");
  const bool failed = claim.status == Status::kPayoutFailed;
  page.set("failed", failed);
  if (!failed) {
    page.set("status_text", T(c).Get(lang, "claims.payout.member_nothing_to_do"));
  }
  const auto item = LatestItemOfClaim(sql, claim.id);
  if (failed && item) {
    page.set("reason", T(c).Get(lang, "claims.payout.member_reason_" +
                                          (item->failure_reason.empty() ? std::string("other")
                                                                        : item->failure_reason)));
    page.set("old_account", BankName(c, item->bank_code) + " " + Masked(item->account_last4));
    page.set("old_holder", item->holder_name);
    page.set("amount", Rupiah(item->amount, lang));
  }
  const auto account = profile::PayoutAccountFor(sql, c.seal_key, claim.member_id);
  if (account) {
    page.set("has_account", true);
    page.set("new_account", BankName(c, account->bank_code) + " " + Masked(account->account_last4));
    page.set("new_holder", account->holder_name);
    page.set("needs_check", account->needs_staff_check);
  }
  page.set("has_error", !error.empty());
  page.set("error", error);
  return view::Page(request, c.services.views, "claims/payout_member", "claims.payout.member_title",
                    page, status);
}

http::Response MemberGet(const Context& c, http::Request& request) {
  auto lease = c.services.database.Acquire();
  const auto claim = OwnClaim(lease.session(), request);
  if (!claim) return http::Response::Error(404);
  return MemberPage(c, request, lease.session(), *claim, "");
}

http::Response MemberPost(const Context& c, http::Request& request) {
  const std::string& lang = request.lang;
  auto lease = c.services.database.Acquire();
  soci::session& sql = lease.session();
  auto tx = db::Transaction::ForWriting(sql);
  const auto claim = OwnClaim(sql, request);
  if (!claim) return http::Response::Error(404);
  if (claim->status != Status::kPayoutFailed) {
    return http::Response::Redirect("/claims/" + std::to_string(claim->id) + "/payout");
  }
  const auto account = profile::PayoutAccountFor(sql, c.seal_key, claim->member_id);
  const auto item = LatestItemOfClaim(sql, claim->id);
  if (!account) {
    return MemberPage(c, request, sql, *claim,
                      T(c).Get(lang, "claims.payout.member_error_no_account"), 422);
  }
  // The same account again only when the bank's reason was not about the account itself.
  if (item && item->failure_reason != "other" && !AccountChanged(*account, *item)) {
    return MemberPage(c, request, sql, *claim,
                      T(c).Get(lang, "claims.payout.member_error_unchanged"), 422);
  }
  std::string checks = claim->extra_checks;
  if (account->needs_staff_check && checks.find("payout_account") == std::string::npos) {
    checks += checks.empty() ? "payout_account" : ",payout_account";
  }
  const std::int64_t now = Now();
  SavePayoutChoice(sql, claim->id, account->bank_code, account->account_last4, account->holder_name,
                   checks, now);
  const StepOutcome step = TakeStepInTransaction(
      sql,
      {.claim_id = claim->id,
       .action = Action::kCorrectAccount,
       .role = Role::kClaimant,
       .actor_account_id = request.visitor.account_id,
       .actor_nik = std::nullopt,
       .note = "",
       .now = now},
      {request.remote_ip, std::string(request.Header("user-agent"))}, c.services.notify);
  if (!step.ok()) return http::Response::Redirect("/claims/" + std::to_string(claim->id));
  tx.Commit();
  return http::Response::Redirect("/claims/" + std::to_string(claim->id) +
                                  "?notice=account_corrected");
}

}  // namespace

void AddPayoutRoutes(http::Router& router, Services& services) {
  const auto& config = services.config;
  auto c = std::make_shared<const Context>(
      Context{services, profile::PayoutAccountKey(config),
              profile::LoadBankList(config.SharePath(config.String("profile.banks_file")))});
  const auto bind = [c](http::Response (*f)(const Context&, http::Request&)) {
    return [c, f](http::Request& request) { return f(*c, request); };
  };
  const auto finance = [](http::Handler h) { return http::StaffOnly({"finance"}, std::move(h)); };
  const auto member = [](http::Handler h) { return http::OnlyRoles({"member"}, std::move(h)); };
  router.Get("/staff/payouts",
             finance([c](http::Request& request) { return ListPage(*c, request); }));
  router.Post("/staff/payouts", finance(bind(MakeBatchPost)));
  router.Get("/staff/payouts/{id}", finance(bind(BatchGet)));
  router.Get("/staff/payouts/{id}/bank-file", finance(bind(BankFileGet)));
  router.Post("/staff/payouts/{id}/results", finance(bind(ResultsPost)));
  router.Get("/claims/{id}/payout", member(bind(MemberGet)));
  router.Post("/claims/{id}/payout", member(bind(MemberPost)));
}

}  // namespace lumbung::claims
