// An employer's workers in the registry (tables members and employment_spells of
// registry/migrations/0001, declared_wage and programs of employers/migrations/0030): list and
// search them, read one, register a worker, end an employment.
//
// A worker of an employer is a member with at least one employment spell there; an active
// worker has a spell there without end_date. Every function takes the employer id the caller
// got from the session, never from a request, and reads or changes only that employer's
// workers and spells (ASVS 4.1.1, 4.2.1): a member who never worked here looks exactly like one
// that does not exist.
//
// Changes run in their own write transaction with their audit row (employer.worker_registered,
// employer.worker_ended: the acting account, the employer and the member's registry id, never
// the NIK) and, for an ended employment, the member's inbox notice, so all of them exist or
// none does. Parameterised SQL only, no vector bindings (docs/decisions/0003).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/event.h"
#include "core/inbox/inbox.h"

namespace soci {
class session;
}

namespace lumbung::employers {

inline constexpr int kWorkersPerPage = 25;

// The programs a worker may be enrolled in, in the order of employment_spells.programs.
inline constexpr std::string_view kPrograms[] = {"jht", "jkk", "jkm", "jp", "jkp"};
// Why an employment ended, as employment_spells.end_reason holds it.
inline constexpr std::string_view kEndReasons[] = {"resigned", "contract_ended", "dismissed",
                                                   "retired", "died"};
bool IsEndReason(std::string_view reason);

// ---------------------------------------------------------------------------------------------
// The list

enum class WorkerFilter { kActive, kEnded, kAll };

// "active", "ended", "all"; nullopt for anything else.
std::optional<WorkerFilter> ParseWorkerFilter(std::string_view text);
std::string_view WorkerFilterName(WorkerFilter filter);

struct WorkerQuery {
  // Part of the name (any case), a KPJ or its first digits, or a whole NIK; spaces, dots and
  // dashes between digits are ignored. Empty: every worker.
  std::string search{};
  WorkerFilter filter = WorkerFilter::kActive;
  std::int64_t page = 1;  // 1-based; a page that does not exist shows the first
};

struct WorkerRow {
  std::int64_t member_id = 0;
  std::string full_name{}, kpj{}, nik{};
  std::string start_date{};  // YYYY-MM-DD: the start of the latest spell here
  std::string end_date{};    // YYYY-MM-DD: the latest end here; empty while active
  bool active = false;       // a spell here without end date
};

struct WorkerPage {
  std::vector<WorkerRow> rows;  // by name, then member id
  std::int64_t total = 0;       // the workers that match, on every page
  int page = 1;                 // the page shown
  int pages = 1;                // at least 1
};

WorkerPage ListWorkers(soci::session& sql, std::int64_t employer_id, const WorkerQuery& query);

// ---------------------------------------------------------------------------------------------
// One worker

struct Spell {
  std::int64_t id = 0;
  std::string start_date{};
  std::string end_date{};    // empty while it lasts
  std::string end_reason{};  // empty while it lasts
  std::optional<std::int64_t> declared_wage{};
  std::string programs{};  // "jht,jkk,jkm,jp,jkp"
};

struct WageLine {
  int period = 0;  // YYYYMM
  std::int64_t wage = 0;
};

inline constexpr int kWageLinesShown = 60;

struct WorkerDetail {
  std::int64_t member_id = 0;
  std::string full_name{}, nik{}, kpj{}, birth_date{}, sex{}, status{};
  std::vector<Spell> spells;       // at this employer only, newest first
  std::vector<WageLine> wages;     // this employer's reports, newest month first, at most 60
  bool more_wages = false;         // older months exist beyond those
  const Spell* OpenSpell() const;  // the newest spell without end date, or null
};

// nullopt when the member has no spell at this employer (or does not exist).
std::optional<WorkerDetail> LoadWorker(soci::session& sql, std::int64_t employer_id,
                                       std::int64_t member_id);

// ---------------------------------------------------------------------------------------------
// Registering a worker

struct NewWorker {
  std::string nik{};         // 16 digits whose structure the caller checked (registry/nik.h)
  std::string full_name{};   // for a new member; an existing member keeps the registry's name
  std::string birth_date{};  // YYYY-MM-DD
  std::string sex{};         // "M" or "F"
  std::string start_date{};  // YYYY-MM-DD
  std::int64_t monthly_wage = 0;
  std::string programs{};  // "jht,jkk,..." in kPrograms order, at least one
};

struct RegisterResult {
  // Refusals (nothing written). The member's registry birth date or sex is not what was typed:
  // the employer is told so, never what the registry holds.
  bool birth_date_differs = false;
  bool sex_differs = false;
  bool deceased = false;             // the registry has the person as deceased
  bool already_active_here = false;  // an open spell at this employer already
  // Done.
  std::int64_t member_id = 0;
  std::int64_t spell_id = 0;
  std::string kpj{};
  bool new_member = false;  // a new registry member with a new KPJ

  bool registered() const { return spell_id != 0; }
};

// Links the member with this NIK (a new one when there is none: a new KPJ, IssueKpj over the
// number_sequences row 'kpj', skipping numbers an earlier registry already holds; status active,
// registered on `today`) to the employer with an open spell from start_date, and audits it
// (`audit`: actor, ip and user agent; the action and details are set here). A member active at
// another employer may be registered (a second job); an inactive one becomes active again.
RegisterResult RegisterWorker(soci::session& sql, std::int64_t employer_id, const NewWorker& worker,
                              const std::string& today, audit::Event audit);

// The KPJ for the next issue number of the 'kpj' row of number_sequences (its next_value is the
// 10-digit issue number, 1,000,000,000 for the first), skipping numbers members already hold;
// moves the row on. In the caller's write transaction. Exposed for the tests.
std::string TakeNextKpj(soci::session& sql);

// ---------------------------------------------------------------------------------------------
// Ending an employment

enum class EndOutcome {
  kEnded,
  kNoOpenSpell,  // nothing open here (already ended, or ended meanwhile): nothing changed
  kBeforeStart,  // the end date is before the open spell's start: nothing changed
};

struct EndResult {
  EndOutcome outcome = EndOutcome::kNoOpenSpell;
  std::string member_status{};  // members.status afterwards
  bool notified = false;        // an inbox notice was posted to the member's account
};

// Ends the worker's open spell here on `end_date` (YYYY-MM-DD) for `reason` (kEndReasons).
// When no spell stays open anywhere the member becomes 'inactive'; for "died", 'deceased'
// whatever else is open. The member's portal account, when there is one, gets an inbox notice
// (category contributions, message employers.workers.inbox.ended.<reason>). Audited as
// employer.worker_ended.
// `notify` tells the member (inbox::Notifier; empty: the inbox only).
EndResult EndEmployment(soci::session& sql, std::int64_t employer_id, std::int64_t member_id,
                        const std::string& end_date, const std::string& reason, audit::Event audit,
                        const inbox::Notifier& notify = {});

}  // namespace lumbung::employers
