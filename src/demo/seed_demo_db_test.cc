#include "demo/seed_demo.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <cstdio>
#include <map>

#include "core/db/migrator.h"
#include "core/db/transaction.h"
#include "employers/payment_code.h"
#include "employers/payments.h"
#include "employers/report_store.h"
#include "registry/contribution.h"
#include "registry/nik.h"
#include "support/test_databases.h"

namespace lumbung::demo {
namespace {

using registry::ComputeContribution;
using registry::ContributionRules;
using registry::CrossCheckNik;
using registry::Month;
using registry::MonthlyContribution;
using registry::NikProblem;
using registry::RiskClass;
using registry::Rupiah;
using registry::Sex;

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
  db::Migrate(database,
              {testing::SourceDir() / "src/registry/migrations",
               testing::SourceDir() / "src/employers/migrations"},
              log);
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
      {"submissions", Fingerprint(sql,
                                  "SELECT id, employer_id, period, version, upload_id, "
                                  "submitted_by, submitted_at, workers, total_wage, billed "
                                  "FROM wage_report_submissions ORDER BY id")},
      {"bill_lines", Fingerprint(sql,
                                 "SELECT id, bill_id, kind, submission_id, amount, created_at, "
                                 "fine_for_bill_id FROM employer_bill_lines ORDER BY id")},
      {"bank_payments",
       Fingerprint(sql,
                   "SELECT id, bank_reference, payment_code, amount, CAST(paid_on AS TEXT), "
                   "bill_id, amount_applied, amount_credited, imported_by, imported_at "
                   "FROM bank_payments ORDER BY id")},
      {"sequences",
       Fingerprint(sql, "SELECT name, next_value FROM number_sequences ORDER BY name")},
      {"jht", Fingerprint(sql,
                          "SELECT member_id, year, opening, contributions, returns, "
                          "withdrawals, closing, rate_bp FROM jht_yearly_credits "
                          "ORDER BY member_id, year")},
  };
}

// 'YYYY-MM-DD' (and anything after it) as a day.
Date ParseDay(const std::string& text) {
  int y = 0, m = 0, d = 0;
  std::sscanf(text.c_str(), "%d-%d-%d", &y, &m, &d);
  return Date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
              std::chrono::day{static_cast<unsigned>(d)}};
}

// The UTC day of epoch seconds, 'YYYY-MM-DD'.
std::string IsoDay(long long epoch_seconds) {
  const Date day{std::chrono::sys_days{std::chrono::days{epoch_seconds / 86400}}};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
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
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM employer_payments"), stats.bills);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM wage_report_submissions"), stats.submissions);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM employer_bill_lines"), stats.bill_lines);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM bank_payments"), stats.bank_payments);
  EXPECT_EQ(stats.submissions, stats.bills);
  EXPECT_GT(stats.bill_lines, stats.bills);  // some fines
  EXPECT_GT(stats.bank_payments, stats.bills / 2);
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
  // Every bill is the sum of its month's rows and the fines of earlier bills collected with it;
  // paid flags follow the bill.
  EXPECT_EQ(Count(sql,
                  "SELECT COUNT(*) FROM employer_payments p JOIN ("
                  "SELECT employer_id, period, SUM(jht_worker + jht_employer + jkk + jkm + "
                  "jp_worker + jp_employer) AS total, MIN(paid) AS lo, MAX(paid) AS hi "
                  "FROM contributions GROUP BY employer_id, period) t "
                  "ON t.employer_id = p.employer_id AND t.period = p.period "
                  "WHERE p.amount_billed <> t.total + (SELECT COALESCE(SUM(f.amount), 0) FROM "
                  "employer_bill_lines f WHERE f.bill_id = p.id AND f.kind = 'fine') "
                  "OR t.lo <> t.hi OR (t.lo = 1) <> (p.paid_on IS NOT NULL)"),
            0);
  // A bill without fines is exactly its month's billed contributions.
  EXPECT_GT(Count(sql,
                  "SELECT COUNT(*) FROM employer_payments p WHERE NOT EXISTS (SELECT 1 FROM "
                  "employer_bill_lines f WHERE f.bill_id = p.id AND f.kind = 'fine') AND "
                  "p.amount_billed = (SELECT SUM(jht_worker + jht_employer + jkk + jkm + "
                  "jp_worker + jp_employer) FROM contributions c WHERE c.employer_id = "
                  "p.employer_id AND c.period = p.period)"),
            Count(sql, "SELECT COUNT(*) FROM employer_payments") / 2);
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
                    "'jht_yearly_credits', 'wage_report_submissions', 'employer_bill_lines', "
                    "'bank_payments']::regclass[])"),
              14);
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
  const long long bills = Count(sql, "SELECT COUNT(*) FROM employer_payments");
  const long long lines = Count(sql, "SELECT COUNT(*) FROM employer_bill_lines");
  sql << "INSERT INTO employer_payments (employer_id, period, amount_billed, payment_code, "
         "due_date) VALUES (26, 202503, 1000, '99999999999', '2025-04-15')";
  EXPECT_EQ(Count(sql, "SELECT id FROM employer_payments WHERE payment_code = '99999999999'"),
            bills + 1);
  sql << "INSERT INTO wage_report_submissions (employer_id, period, version, submitted_by, "
         "submitted_at, workers, total_wage, billed) VALUES (26, 202503, 1, 5, 0, 1, 1, 1)";
  EXPECT_EQ(Count(sql, "SELECT id FROM wage_report_submissions WHERE employer_id = 26"), bills + 1);
  sql << "INSERT INTO employer_bill_lines (bill_id, kind, amount, created_at) VALUES (1, 'fine', "
         "1, 0)";
  EXPECT_EQ(Count(sql, "SELECT MAX(id) FROM employer_bill_lines"), lines + 1);
  const long long payments = Count(sql, "SELECT COUNT(*) FROM bank_payments");
  sql << "INSERT INTO bank_payments (bank_reference, payment_code, amount, paid_on, "
         "amount_applied, amount_credited, imported_at) VALUES ('TRX-1', '99999999998', 5, "
         "'2025-03-01', 0, 0, 0)";
  EXPECT_EQ(Count(sql, "SELECT id FROM bank_payments WHERE bank_reference = 'TRX-1'"),
            payments + 1);
}

// What the employer pipeline's own records say about the seeded bills.
TEST_P(SeedDemoDbTest, BillsAreTheirLinesPaidByTheirBankPayments) {
  SeedDemo(db(), Rules(), SmallSeed());
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  const long long bills = Count(sql, "SELECT COUNT(*) FROM employer_payments");
  ASSERT_GT(bills, 100);
  // Every bill equals the sum of its lines: one 'month' line from its version-1 report
  // (submitted by the demo loader) and the fines collected with it.
  EXPECT_EQ(Count(sql,
                  "SELECT COUNT(*) FROM employer_payments p WHERE p.amount_billed <> "
                  "(SELECT SUM(l.amount) FROM employer_bill_lines l WHERE l.bill_id = p.id)"),
            0);
  EXPECT_EQ(Count(sql,
                  "SELECT COUNT(*) FROM employer_payments p JOIN employer_bill_lines l ON "
                  "l.bill_id = p.id AND l.kind = 'month' JOIN wage_report_submissions s ON "
                  "s.id = l.submission_id AND s.employer_id = p.employer_id AND s.period = "
                  "p.period WHERE s.version = 1 AND s.submitted_by = 0 AND s.upload_id IS NULL "
                  "AND s.billed = l.amount"),
            bills);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM wage_report_submissions"), bills);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM wage_report_submission_lines"), 0);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM employer_bill_lines WHERE kind = 'amendment'"), 0);
  // The 'month' line is the month's billed contributions; the report's counts are its rows'.
  EXPECT_EQ(Count(sql,
                  "SELECT COUNT(*) FROM employer_bill_lines l JOIN employer_payments p ON "
                  "p.id = l.bill_id JOIN wage_report_submissions s ON s.id = l.submission_id "
                  "WHERE l.kind = 'month' AND (l.amount <> (SELECT SUM(jht_worker + "
                  "jht_employer + jkk + jkm + jp_worker + jp_employer) FROM contributions c "
                  "WHERE c.employer_id = p.employer_id AND c.period = p.period) OR s.workers <> "
                  "(SELECT COUNT(*) FROM wage_reports w WHERE w.employer_id = p.employer_id AND "
                  "w.period = p.period) OR s.total_wage <> (SELECT SUM(wage) FROM wage_reports "
                  "w WHERE w.employer_id = p.employer_id AND w.period = p.period))"),
            0);

  // Payment codes carry their check digit; later bills continue the sequence after them.
  std::vector<std::string> codes;
  {
    std::string code;
    soci::statement query =
        (sql.prepare << "SELECT payment_code FROM employer_payments ORDER BY id", soci::into(code));
    query.execute();
    while (query.fetch()) codes.push_back(code);
  }
  std::uint64_t highest = 0;
  for (const std::string& code : codes) {
    ASSERT_EQ(employers::CheckPaymentCode(code), employers::PaymentCodeProblem::kNone) << code;
    highest = std::max(highest, *employers::PaymentCodeSequence(code));
  }
  EXPECT_EQ(codes.front(), "10000000003");  // sequence 0: the first code the fund issues
  EXPECT_EQ(highest + 1, codes.size());
  EXPECT_EQ(Count(sql, "SELECT next_value FROM number_sequences WHERE name = 'payment_code'"),
            1'000'000'000LL + static_cast<long long>(highest) + 1);
  const std::string next_code = employers::NextPaymentCode(sql);
  EXPECT_EQ(employers::PaymentCodeSequence(next_code), highest + 1);

  // The bank payments applied add up to what each bill has paid; none was credited.
  EXPECT_EQ(Count(sql,
                  "SELECT COUNT(*) FROM employer_payments p WHERE p.amount_paid <> (SELECT "
                  "COALESCE(SUM(b.amount_applied), 0) FROM bank_payments b WHERE b.bill_id = "
                  "p.id)"),
            0);
  EXPECT_EQ(Count(sql,
                  "SELECT COUNT(*) FROM bank_payments b JOIN employer_payments p ON p.id = "
                  "b.bill_id WHERE b.payment_code <> p.payment_code OR b.amount_applied <> "
                  "b.amount OR b.amount_credited <> 0 OR b.imported_by IS NOT NULL OR "
                  "b.bank_reference NOT LIKE 'DEMO-%'"),
            0);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM bank_payments WHERE bill_id IS NULL"), 0);
  // Paid in full exactly when paid_on is set, which is then the last payment's day.
  EXPECT_EQ(Count(sql,
                  "SELECT COUNT(*) FROM employer_payments p WHERE (p.amount_paid = "
                  "p.amount_billed) <> (p.paid_on IS NOT NULL) OR p.amount_paid > "
                  "p.amount_billed"),
            0);
  EXPECT_EQ(Count(sql,
                  "SELECT COUNT(*) FROM employer_payments p WHERE p.paid_on IS NOT NULL AND "
                  "p.paid_on <> (SELECT MAX(b.paid_on) FROM bank_payments b WHERE b.bill_id = "
                  "p.id)"),
            0);
  EXPECT_GT(Count(sql, "SELECT COUNT(*) FROM employer_payments WHERE paid_on IS NOT NULL"), 0);
  // Some bills were paid in parts, some only in part.
  EXPECT_GT(Count(sql,
                  "SELECT COUNT(*) FROM employer_payments p WHERE p.paid_on IS NOT NULL AND "
                  "(SELECT COUNT(*) FROM bank_payments b WHERE b.bill_id = p.id) > 1"),
            0);
  EXPECT_GT(Count(sql,
                  "SELECT COUNT(*) FROM employer_payments WHERE paid_on IS NULL AND "
                  "amount_paid > 0"),
            0);

  // Each fine is the one the pipeline computes for the bill it is for (FineOwed: its bank
  // payments, to the day it was paid in full), charged once.
  struct Fine {
    long long amount = 0, for_bill = 0;
  };
  std::vector<Fine> fines;
  {
    Fine fine;
    soci::statement query = (sql.prepare << "SELECT amount, fine_for_bill_id FROM "
                                            "employer_bill_lines WHERE kind = 'fine' ORDER BY id",
                             soci::into(fine.amount), soci::into(fine.for_bill));
    query.execute();
    while (query.fetch()) fines.push_back(fine);
  }
  ASSERT_FALSE(fines.empty());
  EXPECT_EQ(Count(sql,
                  "SELECT COUNT(*) FROM (SELECT fine_for_bill_id FROM employer_bill_lines WHERE "
                  "kind = 'fine' GROUP BY fine_for_bill_id HAVING COUNT(*) > 1) t"),
            0);
  for (const Fine& fine : fines) {
    long long employer = 0;
    int period = 0;
    sql << "SELECT employer_id, period FROM employer_payments WHERE id = :id", soci::into(employer),
        soci::into(period), soci::use(fine.for_bill);
    const auto bill = employers::FindBill(sql, employer, period);
    ASSERT_TRUE(bill && bill->paid_on);
    EXPECT_EQ(fine.amount, employers::FineOwed(sql, Rules(), *bill, ParseDay(*bill->paid_on)))
        << fine.for_bill;
  }
}

// A report made after seeding fines, through the pipeline's ChargeEarlierFines, only the bills
// paid in full late since each employer's last bill was made (the others were fined with a
// seeded bill); then every bill paid late has been fined exactly once.
TEST_P(SeedDemoDbTest, ThePipelineFinesWhatTheSeederLeftAndNothingTwice) {
  SeedDemo(db(), Rules(), SmallSeed());
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  auto tx = db::Transaction::ForWriting(sql);
  struct LastBill {
    long long employer = 0, made = 0;
  };
  std::vector<LastBill> employers;
  {
    LastBill last;
    soci::statement query =
        (sql.prepare << "SELECT employer_id, MAX(submitted_at) FROM wage_report_submissions "
                        "GROUP BY employer_id ORDER BY employer_id",
         soci::into(last.employer), soci::into(last.made));
    query.execute();
    while (query.fetch()) employers.push_back(last);
  }
  ASSERT_GT(employers.size(), 5u);
  const long long late_unfined_before =
      Count(sql,
            "SELECT COUNT(*) FROM employer_payments b WHERE b.paid_on > b.due_date AND NOT "
            "EXISTS (SELECT 1 FROM employer_bill_lines f WHERE f.fine_for_bill_id = b.id)");
  long long charged = 0;
  for (const LastBill& last : employers) {
    const std::string code = employers::NextPaymentCode(sql);
    sql << "INSERT INTO employer_payments (employer_id, period, amount_billed, payment_code, "
           "due_date) VALUES (:e, 202503, 0, :c, '2025-04-15')",
        soci::use(last.employer), soci::use(code);
    long long bill = 0;
    sql << "SELECT id FROM employer_payments WHERE payment_code = :c", soci::into(bill),
        soci::use(code);
    const std::int64_t made = 1'742'436'000;  // 2025-03-20 02:00 UTC, "today"
    if (employers::ChargeEarlierFines(sql, Rules(), last.employer, bill, made) > 0) ++charged;
    // The day the employer's last seeded bill was made, as text.
    const std::string last_made = IsoDay(last.made);
    EXPECT_EQ(
        Count(sql,
              "SELECT COUNT(*) FROM employer_bill_lines f JOIN employer_payments b ON "
              "b.id = f.fine_for_bill_id WHERE f.bill_id = " +
                  std::to_string(bill) + " AND CAST(b.paid_on AS TEXT) < '" + last_made + "'"),
        0)
        << "employer " << last.employer;
  }
  EXPECT_EQ(Count(sql,
                  "SELECT COUNT(*) FROM employer_bill_lines WHERE kind = 'fine' AND "
                  "created_at = 1742436000"),
            late_unfined_before);
  EXPECT_EQ(Count(sql,
                  "SELECT COUNT(*) FROM employer_payments b WHERE b.paid_on > b.due_date AND NOT "
                  "EXISTS (SELECT 1 FROM employer_bill_lines f WHERE f.fine_for_bill_id = b.id)"),
            0);
  EXPECT_EQ(Count(sql,
                  "SELECT COUNT(*) FROM (SELECT fine_for_bill_id FROM employer_bill_lines WHERE "
                  "kind = 'fine' GROUP BY fine_for_bill_id HAVING COUNT(*) > 1) t"),
            0);
}

// Seeded payments are what the bank file's import makes of them: replayed through
// ApplyPayment, a sample of bills ends exactly as seeded.
TEST_P(SeedDemoDbTest, ReplayingTheBankPaymentsGivesTheSameBills) {
  SeedDemo(db(), Rules(), SmallSeed());
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  // Every bill paid in parts, only in part, or with a fine, and every 5th bill with payments.
  const std::string sample =
      "SELECT id FROM employer_payments p WHERE EXISTS (SELECT 1 FROM bank_payments b WHERE "
      "b.bill_id = p.id) AND (p.paid_on IS NULL OR p.id % 5 = 0 OR (SELECT COUNT(*) FROM "
      "bank_payments b WHERE b.bill_id = p.id) > 1 OR EXISTS (SELECT 1 FROM employer_bill_lines "
      "f WHERE f.bill_id = p.id AND f.kind = 'fine'))";
  const std::string bills_query =
      "SELECT id, amount_billed, amount_paid, CAST(paid_on AS TEXT) FROM employer_payments "
      "WHERE id IN (" +
      sample + ") ORDER BY id";
  const std::string contributions_query =
      "SELECT c.member_id, c.period, c.employer_id, c.paid FROM contributions c JOIN "
      "employer_payments p ON p.employer_id = c.employer_id AND p.period = c.period WHERE p.id "
      "IN (" +
      sample + ") ORDER BY c.member_id, c.period, c.employer_id";
  const std::string payments_query =
      "SELECT bank_reference, payment_code, amount, CAST(paid_on AS TEXT), bill_id, "
      "amount_applied, amount_credited FROM bank_payments WHERE bill_id IN (" +
      sample + ") ORDER BY bank_reference";
  const std::string seeded_bills = Fingerprint(sql, bills_query);
  const std::string seeded_contributions = Fingerprint(sql, contributions_query);
  const std::string seeded_payments = Fingerprint(sql, payments_query);
  ASSERT_GT(Count(sql, "SELECT COUNT(*) FROM (" + sample + ") t"), 20);

  std::vector<employers::BankPayment> replay;
  {
    employers::BankPayment p;
    soci::statement query =
        (sql.prepare << "SELECT payment_code, amount, CAST(paid_on AS TEXT), bank_reference FROM "
                        "bank_payments WHERE bill_id IN (" +
                            sample + ") ORDER BY paid_on, id",
         soci::into(p.payment_code), soci::into(p.amount), soci::into(p.paid_on),
         soci::into(p.bank_reference));
    query.execute();
    while (query.fetch()) {
      p.paid_on = p.paid_on.substr(0, 10);
      replay.push_back(p);
    }
  }
  {
    auto tx = db::Transaction::ForWriting(sql);
    sql << "UPDATE contributions SET paid = 0 WHERE EXISTS (SELECT 1 FROM employer_payments p "
           "WHERE p.employer_id = contributions.employer_id AND p.period = contributions.period "
           "AND p.id IN (" +
               sample + "))";
    sql << "UPDATE employer_payments SET amount_paid = 0, paid_on = NULL WHERE id IN (" + sample +
               ")";
    sql << "DELETE FROM bank_payments WHERE bill_id IN (SELECT id FROM employer_payments p WHERE "
           "p.amount_paid = 0 AND p.paid_on IS NULL)";
    tx.Commit();
  }
  ASSERT_NE(Fingerprint(sql, bills_query), seeded_bills);
  {
    auto tx = db::Transaction::ForWriting(sql);
    for (const employers::BankPayment& p : replay) {
      const employers::ApplyResult result = employers::ApplyPayment(sql, p, std::nullopt, 1);
      EXPECT_TRUE(result.outcome == employers::PaymentOutcome::kApplied ||
                  result.outcome == employers::PaymentOutcome::kPaidInFull)
          << p.bank_reference << " " << employers::PaymentOutcomeName(result.outcome);
      EXPECT_EQ(result.applied, p.amount);
      EXPECT_EQ(result.credited, 0);
    }
    tx.Commit();
  }
  EXPECT_EQ(Fingerprint(sql, bills_query), seeded_bills);
  EXPECT_EQ(Fingerprint(sql, contributions_query), seeded_contributions);
  EXPECT_EQ(Fingerprint(sql, payments_query), seeded_payments);
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
}  // namespace lumbung::demo
