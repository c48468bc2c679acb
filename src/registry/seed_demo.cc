#include "registry/seed_demo.h"

#include <soci/soci.h>

#include <chrono>
#include <future>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/db/native_handle.h"
#include "core/db/transaction.h"
#include "core/i18n/fund_time.h"
#include "registry/bulk_writer.h"
#include "registry/demo_generator.h"

namespace lumbung::registry {
namespace {

using Clock = std::chrono::steady_clock;

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

std::int64_t WritePayments(soci::session& sql, const std::vector<DemoPayment>& payments,
                           std::size_t begin, std::size_t end) {
  auto w = BulkWriter::Open(sql, "employer_payments",
                            {"id", "employer_id", "period", "amount_billed", "amount_paid",
                             "payment_code", "due_date", "paid_on"});
  for (std::size_t i = begin; i < end; ++i) {
    const DemoPayment& p = payments[i];
    w->Int(p.id);
    w->Int(p.employer_id);
    w->Int(p.period);
    w->Int(p.amount_billed);
    w->Int(p.amount_paid);
    w->Text(p.payment_code);
    w->Day(p.due_date);
    w->DayOrNull(p.paid_on);
    w->EndRow();
  }
  return w->Finish();
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
                      "'employer_payments', 'jht_yearly_credits']::regclass[]) ORDER BY conname",
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

  DemoOptions demo;
  demo.members = options.members;
  demo.employers = options.employers;
  demo.years = options.years;
  demo.seed = options.seed;
  demo.today = options.today.value_or(i18n::FundToday());
  ;
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

  // Whole members per batch, until a batch holds about batch_rows contribution rows. While one
  // batch is written, the next is generated on another thread (generation stays sequential,
  // in id order). DemoMember objects are reused, so their vectors keep their capacity.
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
      generator.GenerateMember(next_id++, batch.members[batch.count]);
      rows += static_cast<std::int64_t>(batch.members[batch.count].months.size());
      ++batch.count;
    }
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
  const std::vector<DemoPayment> payments = generator.Payments();
  for (std::size_t begin = 0; begin < payments.size();
       begin += static_cast<std::size_t>(options.batch_rows)) {
    const std::size_t end =
        std::min(payments.size(), begin + static_cast<std::size_t>(options.batch_rows));
    in_batch([&] { stats.payments += WritePayments(sql, payments, begin, end); });
  }

  tell("finishing");
  if (!sqlite) {
    for (const std::string& statement : restore_foreign_keys) db::ExecuteVerbatim(sql, statement);
    // Rows came with their ids: move the identity sequences past them for later inserts.
    for (const char* table : {"employers", "members", "employment_spells", "employer_payments"}) {
      db::ExecuteVerbatim(sql, std::string("SELECT setval(pg_get_serial_sequence('") + table +
                                   "', 'id'), COALESCE((SELECT MAX(id) FROM " + table +
                                   "), 0) + 1, false)");
    }
    whole->Commit();
    // Fresh statistics, so the planner knows the tables are no longer empty.
    db::ExecuteVerbatim(sql,
                        "ANALYZE employers, members, employment_spells, wage_reports, "
                        "contributions, employer_payments, jht_yearly_credits");
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

}  // namespace lumbung::registry
