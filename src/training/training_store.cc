#include "training/training_store.h"

#include <soci/soci.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <variant>

#include "core/db/row_value.h"

namespace lumbung::training {
namespace {

using Param = std::variant<long long, std::string>;

// Runs `query` with `params` bound in order and calls `each` for every row.
void ForEachRow(soci::session& sql, const std::string& query, std::deque<Param> params,
                const std::function<void(const soci::row&)>& each) {
  soci::row row;
  soci::statement st(sql);
  st.exchange(soci::into(row));
  for (auto& p : params) {
    std::visit([&st](auto& value) { st.exchange(soci::use(value)); }, p);
  }
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  if (st.execute(true)) {
    do {
      each(row);
    } while (st.fetch());
  }
}

long long Affected(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows();
}

constexpr const char* kProgrammeColumns =
    "SELECT p.id, p.provider_id, v.name, p.title, p.field, p.mode, p.province_code, p.city,"
    " p.description, p.duration_hours, p.min_age, p.max_age, p.needs_active_membership,"
    " p.jkp_first, p.min_education, p.cost_rupiah, p.published"
    " FROM training_programmes p JOIN training_providers v ON v.id = p.provider_id";

Programme ProgrammeFrom(const soci::row& r, std::size_t at = 0) {
  Programme p;
  p.id = db::RowInt(r, at + 0);
  p.provider_id = db::RowInt(r, at + 1);
  p.provider_name = db::RowText(r, at + 2);
  p.title = db::RowText(r, at + 3);
  p.field = db::RowText(r, at + 4);
  p.mode = db::RowText(r, at + 5);
  p.province_code = static_cast<int>(db::RowMaybeInt(r, at + 6).value_or(0));
  p.city = db::RowText(r, at + 7);
  p.description = db::RowText(r, at + 8);
  p.duration_hours = static_cast<int>(db::RowInt(r, at + 9));
  p.requirements.min_age = static_cast<int>(db::RowInt(r, at + 10));
  p.requirements.max_age = static_cast<int>(db::RowInt(r, at + 11));
  p.requirements.needs_active_membership = db::RowInt(r, at + 12) != 0;
  p.requirements.jkp_first = db::RowInt(r, at + 13) != 0;
  p.requirements.min_education = db::RowText(r, at + 14);
  p.cost_rupiah = db::RowInt(r, at + 15);
  p.published = db::RowInt(r, at + 16) != 0;
  return p;
}

constexpr const char* kSessionColumns =
    "SELECT s.id, s.programme_id, s.starts_on, s.ends_on, s.schedule, s.quota, s.taken,"
    " (SELECT COUNT(*) FROM training_applications w WHERE w.session_id = s.id"
    "  AND w.status = 'waiting')"
    " FROM training_sessions s";

Session SessionFrom(const soci::row& r, std::size_t at = 0) {
  Session s;
  s.id = db::RowInt(r, at + 0);
  s.programme_id = db::RowInt(r, at + 1);
  s.starts_on = db::RowText(r, at + 2);
  s.ends_on = db::RowText(r, at + 3);
  s.schedule = db::RowText(r, at + 4);
  s.quota = static_cast<int>(db::RowInt(r, at + 5));
  s.taken = static_cast<int>(db::RowInt(r, at + 6));
  s.waiting = static_cast<int>(db::RowInt(r, at + 7));
  return s;
}

constexpr const char* kApplicationColumns =
    "SELECT a.id, a.session_id, a.member_id, a.account_id, a.status, a.priority, a.education,"
    " a.applied_at, a.updated_at, a.waiting_since, a.offered_at, a.certificate_id"
    " FROM training_applications a";

Application ApplicationFrom(const soci::row& r, std::size_t at = 0) {
  Application a;
  a.id = db::RowInt(r, at + 0);
  a.session_id = db::RowInt(r, at + 1);
  a.member_id = db::RowInt(r, at + 2);
  a.account_id = db::RowInt(r, at + 3);
  a.status = ParseStatus(db::RowText(r, at + 4)).value_or(Status::kApplied);
  a.priority = db::RowInt(r, at + 5) != 0;
  a.education = db::RowText(r, at + 6);
  a.applied_at = db::RowInt(r, at + 7);
  a.updated_at = db::RowInt(r, at + 8);
  a.waiting_since = db::RowMaybeInt(r, at + 9);
  a.offered_at = db::RowMaybeInt(r, at + 10);
  a.certificate_id = db::RowMaybeInt(r, at + 11);
  return a;
}

std::vector<Programme> SelectProgrammes(soci::session& sql, const std::string& where,
                                        std::deque<Param> params) {
  std::vector<Programme> out;
  ForEachRow(sql, std::string(kProgrammeColumns) + where, std::move(params),
             [&out](const soci::row& r) { out.push_back(ProgrammeFrom(r)); });
  return out;
}

std::vector<Session> SelectSessions(soci::session& sql, const std::string& where,
                                    std::deque<Param> params) {
  std::vector<Session> out;
  ForEachRow(sql, std::string(kSessionColumns) + where, std::move(params),
             [&out](const soci::row& r) { out.push_back(SessionFrom(r)); });
  return out;
}

std::vector<Application> SelectApplications(soci::session& sql, const std::string& where,
                                            std::deque<Param> params) {
  std::vector<Application> out;
  ForEachRow(sql, std::string(kApplicationColumns) + where, std::move(params),
             [&out](const soci::row& r) { out.push_back(ApplicationFrom(r)); });
  return out;
}

// Moves the application from the status read to `after` (compare-and-set); false when it had
// changed meanwhile.
bool SetStatus(soci::session& sql, const Application& a, Status after, std::int64_t now) {
  long long id = a.id, at = now;
  const std::string before(StatusName(a.status)), next(StatusName(after));
  soci::statement st =
      (sql.prepare << "UPDATE training_applications SET status = :after, updated_at = :t"
                      " WHERE id = :id AND status = :before",
       soci::use(next), soci::use(at), soci::use(id), soci::use(before));
  return Affected(st) == 1;
}

// The first on the session's waiting list: JKP priority first, then who joined first.
std::optional<Application> FirstWaiting(soci::session& sql, std::int64_t session_id) {
  auto rows = SelectApplications(sql,
                                 " WHERE a.session_id = :s AND a.status = 'waiting'"
                                 " ORDER BY a.priority DESC, a.waiting_since, a.id LIMIT 1",
                                 {static_cast<long long>(session_id)});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

// Offers a held place to the first waiting; nullopt when nobody waits.
std::optional<Application> OfferToFirstWaiting(soci::session& sql, std::int64_t session_id,
                                               std::int64_t now) {
  auto first = FirstWaiting(sql, session_id);
  if (!first) return std::nullopt;
  long long id = first->id, at = now;
  soci::statement st =
      (sql.prepare << "UPDATE training_applications SET status = 'offered', offered_at = :t1,"
                      " updated_at = :t2 WHERE id = :id AND status = 'waiting'",
       soci::use(at), soci::use(at), soci::use(id));
  if (Affected(st) != 1) return std::nullopt;
  first->status = Status::kOffered;
  first->offered_at = now;
  first->updated_at = now;
  return first;
}

// A held place given up: to the first on the waiting list as an offer, else back to the session.
std::optional<Application> ReleasePlace(soci::session& sql, std::int64_t session_id,
                                        std::int64_t now) {
  if (auto offered = OfferToFirstWaiting(sql, session_id, now)) return offered;
  long long id = session_id;
  sql << "UPDATE training_sessions SET taken = taken - 1 WHERE id = :id AND taken > 0",
      soci::use(id);
  return std::nullopt;
}

// Takes one free place of the session (compare-and-set on taken < quota).
bool TakePlace(soci::session& sql, std::int64_t session_id) {
  long long id = session_id;
  soci::statement st = (sql.prepare << "UPDATE training_sessions SET taken = taken + 1"
                                       " WHERE id = :id AND taken < quota",
                        soci::use(id));
  return Affected(st) == 1;
}

std::optional<Change> MemberAnswer(soci::session& sql, std::int64_t application_id,
                                   std::int64_t member_id, Step step, std::int64_t now) {
  const auto a = FindOwnApplication(sql, application_id, member_id);
  if (!a) return std::nullopt;
  const auto next = Next(a->status, step);
  if (!next || !SetStatus(sql, *a, *next, now)) return std::nullopt;
  Change change{*a, *next, std::nullopt};
  if (HoldsPlace(a->status) && !HoldsPlace(*next)) {
    change.offered = ReleasePlace(sql, a->session_id, now);
  }
  return change;
}

}  // namespace

std::int64_t AddProvider(soci::session& sql, const std::string& name, std::int64_t now) {
  long long id = 0, at = now;
  sql << "SELECT id FROM training_providers WHERE name = :n", soci::use(name), soci::into(id);
  if (sql.got_data()) return id;
  sql << "INSERT INTO training_providers (name, created_at) VALUES (:n, :t) RETURNING id",
      soci::use(name), soci::use(at), soci::into(id);
  return id;
}

void LinkProviderStaff(soci::session& sql, std::int64_t account_id, std::int64_t provider_id) {
  long long account = account_id, provider = provider_id;
  sql << "DELETE FROM training_provider_staff WHERE account_id = :a", soci::use(account);
  sql << "INSERT INTO training_provider_staff (account_id, provider_id) VALUES (:a, :p)",
      soci::use(account), soci::use(provider);
}

std::optional<Provider> ProviderOfAccount(soci::session& sql, std::int64_t account_id) {
  long long account = account_id, id = 0;
  std::string name;
  sql << "SELECT v.id, v.name FROM training_provider_staff s JOIN training_providers v"
         " ON v.id = s.provider_id WHERE s.account_id = :a",
      soci::use(account), soci::into(id), soci::into(name);
  if (!sql.got_data()) return std::nullopt;
  return Provider{id, name};
}

std::vector<Provider> Providers(soci::session& sql) {
  std::vector<Provider> out;
  ForEachRow(sql, "SELECT id, name FROM training_providers ORDER BY name", {},
             [&out](const soci::row& r) {
               out.push_back({db::RowInt(r, 0), db::RowText(r, 1)});
             });
  return out;
}

std::int64_t CreateProgramme(soci::session& sql, const Programme& p, std::int64_t now) {
  long long provider = p.provider_id, at = now, cost = p.cost_rupiah, id = 0;
  int hours = p.duration_hours, min_age = p.requirements.min_age, max_age = p.requirements.max_age,
      active = p.requirements.needs_active_membership ? 1 : 0,
      jkp = p.requirements.jkp_first ? 1 : 0, published = p.published ? 1 : 0;
  int province = p.province_code;
  soci::indicator province_ind = p.mode == "in_person" ? soci::i_ok : soci::i_null;
  const std::string city = p.mode == "in_person" ? p.city : "";
  sql << "INSERT INTO training_programmes (provider_id, title, field, mode, province_code, city,"
         " description, duration_hours, min_age, max_age, needs_active_membership, jkp_first,"
         " min_education, cost_rupiah, published, created_at, updated_at) VALUES (:pv, :ti, :fi,"
         " :mo, :pr, :ci, :de, :du, :mi, :ma, :ac, :jk, :ed, :co, :pu, :t1, :t2) RETURNING id",
      soci::use(provider), soci::use(p.title), soci::use(p.field), soci::use(p.mode),
      soci::use(province, province_ind), soci::use(city), soci::use(p.description),
      soci::use(hours), soci::use(min_age), soci::use(max_age), soci::use(active), soci::use(jkp),
      soci::use(p.requirements.min_education), soci::use(cost), soci::use(published), soci::use(at),
      soci::use(at), soci::into(id);
  return id;
}

bool UpdateProgramme(soci::session& sql, std::int64_t provider_id, const Programme& p,
                     std::int64_t now) {
  long long provider = provider_id, id = p.id, at = now, cost = p.cost_rupiah;
  int hours = p.duration_hours, min_age = p.requirements.min_age, max_age = p.requirements.max_age,
      active = p.requirements.needs_active_membership ? 1 : 0,
      jkp = p.requirements.jkp_first ? 1 : 0, published = p.published ? 1 : 0;
  int province = p.province_code;
  soci::indicator province_ind = p.mode == "in_person" ? soci::i_ok : soci::i_null;
  const std::string city = p.mode == "in_person" ? p.city : "";
  soci::statement st =
      (sql.prepare << "UPDATE training_programmes SET title = :ti, field = :fi, mode = :mo,"
                      " province_code = :pr, city = :ci, description = :de, duration_hours = :du,"
                      " min_age = :mi, max_age = :ma, needs_active_membership = :ac,"
                      " jkp_first = :jk, min_education = :ed, cost_rupiah = :co,"
                      " published = :pu, updated_at = :t WHERE id = :id AND provider_id = :pv",
       soci::use(p.title), soci::use(p.field), soci::use(p.mode), soci::use(province, province_ind),
       soci::use(city), soci::use(p.description), soci::use(hours), soci::use(min_age),
       soci::use(max_age), soci::use(active), soci::use(jkp),
       soci::use(p.requirements.min_education), soci::use(cost), soci::use(published),
       soci::use(at), soci::use(id), soci::use(provider));
  return Affected(st) == 1;
}

std::optional<Programme> FindProgramme(soci::session& sql, std::int64_t id) {
  auto rows = SelectProgrammes(sql, " WHERE p.id = :id", {static_cast<long long>(id)});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<Programme> FindProviderProgramme(soci::session& sql, std::int64_t provider_id,
                                               std::int64_t id) {
  auto rows = SelectProgrammes(sql, " WHERE p.id = :id AND p.provider_id = :pv",
                               {static_cast<long long>(id), static_cast<long long>(provider_id)});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<Programme> ProgrammesOf(soci::session& sql, std::int64_t provider_id) {
  return SelectProgrammes(sql, " WHERE p.provider_id = :pv ORDER BY p.title, p.id",
                          {static_cast<long long>(provider_id)});
}

std::optional<std::int64_t> CreateSession(soci::session& sql, std::int64_t provider_id,
                                          const Session& s, std::int64_t now) {
  if (!FindProviderProgramme(sql, provider_id, s.programme_id)) return std::nullopt;
  long long programme = s.programme_id, at = now, id = 0;
  int quota = s.quota;
  sql << "INSERT INTO training_sessions (programme_id, starts_on, ends_on, schedule, quota,"
         " created_at) VALUES (:p, :s, :e, :sc, :q, :t) RETURNING id",
      soci::use(programme), soci::use(s.starts_on), soci::use(s.ends_on), soci::use(s.schedule),
      soci::use(quota), soci::use(at), soci::into(id);
  return id;
}

SessionUpdate UpdateSession(soci::session& sql, std::int64_t provider_id, const Session& s,
                            std::int64_t now, std::vector<std::int64_t>* offered) {
  const auto current = FindProviderSession(sql, provider_id, s.id);
  if (!current) return SessionUpdate::kNotFound;
  long long id = s.id;
  int quota = s.quota;
  soci::statement st =
      (sql.prepare << "UPDATE training_sessions SET starts_on = :s, ends_on = :e, schedule = :sc,"
                      " quota = :q WHERE id = :id AND taken <= :q2",
       soci::use(s.starts_on), soci::use(s.ends_on), soci::use(s.schedule), soci::use(quota),
       soci::use(id), soci::use(quota));
  if (Affected(st) != 1) return SessionUpdate::kQuotaBelowTaken;
  // New places go to those already waiting, in their order.
  while (FirstWaiting(sql, s.id) && TakePlace(sql, s.id)) {
    const auto o = OfferToFirstWaiting(sql, s.id, now);
    if (!o) break;
    if (offered) offered->push_back(o->id);
  }
  return SessionUpdate::kUpdated;
}

std::optional<Session> FindSession(soci::session& sql, std::int64_t id) {
  auto rows = SelectSessions(sql, " WHERE s.id = :id", {static_cast<long long>(id)});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<Session> FindProviderSession(soci::session& sql, std::int64_t provider_id,
                                           std::int64_t id) {
  auto rows = SelectSessions(sql,
                             " JOIN training_programmes p ON p.id = s.programme_id"
                             " WHERE s.id = :id AND p.provider_id = :pv",
                             {static_cast<long long>(id), static_cast<long long>(provider_id)});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<Session> SessionsOf(soci::session& sql, std::int64_t programme_id,
                                const std::string& from) {
  return SelectSessions(sql,
                        " WHERE s.programme_id = :p AND s.starts_on >= :from"
                        " ORDER BY s.starts_on, s.id",
                        {static_cast<long long>(programme_id), from});
}

CatalogPage SearchCatalog(soci::session& sql, const CatalogFilter& f, const std::string& today,
                          int page_size) {
  const std::string from = std::max(today, f.from);
  std::string where = " WHERE p.published = 1";
  std::deque<Param> params;
  // The next first day on or after `from`, which also keeps programmes without one out.
  // (SQLite binds a name used twice once: each use has its own name.)
  const auto next = [](const std::string& name) {
    return "(SELECT MIN(s.starts_on) FROM training_sessions s WHERE s.programme_id = p.id"
           " AND s.starts_on >= :" +
           name + ")";
  };
  params.push_back(from);
  where += " AND " + next("from_where") + " IS NOT NULL";
  if (!f.field.empty()) {
    where += " AND p.field = :field";
    params.push_back(f.field);
  }
  if (!f.mode.empty()) {
    where += " AND p.mode = :mode";
    params.push_back(f.mode);
  }
  if (f.province != 0) {
    where += " AND (p.province_code = :province OR p.mode = 'online')";
    params.push_back(static_cast<long long>(f.province));
  }
  if (!f.q.empty()) {
    std::string like = "%";
    for (char ch : f.q) {
      if (ch == '%' || ch == '_' || ch == '\\') like += '\\';
      like += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    }
    like += "%";
    where +=
        " AND (LOWER(p.title) LIKE :q1 ESCAPE '\\' OR LOWER(v.name) LIKE :q2 ESCAPE '\\'"
        " OR LOWER(p.description) LIKE :q3 ESCAPE '\\')";
    params.push_back(like);
    params.push_back(like);
    params.push_back(like);
  }
  CatalogPage page;
  ForEachRow(sql,
             "SELECT COUNT(*) FROM training_programmes p JOIN training_providers v"
             " ON v.id = p.provider_id" +
                 where,
             params, [&page](const soci::row& r) { page.total = db::RowInt(r, 0); });
  const int size = std::clamp(page_size, 1, 100);
  std::deque<Param> paged = params;
  paged.push_front(from);
  paged.push_back(static_cast<long long>(size));
  paged.push_back(static_cast<long long>(std::max(0, f.page - 1)) * size);
  std::string select = kProgrammeColumns;
  select.replace(select.find(" FROM"), 0, ", " + next("from_select"));
  ForEachRow(sql, select + where + " ORDER BY 18, p.id LIMIT :n OFFSET :o", paged,
             [&page](const soci::row& r) {
               page.programmes.push_back(ProgrammeFrom(r));
               page.next_starts.push_back(db::RowText(r, 17));
             });
  return page;
}

std::optional<MemberFacts> LoadMemberFacts(soci::session& sql, std::int64_t member_id) {
  std::optional<MemberFacts> facts;
  ForEachRow(sql, "SELECT CAST(birth_date AS TEXT), status FROM members WHERE id = :m",
             {static_cast<long long>(member_id)}, [&facts](const soci::row& r) {
               MemberFacts f;
               const std::string birth = db::RowText(r, 0).substr(0, 10);
               if (const auto d = ParseDay(birth)) f.birth_date = *d;
               f.active_member = db::RowText(r, 1) == "active";
               facts = f;
             });
  if (!facts) return facts;
  // A job-loss benefit (JKP) the fund approved or paid.
  ForEachRow(sql,
             "SELECT COUNT(*) FROM claims WHERE member_id = :m AND program = 'JKP'"
             " AND status IN ('approved', 'in_payout', 'paid')",
             {static_cast<long long>(member_id)},
             [&facts](const soci::row& r) { facts->jkp_recipient = db::RowInt(r, 0) > 0; });
  return facts;
}

ApplyResult Apply(soci::session& sql, const NewApplication& n, const std::string& today,
                  std::int64_t now) {
  const auto session = FindSession(sql, n.session_id);
  if (!session || session->starts_on <= today) return {ApplyOutcome::kClosed, 0};
  // One open application per programme: another session of it counts too.
  auto open = SelectApplications(
      sql,
      " JOIN training_sessions s ON s.id = a.session_id"
      " WHERE a.member_id = :m AND s.programme_id = :p"
      " AND a.status IN ('applied', 'accepted', 'waiting', 'offered',"
      " 'started')",
      {static_cast<long long>(n.member_id), static_cast<long long>(session->programme_id)});
  if (!open.empty()) return {ApplyOutcome::kAlreadyApplied, open.front().id};
  const bool place = TakePlace(sql, n.session_id);
  long long s = n.session_id, m = n.member_id, acc = n.account_id, at = now, id = 0;
  int priority = n.priority ? 1 : 0;
  const std::string status(StatusName(place ? Status::kApplied : Status::kWaiting));
  soci::indicator waiting_ind = place ? soci::i_null : soci::i_ok;
  sql << "INSERT INTO training_applications (session_id, member_id, account_id, status, priority,"
         " education, applied_at, waiting_since, updated_at) VALUES (:s, :m, :a, :st, :pr, :ed,"
         " :t1, :t2, :t3) RETURNING id",
      soci::use(s), soci::use(m), soci::use(acc), soci::use(status), soci::use(priority),
      soci::use(n.education), soci::use(at), soci::use(at, waiting_ind), soci::use(at),
      soci::into(id);
  return {place ? ApplyOutcome::kApplied : ApplyOutcome::kWaiting, id};
}

std::optional<Application> FindApplication(soci::session& sql, std::int64_t id) {
  auto rows = SelectApplications(sql, " WHERE a.id = :id", {static_cast<long long>(id)});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<Application> FindOwnApplication(soci::session& sql, std::int64_t id,
                                              std::int64_t member_id) {
  auto rows = SelectApplications(sql, " WHERE a.id = :id AND a.member_id = :m",
                                 {static_cast<long long>(id), static_cast<long long>(member_id)});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

int WaitingPosition(soci::session& sql, const Application& a) {
  if (a.status != Status::kWaiting || !a.waiting_since) return 0;
  long long s = a.session_id, since = *a.waiting_since, id = a.id, ahead = 0;
  int priority = a.priority ? 1 : 0;
  sql << "SELECT COUNT(*) FROM training_applications WHERE session_id = :s AND status = 'waiting'"
         " AND (priority > :p1 OR (priority = :p2 AND (waiting_since < :w1"
         " OR (waiting_since = :w2 AND id < :id))))",
      soci::use(s), soci::use(priority), soci::use(priority), soci::use(since), soci::use(since),
      soci::use(id), soci::into(ahead);
  return static_cast<int>(ahead) + 1;
}

std::optional<Change> Cancel(soci::session& sql, std::int64_t application_id,
                             std::int64_t member_id, const std::string& today, std::int64_t now) {
  const auto a = FindOwnApplication(sql, application_id, member_id);
  if (!a) return std::nullopt;
  const auto session = FindSession(sql, a->session_id);
  if (!session || session->starts_on <= today) return std::nullopt;
  return MemberAnswer(sql, application_id, member_id, Step::kCancel, now);
}

std::optional<Change> AcceptOffer(soci::session& sql, std::int64_t application_id,
                                  std::int64_t member_id, std::int64_t now) {
  return MemberAnswer(sql, application_id, member_id, Step::kAcceptOffer, now);
}

std::optional<Change> DeclineOffer(soci::session& sql, std::int64_t application_id,
                                   std::int64_t member_id, std::int64_t now) {
  return MemberAnswer(sql, application_id, member_id, Step::kDeclineOffer, now);
}

std::optional<Change> ProviderStep(soci::session& sql, std::int64_t provider_id,
                                   std::int64_t application_id, Step step, const std::string& today,
                                   std::int64_t now) {
  if (step != Step::kConfirm && step != Step::kStart && step != Step::kComplete &&
      step != Step::kRecordNotComplete) {
    return std::nullopt;
  }
  const auto a = FindApplication(sql, application_id);
  if (!a) return std::nullopt;
  const auto session = FindProviderSession(sql, provider_id, a->session_id);
  if (!session) return std::nullopt;
  if (step != Step::kConfirm && session->starts_on > today) return std::nullopt;
  const auto next = Next(a->status, step);
  if (!next || !SetStatus(sql, *a, *next, now)) return std::nullopt;
  return Change{*a, *next, std::nullopt};
}

void SetCertificate(soci::session& sql, std::int64_t application_id, std::int64_t certificate_id) {
  long long id = application_id, certificate = certificate_id;
  sql << "UPDATE training_applications SET certificate_id = :c WHERE id = :id",
      soci::use(certificate), soci::use(id);
}

std::optional<ApplicationView> ViewOf(soci::session& sql, const Application& a) {
  const auto session = FindSession(sql, a.session_id);
  if (!session) return std::nullopt;
  const auto programme = FindProgramme(sql, session->programme_id);
  if (!programme) return std::nullopt;
  return ApplicationView{a, *session, *programme, WaitingPosition(sql, a)};
}

std::vector<ApplicationView> ApplicationsOf(soci::session& sql, std::int64_t member_id) {
  std::vector<ApplicationView> out;
  for (const auto& a :
       SelectApplications(sql,
                          " JOIN training_sessions s ON s.id = a.session_id"
                          " WHERE a.member_id = :m ORDER BY s.starts_on DESC, a.id DESC LIMIT 200",
                          {static_cast<long long>(member_id)})) {
    if (auto v = ViewOf(sql, a)) out.push_back(std::move(*v));
  }
  return out;
}

std::vector<Participant> Participants(soci::session& sql, std::int64_t session_id) {
  std::vector<Participant> out;
  ForEachRow(sql,
             std::string(kApplicationColumns) +
                 " WHERE a.session_id = :s"
                 " AND a.status NOT IN ('cancelled', 'declined')"
                 " ORDER BY CASE WHEN a.status = 'waiting' THEN 1 ELSE 0 END,"
                 " a.priority DESC, COALESCE(a.waiting_since, a.applied_at), a.id",
             {static_cast<long long>(session_id)}, [&out](const soci::row& r) {
               out.push_back({ApplicationFrom(r), "", "", 0});
             });
  int position = 0;
  for (auto& p : out) {
    long long member = p.application.member_id;
    sql << "SELECT full_name, nik FROM members WHERE id = :m", soci::use(member),
        soci::into(p.full_name), soci::into(p.nik);
    if (p.application.status == Status::kWaiting) p.position = ++position;
  }
  return out;
}

MemberSummary SummaryOf(soci::session& sql, std::int64_t member_id, const std::string& today) {
  MemberSummary summary;
  long long member = member_id, open = 0;
  sql << "SELECT COUNT(*) FROM training_applications WHERE member_id = :m"
         " AND status IN ('applied', 'accepted', 'waiting', 'offered', 'started')",
      soci::use(member), soci::into(open);
  summary.open = static_cast<int>(open);
  auto next = SelectApplications(sql,
                                 " JOIN training_sessions s ON s.id = a.session_id"
                                 " WHERE a.member_id = :m AND s.ends_on >= :today"
                                 " AND a.status IN ('applied', 'accepted', 'offered', 'started')"
                                 " ORDER BY s.starts_on, a.id LIMIT 1",
                                 {member, today});
  if (!next.empty()) summary.next = ViewOf(sql, next.front());
  return summary;
}

}  // namespace lumbung::training
