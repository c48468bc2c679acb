// make bench: the employer wage-report pipeline on this machine (bench/run prints it).
//
//   lumbung_bench_wage_report --share DIR --database URL [--workers N] [--rounds K]
//   lumbung_bench_wage_report --share DIR --database URL --prepare [--workers N]
//                             [--report-period YYYYMM] [--csv FILE --rows R]
//
// The database must be fresh; it is migrated, then an employer with N workers (members and
// employment spells, bulk-written) is made, as an employer's registry would hold them.
//
// Measuring (the default): K rounds (default 3) of, each on a month of its own,
//   raw:      the report's N rows written with registry::BulkWriter into wage_reports, in one
//             transaction (what storing the rows costs at the least);
//   pipeline: what the portal does with an uploaded file of N rows, end to end: the worker
//             directory read and the file checked (CheckReport), the upload kept (SaveUpload),
//             read back and submitted (FindUpload, SubmitReport: checked again, billed, written
//             to wage_reports and contributions, the bill and audit rows).
// Prints the best round of each (what the machine can do when nothing else runs on it):
//   wage report: pipeline 123456 rows/s (100000 rows in 0.81 s: worker directory 0.08, check
//   0.22, upload kept 0.05, submitted 0.46), raw insert 456789 rows/s (0.22 s), ratio 0.27; ...
//   and the best round's CPU time of this process (on a shared machine the wall clock also
//   counts the wait for a core).
//
// Preparing (--prepare): the employer and its workers only, then optionally the month
// --report-period reported through the pipeline (so that it has a bill) and a wage report of R
// rows (the first R workers; R <= N) written to FILE for an upload over HTTP. Prints
//   employer: 1
//   worker directory: 100000 workers, 31.2 MB resident
#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <time.h>
#include <unistd.h>

#include "core/db/database.h"
#include "core/db/migrator.h"
#include "core/db/native_handle.h"
#include "core/db/transaction.h"
#include "employers/report_check.h"
#include "employers/report_store.h"
#include "employers/worker_directory.h"
#include "registry/bulk_writer.h"
#include "registry/rules.h"

namespace {

namespace fs = std::filesystem;
namespace employers = lumbung::employers;
namespace registry = lumbung::registry;
namespace db = lumbung::db;
using Clock = std::chrono::steady_clock;

[[noreturn]] void Usage(const char* problem) {
  std::fprintf(stderr,
               "lumbung_bench_wage_report: %s\n"
               "usage: lumbung_bench_wage_report --share DIR --database URL [--workers N] "
               "[--rounds K] [--prepare [--report-period YYYYMM] [--csv FILE --rows R]]\n",
               problem);
  std::exit(2);
}

long Parse(const char* flag, const char* text, long min, long max) {
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || value < min || value > max) {
    std::fprintf(stderr, "lumbung_bench_wage_report: %s must be %ld..%ld\n", flag, min, max);
    std::exit(2);
  }
  return value;
}

double Seconds(Clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

// As `lumbung migrate` finds them (src/app/cli.cc).
std::vector<fs::path> MigrationDirectories(const fs::path& share) {
  std::vector<fs::path> dirs;
  std::error_code ec;
  for (const auto& parent : {share / "src", share / "src" / "core"}) {
    for (const auto& folder : fs::directory_iterator(parent, ec)) {
      if (fs::is_directory(folder.path() / "migrations"))
        dirs.push_back(folder.path() / "migrations");
    }
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

std::string Padded(std::int64_t value, int digits) {
  std::string text = std::to_string(value);
  if (static_cast<int>(text.size()) < digits) text.insert(0, digits - text.size(), '0');
  return text;
}

// A bench worker's NIK and KPJ, from its member id (unique as the id is).
std::string NikOf(std::int64_t member_id) {
  return "3171" + Padded(member_id, 12);
}
std::string KpjOf(std::int64_t member_id) {
  return "2" + Padded(member_id, 10);
}

constexpr const char* kFirstNames[] = {
    "Agus",    "Budi",    "Citra", "Dewi", "Eko",   "Fitri", "Gita", "Hendra", "Indah", "Joko",
    "Kartika", "Lestari", "Made",  "Nur",  "Putri", "Rudi",  "Sari", "Teguh",  "Wahyu", "Yuni"};
constexpr const char* kLastNames[] = {"Santoso",  "Wijaya",      "Saputra", "Hidayat", "Pratama",
                                      "Kusuma",   "Nugroho",     "Siregar", "Lubis",   "Setiawan",
                                      "Hasibuan", "Simanjuntak", "Putra",   "Rahayu",  "Wibowo",
                                      "Susanto",  "Halim",       "Gunawan", "Purnomo", "Sitompul"};

std::string NameOf(std::int64_t i) {
  return std::string(kFirstNames[(i * 7) % 20]) + " " + kLastNames[(i * 13 / 20) % 20] + " " +
         kLastNames[i % 20];
}

// A month's wage: between 3.5 and about 23 million rupiah (some above the JP cap).
std::int64_t WageOf(std::int64_t i) {
  return 3'500'000 + (i * 7919 % 19'500) * 1000;
}

struct Employer {
  std::int64_t id = 0;
  std::int64_t first_member = 0;
  std::int64_t workers = 0;
};

Employer MakeEmployer(db::Database& database, std::int64_t workers) {
  auto lease = database.Acquire();
  soci::session& sql = *lease;
  const bool sqlite = database.dialect() == db::Dialect::kSqlite;
  Employer e;
  e.workers = workers;
  db::Transaction tx = db::Transaction::ForWriting(sql);
  sql << "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, registered_on) "
         "VALUES ('BENCH001', 'PT Bangku Uji Sejahtera', 'manufacturing', 31, 1, '2010-01-04') "
         "RETURNING id",
      soci::into(e.id);
  std::int64_t max_id = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(id) FROM members", soci::into(max_id, ind);
  e.first_member = (ind == soci::i_ok ? max_id : 0) + 1;
  {
    auto w =
        registry::BulkWriter::Open(sql, "members",
                                   {"id", "kpj", "nik", "full_name", "birth_date", "sex", "address",
                                    "province_code", "marital_status", "registered_on", "status"});
    for (std::int64_t i = 0; i < workers; ++i) {
      const std::int64_t id = e.first_member + i;
      w->Int(id);
      w->Text(KpjOf(id));
      w->Text(NikOf(id));
      w->Text(NameOf(i));
      w->Text("1990-05-17");
      w->Text(i % 2 ? "F" : "M");
      w->Text("Jl. Bangku Uji No. 1, Jakarta");
      w->Int(31);
      w->Text("single");
      w->Text("2015-01-05");
      w->Text("active");
      w->EndRow();
    }
    w->Finish();
  }
  {
    auto w = registry::BulkWriter::Open(
        sql, "employment_spells", {"member_id", "employer_id", "start_date", "declared_wage"});
    for (std::int64_t i = 0; i < workers; ++i) {
      w->Int(e.first_member + i);
      w->Int(e.id);
      w->Text("2015-01-05");
      w->Int(WageOf(i));
      w->EndRow();
    }
    w->Finish();
  }
  if (!sqlite) {
    db::ExecuteVerbatim(sql,
                        "SELECT setval(pg_get_serial_sequence('members', 'id'), "
                        "COALESCE((SELECT MAX(id) FROM members), 0) + 1, false)");
  }
  tx.Commit();
  // Fresh statistics, as seed-demo leaves them: the planner knows the tables are not empty.
  db::ExecuteVerbatim(sql, sqlite ? "ANALYZE" : "ANALYZE employers, members, employment_spells");
  return e;
}

// The wage report of the first `rows` workers, as a spreadsheet exports it: NIK, name, wage
// (a third of the wages with thousands dots).
std::string ReportText(const Employer& e, std::int64_t rows) {
  std::string text = "NIK,Nama,Upah\r\n";
  text.reserve(static_cast<std::size_t>(rows) * 48 + 32);
  for (std::int64_t i = 0; i < rows; ++i) {
    text += NikOf(e.first_member + i);
    text += ',';
    text += NameOf(i);
    text += ',';
    const std::string wage = std::to_string(WageOf(i));
    if (i % 3 == 0) {
      for (std::size_t k = 0; k < wage.size(); ++k) {
        if (k > 0 && (wage.size() - k) % 3 == 0) text += '.';
        text += wage[k];
      }
    } else {
      text += wage;
    }
    text += "\r\n";
  }
  return text;
}

// The process's resident memory now.
std::int64_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  std::int64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

// This process's CPU time so far: on a machine shared with other work the wall clock measures
// the queue for the cores as well, the CPU time only what the pipeline itself did (on SQLite
// all of it; on PostgreSQL the server's share is not in it).
double CpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

struct PipelineTimes {
  double directory = 0, check = 0, save = 0, submit = 0;  // parts of
  double total = 0;                                       // the whole, end to end
  double cpu = 0;                                         // this process's CPU time in it
  double Total() const { return total; }
};

PipelineTimes RunPipeline(db::Database& database, const registry::RuleBook& rules,
                          const Employer& bench, int period, const std::string& text) {
  PipelineTimes t;
  const double cpu_start = CpuSeconds();
  const auto start = Clock::now();
  std::int64_t upload_id = 0;
  std::optional<employers::Employer> employer;
  {
    // POST /employer/reports/{period}: the directory, the check, the upload kept.
    auto lease = database.Acquire();
    employer = employers::FindEmployer(*lease, bench.id);
    const auto directory =
        employers::WorkerDirectory::Load(*lease, bench.id, employers::MonthOf(period));
    const auto loaded_at = Clock::now();
    t.directory = Seconds(loaded_at - start);
    const auto checked = employers::CheckReport(text, directory);
    if (checked.refused() || checked.summary.accepted_rows != bench.workers) {
      std::fprintf(stderr, "lumbung_bench_wage_report: the check accepted %lld of %lld rows\n",
                   static_cast<long long>(checked.summary.accepted_rows),
                   static_cast<long long>(bench.workers));
      std::exit(1);
    }
    const auto checked_at = Clock::now();
    t.check = Seconds(checked_at - loaded_at);
    upload_id =
        employers::SaveUpload(*lease, bench.id, period, 0, "upah.csv", text, checked.summary);
    t.save = Seconds(Clock::now() - checked_at);
  }
  // POST .../uploads/{id}/submit.
  const auto submit_start = Clock::now();
  std::optional<employers::Upload> upload;
  {
    auto lease = database.Acquire();
    upload = employers::FindUpload(*lease, bench.id, period, upload_id);
  }
  employers::SubmitProblem problem = employers::SubmitProblem::kNone;
  std::int64_t billed_workers = 0;
  {
    const auto done =
        employers::SubmitReport(database, rules, *employer, *upload, false,
                                {.account_id = 0, .ip = "127.0.0.1", .user_agent = "bench"});
    problem = done.problem;
    billed_workers = static_cast<std::int64_t>(done.bill.lines.size());
    upload.reset();
  }
  t.submit = Seconds(Clock::now() - submit_start);
  t.total = Seconds(Clock::now() - start);
  t.cpu = CpuSeconds() - cpu_start;
  if (problem != employers::SubmitProblem::kNone || billed_workers != bench.workers) {
    std::fprintf(stderr, "lumbung_bench_wage_report: the submission was refused (%d)\n",
                 static_cast<int>(problem));
    std::exit(1);
  }
  return t;
}

double RawInsert(db::Database& database, const Employer& bench, int period) {
  const auto start = Clock::now();
  auto lease = database.Acquire();
  db::Transaction tx = db::Transaction::ForWriting(*lease);
  auto w = registry::BulkWriter::Open(*lease, "wage_reports",
                                      {"member_id", "period", "employer_id", "wage"});
  for (std::int64_t i = 0; i < bench.workers; ++i) {
    w->Int(bench.first_member + i);
    w->Int(period);
    w->Int(bench.id);
    w->Int(WageOf(i));
    w->EndRow();
  }
  w->Finish();
  tx.Commit();
  return Seconds(Clock::now() - start);
}

}  // namespace

int main(int argc, char** argv) {
  fs::path share;
  std::string url, csv_path;
  long workers = 100'000, rounds = 3, rows = -1, report_period = 0;
  bool prepare = false;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--prepare") {
      prepare = true;
      continue;
    }
    if (i + 1 >= argc) Usage("a value is missing");
    const char* value = argv[++i];
    if (flag == "--share") {
      share = value;
    } else if (flag == "--database") {
      url = value;
    } else if (flag == "--workers") {
      workers = Parse("--workers", value, 1, 10'000'000);
    } else if (flag == "--rounds") {
      rounds = Parse("--rounds", value, 1, 12);  // a month each, in one year
    } else if (flag == "--rows") {
      rows = Parse("--rows", value, 1, 10'000'000);
    } else if (flag == "--csv") {
      csv_path = value;
    } else if (flag == "--report-period") {
      report_period = Parse("--report-period", value, 195001, 220012);
    } else {
      Usage(("unknown option " + flag).c_str());
    }
  }
  if (share.empty() || url.empty()) Usage("--share and --database are required");
  if (rows > workers) Usage("--rows must not exceed --workers");
  try {
    const auto rules = registry::RuleBook::LoadFile(share / "config" / "rules.json");
    db::DatabaseOptions options;
    options.pool_size = 2;
    db::Database database(db::ParseDatabaseUrl(url), options);
    std::ostringstream quiet;
    db::Migrate(database, MigrationDirectories(share), quiet);
    const auto made_at = Clock::now();
    const Employer bench = MakeEmployer(database, workers);
    const double made = Seconds(Clock::now() - made_at);

    if (prepare) {
      std::printf("employer: %lld (%ld workers written in %.1f s)\n",
                  static_cast<long long>(bench.id), workers, made);
      {
        auto lease = database.Acquire();
        const std::int64_t before = ResidentBytes();
        const auto directory = employers::WorkerDirectory::Load(
            *lease, bench.id, employers::MonthOf(report_period ? report_period : 202501));
        std::printf("worker directory: %zu workers, %.1f MB resident\n", directory.size(),
                    static_cast<double>(ResidentBytes() - before) / (1024.0 * 1024.0));
      }
      if (report_period) {
        const PipelineTimes t = RunPipeline(database, rules, bench, static_cast<int>(report_period),
                                            ReportText(bench, workers));
        std::printf("reported %ld: %ld rows in %.2f s\n", report_period, workers, t.Total());
      }
      if (!csv_path.empty()) {
        const std::string text = ReportText(bench, rows < 0 ? workers : rows);
        std::ofstream out(csv_path, std::ios::binary);
        out << text;
        if (!out.flush()) throw std::runtime_error("cannot write " + csv_path);
      }
      return 0;
    }

    const std::string text = ReportText(bench, workers);
    double best_raw = std::numeric_limits<double>::max();
    PipelineTimes best;
    best.total = std::numeric_limits<double>::max();
    double best_cpu = std::numeric_limits<double>::max();
    std::string rounds_text;
    for (long r = 0; r < rounds; ++r) {
      // Months of their own: raw rows in 2024, reports in 2025 (spells run from 2015).
      const double raw = RawInsert(database, bench, 202401 + static_cast<int>(r));
      const PipelineTimes t =
          RunPipeline(database, rules, bench, 202501 + static_cast<int>(r), text);
      best_raw = std::min(best_raw, raw);
      if (t.Total() < best.Total()) best = t;
      best_cpu = std::min(best_cpu, t.cpu);
      char line[96];
      std::snprintf(line, sizeof line, "%s%.2f/%.2f", r ? " " : "", t.Total(), raw);
      rounds_text += line;
    }
    const double n = static_cast<double>(workers);
    std::printf(
        "wage report: pipeline %.0f rows/s (%ld rows in %.2f s: worker directory %.2f, check "
        "%.2f, upload kept %.2f, submitted %.2f), raw insert %.0f rows/s (%.2f s), ratio %.2f; "
        "rounds pipeline/raw s: %s; pipeline CPU time %.2f s (%.0f rows per CPU second)\n",
        n / best.Total(), workers, best.Total(), best.directory, best.check, best.save, best.submit,
        n / best_raw, best_raw, best_raw / best.Total(), rounds_text.c_str(), best_cpu,
        n / best_cpu);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lumbung_bench_wage_report: %s\n", e.what());
    return 1;
  }
}
