#include "subsidy/run.h"

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <tuple>

#include "core/audit/audit_log.h"
#include "core/db/row_value.h"
#include "core/db/transaction.h"
#include "core/jobs/jobs.h"
#include "registry/nik.h"
#include "subsidy/reason_mask.h"

namespace lumbung::subsidy {
namespace {

using db::RowMaybeInt;

// The province codes the registry's employers may have (its CHECK: 11..99). Each gets its wage
// limit in subsidy_run_limits, known province or not, so that the join never drops a member.
constexpr int kFirstProvince = 11, kLastProvince = 99;

const char* const kRunColumns =
    "SELECT id, program_year, dry_run, state, job_id, started_by, started_at, finished_at, "
    "members_total, members_done, eligible_count, previous_run_id, confirmed FROM subsidy_runs ";

Run RunFromRow(const soci::row& row) {
  Run run;
  run.id = db::RowInt(row, 0);
  run.program_year = static_cast<int>(db::RowInt(row, 1));
  run.dry_run = db::RowInt(row, 2) == 1;
  run.state = db::RowText(row, 3);
  run.job_id = RowMaybeInt(row, 4);
  run.started_by = RowMaybeInt(row, 5);
  run.started_at = db::RowInt(row, 6);
  run.finished_at = RowMaybeInt(row, 7);
  run.members_total = RowMaybeInt(row, 8);
  run.members_done = db::RowInt(row, 9);
  run.eligible_count = RowMaybeInt(row, 10);
  run.previous_run_id = RowMaybeInt(row, 11);
  run.confirmed = db::RowInt(row, 12) == 1;
  return run;
}

std::optional<Run> OneRun(soci::session& sql, const std::string& where, long long value) {
  soci::rowset<soci::row> rows = (sql.prepare << kRunColumns + where, soci::use(value, "v"));
  for (const soci::row& row : rows) return RunFromRow(row);
  return std::nullopt;
}

std::string IsoDay(Date day) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

int Period(Date day) {
  return static_cast<int>(day.year()) * 100 + static_cast<int>(static_cast<unsigned>(day.month()));
}

std::string Bit(const Program& program, std::string_view code) {
  const std::int64_t bit = ReasonBit(program, code);
  if (bit == 0) throw std::logic_error("subsidy: no reason bit for " + std::string(code));
  return std::to_string(bit);
}

// The NIK's structure as registry::CheckNikStructure judges it, in SQL over the columns of the
// member subquery below (members.nik is 16 digits by the registry's CHECK): a known province,
// regency and district not 00, a day of 01-31 (41-71 for women) that exists in the month (29
// February when the two-digit year is divisible by 4), serial not 0000.
std::string ValidNikSql() {
  std::string provinces;
  for (const registry::Province& p : registry::Provinces()) {
    char code[8];
    std::snprintf(code, sizeof code, "'%02d'", p.code);
    provinces += (provinces.empty() ? "" : ",") + std::string(code);
  }
  const std::string days =
      "(CASE WHEN m.mm IN (4, 6, 9, 11) THEN 30 WHEN m.mm = 2 THEN "
      "CASE WHEN m.yy % 4 = 0 THEN 29 ELSE 28 END ELSE 31 END)";
  return "(substr(m.nik, 1, 2) IN (" + provinces +
         ") AND substr(m.nik, 3, 2) <> '00' AND substr(m.nik, 5, 2) <> '00' "
         "AND substr(m.nik, 13, 4) <> '0000' AND m.mm BETWEEN 1 AND 12 "
         "AND (m.dd BETWEEN 1 AND " +
         days + " OR m.dd BETWEEN 41 AND 40 + " + days + "))";
}

// The one statement a step runs: the outcomes of the members with ids in (:after, :upto].
std::string OutcomeSql(const Program& program) {
  std::string base = "0";
  const auto term = [&](const std::string& sql) { base += "\n + " + sql; };
  if (program.citizens_only) {
    term("CASE WHEN " + ValidNikSql() + " THEN " + Bit(program, "citizen") + " ELSE " +
         Bit(program, "not_citizen") + " END");
  }
  // The registry holds wage earners only (no self-employed members): see run.h.
  if (program.wage_earners_only) term(Bit(program, "wage_earner"));
  term("CASE WHEN a.jobs IS NULL THEN " + Bit(program, "not_active_on_cutoff") + " ELSE " +
       Bit(program, "active_on_cutoff") + " END");
  term("CASE WHEN a.jobs > a.reported THEN " + Bit(program, "no_wage_reported") + " ELSE 0 END");
  term("CASE WHEN a.mw_unknown = 1 THEN " + Bit(program, "minimum_wage_unknown") + " ELSE 0 END");
  term("CASE WHEN a.jobs > 1 AND a.reported = a.jobs THEN " + Bit(program, "wages_summed") +
       " ELSE 0 END");
  const std::string compare = program.wage_compare == WageCompare::kUnder ? "<" : "<=";
  term("CASE WHEN a.reported = a.jobs THEN CASE WHEN a.wage " + compare + " a.wage_limit THEN " +
       Bit(program, "wage_within_limit") + " ELSE " + Bit(program, "wage_above_limit") +
       " END ELSE 0 END");
  if (!program.areas.empty()) {
    term("CASE WHEN a.jobs IS NULL THEN 0 WHEN a.covered = 1 THEN " + Bit(program, "area_covered") +
         " ELSE " + Bit(program, "area_not_covered") + " END");
  }
  term("CASE WHEN b.member_id IS NULL THEN " + Bit(program, "no_bank_account") +
       " WHEN b.holder_mismatch = 1 THEN " + Bit(program, "bank_account_flagged") +
       " WHEN b.shared = 1 THEN " + Bit(program, "bank_account_shared") + " ELSE " +
       Bit(program, "bank_account_valid") + " END");

  std::string lists = "0";
  for (std::size_t i = 0; i < program.exclusions.size(); ++i) {
    lists += "\n + CASE WHEN EXISTS (SELECT 1 FROM subsidy_list_entries x WHERE x.list = :l" +
             std::to_string(i) + " AND x.nik = m.nik) THEN " +
             Bit(program, "excluded_" + program.exclusions[i]) + " ELSE 0 END";
  }
  const std::string not_listed = program.exclusions.empty()
                                     ? std::string()
                                     : " + CASE WHEN d.lists = 0 THEN " +
                                           Bit(program, "not_on_exclusion_lists") + " ELSE 0 END";

  // MATERIALIZED: each member's reasons are computed once (a subquery in FROM would be
  // flattened into the INSERT's SELECT, which names the sums twice, and both databases would
  // evaluate them, list look-ups included, once per mention).
  return "WITH d AS MATERIALIZED (SELECT m.id, (" + base + ") AS base, (" + lists +
         ") AS lists,\n"
         " CASE WHEN a.reported = a.jobs THEN a.wage ELSE 0 END AS wage,\n"
         " COALESCE(a.wage_limit, 0) AS wage_limit,\n"
         " CASE WHEN b.member_id IS NULL OR b.holder_mismatch = 1 OR b.shared = 1 THEN 1 "
         "ELSE 0 END AS account_problem\n"
         " FROM (SELECT id, nik, CAST(substr(nik, 7, 2) AS INTEGER) AS dd, "
         "CAST(substr(nik, 9, 2) AS INTEGER) AS mm, CAST(substr(nik, 11, 2) AS INTEGER) AS yy "
         "FROM members WHERE id > :after1 AND id <= :upto1) m\n"
         " LEFT JOIN (SELECT j.member_id, COUNT(*) AS jobs, COUNT(w.wage) AS reported, "
         "CAST(SUM(w.wage) AS BIGINT) AS wage, MAX(l.wage_limit) AS wage_limit, "
         "MAX(l.minimum_wage_unknown) AS mw_unknown, MAX(l.covered) AS covered\n"
         "  FROM (SELECT DISTINCT s.member_id, s.employer_id FROM employment_spells s "
         "WHERE s.member_id > :after2 AND s.member_id <= :upto2 AND s.start_date <= :cutoff1 "
         "AND (s.end_date IS NULL OR s.end_date >= :cutoff2)) j\n"
         "  JOIN employers e ON e.id = j.employer_id\n"
         "  JOIN subsidy_run_limits l ON l.run_id = :run2 AND l.province_code = e.province_code\n"
         "  LEFT JOIN wage_reports w ON w.member_id = j.member_id AND w.period = :period "
         "AND w.employer_id = j.employer_id\n"
         "  GROUP BY j.member_id) a ON a.member_id = m.id\n"
         // The account is shared when more members than the programme allows have its
         // fingerprint (profile/bank.h AccountFingerprint; one indexed count per account).
         " LEFT JOIN (SELECT b0.member_id, b0.holder_mismatch, CASE WHEN "
         "b0.account_fingerprint IS NOT NULL AND (SELECT COUNT(*) FROM profile_bank_accounts s "
         "WHERE s.account_fingerprint = b0.account_fingerprint) > :sharers THEN 1 ELSE 0 END "
         "AS shared FROM profile_bank_accounts b0 WHERE b0.member_id > :after3 "
         "AND b0.member_id <= :upto3) b ON b.member_id = m.id)\n"
         "INSERT INTO subsidy_outcomes (run_id, member_id, eligible, reasons, wage, wage_limit, "
         "account_problem)\n"
         "SELECT CAST(:run1 AS BIGINT), d.id, CASE WHEN ((d.base + d.lists" +
         not_listed + ") & " + std::to_string(BlockingMask(program)) +
         ") = 0 THEN 1 ELSE 0 END, d.base + d.lists" + not_listed +
         ", d.wage, d.wage_limit, d.account_problem FROM d";
}

void InsertLimits(soci::session& sql, const Program& program, const MinimumWages& wages,
                  long long run_id) {
  int province = 0;
  long long limit = 0;
  int unknown = 0, covered = 0;
  soci::statement insert =
      (sql.prepare << "INSERT INTO subsidy_run_limits (run_id, province_code, wage_limit, "
                      "minimum_wage_unknown, covered) VALUES (:r, :p, :l, :u, :c)",
       soci::use(run_id, "r"), soci::use(province, "p"), soci::use(limit, "l"),
       soci::use(unknown, "u"), soci::use(covered, "c"));
  for (province = kFirstProvince; province <= kLastProvince; ++province) {
    // The registry records the employer's province only: its regency is not known.
    const Area workplace{.province = province, .regency = 0};
    const WageLimit here = EffectiveWageLimit(program, workplace, wages);
    limit = here.amount;
    unknown = here.minimum_wage_unknown ? 1 : 0;
    covered = program.Covers(workplace) ? 1 : 0;
    insert.execute(true);
  }
}

}  // namespace

int MarkFailedRuns(soci::session& sql, std::int64_t now) {
  const long long at = now;
  soci::statement update =
      (sql.prepare << "UPDATE subsidy_runs SET state = 'failed', finished_at = :now "
                      "WHERE state = 'running' AND job_id IN (SELECT id FROM jobs WHERE state = "
                      "'failed')",
       soci::use(at, "now"));
  update.execute(true);
  return static_cast<int>(update.get_affected_rows());
}

std::optional<Run> FindRun(soci::session& sql, std::int64_t run_id) {
  return OneRun(sql, "WHERE id = :v", run_id);
}

std::optional<Run> RunningRun(soci::session& sql, int year) {
  return OneRun(sql, "WHERE program_year = :v AND state = 'running'", year);
}

std::optional<Run> ConfirmedRun(soci::session& sql, int year) {
  return OneRun(sql, "WHERE program_year = :v AND confirmed = 1", year);
}

std::vector<Run> RunsOf(soci::session& sql, int year, int limit) {
  std::vector<Run> runs;
  const int y = year, n = std::clamp(limit, 0, 1000);
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kRunColumns) +
                          "WHERE program_year = :y ORDER BY id DESC LIMIT :n",
       soci::use(y, "y"), soci::use(n, "n"));
  for (const soci::row& row : rows) runs.push_back(RunFromRow(row));
  return runs;
}

StartedRun StartRun(soci::session& sql, const RunSettings& settings, int year, bool dry_run,
                    std::optional<std::int64_t> started_by, std::int64_t now) {
  StartedRun result;
  const Program* program = settings.programs ? settings.programs->ForYear(year) : nullptr;
  if (!program) {
    result.refusal = StartRefusal::kNoProgram;
    return result;
  }
  if (!settings.minimum_wages) throw std::invalid_argument("subsidy: no minimum wages");
  try {
    auto tx = db::Transaction::ForWriting(sql);
    MarkFailedRuns(sql, now);
    if (auto running = RunningRun(sql, year)) {
      tx.Commit();  // the runs MarkFailedRuns ended stay ended
      result.refusal = StartRefusal::kAlreadyRunning;
      result.running = std::move(running);
      return result;
    }
    const int y = year;
    long long previous = 0;
    soci::indicator previous_ind = soci::i_null;
    sql << "SELECT id FROM subsidy_runs WHERE program_year = :y AND confirmed = 1",
        soci::use(y, "y"), soci::into(previous, previous_ind);
    if (!sql.got_data() || previous_ind == soci::i_null) {
      sql << "SELECT MAX(id) FROM subsidy_runs WHERE program_year = :y AND state = 'done'",
          soci::use(y, "y"), soci::into(previous, previous_ind);
    }
    long long total = 0;
    sql << "SELECT COUNT(*) FROM members", soci::into(total);
    const int dry = dry_run ? 1 : 0;
    const long long at = now;
    long long by = started_by.value_or(0);
    soci::indicator by_ind = started_by ? soci::i_ok : soci::i_null;
    long long run_id = 0;
    sql << "INSERT INTO subsidy_runs (program_year, dry_run, state, started_by, started_at, "
           "members_total, members_done, eligible_count, previous_run_id, confirmed) "
           "VALUES (:y, :dry, 'running', :by, :at, :total, 0, 0, :previous, 0) RETURNING id",
        soci::use(y, "y"), soci::use(dry, "dry"), soci::use(by, by_ind, "by"), soci::use(at, "at"),
        soci::use(total, "total"), soci::use(previous, previous_ind, "previous"),
        soci::into(run_id);
    InsertLimits(sql, *program, *settings.minimum_wages, run_id);
    const std::string id_text = std::to_string(run_id);
    long long job_id = jobs::Enqueue(sql,
                                     {.kind = std::string(kRunJobKind),
                                      .payload = R"({"run":)" + id_text + "}",
                                      .dedupe_key = std::string(kRunJobKind) + ":" + id_text},
                                     now);
    sql << "UPDATE subsidy_runs SET job_id = :j WHERE id = :r", soci::use(job_id, "j"),
        soci::use(run_id, "r");
    audit::Append(sql, {.actor_user_id = started_by,
                        .action = "subsidy.run_started",
                        .details = {{"run", id_text},
                                    {"program_year", std::to_string(year)},
                                    {"dry_run", dry_run ? "1" : "0"},
                                    {"members", std::to_string(total)}}});
    tx.Commit();
    result.run_id = run_id;
    return result;
  } catch (const std::exception&) {
    // Two instances started the same year at once: the partial unique index let one through.
    if (auto running = RunningRun(sql, year)) {
      result.refusal = StartRefusal::kAlreadyRunning;
      result.running = std::move(running);
      return result;
    }
    throw;
  }
}

jobs::Handler RunHandler(RunSettings settings) {
  if (!settings.programs) throw std::invalid_argument("subsidy: no programmes");
  if (settings.members_per_step < 1) throw std::invalid_argument("subsidy: members_per_step < 1");
  // The statement of each programme year, built once.
  auto statements = std::make_shared<std::map<int, std::string>>();
  return [settings, statements](jobs::StepContext& step) -> jobs::StepResult {
    const long long run_id = nlohmann::json::parse(step.job.payload).at("run").get<std::int64_t>();
    const auto run = FindRun(step.sql, run_id);
    if (!run || run->state != kRunRunning) {
      return {.cursor = step.job.cursor, .processed = 0, .finished = true};
    }
    const Program* program = settings.programs->ForYear(run->program_year);
    if (!program) {
      throw std::runtime_error("subsidy: no programme for " + std::to_string(run->program_year));
    }
    auto& statement = (*statements)[program->year];
    if (statement.empty()) statement = OutcomeSql(*program);

    const long long after = step.job.cursor.empty() ? 0 : std::stoll(step.job.cursor);
    const long long per_step = settings.members_per_step;
    long long count = 0, upto = 0;
    soci::indicator upto_ind = soci::i_null;
    step.sql << "SELECT COUNT(*), MAX(id) FROM (SELECT id FROM members WHERE id > :after "
                "ORDER BY id LIMIT :n) t",
        soci::use(after, "after"), soci::use(per_step, "n"), soci::into(count),
        soci::into(upto, upto_ind);
    long long eligible = 0;
    if (count > 0) {
      const std::string cutoff = IsoDay(program->cutoff);
      const int period = Period(program->cutoff);
      const int sharers = program->niks_per_bank_account;
      soci::statement insert(step.sql);
      insert.alloc();
      insert.exchange(soci::use(run_id, "run1"));
      insert.exchange(soci::use(run_id, "run2"));
      insert.exchange(soci::use(after, "after1"));
      insert.exchange(soci::use(after, "after2"));
      insert.exchange(soci::use(upto, "upto1"));
      insert.exchange(soci::use(upto, "upto2"));
      insert.exchange(soci::use(cutoff, "cutoff1"));
      insert.exchange(soci::use(cutoff, "cutoff2"));
      insert.exchange(soci::use(period, "period"));
      insert.exchange(soci::use(after, "after3"));
      insert.exchange(soci::use(upto, "upto3"));
      insert.exchange(soci::use(sharers, "sharers"));
      for (std::size_t i = 0; i < program->exclusions.size(); ++i) {
        insert.exchange(soci::use(program->exclusions[i], "l" + std::to_string(i)));
      }
      insert.prepare(statement);
      insert.define_and_bind();
      insert.execute(true);
      step.sql << "SELECT COUNT(*) FROM subsidy_outcomes WHERE run_id = :r AND member_id > :a "
                  "AND member_id <= :u AND eligible = 1",
          soci::use(run_id, "r"), soci::use(after, "a"), soci::use(upto, "u"), soci::into(eligible);
    }
    step.sql << "UPDATE subsidy_runs SET members_done = members_done + :n, "
                "eligible_count = COALESCE(eligible_count, 0) + :e WHERE id = :r",
        soci::use(count, "n"), soci::use(eligible, "e"), soci::use(run_id, "r");
    const bool finished = count < per_step;
    std::optional<std::int64_t> total = run->members_total;
    if (finished) {
      // Members registered while the run went are decided too: the total is what was done.
      const long long at = step.now;
      step.sql << "UPDATE subsidy_runs SET state = 'done', finished_at = :now, "
                  "members_total = members_done WHERE id = :r",
          soci::use(at, "now"), soci::use(run_id, "r");
      total = run->members_done + count;
    }
    return {.cursor = count > 0 ? std::to_string(upto) : step.job.cursor,
            .processed = count,
            .total = total,
            .finished = finished};
  };
}

std::vector<std::pair<std::string, std::int64_t>> ReasonCounts(soci::session& sql,
                                                               const Program& program,
                                                               std::int64_t run_id) {
  const std::vector<std::string> codes = ReasonCodes(program);
  std::vector<std::int64_t> counts(codes.size(), 0);
  const long long r = run_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT reasons, COUNT(*) FROM subsidy_outcomes WHERE run_id = :r "
                      "GROUP BY reasons",
       soci::use(r, "r"));
  for (const soci::row& row : rows) {
    const std::int64_t mask = db::RowInt(row, 0), n = db::RowInt(row, 1);
    for (std::size_t i = 0; i < codes.size() && i < 63; ++i) {
      if (mask & (std::int64_t{1} << i)) counts[i] += n;
    }
  }
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (counts[i] > 0) out.emplace_back(codes[i], counts[i]);
  }
  return out;
}

void RegisterSubsidyJobs(jobs::Runner& runner, RunSettings settings) {
  runner.Register(std::string(kRunJobKind), RunHandler(std::move(settings)));
}

ConfirmRefusal ConfirmRun(soci::session& sql, std::int64_t run_id, std::optional<std::int64_t> by,
                          std::int64_t now) {
  auto tx = db::Transaction::ForWriting(sql);
  const auto run = FindRun(sql, run_id);
  if (!run) return ConfirmRefusal::kNotFound;
  if (run->state != kRunDone) return ConfirmRefusal::kNotFinished;
  if (run->dry_run) return ConfirmRefusal::kDryRun;
  if (run->confirmed) return ConfirmRefusal::kNone;
  if (by && run->started_by && *by == *run->started_by) {
    audit::Append(sql, {.actor_user_id = by,
                        .action = "subsidy.run_confirm_refused",
                        .result = audit::Result::kDenied,
                        .details = {{"run", std::to_string(run_id)},
                                    {"program_year", std::to_string(run->program_year)},
                                    {"reason", "started_it"}}});
    tx.Commit();
    return ConfirmRefusal::kStartedIt;
  }
  const auto before = ConfirmedRun(sql, run->program_year);
  const long long id = run_id;
  const int year = run->program_year;
  // The old one first: the partial unique index allows one confirmed run per programme.
  sql << "UPDATE subsidy_runs SET confirmed = 0 WHERE program_year = :y AND confirmed = 1",
      soci::use(year, "y");
  sql << "UPDATE subsidy_runs SET confirmed = 1 WHERE id = :r", soci::use(id, "r");
  audit::Details details = {{"run", std::to_string(run_id)},
                            {"program_year", std::to_string(year)},
                            {"eligible", std::to_string(run->eligible_count.value_or(0))}};
  if (before) details["replaces_run"] = std::to_string(before->id);
  (void)now;
  audit::Append(sql, {.actor_user_id = by, .action = "subsidy.run_confirmed", .details = details});
  tx.Commit();
  return ConfirmRefusal::kNone;
}

RunDiff DiffRuns(soci::session& sql, const ProgramBook& programs, std::int64_t from_run,
                 std::int64_t to_run, DiffPage page) {
  const auto from = FindRun(sql, from_run);
  const auto to = FindRun(sql, to_run);
  if (!from || !to) throw std::invalid_argument("subsidy: no such run");
  if (from->program_year != to->program_year) {
    throw std::invalid_argument("subsidy: the runs are of different programme years");
  }
  const Program* program = programs.ForYear(to->program_year);
  if (!program) throw std::invalid_argument("subsidy: no programme for the runs' year");
  const long long blocking = BlockingMask(*program);
  const long long a = from_run, b = to_run;
  RunDiff diff;
  diff.from_run = from_run;
  diff.to_run = to_run;

  // Entered: eligible in b and not eligible in a (or not in it). Left: the other way round.
  // -1 stands for "not in that run".
  const auto groups = [&](bool entered) {
    const std::string sql_text =
        entered ? "SELECT COALESCE(o.reasons & :k1, -1), n.reasons & :k2, COUNT(*) "
                  "FROM subsidy_outcomes n LEFT JOIN subsidy_outcomes o "
                  "ON o.run_id = :a AND o.member_id = n.member_id "
                  "WHERE n.run_id = :b AND n.eligible = 1 AND (o.member_id IS NULL OR "
                  "o.eligible = 0) GROUP BY 1, 2"
                : "SELECT o.reasons & :k1, COALESCE(n.reasons & :k2, -1), COUNT(*) "
                  "FROM subsidy_outcomes o LEFT JOIN subsidy_outcomes n "
                  "ON n.run_id = :b AND n.member_id = o.member_id "
                  "WHERE o.run_id = :a AND o.eligible = 1 AND (n.member_id IS NULL OR "
                  "n.eligible = 0) GROUP BY 1, 2";
    std::vector<ReasonChange> changes;
    soci::rowset<soci::row> rows =
        (sql.prepare << sql_text, soci::use(blocking, "k1"), soci::use(blocking, "k2"),
         soci::use(a, "a"), soci::use(b, "b"));
    for (const soci::row& row : rows) {
      const std::int64_t before = db::RowInt(row, 0), after = db::RowInt(row, 1);
      ReasonChange change;
      change.absent_before = before < 0;
      change.absent_after = after < 0;
      if (before > 0) change.blocking_before = ReasonCodesIn(*program, before);
      if (after > 0) change.blocking_after = ReasonCodesIn(*program, after);
      change.members = db::RowInt(row, 2);
      changes.push_back(std::move(change));
    }
    std::stable_sort(
        changes.begin(), changes.end(),
        [](const ReasonChange& x, const ReasonChange& y) { return x.members > y.members; });
    return changes;
  };
  diff.entered_by = groups(true);
  diff.left_by = groups(false);
  for (const auto& c : diff.entered_by) diff.entered += c.members;
  for (const auto& c : diff.left_by) diff.left += c.members;

  const int size = std::clamp(page.size, 1, 1000);
  const long long after = page.after, fetch = size + 1;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT n.member_id, 1, o.reasons, n.reasons FROM subsidy_outcomes n "
                      "LEFT JOIN subsidy_outcomes o ON o.run_id = :a1 AND o.member_id = "
                      "n.member_id WHERE n.run_id = :b1 AND n.eligible = 1 AND (o.member_id IS "
                      "NULL OR o.eligible = 0) AND n.member_id > :after1 "
                      "UNION ALL "
                      "SELECT o.member_id, 0, o.reasons, n.reasons FROM subsidy_outcomes o "
                      "LEFT JOIN subsidy_outcomes n ON n.run_id = :b2 AND n.member_id = "
                      "o.member_id WHERE o.run_id = :a2 AND o.eligible = 1 AND (n.member_id IS "
                      "NULL OR n.eligible = 0) AND o.member_id > :after2 "
                      "ORDER BY 1 LIMIT :n",
       soci::use(a, "a1"), soci::use(b, "b1"), soci::use(after, "after1"), soci::use(b, "b2"),
       soci::use(a, "a2"), soci::use(after, "after2"), soci::use(fetch, "n"));
  for (const soci::row& row : rows) {
    if (static_cast<int>(diff.members.size()) == size) {
      diff.next_after = diff.members.back().member_id;
      break;
    }
    diff.members.push_back({.member_id = db::RowInt(row, 0),
                            .entered = db::RowInt(row, 1) == 1,
                            .reasons_before = RowMaybeInt(row, 2),
                            .reasons_after = RowMaybeInt(row, 3)});
  }
  return diff;
}

}  // namespace lumbung::subsidy
