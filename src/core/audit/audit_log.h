// The security audit log (ASVS 4.0.3 V7): append-only rows in `audit_log`, hash-chained (see
// chain.h) so that a changed or deleted row is detected, written in the same transaction as the
// change they record.
//
//   soci::transaction tx(sql);   // SQLite: see "Transactions" below
//   ... change the password ...
//   audit::Append(sql, {.actor_user_id = id, .subject_user_id = id,
//                       .action = "password.changed", .ip = request.client_ip,
//                       .user_agent = request.user_agent});
//   tx.commit();                 // the event commits with the change, or neither does
//
// Schema: src/core/audit/migrations/0003_audit_log*.sql. The table refuses UPDATE and DELETE
// (triggers) so that application code cannot change history by mistake; the hash chain
// catches whoever gets around that.
//
// Transactions and ordering. One chain means one writer at a time, in chain order:
//   * PostgreSQL: Append locks the single row of `audit_chain` (SELECT ... FOR UPDATE) until
//     the caller's transaction ends. Every audited transaction therefore queues there: call
//     Append LAST, just before commit, and take no other locks after it (deadlocks). Under
//     REPEATABLE READ or SERIALIZABLE a concurrent Append makes the transaction fail with a
//     serialization error: retry it, or use the default READ COMMITTED.
//   * SQLite: the database's single writer already serialises. Use a write transaction:
//     BEGIN IMMEDIATE, or write before you read. A deferred transaction that has only read
//     gets SQLITE_BUSY at its first write when another connection wrote meanwhile (SQLite cannot
//     upgrade a stale snapshot). Append itself writes before it reads the chain head.
//   * Outside a transaction Append opens its own (BEGIN IMMEDIATE on SQLite) and commits it.
// Row ids are assigned by Append (head + 1), so they have no gaps and a missing row shows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/event.h"

namespace soci {
class session;
}

namespace lumbung::audit {

// Appends `event` (after Normalise; see event.h) with the current UTC time. Returns the event
// as stored, with its id and occurred_at. Throws std::invalid_argument (nothing written) for a
// bad event or a secret-looking detail; the database's errors (soci::soci_error,
// db::DatabaseError), which leave the caller's transaction to be rolled back; and
// std::runtime_error when the chain head is missing (migration 0003 not applied) or the
// PostgreSQL transaction has already failed.
Event Append(soci::session& sql, const Event& event);

struct ChainVerification {
  bool ok = true;
  // The id of the first row at which the chain breaks: a row changed (its hash no longer
  // matches), the row after a deleted one (reported as the missing id), a row the head does not
  // cover, or one missing at the end. nullopt with ok == false: the chain head row is missing.
  std::optional<std::int64_t> first_bad_id;
  std::int64_t rows = 0;  // rows in audit_log
};

// Re-computes the whole chain in one consistent snapshot (its own read transaction, REPEATABLE
// READ on PostgreSQL, unless the caller has one open), reading in batches. Linear in the size
// of the log; meant for a periodic job or an operator command, not for request handling.
ChainVerification VerifyChain(soci::session& sql);

// The newest events where `user_id` is the actor or the subject, newest first, at most `limit`
// (capped at 1000; <= 0 gives none). For "recent activity on your account" pages (ASVS 3.3.x,
// 2.2.3 notifications) and support staff.
std::vector<Event> RecentForUser(soci::session& sql, std::int64_t user_id, int limit);

// The newest events with this action, newest first, at most `limit` (capped at 1000): for staff
// pages such as the "this wasn't me" reports.
std::vector<Event> RecentWithAction(soci::session& sql, const std::string& action, int limit);

}  // namespace lumbung::audit
