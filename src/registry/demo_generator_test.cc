#include "registry/demo_generator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "registry/contribution.h"
#include "registry/nik.h"

namespace lumbung::registry {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

const RuleBook& Rules() {
  static const RuleBook rules = [] {
    const char* share = std::getenv("LUMBUNG_SHARE_DIR");
    return RuleBook::LoadFile(std::filesystem::path(share ? share : ".") / "config/rules.json");
  }();
  return rules;
}

constexpr Date kToday{std::chrono::year{2025}, std::chrono::month{6}, std::chrono::day{10}};

DemoOptions Options(int members = 600, int employers = 40, int years = 10, std::uint64_t seed = 1) {
  DemoOptions options;
  options.members = members;
  options.employers = employers;
  options.years = years;
  options.seed = seed;
  options.today = kToday;
  return options;
}

std::vector<DemoMember> GenerateAll(DemoGenerator& generator, int members) {
  std::vector<DemoMember> all(static_cast<std::size_t>(members));
  for (int id = 1; id <= members; ++id)
    generator.GenerateMember(id, all[static_cast<std::size_t>(id - 1)]);
  return all;
}

Month MonthOf(Date d) {
  return Month{d.year(), d.month()};
}

TEST(DemoGeneratorTest, WindowEndsTheMonthBeforeToday) {
  DemoGenerator generator(Rules(), Options(10, 5, 3));
  EXPECT_EQ(generator.last_month(), Month(std::chrono::year{2025}, std::chrono::month{5}));
  EXPECT_EQ(generator.first_month(), Month(std::chrono::year{2022}, std::chrono::month{6}));
  // Ten years back reaches before the rules: the window starts with them.
  DemoGenerator long_ago(Rules(), Options(10, 5, 30));
  EXPECT_EQ(long_ago.first_month(), Rules().FirstMonth());
}

TEST(DemoGeneratorTest, RejectsBadOptions) {
  EXPECT_THROW(DemoGenerator(Rules(), Options(10, 0)), std::invalid_argument);
  EXPECT_THROW(DemoGenerator(Rules(), Options(10, 5, 0)), std::invalid_argument);
  DemoOptions early = Options();
  early.today = Date{std::chrono::year{2001}, std::chrono::month{1}, std::chrono::day{1}};
  EXPECT_THROW(DemoGenerator(Rules(), early), std::invalid_argument);
}

TEST(DemoGeneratorTest, MembersComeInIdOrder) {
  DemoGenerator generator(Rules(), Options(10, 5));
  DemoMember member;
  generator.GenerateMember(1, member);
  EXPECT_THROW(generator.GenerateMember(3, member), std::logic_error);
}

TEST(DemoGeneratorTest, Deterministic) {
  DemoGenerator a(Rules(), Options(200, 20)), b(Rules(), Options(200, 20)),
      c(Rules(), Options(200, 20, 10, 2));
  const auto first = GenerateAll(a, 200), second = GenerateAll(b, 200), other = GenerateAll(c, 200);
  int same_name_as_other_seed = 0;
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].nik, second[i].nik);
    EXPECT_EQ(first[i].full_name, second[i].full_name);
    EXPECT_EQ(first[i].months.size(), second[i].months.size());
    EXPECT_EQ(first[i].jht.size(), second[i].jht.size());
    if (!first[i].jht.empty()) {
      EXPECT_EQ(first[i].jht.back().closing, second[i].jht.back().closing);
    }
    same_name_as_other_seed += first[i].full_name == other[i].full_name ? 1 : 0;
  }
  EXPECT_LT(same_name_as_other_seed, 20);
  EXPECT_EQ(a.Payments().size(), b.Payments().size());
  EXPECT_EQ(a.employers()[3].name, b.employers()[3].name);
}

class GeneratedRegistry : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    generator_ = new DemoGenerator(Rules(), Options(2000, 60));
    members_ = new std::vector<DemoMember>(GenerateAll(*generator_, 2000));
  }
  static void TearDownTestSuite() {
    delete members_;
    delete generator_;
  }
  static const DemoEmployer& Employer(std::int64_t id) {
    return generator_->employers()[static_cast<std::size_t>(id - 1)];
  }
  static DemoGenerator* generator_;
  static std::vector<DemoMember>* members_;
};
DemoGenerator* GeneratedRegistry::generator_ = nullptr;
std::vector<DemoMember>* GeneratedRegistry::members_ = nullptr;

TEST_F(GeneratedRegistry, IdentifiersAreValidAndUnique) {
  std::set<std::string> niks, kpjs;
  for (const DemoMember& m : *members_) {
    EXPECT_EQ(CrossCheckNik(m.nik, m.birth_date, m.sex), NikProblem::kNone) << m.nik;
    EXPECT_EQ(std::stoi(m.nik.substr(0, 2)), m.province_code);
    EXPECT_TRUE(niks.insert(m.nik).second) << m.nik;
    EXPECT_THAT(m.kpj, ::testing::MatchesRegex("[1-9][0-9]{10}"));
    EXPECT_TRUE(kpjs.insert(m.kpj).second) << m.kpj;
  }
  std::set<std::string> npps, codes;
  for (const DemoEmployer& e : generator_->employers()) {
    EXPECT_THAT(e.npp, ::testing::MatchesRegex("[0-9]{8}"));
    EXPECT_TRUE(npps.insert(e.npp).second);
  }
  for (const DemoPayment& p : generator_->Payments()) {
    EXPECT_THAT(p.payment_code, ::testing::MatchesRegex("[0-9]{11}"));
    EXPECT_TRUE(codes.insert(p.payment_code).second);
  }
}

TEST_F(GeneratedRegistry, ContributionsFollowTheRulesOfTheirMonth) {
  std::int64_t rows = 0, above_jp_cap = 0;
  for (const DemoMember& m : *members_) {
    for (const DemoMonth& row : m.months) {
      const ContributionRules rules = Rules().ContributionRulesFor(MonthOfPeriod(row.period));
      const MonthlyContribution expected =
          ComputeContribution(rules, Employer(row.employer_id).risk, row.wage);
      ASSERT_EQ(row.contribution.jht_worker, expected.jht_worker);
      ASSERT_EQ(row.contribution.jht_employer, expected.jht_employer);
      ASSERT_EQ(row.contribution.jkk, expected.jkk);
      ASSERT_EQ(row.contribution.jkm, expected.jkm);
      ASSERT_EQ(row.contribution.jp_worker, expected.jp_worker);
      ASSERT_EQ(row.contribution.jp_employer, expected.jp_employer);
      ASSERT_EQ(row.contribution.jkp, expected.jkp);
      above_jp_cap += row.wage > rules.jp_wage_cap ? 1 : 0;
      ++rows;
    }
  }
  EXPECT_GT(rows, 2000 * 30);
  // The cap matters for a visible minority of months.
  EXPECT_GT(above_jp_cap, rows / 100);
  EXPECT_LT(above_jp_cap, rows / 5);
}

TEST_F(GeneratedRegistry, MonthsMatchSpells) {
  const Month first = generator_->first_month(), last = generator_->last_month();
  int inactive = 0, with_gaps = 0, concurrent = 0;
  for (const DemoMember& m : *members_) {
    ASSERT_FALSE(m.spells.empty());
    std::map<std::pair<int, std::int64_t>, int> expected;  // (period, employer) -> count
    for (const DemoSpell& s : m.spells) {
      EXPECT_GE(MonthOf(s.start), first);
      EXPECT_EQ(s.end.has_value(), s.end_reason.has_value());
      const Month end = s.end ? MonthOf(*s.end) : last;
      if (s.end) {
        EXPECT_GE(sys_days(*s.end), sys_days(s.start));
      }
      EXPECT_LT(sys_days(Employer(s.employer_id).registered_on), sys_days(s.start));
      for (Month mo = MonthOf(s.start); mo <= end; mo += std::chrono::months(1)) {
        ++expected[{PeriodOf(mo), s.employer_id}];
      }
    }
    std::map<std::pair<int, std::int64_t>, int> actual;
    for (const DemoMonth& row : m.months) ++actual[{row.period, row.employer_id}];
    EXPECT_EQ(actual, expected) << "member " << m.id;
    for (const auto& [key, count] : actual) EXPECT_EQ(count, 1);
    // Adults when they start; registered with their first job.
    EXPECT_GE(sys_days(m.spells.front().start), sys_days(m.birth_date) + days(18 * 365));
    EXPECT_EQ(sys_days(m.registered_on), sys_days(m.spells.front().start));
    inactive += m.status == "inactive" ? 1 : 0;
    for (std::size_t i = 1; i < m.spells.size(); ++i) {
      if (m.spells[i - 1].end &&
          MonthOf(*m.spells[i - 1].end) + std::chrono::months(1) < MonthOf(m.spells[i].start)) {
        ++with_gaps;
      }
      if (!m.spells[i - 1].end || sys_days(*m.spells[i - 1].end) >= sys_days(m.spells[i].start)) {
        ++concurrent;
      }
    }
  }
  EXPECT_GT(inactive, 100);
  EXPECT_LT(inactive, 1000);
  EXPECT_GT(with_gaps, 200);
  EXPECT_GT(concurrent, 10);
}

TEST_F(GeneratedRegistry, EmployersCoverRiskClassesAndSomeAreInArrears) {
  std::set<RiskClass> classes;
  std::set<int> provinces;
  int in_arrears = 0;
  for (const DemoEmployer& e : generator_->employers()) {
    classes.insert(e.risk);
    provinces.insert(e.province_code);
    in_arrears += e.arrears_months > 0 ? 1 : 0;
  }
  EXPECT_EQ(classes.size(), 5u);
  EXPECT_GT(provinces.size(), 10u);
  EXPECT_GE(in_arrears, 1);
  EXPECT_LE(in_arrears, 15);
  const DemoEmployer& late = generator_->employers()[1];
  ASSERT_GT(late.arrears_months, 0);
  EXPECT_FALSE(generator_->SettlementFor(late, generator_->last_month()).paid);
}

TEST_F(GeneratedRegistry, BillsAddUpAndMatchPaidFlags) {
  std::map<std::pair<std::int64_t, int>, Rupiah> billed;
  std::map<std::pair<std::int64_t, int>, bool> paid;
  for (const DemoMember& m : *members_) {
    for (const DemoMonth& row : m.months) {
      billed[{row.employer_id, row.period}] += row.contribution.Billed();
      paid[{row.employer_id, row.period}] = row.paid;
    }
  }
  const std::vector<DemoPayment> payments = generator_->Payments();
  ASSERT_EQ(payments.size(), billed.size());
  int unpaid = 0, late = 0;
  for (const DemoPayment& p : payments) {
    EXPECT_EQ(p.amount_billed, (billed[{p.employer_id, p.period}]));
    const bool is_paid = paid[{p.employer_id, p.period}];
    EXPECT_EQ(p.paid_on.has_value(), is_paid);
    EXPECT_EQ(p.amount_paid, is_paid ? p.amount_billed : 0);
    EXPECT_EQ(static_cast<unsigned>(p.due_date.day()), 15u);
    if (p.paid_on) {
      EXPECT_LT(sys_days(*p.paid_on), sys_days(kToday));
      late += sys_days(*p.paid_on) > sys_days(p.due_date) ? 1 : 0;
    } else {
      ++unpaid;
    }
  }
  EXPECT_GT(unpaid, 0);
  EXPECT_GT(late, payments.size() / 50);
}

TEST_F(GeneratedRegistry, JhtStatementsAddUp) {
  int withdrawn = 0;
  for (const DemoMember& m : *members_) {
    Rupiah paid_jht = 0;
    for (const DemoMonth& row : m.months) {
      if (row.paid) paid_jht += row.contribution.jht_worker + row.contribution.jht_employer;
    }
    if (paid_jht == 0) {
      EXPECT_TRUE(m.jht.empty());
      continue;
    }
    ASSERT_FALSE(m.jht.empty());
    Rupiah contributions = 0, withdrawals = 0;
    for (std::size_t i = 0; i < m.jht.size(); ++i) {
      const DemoJhtYear& y = m.jht[i];
      contributions += y.contributions;
      withdrawals += y.withdrawals;
      EXPECT_NEAR(y.closing, y.opening + y.contributions + y.returns - y.withdrawals, 2);
      if (i > 0) {
        EXPECT_EQ(y.opening, m.jht[i - 1].closing);
      }
      EXPECT_EQ(y.rate_bp, Rules().JhtReturnBp(y.year));
    }
    EXPECT_EQ(contributions, paid_jht);
    EXPECT_EQ(m.jht.back().year, static_cast<int>(generator_->last_month().year()));
    if (withdrawals > 0) {
      ++withdrawn;
      EXPECT_EQ(m.status, "inactive");
      EXPECT_LE(m.jht.back().closing, 2);  // the fraction of a rupiah left, with returns
    } else {
      EXPECT_GT(m.jht.back().closing, contributions);  // returns were credited
    }
  }
  EXPECT_GT(withdrawn, 20);
}

TEST_F(GeneratedRegistry, PeopleLookPlausible) {
  std::map<std::string, int> statuses, marital;
  int women = 0, with_email = 0;
  for (const DemoMember& m : *members_) {
    ++statuses[m.status];
    ++marital[m.marital_status];
    women += m.sex == Sex::kFemale ? 1 : 0;
    with_email += m.email ? 1 : 0;
    EXPECT_FALSE(m.full_name.empty());
    EXPECT_FALSE(m.address.empty());
  }
  EXPECT_NEAR(women, 840, 120);
  EXPECT_NEAR(with_email, 1400, 120);
  EXPECT_GT(statuses["active"], 1000);
  EXPECT_EQ(marital.size(), 4u);
}

}  // namespace
}  // namespace lumbung::registry
