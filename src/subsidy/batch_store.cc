#include "subsidy/batch_store.h"

#include <soci/soci.h>

#include <algorithm>

#include "core/audit/audit_log.h"
#include "core/db/row_value.h"
#include "core/db/transaction.h"
#include "core/security/digest.h"
#include "profile/payout_account.h"
#include "subsidy/disbursement_file.h"

namespace lumbung::subsidy {
namespace {

// The programme's confirmed run's eligible members who may go into a new batch, with their
// account: `:sh` the programme's niks_per_bank_account (more members with the account's
// fingerprint and it is shared), `:yr` the programme year (rerouted payments), `:run` the run,
// `:yb` the programme year again (payments that keep the member out). A member is kept out by a
// payment of this programme that is pending or paid, or failed (or returned to the employer) while
// the account is the one that failed: unchanged bank and last four digits, not saved again since
// the batch was sent. A payment rerouted to the post office keeps nobody out: the member is paid
// through the post office in the next batch.
constexpr const char* kCandidates =
    "(SELECT o.member_id AS member_id, a.bank_code AS bank_code, a.account_last4 AS last4,"
    " CASE WHEN a.member_id IS NULL THEN 0 ELSE 1 END AS has_account,"
    " COALESCE(a.holder_mismatch, 0) AS mismatch,"
    " CASE WHEN a.account_fingerprint IS NOT NULL AND (SELECT COUNT(*) FROM"
    "   profile_bank_accounts s WHERE s.account_fingerprint = a.account_fingerprint) > :sh"
    "   THEN 1 ELSE 0 END AS shared,"
    " CASE WHEN EXISTS (SELECT 1 FROM subsidy_payments r JOIN subsidy_batches rb"
    "   ON rb.id = r.batch_id WHERE rb.program_year = :yr AND r.member_id = o.member_id"
    "   AND r.result = 'rerouted_post_office') THEN 1 ELSE 0 END AS rerouted"
    " FROM subsidy_outcomes o LEFT JOIN profile_bank_accounts a ON a.member_id = o.member_id"
    " WHERE o.run_id = :run AND o.eligible = 1 AND NOT EXISTS ("
    "   SELECT 1 FROM subsidy_payments p JOIN subsidy_batches b ON b.id = p.batch_id"
    "   LEFT JOIN profile_bank_accounts pa ON pa.member_id = p.member_id"
    "   WHERE b.program_year = :yb AND p.member_id = o.member_id AND ("
    "     p.result IN ('pending', 'paid') OR (p.result IN ('failed', 'returned_to_employer')"
    "     AND (pa.member_id IS NULL OR (pa.bank_code = COALESCE(p.bank_code, '')"
    "     AND pa.account_last4 = COALESCE(p.account_last4, '')"
    "     AND pa.updated_at <= COALESCE(b.sent_at, 0))))))) c";

// Held for a staff check: the stored account is confirmed as another person's, or more members
// than the programme allows have it (its payment would go to a bank account), see
// profile/payout_account.h and profile/bank.h AccountFingerprint.
constexpr const char* kHeld =
    "(c.has_account = 1 AND (c.mismatch = 1 OR c.shared = 1) AND c.rerouted = 0)";
constexpr const char* kPostOffice = "(c.has_account = 0 OR c.rerouted = 1)";

constexpr const char* kBatchColumns =
    "SELECT b.id, b.program_year, b.run_id, b.number, b.state, b.member_count, b.control_total,"
    " b.file_sha256, b.created_by, b.submitted_by, b.submitted_at, b.approved_by, b.approved_at,"
    " b.sent_at, b.reconciled_at,"
    " (SELECT COUNT(*) FROM subsidy_payments p WHERE p.batch_id = b.id AND p.result = 'pending'),"
    " (SELECT COUNT(*) FROM subsidy_payments p WHERE p.batch_id = b.id AND p.result = 'paid'),"
    " (SELECT COUNT(*) FROM subsidy_payments p WHERE p.batch_id = b.id AND p.result = 'failed'),"
    " (SELECT COUNT(*) FROM subsidy_payments p WHERE p.batch_id = b.id"
    "  AND p.result = 'rerouted_post_office'),"
    " (SELECT COUNT(*) FROM subsidy_payments p WHERE p.batch_id = b.id"
    "  AND p.result = 'returned_to_employer'),"
    " (SELECT COALESCE(SUM(p.amount), 0) FROM subsidy_payments p WHERE p.batch_id = b.id"
    "  AND p.result = 'paid')"
    " FROM subsidy_batches b";

SubsidyBatch ReadBatch(const soci::row& r) {
  SubsidyBatch b;
  b.id = db::RowInt(r, 0);
  b.program_year = static_cast<int>(db::RowInt(r, 1));
  b.run_id = db::RowInt(r, 2);
  b.number = db::RowInt(r, 3);
  b.state = ParseBatchStatus(db::RowText(r, 4)).value_or(BatchStatus::kDraft);
  b.member_count = db::RowInt(r, 5);
  b.control_total = db::RowInt(r, 6);
  b.file_sha256 = db::RowText(r, 7);
  b.created_by = db::RowInt(r, 8);
  b.submitted_by = db::RowMaybeInt(r, 9);
  b.submitted_at = db::RowMaybeInt(r, 10);
  b.approved_by = db::RowMaybeInt(r, 11);
  b.approved_at = db::RowMaybeInt(r, 12);
  b.sent_at = db::RowMaybeInt(r, 13);
  b.reconciled_at = db::RowMaybeInt(r, 14);
  b.pending = db::RowInt(r, 15);
  b.paid = db::RowInt(r, 16);
  b.failed = db::RowInt(r, 17);
  b.rerouted = db::RowInt(r, 18);
  b.returned = db::RowInt(r, 19);
  b.paid_amount = db::RowInt(r, 20);
  return b;
}

constexpr const char* kPaymentColumns =
    "SELECT p.batch_id, p.member_id, p.amount, p.channel, p.bank_code, p.account_last4,"
    " p.result, p.failure_reason, p.paid_on, p.bank_reference, m.full_name, m.nik"
    " FROM subsidy_payments p LEFT JOIN members m ON m.id = p.member_id";

struct PaymentRow {
  SubsidyPayment payment;
  std::string nik;
};

PaymentRow ReadPayment(const soci::row& r) {
  PaymentRow out;
  SubsidyPayment& p = out.payment;
  p.batch_id = db::RowInt(r, 0);
  p.member_id = db::RowInt(r, 1);
  p.amount = db::RowInt(r, 2);
  p.channel = db::RowText(r, 3);
  p.bank_code = db::RowText(r, 4);
  p.account_last4 = db::RowText(r, 5);
  p.result = db::RowText(r, 6);
  p.failure_reason = db::RowText(r, 7);
  p.paid_on = db::RowText(r, 8);
  p.bank_reference = db::RowText(r, 9);
  p.full_name = db::RowText(r, 10);
  out.nik = db::RowText(r, 11);
  return out;
}

// The payments that went to the bank in the batch's file: every one except a failed one
// without a bank reason (never sent), whatever staff did with it later.
constexpr const char* kWasSent =
    "(p.result IN ('pending', 'paid') OR p.failure_reason IS NOT NULL)";

std::vector<PaymentRow> SentPaymentRows(soci::session& sql, std::int64_t batch_id) {
  long long id = batch_id;
  std::vector<PaymentRow> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kPaymentColumns) + " WHERE p.batch_id = :b AND " + kWasSent +
                          " ORDER BY p.member_id",
       soci::use(id));
  for (const auto& r : rows) out.push_back(ReadPayment(r));
  return out;
}

audit::Event EventOf(const BatchActor& actor, const SubsidyBatch& batch) {
  audit::Event e;
  e.actor_user_id = actor.account_id;
  e.ip = actor.ip;
  e.user_agent = actor.user_agent;
  e.details = {{"batch", std::to_string(batch.id)},
               {"program", std::to_string(batch.program_year)},
               {"number", std::to_string(batch.number)}};
  return e;
}

bool ActorInBatch(soci::session& sql, std::int64_t batch_id, const BatchActor& actor) {
  if (!actor.nik || actor.nik->empty()) return false;
  long long id = batch_id, n = 0;
  sql << "SELECT COUNT(*) FROM subsidy_payments p JOIN members m ON m.id = p.member_id"
         " WHERE p.batch_id = :b AND m.nik = :nik",
      soci::use(id), soci::use(*actor.nik), soci::into(n);
  return n > 0;
}

BatchRefusal FromSeparation(BatchSeparation separation) {
  switch (separation) {
    case BatchSeparation::kAllowed:
      return BatchRefusal::kNone;
    case BatchSeparation::kSubmittedIt:
      return BatchRefusal::kSubmittedIt;
    case BatchSeparation::kOwnPayment:
      return BatchRefusal::kOwnPayment;
  }
  return BatchRefusal::kNotAllowed;
}

// The workflow's table and the four-eyes rule for `action` on `batch`. A four-eyes refusal is
// audited as denied in a transaction of its own (the caller's is rolled back).
BatchRefusal Check(soci::session& sql, const SubsidyBatch& batch, BatchAction action,
                   BatchRole role, const BatchActor& actor) {
  if (!NextBatchStatus(batch.state, action, role)) return BatchRefusal::kNotAllowed;
  const BatchRefusal refusal =
      FromSeparation(CheckBatchSeparation(action, role,
                                          {.actor_account_id = actor.account_id,
                                           .submitted_by = batch.submitted_by,
                                           .actor_in_batch = ActorInBatch(sql, batch.id, actor)}));
  return refusal;
}

void AuditRefusal(soci::session& sql, const SubsidyBatch& batch, BatchAction action,
                  const BatchActor& actor, BatchRefusal refusal) {
  audit::Event e = EventOf(actor, batch);
  e.action = "subsidy.batch_refused";
  e.result = audit::Result::kDenied;
  e.details["step"] = std::string(BatchActionName(action));
  e.details["reason"] = std::string(BatchRefusalName(refusal));
  audit::Append(sql, e);
}

std::optional<SubsidyBatch> LockedBatch(soci::session& sql, std::int64_t batch_id) {
  return FindBatch(sql, batch_id);
}

struct FileBuilt {
  DisbursementContent content;
  std::vector<std::int64_t> sent_members;
};

// The file over `payments` (ordered by member), with the full numbers read now; a bank payment
// whose account cannot be used is left out and named in not_sendable.
FileBuilt BuildFile(soci::session& sql, std::string_view seal_key, const SubsidyBatch& batch,
                    const std::vector<PaymentRow>& payments) {
  FileBuilt out;
  DisbursementContent& file = out.content;
  file.csv = DisbursementHeaderLine();
  const std::string description = DisbursementDescription(batch.program_year, batch.number);
  for (const PaymentRow& row : payments) {
    const SubsidyPayment& p = row.payment;
    DisbursementRow line{.batch_id = batch.id,
                         .line = file.rows + 1,
                         .member_id = p.member_id,
                         .nik = row.nik,
                         .name = p.full_name,
                         .channel = p.channel,
                         .bank_code = "",
                         .account_number = "",
                         .holder_name = "",
                         .amount = p.amount,
                         .description = description};
    if (p.channel == "bank") {
      const auto account = profile::PayoutAccountFor(sql, seal_key, p.member_id);
      const bool usable = account && !account->needs_staff_check && account->account_number &&
                          account->bank_code == p.bank_code &&
                          account->account_last4 == p.account_last4;
      if (!usable) {
        file.not_sendable.push_back(p.member_id);
        continue;
      }
      line.bank_code = account->bank_code;
      line.account_number = *account->account_number;
      line.holder_name = account->holder_name;
    }
    file.csv += DisbursementLine(line);
    ++file.rows;
    file.total += p.amount;
    out.sent_members.push_back(p.member_id);
  }
  file.csv += DisbursementControlLine(file.rows, file.total);
  file.sha256 = security::Sha256Hex(file.csv);
  return out;
}

}  // namespace

std::string_view BatchRefusalName(BatchRefusal refusal) {
  switch (refusal) {
    case BatchRefusal::kNone:
      return "none";
    case BatchRefusal::kNotFound:
      return "not_found";
    case BatchRefusal::kNotAllowed:
      return "not_allowed";
    case BatchRefusal::kSubmittedIt:
      return "submitted_it";
    case BatchRefusal::kOwnPayment:
      return "own_payment";
    case BatchRefusal::kNotReady:
      return "not_ready";
    case BatchRefusal::kStale:
      return "stale";
  }
  return "none";
}

BatchCandidates CandidatesFor(soci::session& sql, const Program& program) {
  const int program_year = program.year;
  BatchCandidates out;
  int year = program_year;
  long long run = 0;
  soci::indicator found = soci::i_null;
  sql << "SELECT id FROM subsidy_runs WHERE program_year = :y AND confirmed = 1", soci::use(year),
      soci::into(run, found);
  if (!sql.got_data() || found != soci::i_ok) return out;
  out.run_id = run;
  int yr = program_year, yb = program_year, sh = program.niks_per_bank_account;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT COALESCE(SUM(CASE WHEN ") + kHeld +
                          " THEN 0 ELSE 1 END), 0), COALESCE(SUM(CASE WHEN " + kPostOffice +
                          " THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN " + kHeld +
                          " THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN " + kHeld +
                          " AND c.shared = 1 THEN 1 ELSE 0 END), 0) FROM " + kCandidates,
       soci::use(sh), soci::use(yr), soci::use(run), soci::use(yb));
  for (const auto& r : rows) {
    out.ready = db::RowInt(r, 0);
    out.ready_post_office = db::RowInt(r, 1);
    out.held = db::RowInt(r, 2);
    out.held_shared = db::RowInt(r, 3);
  }
  out.ready_bank = out.ready - out.ready_post_office;
  return out;
}

BatchesMade MakeBatches(soci::session& sql, const Program& program, std::int64_t batch_size,
                        const BatchActor& actor) {
  BatchesMade made;
  if (batch_size < 1) batch_size = 1;
  auto tx = db::Transaction::ForWriting(sql);
  const BatchCandidates candidates = CandidatesFor(sql, program);
  made.run_id = candidates.run_id;
  made.held = candidates.held;
  if (!candidates.run_id || candidates.ready == 0) return made;
  int year = program.year;
  long long last = 0;
  soci::indicator none = soci::i_null;
  sql << "SELECT MAX(number) FROM subsidy_batches WHERE program_year = :y", soci::use(year),
      soci::into(last, none);
  const long long first = (none == soci::i_ok ? last : 0) + 1;
  const long long count = (candidates.ready + batch_size - 1) / batch_size;
  long long run = *candidates.run_id, by = actor.account_id;
  for (long long number = first; number < first + count; ++number) {
    long long id = 0;
    sql << "INSERT INTO subsidy_batches (program_year, run_id, number, state, member_count,"
           " control_total, created_by) VALUES (:y, :run, :n, 'draft', 0, 0, :by) RETURNING id",
        soci::use(year), soci::use(run), soci::use(number), soci::use(by), soci::into(id);
    made.batch_ids.push_back(id);
  }
  // One statement for every payment: the candidates numbered in member order, the first
  // `batch_size` into the first new batch, the next into the second, and so on.
  long long amount = program.Total(), size = batch_size;
  int yr = program.year, yb = program.year, yj = program.year, sh = program.niks_per_bank_account;
  sql << std::string(
             "INSERT INTO subsidy_payments (batch_id, member_id, amount, channel, bank_code,"
             " account_last4, result) SELECT b.id, n.member_id, CAST(:amount AS BIGINT),"
             " n.channel, n.bank_code, n.last4, 'pending' FROM (SELECT c.member_id AS member_id,"
             " CASE WHEN ") +
             kPostOffice + " THEN 'post_office' ELSE 'bank' END AS channel, CASE WHEN " +
             kPostOffice + " THEN NULL ELSE c.bank_code END AS bank_code, CASE WHEN " +
             kPostOffice +
             " THEN NULL ELSE c.last4 END AS last4,"
             " ROW_NUMBER() OVER (ORDER BY c.member_id) AS rn FROM " +
             kCandidates + " WHERE NOT " + kHeld +
             ") n JOIN subsidy_batches b ON b.program_year = :yj"
             " AND b.number = :first + (n.rn - 1) / :size",
      soci::use(amount), soci::use(sh), soci::use(yr), soci::use(run), soci::use(yb), soci::use(yj),
      soci::use(first), soci::use(size);
  long long from = first;
  sql << "UPDATE subsidy_batches SET"
         " member_count = (SELECT COUNT(*) FROM subsidy_payments p"
         "   WHERE p.batch_id = subsidy_batches.id),"
         " control_total = (SELECT COALESCE(SUM(p.amount), 0) FROM subsidy_payments p"
         "   WHERE p.batch_id = subsidy_batches.id)"
         " WHERE program_year = :y AND number >= :n",
      soci::use(year), soci::use(from);
  for (std::int64_t id : made.batch_ids) {
    const auto batch = FindBatch(sql, id);
    made.members += batch->member_count;
    made.total += batch->control_total;
    audit::Event e = EventOf(actor, *batch);
    e.action = "subsidy.batch_created";
    e.details["members"] = std::to_string(batch->member_count);
    e.details["total"] = std::to_string(batch->control_total);
    e.details["run"] = std::to_string(run);
    audit::Append(sql, e);
  }
  tx.Commit();
  return made;
}

std::vector<SubsidyBatch> BatchesOf(soci::session& sql, int program_year) {
  int year = program_year;
  std::vector<SubsidyBatch> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kBatchColumns) + " WHERE b.program_year = :y ORDER BY b.number",
       soci::use(year));
  for (const auto& r : rows) out.push_back(ReadBatch(r));
  return out;
}

std::optional<SubsidyBatch> FindBatch(soci::session& sql, std::int64_t batch_id) {
  long long id = batch_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kBatchColumns) + " WHERE b.id = :id", soci::use(id));
  for (const auto& r : rows) return ReadBatch(r);
  return std::nullopt;
}

std::vector<SubsidyPayment> PaymentsOf(soci::session& sql, std::int64_t batch_id,
                                       std::string_view result, int limit) {
  long long id = batch_id, cap = std::max(limit, 0);
  std::string wanted(result);
  std::vector<SubsidyPayment> out;
  const auto read = [&](soci::rowset<soci::row>& rows) {
    for (const auto& r : rows) out.push_back(ReadPayment(r).payment);
  };
  if (wanted.empty()) {
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string(kPaymentColumns) +
                            " WHERE p.batch_id = :b ORDER BY p.member_id LIMIT :n",
         soci::use(id), soci::use(cap));
    read(rows);
  } else {
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string(kPaymentColumns) +
                            " WHERE p.batch_id = :b AND p.result = :r ORDER BY p.member_id"
                            " LIMIT :n",
         soci::use(id), soci::use(wanted), soci::use(cap));
    read(rows);
  }
  return out;
}

BatchRefusal TakeBatchStep(soci::session& sql, std::int64_t batch_id, BatchAction action,
                           BatchRole role, const BatchActor& actor, std::int64_t now) {
  if (action == BatchAction::kSend || action == BatchAction::kRecordResults ||
      action == BatchAction::kEdit) {
    return BatchRefusal::kNotAllowed;  // their own functions
  }
  auto tx = db::Transaction::ForWriting(sql);
  const auto batch = LockedBatch(sql, batch_id);
  if (!batch) return BatchRefusal::kNotFound;
  const BatchRefusal refusal = Check(sql, *batch, action, role, actor);
  if (refusal == BatchRefusal::kSubmittedIt || refusal == BatchRefusal::kOwnPayment) {
    AuditRefusal(sql, *batch, action, actor, refusal);
    tx.Commit();
    return refusal;
  }
  if (refusal != BatchRefusal::kNone) return refusal;
  if (action == BatchAction::kReconcile && (batch->pending > 0 || !CanReconcile(batch->Tally()))) {
    return BatchRefusal::kNotReady;
  }
  const BatchStatus next = *NextBatchStatus(batch->state, action, role);
  std::string from(BatchStatusName(batch->state)), to(BatchStatusName(next));
  long long id = batch_id, by = actor.account_id, at = now;
  std::string set;
  switch (action) {
    case BatchAction::kSubmit:
      set = ", submitted_by = :by, submitted_at = :at";
      break;
    case BatchAction::kApprove:
      set = ", approved_by = :by, approved_at = :at";
      break;
    case BatchAction::kReconcile:
      set = ", reconciled_at = :at";
      break;
    default:  // withdraw, send back: the batch is a draft again, submitted by nobody
      set = ", submitted_by = NULL, submitted_at = NULL";
      break;
  }
  const std::string text =
      "UPDATE subsidy_batches SET state = :to" + set + " WHERE id = :id AND state = :from";
  long long changed = 0;
  if (action == BatchAction::kSubmit || action == BatchAction::kApprove) {
    soci::statement st = (sql.prepare << text, soci::use(to), soci::use(by), soci::use(at),
                          soci::use(id), soci::use(from));
    st.execute(true);
    changed = st.get_affected_rows();
  } else if (action == BatchAction::kReconcile) {
    soci::statement st =
        (sql.prepare << text, soci::use(to), soci::use(at), soci::use(id), soci::use(from));
    st.execute(true);
    changed = st.get_affected_rows();
  } else {
    soci::statement st = (sql.prepare << text, soci::use(to), soci::use(id), soci::use(from));
    st.execute(true);
    changed = st.get_affected_rows();
  }
  if (changed != 1) return BatchRefusal::kStale;
  audit::Event e = EventOf(actor, *batch);
  e.action = action == BatchAction::kSubmit     ? "subsidy.batch_submitted"
             : action == BatchAction::kWithdraw ? "subsidy.batch_withdrawn"
             : action == BatchAction::kSendBack ? "subsidy.batch_sent_back"
             : action == BatchAction::kApprove  ? "subsidy.batch_approved"
                                                : "subsidy.batch_reconciled";
  audit::Append(sql, e);
  tx.Commit();
  return BatchRefusal::kNone;
}

BatchSent SendBatch(soci::session& sql, std::string_view seal_key, std::int64_t batch_id,
                    BatchRole role, const BatchActor& actor, std::int64_t now) {
  BatchSent out;
  auto tx = db::Transaction::ForWriting(sql);
  const auto batch = LockedBatch(sql, batch_id);
  if (!batch) {
    out.refusal = BatchRefusal::kNotFound;
    return out;
  }
  out.refusal = Check(sql, *batch, BatchAction::kSend, role, actor);
  if (out.refusal == BatchRefusal::kOwnPayment) {
    AuditRefusal(sql, *batch, BatchAction::kSend, actor, out.refusal);
    tx.Commit();
    return out;
  }
  if (out.refusal != BatchRefusal::kNone) return out;
  FileBuilt built = BuildFile(sql, seal_key, *batch, SentPaymentRows(sql, batch_id));
  for (std::int64_t member : built.content.not_sendable) {
    long long b = batch_id, m = member;
    sql << "UPDATE subsidy_payments SET result = 'failed', failure_reason = NULL"
           " WHERE batch_id = :b AND member_id = :m AND result = 'pending'",
        soci::use(b), soci::use(m);
  }
  long long id = batch_id, at = now;
  std::string sha = built.content.sha256;
  soci::statement st = (sql.prepare << "UPDATE subsidy_batches SET state = 'sent', sent_at = :at,"
                                       " file_sha256 = :sha WHERE id = :id AND state = 'approved'",
                        soci::use(at), soci::use(sha), soci::use(id));
  st.execute(true);
  if (st.get_affected_rows() != 1) {
    out.refusal = BatchRefusal::kStale;
    return out;
  }
  audit::Event e = EventOf(actor, *batch);
  e.action = "subsidy.batch_sent";
  e.details["rows"] = std::to_string(built.content.rows);
  e.details["total"] = std::to_string(built.content.total);
  e.details["not_sent"] = std::to_string(built.content.not_sendable.size());
  e.details["file_sha256"] = built.content.sha256;
  audit::Append(sql, e);
  tx.Commit();
  out.file = std::move(built.content);
  return out;
}

std::optional<DisbursementContent> DisbursementFileAgain(soci::session& sql,
                                                         std::string_view seal_key,
                                                         std::int64_t batch_id) {
  const auto batch = FindBatch(sql, batch_id);
  if (!batch || !batch->sent_at || batch->file_sha256.empty()) return std::nullopt;
  FileBuilt built = BuildFile(sql, seal_key, *batch, SentPaymentRows(sql, batch_id));
  if (!built.content.not_sendable.empty() || built.content.sha256 != batch->file_sha256) {
    return std::nullopt;
  }
  return std::move(built.content);
}

ResultsRecorded RecordBankResults(soci::session& sql, std::int64_t batch_id, std::string_view bytes,
                                  BatchRole role, const BatchActor& actor, std::string_view today) {
  ResultsRecorded out;
  auto tx = db::Transaction::ForWriting(sql);
  const auto batch = LockedBatch(sql, batch_id);
  if (!batch) {
    out.refusal = BatchRefusal::kNotFound;
    return out;
  }
  out.refusal = Check(sql, *batch, BatchAction::kRecordResults, role, actor);
  if (out.refusal == BatchRefusal::kOwnPayment) {
    AuditRefusal(sql, *batch, BatchAction::kRecordResults, actor, out.refusal);
    tx.Commit();
    return out;
  }
  if (out.refusal != BatchRefusal::kNone) return out;
  std::vector<SentPayment> sent;
  for (const PaymentRow& row : SentPaymentRows(sql, batch_id)) {
    const SubsidyPayment& p = row.payment;
    sent.push_back({.member_id = p.member_id,
                    .amount = p.amount,
                    .result = p.result,
                    .failure_reason = p.failure_reason,
                    .paid_on = p.paid_on,
                    .reference = p.bank_reference});
  }
  // Room for a longer file, so that it is refused for its totals rather than its length.
  BankResultFile file = ReadBankResultFile(bytes, batch_id, today, sent.size() + 1000);
  out.headers = file.headers;
  if (file.error) {
    out.file_error = file.error;
    return out;
  }
  BankResultPlan plan = MatchBankResults(file, sent);
  out.issues = std::move(file.issues);
  out.issues.insert(out.issues.end(), plan.issues.begin(), plan.issues.end());
  std::stable_sort(
      out.issues.begin(), out.issues.end(),
      [](const BankRowIssue& a, const BankRowIssue& b) { return a.row_number < b.row_number; });
  if (plan.totals) out.file_error = plan.totals;
  if (!out.ok()) return out;  // nothing stored
  out.unchanged = plan.unchanged;
  if (plan.to_apply.empty()) return out;  // nothing new: nothing written
  for (const BankResultRow& row : plan.to_apply) {
    const std::string result = row.paid ? "paid" : "failed";
    const std::string reason = row.reason ? std::string(BankFailureName(*row.reason)) : "";
    soci::indicator reason_null = row.paid ? soci::i_null : soci::i_ok;
    soci::indicator day_null = row.paid_on.empty() ? soci::i_null : soci::i_ok;
    soci::indicator reference_null = row.reference.empty() ? soci::i_null : soci::i_ok;
    long long b = batch_id, m = row.member_id;
    soci::statement st =
        (sql.prepare << "UPDATE subsidy_payments SET result = :r, failure_reason = :w,"
                        " paid_on = :d, bank_reference = :ref"
                        " WHERE batch_id = :b AND member_id = :m AND result = 'pending'",
         soci::use(result), soci::use(reason, reason_null), soci::use(row.paid_on, day_null),
         soci::use(row.reference, reference_null), soci::use(b), soci::use(m));
    st.execute(true);
    if (st.get_affected_rows() != 1) {
      // Another import got there first: this one stores nothing.
      out.issues.push_back(
          {row.row_number, BankColumn::kResult, BankRowProblem::kAlreadyRecorded, result});
      out.paid = out.failed = 0;
      return out;
    }
    (row.paid ? out.paid : out.failed) += 1;
  }
  audit::Event e = EventOf(actor, *batch);
  e.action = "subsidy.batch_results_imported";
  e.details["paid"] = std::to_string(out.paid);
  e.details["failed"] = std::to_string(out.failed);
  e.details["unchanged"] = std::to_string(out.unchanged);
  e.details["file_sha256"] = security::Sha256Hex(bytes);
  audit::Append(sql, e);
  tx.Commit();
  return out;
}

BatchRefusal HandleFailedPayment(soci::session& sql, std::int64_t batch_id, std::int64_t member_id,
                                 FailedPaymentAction action, const BatchActor& actor) {
  auto tx = db::Transaction::ForWriting(sql);
  const auto batch = LockedBatch(sql, batch_id);
  if (!batch) return BatchRefusal::kNotFound;
  if (batch->state != BatchStatus::kSent && batch->state != BatchStatus::kReconciled) {
    return BatchRefusal::kNotAllowed;
  }
  long long b = batch_id, m = member_id;
  std::string channel, result, nik;
  soci::indicator nik_null = soci::i_null;
  sql << "SELECT p.channel, p.result, m.nik FROM subsidy_payments p"
         " LEFT JOIN members m ON m.id = p.member_id WHERE p.batch_id = :b AND p.member_id = :m",
      soci::use(b), soci::use(m), soci::into(channel), soci::into(result),
      soci::into(nik, nik_null);
  if (!sql.got_data()) return BatchRefusal::kNotFound;
  if (result != "failed") return BatchRefusal::kStale;
  const bool reroute = action == FailedPaymentAction::kRerouteToPostOffice;
  if (reroute && channel != "bank") return BatchRefusal::kNotAllowed;
  if (actor.nik && nik_null == soci::i_ok && *actor.nik == nik) {
    audit::Event e = EventOf(actor, *batch);
    e.action = "subsidy.batch_refused";
    e.result = audit::Result::kDenied;
    e.details["step"] = reroute ? "reroute" : "return";
    e.details["reason"] = "own_payment";
    audit::Append(sql, e);
    tx.Commit();
    return BatchRefusal::kOwnPayment;
  }
  const std::string to = reroute ? "rerouted_post_office" : "returned_to_employer";
  soci::statement st = (sql.prepare << "UPDATE subsidy_payments SET result = :to"
                                       " WHERE batch_id = :b AND member_id = :m"
                                       " AND result = 'failed'",
                        soci::use(to), soci::use(b), soci::use(m));
  st.execute(true);
  if (st.get_affected_rows() != 1) return BatchRefusal::kStale;
  audit::Event e = EventOf(actor, *batch);
  e.action = reroute ? "subsidy.batch_payment_rerouted" : "subsidy.batch_payment_returned";
  e.details["member"] = std::to_string(member_id);
  audit::Append(sql, e);
  tx.Commit();
  return BatchRefusal::kNone;
}

}  // namespace lumbung::subsidy
