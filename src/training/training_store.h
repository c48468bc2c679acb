// Training in the database (migrations/0049_training*.sql): providers and their staff accounts,
// programmes, sessions, the catalog's search and the members' applications with the waiting
// list.
//
// Every function runs in the caller's transaction (none begins or commits one), so the route
// writes the change, the member's notice and the audit row together; the writing ones want a
// write transaction (db::Transaction::ForWriting). Each status change is a compare-and-set
// (UPDATE ... WHERE status = the status read): of two racing changes one wins and the other
// changes nothing. A place is taken by `UPDATE training_sessions SET taken = taken + 1 WHERE
// taken < quota`, so two members never both get the last place (the second joins the waiting
// list).
//
// Ownership (ASVS 4.0.3 V4.2.1): a member's reads and changes filter by the member id from the
// session; a provider's by the provider its staff account is linked to. Another's row looks
// exactly like one that does not exist.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "training/application_status.h"
#include "training/catalog.h"
#include "training/eligibility.h"

namespace soci {
class session;
}

namespace lumbung::training {

struct Provider {
  std::int64_t id = 0;
  std::string name;
};

// The provider called `name`, made when there is none; returns its id.
std::int64_t AddProvider(soci::session& sql, const std::string& name, std::int64_t now);
// Makes the staff account act for the provider (replacing any earlier link).
void LinkProviderStaff(soci::session& sql, std::int64_t account_id, std::int64_t provider_id);
// The provider the staff account acts for; nullopt when it is linked to none.
std::optional<Provider> ProviderOfAccount(soci::session& sql, std::int64_t account_id);
std::vector<Provider> Providers(soci::session& sql);

struct Programme {
  std::int64_t id = 0;
  std::int64_t provider_id = 0;
  std::string provider_name;  // read only
  std::string title;
  std::string field;      // Fields()
  std::string mode;       // online | in_person
  int province_code = 0;  // in person only; 0 online
  std::string city;       // in person only
  std::string description;
  int duration_hours = 1;
  Requirements requirements;
  std::int64_t cost_rupiah = 0;  // 0: free
  bool published = true;
};

std::int64_t CreateProgramme(soci::session& sql, const Programme& programme, std::int64_t now);
// Changes the provider's own programme; false when it is not theirs (or not there).
bool UpdateProgramme(soci::session& sql, std::int64_t provider_id, const Programme& programme,
                     std::int64_t now);
std::optional<Programme> FindProgramme(soci::session& sql, std::int64_t id);
// The programme when it belongs to `provider_id`.
std::optional<Programme> FindProviderProgramme(soci::session& sql, std::int64_t provider_id,
                                               std::int64_t id);
std::vector<Programme> ProgrammesOf(soci::session& sql, std::int64_t provider_id);

struct Session {
  std::int64_t id = 0;
  std::int64_t programme_id = 0;
  std::string starts_on, ends_on;  // YYYY-MM-DD
  std::string schedule;
  int quota = 1;
  int taken = 0;    // read only
  int waiting = 0;  // read only: on the waiting list now
};

// A session of the provider's own programme; nullopt when the programme is not theirs.
std::optional<std::int64_t> CreateSession(soci::session& sql, std::int64_t provider_id,
                                          const Session& session, std::int64_t now);
enum class SessionUpdate { kUpdated, kNotFound, kQuotaBelowTaken };
// Changes dates, schedule and quota of the provider's own session; a quota below the places
// already held is refused. A larger quota offers the new places to the waiting list (`offered`).
SessionUpdate UpdateSession(soci::session& sql, std::int64_t provider_id, const Session& session,
                            std::int64_t now, std::vector<std::int64_t>* offered);
std::optional<Session> FindSession(soci::session& sql, std::int64_t id);
std::optional<Session> FindProviderSession(soci::session& sql, std::int64_t provider_id,
                                           std::int64_t id);
// The programme's sessions, first day first; `from` (YYYY-MM-DD, "" for all) the earliest first
// day.
std::vector<Session> SessionsOf(soci::session& sql, std::int64_t programme_id,
                                const std::string& from = "");

struct CatalogPage {
  std::vector<Programme> programmes;
  std::vector<std::string> next_starts;  // each programme's next first day
  std::int64_t total = 0;                // matching programmes in all
};
// Published programmes with a session starting on or after max(today, filter.from), matching
// the filter (a province lists that province's in-person programmes and every online one), the
// soonest session first; page `filter.page` of `page_size`.
CatalogPage SearchCatalog(soci::session& sql, const CatalogFilter& filter, const std::string& today,
                          int page_size);

struct Application {
  std::int64_t id = 0;
  std::int64_t session_id = 0;
  std::int64_t member_id = 0;
  std::int64_t account_id = 0;
  Status status = Status::kApplied;
  bool priority = false;
  std::string education;
  std::int64_t applied_at = 0, updated_at = 0;
  std::optional<std::int64_t> waiting_since, offered_at, certificate_id;
};

// What the registry says about the member for eligibility.h (education comes from the form).
// nullopt when the member is not in the registry.
std::optional<MemberFacts> LoadMemberFacts(soci::session& sql, std::int64_t member_id);

enum class ApplyOutcome {
  kApplied,         // a place held
  kWaiting,         // the session is full: on the waiting list
  kAlreadyApplied,  // an open application for this programme exists (`application_id`)
  kClosed,          // the session has begun, or is not there
};
struct ApplyResult {
  ApplyOutcome outcome = ApplyOutcome::kClosed;
  std::int64_t application_id = 0;
};
struct NewApplication {
  std::int64_t session_id = 0, member_id = 0, account_id = 0;
  bool priority = false;
  std::string education;
};
ApplyResult Apply(soci::session& sql, const NewApplication& application, const std::string& today,
                  std::int64_t now);

std::optional<Application> FindApplication(soci::session& sql, std::int64_t id);
std::optional<Application> FindOwnApplication(soci::session& sql, std::int64_t id,
                                              std::int64_t member_id);
// 1 for the first on the session's waiting list; 0 when not waiting.
int WaitingPosition(soci::session& sql, const Application& application);

// A status change that happened, and the application that was offered the freed place (if any).
struct Change {
  Application before;
  Status after = Status::kApplied;
  std::optional<Application> offered;
};

// The member withdraws before the session's first day (today < starts_on).
std::optional<Change> Cancel(soci::session& sql, std::int64_t application_id,
                             std::int64_t member_id, const std::string& today, std::int64_t now);
// The member answers an offer of a place.
std::optional<Change> AcceptOffer(soci::session& sql, std::int64_t application_id,
                                  std::int64_t member_id, std::int64_t now);
std::optional<Change> DeclineOffer(soci::session& sql, std::int64_t application_id,
                                   std::int64_t member_id, std::int64_t now);
// A provider's step on a participant of its own session: kConfirm any time; kStart, kComplete and
// kRecordNotComplete from the session's first day (today >= starts_on).
std::optional<Change> ProviderStep(soci::session& sql, std::int64_t provider_id,
                                   std::int64_t application_id, Step step, const std::string& today,
                                   std::int64_t now);
void SetCertificate(soci::session& sql, std::int64_t application_id, std::int64_t certificate_id);

// A member's application with what the pages show of its session and programme.
struct ApplicationView {
  Application application;
  Session session;
  Programme programme;
  int position = 0;  // on the waiting list; 0 when not waiting
};
std::vector<ApplicationView> ApplicationsOf(soci::session& sql, std::int64_t member_id);
std::optional<ApplicationView> ViewOf(soci::session& sql, const Application& application);

// The session's participants for its provider: every application but cancelled and declined,
// waiting list last in its order, with the registry's name and NIK (pages mask them).
struct Participant {
  Application application;
  std::string full_name, nik;
  int position = 0;
};
std::vector<Participant> Participants(soci::session& sql, std::int64_t session_id);

// For the dashboard: the member's open applications (IsOpen) and the soonest session they hold
// a place in that has not ended (ends_on >= today).
struct MemberSummary {
  int open = 0;
  std::optional<ApplicationView> next;
};
MemberSummary SummaryOf(soci::session& sql, std::int64_t member_id, const std::string& today);

}  // namespace lumbung::training
