#include "core/audit/audit_log.h"

#include <libpq-fe.h>
#include <soci/soci.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "core/audit/chain.h"
#include "core/db/native_handle.h"
#include "core/db/transaction.h"

namespace lumbung::audit {
namespace {

using db::Dialect;

constexpr int kMaxRecent = 1000;
constexpr int kVerifyBatch = 1000;

// Whether the caller has a transaction open on `sql`. SOCI 4.0 does not track this, so ask the
// driver.
bool InTransaction(soci::session& sql, Dialect dialect) {
  if (dialect == Dialect::kSqlite) return sqlite3_get_autocommit(db::SqliteHandle(sql)) == 0;
  switch (PQtransactionStatus(db::PostgresHandle(sql))) {
    case PQTRANS_IDLE:
      return false;
    case PQTRANS_INTRANS:
      return true;
    case PQTRANS_INERROR:
      throw std::runtime_error("audit: the PostgreSQL transaction has already failed");
    default:
      throw std::runtime_error("audit: the PostgreSQL connection is busy or broken");
  }
}

struct Head {
  long long last_id = 0;
  std::string last_hash;
};

std::optional<Head> ReadHead(soci::session& sql, bool for_update) {
  Head head;
  if (for_update) {
    sql << "SELECT last_id, last_hash FROM audit_chain WHERE id = 1 FOR UPDATE",
        soci::into(head.last_id), soci::into(head.last_hash);
  } else {
    sql << "SELECT last_id, last_hash FROM audit_chain WHERE id = 1", soci::into(head.last_id),
        soci::into(head.last_hash);
  }
  if (!sql.got_data()) return std::nullopt;
  return head;
}

// Takes the chain head for this transaction: after this, no other transaction can append until
// ours ends, and `head` is the true end of the chain.
Head LockHead(soci::session& sql, Dialect dialect) {
  std::optional<Head> head;
  if (dialect == Dialect::kPostgres) {
    head = ReadHead(sql, /*for_update=*/true);
  } else {
    // Write first: this takes SQLite's write lock (waiting up to busy_timeout for other
    // writers) before we read, so the head we read cannot be stale.
    sql << "UPDATE audit_chain SET last_id = last_id WHERE id = 1";
    head = ReadHead(sql, /*for_update=*/false);
  }
  if (!head) {
    throw std::runtime_error("audit: the audit_chain head row is missing (migration 0003?)");
  }
  return *head;
}

std::optional<std::int64_t> FromIndicator(long long value, soci::indicator indicator) {
  if (indicator == soci::i_null) return std::nullopt;
  return static_cast<std::int64_t>(value);
}

}  // namespace

Event Append(soci::session& sql, const Event& event) {
  Event stored = Normalise(event);  // may throw: before anything touches the database
  const Dialect dialect = db::SessionDialect(sql);
  std::optional<db::Transaction> own;
  if (!InTransaction(sql, dialect)) {
    own.emplace(db::Transaction::ForWriting(sql));
  }
  const Head head = LockHead(sql, dialect);

  // The time is taken while holding the head, so timestamps follow the chain order (as far as
  // the clock does).
  stored.id = head.last_id + 1;
  stored.occurred_at = FormatTimestamp(std::chrono::system_clock::now());
  ChainRow row{.id = stored.id,
               .occurred_at = stored.occurred_at,
               .actor_user_id = stored.actor_user_id,
               .subject_user_id = stored.subject_user_id,
               .action = stored.action,
               .result = std::string(ResultName(stored.result)),
               .ip = stored.ip,
               .user_agent = stored.user_agent,
               .details = DetailsJson(stored.details)};
  std::string row_hash = RowHash(head.last_hash, row);

  long long id = stored.id;
  long long actor = stored.actor_user_id.value_or(0);
  long long subject = stored.subject_user_id.value_or(0);
  soci::indicator actor_indicator = stored.actor_user_id ? soci::i_ok : soci::i_null;
  soci::indicator subject_indicator = stored.subject_user_id ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO audit_log (id, occurred_at, actor_user_id, subject_user_id, action, result,"
         " ip, user_agent, details, prev_hash, row_hash) VALUES (:id, :occurred_at, :actor,"
         " :subject, :action, :result, :ip, :user_agent, :details, :prev_hash, :row_hash)",
      soci::use(id), soci::use(row.occurred_at), soci::use(actor, actor_indicator),
      soci::use(subject, subject_indicator), soci::use(row.action), soci::use(row.result),
      soci::use(row.ip), soci::use(row.user_agent), soci::use(row.details),
      soci::use(head.last_hash), soci::use(row_hash);
  sql << "UPDATE audit_chain SET last_id = :id, last_hash = :hash WHERE id = 1", soci::use(id),
      soci::use(row_hash);
  if (own) own->Commit();
  return stored;
}

ChainVerification VerifyChain(soci::session& sql) {
  const Dialect dialect = db::SessionDialect(sql);
  std::optional<db::Transaction> snapshot;  // read only: rolled back at the end
  if (!InTransaction(sql, dialect)) {
    snapshot.emplace(sql, dialect == Dialect::kSqlite
                              ? "BEGIN"
                              : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }
  ChainVerification result;
  const std::optional<Head> head = ReadHead(sql, /*for_update=*/false);

  std::optional<std::int64_t> bad;
  std::int64_t expected_id = 1;
  std::string expected_prev(kGenesisHash);
  long long after = 0;
  for (bool more = true; more;) {
    long long id = 0, actor = 0, subject = 0;
    soci::indicator actor_indicator = soci::i_null, subject_indicator = soci::i_null;
    ChainRow row;
    std::string prev_hash, row_hash;
    const int batch = kVerifyBatch;
    soci::statement select =
        (sql.prepare << "SELECT id, occurred_at, actor_user_id, subject_user_id, action, result,"
                        " ip, user_agent, details, prev_hash, row_hash FROM audit_log"
                        " WHERE id > :after ORDER BY id LIMIT :batch",
         soci::use(after), soci::use(batch), soci::into(id), soci::into(row.occurred_at),
         soci::into(actor, actor_indicator), soci::into(subject, subject_indicator),
         soci::into(row.action), soci::into(row.result), soci::into(row.ip),
         soci::into(row.user_agent), soci::into(row.details), soci::into(prev_hash),
         soci::into(row_hash));
    select.execute();
    int fetched = 0;
    while (select.fetch()) {
      ++fetched;
      ++result.rows;
      after = id;
      if (bad) continue;        // keep counting
      if (id != expected_id) {  // ids have no gaps: rows expected_id .. id-1 are gone
        bad = expected_id;
        continue;
      }
      row.id = id;
      row.actor_user_id = FromIndicator(actor, actor_indicator);
      row.subject_user_id = FromIndicator(subject, subject_indicator);
      bool matches = false;
      try {
        matches = prev_hash == expected_prev && RowHash(prev_hash, row) == row_hash;
      } catch (const std::exception&) {
        matches = false;  // not valid UTF-8: changed behind the log's back
      }
      if (!matches) {
        bad = id;
        continue;
      }
      expected_prev = row_hash;
      expected_id = id + 1;
    }
    more = fetched == batch;
  }

  if (!head) {
    result.ok = false;
    result.first_bad_id = bad;
    return result;
  }
  if (!bad) {
    const std::int64_t last = expected_id - 1;  // the last row of the unbroken chain
    if (last < head->last_id) {
      bad = last + 1;  // rows missing at the end
    } else if (last > head->last_id) {
      bad = head->last_id + 1;  // rows the head does not know about
    } else if (expected_prev != head->last_hash) {
      bad = std::max<std::int64_t>(last, 1);
    }
  }
  result.ok = !bad;
  result.first_bad_id = bad;
  return result;
}

namespace {

// The newest rows matching `where` (which binds :a and :b, in that order), newest first.
template <typename A, typename B>
std::vector<Event> SelectRecent(soci::session& sql, const char* where, const A& a, const B& b,
                                int limit) {
  std::vector<Event> events;
  if (limit <= 0) return events;
  limit = std::min(limit, kMaxRecent);
  long long id = 0, actor = 0, subject = 0;
  soci::indicator actor_indicator = soci::i_null, subject_indicator = soci::i_null;
  std::string occurred_at, action, result, ip, user_agent, details;
  soci::statement select =
      (sql.prepare << "SELECT id, occurred_at, actor_user_id, subject_user_id, action, result,"
                      " ip, user_agent, details FROM audit_log WHERE "
                   << where << " ORDER BY id DESC LIMIT :limit",
       soci::use(a), soci::use(b), soci::use(limit), soci::into(id), soci::into(occurred_at),
       soci::into(actor, actor_indicator), soci::into(subject, subject_indicator),
       soci::into(action), soci::into(result), soci::into(ip), soci::into(user_agent),
       soci::into(details));
  select.execute();
  while (select.fetch()) {
    Event& event = events.emplace_back();
    event.id = id;
    event.occurred_at = occurred_at;
    event.actor_user_id = FromIndicator(actor, actor_indicator);
    event.subject_user_id = FromIndicator(subject, subject_indicator);
    event.action = action;
    event.result = ParseResult(result).value_or(Result::kError);
    event.ip = ip;
    event.user_agent = user_agent;
    event.details = ParseDetailsJson(details);
  }
  return events;
}

}  // namespace

std::vector<Event> RecentForUser(soci::session& sql, std::int64_t user_id, int limit) {
  const long long user = user_id;
  return SelectRecent(sql, "actor_user_id = :actor OR subject_user_id = :subject", user, user,
                      limit);
}

std::vector<Event> RecentWithAction(soci::session& sql, const std::string& action, int limit) {
  // The second bind keeps one query shape for both look-ups.
  return SelectRecent(sql, "action = :action AND :always = 1", action, 1, limit);
}

}  // namespace lumbung::audit
