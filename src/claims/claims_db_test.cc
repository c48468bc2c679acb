#include "claims/claims.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <optional>
#include <string>

#include "support/test_databases.h"

namespace lumbung::claims {
namespace {

constexpr std::int64_t kSubmitted = 1'767'225'600;  // 2026-01-01 07.00 WIB
constexpr std::int64_t kDecided = kSubmitted + 14 * 86'400;

class ClaimsDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/registry/migrations", "src/claims/migrations"});
    alice_ = Member("10000000001", "3171000000000001", "Siti Rahayu");
    bob_ = Member("10000000002", "3171000000000002", "Bambang Wijaya");
  }

  std::int64_t Member(const std::string& kpj, const std::string& nik, const std::string& name) {
    auto lease = db().Acquire();
    long long id = 0;
    lease.session() << "INSERT INTO members (kpj, nik, full_name, birth_date, sex, province_code, "
                       "marital_status, registered_on, status) VALUES (:k, :n, :f, '1990-08-05', "
                       "'F', 33, 'married', '2015-07-01', 'active') RETURNING id",
        soci::into(id), soci::use(kpj), soci::use(nik), soci::use(name);
    return id;
  }
  // A claim as the fund records it; decided ones carry the day of the decision.
  void Claim(std::int64_t member, const std::string& program, const std::string& status) {
    auto lease = db().Acquire();
    long long m = member, submitted = kSubmitted, decided = kDecided;
    const bool pending = status == "submitted" || status == "in_review";
    soci::indicator decided_ind = pending ? soci::i_null : soci::i_ok;
    lease.session() << "INSERT INTO claims (member_id, program, status, submitted_at, decided_at) "
                       "VALUES (:m, :p, :s, :at, :decided)",
        soci::use(m), soci::use(program), soci::use(status), soci::use(submitted),
        soci::use(decided, decided_ind);
  }
  int Pending(std::int64_t member) {
    auto lease = db().Acquire();
    return CountPending(lease.session(), member);
  }

  std::int64_t alice_ = 0, bob_ = 0;
};

TEST_P(ClaimsDbTest, NoClaimsCountsZero) {
  EXPECT_EQ(Pending(alice_), 0);
  EXPECT_EQ(Pending(9999), 0) << "a member id that does not exist";
}

TEST_P(ClaimsDbTest, CountsOnlySubmittedAndInReview) {
  Claim(alice_, "JHT", "submitted");
  Claim(alice_, "JKK", "in_review");
  Claim(alice_, "JP", "approved");
  Claim(alice_, "JKM", "rejected");
  Claim(alice_, "JKP", "paid");
  EXPECT_EQ(Pending(alice_), 2);
}

TEST_P(ClaimsDbTest, CountsOnlyTheMembersOwnClaims) {
  Claim(bob_, "JHT", "submitted");
  Claim(bob_, "JKP", "in_review");
  EXPECT_EQ(Pending(alice_), 0) << "another member's claims never count";
  Claim(alice_, "JHT", "in_review");
  EXPECT_EQ(Pending(alice_), 1);
  EXPECT_EQ(Pending(bob_), 2);
}

TEST_P(ClaimsDbTest, TheTableRefusesWhatCannotBeAClaim) {
  auto lease = db().Acquire();
  long long at = kSubmitted;
  const auto insert = [&](const std::string& program, const std::string& status,
                          std::optional<long long> decided, long long m) {
    long long d = decided.value_or(0);
    soci::indicator ind = decided ? soci::i_ok : soci::i_null;
    lease.session() << "INSERT INTO claims (member_id, program, status, submitted_at, decided_at) "
                       "VALUES (:m, :p, :s, :at, :d)",
        soci::use(m), soci::use(program), soci::use(status), soci::use(at), soci::use(d, ind);
  };
  EXPECT_THROW(insert("BPJS", "submitted", std::nullopt, alice_), soci::soci_error)
      << "unknown program";
  EXPECT_THROW(insert("JHT", "lost", std::nullopt, alice_), soci::soci_error) << "unknown status";
  EXPECT_THROW(insert("JHT", "approved", std::nullopt, alice_), soci::soci_error)
      << "a decided claim says when";
  EXPECT_THROW(insert("JHT", "in_review", kDecided, alice_), soci::soci_error)
      << "a pending claim has no decision date";
  EXPECT_THROW(insert("JHT", "submitted", std::nullopt, 9999), soci::soci_error)
      << "only members of the registry";
  insert("JHT", "paid", kDecided, alice_);  // what a decided claim looks like
}

LUMBUNG_INSTANTIATE_DB_TESTS(ClaimsDbTest);

}  // namespace
}  // namespace lumbung::claims
