#include "registry/contribution.h"

#include <cstdlib>
#include <filesystem>
#include <limits>

#include <gtest/gtest.h>

namespace lumbung::registry {
namespace {

using std::chrono::year;

std::filesystem::path DefaultRulesPath() {
  if (const char* share = std::getenv("LUMBUNG_SHARE_DIR")) {
    return std::filesystem::path(share) / "config" / "rules.json";
  }
  for (auto dir = std::filesystem::current_path(); !dir.empty(); dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / "config" / "rules.json"))
      return dir / "config" / "rules.json";
    if (dir == dir.parent_path()) break;
  }
  return "config/rules.json";
}

// The Indonesian figures in force in March 2024, written out so these tests do not depend on
// the data file.
ContributionRules March2024() {
  ContributionRules r;
  r.jht_worker_bp = 200;
  r.jht_employer_bp = 370;
  r.jkk_bp = {24, 54, 89, 127, 174};
  r.jkm_bp = 30;
  r.jp_worker_bp = 100;
  r.jp_employer_bp = 200;
  r.jp_wage_cap = 10042300;
  r.jkp_total_bp = 46;
  r.jkp_government_bp = 22;
  r.jkp_from_jkk_bp = 14;
  r.jkp_from_jkm_bp = 10;
  r.jkp_wage_cap = 5000000;
  return r;
}

TEST(Contribution, EachProgramIsRoundedHalfUpOnItsOwn) {
  // Wage 1,234,567 (below both caps):
  //   JHT 2%     = 24,691.34  -> 24,691    JHT 3.7% = 45,678.979 -> 45,679
  //   JKM 0.30%  =  3,703.701 ->  3,704    JKK medium 0.89% = 10,987.6463 -> 10,988
  //   JP 1%      = 12,345.67  -> 12,346    JP 2%    = 24,691.34  -> 24,691
  //   JKP 0.46%  =  5,679.0082 -> 5,679
  const MonthlyContribution c = ComputeContribution(March2024(), RiskClass::kMedium, 1234567);
  EXPECT_EQ(c.jht_worker, 24691);
  EXPECT_EQ(c.jht_employer, 45679);
  EXPECT_EQ(c.jkk, 10988);
  EXPECT_EQ(c.jkm, 3704);
  EXPECT_EQ(c.jp_worker, 12346);
  EXPECT_EQ(c.jp_employer, 24691);
  EXPECT_EQ(c.jkp, 5679);
  EXPECT_EQ(c.WorkerShare(), 24691 + 12346);
  EXPECT_EQ(c.EmployerShare(), 45679 + 10988 + 3704 + 24691);
  EXPECT_EQ(c.Billed(), 37037 + 85062);
  // Each share is rounded on its own: for a wage of 25, 0.5 -> 1 and 0.925 -> 1 make 2, where
  // rounding 5.7% of the wage (1.425) would make 1.
  const MonthlyContribution d = ComputeContribution(March2024(), RiskClass::kMedium, 25);
  EXPECT_EQ(d.jht_worker, 1);
  EXPECT_EQ(d.jht_employer, 1);
}

TEST(Contribution, EachRiskClass) {
  // 1,234,567 x 0.24% = 2,962.9608; x 0.54% = 6,666.6618; x 0.89% = 10,987.6463;
  // x 1.27% = 15,679.0009; x 1.74% = 21,481.4658.
  const std::pair<RiskClass, Rupiah> expected[] = {{RiskClass::kVeryLow, 2963},
                                                   {RiskClass::kLow, 6667},
                                                   {RiskClass::kMedium, 10988},
                                                   {RiskClass::kHigh, 15679},
                                                   {RiskClass::kVeryHigh, 21481}};
  for (const auto& [risk, jkk] : expected) {
    const MonthlyContribution c = ComputeContribution(March2024(), risk, 1234567);
    EXPECT_EQ(c.jkk, jkk) << static_cast<int>(risk);
    EXPECT_EQ(c.jht_employer, 45679);  // nothing else depends on the class
  }
}

TEST(Contribution, JpAndJkpUseCappedWages) {
  // Wage 12,000,000, medium risk, March 2024:
  //   JP on the cap 10,042,300: 1% = 100,423, 2% = 200,846; JKP on 5,000,000: 0.46% = 23,000;
  //   the rest on the full wage: JHT 240,000 + 444,000, JKK 106,800, JKM 36,000.
  const MonthlyContribution c = ComputeContribution(March2024(), RiskClass::kMedium, 12000000);
  EXPECT_EQ(c.jht_worker, 240000);
  EXPECT_EQ(c.jht_employer, 444000);
  EXPECT_EQ(c.jkk, 106800);
  EXPECT_EQ(c.jkm, 36000);
  EXPECT_EQ(c.jp_worker, 100423);
  EXPECT_EQ(c.jp_employer, 200846);
  EXPECT_EQ(c.jkp, 23000);
  EXPECT_EQ(c.WorkerShare(), 340423);
  EXPECT_EQ(c.EmployerShare(), 787646);
  EXPECT_EQ(c.Billed(), 1128069);  // JKP is not billed
}

TEST(Contribution, ZeroOrNegativeWageOwesNothing) {
  for (Rupiah wage :
       {Rupiah{0}, Rupiah{-1}, Rupiah{-5000000}, std::numeric_limits<Rupiah>::min()}) {
    const MonthlyContribution c = ComputeContribution(March2024(), RiskClass::kVeryHigh, wage);
    EXPECT_EQ(c.Billed(), 0) << wage;
    EXPECT_EQ(c.jkp, 0) << wage;
  }
}

TEST(Contribution, TinyWagesRoundToZero) {
  const MonthlyContribution c = ComputeContribution(March2024(), RiskClass::kVeryLow, 1);
  EXPECT_EQ(c.Billed(), 0);
  EXPECT_EQ(c.jkp, 0);
}

TEST(Contribution, NoJkpWhenItsRulesAreZero) {
  ContributionRules rules = March2024();
  rules.jkp_total_bp = rules.jkp_government_bp = rules.jkp_from_jkk_bp = rules.jkp_from_jkm_bp = 0;
  rules.jkp_wage_cap = 0;
  EXPECT_EQ(ComputeContribution(rules, RiskClass::kLow, 3000000).jkp, 0);
}

TEST(Contribution, VeryLargeWagesDoNotOverflow) {
  // 10^12 x 1.74% = 17,400,000,000; JP stays at the cap.
  const MonthlyContribution c =
      ComputeContribution(March2024(), RiskClass::kVeryHigh, 1'000'000'000'000);
  EXPECT_EQ(c.jkk, 17'400'000'000);
  EXPECT_EQ(c.jht_employer, 37'000'000'000);
  EXPECT_EQ(c.jp_employer, 200846);
  EXPECT_EQ(c.jkp, 23000);
}

TEST(Contribution, UnknownRiskClassIsAProgrammingError) {
  EXPECT_THROW(ComputeContribution(March2024(), static_cast<RiskClass>(5), 1000000),
               std::invalid_argument);
}

TEST(ContributionWithDefaultRules, CapChangesBetweenFebruaryAndMarch) {
  const RuleBook book = RuleBook::LoadFile(DefaultRulesPath());
  // 12,000,000 is above both caps: February 2024 uses 2023's 9,559,600, March 2024's 10,042,300.
  const MonthlyContribution feb =
      ComputeContribution(book.ContributionRulesFor(year{2024} / 2), RiskClass::kLow, 12000000);
  const MonthlyContribution mar =
      ComputeContribution(book.ContributionRulesFor(year{2024} / 3), RiskClass::kLow, 12000000);
  EXPECT_EQ(feb.jp_worker, 95596);
  EXPECT_EQ(feb.jp_employer, 191192);
  EXPECT_EQ(mar.jp_worker, 100423);
  EXPECT_EQ(mar.jp_employer, 200846);
  // Nothing else changes.
  EXPECT_EQ(feb.jht_worker, mar.jht_worker);
  EXPECT_EQ(feb.jkk, mar.jkk);
  EXPECT_EQ(feb.jkp, mar.jkp);

  // 10,000,000 sits between the caps: capped in February, in full in March.
  EXPECT_EQ(
      ComputeContribution(book.ContributionRulesFor(year{2024} / 2), RiskClass::kLow, 10000000)
          .jp_worker,
      95596);
  EXPECT_EQ(
      ComputeContribution(book.ContributionRulesFor(year{2024} / 3), RiskClass::kLow, 10000000)
          .jp_worker,
      100000);
}

TEST(ContributionWithDefaultRules, AJobChangeMidYearIsComputedPerEmployerAndMonth) {
  // 2024: employer A (very low risk) pays 5,000,000 from January to June, employer B (medium)
  // 6,000,000 from June to December; June is reported by both. Both wages are below every JP
  // cap of the year (9,559,600 to February, 10,042,300 from March), so each month is, by hand:
  //   A: JHT 100,000 + 185,000, JKK 0.24% = 12,000, JKM 15,000, JP 50,000 + 100,000,
  //      JKP 0.46% x 5,000,000 = 23,000
  //   B: JHT 120,000 + 222,000, JKK 0.89% = 53,400, JKM 18,000, JP 60,000 + 120,000,
  //      JKP 0.46% of the capped 5,000,000 = 23,000
  // (contributions/history_test.cc adds up the same year.)
  const RuleBook book = RuleBook::LoadFile(DefaultRulesPath());
  MonthlyContribution year_total;
  Rupiah billed = 0;
  const auto add = [&](const MonthlyContribution& c) {
    year_total.jht_worker += c.jht_worker;
    year_total.jht_employer += c.jht_employer;
    year_total.jkk += c.jkk;
    year_total.jkm += c.jkm;
    year_total.jp_worker += c.jp_worker;
    year_total.jp_employer += c.jp_employer;
    year_total.jkp += c.jkp;
    billed += c.Billed();
  };
  for (unsigned m = 1; m <= 6; ++m) {
    const MonthlyContribution a = ComputeContribution(book.ContributionRulesFor(year{2024} / m),
                                                      RiskClass::kVeryLow, 5000000);
    EXPECT_EQ(a.jht_worker, 100000) << m;
    EXPECT_EQ(a.jht_employer, 185000) << m;
    EXPECT_EQ(a.jkk, 12000) << m;
    EXPECT_EQ(a.jkm, 15000) << m;
    EXPECT_EQ(a.jp_worker, 50000) << m;
    EXPECT_EQ(a.jp_employer, 100000) << m;
    EXPECT_EQ(a.jkp, 23000) << m;
    add(a);
  }
  for (unsigned m = 6; m <= 12; ++m) {
    const MonthlyContribution b =
        ComputeContribution(book.ContributionRulesFor(year{2024} / m), RiskClass::kMedium, 6000000);
    EXPECT_EQ(b.jht_worker, 120000) << m;
    EXPECT_EQ(b.jht_employer, 222000) << m;
    EXPECT_EQ(b.jkk, 53400) << m;
    EXPECT_EQ(b.jkm, 18000) << m;
    EXPECT_EQ(b.jp_worker, 60000) << m;
    EXPECT_EQ(b.jp_employer, 120000) << m;
    EXPECT_EQ(b.jkp, 23000) << m;
    add(b);
  }
  // The year: JHT 6 x 285,000 + 7 x 342,000 = 4,104,000; JKP 13 x 23,000 = 299,000 (not
  // billed); billed 6 x 462,000 + 7 x 593,400 = 2,772,000 + 4,153,800 = 6,925,800.
  EXPECT_EQ(year_total.jht_worker + year_total.jht_employer, 4104000);
  EXPECT_EQ(year_total.jkk, 445800);
  EXPECT_EQ(year_total.jkp, 299000);
  EXPECT_EQ(billed, 6925800);
}

TEST(ContributionWithDefaultRules, JkpOnlyFromFebruary2021) {
  const RuleBook book = RuleBook::LoadFile(DefaultRulesPath());
  const auto jkp = [&](Month month) {
    return ComputeContribution(book.ContributionRulesFor(month), RiskClass::kMedium, 4000000).jkp;
  };
  EXPECT_EQ(jkp(year{2020} / 12), 0);
  EXPECT_EQ(jkp(year{2021} / 1), 0);
  EXPECT_EQ(jkp(year{2021} / 2), 18400);  // 4,000,000 x 0.46%
}

TEST(ContributionWithDefaultRules, FirstMonthOfThePrograms) {
  const RuleBook book = RuleBook::LoadFile(DefaultRulesPath());
  // July 2015, wage 8,000,000, high risk: JP on 7,000,000 -> 70,000 + 140,000;
  // JHT 160,000 + 296,000; JKK 1.27% = 101,600; JKM 24,000; no JKP yet.
  const MonthlyContribution c =
      ComputeContribution(book.ContributionRulesFor(year{2015} / 7), RiskClass::kHigh, 8000000);
  EXPECT_EQ(c.jp_worker, 70000);
  EXPECT_EQ(c.jp_employer, 140000);
  EXPECT_EQ(c.jht_worker, 160000);
  EXPECT_EQ(c.jht_employer, 296000);
  EXPECT_EQ(c.jkk, 101600);
  EXPECT_EQ(c.jkm, 24000);
  EXPECT_EQ(c.jkp, 0);
  EXPECT_EQ(c.Billed(), 70000 + 140000 + 160000 + 296000 + 101600 + 24000);
}

}  // namespace
}  // namespace lumbung::registry
