// Fills an empty registry with realistic, deterministic demo data (see demo_generator.h for
// what the data looks like): the `lumbung seed-demo` command and the benchmarks use it.
//
//   demo::SeedOptions options;
//   options.members = 100000;
//   demo::SeedStats stats = demo::SeedDemo(database, rules, options, [](const auto& p) {
//     std::cerr << p.members_done << "/" << p.members_total << "\r";
//   });
//
// What it writes is what the employer pipeline would have written had every employer reported
// each month's wages and paid at the bank (demo_generator.h has the rules it goes through):
//   registry tables: employers, members, employment_spells, wage_reports and contributions (the
//     lines of each employer-month's bill, employers::ComputeBill), employer_payments (the
//     bills: payment codes from employers::IssuePaymentCode, amount_paid and paid_on as
//     employers::ApplyPayment leaves them) and jht_yearly_credits;
//   the pipeline's: a version-1 wage_report_submissions row per bill (submitted_by 0: the demo
//     loader, no account), its employer_bill_lines ('month', and a 'fine' for each earlier
//     bill paid late), a bank_payments row per payment (reference "DEMO-<bill id>-<n>", all of
//     it applied, imported from the command line), and number_sequences 'payment_code' moved
//     past the codes used.
//
// The registry and employer migrations must have been applied. Rows are generated in memory a
// batch at a time (the next batch on a second thread while one is written) and written with
// registry::BulkWriter.
//   SQLite: one transaction per batch, with bulk-load settings on the seeding connection
//     (foreign keys and fsync off, bigger cache; restored afterwards). A run that fails halfway
//     leaves the batches already committed: seed into a fresh database.
//   PostgreSQL: COPY, all in one transaction, with the loaded tables' foreign keys dropped and
//     re-added (validated) at the end: all or nothing. The loaded tables are locked meanwhile.
// The same options give identical data on SQLite and PostgreSQL, whatever the batch size.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "core/db/database.h"
#include "registry/rules.h"

namespace lumbung::demo {

using registry::Date;
using registry::RuleBook;

struct SeedOptions {
  int members = 2000;
  int employers = 100;
  int years = 10;
  std::uint64_t seed = 1;
  // Do nothing (SeedStats::skipped) when the registry already has members, instead of failing.
  bool if_empty = false;
  // The history ends with the month before this day; nullopt: today on the fund's clock
  // (i18n::FundToday). Tests set it.
  std::optional<Date> today;
  // Contribution rows per transaction (a batch holds whole members).
  int batch_rows = 50'000;
};

struct SeedProgress {
  std::string_view phase;  // "employers", "members", "payments", "finishing", "done"
  std::int64_t members_done = 0;
  std::int64_t members_total = 0;
  std::int64_t contribution_rows = 0;
  double seconds = 0;  // since the start
};

struct SeedStats {
  bool skipped = false;  // if_empty and the registry had members
  std::int64_t members = 0;
  std::int64_t employers = 0;
  std::int64_t spells = 0;
  std::int64_t wage_reports = 0;
  std::int64_t contributions = 0;
  std::int64_t bills = 0;          // employer_payments
  std::int64_t submissions = 0;    // wage_report_submissions
  std::int64_t bill_lines = 0;     // employer_bill_lines
  std::int64_t bank_payments = 0;  // bank_payments
  std::int64_t jht_years = 0;
  double seconds = 0;
  double contribution_rows_per_second = 0;
};

// Throws std::runtime_error when the registry is not empty (and not if_empty),
// std::invalid_argument for bad options, db::DatabaseError for database failures.
SeedStats SeedDemo(db::Database& database, const RuleBook& rules, const SeedOptions& options,
                   const std::function<void(const SeedProgress&)>& progress = {});

}  // namespace lumbung::demo
