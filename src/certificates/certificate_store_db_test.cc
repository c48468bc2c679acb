#include <gtest/gtest.h>
#include <soci/soci.h>

#include "certificates/certificate_code.h"
#include "certificates/certificate_store.h"
#include "core/db/transaction.h"
#include "credentials/status_list.h"
#include "support/test_databases.h"

namespace lumbung::certificates {
namespace {

constexpr std::int64_t kNow = 1'780'000'000;

class CertificateStoreDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/registry/migrations", "src/core/audit/migrations",
                     "src/identity/migrations", "src/core/inbox/migrations",
                     "src/credentials/migrations", "src/training/migrations",
                     "src/certificates/migrations"});
    siti_ = Member("10000000001", "3171000000000001", "Siti Rahayu");
    budi_ = Member("10000000002", "3171000000000002", "Budi Santoso");
    siti_account_ = Account("member", siti_, "siti@example.test");
    staff_a_ = Account("staff", 0, "a@provider.test");
    staff_b_ = Account("staff", 0, "b@provider.test");
    certifier_ = Account("staff", 0, "certifier@fund.test");
    auto lease = db().Acquire();
    auto& sql = lease.session();
    sql << "INSERT INTO training_providers (id, name, created_at) VALUES (1, 'Balai A', 1)";
    sql << "INSERT INTO training_providers (id, name, created_at) VALUES (2, 'Balai B', 1)";
    long long a = staff_a_, b = staff_b_;
    sql << "INSERT INTO training_provider_staff (account_id, provider_id) VALUES (:a, 1)",
        soci::use(a);
    sql << "INSERT INTO training_provider_staff (account_id, provider_id) VALUES (:b, 2)",
        soci::use(b);
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

  std::int64_t Account(const std::string& role, std::int64_t member, const std::string& email) {
    auto lease = db().Acquire();
    long long id = 0, m = member;
    soci::indicator ind = member > 0 ? soci::i_ok : soci::i_null;
    const std::string account_role = role == "member" ? "member" : "staff";
    lease.session() << "INSERT INTO accounts (role, state, member_id, email, display_name,"
                       " created_at) VALUES (:r, 'active', :m, :e, 'x', 1) RETURNING id",
        soci::use(account_role), soci::use(m, ind), soci::use(email), soci::into(id);
    return id;
  }

  long long Count(const std::string& query) {
    auto lease = db().Acquire();
    long long n = 0;
    lease.session() << query, soci::into(n);
    return n;
  }

  IssuedCertificate Issue(std::int64_t provider, std::int64_t by, std::int64_t member,
                          std::int64_t application = 0) {
    auto lease = db().Acquire();
    auto& sql = lease.session();
    auto tx = db::Transaction::ForWriting(sql);
    const auto issued = IssueCertificate(sql,
                                         {.member_id = member,
                                          .competency = "Operator Forklift",
                                          .level = "Madya",
                                          .provider_id = provider,
                                          .issuer_name = provider ? "Balai" : "Dana",
                                          .issued_by_account = by,
                                          .issued_on = "2026-03-01",
                                          .expires_on = "2028-03-01",
                                          .training_application_id = application},
                                         kNow);
    tx.Commit();
    return issued;
  }

  RevokeResult DoRevoke(std::int64_t id, Revoker revoker, const std::string& reason) {
    auto lease = db().Acquire();
    auto& sql = lease.session();
    auto tx = db::Transaction::ForWriting(sql);
    const RevokeResult result = Revoke(sql, id, revoker, reason, kNow + 10);
    tx.Commit();
    return result;
  }

  std::int64_t siti_ = 0, budi_ = 0, siti_account_ = 0, staff_a_ = 0, staff_b_ = 0, certifier_ = 0;
};

TEST_P(CertificateStoreDbTest, IssuesWithACodeAStatusIndexAnAuditAndANotice) {
  const IssuedCertificate issued = Issue(0, certifier_, siti_);
  EXPECT_TRUE(ParseCertificateCode(issued.code));
  auto lease = db().Acquire();
  auto& sql = lease.session();
  const auto c = FindCertificate(sql, issued.id);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->member_id, siti_);
  EXPECT_EQ(c->provider_id, 0);
  EXPECT_EQ(c->issued_by_account, certifier_);
  EXPECT_EQ(c->code, issued.code);
  EXPECT_EQ(c->expires_on, "2028-03-01");
  EXPECT_FALSE(c->revoked_at);
  EXPECT_GE(c->status_index, 0);
  EXPECT_LT(c->status_index, credentials::kStatusListSize);
  EXPECT_EQ(FindByCode(sql, issued.code)->id, issued.id);
  EXPECT_FALSE(FindByCode(sql, NewCertificateCode()));
  EXPECT_EQ(MemberCertificates(sql, siti_).size(), 1u);
  EXPECT_TRUE(MemberCertificates(sql, budi_).empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'certificate.issued'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inbox_items WHERE message_id = "
                  "'certificates.notice.issued'"),
            1);
}

TEST_P(CertificateStoreDbTest, AMemberWithoutAnAccountStillGetsTheCertificate) {
  const IssuedCertificate issued = Issue(0, certifier_, budi_);
  EXPECT_GT(issued.id, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inbox_items"), 0);
}

TEST_P(CertificateStoreDbTest, OneCertificatePerTrainingApplication) {
  const IssuedCertificate first = Issue(1, staff_a_, siti_, 55);
  const IssuedCertificate again = Issue(1, staff_a_, siti_, 55);
  EXPECT_EQ(first.id, again.id);
  EXPECT_EQ(first.code, again.code);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM certificates"), 1);
}

TEST_P(CertificateStoreDbTest, RefusesBadInputAndUnknownMembersWritingNothing) {
  auto lease = db().Acquire();
  auto& sql = lease.session();
  EXPECT_THROW(
      IssueCertificate(sql, {.member_id = siti_, .issuer_name = "Dana", .issued_on = "2026-03-01"},
                       kNow),
      std::invalid_argument);
  EXPECT_THROW(IssueCertificate(sql,
                                {.member_id = 999999,
                                 .competency = "x",
                                 .issuer_name = "Dana",
                                 .issued_on = "2026-03-01"},
                                kNow),
               std::invalid_argument);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM certificates"), 0);
}

TEST_P(CertificateStoreDbTest, RevocationByTheIssuerSetsTheStatusBit) {
  const IssuedCertificate issued = Issue(0, certifier_, siti_);
  EXPECT_EQ(DoRevoke(issued.id, {certifier_, 0}, ""), RevokeResult::kReasonRequired);
  EXPECT_EQ(DoRevoke(issued.id, {certifier_, 0}, "Diterbitkan keliru"), RevokeResult::kRevoked);
  EXPECT_EQ(DoRevoke(issued.id, {certifier_, 0}, "lagi"), RevokeResult::kAlreadyRevoked);
  auto lease = db().Acquire();
  auto& sql = lease.session();
  const auto c = FindCertificate(sql, issued.id);
  ASSERT_TRUE(c && c->revoked_at);
  EXPECT_EQ(*c->revoked_at, kNow + 10);
  EXPECT_EQ(c->revoked_by_account, certifier_);
  EXPECT_EQ(c->revocation_reason, "Diterbitkan keliru");
  EXPECT_EQ(StateOn(*c, "2026-04-01"), CertificateState::kRevoked);
  const auto bits = credentials::LoadStatusBits(sql, kStatusList);
  EXPECT_TRUE(credentials::StatusBit(bits, c->status_index));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'certificate.revoked'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inbox_items WHERE message_id = "
                  "'certificates.notice.revoked'"),
            1);
}

// ASVS 4.0.3 4.2.1 (IDOR): a provider sees and revokes only its own certificates; a certifier
// only the fund's.
TEST_P(CertificateStoreDbTest, ProvidersAreIsolated) {
  const IssuedCertificate of_a = Issue(1, staff_a_, siti_);
  const IssuedCertificate of_b = Issue(2, staff_b_, budi_);
  const IssuedCertificate of_fund = Issue(0, certifier_, siti_);
  {
    auto lease = db().Acquire();
    auto& sql = lease.session();
    EXPECT_EQ(ProviderOfAccount(sql, staff_a_), 1);
    EXPECT_EQ(ProviderOfAccount(sql, staff_b_), 2);
    EXPECT_FALSE(ProviderOfAccount(sql, certifier_));
    const auto a_list = IssuerCertificates(sql, 1, 50);
    ASSERT_EQ(a_list.size(), 1u);
    EXPECT_EQ(a_list[0].id, of_a.id);
    const auto fund_list = IssuerCertificates(sql, 0, 50);
    ASSERT_EQ(fund_list.size(), 1u);
    EXPECT_EQ(fund_list[0].id, of_fund.id);
  }
  EXPECT_EQ(DoRevoke(of_b.id, {staff_a_, 1}, "bukan milik A"), RevokeResult::kNotFound);
  EXPECT_EQ(DoRevoke(of_fund.id, {staff_a_, 1}, "bukan milik A"), RevokeResult::kNotFound);
  EXPECT_EQ(DoRevoke(of_a.id, {certifier_, 0}, "bukan milik Dana"), RevokeResult::kNotFound);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM certificates WHERE revoked_at IS NOT NULL"), 0);
  EXPECT_EQ(DoRevoke(of_a.id, {staff_a_, 1}, "peserta tidak lulus ujian ulang"),
            RevokeResult::kRevoked);
  auto lease = db().Acquire();
  EXPECT_FALSE(FindMemberCertificate(lease.session(), budi_, of_a.id));
  EXPECT_TRUE(FindMemberCertificate(lease.session(), siti_, of_a.id));
}

LUMBUNG_INSTANTIATE_DB_TESTS(CertificateStoreDbTest);

}  // namespace
}  // namespace lumbung::certificates
