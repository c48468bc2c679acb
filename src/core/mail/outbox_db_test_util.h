// Test-only: the fixture of the mail DB tests (a fresh database on each backend with the outbox
// table) and helpers to read rows back. Header-only, included only by tests.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>

#include "core/mail/outbox.h"
#include "support/test_databases.h"

namespace lumbung::mail::test {

inline constexpr std::int64_t kT0 = 1'750'000'000;  // 2025-06-15, a fixed "now"

struct Row {
  std::string status;
  int attempts = 0;
  std::int64_t next_attempt_at = 0;
  std::optional<std::int64_t> lease_until;
  std::optional<std::string> last_error;
  std::optional<std::int64_t> sent_at;
};

class OutboxDbTest : public lumbung::testing::DatabaseTest {
 protected:
  void SetUp() override {
    lumbung::testing::DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/core/mail/migrations"});
  }

  static OutgoingMail SampleMail(int n = 0) {
    return {.to = "anggota" + std::to_string(n) + "@contoh.co.id",
            .subject = "Verifikasi alamat surel Anda — Lumbung",
            .text_body = "Halo,\n\nBuka tautan ini:\nhttps://lumbung.example/v/" +
                         std::to_string(n) + "\n\nRAHASIA-BODY\n",
            .html_body = "<p>Halo — RAHASIA-BODY</p>",
            .category = "account"};
  }

  std::int64_t EnqueueCommitted(const OutgoingMail& mail, std::int64_t now = kT0) {
    auto lease = db().Acquire();
    soci::transaction transaction(*lease);
    const std::int64_t id =
        Enqueue(*lease, mail, "lumbung.example",
                std::chrono::system_clock::time_point(std::chrono::seconds(now)));
    transaction.commit();
    return id;
  }

  Row ReadRow(std::int64_t id) {
    auto lease = db().Acquire();
    Row row;
    long long next = 0, lease_until = 0, sent_at = 0, id_value = id;
    std::string error;
    soci::indicator lease_ind = soci::i_null, error_ind = soci::i_null, sent_ind = soci::i_null;
    *lease << "SELECT status, attempts, next_attempt_at, lease_until, last_error, sent_at "
              "FROM mail_outbox WHERE id = :id",
        soci::use(id_value), soci::into(row.status), soci::into(row.attempts), soci::into(next),
        soci::into(lease_until, lease_ind), soci::into(error, error_ind),
        soci::into(sent_at, sent_ind);
    if (!lease->got_data()) throw std::runtime_error("no mail_outbox row " + std::to_string(id));
    row.next_attempt_at = next;
    if (lease_ind == soci::i_ok) row.lease_until = lease_until;
    if (error_ind == soci::i_ok) row.last_error = error;
    if (sent_ind == soci::i_ok) row.sent_at = sent_at;
    return row;
  }

  long long CountRows(const std::string& where = "1 = 1") {
    auto lease = db().Acquire();
    long long n = 0;
    // `where` is a literal written in the test, never data.
    *lease << "SELECT COUNT(*) FROM mail_outbox WHERE " + where, soci::into(n);
    return n;
  }
};

}  // namespace lumbung::mail::test
