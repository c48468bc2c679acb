// The eligibility run: every member of the registry decided for one programme year, with the
// reasons, in set-based SQL (never a loop per member), as a background job of core/jobs that a
// crash or a kill -9 resumes without counting anyone twice. Tables: migration 0045
// (subsidy_runs, subsidy_run_limits, subsidy_outcomes); docs/subsidy.md, "The eligibility run".
//
//   const auto started = StartRun(sql, settings, 2025, /*dry_run=*/true, staff_id, now);
//   if (!started.run_id) ... refused: no programme that year, or a run of it is running ...
//   runner.Wake();   // the job "subsidy.run" (RegisterSubsidyJobs) does the work
//   ... FindRun(sql, *started.run_id): members_done of members_total, state ...
//   DiffRuns(sql, programs, run->previous_run_id, run->id, {}): who entered, who left, why
//   ConfirmRun(sql, run_id, staff_id, now): the candidates for payment batches
//
// How a step decides (the SQL agrees with the pure Decide of eligibility.h for every member;
// run_db_test.cc compares them member by member on both databases):
//   * one step takes the next `members_per_step` members by id after the job's cursor and
//     writes their outcomes with ONE INSERT ... SELECT: the jobs of each member active on the
//     cutoff day (distinct employers of the spells covering it), the wages reported for the
//     cutoff's month summed over them, the highest wage limit of their provinces (the
//     run's subsidy_run_limits, computed once when the run starts with EffectiveWageLimit), the
//     NIK's structure, list membership by EXISTS on subsidy_list_entries, the bank account;
//   * the outcomes, the members done and the cursor commit in the step's one transaction, and
//     outcomes are keyed by (run_id, member_id): a step that did not commit left nothing.
//
// What the registry cannot tell and the run therefore assumes (docs/subsidy.md):
//   * every member is a wage earner: the registry holds no self-employed members;
//   * the workplace is the employer's province (the registry records no regency);
//   * the bank account: none (no profile_bank_accounts row), flagged (an account the member
//     confirmed is another person's, holder_mismatch), shared (more members than the
//     programme's niks_per_bank_account have the account's keyed fingerprint, profile/bank.h
//     AccountFingerprint: the numbers themselves are sealed per member and never compared),
//     valid otherwise. An account saved before fingerprints were kept has none and is never
//     counted as shared until it is saved again. A number that no longer opens, and a holder's
//     name that no longer matches a corrected registry name, are caught when a payment reads the
//     account (profile/payout_account.h PayoutAccountFor).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/jobs/runner.h"
#include "subsidy/minimum_wage.h"
#include "subsidy/program.h"

namespace soci {
class session;
}

namespace lumbung::subsidy {

inline constexpr std::string_view kRunJobKind = "subsidy.run";

struct RunSettings {
  std::shared_ptr<const ProgramBook> programs;
  std::shared_ptr<const MinimumWages> minimum_wages;
  // Members decided in one step (one transaction). 200,000 keeps a step to about a second.
  std::int64_t members_per_step = 200'000;
};

// The values of subsidy_runs.state.
inline constexpr std::string_view kRunRunning = "running";
inline constexpr std::string_view kRunDone = "done";
inline constexpr std::string_view kRunFailed = "failed";

struct Run {
  std::int64_t id = 0;
  int program_year = 0;
  bool dry_run = false;
  std::string state;
  std::optional<std::int64_t> job_id, started_by;
  std::int64_t started_at = 0;
  std::optional<std::int64_t> finished_at, members_total;
  std::int64_t members_done = 0;  // progress: added to by each step
  // Eligible members so far (each step adds its own; the run's figure once done).
  std::optional<std::int64_t> eligible_count, previous_run_id;
  bool confirmed = false;
};

enum class StartRefusal {
  kNone,
  kNoProgram,       // no programme that year
  kAlreadyRunning,  // a run of that year is running: `running` says which
};

struct StartedRun {
  std::optional<std::int64_t> run_id;  // set when started
  StartRefusal refusal = StartRefusal::kNone;
  std::optional<Run> running;  // kAlreadyRunning: the run that is
};

// Starts a run of `year`'s programme: its row (state running), its wage limits per province,
// and its job, enqueued (the caller may Wake the runner), audited subsidy.run_started; all in
// one transaction of its own (do not call it inside another). previous_run_id is the year's
// confirmed run, else its latest finished run. A run whose job failed for good is marked failed
// first (MarkFailedRuns), so a dead run never blocks the next. Refused while a run of the year
// is running (the partial unique index decides a race between two instances).
StartedRun StartRun(soci::session& sql, const RunSettings& settings, int year, bool dry_run,
                    std::optional<std::int64_t> started_by, std::int64_t now);

// Runs still 'running' whose job was given up (core/jobs failed) become 'failed'. Returns how
// many. Called by StartRun and the readers of progress.
int MarkFailedRuns(soci::session& sql, std::int64_t now);

std::optional<Run> FindRun(soci::session& sql, std::int64_t run_id);
std::optional<Run> RunningRun(soci::session& sql, int year);
std::optional<Run> ConfirmedRun(soci::session& sql, int year);
// The year's runs, newest first, at most `limit`.
std::vector<Run> RunsOf(soci::session& sql, int year, int limit);

// How many members of the run got each reason, in ReasonCodes order (codes nobody got left
// out). One pass over the run's outcomes.
std::vector<std::pair<std::string, std::int64_t>> ReasonCounts(soci::session& sql,
                                                               const Program& program,
                                                               std::int64_t run_id);

// The job's handler: one step of the run named by its payload ({"run": id}).
jobs::Handler RunHandler(RunSettings settings);
// Registers RunHandler as kRunJobKind.
void RegisterSubsidyJobs(jobs::Runner& runner, RunSettings settings);

enum class ConfirmRefusal {
  kNone,
  kNotFound,
  kNotFinished,  // running or failed
  kDryRun,       // a dry run shows what would change; it is never the list paid from
  kStartedIt,    // four eyes: the person who started the run never confirms it
};

// Makes a finished, non-dry run the confirmed run of its programme (the candidates for
// payment batches), in one transaction with the audit event subsidy.run_confirmed. The
// programme's previously confirmed run, if any, stops being confirmed (one per programme).
// Confirming the confirmed run again changes nothing and is not refused. Four eyes (ASVS
// V1.11.2, V11.1.x): `by` the person who started the run is refused (kStartedIt), audited
// subsidy.run_confirm_refused (denied). A run started from the command line (no started_by) is
// confirmed by any officer; the command line itself (`by` nullopt) is the operator's.
ConfirmRefusal ConfirmRun(soci::session& sql, std::int64_t run_id, std::optional<std::int64_t> by,
                          std::int64_t now);

// The difference between two runs of one programme: who entered (eligible in `to`, not in
// `from` or not in it at all) and who left (eligible in `from`, not eligible in `to` or no
// longer in the registry), grouped by the change of their blocking reasons.
struct ReasonChange {
  bool absent_before = false;  // the member was not in `from` (registered since)
  bool absent_after = false;   // the member is not in `to`
  std::vector<std::string> blocking_before, blocking_after;  // codes (ReasonCodesIn)
  std::int64_t members = 0;
};

struct DiffMember {
  std::int64_t member_id = 0;
  bool entered = false;                                       // false: left
  std::optional<std::int64_t> reasons_before, reasons_after;  // masks; nullopt: absent
};

struct RunDiff {
  std::int64_t from_run = 0, to_run = 0;
  std::int64_t entered = 0, left = 0;
  std::vector<ReasonChange> entered_by, left_by;  // most members first
  std::vector<DiffMember> members;                // one page, by member id
  std::optional<std::int64_t> next_after;         // the next page's `after`, when there is one
};

struct DiffPage {
  std::int64_t after = 0;  // member id: the page starts after it
  int size = 50;           // 1..1000
};

// Throws std::invalid_argument when a run is missing, the two runs are of different years or
// the year has no programme in `programs`.
RunDiff DiffRuns(soci::session& sql, const ProgramBook& programs, std::int64_t from_run,
                 std::int64_t to_run, DiffPage page = {});

}  // namespace lumbung::subsidy
