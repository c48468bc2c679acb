#include "core/db/database.h"

#include <poll.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cerrno>
#include <filesystem>
#include <string>
#include <utility>

#include "core/db/native_handle.h"

namespace lumbung::db {
namespace {

using Clock = std::chrono::steady_clock;

// SOCI's sqlite3 backend reads `db=VALUE` up to the next space unless VALUE is double-quoted.
std::string SqliteConnectString(const std::string& path) {
  if (path.find_first_of(" \"") == std::string::npos) return "db=" + path;
  if (path.find('"') != std::string::npos) {
    throw DatabaseError("database.url: a SQLite file path must not contain '\"'");
  }
  return "db=\"" + path + "\"";
}

std::string PostgresConnectString(const DatabaseUrl& url, const DatabaseOptions& options) {
  std::string uri = url.postgres_uri;
  auto add_default = [&uri](const std::string& key, const std::string& value) {
    const std::size_t q = uri.find('?');
    if (q != std::string::npos) {
      // Present already (as the first parameter or after an '&'): the URL wins.
      if (uri.compare(q + 1, key.size() + 1, key + "=") == 0 ||
          uri.find("&" + key + "=", q) != std::string::npos) {
        return;
      }
    }
    uri += (q == std::string::npos ? '?' : '&') + key + "=" + value;
  };
  add_default("connect_timeout", std::to_string(options.postgres_connect_timeout.count()));
  add_default("application_name", "lumbung");
  return uri;
}

// Before the first connection: SQLite's memory statistics take one process-wide mutex on every
// allocation, which serialised the worker threads (measured: a third of the dashboard's time
// waiting on it). Nothing here reads the statistics. Each connection is used by one thread at a
// time (the pool's lease), so the multi-thread mode's lack of per-connection locks is safe.
void ConfigureSqliteLibrary() {
  static const bool configured = [] {
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    return true;
  }();
  (void)configured;
}

void ConfigureSqlite(soci::session& sql, const DatabaseUrl& url, const DatabaseOptions& options) {
  ExecuteVerbatim(sql,
                  "PRAGMA busy_timeout = " + std::to_string(options.sqlite_busy_timeout.count()));
  std::string mode;
  sql << "PRAGMA journal_mode = WAL", soci::into(mode);
  if (!url.IsMemory() && mode != "wal") {
    throw DatabaseError("database: " + url.Redacted() + " cannot use WAL journal mode (got \"" +
                        mode + "\"); is the file on a network file system?");
  }
  ExecuteVerbatim(sql, "PRAGMA synchronous = NORMAL");
  ExecuteVerbatim(sql, "PRAGMA foreign_keys = ON");
}

bool SqliteInTransaction(soci::session& sql) {
  auto* conn = reinterpret_cast<sqlite_api::sqlite3*>(SqliteHandle(sql));
  return sqlite_api::sqlite3_get_autocommit(conn) == 0;
}

// SELECT 1 on the raw connection with a deadline: libpq's synchronous calls could wait forever
// on a server that accepts TCP but does not answer. Returns false on error or timeout; on
// timeout the connection is mid-query and must not be reused.
bool PingPostgres(PGconn* conn, Clock::time_point deadline) {
  if (PQstatus(conn) != CONNECTION_OK) return false;
  if (PQsendQuery(conn, "SELECT 1") == 0) return false;
  while (true) {
    const int flushed = PQflush(conn);
    if (flushed < 0) return false;
    if (flushed == 0 && !PQisBusy(conn)) break;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd fd{PQsocket(conn), static_cast<short>(POLLIN | (flushed == 1 ? POLLOUT : 0)), 0};
    const int ready = poll(&fd, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno != EINTR) return false;
    if (ready > 0 && PQconsumeInput(conn) == 0) return false;
  }
  bool ok = false;
  while (PGresult* result = PQgetResult(conn)) {
    if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) == 1) {
      ok = std::string_view(PQgetvalue(result, 0, 0)) == "1";
    }
    PQclear(result);
  }
  return ok && PQstatus(conn) == CONNECTION_OK;
}

}  // namespace

Database::Database(DatabaseUrl url, DatabaseOptions options)
    : url_(std::move(url)), options_(std::move(options)) {
  if (options_.pool_size == 0) throw DatabaseError("database.pool_size must be at least 1");
  std::size_t size = options_.pool_size;
  if (url_.dialect == Dialect::kSqlite) {
    // Each connection to :memory: would be a different, empty database.
    if (url_.IsMemory()) size = 1;
    ConfigureSqliteLibrary();
    connect_string_ = SqliteConnectString(url_.sqlite_path);
    if (!url_.IsMemory()) {
      const std::filesystem::path parent = std::filesystem::path(url_.sqlite_path).parent_path();
      std::error_code error;
      if (!parent.empty()) std::filesystem::create_directories(parent, error);
      if (error) {
        throw DatabaseError("database: cannot create the directory " + parent.string() + " for " +
                            url_.Redacted() + ": " + error.message());
      }
    }
  } else {
    connect_string_ = PostgresConnectString(url_, options_);
  }
  slots_.resize(size);
  if (options_.connect_at_start) slots_[0].session = Open();
}

Database::~Database() = default;

std::unique_ptr<soci::session> Database::Open() const {
  try {
    if (url_.dialect == Dialect::kSqlite) {
      auto session = std::make_unique<soci::session>(*soci::factory_sqlite3(), connect_string_);
      ConfigureSqlite(*session, url_, options_);
      return session;
    }
    auto session = std::make_unique<soci::session>(*soci::factory_postgresql(), connect_string_);
    // libpq prints NOTICEs ("relation ... already exists, skipping") to stderr by default: they
    // are not errors and must not clutter the server's log.
    PQsetNoticeProcessor(
        PostgresHandle(*session), [](void*, const char*) {}, nullptr);
    return session;
  } catch (const DatabaseError&) {
    throw;
  } catch (const std::exception& e) {
    std::string message = e.what();
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    throw DatabaseError("database: cannot open " + url_.Redacted() + ": " + message);
  }
}

Database::Lease Database::Acquire() {
  return Acquire(options_.lease_timeout);
}

namespace {
thread_local bool no_waiting = false;
}  // namespace

NoWaitingHere::NoWaitingHere() : previous_(no_waiting) {
  no_waiting = true;
}
NoWaitingHere::~NoWaitingHere() {
  no_waiting = previous_;
}

Database::Lease Database::Acquire(std::chrono::milliseconds timeout) {
  if (no_waiting) throw WouldWait{};
  std::unique_lock lock(mutex_);
  ++total_leases_;
  // Prefer a connection that is already open, so the pool only grows under load.
  auto find_free = [this]() -> std::ptrdiff_t {
    std::ptrdiff_t closed = -1;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      if (slots_[i].in_use) continue;
      if (slots_[i].session) return static_cast<std::ptrdiff_t>(i);
      if (closed < 0) closed = static_cast<std::ptrdiff_t>(i);
    }
    return closed;
  };
  std::ptrdiff_t index = find_free();
  if (index < 0) {
    ++waits_;
    if (!released_.wait_for(lock, timeout, [&] { return (index = find_free()) >= 0; })) {
      ++timeouts_;
      throw PoolTimeout("database: no free connection within " + std::to_string(timeout.count()) +
                        " ms (pool size " + std::to_string(slots_.size()) + ")");
    }
  }
  const auto slot = static_cast<std::size_t>(index);
  slots_[slot].in_use = true;
  soci::session* session = slots_[slot].session.get();
  lock.unlock();

  // A PostgreSQL connection whose server went away is CONNECTION_BAD after its first failed
  // query: reopen it here rather than failing every later request that gets it.
  bool reopen = session == nullptr;
  if (!reopen && url_.dialect == Dialect::kPostgres) {
    reopen = PQstatus(PostgresHandle(*session)) != CONNECTION_OK;
  }
  if (reopen) {
    std::unique_ptr<soci::session> fresh;
    try {
      fresh = Open();
    } catch (...) {
      lock.lock();
      slots_[slot].session.reset();
      slots_[slot].in_use = false;
      lock.unlock();
      released_.notify_one();
      throw;
    }
    lock.lock();
    slots_[slot].session = std::move(fresh);
    session = slots_[slot].session.get();
    lock.unlock();
  }
  return Lease(this, slot, session);
}

void Database::Return(std::size_t slot) noexcept {
  soci::session* session = nullptr;
  {
    std::lock_guard lock(mutex_);
    session = slots_[slot].session.get();
  }
  bool discard = false;
  // Whoever leased the connection left a transaction open (an exception between begin and
  // commit without soci::transaction): roll it back so the next user starts clean.
  try {
    if (url_.dialect == Dialect::kSqlite) {
      if (SqliteInTransaction(*session)) ExecuteVerbatim(*session, "ROLLBACK");
    } else {
      PGconn* conn = PostgresHandle(*session);
      switch (PQtransactionStatus(conn)) {
        case PQTRANS_IDLE:
          break;
        case PQTRANS_INTRANS:
        case PQTRANS_INERROR:
          ExecuteVerbatim(*session, "ROLLBACK");
          break;
        default:  // a query still running, or the connection is bad
          discard = true;
      }
    }
  } catch (...) {
    discard = true;
  }
  std::unique_ptr<soci::session> closing;
  {
    std::lock_guard lock(mutex_);
    if (discard) closing = std::move(slots_[slot].session);
    slots_[slot].in_use = false;
  }
  released_.notify_one();
  closing.reset();  // outside the lock: closing a connection may take a round trip
}

bool Database::Ping(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  try {
    Lease lease = Acquire(timeout);
    if (url_.dialect == Dialect::kSqlite) {
      int one = 0;
      *lease << "SELECT 1", soci::into(one);
      return one == 1;
    }
    // A connection left mid-query by a timeout, or broken, is closed when the lease returns
    // (see Return) and reopened at its next lease.
    return PingPostgres(PostgresHandle(*lease), deadline);
  } catch (...) {
    return false;
  }
}

PoolStats Database::Stats() const {
  std::lock_guard lock(mutex_);
  PoolStats stats;
  stats.size = slots_.size();
  for (const Slot& slot : slots_) {
    if (slot.session) ++stats.open;
    if (slot.in_use) ++stats.in_use;
  }
  stats.total_leases = total_leases_;
  stats.waits = waits_;
  stats.timeouts = timeouts_;
  return stats;
}

Database::Lease::Lease(Lease&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)),
      slot_(other.slot_),
      session_(std::exchange(other.session_, nullptr)) {}

Database::Lease& Database::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    Release();
    owner_ = std::exchange(other.owner_, nullptr);
    slot_ = other.slot_;
    session_ = std::exchange(other.session_, nullptr);
  }
  return *this;
}

Database::Lease::~Lease() {
  Release();
}

void Database::Lease::Release() noexcept {
  if (owner_ == nullptr) return;
  owner_->Return(slot_);
  owner_ = nullptr;
  session_ = nullptr;
}

}  // namespace lumbung::db
