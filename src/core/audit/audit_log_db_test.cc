#include "core/audit/audit_log.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/audit/chain.h"
#include "core/db/native_handle.h"
#include "support/test_databases.h"

namespace lumbung::audit {
namespace {

class AuditLogDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    ApplyMigrations({"src/core/audit/migrations"});
  }

  // What an attacker with write access to the table could do: switch the append-only triggers
  // off (the table owner can on PostgreSQL; on SQLite anyone who can write the file).
  void DisableAppendOnly(soci::session& sql) {
    if (dialect() == db::Dialect::kPostgres) {
      db::ExecuteVerbatim(sql, "ALTER TABLE audit_log DISABLE TRIGGER USER");
      db::ExecuteVerbatim(sql, "ALTER TABLE audit_chain DISABLE TRIGGER USER");
    } else {
      db::ExecuteVerbatim(sql, "DROP TRIGGER audit_log_no_update");
      db::ExecuteVerbatim(sql, "DROP TRIGGER audit_log_no_delete");
      db::ExecuteVerbatim(sql, "DROP TRIGGER audit_chain_keep");
    }
  }

  static Event Sample(int n) {
    return {.actor_user_id = n % 2 == 0 ? std::optional<std::int64_t>(100 + n) : std::nullopt,
            .subject_user_id = 100 + n,
            .action = "login.failed",
            .result = Result::kDenied,
            .ip = "203.0.113." + std::to_string(n),
            .user_agent = "Mozilla/5.0 test " + std::to_string(n),
            .details = {{"reason", "bad_password"}, {"attempt", std::to_string(n)}}};
  }

  void AppendSamples(soci::session& sql, int count) {
    for (int n = 1; n <= count; ++n) Append(sql, Sample(n));
  }

  long long Count(soci::session& sql) {
    long long count = 0;
    sql << "SELECT COUNT(*) FROM audit_log", soci::into(count);
    return count;
  }
};

TEST_P(AuditLogDbTest, Asvs7_1_3_AppendsAndVerifies) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  const ChainVerification empty = VerifyChain(sql);
  EXPECT_TRUE(empty.ok);
  EXPECT_EQ(empty.rows, 0);
  EXPECT_FALSE(empty.first_bad_id);

  const Event stored = Append(sql, Sample(1));  // no transaction open: Append opens its own
  EXPECT_EQ(stored.id, 1);
  EXPECT_THAT(stored.occurred_at,
              ::testing::MatchesRegex(
                  R"([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z)"));
  Event expected = Sample(1);
  expected.id = 1;
  expected.occurred_at = stored.occurred_at;
  EXPECT_EQ(stored, expected);

  AppendSamples(sql, 5);
  const ChainVerification check = VerifyChain(sql);
  EXPECT_TRUE(check.ok);
  EXPECT_EQ(check.rows, 6);
  EXPECT_FALSE(check.first_bad_id);

  // Row 1 as stored: genesis link and the documented hash.
  std::string prev_hash, row_hash, details;
  sql << "SELECT prev_hash, row_hash, details FROM audit_log WHERE id = 1", soci::into(prev_hash),
      soci::into(row_hash), soci::into(details);
  EXPECT_EQ(prev_hash, kGenesisHash);
  EXPECT_EQ(details, R"({"attempt":"1","reason":"bad_password"})");
  EXPECT_EQ(row_hash, RowHash(kGenesisHash, {.id = 1,
                                             .occurred_at = stored.occurred_at,
                                             .actor_user_id = std::nullopt,
                                             .subject_user_id = 101,
                                             .action = "login.failed",
                                             .result = "denied",
                                             .ip = "203.0.113.1",
                                             .user_agent = "Mozilla/5.0 test 1",
                                             .details = details}));
}

TEST_P(AuditLogDbTest, EventCommitsOrRollsBackWithTheCallersTransaction) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  db::ExecuteVerbatim(sql, "CREATE TABLE changes (n INTEGER NOT NULL)");
  {
    soci::transaction tx(sql);
    sql << "INSERT INTO changes (n) VALUES (1)";
    Append(sql, Sample(1));
    tx.rollback();
  }
  EXPECT_EQ(Count(sql), 0);
  {
    soci::transaction tx(sql);
    sql << "INSERT INTO changes (n) VALUES (2)";
    EXPECT_EQ(Append(sql, Sample(2)).id, 1);  // the rolled-back id is reused: no gap
    tx.commit();
  }
  EXPECT_EQ(Count(sql), 1);
  EXPECT_TRUE(VerifyChain(sql).ok);
}

TEST_P(AuditLogDbTest, Asvs7_3_3_ConcurrentAppendsKeepOneLinearChain) {
  constexpr int kThreads = 4, kPerThread = 25;
  Reopen({.pool_size = kThreads});
  {
    auto lease = db().Acquire();
    db::ExecuteVerbatim(*lease, "CREATE TABLE changes (thread_id INTEGER NOT NULL, n INTEGER)");
  }
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        auto lease = db().Acquire();  // each thread its own pooled connection
        soci::session& sql = *lease;
        for (int n = 0; n < kPerThread; ++n) {
          Event event = Sample(n);
          event.details = {{"thread", std::to_string(t)}, {"n", std::to_string(n)}};
          if (n % 2 == 0) {
            // The documented pattern: the change first (a write), the event last.
            soci::transaction tx(sql);
            sql << "INSERT INTO changes (thread_id, n) VALUES (:t, :n)", soci::use(t), soci::use(n);
            Append(sql, event);
            tx.commit();
          } else {
            Append(sql, event);  // its own transaction
          }
        }
      } catch (const std::exception& e) {
        ++failures;
        ADD_FAILURE() << "thread " << t << ": " << e.what();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(failures, 0);

  auto lease = db().Acquire();
  soci::session& sql = *lease;
  const ChainVerification check = VerifyChain(sql);
  EXPECT_TRUE(check.ok) << (check.first_bad_id ? *check.first_bad_id : -1);
  EXPECT_EQ(check.rows, kThreads * kPerThread);
  long long min_id = 0, max_id = 0, distinct_prev = 0;
  sql << "SELECT MIN(id), MAX(id), COUNT(DISTINCT prev_hash) FROM audit_log", soci::into(min_id),
      soci::into(max_id), soci::into(distinct_prev);
  EXPECT_EQ(min_id, 1);
  EXPECT_EQ(max_id, kThreads * kPerThread);
  EXPECT_EQ(distinct_prev, kThreads * kPerThread);  // no fork: every row has its own parent
}

TEST_P(AuditLogDbTest, Asvs7_3_3_TableRefusesUpdateAndDelete) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  AppendSamples(sql, 2);
  EXPECT_ANY_THROW(db::ExecuteVerbatim(sql, "UPDATE audit_log SET ip = '10.0.0.1' WHERE id = 1"));
  EXPECT_ANY_THROW(db::ExecuteVerbatim(sql, "DELETE FROM audit_log WHERE id = 2"));
  EXPECT_ANY_THROW(db::ExecuteVerbatim(sql, "DELETE FROM audit_log"));
  EXPECT_ANY_THROW(db::ExecuteVerbatim(sql, "DELETE FROM audit_chain"));
  if (dialect() == db::Dialect::kPostgres) {
    EXPECT_ANY_THROW(db::ExecuteVerbatim(sql, "TRUNCATE audit_log"));
  }
  EXPECT_EQ(Count(sql), 2);
  EXPECT_TRUE(VerifyChain(sql).ok);
}

TEST_P(AuditLogDbTest, Asvs7_3_3_DetectsAnEditedRow) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  AppendSamples(sql, 5);
  DisableAppendOnly(sql);
  const std::string forged = R"({"attempt":"3","reason":"ok"})";
  sql << "UPDATE audit_log SET details = :details WHERE id = 3", soci::use(forged);
  const ChainVerification check = VerifyChain(sql);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_bad_id, 3);
  EXPECT_EQ(check.rows, 5);
}

TEST_P(AuditLogDbTest, Asvs7_3_3_DetectsAnEditWithARecomputedHash) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  AppendSamples(sql, 5);
  DisableAppendOnly(sql);
  // The forger re-hashes the row they changed; the next row still points at the old hash.
  ChainRow row;
  std::string prev_hash;
  long long subject = 0;
  sql << "SELECT occurred_at, subject_user_id, action, result, ip, user_agent, details, prev_hash"
         " FROM audit_log WHERE id = 2",
      soci::into(row.occurred_at), soci::into(subject), soci::into(row.action),
      soci::into(row.result), soci::into(row.ip), soci::into(row.user_agent),
      soci::into(row.details), soci::into(prev_hash);
  row.id = 2;
  row.actor_user_id = 102;
  row.subject_user_id = subject;
  row.result = "ok";
  const std::string rehashed = RowHash(prev_hash, row);
  sql << "UPDATE audit_log SET result = 'ok', row_hash = :hash WHERE id = 2", soci::use(rehashed);
  const ChainVerification check = VerifyChain(sql);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_bad_id, 3);
}

TEST_P(AuditLogDbTest, Asvs7_3_3_DetectsADeletedRow) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  AppendSamples(sql, 5);
  DisableAppendOnly(sql);
  sql << "DELETE FROM audit_log WHERE id = 2";
  const ChainVerification check = VerifyChain(sql);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_bad_id, 2);  // the missing id
  EXPECT_EQ(check.rows, 4);
}

TEST_P(AuditLogDbTest, Asvs7_3_3_DetectsRowsDeletedAtTheEnd) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  AppendSamples(sql, 5);
  DisableAppendOnly(sql);
  sql << "DELETE FROM audit_log WHERE id >= 4";
  ChainVerification check = VerifyChain(sql);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_bad_id, 4);
  EXPECT_EQ(check.rows, 3);
  sql << "DELETE FROM audit_log";  // everything
  check = VerifyChain(sql);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_bad_id, 1);
  EXPECT_EQ(check.rows, 0);
}

TEST_P(AuditLogDbTest, Asvs7_3_3_DetectsARowSlippedInBehindTheLog) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  AppendSamples(sql, 2);
  DisableAppendOnly(sql);
  // A copy of the head moved back: a row appended with the real chain no longer matches.
  sql << "UPDATE audit_chain SET last_id = 1 WHERE id = 1";
  ChainVerification check = VerifyChain(sql);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_bad_id, 2);
  // A missing chain head.
  sql << "DELETE FROM audit_chain";
  check = VerifyChain(sql);
  EXPECT_FALSE(check.ok);
  EXPECT_FALSE(check.first_bad_id);
  EXPECT_THROW(Append(sql, Sample(3)), std::runtime_error);
}

TEST_P(AuditLogDbTest, Asvs7_1_1_RefusesSecretLookingDetailKeys) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  for (const char* key : {"password", "token", "code", "secret", "cookie", "reset_token"}) {
    Event event = Sample(1);
    event.details[key] = "hunter2";
    EXPECT_THROW(Append(sql, event), std::invalid_argument) << key;
  }
  Event bad_action = Sample(1);
  bad_action.action = "Login Failed";
  EXPECT_THROW(Append(sql, bad_action), std::invalid_argument);
  EXPECT_EQ(Count(sql), 0);
  // Refused inside a caller's transaction: nothing written, and the transaction goes on.
  soci::transaction tx(sql);
  Event event = Sample(1);
  event.details["otp_code"] = "123456";
  EXPECT_THROW(Append(sql, event), std::invalid_argument);
  Append(sql, Sample(2));
  tx.commit();
  EXPECT_EQ(Count(sql), 1);
  EXPECT_TRUE(VerifyChain(sql).ok);
}

TEST_P(AuditLogDbTest, StoresCleanedClientText) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  Event event = Sample(1);
  std::string user_agent = "Sari\r\nINJECTED ";
  for (int i = 0; i < 600; ++i) user_agent += "\xC3\xA9";
  event.user_agent = user_agent;
  event.details = {{"name", "Dewi \xF0\x9F\x91\x8D \"quoted\""}};
  const Event stored = Append(sql, event);
  EXPECT_EQ(stored.user_agent.substr(0, 17), "Sari??INJECTED \xC3\xA9");
  const std::vector<Event> read = RecentForUser(sql, 101, 1);
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0], stored);  // byte-exact through the database
  EXPECT_TRUE(VerifyChain(sql).ok);
}

TEST_P(AuditLogDbTest, Asvs7_1_RecentForUserAsActorOrSubject) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  Append(sql, {.actor_user_id = 1, .subject_user_id = 1, .action = "login.ok"});
  Append(sql, {.actor_user_id = 2, .subject_user_id = 2, .action = "login.ok"});
  Append(sql, {.actor_user_id = 9,
               .subject_user_id = 1,
               .action = "account.locked",
               .result = Result::kOk,
               .details = {{"by", "support"}}});
  Append(sql, {.actor_user_id = 1, .subject_user_id = 3, .action = "delegate.added"});
  Append(sql, {.subject_user_id = 1, .action = "login.failed", .result = Result::kDenied});

  std::vector<Event> events = RecentForUser(sql, 1, 10);
  std::vector<std::int64_t> ids;
  for (const Event& event : events) ids.push_back(event.id);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{5, 4, 3, 1}));  // newest first
  EXPECT_EQ(events[0].action, "login.failed");
  EXPECT_FALSE(events[0].actor_user_id);
  EXPECT_EQ(events[0].result, Result::kDenied);
  EXPECT_EQ(events[2].details, (Details{{"by", "support"}}));

  EXPECT_EQ(RecentForUser(sql, 1, 2).size(), 2u);
  EXPECT_TRUE(RecentForUser(sql, 1, 0).empty());
  EXPECT_TRUE(RecentForUser(sql, 1, -5).empty());
  EXPECT_TRUE(RecentForUser(sql, 42, 10).empty());
  EXPECT_EQ(RecentForUser(sql, 2, 10).size(), 1u);
}

TEST_P(AuditLogDbTest, VerifiesAcrossBatches) {
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  soci::transaction tx(sql);
  for (int n = 0; n < 2100; ++n) Append(sql, {.action = "bulk.test"});
  tx.commit();
  ChainVerification check = VerifyChain(sql);
  EXPECT_TRUE(check.ok);
  EXPECT_EQ(check.rows, 2100);
  DisableAppendOnly(sql);
  sql << "UPDATE audit_log SET action = 'bulk.forged' WHERE id = 2001";
  check = VerifyChain(sql);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_bad_id, 2001);
  EXPECT_EQ(check.rows, 2100);
}

LUMBUNG_INSTANTIATE_DB_TESTS(AuditLogDbTest);

}  // namespace
}  // namespace lumbung::audit
