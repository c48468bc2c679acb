#include "employers/workers.h"

#include <soci/soci.h>

#include <algorithm>
#include <stdexcept>

#include "core/audit/audit_log.h"
#include "core/db/transaction.h"
#include "core/inbox/inbox.h"
#include "employers/kpj_number.h"

namespace lumbung::employers {
namespace {

constexpr long long kFirstKpjBody = 1'000'000'000;
// How many numbers an earlier registry may hold in a row before issuing gives up.
constexpr int kMaxKpjSkips = 10'000;

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// "3171 0105-0890.0001" -> "3171010508900001"; empty when anything but digits and those
// separators is there (then the text is a name).
std::string DigitsOf(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (IsDigit(c)) {
      digits += c;
    } else if (c != ' ' && c != '.' && c != '-') {
      return "";
    }
  }
  return digits;
}

std::string Trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

// A LIKE pattern for `text` anywhere in a lower-cased column: ASCII lower case, '!' escapes
// the pattern characters (ESCAPE '!').
std::string ContainsPattern(std::string_view text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '!') pattern += '!';
    pattern += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return pattern + "%";
}

// The WHERE clause of the list over the employer's index of worker names
// (employer_worker_names n, one row per member who ever had a spell here, kept by triggers; see
// employers/migrations/0054) and its values (no input in it: the values are bound). The list is
// read from that index in name order a page at a time: an employer's workers are never all
// sorted to show 25 of them. Members m is joined only to search by KPJ or NIK.
struct Condition {
  std::string sql;
  // The employer, once per placeholder (a name used twice is not bound twice on PostgreSQL).
  long long employer_open = 0, employer_ever = 0;
  bool open_here = false;
  std::string kpj_prefix, nik, name_pattern;
  enum class Kind { kNone, kDigits, kName } kind = Kind::kNone;
  WorkerFilter filter = WorkerFilter::kActive;
  bool joins_members() const { return kind == Kind::kDigits; }
};

// Whether the member n has a spell here that has not ended (the partial index of open spells).
constexpr const char* kOpenHere =
    "EXISTS (SELECT 1 FROM employment_spells s WHERE s.employer_id = :employer_open AND "
    "s.member_id = n.member_id AND s.end_date IS NULL)";

Condition ConditionFor(const WorkerQuery& query, long long employer) {
  Condition c;
  c.employer_open = c.employer_ever = employer;
  c.filter = query.filter;
  c.sql = " WHERE n.employer_id = :employer_ever";
  switch (query.filter) {
    case WorkerFilter::kActive:
      c.sql += std::string(" AND ") + kOpenHere;
      c.open_here = true;
      break;
    case WorkerFilter::kEnded:
      c.sql += std::string(" AND NOT ") + kOpenHere;
      c.open_here = true;
      break;
    case WorkerFilter::kAll:
      break;
  }
  std::string search = Trimmed(query.search);
  if (search.size() > 100) {
    // Cut at a character's start: a broken UTF-8 sequence is refused by PostgreSQL.
    std::size_t cut = 100;
    while (cut > 0 && (static_cast<unsigned char>(search[cut]) & 0xC0) == 0x80) --cut;
    search.resize(cut);
  }
  if (search.empty()) return c;
  const std::string digits = DigitsOf(search);
  if (!digits.empty()) {
    c.kind = Condition::Kind::kDigits;
    c.kpj_prefix = digits + "%";
    c.nik = digits;
    c.sql += " AND (m.kpj LIKE :kpj OR m.nik = :nik)";
  } else {
    c.kind = Condition::Kind::kName;
    c.name_pattern = ContainsPattern(search);
    c.sql += " AND LOWER(n.full_name) LIKE :name ESCAPE '!'";
  }
  return c;
}

// FROM ... for the condition.
std::string ListFrom(const Condition& c) {
  return c.joins_members() ? " FROM employer_worker_names n JOIN members m ON m.id = n.member_id"
                           : " FROM employer_worker_names n";
}

void BindCondition(soci::statement& st, Condition& c) {
  st.exchange(soci::use(c.employer_ever, "employer_ever"));
  if (c.open_here) st.exchange(soci::use(c.employer_open, "employer_open"));
  if (c.kind == Condition::Kind::kDigits) {
    st.exchange(soci::use(c.kpj_prefix, "kpj"));
    st.exchange(soci::use(c.nik, "nik"));
  } else if (c.kind == Condition::Kind::kName) {
    st.exchange(soci::use(c.name_pattern, "name"));
  }
}

std::int64_t CountWorkers(soci::session& sql, Condition& c) {
  long long total = 0;
  if (c.kind == Condition::Kind::kNone) {
    // Without a search the counts come from the indexes alone: every worker ever here (the
    // names' primary key) and the active ones (the partial index of open spells).
    long long ever = 0, open = 0, employer = c.employer_ever;
    if (c.filter != WorkerFilter::kActive) {
      sql << "SELECT COUNT(*) FROM employer_worker_names WHERE employer_id = :e", soci::into(ever),
          soci::use(employer);
    }
    if (c.filter != WorkerFilter::kAll) {
      sql << "SELECT COUNT(DISTINCT member_id) FROM employment_spells WHERE employer_id = :e AND "
             "end_date IS NULL",
          soci::into(open), soci::use(employer);
    }
    switch (c.filter) {
      case WorkerFilter::kActive:
        return open;
      case WorkerFilter::kEnded:
        return std::max(0LL, ever - open);
      case WorkerFilter::kAll:
        return ever;
    }
  }
  soci::statement st(sql);
  st.exchange(soci::into(total));
  BindCondition(st, c);
  st.alloc();
  st.prepare("SELECT COUNT(*)" + ListFrom(c) + c.sql);
  st.define_and_bind();
  st.execute(true);
  return total;
}

// Takes the member's row lock (PostgreSQL; SQLite's write transaction already serialises), so
// that two changes to one member's employment never decide from the same stale picture.
bool LockMember(soci::session& sql, long long member) {
  soci::statement st =
      (sql.prepare << "UPDATE members SET status = status WHERE id = :m", soci::use(member));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

long long OpenSpellsOf(soci::session& sql, long long member, const long long* employer) {
  long long n = 0;
  if (employer) {
    long long e = *employer;
    sql << "SELECT COUNT(*) FROM employment_spells WHERE member_id = :m AND employer_id = :e "
           "AND end_date IS NULL",
        soci::into(n), soci::use(member), soci::use(e);
  } else {
    sql << "SELECT COUNT(*) FROM employment_spells WHERE member_id = :m AND end_date IS NULL",
        soci::into(n), soci::use(member);
  }
  return n;
}

}  // namespace

bool IsEndReason(std::string_view reason) {
  return std::find(std::begin(kEndReasons), std::end(kEndReasons), reason) != std::end(kEndReasons);
}

std::optional<WorkerFilter> ParseWorkerFilter(std::string_view text) {
  if (text == "active") return WorkerFilter::kActive;
  if (text == "ended") return WorkerFilter::kEnded;
  if (text == "all") return WorkerFilter::kAll;
  return std::nullopt;
}

std::string_view WorkerFilterName(WorkerFilter filter) {
  switch (filter) {
    case WorkerFilter::kActive:
      return "active";
    case WorkerFilter::kEnded:
      return "ended";
    case WorkerFilter::kAll:
      break;
  }
  return "all";
}

WorkerPage ListWorkers(soci::session& sql, std::int64_t employer_id, const WorkerQuery& query) {
  long long employer = employer_id;
  Condition c = ConditionFor(query, employer);
  WorkerPage page;
  page.total = CountWorkers(sql, c);
  page.pages = static_cast<int>(
      std::max<std::int64_t>(1, (page.total + kWorkersPerPage - 1) / kWorkersPerPage));
  page.page = query.page >= 1 && query.page <= page.pages ? static_cast<int>(query.page) : 1;
  if (page.total == 0) return page;

  long long limit = kWorkersPerPage;
  long long offset = static_cast<long long>(page.page - 1) * kWorkersPerPage;
  long long id = 0, open = 0;
  std::string name, kpj, nik, start, end;
  soci::indicator end_ind = soci::i_null;
  soci::statement st(sql);
  st.exchange(soci::into(id));
  st.exchange(soci::into(name));
  st.exchange(soci::into(kpj));
  st.exchange(soci::into(nik));
  st.exchange(soci::into(start));
  st.exchange(soci::into(open));
  st.exchange(soci::into(end, end_ind));
  st.exchange(soci::use(employer, "employer"));
  BindCondition(st, c);
  st.exchange(soci::use(limit, "limit"));
  st.exchange(soci::use(offset, "offset"));
  st.alloc();
  // The page's members first, then what the list shows of their spells here.
  // The page's members first, from the name index in order, then what the list shows of them
  // and of their spells here.
  st.prepare(
      "SELECT p.id, p.full_name, m.kpj, m.nik, CAST(MAX(s.start_date) AS TEXT), "
      "SUM(CASE WHEN s.end_date IS NULL THEN 1 ELSE 0 END), "
      "CAST(MAX(s.end_date) AS TEXT) "
      "FROM (SELECT n.member_id AS id, n.full_name" +
      ListFrom(c) + c.sql +
      " ORDER BY n.full_name, n.member_id LIMIT :limit OFFSET :offset) p "
      "JOIN members m ON m.id = p.id "
      "JOIN employment_spells s ON s.member_id = p.id AND s.employer_id = :employer "
      "GROUP BY p.id, p.full_name, m.kpj, m.nik ORDER BY p.full_name, p.id");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    WorkerRow row;
    row.member_id = id;
    row.full_name = name;
    row.kpj = kpj;
    row.nik = nik;
    row.start_date = start.substr(0, 10);
    row.active = open > 0;
    if (!row.active && end_ind == soci::i_ok) row.end_date = end.substr(0, 10);
    page.rows.push_back(std::move(row));
  }
  return page;
}

const Spell* WorkerDetail::OpenSpell() const {
  for (const Spell& s : spells) {
    if (s.end_date.empty()) return &s;  // newest first
  }
  return nullptr;
}

std::optional<WorkerDetail> LoadWorker(soci::session& sql, std::int64_t employer_id,
                                       std::int64_t member_id) {
  long long employer = employer_id, member = member_id;
  WorkerDetail w;
  sql << "SELECT m.full_name, m.nik, m.kpj, CAST(m.birth_date AS TEXT), m.sex, m.status "
         "FROM members m WHERE m.id = :m AND EXISTS (SELECT 1 FROM employment_spells s "
         "WHERE s.member_id = m.id AND s.employer_id = :e)",
      soci::into(w.full_name), soci::into(w.nik), soci::into(w.kpj), soci::into(w.birth_date),
      soci::into(w.sex), soci::into(w.status), soci::use(member), soci::use(employer);
  if (!sql.got_data()) return std::nullopt;
  w.member_id = member_id;
  w.birth_date = w.birth_date.substr(0, 10);

  {
    long long id = 0, wage = 0;
    std::string start, end, reason, programs;
    soci::indicator end_ind = soci::i_null, reason_ind = soci::i_null, wage_ind = soci::i_null;
    soci::statement st =
        (sql.prepare
             << "SELECT id, CAST(start_date AS TEXT), CAST(end_date AS TEXT), end_reason, "
                "declared_wage, programs FROM employment_spells "
                "WHERE member_id = :m AND employer_id = :e ORDER BY start_date DESC, id DESC",
         soci::into(id), soci::into(start), soci::into(end, end_ind),
         soci::into(reason, reason_ind), soci::into(wage, wage_ind), soci::into(programs),
         soci::use(member), soci::use(employer));
    st.execute();
    while (st.fetch()) {
      Spell s;
      s.id = id;
      s.start_date = start.substr(0, 10);
      if (end_ind == soci::i_ok) s.end_date = end.substr(0, 10);
      if (reason_ind == soci::i_ok) s.end_reason = reason;
      if (wage_ind == soci::i_ok) s.declared_wage = wage;
      s.programs = programs;
      w.spells.push_back(std::move(s));
    }
  }
  {
    long long wage = 0, limit = kWageLinesShown + 1;
    int period = 0;
    soci::statement st =
        (sql.prepare << "SELECT period, wage FROM wage_reports WHERE member_id = :m AND "
                        "employer_id = :e ORDER BY period DESC LIMIT :l",
         soci::into(period), soci::into(wage), soci::use(member), soci::use(employer),
         soci::use(limit));
    st.execute();
    while (st.fetch()) {
      if (static_cast<int>(w.wages.size()) == kWageLinesShown) {
        w.more_wages = true;
        break;
      }
      w.wages.push_back({period, wage});
    }
  }
  return w;
}

std::string TakeNextKpj(soci::session& sql) {
  for (int attempt = 0; attempt <= kMaxKpjSkips; ++attempt) {
    // The update takes the row's lock until the caller's transaction ends: two registrations
    // never get the same number.
    long long next = 0, first = kFirstKpjBody, first_again = kFirstKpjBody;
    sql << "UPDATE number_sequences SET next_value = CASE WHEN next_value < :first THEN :first2 "
           "ELSE next_value END + 1 WHERE name = 'kpj' RETURNING next_value",
        soci::into(next), soci::use(first), soci::use(first_again);
    if (!sql.got_data()) throw std::runtime_error("number_sequences has no 'kpj' row");
    const std::string kpj = IssueKpj(static_cast<std::uint64_t>(next - 1 - kFirstKpjBody));
    long long taken = 0;
    sql << "SELECT COUNT(*) FROM members WHERE kpj = :k", soci::into(taken), soci::use(kpj);
    if (taken == 0) return kpj;
  }
  throw std::runtime_error("TakeNextKpj: too many KPJ numbers in a row are taken");
}

RegisterResult RegisterWorker(soci::session& sql, std::int64_t employer_id, const NewWorker& worker,
                              const std::string& today, audit::Event audit) {
  RegisterResult result;
  long long employer = employer_id;
  auto transaction = db::Transaction::ForWriting(sql);

  long long member = 0;
  std::string kpj, birth, sex, status;
  sql << "SELECT id, kpj, CAST(birth_date AS TEXT), sex, status FROM members WHERE nik = :n",
      soci::into(member), soci::into(kpj), soci::into(birth), soci::into(sex), soci::into(status),
      soci::use(worker.nik);
  if (sql.got_data()) {
    result.birth_date_differs = birth.substr(0, 10) != worker.birth_date;
    result.sex_differs = sex != worker.sex;
    result.deceased = status == "deceased";
    if (result.birth_date_differs || result.sex_differs || result.deceased) return result;
    LockMember(sql, member);
    if (OpenSpellsOf(sql, member, &employer) > 0) {
      result.already_active_here = true;
      return result;  // rolled back
    }
    if (status != "active") {
      sql << "UPDATE members SET status = 'active' WHERE id = :m", soci::use(member);
    }
  } else {
    kpj = TakeNextKpj(sql);
    int province = std::stoi(worker.nik.substr(0, 2));
    sql << "INSERT INTO members (kpj, nik, full_name, birth_date, sex, address, province_code, "
           "marital_status, registered_on, status) VALUES (:k, :n, :f, :b, :s, '', :p, 'single', "
           ":r, 'active') RETURNING id",
        soci::into(member), soci::use(kpj), soci::use(worker.nik), soci::use(worker.full_name),
        soci::use(worker.birth_date), soci::use(worker.sex), soci::use(province), soci::use(today);
    result.new_member = true;
  }

  long long spell = 0, wage = worker.monthly_wage;
  sql << "INSERT INTO employment_spells (member_id, employer_id, start_date, declared_wage, "
         "programs) VALUES (:m, :e, :s, :w, :p) RETURNING id",
      soci::into(spell), soci::use(member), soci::use(employer), soci::use(worker.start_date),
      soci::use(wage), soci::use(worker.programs);

  result.member_id = member;
  result.spell_id = spell;
  result.kpj = kpj;
  audit.action = "employer.worker_registered";
  audit.result = audit::Result::kOk;
  audit.details = {{"employer_id", std::to_string(employer_id)},
                   {"member_id", std::to_string(member)},
                   {"spell_id", std::to_string(spell)},
                   {"new_member", result.new_member ? "1" : "0"}};
  audit::Append(sql, audit);  // last before the commit (audit_log.h)
  transaction.Commit();
  return result;
}

EndResult EndEmployment(soci::session& sql, std::int64_t employer_id, std::int64_t member_id,
                        const std::string& end_date, const std::string& reason, audit::Event audit,
                        const inbox::Notifier& notify) {
  if (!IsEndReason(reason)) throw std::invalid_argument("EndEmployment: unknown reason");
  EndResult result;
  long long employer = employer_id, member = member_id;
  auto transaction = db::Transaction::ForWriting(sql);
  if (!LockMember(sql, member)) return result;

  long long spell = 0;
  std::string start;
  sql << "SELECT id, CAST(start_date AS TEXT) FROM employment_spells WHERE member_id = :m AND "
         "employer_id = :e AND end_date IS NULL ORDER BY start_date DESC, id DESC LIMIT 1",
      soci::into(spell), soci::into(start), soci::use(member), soci::use(employer);
  if (!sql.got_data()) return result;
  if (end_date < start.substr(0, 10)) {
    result.outcome = EndOutcome::kBeforeStart;
    return result;
  }
  {
    soci::statement st =
        (sql.prepare << "UPDATE employment_spells SET end_date = :d, end_reason = :r "
                        "WHERE id = :s AND end_date IS NULL",
         soci::use(end_date), soci::use(reason), soci::use(spell));
    st.execute(true);
    if (st.get_affected_rows() != 1) return result;
  }

  sql << "SELECT status FROM members WHERE id = :m", soci::into(result.member_status),
      soci::use(member);
  std::string status = result.member_status;
  if (reason == "died") {
    status = "deceased";
  } else if (OpenSpellsOf(sql, member, nullptr) == 0 && status == "active") {
    status = "inactive";
  }
  if (status != result.member_status) {
    sql << "UPDATE members SET status = :s WHERE id = :m", soci::use(status), soci::use(member);
    result.member_status = status;
  }

  long long account = 0;
  sql << "SELECT id FROM accounts WHERE member_id = :m", soci::into(account), soci::use(member);
  if (sql.got_data()) {
    std::string employer_name;
    sql << "SELECT name FROM employers WHERE id = :e", soci::into(employer_name),
        soci::use(employer);
    result.notified =
        inbox::Notify(notify, sql,
                      {.account_id = account,
                       .category = std::string(inbox::kContributions),
                       .message_id = "employers.workers.inbox.ended." + reason,
                       .values = {{"employer", employer_name}, {"end_date", end_date}},
                       .link = "/profile",
                       .dedupe_key = "employment.ended:" + std::to_string(spell),
                       .mail_subject_id = "employers.workers.mail.ended_subject"})
            .has_value();
  }

  audit.action = "employer.worker_ended";
  audit.result = audit::Result::kOk;
  audit.details = {{"employer_id", std::to_string(employer_id)},
                   {"member_id", std::to_string(member_id)},
                   {"spell_id", std::to_string(spell)},
                   {"reason", reason},
                   {"member_status", result.member_status}};
  audit::Append(sql, audit);
  transaction.Commit();
  result.outcome = EndOutcome::kEnded;
  return result;
}

}  // namespace lumbung::employers
