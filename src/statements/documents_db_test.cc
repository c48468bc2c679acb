#include "statements/documents.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "core/config/config.h"
#include "statements/statement_store.h"
#include "statements/statement_test_util.h"
#include "statements/verification_code.h"
#include "support/test_databases.h"

namespace lumbung::statements {
namespace {

constexpr std::int64_t kNow = 1'767'225'600;  // 2026-01-01 07.00 WIB

class DocumentsDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/registry/migrations", "src/statements/migrations"});
    settings_.fund_name = "Dana Jaminan Pekerja Lumbung";
    settings_.web_address = "https://dana.example";
    for (const auto& key : config::Config::Keys()) {
      if (key.key == "statements.font_file") settings_.font_file = key.default_value;
    }
    employer_ = Insert(
        "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, "
        "registered_on) VALUES ('12345678', 'PT Maju Jaya', 'construction', 31, 4, "
        "'2010-01-04') RETURNING id");
    alice_ = Member("10000000001", "3171000000000001", "Siti Rahayu");
    bob_ = Member("10000000002", "3171000000000002", "Bambang Wijaya");
    for (int month = 1; month <= 3; ++month) Contribution(alice_, 202400 + month, 5'000'000);
    Contribution(bob_, 202311, 4'000'000);
    Exec(
        "INSERT INTO jht_yearly_credits (member_id, year, opening, contributions, returns, "
        "withdrawals, closing, rate_bp) VALUES (" +
        std::to_string(alice_) + ", 2024, 0, 858750, 20000, 0, 878750, 626)");
  }

  std::int64_t Insert(const std::string& statement) {
    auto lease = db().Acquire();
    long long id = 0;
    lease.session() << statement, soci::into(id);
    return id;
  }
  void Exec(const std::string& statement) {
    auto lease = db().Acquire();
    lease.session() << statement;
  }
  long long Count(const std::string& query) {
    auto lease = db().Acquire();
    long long n = 0;
    lease.session() << query, soci::into(n);
    return n;
  }
  std::int64_t Member(const std::string& kpj, const std::string& nik, const std::string& name) {
    return Insert(
        "INSERT INTO members (kpj, nik, full_name, birth_date, sex, province_code, "
        "marital_status, registered_on, status) VALUES ('" +
        kpj + "', '" + nik + "', '" + name +
        "', '1990-08-05', 'F', 33, 'married', '2015-07-01', 'active') RETURNING id");
  }
  void Contribution(std::int64_t member, int period, std::int64_t wage) {
    const std::string m = std::to_string(member), p = std::to_string(period),
                      e = std::to_string(employer_);
    Exec("INSERT INTO wage_reports (member_id, period, employer_id, wage) VALUES (" + m + ", " + p +
         ", " + e + ", " + std::to_string(wage) + ")");
    Exec(
        "INSERT INTO contributions (member_id, period, employer_id, jht_worker, jht_employer, "
        "jkk, jkm, jp_worker, jp_employer, jkp, paid) VALUES (" +
        m + ", " + p + ", " + e + ", " + std::to_string(wage * 2 / 100) + ", " +
        std::to_string(wage * 37 / 1000) + ", 12000, 15000, 50000, 100000, 0, 1)");
  }
  std::optional<Document> Get(std::int64_t member, int year, const std::string& lang,
                              std::int64_t now) {
    return StatementFor(db(), test::ShippedCatalogs(), settings_, member, year, lang, now);
  }

  Settings settings_;
  std::int64_t employer_ = 0, alice_ = 0, bob_ = 0;
};

TEST_P(DocumentsDbTest, MadeOnDemandOnceThenServedFromTheStore) {
  const auto first = Get(alice_, 2024, "id", kNow);
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->made_now);
  EXPECT_EQ(first->pdf.substr(0, 5), "%PDF-");
  EXPECT_EQ(first->generated_at, kNow);
  const auto again = Get(alice_, 2024, "id", kNow + 3600);
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->made_now);
  EXPECT_EQ(again->pdf, first->pdf) << "the stored bytes, unchanged";
  EXPECT_EQ(again->generated_at, kNow);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM statements"), 1);
  // Each language is a statement of its own.
  const auto english = Get(alice_, 2024, "en", kNow + 60);
  ASSERT_TRUE(english);
  EXPECT_TRUE(english->made_now);
  EXPECT_NE(english->pdf, first->pdf);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM statements WHERE superseded_at IS NULL"), 2);
}

TEST_P(DocumentsDbTest, ChangedFiguresMakeANewStatementAndTheOldOneIsSuperseded) {
  const auto first = Get(alice_, 2024, "id", kNow);
  ASSERT_TRUE(first);
  // The registry corrects a month.
  Exec("UPDATE contributions SET jkm = jkm + 1 WHERE member_id = " + std::to_string(alice_) +
       " AND period = 202402");
  const auto second = Get(alice_, 2024, "id", kNow + 100);
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->made_now);
  EXPECT_EQ(second->generated_at, kNow + 100);
  EXPECT_NE(second->pdf, first->pdf);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM statements"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM statements WHERE superseded_at = " +
                  std::to_string(kNow + 100) + " AND pdf IS NULL"),
            1);
  // So does a change of the credited JHT line, and of a paid month found unpaid.
  Exec("UPDATE jht_yearly_credits SET returns = returns + 5 WHERE member_id = " +
       std::to_string(alice_));
  EXPECT_TRUE(Get(alice_, 2024, "id", kNow + 200)->made_now);
  Exec("UPDATE contributions SET paid = 0 WHERE member_id = " + std::to_string(alice_) +
       " AND period = 202403");
  EXPECT_TRUE(Get(alice_, 2024, "id", kNow + 300)->made_now);
  EXPECT_FALSE(Get(alice_, 2024, "id", kNow + 400)->made_now);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM statements WHERE superseded_at IS NULL"), 1);
  // Another year's data does not touch this one.
  Contribution(alice_, 202501, 5'000'000);
  EXPECT_FALSE(Get(alice_, 2024, "id", kNow + 500)->made_now);
}

TEST_P(DocumentsDbTest, AMemberGetsOnlyTheirOwnStatements) {
  ASSERT_TRUE(Get(alice_, 2024, "id", kNow));
  // Bob has no 2024 contributions: there is no statement for him, whatever Alice has.
  EXPECT_FALSE(Get(bob_, 2024, "id", kNow));
  {
    auto lease = db().Acquire();
    EXPECT_FALSE(FindCurrent(lease.session(), bob_, 2024, "id", true));
    EXPECT_TRUE(CurrentStatements(lease.session(), bob_).empty());
  }
  const auto bobs = Get(bob_, 2023, "id", kNow);
  ASSERT_TRUE(bobs);
  EXPECT_TRUE(bobs->made_now);
  const auto lists =
      ListStatements(db(), test::ShippedCatalogs(), settings_, bob_, {"id", "en"}, kNow);
  ASSERT_EQ(lists.size(), 1u);
  EXPECT_EQ(lists[0].year, 2023);
  EXPECT_EQ(lists[0].generated.at("id"), kNow);
  EXPECT_FALSE(lists[0].generated.at("en"));
  // Unknown members and years without contributions have none.
  EXPECT_FALSE(Get(alice_, 1999, "id", kNow));
  EXPECT_FALSE(Get(987654, 2024, "id", kNow));
  EXPECT_TRUE(
      ListStatements(db(), test::ShippedCatalogs(), settings_, 987654, {"id"}, kNow).empty());
}

TEST_P(DocumentsDbTest, TheListShowsWhenAStatementWasMadeWhileItStillHolds) {
  const auto& t = test::ShippedCatalogs();
  auto list = ListStatements(db(), t, settings_, alice_, {"id", "en"}, kNow);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].year, 2024);
  EXPECT_FALSE(list[0].in_progress);  // 2024 is over on 1 January 2026
  EXPECT_FALSE(list[0].generated.at("id"));
  ASSERT_TRUE(Get(alice_, 2024, "en", kNow - 50));
  list = ListStatements(db(), t, settings_, alice_, {"id", "en"}, kNow);
  EXPECT_FALSE(list[0].generated.at("id"));
  EXPECT_EQ(list[0].generated.at("en"), kNow - 50);
  Exec("UPDATE contributions SET jkk = jkk + 1 WHERE member_id = " + std::to_string(alice_));
  list = ListStatements(db(), t, settings_, alice_, {"id", "en"}, kNow);
  EXPECT_FALSE(list[0].generated.at("en")) << "stale: it is made again when downloaded";

  Contribution(alice_, 202601, 5'000'000);
  list = ListStatements(db(), t, settings_, alice_, {"id"}, kNow);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].year, 2026);
  EXPECT_TRUE(list[0].in_progress);
}

TEST_P(DocumentsDbTest, CodesAreCheckedByTheirHashAndReportReplacement) {
  const std::string code = *CanonicalCode("ABCD-EFGH-JK23");
  {
    auto lease = db().Acquire();
    SaveStatement(lease.session(), alice_, 2024, "id", CodeHash(code), "source-1", 1000,
                  std::string("%PDF-\0binary", 12));
    const auto current = FindCurrent(lease.session(), alice_, 2024, "id", true);
    ASSERT_TRUE(current);
    EXPECT_EQ(current->pdf, std::string("%PDF-\0binary", 12)) << "bytes survive the store";
    const auto found = FindByCodeHash(lease.session(), CodeHash(code));
    ASSERT_TRUE(found);
    EXPECT_EQ(found->year, 2024);
    EXPECT_EQ(found->lang, "id");
    EXPECT_EQ(found->full_name, "Siti Rahayu");
    EXPECT_EQ(found->generated_at, 1000);
    EXPECT_FALSE(found->superseded_at);
    EXPECT_FALSE(FindByCodeHash(lease.session(), CodeHash("ABCDEFGHJK24")));

    SaveStatement(lease.session(), alice_, 2024, "id", CodeHash("ZZZZZZZZZZZZ"), "source-2", 2000,
                  "%PDF-2");
    const auto replaced = FindByCodeHash(lease.session(), CodeHash(code));
    ASSERT_TRUE(replaced);
    EXPECT_EQ(replaced->superseded_at, 2000);
    EXPECT_EQ(FindCurrent(lease.session(), alice_, 2024, "id", true)->pdf, "%PDF-2");
    EXPECT_EQ(FindCurrent(lease.session(), alice_, 2024, "id", false)->pdf, "");
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM statements WHERE code_hash LIKE '%ABCD%'"), 0)
      << "only the hash is stored";
  // The database itself refuses two current statements for one year and language.
  EXPECT_ANY_THROW(
      Exec("INSERT INTO statements (member_id, year, lang, code_hash, source_hash, "
           "generated_at, pdf) VALUES (" +
           std::to_string(alice_) + ", 2024, 'id', 'x', 'y', 3000, 'z')"));
}

LUMBUNG_INSTANTIATE_DB_TESTS(DocumentsDbTest);

}  // namespace
}  // namespace lumbung::statements
