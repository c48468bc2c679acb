#include "claims/claimant_facts.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "claims/eligibility.h"
#include "support/test_databases.h"

namespace lumbung::claims {
namespace {

using std::chrono::year;

const registry::RuleBook& Rules() {
  static const registry::RuleBook book = registry::RuleBook::LoadFile(
      std::filesystem::path(LUMBUNG_TEST_SHARE_DIR) / "config" / "rules.json");
  return book;
}

class ClaimantFactsDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/registry/migrations", "src/claims/migrations"});
    auto lease = db().Acquire();
    auto& sql = lease.session();
    sql << "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, "
           "registered_on) VALUES ('NPP00001', 'PT Maju Jaya', 'retail', 31, 1, '2010-01-01') "
           "RETURNING id",
        soci::into(maju_);
    sql << "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, "
           "registered_on) VALUES ('NPP00002', 'PT Sinar', 'manufacturing', 32, 2, "
           "'2010-01-01') RETURNING id",
        soci::into(sinar_);
    siti_ = Member("10000000001", "3171000000000001", "Siti Rahayu");
    budi_ = Member("10000000002", "3171000000000002", "Budi Santoso");
  }

  long long Member(const std::string& kpj, const std::string& nik, const std::string& name) {
    auto lease = db().Acquire();
    long long id = 0;
    lease.session() << "INSERT INTO members (kpj, nik, full_name, birth_date, sex, province_code, "
                       "marital_status, registered_on, status) VALUES (:k, :n, :f, '1970-03-15', "
                       "'F', 33, 'married', '2016-05-20', 'active') RETURNING id",
        soci::into(id), soci::use(kpj), soci::use(nik), soci::use(name);
    return id;
  }

  long long Spell(long long member, long long employer, const std::string& start, std::string end,
                  std::string reason) {
    auto lease = db().Acquire();
    long long id = 0;
    soci::indicator ended = end.empty() ? soci::i_null : soci::i_ok;
    lease.session() << "INSERT INTO employment_spells (member_id, employer_id, start_date, "
                       "end_date, end_reason) VALUES (:m, :e, :s, :d, :r) RETURNING id",
        soci::into(id), soci::use(member), soci::use(employer), soci::use(start),
        soci::use(end, ended), soci::use(reason, ended);
    return id;
  }

  void Month(long long member, long long employer, int period, long long wage, bool paid,
             long long jp_worker, long long jkp, bool with_report = true) {
    auto lease = db().Acquire();
    auto& sql = lease.session();
    const int paid_flag = paid ? 1 : 0;
    const long long jht_worker = wage * 2 / 100, jp_employer = jp_worker * 2;
    sql << "INSERT INTO contributions (member_id, period, employer_id, jht_worker, jht_employer, "
           "jkk, jkm, jp_worker, jp_employer, jkp, paid) VALUES (:m, :p, :e, :jw, 0, 0, 0, :pw, "
           ":pe, :k, :paid)",
        soci::use(member), soci::use(period), soci::use(employer), soci::use(jht_worker),
        soci::use(jp_worker), soci::use(jp_employer), soci::use(jkp), soci::use(paid_flag);
    if (with_report) {
      sql << "INSERT INTO wage_reports (member_id, period, employer_id, wage) VALUES (:m, :p, "
             ":e, :w)",
          soci::use(member), soci::use(period), soci::use(employer), soci::use(wage);
    }
  }

  void Ledger(long long member, int year_number, long long closing) {
    auto lease = db().Acquire();
    lease.session() << "INSERT INTO jht_yearly_credits (member_id, year, opening, contributions, "
                       "returns, withdrawals, closing, rate_bp) VALUES (:m, :y, 0, 0, 0, 0, :c, "
                       "550)",
        soci::use(member), soci::use(year_number), soci::use(closing);
  }

  long long Claim(long long member, const std::string& type, const std::string& program,
                  const std::string& status, const std::string& reference) {
    auto lease = db().Acquire();
    long long id = 0;
    const long long now = 1'767'225'600;
    lease.session() << "INSERT INTO claims (reference, member_id, claimant_account_id, "
                       "claimant_member_id, program, claim_type, status, created_at, updated_at, "
                       "status_since) VALUES (:r, :m, 1, :cm, :p, :t, :s, :n1, :n2, :n3) "
                       "RETURNING id",
        soci::into(id), soci::use(reference), soci::use(member), soci::use(member),
        soci::use(program), soci::use(type), soci::use(status), soci::use(now), soci::use(now),
        soci::use(now);
    return id;
  }

  long long Accident(long long member, long long employer, const std::string& day, long long wage,
                     int fatal, bool confirmed, int days) {
    auto lease = db().Acquire();
    long long id = 0;
    long long confirmed_at = 1'767'225'600;
    soci::indicator confirmed_ind = confirmed ? soci::i_ok : soci::i_null;
    lease.session() << "INSERT INTO work_accidents (member_id, employer_id, accident_date, place, "
                       "description, monthly_wage, fatal, days_unable_to_work, reported_by, "
                       "reported_at, member_confirmed_at) VALUES (:m, :e, :d, 'Gudang', "
                       "'Jatuh dari tangga', :w, :f, :days, 5, 1767225600, :c) RETURNING id",
        soci::into(id), soci::use(member), soci::use(employer), soci::use(day), soci::use(wage),
        soci::use(fatal), soci::use(days), soci::use(confirmed_at, confirmed_ind);
    return id;
  }

  ClaimantFacts Load(long long member, registry::Date today = year{2026} / 11 / 28) {
    auto lease = db().Acquire();
    return LoadClaimantFacts(lease.session(), member, Rules(), today);
  }

  long long maju_ = 0, sinar_ = 0, siti_ = 0, budi_ = 0;
};

TEST_P(ClaimantFactsDbTest, ReadsTheMemberAndTheirSpells) {
  const long long first = Spell(siti_, maju_, "2016-05-20", "2024-12-15", "resigned");
  const long long second = Spell(siti_, sinar_, "2025-01-02", "", "");
  Spell(budi_, maju_, "2016-05-20", "", "");
  const ClaimantFacts f = Load(siti_);
  EXPECT_EQ(f.birth_date, year{1970} / 3 / 15);
  EXPECT_EQ(f.registered_on, year{2016} / 5 / 20);
  EXPECT_EQ(f.member_status, "active");
  EXPECT_EQ(f.death_date, std::nullopt);
  ASSERT_EQ(f.spells.size(), 2u);
  EXPECT_EQ(f.spells[0].id, first);
  EXPECT_EQ(f.spells[0].employer_id, maju_);
  EXPECT_EQ(f.spells[0].employer_name, "PT Maju Jaya");
  EXPECT_EQ(f.spells[0].start, year{2016} / 5 / 20);
  EXPECT_EQ(f.spells[0].end, year{2024} / 12 / 15);
  EXPECT_EQ(f.spells[0].end_reason, "resigned");
  EXPECT_EQ(f.spells[1].id, second);
  EXPECT_EQ(f.spells[1].employer_name, "PT Sinar");
  EXPECT_EQ(f.spells[1].end, std::nullopt);
  EXPECT_EQ(f.spells[1].end_reason, "");
}

TEST_P(ClaimantFactsDbTest, ADeathIsTheEndOfASpellEndedByDeath) {
  Spell(siti_, maju_, "2016-05-20", "2026-08-01", "died");
  EXPECT_EQ(Load(siti_).death_date, year{2026} / 8 / 1);
}

TEST_P(ClaimantFactsDbTest, ReadsContributionMonthsWithTheirWages) {
  Month(siti_, maju_, 202501, 6'000'000, true, 60'000, 27'600);
  Month(siti_, sinar_, 202501, 2'000'000, false, 0, 0);
  Month(siti_, maju_, 202412, 5'500'000, true, 55'000, 25'300, /*with_report=*/false);
  Month(budi_, maju_, 202501, 9'000'000, true, 90'000, 27'600);
  const ClaimantFacts f = Load(siti_);
  ASSERT_EQ(f.months.size(), 3u);
  EXPECT_EQ(f.months[0].month, year{2024} / 12);
  EXPECT_EQ(f.months[0].wage, 0) << "no wage report";
  EXPECT_EQ(f.months[1].month, year{2025} / 1);
  EXPECT_EQ(f.months[1].employer_id, std::min(maju_, sinar_));
  const auto& at_maju = f.months[1].employer_id == maju_ ? f.months[1] : f.months[2];
  const auto& at_sinar = f.months[1].employer_id == maju_ ? f.months[2] : f.months[1];
  EXPECT_EQ(at_maju.wage, 6'000'000);
  EXPECT_TRUE(at_maju.paid);
  EXPECT_TRUE(at_maju.jp);
  EXPECT_EQ(at_maju.jp_amount, 180'000);
  EXPECT_TRUE(at_maju.jkp);
  EXPECT_EQ(at_sinar.wage, 2'000'000);
  EXPECT_FALSE(at_sinar.paid);
  EXPECT_FALSE(at_sinar.jp);
  EXPECT_FALSE(at_sinar.jkp);
}

TEST_P(ClaimantFactsDbTest, TheBalanceIsTheLatestLedgerYearUpToToday) {
  EXPECT_EQ(Load(siti_).jht_balance, 0);
  Ledger(siti_, 2025, 40'000'000);
  Ledger(siti_, 2026, 45'500'000);  // the running year, with its return so far
  Ledger(budi_, 2026, 99'000'000);
  EXPECT_EQ(Load(siti_).jht_balance, 45'500'000);
  EXPECT_EQ(Load(siti_, year{2025} / 12 / 31).jht_balance, 40'000'000);
}

TEST_P(ClaimantFactsDbTest, ReadsClaimsOfKindsTheRulesKnow) {
  const long long full = Claim(siti_, "jht_full", "JHT", "being_verified", "K-1");
  const long long jkp = Claim(siti_, "jkp", "JKP", "rejected", "K-2");
  Claim(siti_, "legacy", "JHT", "paid", "L-3");
  Claim(budi_, "jp", "JP", "paid", "K-4");
  const ClaimantFacts f = Load(siti_);
  ASSERT_EQ(f.prior_claims.size(), 2u);
  EXPECT_EQ(f.prior_claims[0].id, full);
  EXPECT_EQ(f.prior_claims[0].type, ClaimType::kJhtFull);
  EXPECT_EQ(f.prior_claims[0].status, "being_verified");
  EXPECT_EQ(f.prior_claims[1].id, jkp);
  EXPECT_EQ(f.prior_claims[1].type, ClaimType::kJkp);
  EXPECT_EQ(f.prior_claims[1].status, "rejected");
}

TEST_P(ClaimantFactsDbTest, ReadsTheAccidentsEmployersReported) {
  const long long later = Accident(siti_, sinar_, "2026-03-02", 4'500'000, 0, true, 20);
  const long long earlier = Accident(siti_, maju_, "2025-07-14", 4'000'000, 1, false, 0);
  Accident(budi_, maju_, "2025-07-14", 4'000'000, 0, true, 3);
  const ClaimantFacts f = Load(siti_);
  ASSERT_EQ(f.accidents.size(), 2u);
  EXPECT_EQ(f.accidents[0].id, earlier);
  EXPECT_EQ(f.accidents[0].date, year{2025} / 7 / 14);
  EXPECT_TRUE(f.accidents[0].fatal);
  EXPECT_FALSE(f.accidents[0].confirmed_by_member);
  EXPECT_EQ(f.accidents[1].id, later);
  EXPECT_EQ(f.accidents[1].employer_id, sinar_);
  EXPECT_EQ(f.accidents[1].monthly_wage, 4'500'000);
  EXPECT_FALSE(f.accidents[1].fatal);
  EXPECT_TRUE(f.accidents[1].confirmed_by_member);
  EXPECT_EQ(f.accidents[1].days_unable_to_work, 20);
}

TEST_P(ClaimantFactsDbTest, TheLoadedFactsDecideAClaim) {
  const long long spell = Spell(siti_, maju_, "2016-05-20", "2026-10-31", "dismissed");
  for (int month = 1; month <= 10; ++month) {
    Month(siti_, maju_, 202600 + month, 4'000'000, true, 40'000, 18'400);
  }
  for (int month = 10; month <= 12; ++month) {
    Month(siti_, maju_, 202500 + month, 4'000'000, true, 40'000, 18'400);
  }
  Ledger(siti_, 2026, 30'000'000);
  ClaimAnswers jkp;
  jkp.type = ClaimType::kJkp;
  jkp.spell_id = spell;
  const auto e = Decide(jkp, Load(siti_), Rules(), year{2026} / 11 / 28);
  EXPECT_TRUE(e.eligible);
  ClaimAnswers jht;
  jht.type = ClaimType::kJhtFull;
  jht.jht_ground = JhtGround::kJobEnded;
  jht.spell_id = spell;
  EXPECT_TRUE(Decide(jht, Load(siti_), Rules(), year{2026} / 11 / 30).eligible);
  EXPECT_EQ(Decide(jht, Load(siti_), Rules(), year{2026} / 11 / 29).eligible_from,
            year{2026} / 11 / 30);
}

TEST_P(ClaimantFactsDbTest, NoSuchMember) {
  auto lease = db().Acquire();
  EXPECT_THROW(LoadClaimantFacts(lease.session(), 987654, Rules(), year{2026} / 1 / 1),
               std::runtime_error);
}

LUMBUNG_INSTANTIATE_DB_TESTS(ClaimantFactsDbTest);

}  // namespace
}  // namespace lumbung::claims
