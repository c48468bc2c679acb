#include "claims/payout_batch.h"

#include <soci/soci.h>

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "core/audit/audit_log.h"
#include "core/db/row_value.h"
#include "core/db/transaction.h"
#include "profile/payout_account.h"

namespace lumbung::claims {
namespace {

constexpr int kQueuePage = 500;

constexpr const char* kBatchColumns =
    "SELECT b.id, b.state, b.item_count, b.total_amount, b.created_by, b.created_at,"
    " b.reconciled_by, b.reconciled_at,"
    " (SELECT COUNT(*) FROM payout_items i WHERE i.batch_id = b.id AND i.result = 'paid'),"
    " (SELECT COUNT(*) FROM payout_items i WHERE i.batch_id = b.id AND i.result = 'failed'),"
    " (SELECT COUNT(*) FROM payout_items i WHERE i.batch_id = b.id AND i.result = 'pending'),"
    " (SELECT COALESCE(SUM(i.amount), 0) FROM payout_items i WHERE i.batch_id = b.id"
    "  AND i.result = 'paid')"
    " FROM payout_batches b";

PayoutBatch ReadBatch(const soci::row& r) {
  PayoutBatch b;
  b.id = db::RowInt(r, 0);
  b.state = db::RowText(r, 1);
  b.item_count = db::RowInt(r, 2);
  b.total_amount = db::RowInt(r, 3);
  b.created_by = db::RowInt(r, 4);
  b.created_at = db::RowInt(r, 5);
  b.reconciled_by = db::RowMaybeInt(r, 6);
  b.reconciled_at = db::RowMaybeInt(r, 7);
  b.paid = db::RowInt(r, 8);
  b.failed = db::RowInt(r, 9);
  b.pending = db::RowInt(r, 10);
  b.paid_amount = db::RowInt(r, 11);
  return b;
}

constexpr const char* kItemColumns =
    "SELECT i.id, i.batch_id, i.claim_id, c.reference, c.program, c.member_id,"
    " c.claimant_account_id, i.amount, i.bank_code, i.account_last4, i.holder_name, i.result,"
    " i.failure_reason, i.paid_on FROM payout_items i JOIN claims c ON c.id = i.claim_id";

PayoutItem ReadItem(const soci::row& r) {
  PayoutItem i;
  i.id = db::RowInt(r, 0);
  i.batch_id = db::RowInt(r, 1);
  i.claim_id = db::RowInt(r, 2);
  i.reference = db::RowText(r, 3);
  i.program = db::RowText(r, 4);
  i.member_id = db::RowInt(r, 5);
  i.claimant_account_id = db::RowInt(r, 6);
  i.amount = db::RowInt(r, 7);
  i.bank_code = db::RowText(r, 8);
  i.account_last4 = db::RowText(r, 9);
  i.holder_name = db::RowText(r, 10);
  i.result = db::RowText(r, 11);
  i.failure_reason = db::RowText(r, 12);
  i.paid_on = db::RowText(r, 13);
  return i;
}

// Finance's event; the caller sets its action with a literal, so that the list of
// audited actions (identity/activity.h) is checked against this file.
audit::Event PayoutEvent(const PayoutActor& actor) {
  audit::Event e;
  e.actor_user_id = actor.account_id;
  e.ip = actor.context.ip;
  e.user_agent = actor.context.user_agent;
  return e;
}

}  // namespace

std::string_view HoldReasonName(HoldReason reason) {
  switch (reason) {
    case HoldReason::kNone:
      return "none";
    case HoldReason::kNoAccount:
      return "no_account";
    case HoldReason::kNeedsStaffCheck:
      return "needs_staff_check";
    case HoldReason::kNoAmount:
      return "no_amount";
    case HoldReason::kSeparation:
      return "separation";
  }
  return "none";
}

WaitingClaims ClaimsWaiting(soci::session& sql, std::string_view seal_key) {
  WaitingClaims out;
  std::optional<std::pair<std::int64_t, std::int64_t>> after;
  while (static_cast<int>(out.ready.size()) < kMaxBatchItems) {
    const auto page = Queue(sql, Status::kApproved, kQueuePage, after);
    for (const Claim& claim : page) {
      if (static_cast<int>(out.ready.size()) >= kMaxBatchItems) break;
      WaitingClaim w;
      w.claim = claim;
      const auto account = profile::PayoutAccountFor(sql, seal_key, claim.member_id);
      if (account) {
        w.bank_code = account->bank_code;
        w.account_last4 = account->account_last4;
        w.holder_name = account->holder_name;
      }
      if (!claim.amount || *claim.amount <= 0) {
        w.hold = HoldReason::kNoAmount;
      } else if (!account) {
        w.hold = HoldReason::kNoAccount;
      } else if (account->needs_staff_check || !account->account_number) {
        w.hold = HoldReason::kNeedsStaffCheck;
      }
      const std::int64_t amount = claim.amount.value_or(0);
      if (w.hold == HoldReason::kNone) {
        out.ready_total += amount;
        out.ready.push_back(std::move(w));
      } else {
        out.held_total += amount;
        out.held.push_back(std::move(w));
      }
    }
    if (static_cast<int>(page.size()) < kQueuePage) break;
    after = std::make_pair(page.back().status_since, page.back().id);
  }
  return out;
}

std::vector<PayoutBatch> RecentBatches(soci::session& sql, int limit) {
  long long cap = limit;
  std::vector<PayoutBatch> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kBatchColumns) + " ORDER BY b.id DESC LIMIT :n", soci::use(cap));
  for (const auto& r : rows) out.push_back(ReadBatch(r));
  return out;
}

std::optional<PayoutBatch> FindBatch(soci::session& sql, std::int64_t batch_id) {
  long long id = batch_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kBatchColumns) + " WHERE b.id = :id", soci::use(id));
  for (const auto& r : rows) return ReadBatch(r);
  return std::nullopt;
}

std::vector<PayoutItem> ItemsOf(soci::session& sql, std::int64_t batch_id) {
  long long id = batch_id;
  std::vector<PayoutItem> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kItemColumns) + " WHERE i.batch_id = :b ORDER BY i.id",
       soci::use(id));
  for (const auto& r : rows) out.push_back(ReadItem(r));
  return out;
}

std::optional<PayoutItem> LatestItemOfClaim(soci::session& sql, std::int64_t claim_id) {
  long long id = claim_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kItemColumns) +
                          " WHERE i.claim_id = :c ORDER BY i.id DESC LIMIT 1",
       soci::use(id));
  for (const auto& r : rows) return ReadItem(r);
  return std::nullopt;
}

BatchMade MakeBatch(soci::session& sql, std::string_view seal_key, const PayoutActor& actor,
                    const inbox::Notifier& notify, std::int64_t now) {
  BatchMade made;
  auto tx = db::Transaction::ForWriting(sql);
  WaitingClaims waiting = ClaimsWaiting(sql, seal_key);
  made.held = std::move(waiting.held);
  long long batch = 0;
  for (WaitingClaim& w : waiting.ready) {
    const StepOutcome step = TakeStepInTransaction(sql,
                                                   {.claim_id = w.claim.id,
                                                    .action = Action::kAddToBatch,
                                                    .role = Role::kFinance,
                                                    .actor_account_id = actor.account_id,
                                                    .actor_nik = actor.nik,
                                                    .note = "",
                                                    .now = now},
                                                   actor.context, notify);
    if (step.refusal == StepRefusal::kSeparation) {
      w.hold = HoldReason::kSeparation;
      made.held.push_back(std::move(w));
      continue;
    }
    if (!step.ok()) continue;  // moved by someone else meanwhile: not this batch's
    if (batch == 0) {
      long long by = actor.account_id, at = now;
      sql << "INSERT INTO payout_batches (state, item_count, total_amount, created_by,"
             " created_at) VALUES ('exported', 0, 0, :by, :at) RETURNING id",
          soci::use(by), soci::use(at), soci::into(batch);
    }
    long long claim = w.claim.id, amount = *w.claim.amount;
    sql << "INSERT INTO payout_items (batch_id, claim_id, amount, bank_code, account_last4,"
           " holder_name) VALUES (:b, :c, :a, :bank, :last4, :holder)",
        soci::use(batch), soci::use(claim), soci::use(amount), soci::use(w.bank_code),
        soci::use(w.account_last4), soci::use(w.holder_name);
    ++made.items;
    made.total += amount;
  }
  if (batch != 0) {
    long long items = made.items, total = made.total;
    sql << "UPDATE payout_batches SET item_count = :n, total_amount = :t WHERE id = :id",
        soci::use(items), soci::use(total), soci::use(batch);
    made.batch_id = batch;
    audit::Event e = PayoutEvent(actor);
    e.action = "payouts.batch_created";
    e.details = {{"batch", std::to_string(batch)},
                 {"items", std::to_string(made.items)},
                 {"total", std::to_string(made.total)},
                 {"held", std::to_string(made.held.size())}};
    audit::Append(sql, e);  // last before the commit (audit_log.h)
  }
  // Also without a batch: a refusal by the separation of duties was audited as denied.
  tx.Commit();
  return made;
}

BankFileContent MakeBankFile(soci::session& sql, std::string_view seal_key, std::int64_t batch_id) {
  BankFileContent out;
  out.csv = BankFileHeaderLine();
  for (const PayoutItem& item : ItemsOf(sql, batch_id)) {
    if (item.result != "pending") continue;
    const auto account = profile::PayoutAccountFor(sql, seal_key, item.member_id);
    const bool same = account && !account->needs_staff_check && account->account_number &&
                      account->bank_code == item.bank_code &&
                      account->account_last4 == item.account_last4 &&
                      account->holder_name == item.holder_name;
    if (!same) {
      out.left_out.push_back(item);
      continue;
    }
    out.csv += BankFileLine({.batch_id = item.batch_id,
                             .item_id = item.id,
                             .reference = item.reference,
                             .bank_code = item.bank_code,
                             .account_number = *account->account_number,
                             .holder_name = item.holder_name,
                             .amount = item.amount,
                             .description = PayoutDescription(item.program, item.reference)});
    ++out.rows;
  }
  return out;
}

ResultsApplied ImportResults(soci::session& sql, std::int64_t batch_id, std::string_view bytes,
                             const PayoutActor& actor, const inbox::Notifier& notify,
                             std::string_view today, std::int64_t now) {
  ResultsApplied out;
  auto tx = db::Transaction::ForWriting(sql);
  const std::vector<PayoutItem> items = ItemsOf(sql, batch_id);
  ResultFile file = ReadResultFile(bytes, batch_id, today, items.size());
  out.headers = file.headers;
  if (file.error) {
    out.file_error = file.error;
    return out;
  }
  std::vector<BatchItemFacts> facts;
  std::unordered_map<std::int64_t, const PayoutItem*> by_id;
  std::int64_t pending = 0;
  for (const PayoutItem& item : items) {
    facts.push_back({.item_id = item.id,
                     .reference = item.reference,
                     .amount = item.amount,
                     .result = item.result,
                     .failure_reason = item.failure_reason,
                     .paid_on = item.paid_on});
    by_id[item.id] = &item;
    pending += item.result == "pending" ? 1 : 0;
  }
  ResultPlan plan = MatchResults(file.rows, facts);
  out.issues = std::move(file.issues);
  out.issues.insert(out.issues.end(), plan.issues.begin(), plan.issues.end());
  // The separation of duties before anything is written: finance never records the result of
  // their own or a relative's claim.
  for (const ResultRow& row : plan.to_apply) {
    const auto claim = FindClaim(sql, by_id.at(row.item_id)->claim_id);
    const Action action =
        row.result == PayoutResult::kPaid ? Action::kRecordPaid : Action::kRecordFailed;
    if (!claim || claim->status != Status::kInPayout) {
      out.issues.push_back({row.row_number, ResultColumn::kResult, ResultProblem::kAlreadyRecorded,
                            std::string(PayoutResultName(row.result))});
    } else if (CheckSeparation(action, Role::kFinance,
                               SeparationFactsFor(sql, *claim, actor.account_id, actor.nik)) !=
               Separation::kAllowed) {
      out.issues.push_back({row.row_number, ResultColumn::kItem, ResultProblem::kNotAllowed,
                            std::to_string(row.item_id)});
    }
  }
  std::sort(out.issues.begin(), out.issues.end(),
            [](const ResultIssue& a, const ResultIssue& b) { return a.row_number < b.row_number; });
  if (!out.issues.empty()) return out;  // nothing stored
  out.unchanged = plan.unchanged;
  if (plan.to_apply.empty()) return out;  // nothing new: nothing written

  // The items first, then the batch, then the claims' steps (each appends to the audit chain,
  // which must be the last lock taken: audit_log.h).
  for (const ResultRow& row : plan.to_apply) {
    const std::string result(PayoutResultName(row.result));
    const std::string reason =
        row.reason ? std::string(FailureReasonName(*row.reason)) : std::string();
    long long id = row.item_id;
    soci::indicator day = row.paid_on.empty() ? soci::i_null : soci::i_ok;
    soci::statement st =
        (sql.prepare << "UPDATE payout_items SET result = :r, failure_reason = :w, paid_on = :d"
                        " WHERE id = :id AND result = 'pending'",
         soci::use(result), soci::use(reason), soci::use(row.paid_on, day), soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() != 1) {
      out.issues.push_back(
          {row.row_number, ResultColumn::kResult, ResultProblem::kAlreadyRecorded, result});
      return out;  // another import got there first: this one stores nothing
    }
  }
  out.reconciled = pending == static_cast<std::int64_t>(plan.to_apply.size());
  if (out.reconciled) {
    long long id = batch_id, by = actor.account_id, at = now;
    sql << "UPDATE payout_batches SET state = 'reconciled', reconciled_by = :by,"
           " reconciled_at = :at WHERE id = :id",
        soci::use(by), soci::use(at), soci::use(id);
  }
  for (const ResultRow& row : plan.to_apply) {
    const bool paid = row.result == PayoutResult::kPaid;
    const StepOutcome step = TakeStepInTransaction(
        sql,
        {.claim_id = by_id.at(row.item_id)->claim_id,
         .action = paid ? Action::kRecordPaid : Action::kRecordFailed,
         .role = Role::kFinance,
         .actor_account_id = actor.account_id,
         .actor_nik = actor.nik,
         .note = paid ? row.paid_on
                      : std::string(FailureReasonName(row.reason.value_or(FailureReason::kOther))),
         .now = now},
        actor.context, notify);
    if (!step.ok()) {
      // Checked above in this transaction; a refusal here means the claim moved under us.
      out.issues.push_back({row.row_number, ResultColumn::kResult, ResultProblem::kAlreadyRecorded,
                            std::string(PayoutResultName(row.result))});
      return out;
    }
    (paid ? out.paid : out.failed) += 1;
  }
  audit::Event e = PayoutEvent(actor);
  e.action = "payouts.results_imported";
  e.details = {{"batch", std::to_string(batch_id)},
               {"paid", std::to_string(out.paid)},
               {"failed", std::to_string(out.failed)},
               {"unchanged", std::to_string(out.unchanged)},
               {"reconciled", out.reconciled ? "yes" : "no"}};
  audit::Append(sql, e);  // last before the commit (audit_log.h)
  tx.Commit();
  return out;
}

}  // namespace lumbung::claims
