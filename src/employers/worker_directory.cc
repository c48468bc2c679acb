#include "employers/worker_directory.h"

#include <soci/soci.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <stdexcept>

#include <sqlite3.h>

#include <memory>

#include "core/db/native_handle.h"
#include "registry/bulk_writer.h"

namespace lumbung::employers {
namespace {

std::string IsoDay(registry::Date day) {
  return registry::IsoDate(day);
}

}  // namespace

Enrolment ParseEnrolment(std::string_view programs) {
  Enrolment e{false, false, false, false, false};
  std::size_t start = 0;
  while (start <= programs.size()) {
    const std::size_t end = std::min(programs.find(',', start), programs.size());
    const std::string_view word = programs.substr(start, end - start);
    if (word == "jht") e.jht = true;
    if (word == "jkk") e.jkk = true;
    if (word == "jkm") e.jkm = true;
    if (word == "jp") e.jp = true;
    if (word == "jkp") e.jkp = true;
    start = end + 1;
  }
  return e;
}

std::string EnrolmentText(const Enrolment& e) {
  std::string out;
  const auto add = [&out](bool on, const char* word) {
    if (!on) return;
    if (!out.empty()) out += ',';
    out += word;
  };
  add(e.jht, "jht");
  add(e.jkk, "jkk");
  add(e.jkm, "jkm");
  add(e.jp, "jp");
  add(e.jkp, "jkp");
  return out;
}

namespace {

// One row per spell, in whatever order the employer's index gives them (sorted after: an ORDER
// BY member would make the database sort or walk every member).
struct SpellRow {
  WorkerId id = 0;
  std::array<char, 10> start{};  // YYYY-MM-DD
  bool covers = false;
  Enrolment programs;
  // Where the member's texts are in the directory's text (a view taken now would dangle when
  // it grows).
  std::uint32_t nik = 0, kpj = 0, name = 0, end = 0;
};

constexpr const char* kSpellsQuery =
    "SELECT m.id, m.nik, m.kpj, m.full_name, s.programs, CAST(s.start_date AS TEXT), "
    "CASE WHEN s.start_date <= :last AND (s.end_date IS NULL OR s.end_date >= :first) THEN 1 "
    "ELSE 0 END FROM employment_spells s JOIN members m ON m.id = s.member_id "
    "WHERE s.employer_id = :e";

// Adds one spell's row; the texts of a member's later spells are the first one's.
void AddSpell(std::vector<SpellRow>& spells, std::vector<char>& text, WorkerId id,
              std::string_view nik, std::string_view kpj, std::string_view name,
              std::string_view programs, std::string_view start, bool covers) {
  if (text.size() + nik.size() + kpj.size() + name.size() >
      std::numeric_limits<std::uint32_t>::max()) {
    throw std::length_error("WorkerDirectory: too many workers");
  }
  SpellRow row{.id = id, .covers = covers, .programs = ParseEnrolment(programs)};
  std::copy_n(start.begin(), std::min(start.size(), row.start.size()), row.start.begin());
  if (spells.empty() || spells.back().id != id) {
    row.nik = static_cast<std::uint32_t>(text.size());
    text.insert(text.end(), nik.begin(), nik.end());
    row.kpj = static_cast<std::uint32_t>(text.size());
    text.insert(text.end(), kpj.begin(), kpj.end());
    row.name = static_cast<std::uint32_t>(text.size());
    text.insert(text.end(), name.begin(), name.end());
    row.end = static_cast<std::uint32_t>(text.size());
  } else {
    row.nik = spells.back().nik;
    row.kpj = spells.back().kpj;
    row.name = spells.back().name;
    row.end = spells.back().end;
  }
  spells.push_back(row);
}

std::string_view ColumnText(sqlite3_stmt* st, int column) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, column));
  return text ? std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(st, column)))
              : std::string_view();
}

// SQLite: the rows straight from the C interface into the buffers (a directory of 100,000
// workers is read twice per wage report, at the check and at the submission; SOCI's copy of
// every cell into a std::string was most of the reading).
void ReadSpellsSqlite(sqlite3* db, std::int64_t employer_id, const std::string& first,
                      const std::string& last, std::vector<SpellRow>& spells,
                      std::vector<char>& text) {
  const std::string query = std::string(kSpellsQuery);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, query.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    throw std::runtime_error(std::string("WorkerDirectory: ") + sqlite3_errmsg(db));
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> owned(st, sqlite3_finalize);
  sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":last"), last.c_str(),
                    static_cast<int>(last.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":first"), first.c_str(),
                    static_cast<int>(first.size()), SQLITE_TRANSIENT);
  sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":e"), employer_id);
  int result = SQLITE_ROW;
  while ((result = sqlite3_step(st)) == SQLITE_ROW) {
    AddSpell(spells, text, sqlite3_column_int64(st, 0), ColumnText(st, 1), ColumnText(st, 2),
             ColumnText(st, 3), ColumnText(st, 4), ColumnText(st, 5),
             sqlite3_column_int64(st, 6) == 1);
  }
  if (result != SQLITE_DONE) {
    throw std::runtime_error(std::string("WorkerDirectory: ") + sqlite3_errmsg(db));
  }
}

void ReadSpellsSoci(soci::session& sql, std::int64_t employer_id, const std::string& first,
                    const std::string& last, std::vector<SpellRow>& spells,
                    std::vector<char>& text) {
  long long id = 0;
  int covers = 0;
  std::string nik, kpj, name, programs, start;
  soci::statement rows =
      (sql.prepare << kSpellsQuery, soci::into(id), soci::into(nik), soci::into(kpj),
       soci::into(name), soci::into(programs), soci::into(start), soci::into(covers),
       soci::use(last, "last"), soci::use(first, "first"), soci::use(employer_id, "e"));
  rows.execute();
  while (rows.fetch()) AddSpell(spells, text, id, nik, kpj, name, programs, start, covers == 1);
}

}  // namespace

WorkerDirectory WorkerDirectory::Load(soci::session& sql, std::int64_t employer_id, Month month) {
  const std::string first = IsoDay(month / std::chrono::day{1});
  const std::string last = IsoDay(month / std::chrono::last);
  std::vector<SpellRow> spells;
  WorkerDirectory directory;
  auto& text = directory.text_;
  {
    // Sized once from the employer's index, instead of growing by copies.
    long long count = 0;
    sql << "SELECT COUNT(*) FROM employment_spells WHERE employer_id = :e", soci::into(count),
        soci::use(employer_id);
    spells.reserve(static_cast<std::size_t>(count));
    text.reserve(static_cast<std::size_t>(count) * 48);
  }
  if (db::SessionDialect(sql) == db::Dialect::kSqlite) {
    ReadSpellsSqlite(db::SqliteHandle(sql), employer_id, first, last, spells, text);
  } else {
    ReadSpellsSoci(sql, employer_id, first, last, spells, text);
  }
  // A member's spells together, oldest first: the spell covering the month (if any) gives the
  // programs, else the latest one.
  std::sort(spells.begin(), spells.end(), [](const SpellRow& a, const SpellRow& b) {
    return a.id != b.id ? a.id < b.id : a.start < b.start;
  });
  const char* base = text.data();
  directory.workers_.reserve(spells.size());  // a worker per spell at most
  for (const SpellRow& spell : spells) {
    if (!directory.workers_.empty() && directory.workers_.back().id == spell.id) {
      KnownWorker& known = directory.workers_.back();
      if (spell.covers || !known.employed_in_month) known.programs = spell.programs;
      known.employed_in_month = known.employed_in_month || spell.covers;
      continue;
    }
    directory.workers_.push_back(
        KnownWorker{.id = spell.id,
                    .index = directory.workers_.size(),
                    .nik = std::string_view(base + spell.nik, spell.kpj - spell.nik),
                    .kpj = std::string_view(base + spell.kpj, spell.name - spell.kpj),
                    .name = std::string_view(base + spell.name, spell.end - spell.name),
                    .employed_in_month = spell.covers,
                    .programs = spell.programs});
  }
  directory.by_nik_.Build(directory.workers_, &KnownWorker::nik);
  directory.by_kpj_.Build(directory.workers_, &KnownWorker::kpj);
  return directory;
}

void WorkerDirectory::Lookup::Build(const std::vector<KnownWorker>& workers,
                                    std::string_view KnownWorker::*key) {
  if (workers.size() >= std::numeric_limits<std::uint32_t>::max() / 2) {
    throw std::length_error("WorkerDirectory: too many workers");
  }
  // At most half full: a miss ends at the first empty slot after a short run.
  std::size_t capacity = 16;
  while (capacity < 2 * workers.size()) capacity *= 2;
  slots_.assign(capacity, 0);
  const std::size_t mask = capacity - 1;
  for (std::size_t i = 0; i < workers.size(); ++i) {
    const std::string_view value = workers[i].*key;
    for (std::size_t at = std::hash<std::string_view>{}(value)&mask;; at = (at + 1) & mask) {
      if (slots_[at] == 0) {
        slots_[at] = static_cast<std::uint32_t>(i + 1);
        break;
      }
      if (workers[slots_[at] - 1].*key == value) break;  // the first one read stays
    }
  }
}

const KnownWorker* WorkerDirectory::Lookup::Find(const std::vector<KnownWorker>& workers,
                                                 std::string_view KnownWorker::*key,
                                                 std::string_view value) const {
  if (slots_.empty()) return nullptr;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = std::hash<std::string_view>{}(value)&mask;; at = (at + 1) & mask) {
    const std::uint32_t slot = slots_[at];
    if (slot == 0) return nullptr;
    if (workers[slot - 1].*key == value) return &workers[slot - 1];
  }
}

ValidationContext WorkerDirectory::Context(Rupiah regional_minimum_wage) const {
  ValidationContext context;
  context.worker_count = workers_.size();
  context.by_nik = [this](std::string_view nik) {
    return by_nik_.Find(workers_, &KnownWorker::nik, nik);
  };
  context.by_kpj = [this](std::string_view kpj) {
    return by_kpj_.Find(workers_, &KnownWorker::kpj, kpj);
  };
  context.regional_minimum_wage = regional_minimum_wage;
  return context;
}

const KnownWorker* WorkerDirectory::ById(WorkerId id) const {
  auto it = std::lower_bound(workers_.begin(), workers_.end(), id,
                             [](const KnownWorker& w, WorkerId wanted) { return w.id < wanted; });
  return it == workers_.end() || it->id != id ? nullptr : &*it;
}

std::vector<const KnownWorker*> WorkerDirectory::EmployedInMonth() const {
  std::vector<const KnownWorker*> out;
  for (const auto& worker : workers_) {
    if (worker.employed_in_month) out.push_back(&worker);
  }
  return out;
}

}  // namespace lumbung::employers
