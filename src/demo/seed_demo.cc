#include "demo/seed_demo.h"

#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/db/native_handle.h"
#include "core/db/transaction.h"
#include "core/i18n/fund_time.h"
#include "demo/demo_generator.h"
#include "registry/bulk_writer.h"

namespace lumbung::demo {
namespace {

using Clock = std::chrono::steady_clock;
using registry::BulkWriter;

// The demo loader in wage_report_submissions.submitted_by (NOT NULL; accounts start at 1).
constexpr std::int64_t kDemoLoader = 0;

// Epoch seconds of a day's hour (UTC).
std::int64_t EpochSeconds(const Date& day, int hour) {
  return static_cast<std::int64_t>(std::chrono::sys_days(day).time_since_epoch().count()) * 86400 +
         hour * 3600;
}
// The reports are submitted at 02:00 UTC (09:00 in WIB), the bank's file imported at 10:00
// UTC on the day of its payments: a bill paid in full is fined with a bill made the next day.
constexpr int kSubmittedHour = 2, kImportedHour = 10;

void WriteEmployers(soci::session& sql, const std::vector<DemoEmployer>& employers) {
  auto w = BulkWriter::Open(
      sql, "employers",
      {"id", "npp", "name", "sector", "province_code", "jkk_risk_class", "registered_on"});
  for (const DemoEmployer& e : employers) {
    w->Int(e.id);
    w->Text(e.npp);
    w->Text(e.name);
    w->Text(e.sector);
    w->Int(e.province_code);
    w->Int(static_cast<int>(e.risk));
    w->Day(e.registered_on);
    w->EndRow();
  }
  w->Finish();
}

// Writes a batch of members, table by table (PostgreSQL runs one COPY at a time).
void WriteMembers(soci::session& sql, const std::vector<DemoMember>& batch, std::size_t count,
                  SeedStats& stats) {
  {
    auto w = BulkWriter::Open(
        sql, "members",
        {"id", "kpj", "nik", "full_name", "birth_date", "sex", "address", "province_code", "phone",
         "email", "marital_status", "registered_on", "status"});
    for (std::size_t i = 0; i < count; ++i) {
      const DemoMember& m = batch[i];
      w->Int(m.id);
      w->Text(m.kpj);
      w->Text(m.nik);
      w->Text(m.full_name);
      w->Day(m.birth_date);
      w->Text(m.sex == Sex::kFemale ? "F" : "M");
      w->Text(m.address);
      w->Int(m.province_code);
      w->Text(m.phone);
      w->TextOrNull(m.email);
      w->Text(m.marital_status);
      w->Day(m.registered_on);
      w->Text(m.status);
      w->EndRow();
    }
    stats.members += w->Finish();
  }
  {
    auto w = BulkWriter::Open(
        sql, "employment_spells",
        {"id", "member_id", "employer_id", "start_date", "end_date", "end_reason"});
    for (std::size_t i = 0; i < count; ++i) {
      for (const DemoSpell& s : batch[i].spells) {
        w->Int(s.id);
        w->Int(batch[i].id);
        w->Int(s.employer_id);
        w->Day(s.start);
        w->DayOrNull(s.end);
        w->TextOrNull(s.end_reason);
        w->EndRow();
      }
    }
    stats.spells += w->Finish();
  }
  {
    auto w = BulkWriter::Open(sql, "wage_reports", {"member_id", "period", "employer_id", "wage"});
    for (std::size_t i = 0; i < count; ++i) {
      for (const DemoMonth& row : batch[i].months) {
        w->Int(batch[i].id);
        w->Int(row.period);
        w->Int(row.employer_id);
        w->Int(row.wage);
        w->EndRow();
      }
    }
    stats.wage_reports += w->Finish();
  }
  {
    auto w = BulkWriter::Open(sql, "contributions",
                              {"member_id", "period", "employer_id", "jht_worker", "jht_employer",
                               "jkk", "jkm", "jp_worker", "jp_employer", "jkp", "paid"});
    for (std::size_t i = 0; i < count; ++i) {
      for (const DemoMonth& row : batch[i].months) {
        const MonthlyContribution& c = row.contribution;
        w->Int(batch[i].id);
        w->Int(row.period);
        w->Int(row.employer_id);
        w->Int(c.jht_worker);
        w->Int(c.jht_employer);
        w->Int(c.jkk);
        w->Int(c.jkm);
        w->Int(c.jp_worker);
        w->Int(c.jp_employer);
        w->Int(c.jkp);
        w->Int(row.paid ? 1 : 0);
        w->EndRow();
      }
    }
    stats.contributions += w->Finish();
  }
  {
    auto w = BulkWriter::Open(sql, "jht_yearly_credits",
                              {"member_id", "year", "opening", "contributions", "returns",
                               "withdrawals", "closing", "rate_bp"});
    for (std::size_t i = 0; i < count; ++i) {
      for (const DemoJhtYear& y : batch[i].jht) {
        w->Int(batch[i].id);
        w->Int(y.year);
        w->Int(y.opening);
        w->Int(y.contributions);
        w->Int(y.returns);
        w->Int(y.withdrawals);
        w->Int(y.closing);
        w->IntOrNull(y.rate_bp);
        w->EndRow();
      }
    }
    stats.jht_years += w->Finish();
  }
}

// Writes bills [begin, end) with their submissions, lines and payments, table by table.
// `next_line_id`: the id of the next employer_bill_lines row.
void WriteBills(soci::session& sql, const std::vector<DemoBill>& bills, std::size_t begin,
                std::size_t end, std::int64_t& next_line_id, SeedStats& stats) {
  {
    auto w = BulkWriter::Open(sql, "employer_payments",
                              {"id", "employer_id", "period", "amount_billed", "amount_paid",
                               "payment_code", "due_date", "paid_on"});
    for (std::size_t i = begin; i < end; ++i) {
      const DemoBill& b = bills[i];
      w->Int(b.id);
      w->Int(b.employer_id);
      w->Int(b.period);
      w->Int(b.amount_billed);
      w->Int(b.amount_paid);
      w->Text(b.payment_code);
      w->Day(b.due_date);
      w->DayOrNull(b.paid_on);
      w->EndRow();
    }
    stats.bills += w->Finish();
  }
  {
    // Each bill's report: version 1, the bill's id.
    auto w = BulkWriter::Open(sql, "wage_report_submissions",
                              {"id", "employer_id", "period", "version", "upload_id",
                               "submitted_by", "submitted_at", "workers", "total_wage", "billed"});
    for (std::size_t i = begin; i < end; ++i) {
      const DemoBill& b = bills[i];
      w->Int(b.id);
      w->Int(b.employer_id);
      w->Int(b.period);
      w->Int(1);
      w->Null();
      w->Int(kDemoLoader);
      w->Int(EpochSeconds(b.submitted_on, kSubmittedHour));
      w->Int(b.workers);
      w->Int(b.total_wage);
      w->Int(b.month_amount);
      w->EndRow();
    }
    stats.submissions += w->Finish();
  }
  {
    auto w = BulkWriter::Open(
        sql, "employer_bill_lines",
        {"id", "bill_id", "kind", "submission_id", "amount", "created_at", "fine_for_bill_id"});
    for (std::size_t i = begin; i < end; ++i) {
      const DemoBill& b = bills[i];
      const std::int64_t made = EpochSeconds(b.submitted_on, kSubmittedHour);
      w->Int(next_line_id++);
      w->Int(b.id);
      w->Text("month");
      w->Int(b.id);
      w->Int(b.month_amount);
      w->Int(made);
      w->Null();
      w->EndRow();
      for (const DemoFine& fine : b.fines) {
        w->Int(next_line_id++);
        w->Int(b.id);
        w->Text("fine");
        w->Null();
        w->Int(fine.amount);
        w->Int(made);
        w->Int(fine.for_bill_id);
        w->EndRow();
      }
    }
    stats.bill_lines += w->Finish();
  }
  {
    auto w =
        BulkWriter::Open(sql, "bank_payments",
                         {"id", "bank_reference", "payment_code", "amount", "paid_on", "bill_id",
                          "amount_applied", "amount_credited", "imported_by", "imported_at"});
    for (std::size_t i = begin; i < end; ++i) {
      const DemoBill& b = bills[i];
      for (const DemoBankPayment& p : b.payments) {
        w->Int(p.id);
        w->Text(p.reference);
        w->Text(b.payment_code);
        w->Int(p.amount);
        w->Day(p.paid_on);
        w->Int(b.id);
        w->Int(p.amount);  // never more than the bill owed: all applied
        w->Int(0);
        w->Null();  // from the command line
        w->Int(EpochSeconds(p.paid_on, kImportedHour));
        w->EndRow();
      }
    }
    stats.bank_payments += w->Finish();
  }
}

// Bulk-load settings for the seeding SQLite connection, restored (to what Database sets) when
// done, on every path:
//   foreign_keys OFF: each checked row costs two index lookups; the generator guarantees the
//     references (its tests check them with PRAGMA foreign_key_check);
//   synchronous OFF: no fsync per WAL checkpoint while loading; a crash mid-seed means seeding
//     again anyway. The final checkpoint under NORMAL makes the result durable;
//   a 128 MiB page cache and rarer WAL checkpoints.
class SqliteBulkSettings {
 public:
  explicit SqliteBulkSettings(soci::session& sql) : sql_(sql) {
    sql_ << "PRAGMA cache_size", soci::into(cache_size_);
    sql_ << "PRAGMA wal_autocheckpoint", soci::into(autocheckpoint_);
    db::ExecuteVerbatim(sql_, "PRAGMA foreign_keys = OFF");
    db::ExecuteVerbatim(sql_, "PRAGMA synchronous = OFF");
    db::ExecuteVerbatim(sql_, "PRAGMA cache_size = -131072");
    db::ExecuteVerbatim(sql_, "PRAGMA wal_autocheckpoint = 10000");
  }
  ~SqliteBulkSettings() {
    try {
      db::ExecuteVerbatim(sql_, "PRAGMA foreign_keys = ON");
      db::ExecuteVerbatim(sql_, "PRAGMA synchronous = NORMAL");
      db::ExecuteVerbatim(sql_, "PRAGMA cache_size = " + std::to_string(cache_size_));
      db::ExecuteVerbatim(sql_, "PRAGMA wal_autocheckpoint = " + std::to_string(autocheckpoint_));
      db::ExecuteVerbatim(sql_, "PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (...) {
      // A connection that cannot run PRAGMAs is broken; the pool reopens it.
    }
  }
  SqliteBulkSettings(const SqliteBulkSettings&) = delete;
  SqliteBulkSettings& operator=(const SqliteBulkSettings&) = delete;

 private:
  soci::session& sql_;
  int cache_size_ = -2000;
  int autocheckpoint_ = 1000;
};

// PostgreSQL checks every copied row's foreign keys with a trigger, which makes COPY ten times
// slower. Inside the seeding transaction, the foreign keys of the loaded tables are dropped and
// re-added at the end (one validating join per key). Returns the statements that re-add them,
// as PostgreSQL itself words and quotes them.
std::vector<std::string> DropForeignKeys(soci::session& sql) {
  std::vector<std::string> drops, adds;
  std::string drop, add;
  soci::statement query =
      (sql.prepare << "SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, "
                      "conname), format('ALTER TABLE %s ADD CONSTRAINT %I %s', "
                      "conrelid::regclass, conname, pg_get_constraintdef(oid)) "
                      "FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY (ARRAY["
                      "'employment_spells', 'wage_reports', 'contributions', "
                      "'employer_payments', 'jht_yearly_credits', 'wage_report_submissions', "
                      "'employer_bill_lines', 'bank_payments']::regclass[]) ORDER BY conname",
       soci::into(drop), soci::into(add));
  query.execute();
  while (query.fetch()) {
    drops.push_back(drop);
    adds.push_back(add);
  }
  for (const std::string& statement : drops) db::ExecuteVerbatim(sql, statement);
  return adds;
}

}  // namespace

SeedStats SeedDemo(db::Database& database, const RuleBook& rules, const SeedOptions& options,
                   const std::function<void(const SeedProgress&)>& progress) {
  const auto started = Clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - started).count(); };
  SeedStats stats;
  SeedProgress report;
  report.members_total = options.members;
  auto tell = [&](std::string_view phase) {
    if (!progress) return;
    report.phase = phase;
    report.members_done = stats.members;
    report.contribution_rows = stats.contributions;
    report.seconds = elapsed();
    progress(report);
  };
  if (options.batch_rows < 1) throw std::invalid_argument("seed-demo: batch_rows must be >= 1");

  db::Database::Lease lease = database.Acquire();
  soci::session& sql = *lease;
  long long existing_members = 0, existing_employers = 0;
  sql << "SELECT COUNT(*) FROM members", soci::into(existing_members);
  sql << "SELECT COUNT(*) FROM employers", soci::into(existing_employers);
  if (existing_members > 0 || existing_employers > 0) {
    if (options.if_empty && existing_members > 0) {
      stats.skipped = true;
      return stats;
    }
    throw std::runtime_error("seed-demo: the registry already has " +
                             std::to_string(existing_members) + " members and " +
                             std::to_string(existing_employers) +
                             " employers; demo data goes into an empty database");
  }
  // Payments imported without a bill would hold the ids the demo's payments take.
  long long existing_payments = 0;
  sql << "SELECT COUNT(*) FROM bank_payments", soci::into(existing_payments);
  if (existing_payments > 0) {
    throw std::runtime_error("seed-demo: bank_payments already has " +
                             std::to_string(existing_payments) +
                             " rows; demo data goes into an empty database");
  }

  // The bills take payment codes from the sequence the pipeline issues them from: next_value
  // is the next code's first 10 digits, 1,000,000,000 + its sequence (employers/payment_code.h).
  constexpr long long kFirstCodeBody = 1'000'000'000;
  long long next_code_body = 0;
  sql << "SELECT next_value FROM number_sequences WHERE name = 'payment_code'",
      soci::into(next_code_body);
  if (!sql.got_data()) {
    throw std::runtime_error("seed-demo: number_sequences has no 'payment_code' row");
  }
  const long long first_code_sequence = std::max(0LL, next_code_body - kFirstCodeBody);

  DemoOptions demo;
  demo.members = options.members;
  demo.employers = options.employers;
  demo.years = options.years;
  demo.seed = options.seed;
  demo.today = options.today.value_or(i18n::FundToday());
  demo.first_payment_code_sequence = static_cast<std::uint64_t>(first_code_sequence);
  DemoGenerator generator(rules, demo);

  // SQLite: a transaction per batch, with bulk-load settings on this connection.
  // PostgreSQL: one transaction for everything, foreign keys dropped inside it and re-added
  // (validated in one pass) at the end, so a failure leaves nothing behind.
  const bool sqlite = database.dialect() == db::Dialect::kSqlite;
  std::optional<SqliteBulkSettings> sqlite_settings;
  std::optional<db::Transaction> whole;
  std::vector<std::string> restore_foreign_keys;
  if (sqlite) {
    sqlite_settings.emplace(sql);
  } else {
    whole.emplace(db::Transaction::ForWriting(sql));
    restore_foreign_keys = DropForeignKeys(sql);
  }
  auto in_batch = [&](const std::function<void()>& write) {
    if (!sqlite) return write();
    auto tx = db::Transaction::ForWriting(sql);
    write();
    tx.Commit();
  };

  tell("employers");
  in_batch([&] { WriteEmployers(sql, generator.employers()); });
  stats.employers = static_cast<std::int64_t>(generator.employers().size());

  // Whole members per batch, until a batch holds about batch_rows contribution rows, billed
  // together (FinishMembers). While one batch is written, the next is generated on another
  // thread (generation stays sequential, in id order). DemoMember objects are reused, so their
  // vectors keep their capacity.
  struct Batch {
    std::vector<DemoMember> members;
    std::size_t count = 0;
  };
  std::int64_t next_id = 1;
  auto fill = [&](Batch& batch) {
    batch.count = 0;
    std::int64_t rows = 0;
    while (next_id <= options.members && rows < options.batch_rows) {
      if (batch.count == batch.members.size()) batch.members.emplace_back();
      generator.StartMember(next_id++, batch.members[batch.count]);
      rows += static_cast<std::int64_t>(batch.members[batch.count].months.size());
      ++batch.count;
    }
    generator.FinishMembers(std::span<DemoMember>(batch.members.data(), batch.count));
  };
  Batch current, next;
  fill(current);
  while (current.count > 0) {
    std::future<void> generating;
    if (next_id <= options.members) {
      generating = std::async(std::launch::async, [&] { fill(next); });
    } else {
      next.count = 0;
    }
    in_batch([&] { WriteMembers(sql, current.members, current.count, stats); });
    if (generating.valid()) generating.get();
    std::swap(current, next);
    tell("members");
  }

  tell("payments");
  const std::vector<DemoBill> bills = generator.Bills();
  std::int64_t next_line_id = 1;
  for (std::size_t begin = 0; begin < bills.size();
       begin += static_cast<std::size_t>(options.batch_rows)) {
    const std::size_t end =
        std::min(bills.size(), begin + static_cast<std::size_t>(options.batch_rows));
    in_batch([&] { WriteBills(sql, bills, begin, end, next_line_id, stats); });
  }
  // Later bills continue the sequence after the codes used.
  long long after_codes =
      kFirstCodeBody + first_code_sequence + static_cast<long long>(bills.size());
  in_batch([&] {
    sql << "UPDATE number_sequences SET next_value = :v WHERE name = 'payment_code'",
        soci::use(after_codes);
  });

  tell("finishing");
  if (!sqlite) {
    for (const std::string& statement : restore_foreign_keys) db::ExecuteVerbatim(sql, statement);
    // Rows came with their ids: move the identity sequences past them for later inserts.
    for (const char* table : {"employers", "members", "employment_spells", "employer_payments",
                              "wage_report_submissions", "employer_bill_lines", "bank_payments"}) {
      db::ExecuteVerbatim(sql, std::string("SELECT setval(pg_get_serial_sequence('") + table +
                                   "', 'id'), COALESCE((SELECT MAX(id) FROM " + table +
                                   "), 0) + 1, false)");
    }
    whole->Commit();
    // Fresh statistics, so the planner knows the tables are no longer empty.
    db::ExecuteVerbatim(sql,
                        "ANALYZE employers, members, employment_spells, wage_reports, "
                        "contributions, employer_payments, jht_yearly_credits, "
                        "wage_report_submissions, employer_bill_lines, bank_payments");
  } else {
    sqlite_settings.reset();  // back to the pool's settings, WAL checkpointed
    db::ExecuteVerbatim(sql, "PRAGMA analysis_limit = 1000");  // sample, do not scan
    db::ExecuteVerbatim(sql, "ANALYZE");
    db::ExecuteVerbatim(sql, "PRAGMA analysis_limit = 0");
  }

  stats.seconds = elapsed();
  stats.contribution_rows_per_second =
      stats.seconds > 0 ? static_cast<double>(stats.contributions) / stats.seconds : 0;
  tell("done");
  return stats;
}

}  // namespace lumbung::demo
