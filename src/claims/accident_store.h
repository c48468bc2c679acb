// Work accidents in the database (table work_accidents, migrations/0042_claims_journey*.sql):
// the employer reports one for one of its workers, may correct it until the member confirmed
// it, and the member confirms it ("this is what happened"). Only a confirmed accident can be
// the subject of a JKK claim (eligibility.h reads the table for that).
//
// Whose rows these are is part of every call (ASVS 4.0.3 4.1.1, 4.2.1): the employer id comes
// from the employer user's session and the member id from the member's session, never from a
// request, and every read and change filters by it, so another employer's accident or worker,
// or another member's accident, looks exactly like one that does not exist.
//
// Changes run in their own write transaction with their audit row (accidents.reported,
// accidents.corrected, accidents.confirmed: the acting account, the employer, the member's
// registry id and the accident id, never the text of the report) and, for a report or a
// correction, the member's inbox notice (category claims, mailed per their choices through
// `notify`), so all of them exist or none does. Parameterised SQL only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claims/accident_report.h"
#include "core/audit/event.h"
#include "core/inbox/inbox.h"

namespace soci {
class session;
}

namespace lumbung::claims {

// A worker of the reporting employer (a member with at least one spell there).
struct AccidentWorker {
  std::int64_t member_id = 0;
  std::string full_name{}, kpj{};
  std::vector<EmploymentPeriod> periods;  // at this employer, newest first
};

// The worker with this KPJ or NIK (digits, accident_report.h WorkerNumber), when they have a
// spell at this employer; nullopt otherwise, whoever they are elsewhere.
std::optional<AccidentWorker> FindWorkerByNumber(soci::session& sql, std::int64_t employer_id,
                                                 std::string_view number);
// The same by registry id.
std::optional<AccidentWorker> FindWorker(soci::session& sql, std::int64_t employer_id,
                                         std::int64_t member_id);

// The wage this employer last reported for the worker (wage_reports) for the month of `day`
// (YYYY-MM-DD) or an earlier one; else the wage declared on the spell here that `day` falls
// in; nullopt when there is neither.
std::optional<std::int64_t> LastReportedWage(soci::session& sql, std::int64_t employer_id,
                                             std::int64_t member_id, std::string_view day);

struct WorkAccident {
  std::int64_t id = 0;
  std::int64_t member_id = 0;
  std::int64_t employer_id = 0;
  std::string member_name{}, kpj{}, employer_name{};
  std::string accident_date{};  // YYYY-MM-DD
  std::string place{}, description{};
  std::int64_t monthly_wage = 0;
  bool fatal = false;
  int days_unable_to_work = 0;
  std::int64_t reported_by = 0;  // the employer user's account
  std::int64_t reported_at = 0;  // epoch seconds
  std::optional<std::int64_t> member_confirmed_at{};

  bool confirmed() const { return member_confirmed_at.has_value(); }
};

// A short fingerprint of what the member reads (date, place, description, wage, fatal, days):
// the confirmation form carries it, so a report corrected after the member opened it is not
// confirmed unread.
std::string AccidentVersion(const WorkAccident& accident);

inline constexpr int kAccidentsShown = 200;

// The employer's reports, by accident day then id, newest first (at most kAccidentsShown).
std::vector<WorkAccident> AccidentsOfEmployer(soci::session& sql, std::int64_t employer_id,
                                              int limit = kAccidentsShown);
std::optional<WorkAccident> FindEmployerAccident(soci::session& sql, std::int64_t employer_id,
                                                 std::int64_t accident_id);
// The accidents reported for the member, newest first (at most kAccidentsShown).
std::vector<WorkAccident> AccidentsOfMember(soci::session& sql, std::int64_t member_id,
                                            int limit = kAccidentsShown);
std::optional<WorkAccident> FindMemberAccident(soci::session& sql, std::int64_t member_id,
                                               std::int64_t accident_id);

struct ReportResult {
  std::int64_t accident_id = 0;  // 0: not stored, the worker was not employed here that day
  bool notified = false;         // the member's portal account got an inbox notice
  bool reported() const { return accident_id != 0; }
};

// Stores the report for the worker `member_id` of `employer_id` (`accident.monthly_wage` must
// be set: the caller fills in LastReportedWage when it was left empty) after checking again,
// in the transaction, that the worker had a spell here on the accident day. Audits
// accidents.reported (`audit`: actor, ip and user agent; the rest is set here) and tells the
// member (message claims.accident.inbox.reported, link /claims/accidents/<id>).
ReportResult ReportAccident(soci::session& sql, std::int64_t employer_id, std::int64_t member_id,
                            const CheckedAccident& accident, std::int64_t reported_by,
                            std::int64_t now, audit::Event audit,
                            const inbox::Notifier& notify = {});

enum class CorrectOutcome {
  kCorrected,
  kNotFound,     // not this employer's accident: nothing changed
  kConfirmed,    // the member confirmed it already: nothing changed
  kNotEmployed,  // the new day is outside the worker's spells here: nothing changed
};

// Replaces what the employer reported (not the worker) while the member has not confirmed it.
// Audits accidents.corrected and tells the member again (claims.accident.inbox.corrected).
CorrectOutcome CorrectAccident(soci::session& sql, std::int64_t employer_id,
                               std::int64_t accident_id, const CheckedAccident& accident,
                               std::int64_t now, audit::Event audit,
                               const inbox::Notifier& notify = {});

enum class ConfirmOutcome {
  kConfirmed,
  kNotFound,          // not the member's accident: nothing changed
  kAlreadyConfirmed,  // confirmed before: nothing changed
  kChanged,           // the report is no longer the version the member read: nothing changed
};

// The member confirms their accident as read (`seen_version`: AccidentVersion of the page they
// confirmed); sets member_confirmed_at to `now`. Audits accidents.confirmed.
ConfirmOutcome ConfirmAccident(soci::session& sql, std::int64_t member_id, std::int64_t accident_id,
                               std::string_view seen_version, std::int64_t now, audit::Event audit);

}  // namespace lumbung::claims
