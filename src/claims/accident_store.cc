#include "claims/accident_store.h"

#include <soci/soci.h>

#include <stdexcept>

#include "core/audit/audit_log.h"
#include "core/db/transaction.h"
#include "core/security/digest.h"

namespace lumbung::claims {
namespace {

// The columns every read of an accident takes, in the order Read expects them.
constexpr const char* kColumns =
    "a.id, a.member_id, a.employer_id, m.full_name, m.kpj, e.name, a.accident_date, a.place, "
    "a.description, a.monthly_wage, a.fatal, a.days_unable_to_work, a.reported_by, "
    "a.reported_at, a.member_confirmed_at "
    "FROM work_accidents a JOIN members m ON m.id = a.member_id "
    "JOIN employers e ON e.id = a.employer_id ";

// One row of kColumns, bound to a statement's into() targets.
struct Row {
  long long id = 0, member = 0, employer = 0, wage = 0, reported_by = 0, reported_at = 0,
            confirmed_at = 0;
  int fatal = 0, days = 0;
  std::string name, kpj, employer_name, date, place, description;
  soci::indicator confirmed_ind = soci::i_null;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(member));
    st.exchange(soci::into(employer));
    st.exchange(soci::into(name));
    st.exchange(soci::into(kpj));
    st.exchange(soci::into(employer_name));
    st.exchange(soci::into(date));
    st.exchange(soci::into(place));
    st.exchange(soci::into(description));
    st.exchange(soci::into(wage));
    st.exchange(soci::into(fatal));
    st.exchange(soci::into(days));
    st.exchange(soci::into(reported_by));
    st.exchange(soci::into(reported_at));
    st.exchange(soci::into(confirmed_at, confirmed_ind));
  }
  WorkAccident Accident() const {
    WorkAccident a;
    a.id = id;
    a.member_id = member;
    a.employer_id = employer;
    a.member_name = name;
    a.kpj = kpj;
    a.employer_name = employer_name;
    a.accident_date = date.substr(0, 10);
    a.place = place;
    a.description = description;
    a.monthly_wage = wage;
    a.fatal = fatal != 0;
    a.days_unable_to_work = days;
    a.reported_by = reported_by;
    a.reported_at = reported_at;
    if (confirmed_ind == soci::i_ok) a.member_confirmed_at = confirmed_at;
    return a;
  }
};

// The accidents of one owner (`owner_column`: a.employer_id or a.member_id), newest first;
// `accident_id` > 0 narrows to that one.
std::vector<WorkAccident> Select(soci::session& sql, const char* owner_column,
                                 std::int64_t owner_id, std::int64_t accident_id, int limit) {
  long long owner = owner_id, id = accident_id, rows = limit;
  Row row;
  soci::statement st(sql);
  row.Bind(st);
  st.exchange(soci::use(owner, "owner"));
  if (accident_id > 0) st.exchange(soci::use(id, "id"));
  st.exchange(soci::use(rows, "limit"));
  st.alloc();
  st.prepare(std::string("SELECT ") + kColumns + "WHERE " + owner_column + " = :owner" +
             (accident_id > 0 ? " AND a.id = :id" : "") +
             " ORDER BY a.accident_date DESC, a.id DESC LIMIT :limit");
  st.define_and_bind();
  st.execute();
  std::vector<WorkAccident> out;
  while (st.fetch()) out.push_back(row.Accident());
  return out;
}

std::vector<EmploymentPeriod> PeriodsOf(soci::session& sql, long long employer, long long member) {
  std::vector<EmploymentPeriod> periods;
  std::string start, end;
  soci::indicator end_ind = soci::i_null;
  soci::statement st =
      (sql.prepare << "SELECT CAST(start_date AS TEXT), CAST(end_date AS TEXT) "
                      "FROM employment_spells WHERE member_id = :m AND employer_id = :e "
                      "ORDER BY start_date DESC, id DESC",
       soci::into(start), soci::into(end, end_ind), soci::use(member), soci::use(employer));
  st.execute();
  while (st.fetch()) {
    periods.push_back({.start_date = start.substr(0, 10),
                       .end_date = end_ind == soci::i_ok ? end.substr(0, 10) : std::string()});
  }
  return periods;
}

// The member matching `condition` (on m, with the one placeholder :n bound to `value`) who has
// a spell at the employer.
template <typename Value>
std::optional<AccidentWorker> WorkerWhere(soci::session& sql, std::int64_t employer_id,
                                          const std::string& condition, const Value& value) {
  long long employer = employer_id, member = 0;
  AccidentWorker w;
  sql << "SELECT m.id, m.full_name, m.kpj FROM members m WHERE " + condition +
             " AND EXISTS (SELECT 1 FROM employment_spells s WHERE s.member_id = m.id AND "
             "s.employer_id = :e)",
      soci::into(member), soci::into(w.full_name), soci::into(w.kpj), soci::use(value),
      soci::use(employer);
  if (!sql.got_data()) return std::nullopt;
  w.member_id = member;
  w.periods = PeriodsOf(sql, employer, member);
  return w;
}

// Whether the worker had a spell at the employer on `day`.
bool EmployedOn(soci::session& sql, long long employer, long long member, const std::string& day) {
  long long spells = 0;
  sql << "SELECT COUNT(*) FROM employment_spells WHERE member_id = :m AND employer_id = :e "
         "AND CAST(start_date AS TEXT) <= :d AND (end_date IS NULL OR CAST(end_date AS TEXT) >= "
         ":d2)",
      soci::into(spells), soci::use(member), soci::use(employer), soci::use(day), soci::use(day);
  return spells > 0;
}

std::optional<long long> AccountOfMember(soci::session& sql, long long member) {
  long long account = 0;
  sql << "SELECT id FROM accounts WHERE member_id = :m", soci::into(account), soci::use(member);
  if (!sql.got_data()) return std::nullopt;
  return account;
}

// Tells the member's portal account; true when a notice was posted (not before).
bool TellMember(soci::session& sql, const inbox::Notifier& notify, long long account,
                long long employer, long long accident, const std::string& day,
                const std::string& what, const std::string& dedupe) {
  std::string employer_name;
  sql << "SELECT name FROM employers WHERE id = :e", soci::into(employer_name), soci::use(employer);
  return inbox::Notify(notify, sql,
                       {.account_id = account,
                        .category = std::string(inbox::kClaims),
                        .message_id = "claims.accident.inbox." + what,
                        .values = {{"employer", employer_name}, {"date", day}},
                        .link = "/claims/accidents/" + std::to_string(accident),
                        .dedupe_key = dedupe,
                        .mail_subject_id = "claims.accident.mail." + what + "_subject"})
      .has_value();
}

}  // namespace

std::optional<AccidentWorker> FindWorkerByNumber(soci::session& sql, std::int64_t employer_id,
                                                 std::string_view number) {
  const std::string digits(number);
  if (digits.size() == 16) return WorkerWhere(sql, employer_id, "m.nik = :n", digits);
  if (digits.size() == 11) return WorkerWhere(sql, employer_id, "m.kpj = :n", digits);
  return std::nullopt;
}

std::optional<AccidentWorker> FindWorker(soci::session& sql, std::int64_t employer_id,
                                         std::int64_t member_id) {
  const long long member = member_id;
  return WorkerWhere(sql, employer_id, "m.id = :n", member);
}

std::optional<std::int64_t> LastReportedWage(soci::session& sql, std::int64_t employer_id,
                                             std::int64_t member_id, std::string_view day) {
  if (day.size() < 10) return std::nullopt;
  long long employer = employer_id, member = member_id, wage = 0;
  int period =
      std::stoi(std::string(day.substr(0, 4))) * 100 + std::stoi(std::string(day.substr(5, 2)));
  sql << "SELECT wage FROM wage_reports WHERE member_id = :m AND employer_id = :e AND "
         "period <= :p ORDER BY period DESC LIMIT 1",
      soci::into(wage), soci::use(member), soci::use(employer), soci::use(period);
  if (sql.got_data()) return wage;
  const std::string on(day.substr(0, 10));
  soci::indicator wage_ind = soci::i_null;
  sql << "SELECT declared_wage FROM employment_spells WHERE member_id = :m AND employer_id = :e "
         "AND CAST(start_date AS TEXT) <= :d AND (end_date IS NULL OR CAST(end_date AS TEXT) >= "
         ":d2) ORDER BY start_date DESC, id DESC LIMIT 1",
      soci::into(wage, wage_ind), soci::use(member), soci::use(employer), soci::use(on),
      soci::use(on);
  if (sql.got_data() && wage_ind == soci::i_ok && wage > 0) return wage;
  return std::nullopt;
}

std::string AccidentVersion(const WorkAccident& a) {
  // Lengths first, so no two different reports join into the same text.
  std::string text;
  for (const std::string& part :
       {a.accident_date, a.place, a.description, std::to_string(a.monthly_wage),
        std::string(a.fatal ? "1" : "0"), std::to_string(a.days_unable_to_work)}) {
    text += std::to_string(part.size()) + ":" + part + ";";
  }
  return security::Sha256Hex(text).substr(0, 16);
}

std::vector<WorkAccident> AccidentsOfEmployer(soci::session& sql, std::int64_t employer_id,
                                              int limit) {
  return Select(sql, "a.employer_id", employer_id, 0, limit);
}

std::optional<WorkAccident> FindEmployerAccident(soci::session& sql, std::int64_t employer_id,
                                                 std::int64_t accident_id) {
  if (accident_id <= 0) return std::nullopt;
  auto found = Select(sql, "a.employer_id", employer_id, accident_id, 1);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<WorkAccident> AccidentsOfMember(soci::session& sql, std::int64_t member_id, int limit) {
  return Select(sql, "a.member_id", member_id, 0, limit);
}

std::optional<WorkAccident> FindMemberAccident(soci::session& sql, std::int64_t member_id,
                                               std::int64_t accident_id) {
  if (accident_id <= 0) return std::nullopt;
  auto found = Select(sql, "a.member_id", member_id, accident_id, 1);
  if (found.empty()) return std::nullopt;
  return found.front();
}

ReportResult ReportAccident(soci::session& sql, std::int64_t employer_id, std::int64_t member_id,
                            const CheckedAccident& accident, std::int64_t reported_by,
                            std::int64_t now, audit::Event audit, const inbox::Notifier& notify) {
  if (!accident.monthly_wage) throw std::invalid_argument("ReportAccident: no monthly wage");
  ReportResult result;
  long long employer = employer_id, member = member_id, wage = *accident.monthly_wage,
            by = reported_by, at = now, id = 0;
  int fatal = accident.fatal ? 1 : 0, days = accident.days_unable_to_work;
  auto transaction = db::Transaction::ForWriting(sql);
  if (!EmployedOn(sql, employer, member, accident.accident_date)) return result;
  sql << "INSERT INTO work_accidents (member_id, employer_id, accident_date, place, description, "
         "monthly_wage, fatal, days_unable_to_work, reported_by, reported_at) VALUES (:m, :e, "
         ":d, :p, :t, :w, :f, :n, :b, :a) RETURNING id",
      soci::into(id), soci::use(member), soci::use(employer), soci::use(accident.accident_date),
      soci::use(accident.place), soci::use(accident.description), soci::use(wage), soci::use(fatal),
      soci::use(days), soci::use(by), soci::use(at);
  result.accident_id = id;
  audit.action = "accidents.reported";
  audit.result = audit::Result::kOk;
  if (const auto account = AccountOfMember(sql, member)) {
    result.notified = TellMember(sql, notify, *account, employer, id, accident.accident_date,
                                 "reported", "accident.reported:" + std::to_string(id));
    audit.subject_user_id = *account;
  }
  audit.details = {{"employer_id", std::to_string(employer_id)},
                   {"member_id", std::to_string(member_id)},
                   {"accident_id", std::to_string(id)},
                   {"fatal", fatal ? "1" : "0"}};
  audit::Append(sql, audit);  // last before the commit (audit_log.h)
  transaction.Commit();
  return result;
}

CorrectOutcome CorrectAccident(soci::session& sql, std::int64_t employer_id,
                               std::int64_t accident_id, const CheckedAccident& accident,
                               std::int64_t now, audit::Event audit,
                               const inbox::Notifier& notify) {
  if (!accident.monthly_wage) throw std::invalid_argument("CorrectAccident: no monthly wage");
  long long employer = employer_id, id = accident_id, wage = *accident.monthly_wage, member = 0;
  int fatal = accident.fatal ? 1 : 0, days = accident.days_unable_to_work;
  auto transaction = db::Transaction::ForWriting(sql);
  soci::indicator confirmed_ind = soci::i_null;
  long long confirmed_at = 0;
  sql << "SELECT member_id, member_confirmed_at FROM work_accidents WHERE id = :i AND "
         "employer_id = :e",
      soci::into(member), soci::into(confirmed_at, confirmed_ind), soci::use(id),
      soci::use(employer);
  if (!sql.got_data()) return CorrectOutcome::kNotFound;
  if (confirmed_ind == soci::i_ok) return CorrectOutcome::kConfirmed;
  if (!EmployedOn(sql, employer, member, accident.accident_date)) {
    return CorrectOutcome::kNotEmployed;
  }
  {
    // The member may confirm at the same moment: whichever comes second changes nothing.
    soci::statement st =
        (sql.prepare << "UPDATE work_accidents SET accident_date = :d, place = :p, "
                        "description = :t, monthly_wage = :w, fatal = :f, "
                        "days_unable_to_work = :n WHERE id = :i AND employer_id = :e AND "
                        "member_confirmed_at IS NULL",
         soci::use(accident.accident_date), soci::use(accident.place),
         soci::use(accident.description), soci::use(wage), soci::use(fatal), soci::use(days),
         soci::use(id), soci::use(employer));
    st.execute(true);
    if (st.get_affected_rows() != 1) return CorrectOutcome::kConfirmed;
  }
  audit.action = "accidents.corrected";
  audit.result = audit::Result::kOk;
  if (const auto account = AccountOfMember(sql, member)) {
    TellMember(sql, notify, *account, employer, id, accident.accident_date, "corrected",
               "accident.corrected:" + std::to_string(id) + ":" + std::to_string(now));
    audit.subject_user_id = *account;
  }
  audit.details = {{"employer_id", std::to_string(employer_id)},
                   {"member_id", std::to_string(member)},
                   {"accident_id", std::to_string(accident_id)},
                   {"fatal", fatal ? "1" : "0"}};
  audit::Append(sql, audit);
  transaction.Commit();
  return CorrectOutcome::kCorrected;
}

ConfirmOutcome ConfirmAccident(soci::session& sql, std::int64_t member_id, std::int64_t accident_id,
                               std::string_view seen_version, std::int64_t now,
                               audit::Event audit) {
  auto transaction = db::Transaction::ForWriting(sql);
  const auto found = FindMemberAccident(sql, member_id, accident_id);
  if (!found) return ConfirmOutcome::kNotFound;
  if (found->confirmed()) return ConfirmOutcome::kAlreadyConfirmed;
  if (AccidentVersion(*found) != seen_version) return ConfirmOutcome::kChanged;
  long long id = accident_id, member = member_id, at = now, wage = found->monthly_wage;
  int fatal = found->fatal ? 1 : 0, days = found->days_unable_to_work;
  // The write transaction holds the row against a correction between the read and the update
  // (SQLite: BEGIN IMMEDIATE); the WHERE keeps the first confirmation on PostgreSQL.
  soci::statement st =
      (sql.prepare << "UPDATE work_accidents SET member_confirmed_at = :a "
                      "WHERE id = :i AND member_id = :m AND "
                      "member_confirmed_at IS NULL AND accident_date = :d AND "
                      "place = :p AND description = :t AND monthly_wage = :w "
                      "AND fatal = :f AND days_unable_to_work = :n",
       soci::use(at), soci::use(id), soci::use(member), soci::use(found->accident_date),
       soci::use(found->place), soci::use(found->description), soci::use(wage), soci::use(fatal),
       soci::use(days));
  st.execute(true);
  if (st.get_affected_rows() != 1) return ConfirmOutcome::kChanged;
  audit.action = "accidents.confirmed";
  audit.result = audit::Result::kOk;
  audit.details = {{"employer_id", std::to_string(found->employer_id)},
                   {"member_id", std::to_string(member_id)},
                   {"accident_id", std::to_string(accident_id)}};
  audit::Append(sql, audit);
  transaction.Commit();
  return ConfirmOutcome::kConfirmed;
}

}  // namespace lumbung::claims
