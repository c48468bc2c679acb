#include "subsidy/subsidy_cli.h"

#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <thread>

#include "subsidy/list_import.h"
#include "subsidy/reason_mask.h"
#include "subsidy/run.h"

namespace lumbung::subsidy {
namespace {

using Poco::Util::Option;

class Usage : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t Number(const std::map<std::string, std::string>& options, const std::string& name,
                    std::int64_t low, std::int64_t high) {
  const auto it = options.find(name);
  if (it == options.end()) throw Usage("--" + name + " is needed");
  try {
    std::size_t used = 0;
    const long long value = std::stoll(it->second, &used);
    if (used != it->second.size() || value < low || value > high) throw std::out_of_range(name);
    return value;
  } catch (const std::exception&) {
    throw Usage("--" + name + " must be a whole number from " + std::to_string(low) + " to " +
                std::to_string(high) + ", not '" + it->second + "'");
  }
}

std::optional<std::int64_t> MaybeNumber(const std::map<std::string, std::string>& options,
                                        const std::string& name, std::int64_t low,
                                        std::int64_t high) {
  if (!options.count(name)) return std::nullopt;
  return Number(options, name, low, high);
}

RunSettings LoadSettings(const config::Config& config,
                         const std::map<std::string, std::string>& options) {
  RunSettings settings;
  settings.programs = std::make_shared<const ProgramBook>(
      ProgramBook::LoadFile(config.SharePath("config/subsidy_programs.json")));
  settings.minimum_wages = std::make_shared<const MinimumWages>(
      MinimumWages::LoadFile(config.SharePath("config/minimum_wages.json")));
  if (auto step = MaybeNumber(options, "members-per-step", 1, 10'000'000)) {
    settings.members_per_step = *step;
  }
  return settings;
}

std::string Percent(std::int64_t done, std::optional<std::int64_t> total) {
  if (!total || *total <= 0) return "";
  return " (" + std::to_string(done * 100 / *total) + "%)";
}

int ImportListCommand(db::Database& database, const std::map<std::string, std::string>& options,
                      const std::vector<std::string>& args) {
  if (args.size() != 2) throw Usage("say 'import-list --list NAME FILE'");
  if (!options.count("list")) throw Usage("--list NAME is needed (e.g. pkh, civil_servant)");
  const std::string& list = options.at("list");
  if (!IsListName(list)) {
    throw Usage("--list must be a-z, 0-9 and _, starting with a letter, up to 40 characters");
  }
  const std::string& file = args[1];
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    std::cerr << "lumbung subsidy: " << file << " is a directory, not a list\n";
    return 1;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "lumbung subsidy: cannot open " << file << ": " << std::strerror(errno) << "\n";
    return 1;
  }
  const auto size = std::filesystem::file_size(file, ec);
  auto last = std::chrono::steady_clock::now();
  auto lease = database.Acquire();
  const ListImportResult result =
      ImportList(*lease, list, in, std::nullopt, Now(), [&](const ListImportProgress& p) {
        const auto now = std::chrono::steady_clock::now();
        if (now - last < std::chrono::seconds(2)) return;
        last = now;
        std::cerr << "subsidy import-list: " << p.lines << " lines";
        if (!ec && size > 0) std::cerr << " (" << (p.bytes * 100 / size) << "% of the file)";
        std::cerr << "\n" << std::flush;
      });
  switch (result.refusal) {
    case ListImportRefusal::kNone:
      std::cout << "subsidy import-list: list " << list << " replaced: " << result.entries
                << " NIKs (" << result.duplicates << " repeated lines kept once), " << result.lines
                << " lines, file SHA-256 " << result.file_sha256 << "\n";
      return 0;
    case ListImportRefusal::kLineErrors:
      for (const ListLineError& e : result.errors) {
        std::cout << "line " << e.line << ": " << ListLineProblemName(e.problem) << "\n";
      }
      std::cerr << "lumbung subsidy: " << file << ": " << result.error_count << " wrong line(s)"
                << (result.error_count > static_cast<std::int64_t>(result.errors.size())
                        ? " (the first " + std::to_string(result.errors.size()) + " listed)"
                        : std::string())
                << "; nothing was imported, the list " << list << " is as it was\n";
      return 1;
    case ListImportRefusal::kEmpty:
      std::cerr << "lumbung subsidy: " << file
                << " holds no NIK; refused (an empty list would lift every exclusion)\n";
      return 1;
    case ListImportRefusal::kUnreadable:
      std::cerr << "lumbung subsidy: " << file << " could not be read to its end; nothing was "
                << "imported\n";
      return 1;
    case ListImportRefusal::kBadListName:
      throw Usage("bad list name");
  }
  return 1;
}

void PrintReasonCounts(soci::session& sql, const Program& program, const Run& run) {
  const std::int64_t blocking = BlockingMask(program);
  for (const auto& [code, members] : ReasonCounts(sql, program, run.id)) {
    std::cout << "  " << std::left << std::setw(28) << code << std::right << std::setw(12)
              << members << ((ReasonBit(program, code) & blocking) ? "  (not eligible)" : "")
              << "\n";
  }
}

int RunCommand(db::Database& database, const config::Config& config,
               const std::map<std::string, std::string>& options) {
  const int year = static_cast<int>(Number(options, "program", 1900, 9999));
  const bool dry_run = options.count("dry-run") > 0;
  const RunSettings settings = LoadSettings(config, options);
  const Program* program = settings.programs->ForYear(year);
  if (!program) {
    std::cerr << "lumbung subsidy: there is no programme for " << year
              << " in config/subsidy_programs.json\n";
    return 1;
  }
  const auto started_at = std::chrono::steady_clock::now();
  std::int64_t run_id = 0;
  {
    auto lease = database.Acquire();
    const StartedRun started = StartRun(*lease, settings, year, dry_run, std::nullopt, Now());
    if (started.refusal == StartRefusal::kAlreadyRunning) {
      const Run& r = *started.running;
      std::cerr << "lumbung subsidy: a run of " << year << " is already running (run " << r.id
                << ", " << r.members_done << " of " << r.members_total.value_or(0)
                << " members); no second one is started. Working on run " << r.id
                << " here until it ends.\n";
      run_id = r.id;
    } else {
      run_id = *started.run_id;
      std::cerr << "subsidy run: run " << run_id << " of " << year << (dry_run ? " (dry run)" : "")
                << " started\n";
    }
  }

  jobs::RunnerOptions runner_options;
  runner_options.poll = std::chrono::seconds(config.Int("jobs.poll_seconds"));
  runner_options.lease = std::chrono::seconds(config.Int("jobs.lease_seconds"));
  const auto exit_after = config.Int("jobs.exit_after_steps");
  runner_options.after_step = [exit_after, steps = std::int64_t{0}](
                                  const jobs::Job& job, const jobs::StepResult&) mutable {
    std::cerr << "subsidy run: " << job.done << " of " << job.total.value_or(0) << " members"
              << Percent(job.done, job.total) << "\n"
              << std::flush;
    // Tests only: end abruptly after this many steps, as kill -9 would.
    if (exit_after > 0 && ++steps >= exit_after) std::_Exit(137);
  };
  jobs::Runner runner(database, runner_options);
  RegisterSubsidyJobs(runner, settings);
  std::optional<Run> run;
  for (;;) {
    const int steps = runner.RunOnce();
    auto lease = database.Acquire();
    MarkFailedRuns(*lease, Now());
    run = FindRun(*lease, run_id);
    if (!run || run->state != kRunRunning) break;
    if (steps == 0) {
      // Another instance holds the job, or it waits after a failed step: report and look again.
      std::cerr << "subsidy run: " << run->members_done << " of " << run->members_total.value_or(0)
                << " members" << Percent(run->members_done, run->members_total)
                << " (worked on elsewhere)\n";
      std::this_thread::sleep_for(std::chrono::seconds(2));
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_at).count();
  if (!run || run->state != kRunDone) {
    std::cerr << "lumbung subsidy: run " << run_id << " failed (see the job's last error: "
              << "lumbung logs, table jobs)\n";
    return 1;
  }
  const std::int64_t eligible = run->eligible_count.value_or(0);
  std::cout << "subsidy run: " << run->members_done << " members in " << std::fixed
            << std::setprecision(1) << seconds << " s\n";
  std::cout << "subsidy run " << run->id << " of " << year << (run->dry_run ? " (dry run)" : "")
            << ": " << eligible << " eligible, " << (run->members_done - eligible)
            << " not eligible\n";
  if (!options.count("no-summary")) {
    auto lease = database.Acquire();
    PrintReasonCounts(*lease, *program, *run);
  }
  if (run->previous_run_id) {
    std::cout << "compare with run " << *run->previous_run_id << ": lumbung subsidy diff --program "
              << year << "\n";
  }
  if (!run->dry_run) {
    std::cout << "confirm it: lumbung subsidy confirm --run " << run->id << "\n";
  }
  return 0;
}

std::string Codes(const std::vector<std::string>& codes) {
  std::string text;
  for (const auto& c : codes) text += (text.empty() ? "" : ", ") + c;
  return text.empty() ? "-" : text;
}

int DiffCommand(db::Database& database, const config::Config& config,
                const std::map<std::string, std::string>& options) {
  const int year = static_cast<int>(Number(options, "program", 1900, 9999));
  const RunSettings settings = LoadSettings(config, options);
  const Program* program = settings.programs->ForYear(year);
  if (!program) {
    std::cerr << "lumbung subsidy: there is no programme for " << year << "\n";
    return 1;
  }
  auto lease = database.Acquire();
  std::optional<Run> to;
  if (auto id = MaybeNumber(options, "run", 1, INT64_MAX)) {
    to = FindRun(*lease, *id);
  } else {
    for (const Run& r : RunsOf(*lease, year, 20)) {
      if (r.state == kRunDone) {
        to = r;
        break;
      }
    }
  }
  if (!to || to->program_year != year || to->state != kRunDone) {
    std::cerr << "lumbung subsidy: no finished run of " << year << " to compare\n";
    return 1;
  }
  std::optional<std::int64_t> from = MaybeNumber(options, "against", 1, INT64_MAX);
  if (!from) from = to->previous_run_id;
  if (!from) {
    std::cerr << "lumbung subsidy: run " << to->id << " is the first of " << year
              << ": nothing to compare it with\n";
    return 1;
  }
  const RunDiff diff =
      DiffRuns(*lease, *settings.programs, *from, to->id,
               {.after = MaybeNumber(options, "after", 0, INT64_MAX).value_or(0), .size = 50});
  std::cout << "subsidy diff " << year << ": run " << *from << " -> run " << to->id
            << (to->dry_run ? " (dry run)" : "") << "\n"
            << "  entered: " << diff.entered << "\n";
  for (const ReasonChange& c : diff.entered_by) {
    std::cout << "    " << std::setw(10) << c.members << "  "
              << (c.absent_before ? "new in the registry"
                                  : "no longer: " + Codes(c.blocking_before))
              << "\n";
  }
  std::cout << "  left: " << diff.left << "\n";
  for (const ReasonChange& c : diff.left_by) {
    std::cout << "    " << std::setw(10) << c.members << "  "
              << (c.absent_after ? "no longer in the registry" : "now: " + Codes(c.blocking_after))
              << "\n";
  }
  if (!diff.members.empty()) std::cout << "  members (by id):\n";
  const std::int64_t blocking = BlockingMask(*program);
  for (const DiffMember& m : diff.members) {
    const auto reasons = [&](std::optional<std::int64_t> mask) {
      return mask ? Codes(ReasonCodesIn(*program, *mask & blocking)) : std::string("absent");
    };
    std::cout << "    member " << m.member_id << (m.entered ? "  entered" : "  left   ")
              << "  before: " << reasons(m.reasons_before)
              << "  after: " << reasons(m.reasons_after) << "\n";
  }
  if (diff.next_after) {
    std::cout << "  more: lumbung subsidy diff --program " << year << " --run " << to->id
              << " --against " << *from << " --after " << *diff.next_after << "\n";
  }
  return 0;
}

int ConfirmCommand(db::Database& database, const std::map<std::string, std::string>& options) {
  const std::int64_t run_id = Number(options, "run", 1, INT64_MAX);
  auto lease = database.Acquire();
  switch (ConfirmRun(*lease, run_id, std::nullopt, Now())) {
    case ConfirmRefusal::kNone: {
      const auto run = FindRun(*lease, run_id);
      std::cout << "subsidy confirm: run " << run_id << " is the confirmed run of "
                << run->program_year << " (" << run->eligible_count.value_or(0)
                << " eligible members)\n";
      return 0;
    }
    case ConfirmRefusal::kNotFound:
      std::cerr << "lumbung subsidy: there is no run " << run_id << "\n";
      return 1;
    case ConfirmRefusal::kNotFinished:
      std::cerr << "lumbung subsidy: run " << run_id << " has not finished\n";
      return 1;
    case ConfirmRefusal::kStartedIt:  // never from the command line (no person is named)
      std::cerr << "lumbung subsidy: run " << run_id << " was started by the same person\n";
      return 1;
    case ConfirmRefusal::kDryRun:
      std::cerr << "lumbung subsidy: run " << run_id
                << " is a dry run; start a real one: lumbung subsidy run --program YEAR\n";
      return 1;
  }
  return 1;
}

}  // namespace

void DefineSubsidyOptions(Poco::Util::OptionSet& set) {
  set.addOption(Option("list", "", "import-list: the list's name (pkh, civil_servant, ...)")
                    .argument("NAME"));
  set.addOption(Option("program", "", "run, diff: the programme's year").argument("YEAR"));
  set.addOption(Option("dry-run", "",
                       "run: decide and keep the outcome for the difference "
                       "report; never confirmed"));
  set.addOption(
      Option("members-per-step", "", "run: members per step (default 200000)").argument("N"));
  set.addOption(Option("no-summary", "", "run: leave out the count per reason"));
  set.addOption(Option("run", "",
                       "diff: the run to show (default the latest finished); "
                       "confirm: the run to confirm")
                    .argument("N"));
  set.addOption(Option("against", "",
                       "diff: the run to compare with (default the run's "
                       "previous run)")
                    .argument("M"));
  set.addOption(
      Option("after", "", "diff: the page of members after this member id").argument("MEMBER"));
}

int RunSubsidyCommand(db::Database& database, const config::Config& config,
                      const std::map<std::string, std::string>& options,
                      const std::vector<std::string>& args) {
  try {
    const std::string what = args.empty() ? "" : args[0];
    if (what == "import-list") return ImportListCommand(database, options, args);
    if (args.size() != 1) throw Usage("say import-list, run, diff or confirm");
    if (what == "run") return RunCommand(database, config, options);
    if (what == "diff") return DiffCommand(database, config, options);
    if (what == "confirm") return ConfirmCommand(database, options);
    throw Usage("say import-list, run, diff or confirm");
  } catch (const Usage& e) {
    std::cerr << "lumbung subsidy: " << e.what() << " (try lumbung subsidy --help)\n";
    return 2;
  }
}

}  // namespace lumbung::subsidy
