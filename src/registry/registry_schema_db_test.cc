// The registry migrations on both databases: they apply, and the constraints hold.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <sstream>

#include "core/db/migrator.h"
#include "support/test_databases.h"

namespace lumbung::registry {
namespace {

class RegistrySchemaDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    testing::DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/registry/migrations"});
    auto lease = db().Acquire();
    *lease << "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, "
              "registered_on) VALUES ('12345678', 'PT Contoh', 'construction', 31, 4, "
              "'2010-01-04')";
  }
  // Inserts a member; returns false when the database refuses it.
  bool InsertMember(const std::string& kpj, const std::string& nik, const std::string& birth,
                    const std::string& sex) {
    auto lease = db().Acquire();
    try {
      *lease << "INSERT INTO members (kpj, nik, full_name, birth_date, sex, province_code, "
                "marital_status, registered_on, status) VALUES (:kpj, :nik, 'Siti Rahayu', "
                ":birth, :sex, 33, 'married', '2015-07-01', 'active')",
          soci::use(kpj), soci::use(nik), soci::use(birth), soci::use(sex);
      return true;
    } catch (const soci::soci_error&) {
      return false;
    }
  }
  bool Execute(const std::string& sql) {
    auto lease = db().Acquire();
    try {
      *lease << sql;
      return true;
    } catch (const soci::soci_error&) {
      return false;
    }
  }
};

TEST_P(RegistrySchemaDbTest, AcceptsGoodRowsAndNumbersThem) {
  ASSERT_TRUE(InsertMember("10000000001", "3374014508900001", "1990-08-05", "F"));
  ASSERT_TRUE(InsertMember("10000000002", "3374010508900001", "1990-08-05", "M"));
  auto lease = db().Acquire();
  long long id = 0;
  std::string birth;
  *lease << "SELECT id, CAST(birth_date AS TEXT) FROM members WHERE kpj = '10000000002'",
      soci::into(id), soci::into(birth);
  EXPECT_EQ(id, 2);
  EXPECT_EQ(birth, "1990-08-05");
  EXPECT_TRUE(
      Execute("INSERT INTO employment_spells (member_id, employer_id, start_date) VALUES (1, 1, "
              "'2015-07-01')"));
  EXPECT_TRUE(Execute(
      "INSERT INTO contributions (member_id, period, employer_id, jht_worker, jht_employer, jkk, "
      "jkm, jp_worker, jp_employer, jkp, paid) VALUES (1, 201507, 1, 1, 2, 3, 4, 5, 6, 7, 1)"));
  EXPECT_TRUE(
      Execute("INSERT INTO jht_yearly_credits (member_id, year, opening, contributions, returns, "
              "withdrawals, closing, rate_bp) VALUES (1, 2015, 0, 3, 0, 0, 3, NULL)"));
}

TEST_P(RegistrySchemaDbTest, RejectsBadMembers) {
  ASSERT_TRUE(InsertMember("10000000001", "3374014508900001", "1990-08-05", "F"));
  EXPECT_FALSE(InsertMember("10000000001", "3374014508900002", "1990-08-05", "F"));  // kpj taken
  EXPECT_FALSE(InsertMember("10000000003", "3374014508900001", "1990-08-05", "F"));  // nik taken
  EXPECT_FALSE(InsertMember("1000000003", "3374014508900003", "1990-08-05", "F"));   // 10 digits
  EXPECT_FALSE(InsertMember("10000000004", "337401450890000", "1990-08-05", "F"));   // 15 digits
  EXPECT_FALSE(InsertMember("10000000005", "33740145089000x1", "1990-08-05", "F"));
  EXPECT_FALSE(InsertMember("10000000006", "3374014508900006", "1990-02-30", "F"));  // no such day
  // Not ISO: SQLite refuses it, PostgreSQL reads it by its DateStyle. Bind dates as ISO text.
  if (dialect() == db::Dialect::kSqlite) {
    EXPECT_FALSE(InsertMember("10000000007", "3374014508900007", "05/08/1990", "F"));
  }
  EXPECT_FALSE(InsertMember("10000000008", "3374014508900008", "1990-08-05", "W"));
}

TEST_P(RegistrySchemaDbTest, RejectsBadHistory) {
  ASSERT_TRUE(InsertMember("10000000001", "3374014508900001", "1990-08-05", "F"));
  // Unknown member or employer.
  EXPECT_FALSE(
      Execute("INSERT INTO employment_spells (member_id, employer_id, start_date) "
              "VALUES (99, 1, '2015-07-01')"));
  EXPECT_FALSE(
      Execute("INSERT INTO wage_reports (member_id, period, employer_id, wage) "
              "VALUES (1, 201507, 99, 1000)"));
  // Ends before it starts; ends without a reason.
  EXPECT_FALSE(
      Execute("INSERT INTO employment_spells (member_id, employer_id, start_date, "
              "end_date, end_reason) VALUES (1, 1, '2015-07-01', '2015-06-01', 'resigned')"));
  EXPECT_FALSE(
      Execute("INSERT INTO employment_spells (member_id, employer_id, start_date, "
              "end_date) VALUES (1, 1, '2015-07-01', '2016-06-01')"));
  // No month 13; one row per member, month and employer.
  EXPECT_FALSE(
      Execute("INSERT INTO wage_reports (member_id, period, employer_id, wage) "
              "VALUES (1, 201513, 1, 1000)"));
  EXPECT_TRUE(
      Execute("INSERT INTO wage_reports (member_id, period, employer_id, wage) "
              "VALUES (1, 201512, 1, 1000)"));
  EXPECT_FALSE(
      Execute("INSERT INTO wage_reports (member_id, period, employer_id, wage) "
              "VALUES (1, 201512, 1, 2000)"));
  EXPECT_FALSE(
      Execute("INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, "
              "registered_on) VALUES ('12345679', 'PT X', 'mining', 31, 5, '2010-01-01')"));
  EXPECT_FALSE(
      Execute("INSERT INTO employer_payments (employer_id, period, amount_billed, "
              "payment_code, due_date) VALUES (1, 201507, 10, '123', '2015-08-15')"));
}

TEST_P(RegistrySchemaDbTest, MigratingAgainDoesNothing) {
  std::ostringstream log;
  EXPECT_EQ(db::Migrate(db(), {testing::SourceDir() / "src/registry/migrations"}, log), 0);
}

LUMBUNG_INSTANTIATE_DB_TESTS(RegistrySchemaDbTest);

}  // namespace
}  // namespace lumbung::registry
