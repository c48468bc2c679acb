#include "registry/seed_demo.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <cstdio>
#include <map>

#include "core/db/migrator.h"
#include "registry/contribution.h"
#include "registry/nik.h"
#include "support/test_databases.h"

namespace lumbung::registry {
namespace {

const RuleBook& Rules() {
  static const RuleBook rules = RuleBook::LoadFile(testing::SourceDir() / "config/rules.json");
  return rules;
}

SeedOptions SmallSeed(std::uint64_t seed = 7) {
  SeedOptions options;
  options.members = 300;
  options.employers = 25;
  options.years = 4;
  options.seed = seed;
  options.today = Date{std::chrono::year{2025}, std::chrono::month{3}, std::chrono::day{20}};
  options.batch_rows = 2500;  // several batches
  return options;
}

void Migrate(db::Database& database) {
  std::ostringstream log;
  db::Migrate(database, {testing::SourceDir() / "src/registry/migrations"}, log);
}

// Row count and FNV-1a hash of a query's result, every value as text: equal fingerprints mean
// equal data, whichever database it came from.
std::string Fingerprint(soci::session& sql, const std::string& query) {
  soci::rowset<soci::row> rows = (sql.prepare << query);
  std::uint64_t hash = 14695981039346656037ULL;
  auto add = [&hash](std::string_view text) {
    for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ULL;
    hash = (hash ^ 0x1f) * 1099511628211ULL;
  };
  long long count = 0;
  for (const soci::row& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (row.get_indicator(i) == soci::i_null) {
        add("\\N");
        continue;
      }
      switch (row.get_properties(i).get_data_type()) {
        case soci::dt_string:
          add(row.get<std::string>(i));
          break;
        case soci::dt_integer:
          add(std::to_string(row.get<int>(i)));
          break;
        case soci::dt_long_long:
          add(std::to_string(row.get<long long>(i)));
          break;
        case soci::dt_unsigned_long_long:
          add(std::to_string(row.get<unsigned long long>(i)));
          break;
        default:
          ADD_FAILURE() << "unexpected column type in " << query;
      }
    }
    ++count;
  }
  char text[40];
  std::snprintf(text, sizeof text, "%lld:%016llx", count, static_cast<unsigned long long>(hash));
  return text;
}

// Everything the seeder writes, in a fixed order, dates as text.
std::map<std::string, std::string> Fingerprints(db::Database& database) {
  auto lease = database.Acquire();
  soci::session& sql = *lease;
  return {
      {"employers", Fingerprint(sql,
                                "SELECT id, npp, name, sector, province_code, jkk_risk_class, "
                                "CAST(registered_on AS TEXT) FROM employers ORDER BY id")},
      {"members",
       Fingerprint(sql,
                   "SELECT id, kpj, nik, full_name, CAST(birth_date AS TEXT), sex, address, "
                   "province_code, phone, email, marital_status, "
                   "CAST(registered_on AS TEXT), status FROM members ORDER BY id")},
      {"spells", Fingerprint(sql,
                             "SELECT id, member_id, employer_id, CAST(start_date AS TEXT), "
                             "CAST(end_date AS TEXT), end_reason FROM employment_spells "
                             "ORDER BY id")},
      {"wages", Fingerprint(sql,
                            "SELECT member_id, period, employer_id, wage FROM wage_reports "
                            "ORDER BY member_id, period, employer_id")},
      {"contributions",
       Fingerprint(sql,
                   "SELECT member_id, period, employer_id, jht_worker, jht_employer, jkk, "
                   "jkm, jp_worker, jp_employer, jkp, paid FROM contributions "
                   "ORDER BY member_id, period, employer_id")},
      {"payments", Fingerprint(sql,
                               "SELECT id, employer_id, period, amount_billed, amount_paid, "
                               "payment_code, CAST(due_date AS TEXT), CAST(paid_on AS TEXT) "
                               "FROM employer_payments ORDER BY id")},
      {"jht", Fingerprint(sql,
                          "SELECT member_id, year, opening, contributions, returns, "
                          "withdrawals, closing, rate_bp FROM jht_yearly_credits "
                          "ORDER BY member_id, year")},
  };
}

long long Count(soci::session& sql, const std::string& query) {
  long long n = -1;
  sql << query, soci::into(n);
  return n;
}

class SeedDemoDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    testing::DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Migrate(db());
  }
};

TEST_P(SeedDemoDbTest, WritesWhatItReports) {
  std::vector<std::string> phases;
  std::int64_t last_done = 0;
  const SeedStats stats = SeedDemo(db(), Rules(), SmallSeed(), [&](const SeedProgress& p) {
    if (phases.empty() || phases.back() != p.phase) phases.emplace_back(p.phase);
    EXPECT_GE(p.members_done, last_done);
    last_done = p.members_done;
    EXPECT_EQ(p.members_total, 300);
  });
  EXPECT_THAT(phases,
              ::testing::ElementsAre("employers", "members", "payments", "finishing", "done"));
  EXPECT_FALSE(stats.skipped);
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  EXPECT_EQ(stats.members, 300);
  EXPECT_EQ(stats.employers, 25);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM members"), stats.members);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM employers"), stats.employers);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM employment_spells"), stats.spells);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM wage_reports"), stats.wage_reports);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM contributions"), stats.contributions);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM employer_payments"), stats.payments);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM jht_yearly_credits"), stats.jht_years);
  EXPECT_EQ(stats.wage_reports, stats.contributions);
  EXPECT_GT(stats.contributions, 300 * 12);
  EXPECT_GT(stats.spells, 300);
  EXPECT_GT(stats.contribution_rows_per_second, 0);
  // The history ends the month before `today`.
  EXPECT_EQ(Count(sql, "SELECT MAX(period) FROM contributions"), 202502);
  EXPECT_EQ(Count(sql, "SELECT MIN(period) FROM contributions"), 202103);
}

TEST_P(SeedDemoDbTest, EveryNikMatchesBirthDateAndSex) {
  SeedDemo(db(), Rules(), SmallSeed());
  auto lease = db().Acquire();
  std::string nik, birth, sex;
  soci::statement query =
      (lease->prepare << "SELECT nik, CAST(birth_date AS TEXT), sex FROM members", soci::into(nik),
       soci::into(birth), soci::into(sex));
  query.execute();
  int checked = 0;
  while (query.fetch()) {
    int y = 0, m = 0, d = 0;
    ASSERT_EQ(std::sscanf(birth.c_str(), "%d-%d-%d", &y, &m, &d), 3) << birth;
    const Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                    std::chrono::day{static_cast<unsigned>(d)}};
    EXPECT_EQ(CrossCheckNik(nik, date, sex == "F" ? Sex::kFemale : Sex::kMale), NikProblem::kNone)
        << nik << " " << birth << " " << sex;
    ++checked;
  }
  EXPECT_EQ(checked, 300);
}

TEST_P(SeedDemoDbTest, ContributionsAreComputedWithTheRulesOfTheirMonth) {
  SeedDemo(db(), Rules(), SmallSeed());
  auto lease = db().Acquire();
  int period = 0, risk = 0, paid = 0;
  long long wage = 0, jht_w = 0, jht_e = 0, jkk = 0, jkm = 0, jp_w = 0, jp_e = 0, jkp = 0;
  soci::statement query =
      (lease->prepare << "SELECT c.period, e.jkk_risk_class, w.wage, c.jht_worker, c.jht_employer, "
                         "c.jkk, c.jkm, c.jp_worker, c.jp_employer, c.jkp, c.paid "
                         "FROM contributions c "
                         "JOIN wage_reports w ON w.member_id = c.member_id AND "
                         "w.period = c.period AND w.employer_id = c.employer_id "
                         "JOIN employers e ON e.id = c.employer_id",
       soci::into(period), soci::into(risk), soci::into(wage), soci::into(jht_w), soci::into(jht_e),
       soci::into(jkk), soci::into(jkm), soci::into(jp_w), soci::into(jp_e), soci::into(jkp),
       soci::into(paid));
  query.execute();
  long long rows = 0;
  std::map<int, ContributionRules> rules;
  while (query.fetch()) {
    if (!rules.contains(period)) {
      rules[period] = Rules().ContributionRulesFor(
          Month{std::chrono::year{period / 100},
                std::chrono::month{static_cast<unsigned>(period % 100)}});
    }
    const MonthlyContribution expected =
        ComputeContribution(rules[period], static_cast<RiskClass>(risk), wage);
    ASSERT_EQ(jht_w, expected.jht_worker);
    ASSERT_EQ(jht_e, expected.jht_employer);
    ASSERT_EQ(jkk, expected.jkk);
    ASSERT_EQ(jkm, expected.jkm);
    ASSERT_EQ(jp_w, expected.jp_worker);
    ASSERT_EQ(jp_e, expected.jp_employer);
    ASSERT_EQ(jkp, expected.jkp);
    ++rows;
  }
  EXPECT_EQ(rows, Count(*lease, "SELECT COUNT(*) FROM contributions"));
}

TEST_P(SeedDemoDbTest, BillsAndJhtCreditsAgreeWithContributions) {
  SeedDemo(db(), Rules(), SmallSeed());
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  // Every bill is the sum of its rows; paid flags follow the bill.
  EXPECT_EQ(Count(sql,
                  "SELECT COUNT(*) FROM employer_payments p JOIN ("
                  "SELECT employer_id, period, SUM(jht_worker + jht_employer + jkk + jkm + "
                  "jp_worker + jp_employer) AS total, MIN(paid) AS lo, MAX(paid) AS hi "
                  "FROM contributions GROUP BY employer_id, period) t "
                  "ON t.employer_id = p.employer_id AND t.period = p.period "
                  "WHERE p.amount_billed <> t.total OR t.lo <> t.hi OR "
                  "(t.lo = 1) <> (p.paid_on IS NOT NULL)"),
            0);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM employer_payments"),
            Count(sql,
                  "SELECT COUNT(*) FROM (SELECT DISTINCT employer_id, period FROM "
                  "contributions) t"));
  EXPECT_GT(Count(sql, "SELECT COUNT(*) FROM contributions WHERE paid = 0"), 0);
  // JHT credits hold exactly the paid JHT contributions.
  EXPECT_EQ(Count(sql, "SELECT SUM(contributions) FROM jht_yearly_credits"),
            Count(sql, "SELECT SUM(jht_worker + jht_employer) FROM contributions WHERE paid = 1"));
}

TEST_P(SeedDemoDbTest, ReferencesAreIntactAndEnforcedAgain) {
  SeedDemo(db(), Rules(), SmallSeed());
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  if (dialect() == db::Dialect::kSqlite) {
    // The seeder loads SQLite with foreign keys off: prove that nothing dangles.
    soci::rowset<soci::row> problems = (sql.prepare << "PRAGMA foreign_key_check");
    EXPECT_EQ(std::distance(problems.begin(), problems.end()), 0);
    EXPECT_EQ(Count(sql, "PRAGMA foreign_keys"), 1);
    EXPECT_EQ(Count(sql, "PRAGMA synchronous"), 1);
  } else {
    // The seeder drops PostgreSQL's foreign keys while loading and re-adds them, validated.
    EXPECT_EQ(Count(sql,
                    "SELECT COUNT(*) FROM pg_constraint WHERE contype = 'f' AND "
                    "convalidated AND conrelid = ANY (ARRAY['employment_spells', "
                    "'wage_reports', 'contributions', 'employer_payments', "
                    "'jht_yearly_credits']::regclass[])"),
              8);
  }
  EXPECT_THROW(sql << "INSERT INTO wage_reports (member_id, period, employer_id, wage) "
                      "VALUES (99999, 202401, 1, 1)",
               soci::soci_error);
}

TEST_P(SeedDemoDbTest, SameSeedSameDataAndAnotherSeedOther) {
  SeedDemo(db(), Rules(), SmallSeed());
  testing::TestDatabase twin_db(GetParam()), other_db(GetParam());
  auto twin = twin_db.Open();
  auto other = other_db.Open();
  Migrate(*twin);
  Migrate(*other);
  SeedOptions different_batches = SmallSeed();
  different_batches.batch_rows = 100'000;  // batching must not change the data
  SeedDemo(*twin, Rules(), different_batches);
  SeedDemo(*other, Rules(), SmallSeed(8));
  const auto mine = Fingerprints(db());
  EXPECT_EQ(mine, Fingerprints(*twin));
  const auto theirs = Fingerprints(*other);
  EXPECT_NE(mine.at("members"), theirs.at("members"));
  EXPECT_NE(mine.at("contributions"), theirs.at("contributions"));
}

TEST_P(SeedDemoDbTest, RefusesAFilledRegistryUnlessAskedToSkip) {
  SeedDemo(db(), Rules(), SmallSeed());
  SeedOptions again = SmallSeed();
  EXPECT_THROW(SeedDemo(db(), Rules(), again), std::runtime_error);
  again.if_empty = true;
  const SeedStats stats = SeedDemo(db(), Rules(), again);
  EXPECT_TRUE(stats.skipped);
  EXPECT_EQ(stats.members, 0);
  auto lease = db().Acquire();
  EXPECT_EQ(Count(*lease, "SELECT COUNT(*) FROM members"), 300);
}

TEST_P(SeedDemoDbTest, LaterInsertsGetFreshIds) {
  SeedDemo(db(), Rules(), SmallSeed());
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  sql << "INSERT INTO members (kpj, nik, full_name, birth_date, sex, province_code, "
         "marital_status, registered_on, status) VALUES ('99999999999', '3171010101990001', "
         "'Budi Santoso', '1999-01-01', 'M', 31, 'single', '2025-03-01', 'active')";
  EXPECT_EQ(Count(sql, "SELECT id FROM members WHERE kpj = '99999999999'"), 301);
  sql << "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, registered_on) "
         "VALUES ('00000001', 'PT Baru', 'retail_trade', 31, 1, '2025-03-01')";
  EXPECT_EQ(Count(sql, "SELECT id FROM employers WHERE npp = '00000001'"), 26);
}

LUMBUNG_INSTANTIATE_DB_TESTS(SeedDemoDbTest);

// The same options give the same rows on SQLite and on PostgreSQL.
TEST(SeedDemoCrossDbTest, SameDataOnSqliteAndPostgres) {
  if (testing::SkipPostgres()) GTEST_SKIP() << "LUMBUNG_TEST_SKIP_POSTGRES=1";
  testing::TestDatabase sqlite_db("sqlite"), postgres_db("postgresql");
  auto sqlite = sqlite_db.Open();
  auto postgres = postgres_db.Open();
  Migrate(*sqlite);
  Migrate(*postgres);
  SeedDemo(*sqlite, Rules(), SmallSeed());
  SeedDemo(*postgres, Rules(), SmallSeed());
  EXPECT_EQ(Fingerprints(*sqlite), Fingerprints(*postgres));
}

}  // namespace
}  // namespace lumbung::registry
