// The database connection pool: one object per process, shared by all threads.
//
//   db::Database database(db::ParseDatabaseUrl(url), {.pool_size = 8});
//   {
//     db::Database::Lease lease = database.Acquire();   // waits for a free connection
//     soci::session& sql = *lease;
//     sql << "SELECT ...", soci::use(x), soci::into(y);
//   }                                                    // connection goes back to the pool
//
// Connections are opened lazily up to pool_size (the first one in the constructor unless
// connect_at_start is false, so a wrong URL or an unreachable server fails at start-up). A
// PostgreSQL connection found broken when leased (the server restarted) is reopened; a lease
// returned with a transaction still open is rolled back, so the next user always starts clean.
//
// SQLite connections get: busy_timeout (how long a writer waits for another writer),
// journal_mode=WAL (readers never block the writer), synchronous=NORMAL (durable at WAL
// checkpoints; a power cut can lose the last transactions but never corrupts the file),
// foreign_keys=ON (SQLite ignores REFERENCES without it). The file's directory is created.
// `sqlite::memory:` is private to a connection, so its pool is always one connection.
//
// Placeholders in SQL are SOCI's `:name`, which work on both dialects; write portable SQL
// and keep dialect-specific statements behind dialect().
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/db/database_url.h"

namespace soci {
class session;
}

namespace lumbung::db {

// A connection could not be opened or a query failed at the connection level. what() never
// contains a password (URLs in it are Redacted()).
class DatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// No connection became free within the lease timeout: the pool is too small for the load, or
// leases are held too long.
class PoolTimeout : public DatabaseError {
 public:
  using DatabaseError::DatabaseError;
};

struct DatabaseOptions {
  std::size_t pool_size = 8;  // >= 1; forced to 1 for sqlite::memory:
  std::chrono::milliseconds lease_timeout{10000};
  std::chrono::milliseconds sqlite_busy_timeout{5000};
  // PostgreSQL connect_timeout, added to the URI when it has none, so that opening a connection
  // to an unreachable server cannot hang (libpq's minimum is 2 s).
  std::chrono::seconds postgres_connect_timeout{5};
  // Open one connection in the constructor, so that a wrong URL or an unreachable server fails
  // at start-up. false: start without the database (Ping() says false until it is reachable).
  bool connect_at_start = true;
};

// A snapshot for metrics.
struct PoolStats {
  std::size_t size = 0;            // configured maximum number of connections
  std::size_t open = 0;            // connections currently open
  std::size_t in_use = 0;          // leased right now
  std::uint64_t total_leases = 0;  // since start
  std::uint64_t waits = 0;         // leases that had to wait for a free connection
  std::uint64_t timeouts = 0;      // leases that gave up (PoolTimeout)
};

// Thrown by Database::Acquire() on a thread that must not wait for the database: the network
// thread answering a request from memory (app.cc, App::HandleInline), which then hands the
// request to the workers. Deliberately not a std::exception, so that no handler's
// catch (const std::exception&) swallows it on its way back.
struct WouldWait {};

// While one is alive on a thread, Database::Acquire() there throws WouldWait.
class NoWaitingHere {
 public:
  NoWaitingHere();
  ~NoWaitingHere();
  NoWaitingHere(const NoWaitingHere&) = delete;
  NoWaitingHere& operator=(const NoWaitingHere&) = delete;

 private:
  bool previous_;
};

class Database {
 public:
  // Opens the first connection (see connect_at_start); throws DatabaseError when it cannot.
  explicit Database(DatabaseUrl url, DatabaseOptions options = {});
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Exclusive use of one pooled connection until destroyed. Movable, not copyable. Must not
  // outlive the Database.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&& other) noexcept;
    ~Lease();
    soci::session& operator*() const { return *session_; }
    soci::session* operator->() const { return session_; }
    soci::session& session() const { return *session_; }

   private:
    friend class Database;
    Lease(Database* owner, std::size_t slot, soci::session* session)
        : owner_(owner), slot_(slot), session_(session) {}
    void Release() noexcept;
    Database* owner_ = nullptr;
    std::size_t slot_ = 0;
    soci::session* session_ = nullptr;
  };

  // Waits up to options.lease_timeout for a free connection. Throws PoolTimeout, or
  // DatabaseError when a connection has to be (re)opened and cannot be; WouldWait on a thread
  // inside NoWaitingHere.
  Lease Acquire();
  Lease Acquire(std::chrono::milliseconds timeout);

  // True when the database answers `SELECT 1` within `timeout` (for /readyz). Never throws.
  // A PostgreSQL server that is down or hung gives false within about the timeout (plus the
  // connect timeout when the connection must be reopened).
  bool Ping(std::chrono::milliseconds timeout = std::chrono::milliseconds(2000));

  Dialect dialect() const { return url_.dialect; }
  const DatabaseUrl& url() const { return url_; }
  PoolStats Stats() const;

 private:
  struct Slot {
    std::unique_ptr<soci::session> session;
    bool in_use = false;
  };
  std::unique_ptr<soci::session> Open() const;
  void Return(std::size_t slot) noexcept;

  const DatabaseUrl url_;
  const DatabaseOptions options_;
  std::string connect_string_;  // holds the password: never log it
  mutable std::mutex mutex_;
  std::condition_variable released_;
  std::vector<Slot> slots_;
  std::uint64_t total_leases_ = 0, waits_ = 0, timeouts_ = 0;
};

}  // namespace lumbung::db
