#include "ops/backup.h"

#include <fcntl.h>
#include <libpq-fe.h>
#include <soci/soci.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <set>
#include <sstream>
#include <system_error>

#include "core/db/database.h"
#include "core/db/migrator.h"
#include "core/db/native_handle.h"
#include "core/db/transaction.h"

extern char** environ;

namespace lumbung::ops {
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

std::string Quoted(const fs::path& path) {
  return "'" + path.string() + "'";
}

std::string SystemError(const std::string& what, int error) {
  return what + ": " + std::strerror(error);
}

void SyncPath(const fs::path& path, bool directory) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0));
  if (fd < 0) throw BackupError(SystemError("cannot open " + Quoted(path), errno));
  const int synced = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (synced != 0)
    throw BackupError(SystemError("cannot write " + Quoted(path) + " to disk", error));
}

// The file being written, mode 0600 from its creation, beside the name it will get, so that the
// final rename stays on one file system and is atomic. Removed unless installed.
class PartialFile {
 public:
  explicit PartialFile(const fs::path& target) {
    std::string name = target.string() + ".partial-XXXXXX";
    const int fd = ::mkstemp(name.data());  // 0600
    if (fd < 0)
      throw BackupError(SystemError("cannot create a file beside " + Quoted(target), errno));
    ::close(fd);
    path_ = name;
  }
  ~PartialFile() {
    if (installed_) return;
    std::error_code ignored;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
      fs::remove(path_.string() + suffix, ignored);
    }
  }
  PartialFile(const PartialFile&) = delete;
  PartialFile& operator=(const PartialFile&) = delete;

  const fs::path& path() const { return path_; }

  // Flushed, renamed over `target`, and the directory entry flushed too.
  void Install(const fs::path& target) {
    SyncPath(path_, false);
    if (::rename(path_.c_str(), target.c_str()) != 0) {
      throw BackupError(
          SystemError("cannot rename the finished backup to " + Quoted(target), errno));
    }
    installed_ = true;
    SyncPath(target.has_parent_path() ? target.parent_path() : fs::path("."), true);
  }

 private:
  fs::path path_;
  bool installed_ = false;
};

// Where a backup may be written: not a directory, in a directory that exists.
void CheckTarget(const fs::path& to) {
  std::error_code ec;
  if (to.empty()) throw BackupError("no backup file named");
  if (fs::is_directory(to, ec)) {
    throw BackupError(Quoted(to) + " is a directory: name the backup file itself");
  }
  const fs::path parent = to.has_parent_path() ? to.parent_path() : fs::path(".");
  if (!fs::is_directory(parent, ec)) throw BackupError("there is no directory " + Quoted(parent));
}

// ---- child processes ----------------------------------------------------------------------

struct ChildResult {
  int exit_code = -1;  // -1 when ended by a signal
  int signal = 0;
  std::string out;  // stdout when captured; stderr always goes to ours
};

std::string DescribeEnd(const std::string& program, const ChildResult& result) {
  if (result.signal != 0) return program + " was ended by signal " + std::to_string(result.signal);
  return program + " failed (exit status " + std::to_string(result.exit_code) + ")";
}

// Runs argv[0] (a path, or a name looked up in PATH) with our environment, in which PGPASSWORD
// is `password` (or absent). The password is never in argv.
ChildResult RunChild(const std::vector<std::string>& argv, const std::string& password,
                     bool capture) {
  std::vector<std::string> env_strings;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    if (std::strncmp(*e, "PGPASSWORD=", 11) == 0) continue;
    env_strings.emplace_back(*e);
  }
  if (!password.empty()) env_strings.push_back("PGPASSWORD=" + password);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = argv;
  std::vector<char*> argp;
  for (auto& s : args) argp.push_back(s.data());
  argp.push_back(nullptr);

  int pipe_fds[2] = {-1, -1};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (capture) {
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
      posix_spawn_file_actions_destroy(&actions);
      throw BackupError(SystemError("cannot make a pipe", errno));
    }
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  }
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, argp[0], &actions, nullptr, argp.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  for (auto& s : env_strings) std::fill(s.begin(), s.end(), '\0');
  if (capture) ::close(pipe_fds[1]);
  if (spawned != 0) {
    if (capture) ::close(pipe_fds[0]);
    throw BackupError(SystemError("cannot run " + argv[0], spawned) +
                      " (install postgresql-client of the server's version, or name its "
                      "directory with --pg-bindir)");
  }
  ChildResult result;
  if (capture) {
    char buffer[65536];
    for (;;) {
      const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
      if (n > 0) {
        result.out.append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        break;
      }
    }
    ::close(pipe_fds[0]);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw BackupError(SystemError("cannot wait for " + argv[0], errno));
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  }
  return result;
}

// ---- SQLite -------------------------------------------------------------------------------

class SqliteFile {
 public:
  SqliteFile(const fs::path& path, int flags) {
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close_v2(db_);
      throw BackupError("cannot open " + Quoted(path) + ": " + message);
    }
    sqlite3_busy_timeout(db_, 5000);
  }
  ~SqliteFile() { sqlite3_close_v2(db_); }
  SqliteFile(const SqliteFile&) = delete;
  SqliteFile& operator=(const SqliteFile&) = delete;
  sqlite3* get() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

void Exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    throw BackupError(sql + ": " + text);
  }
}

// Every row of a one-column query as text. Throws BackupError with SQLite's message.
std::vector<std::string> Column(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    throw BackupError(sqlite3_errmsg(db));
  }
  std::vector<std::string> rows;
  int rc = 0;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
    const auto* text = sqlite3_column_text(statement, 0);
    rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
  }
  std::string message = rc == SQLITE_DONE ? "" : sqlite3_errmsg(db);
  sqlite3_finalize(statement);
  if (!message.empty()) throw BackupError(message);
  return rows;
}

// "" when the file is sound, else what SQLite found (the first problems).
std::string IntegrityProblems(sqlite3* db, const char* pragma) {
  const auto rows = Column(db, std::string("PRAGMA ") + pragma + "(20)");
  if (rows.size() == 1 && rows[0] == "ok") return "";
  std::string problems;
  for (const auto& row : rows) problems += (problems.empty() ? "" : "; ") + row;
  return problems.empty() ? "no answer" : problems;
}

std::vector<int> SqliteVersions(sqlite3* db) {
  std::vector<int> versions;
  for (const auto& v : Column(db, "SELECT version FROM schema_migrations ORDER BY version")) {
    versions.push_back(std::stoi(v));
  }
  return versions;
}

fs::path SqlitePath(const db::DatabaseUrl& url) {
  if (url.IsMemory()) throw BackupError("an in-memory database (sqlite::memory:) has no backup");
  return url.sqlite_path;
}

BackupReport BackUpSqlite(const db::DatabaseUrl& url, const fs::path& to, std::ostream& log) {
  const fs::path source = SqlitePath(url);
  std::error_code ec;
  if (!fs::is_regular_file(source, ec)) {
    throw BackupError("there is no database file " + Quoted(source));
  }
  if (fs::exists(to, ec) && fs::equivalent(source, to, ec)) {
    throw BackupError(Quoted(to) + " is the database itself: name another file");
  }
  PartialFile partial(to);
  BackupReport report;
  {
    SqliteFile live(source, SQLITE_OPEN_READWRITE);
    // One read snapshot for the whole copy: in WAL mode the servers go on writing meanwhile and
    // the copy never restarts, whatever they write.
    Exec(live.get(), "BEGIN");
    std::vector<int> versions;
    try {
      versions = SqliteVersions(live.get());
    } catch (const BackupError& e) {
      throw BackupError(Quoted(source) + " is not a Lumbung database (" + e.what() + ")");
    }
    SqliteFile copy(partial.path(), SQLITE_OPEN_READWRITE);
    sqlite3_backup* backup = sqlite3_backup_init(copy.get(), "main", live.get(), "main");
    if (backup == nullptr) throw BackupError(sqlite3_errmsg(copy.get()));
    auto last_report = Clock::now();
    int rc = SQLITE_OK;
    for (;;) {
      rc = sqlite3_backup_step(backup, 1024);  // 4 MiB at a time
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        sqlite3_sleep(20);
        continue;
      }
      if (rc != SQLITE_OK) break;
      if (Clock::now() - last_report > std::chrono::seconds(2)) {
        last_report = Clock::now();
        const int total = sqlite3_backup_pagecount(backup);
        log << "backup: " << (total - sqlite3_backup_remaining(backup)) << " of " << total
            << " pages copied\n"
            << std::flush;
      }
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
      throw BackupError("copying " + Quoted(source) + " failed: " + sqlite3_errstr(rc) + " (" +
                        sqlite3_errmsg(copy.get()) + ")");
    }
    Exec(live.get(), "COMMIT");
    // A file that stands alone: the live file's WAL flag came with its first page.
    const auto mode = Column(copy.get(), "PRAGMA journal_mode = DELETE");
    if (mode.empty() || mode[0] != "delete") {
      throw BackupError("the copy cannot leave WAL mode");
    }
    const std::string problems = IntegrityProblems(copy.get(), "integrity_check");
    if (!problems.empty()) {
      throw BackupError("the copy failed its integrity check: " + problems);
    }
    report.schema_version = versions.empty() ? 0 : versions.back();
  }
  partial.Install(to);
  report.file = to;
  report.bytes = fs::file_size(to, ec);
  return report;
}

// ---- PostgreSQL ---------------------------------------------------------------------------

// The directory of pg_dump and pg_restore: the one asked for, else that of the server's major
// version as Debian installs it, else none (the PATH decides).
fs::path PgBinDir(const fs::path& asked, db::Database& database) {
  if (!asked.empty()) {
    if (::access((asked / "pg_dump").c_str(), X_OK) != 0) {
      throw BackupError("there is no pg_dump in " + Quoted(asked));
    }
    return asked;
  }
  std::string version;
  {
    auto lease = database.Acquire();
    *lease << "SHOW server_version_num", soci::into(version);
  }
  int number = 0;
  std::from_chars(version.data(), version.data() + version.size(), number);
  const fs::path debian = "/usr/lib/postgresql/" + std::to_string(number / 10000) + "/bin";
  if (number > 0 && ::access((debian / "pg_dump").c_str(), X_OK) == 0) return debian;
  return {};
}

std::string Tool(const fs::path& bindir, const char* name) {
  return bindir.empty() ? std::string(name) : (bindir / name).string();
}

struct Archive {
  std::vector<std::string> tables;
  std::vector<int> versions;
};

// Reads an archive's table of contents and its schema versions; throws BackupError when
// pg_restore cannot read it or it is not a Lumbung database's.
Archive ReadArchive(const fs::path& bindir, const fs::path& file) {
  const std::string pg_restore = Tool(bindir, "pg_restore");
  const auto list = RunChild({pg_restore, "--list", "--file=-", file.string()}, "", true);
  if (list.exit_code != 0) {
    throw BackupError(Quoted(file) + " is not a pg_dump archive or is damaged: " +
                      DescribeEnd("pg_restore --list", list));
  }
  Archive archive;
  archive.tables = TablesInArchiveList(list.out);
  if (std::find(archive.tables.begin(), archive.tables.end(), "schema_migrations") ==
      archive.tables.end()) {
    throw BackupError(Quoted(file) +
                      " is not a backup of a Lumbung database (no schema_migrations)");
  }
  const auto data =
      RunChild({pg_restore, "--data-only", "--table=schema_migrations", "--file=-", file.string()},
               "", true);
  if (data.exit_code != 0) {
    throw BackupError(Quoted(file) + " is damaged: " + DescribeEnd("pg_restore", data));
  }
  archive.versions = SchemaVersionsFromCopy(data.out);
  return archive;
}

db::DatabaseOptions OneConnection() {
  db::DatabaseOptions options;
  options.pool_size = 1;
  return options;
}

BackupReport BackUpPostgres(const db::DatabaseUrl& url, const fs::path& to,
                            const BackupOptions& options, std::ostream& log) {
  db::Database database(url, OneConnection());
  const fs::path bindir = PgBinDir(options.pg_bindir, database);
  const auto connection = SplitPostgresPassword(url.postgres_uri);
  PartialFile partial(to);
  log << "backup: pg_dump of " << url.Redacted() << "\n" << std::flush;
  const auto dump =
      RunChild({Tool(bindir, "pg_dump"), "--format=custom", "--no-password",
                "--file=" + partial.path().string(), "--dbname=" + connection.conninfo},
               connection.password, false);
  if (dump.exit_code != 0)
    throw BackupError(DescribeEnd("pg_dump", dump) + "; its messages are above");
  const Archive archive = ReadArchive(bindir, partial.path());
  partial.Install(to);
  BackupReport report;
  report.file = to;
  std::error_code ec;
  report.bytes = fs::file_size(to, ec);
  report.schema_version = archive.versions.empty() ? 0 : archive.versions.back();
  return report;
}

// ---- restore ------------------------------------------------------------------------------

std::vector<std::string> TableNames(soci::session& sql) {
  std::vector<std::string> names;
  const std::string query =
      db::SessionDialect(sql) == db::Dialect::kSqlite
          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
            "ESCAPE '\\' ORDER BY name"
          : "SELECT table_name FROM information_schema.tables WHERE table_schema = "
            "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name";
  soci::rowset<std::string> rows = sql.prepare << query;
  for (const auto& name : rows) names.push_back(name);
  return names;
}

std::map<std::string, std::int64_t> RowCounts(soci::session& sql) {
  std::map<std::string, std::int64_t> counts;
  for (const auto& table : TableNames(sql)) {
    long long rows = 0;
    sql << "SELECT count(*) FROM " + QuoteIdentifier(table), soci::into(rows);
    counts[table] = rows;
  }
  return counts;
}

// What a database holds right after this binary's migrations ran on it: those rows are no data.
std::map<std::string, std::int64_t> FreshRowCounts(const std::vector<fs::path>& migration_dirs) {
  db::Database fresh(db::ParseDatabaseUrl("sqlite::memory:"), OneConnection());
  std::ostringstream quiet;
  db::Migrate(fresh, migration_dirs, quiet);
  auto lease = fresh.Acquire();
  return RowCounts(*lease);
}

std::vector<int> KnownVersions(const std::vector<fs::path>& migration_dirs, db::Dialect dialect) {
  std::vector<int> known;
  for (const auto& m : db::FindMigrations(migration_dirs, dialect)) known.push_back(m.version);
  return known;
}

void RefuseNewer(const std::vector<int>& backup, const std::vector<int>& known,
                 const fs::path& from) {
  const auto unknown = UnknownVersions(backup, known);
  if (unknown.empty()) return;
  std::string list;
  for (int v : unknown) list += (list.empty() ? "" : ", ") + std::to_string(v);
  throw BackupError(Quoted(from) + " comes from a newer release of Lumbung: its schema has " +
                    "migration(s) " + list + ", and this binary knows migrations up to " +
                    std::to_string(known.empty() ? 0 : known.back()) +
                    ". Restore it with that release or a later one.");
}

// Refuses unless `force`; with force, says what goes.
std::vector<TableRows> CheckReplacing(soci::session& sql, const db::DatabaseUrl& url,
                                      const std::vector<fs::path>& migration_dirs, bool force,
                                      std::ostream& log) {
  auto replaced = DataBeyondFresh(RowCounts(sql), FreshRowCounts(migration_dirs));
  if (replaced.empty()) return replaced;
  std::int64_t total = 0;
  for (const auto& t : replaced) total += t.rows;
  std::ostringstream summary;
  summary << url.Redacted() << " holds data: " << total << " row(s) in " << replaced.size()
          << " table(s)";
  if (!force) {
    throw BackupError(summary.str() +
                      ". A restore replaces all of it; say --force if that is what you want.");
  }
  log << "restore: replacing what " << summary.str() << ":\n";
  for (const auto& t : replaced) log << "  " << t.table << ": " << t.rows << "\n";
  log << std::flush;
  return replaced;
}

int RecordedVersion(db::Database& database) {
  auto lease = database.Acquire();
  int version = 0;
  soci::indicator null = soci::i_ok;
  *lease << "SELECT max(version) FROM schema_migrations", soci::into(version, null);
  return null == soci::i_ok ? version : 0;
}

// Brings a backup from an older release up to this binary's schema and checks the result.
void FinishRestore(db::Database& database, const std::vector<fs::path>& migration_dirs,
                   const std::vector<int>& known, RestoreReport& report, std::ostream& log) {
  report.migrations_applied = db::Migrate(database, migration_dirs, log);
  report.schema_version = RecordedVersion(database);
  const int expected = known.empty() ? 0 : known.back();
  if (report.schema_version != expected) {
    throw BackupError("after the restore the schema is at version " +
                      std::to_string(report.schema_version) + ", not " + std::to_string(expected) +
                      " as this binary expects");
  }
}

RestoreReport RestoreSqlite(const db::DatabaseUrl& url, const fs::path& from,
                            const std::vector<fs::path>& migration_dirs,
                            const RestoreOptions& options, std::ostream& log) {
  const fs::path target = SqlitePath(url);
  SqliteFile backup(from, SQLITE_OPEN_READONLY);
  std::string problems;
  try {
    problems = IntegrityProblems(backup.get(), "integrity_check");
  } catch (const BackupError& e) {
    problems = e.what();
  }
  if (!problems.empty()) {
    throw BackupError(Quoted(from) + " is not a SQLite backup or is damaged: " + problems);
  }
  RestoreReport report;
  std::vector<int> versions;
  try {
    versions = SqliteVersions(backup.get());
  } catch (const BackupError& e) {
    throw BackupError(Quoted(from) + " is not a backup of a Lumbung database (" + e.what() + ")");
  }
  report.backup_version = versions.empty() ? 0 : versions.back();
  const auto known = KnownVersions(migration_dirs, db::Dialect::kSqlite);
  RefuseNewer(versions, known, from);

  std::error_code ec;
  if (!fs::exists(target, ec)) {
    // A new database file gets the backup's care: 0600 from the start.
    if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
    const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw BackupError(SystemError("cannot create " + Quoted(target), errno));
    ::close(fd);
  } else if (fs::equivalent(target, from, ec)) {
    throw BackupError(Quoted(from) + " is the database itself");
  }
  db::Database database(url, OneConnection());
  {
    auto lease = database.Acquire();
    report.replaced = CheckReplacing(*lease, url, migration_dirs, options.force, log);
    // Every page in one write transaction on the live file: all or nothing, and a server that
    // still has it open sees either the old database or the restored one.
    sqlite3* live = reinterpret_cast<sqlite3*>(db::SqliteHandle(*lease));
    sqlite3_backup* copy = sqlite3_backup_init(live, "main", backup.get(), "main");
    if (copy == nullptr) throw BackupError(sqlite3_errmsg(live));
    const int rc = sqlite3_backup_step(copy, -1);
    sqlite3_backup_finish(copy);
    if (rc != SQLITE_DONE) {
      std::string why = sqlite3_errstr(rc);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        why += ": another process is writing to the database; stop every lumbung server first";
      }
      throw BackupError("the restore changed nothing: " + why);
    }
    const std::string after = IntegrityProblems(live, "quick_check");
    if (!after.empty()) throw BackupError("the restored database fails its check: " + after);
  }
  FinishRestore(database, migration_dirs, known, report, log);
  return report;
}

RestoreReport RestorePostgres(const db::DatabaseUrl& url, const fs::path& from,
                              const std::vector<fs::path>& migration_dirs,
                              const RestoreOptions& options, std::ostream& log) {
  db::Database database(url, OneConnection());
  const fs::path bindir = PgBinDir(options.pg_bindir, database);
  const Archive archive = ReadArchive(bindir, from);
  RestoreReport report;
  report.backup_version = archive.versions.empty() ? 0 : archive.versions.back();
  const auto known = KnownVersions(migration_dirs, db::Dialect::kPostgres);
  RefuseNewer(archive.versions, known, from);

  std::vector<std::string> before;
  {
    auto lease = database.Acquire();
    report.replaced = CheckReplacing(*lease, url, migration_dirs, options.force, log);
    before = TableNames(*lease);
  }
  const auto connection = SplitPostgresPassword(url.postgres_uri);
  log << "restore: pg_restore into " << url.Redacted() << " (one transaction)\n" << std::flush;
  const auto restored =
      RunChild({Tool(bindir, "pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-acl",
                "--single-transaction", "--exit-on-error", "--no-password",
                "--dbname=" + connection.conninfo, from.string()},
               connection.password, false);
  if (restored.exit_code != 0) {
    throw BackupError(DescribeEnd("pg_restore", restored) +
                      "; the restore ran as one transaction, so the database is unchanged "
                      "(pg_restore's messages are above)");
  }
  // Tables of a newer schema than the backup's: gone, so that the migrations can make them again.
  std::set<std::string> in_backup(archive.tables.begin(), archive.tables.end());
  for (const auto& table : before) {
    if (!in_backup.count(table)) report.tables_gone.push_back(table);
  }
  if (!report.tables_gone.empty()) {
    auto lease = database.Acquire();
    db::Transaction tx(*lease, "BEGIN");
    for (const auto& table : report.tables_gone) {
      db::ExecuteVerbatim(*lease, "DROP TABLE IF EXISTS " + QuoteIdentifier(table) + " CASCADE");
    }
    tx.Commit();
  }
  FinishRestore(database, migration_dirs, known, report, log);
  return report;
}

}  // namespace

BackupReport BackUp(const db::DatabaseUrl& url, const fs::path& to, const BackupOptions& options,
                    std::ostream& log) {
  CheckTarget(to);
  if (url.dialect == db::Dialect::kSqlite) return BackUpSqlite(url, to, log);
  return BackUpPostgres(url, to, options, log);
}

RestoreReport Restore(const db::DatabaseUrl& url, const fs::path& from,
                      const std::vector<fs::path>& migration_dirs, const RestoreOptions& options,
                      std::ostream& log) {
  std::error_code ec;
  if (!fs::is_regular_file(from, ec)) throw BackupError("there is no backup file " + Quoted(from));
  if (url.dialect == db::Dialect::kSqlite) {
    return RestoreSqlite(url, from, migration_dirs, options, log);
  }
  return RestorePostgres(url, from, migration_dirs, options, log);
}

// ---- pure parts ---------------------------------------------------------------------------

PostgresChildConnection SplitPostgresPassword(const std::string& uri) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(uri.c_str(), &error);
  if (options == nullptr) {
    std::string message = error ? error : "out of memory";
    PQfreemem(error);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    // libpq's message quotes no password: it names the part it could not read.
    throw BackupError("database.url: " + message);
  }
  PostgresChildConnection result;
  bool has_timeout = false;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val == nullptr || *o->val == '\0') continue;
    const std::string keyword = o->keyword;
    if (keyword == "password") {
      result.password = o->val;
      continue;
    }
    if (keyword == "connect_timeout") has_timeout = true;
    std::string value;
    for (const char* c = o->val; *c; ++c) {
      if (*c == '\\' || *c == '\'') value += '\\';
      value += *c;
    }
    result.conninfo += (result.conninfo.empty() ? "" : " ") + keyword + "='" + value + "'";
  }
  PQconninfoFree(options);
  if (!has_timeout) result.conninfo += " connect_timeout='10'";
  return result;
}

std::vector<std::string> TablesInArchiveList(std::string_view list) {
  std::vector<std::string> tables;
  std::size_t start = 0;
  while (start < list.size()) {
    std::size_t end = list.find('\n', start);
    if (end == std::string_view::npos) end = list.size();
    const std::string line(list.substr(start, end - start));
    start = end + 1;
    if (line.empty() || line[0] == ';') continue;
    // "215; 1259 16385 TABLE public accounts lumbung"
    std::istringstream words(line);
    std::string id, catalog, oid, kind, schema, name;
    if (!(words >> id >> catalog >> oid >> kind >> schema >> name)) continue;
    if (kind == "TABLE" && schema != "DATA") tables.push_back(name);
  }
  std::sort(tables.begin(), tables.end());
  tables.erase(std::unique(tables.begin(), tables.end()), tables.end());
  return tables;
}

std::vector<int> SchemaVersionsFromCopy(std::string_view script) {
  std::vector<int> versions;
  bool inside = false, found = false;
  std::size_t start = 0;
  while (start < script.size()) {
    std::size_t end = script.find('\n', start);
    if (end == std::string_view::npos) end = script.size();
    std::string_view line = script.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!inside) {
      if (line.rfind("COPY ", 0) == 0 && line.find("schema_migrations") != std::string_view::npos &&
          line.size() >= 11 && line.substr(line.size() - 11) == "FROM stdin;") {
        inside = found = true;
      }
      continue;
    }
    if (line == "\\.") {
      inside = false;
      continue;
    }
    const std::string_view first = line.substr(0, line.find('\t'));
    int version = 0;
    const auto [end_of_number, error] =
        std::from_chars(first.data(), first.data() + first.size(), version);
    if (error != std::errc() || end_of_number != first.data() + first.size() || first.empty()) {
      throw BackupError("the backup's schema_migrations has a row that is not a version: " +
                        std::string(line.substr(0, 40)));
    }
    versions.push_back(version);
  }
  if (!found || inside) throw BackupError("the backup has no complete schema_migrations table");
  std::sort(versions.begin(), versions.end());
  return versions;
}

std::vector<int> UnknownVersions(const std::vector<int>& backup_versions,
                                 const std::vector<int>& known_versions) {
  const std::set<int> known(known_versions.begin(), known_versions.end());
  std::vector<int> unknown;
  for (int v : backup_versions) {
    if (!known.count(v)) unknown.push_back(v);
  }
  std::sort(unknown.begin(), unknown.end());
  return unknown;
}

std::vector<TableRows> DataBeyondFresh(const std::map<std::string, std::int64_t>& current,
                                       const std::map<std::string, std::int64_t>& fresh) {
  std::vector<TableRows> data;
  for (const auto& [table, rows] : current) {
    if (table == "schema_migrations") continue;
    const auto it = fresh.find(table);
    const std::int64_t baseline = it == fresh.end() ? 0 : it->second;
    if (rows > baseline) data.push_back({table, rows});
  }
  return data;
}

std::string QuoteIdentifier(std::string_view name) {
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace lumbung::ops
