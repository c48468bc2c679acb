#include "core/db/migrator.h"

#include <soci/soci.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>

#include "core/db/native_handle.h"

namespace lumbung::db {
namespace {

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

std::string Upper(std::string_view word) {
  std::string out(word);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string Trim(std::string_view text) {
  std::size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return std::string(text.substr(begin, end - begin));
}

// The tag of a dollar quote starting at `pos` ("$$" -> "", "$body$" -> "body"), if it is one.
std::optional<std::string_view> DollarTag(std::string_view s, std::size_t pos) {
  if (pos > 0 && IsWordChar(s[pos - 1])) return std::nullopt;  // e.g. an identifier like a$b
  std::size_t i = pos + 1;
  if (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])))) return std::nullopt;  // $1
  while (i < s.size() && IsWordChar(s[i])) ++i;
  if (i < s.size() && s[i] == '$') return s.substr(pos + 1, i - pos - 1);
  return std::nullopt;
}

struct FileName {
  int version = 0;
  std::string name;
  std::optional<Dialect> dialect;  // nullopt: generic
};

std::optional<FileName> ParseFileName(const std::string& file_name) {
  static const std::regex pattern(R"(^([0-9]{4,})_([a-z0-9_]+)(\.(sqlite|postgresql))?\.sql$)");
  std::smatch match;
  if (!std::regex_match(file_name, match, pattern)) return std::nullopt;
  FileName parsed;
  if (match[1].length() > 9) return std::nullopt;
  parsed.version = std::stoi(match[1].str());
  parsed.name = match[2].str();
  if (match[4].matched) {
    parsed.dialect = match[4].str() == "sqlite" ? Dialect::kSqlite : Dialect::kPostgres;
  }
  return parsed;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw MigrationError("migrations: cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string UtcNow() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::string Label(const Migration& m) {
  char version[16];
  std::snprintf(version, sizeof version, "%04d", m.version);
  return std::string(version) + "_" + m.name;
}

void EnsureTable(soci::session& sql) {
  ExecuteVerbatim(sql,
                  "CREATE TABLE IF NOT EXISTS schema_migrations ("
                  "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
}

std::map<int, std::string> AppliedVersions(soci::session& sql) {
  std::map<int, std::string> applied;
  int version = 0;
  std::string name;
  soci::statement query =
      (sql.prepare << "SELECT version, name FROM schema_migrations ORDER BY version",
       soci::into(version), soci::into(name));
  query.execute();
  while (query.fetch()) applied[version] = name;
  return applied;
}

bool IsApplied(soci::session& sql, int version) {
  int count = 0;
  sql << "SELECT COUNT(*) FROM schema_migrations WHERE version = :version", soci::use(version),
      soci::into(count);
  return count > 0;
}

// Holds a PostgreSQL session-level advisory lock so that concurrent migrators take turns.
// Released on every path: the connection goes back to the pool afterwards.
class MigrationLock {
 public:
  explicit MigrationLock(soci::session& sql) : sql_(sql) {
    if (SessionDialect(sql_) == Dialect::kPostgres) {
      ExecuteVerbatim(sql_, "SELECT pg_advisory_lock(" + std::string(kKey) + ")");
      locked_ = true;
    }
  }
  ~MigrationLock() {
    if (!locked_) return;
    try {
      ExecuteVerbatim(sql_, "SELECT pg_advisory_unlock(" + std::string(kKey) + ")");
    } catch (...) {
      // The connection is broken: the server drops the lock with the session.
    }
  }
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;

 private:
  static constexpr std::string_view kKey = "7305861420";  // arbitrary, constant: "lumbung"
  soci::session& sql_;
  bool locked_ = false;
};

}  // namespace

std::vector<SqlStatement> SplitSqlStatements(std::string_view s) {
  std::vector<SqlStatement> statements;
  std::string current;
  int line = 1;
  int start_line = 0;                      // line of the first significant character; 0: none yet
  std::vector<std::string> leading_words;  // first words, to recognise CREATE TRIGGER
  int block_depth = 0;                     // BEGIN/CASE ... END nesting inside a trigger body
  std::string word;
  bool in_trigger = false;

  auto end_word = [&]() {
    if (word.empty()) return;
    const std::string upper = Upper(word);
    if (leading_words.size() < 3) {
      leading_words.push_back(upper);
      // CREATE [TEMP|TEMPORARY] TRIGGER
      if (leading_words[0] == "CREATE" &&
          (upper == "TRIGGER" &&
           (leading_words.size() == 2 ||
            (leading_words.size() == 3 &&
             (leading_words[1] == "TEMP" || leading_words[1] == "TEMPORARY"))))) {
        in_trigger = true;
      }
    }
    if (in_trigger) {
      if (upper == "BEGIN" || upper == "CASE") ++block_depth;
      if (upper == "END" && block_depth > 0) --block_depth;
    }
    word.clear();
  };
  auto finish = [&]() {
    end_word();
    std::string text = Trim(current);
    if (start_line > 0 && !text.empty()) statements.push_back({std::move(text), start_line});
    current.clear();
    start_line = 0;
    leading_words.clear();
    block_depth = 0;
    in_trigger = false;
  };
  auto significant = [&]() {
    if (start_line == 0) start_line = line;
  };

  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    // Comments: kept in the text, but they do not make a statement.
    if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      end_word();
      const std::size_t end = s.find('\n', i);
      const std::size_t stop = end == std::string_view::npos ? s.size() : end;
      current.append(s.substr(i, stop - i));
      i = stop;
      continue;
    }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      end_word();
      int depth = 0;  // PostgreSQL nests block comments
      std::size_t j = i;
      while (j < s.size()) {
        if (s[j] == '/' && j + 1 < s.size() && s[j + 1] == '*') {
          ++depth;
          j += 2;
        } else if (s[j] == '*' && j + 1 < s.size() && s[j + 1] == '/') {
          j += 2;
          if (--depth == 0) break;
        } else {
          if (s[j] == '\n') ++line;
          ++j;
        }
      }
      current.append(s.substr(i, j - i));
      i = j;
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      end_word();
      significant();
      // E'...' strings allow backslash escapes.
      const bool backslash = c == '\'' && i > 0 && (s[i - 1] == 'E' || s[i - 1] == 'e') &&
                             (i < 2 || !IsWordChar(s[i - 2]));
      std::size_t j = i + 1;
      while (j < s.size()) {
        if (backslash && s[j] == '\\') {
          if (j + 1 < s.size() && s[j + 1] == '\n') ++line;
          j += 2;
          continue;
        }
        if (s[j] == '\n') ++line;
        if (s[j] == c) {
          if (j + 1 < s.size() && s[j + 1] == c) {  // doubled quote: still inside
            j += 2;
            continue;
          }
          ++j;
          break;
        }
        ++j;
      }
      current.append(s.substr(i, std::min(j, s.size()) - i));
      i = j;
      continue;
    }
    if (c == '$') {
      if (auto tag = DollarTag(s, i)) {
        end_word();
        significant();
        const std::string delimiter = "$" + std::string(*tag) + "$";
        std::size_t end = s.find(delimiter, i + delimiter.size());
        end = end == std::string_view::npos ? s.size() : end + delimiter.size();
        for (std::size_t k = i; k < end; ++k) {
          if (s[k] == '\n') ++line;
        }
        current.append(s.substr(i, end - i));
        i = end;
        continue;
      }
    }
    if (c == ';') {
      end_word();
      if (in_trigger && block_depth > 0) {
        current += c;
        ++i;
        continue;
      }
      finish();
      ++i;
      continue;
    }
    if (IsWordChar(c)) {
      significant();
      word += c;
    } else {
      end_word();
      if (!std::isspace(static_cast<unsigned char>(c))) significant();
    }
    if (c == '\n') ++line;
    current += c;
    ++i;
  }
  finish();
  return statements;
}

std::vector<Migration> FindMigrations(const std::vector<std::filesystem::path>& dirs,
                                      Dialect dialect) {
  struct Variants {
    std::string name;
    std::filesystem::path dir;
    std::optional<std::filesystem::path> generic, sqlite, postgres;
  };
  std::map<int, Variants> by_version;
  for (const std::filesystem::path& dir : dirs) {
    std::error_code error;
    if (!std::filesystem::is_directory(dir, error)) {
      throw MigrationError("migrations: directory not found: " + dir.string());
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.path().extension() == ".sql") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const std::filesystem::path& file : files) {
      const std::optional<FileName> parsed = ParseFileName(file.filename().string());
      if (!parsed) {
        throw MigrationError("migrations: " + file.string() +
                             ": name must look like 0001_name.sql, 0001_name.sqlite.sql or "
                             "0001_name.postgresql.sql (lowercase name)");
      }
      Variants& v = by_version[parsed->version];
      if (v.name.empty()) {
        v.name = parsed->name;
        v.dir = dir;
      } else if (v.name != parsed->name || v.dir != dir) {
        const std::filesystem::path other = v.generic  ? *v.generic
                                            : v.sqlite ? *v.sqlite
                                                       : *v.postgres;
        throw MigrationError("migrations: version " + std::to_string(parsed->version) +
                             " is used twice: " + other.string() + " and " + file.string());
      }
      std::optional<std::filesystem::path>& slot = !parsed->dialect ? v.generic
                                                   : *parsed->dialect == Dialect::kSqlite
                                                       ? v.sqlite
                                                       : v.postgres;
      slot = file;
    }
  }
  std::vector<Migration> migrations;
  for (const auto& [version, v] : by_version) {
    const std::optional<std::filesystem::path>& specific =
        dialect == Dialect::kSqlite ? v.sqlite : v.postgres;
    const std::optional<std::filesystem::path>& chosen = specific ? specific : v.generic;
    if (chosen) migrations.push_back({version, v.name, *chosen});
  }
  return migrations;
}

std::vector<Migration> PendingMigrations(Database& database,
                                         const std::vector<std::filesystem::path>& dirs) {
  std::vector<Migration> migrations = FindMigrations(dirs, database.dialect());
  Database::Lease lease = database.Acquire();
  EnsureTable(*lease);
  const std::map<int, std::string> applied = AppliedVersions(*lease);
  std::erase_if(migrations, [&](const Migration& m) { return applied.contains(m.version); });
  return migrations;
}

int Migrate(Database& database, const std::vector<std::filesystem::path>& dirs, std::ostream& log) {
  const std::vector<Migration> migrations = FindMigrations(dirs, database.dialect());
  Database::Lease lease = database.Acquire();
  soci::session& sql = *lease;
  MigrationLock lock(sql);
  EnsureTable(sql);
  const std::map<int, std::string> applied = AppliedVersions(sql);
  for (const auto& [version, name] : applied) {
    const bool known = std::any_of(migrations.begin(), migrations.end(),
                                   [&](const Migration& m) { return m.version == version; });
    if (!known) {
      log << "migrate: warning: version " << version << " (" << name
          << ") is recorded in schema_migrations but no migration file has it; "
             "was a newer release run against this database?\n";
    }
  }
  int count = 0;
  for (const Migration& migration : migrations) {
    if (auto it = applied.find(migration.version); it != applied.end()) {
      if (it->second != migration.name) {
        log << "migrate: warning: version " << migration.version << " was applied as \""
            << it->second << "\" but the file is now " << migration.file.string() << "\n";
      }
      continue;
    }
    const std::vector<SqlStatement> statements = SplitSqlStatements(ReadFile(migration.file));
    const auto started = std::chrono::steady_clock::now();
    // SQLite: take the write lock now, so a concurrent migrator waits here (busy_timeout)
    // instead of failing halfway.
    ExecuteVerbatim(sql, database.dialect() == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
    try {
      if (IsApplied(sql, migration.version)) {  // another process got there first
        ExecuteVerbatim(sql, "ROLLBACK");
        continue;
      }
      for (const SqlStatement& statement : statements) {
        try {
          ExecuteVerbatim(sql, statement.text);
        } catch (const DatabaseError& e) {
          throw MigrationError("migrations: " + migration.file.string() + ":" +
                               std::to_string(statement.line) + ": " + e.what());
        }
      }
      const std::string applied_at = UtcNow();
      int version = migration.version;
      std::string name = migration.name;
      sql << "INSERT INTO schema_migrations (version, name, applied_at) "
             "VALUES (:version, :name, :applied_at)",
          soci::use(version), soci::use(name), soci::use(applied_at);
      ExecuteVerbatim(sql, "COMMIT");
    } catch (...) {
      try {
        ExecuteVerbatim(sql, "ROLLBACK");
      } catch (...) {
        // Nothing more to undo; the lease return closes a broken connection.
      }
      throw;
    }
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
    log << "migrate: applied " << Label(migration) << " (" << migration.file.string() << ", "
        << statements.size() << " statements, " << ms << " ms)\n";
    ++count;
  }
  return count;
}

}  // namespace lumbung::db
