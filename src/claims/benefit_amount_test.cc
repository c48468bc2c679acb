#include "claims/benefit_amount.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "registry/jht.h"

namespace lumbung::claims {
namespace {

using registry::Date;
using registry::Rupiah;
using std::chrono::year;

std::filesystem::path RulesPath() {
  return std::filesystem::path(LUMBUNG_TEST_SHARE_DIR) / "config" / "rules.json";
}

const registry::RuleBook& Rules() {
  static const registry::RuleBook book = registry::RuleBook::LoadFile(RulesPath());
  return book;
}

// The default rules with one change.
template <typename Edit>
registry::RuleBook RulesWith(Edit edit) {
  std::ifstream in(RulesPath());
  std::stringstream text;
  text << in.rdbuf();
  auto json = nlohmann::json::parse(text.str());
  edit(json);
  return registry::RuleBook::FromJson(json.dump());
}

ClaimantFacts Member() {
  ClaimantFacts f;
  f.birth_date = year{1965} / 3 / 15;
  f.registered_on = year{2015} / 7 / 1;
  f.member_status = "active";
  f.spells.push_back({1, 7, "PT Maju Jaya", year{2015} / 7 / 1, std::nullopt, ""});
  f.jht_balance = 50'000'000;
  return f;
}

// `count` paid months at employer 7 ending with `last`, JP and JKP due.
void AddPaidMonths(ClaimantFacts& f, registry::Month last, int count, Rupiah wage,
                   Rupiah jp_amount = 0) {
  for (int i = count - 1; i >= 0; --i) {
    f.months.push_back({last - std::chrono::months{i}, 7, wage, true, true, true, jp_amount});
  }
}

ClaimAnswers Answers(ClaimType type) {
  ClaimAnswers a;
  a.type = type;
  return a;
}

Rupiah LinesTotal(const BenefitAmount& b) {
  Rupiah sum = 0;
  for (const auto& line : b.lines) {
    if (!line.up_to) sum += line.amount;
  }
  return sum;
}

TEST(JhtAmount, TheWholeBalanceOrItsShare) {
  const Date today = year{2026} / 6 / 1;
  const auto full = ComputeAmount(Answers(ClaimType::kJhtFull), Member(), Rules(), today);
  EXPECT_EQ(full.total, 50'000'000);
  EXPECT_FALSE(full.monthly);
  ASSERT_EQ(full.lines.size(), 1u);
  EXPECT_EQ(full.lines[0].label.id, "claims.amount.jht_balance");
  EXPECT_EQ(full.lines[0].label.dates.at("date"), today);

  const auto ten = ComputeAmount(Answers(ClaimType::kJhtPartial10), Member(), Rules(), today);
  EXPECT_EQ(ten.total, 5'000'000);
  EXPECT_EQ(ten.lines[0].label.id, "claims.amount.jht_partial_10");
  EXPECT_EQ(ten.lines[0].label.percents.at("percent"), 1000);
  EXPECT_EQ(ten.lines[0].label.amounts.at("balance"), 50'000'000);
  const auto thirty = ComputeAmount(Answers(ClaimType::kJhtPartial30), Member(), Rules(), today);
  EXPECT_EQ(thirty.total, 15'000'000);
}

TEST(JkmAmount, FortyTwoMillionAndTheScholarshipAsAMost) {
  ClaimantFacts f = Member();
  f.death_date = year{2026} / 8 / 1;
  AddPaidMonths(f, year{2026} / 7, 36, 4'000'000);
  ClaimAnswers a = Answers(ClaimType::kJkm);
  a.claimant_is_heir = true;
  a.children_in_school = 3;
  const auto b = ComputeAmount(a, f, Rules(), year{2026} / 9 / 1);
  EXPECT_EQ(b.total, 42'000'000);
  EXPECT_EQ(LinesTotal(b), b.total);
  ASSERT_EQ(b.lines.size(), 4u);
  EXPECT_EQ(b.lines[0].amount, 20'000'000);
  EXPECT_EQ(b.lines[1].amount, 12'000'000);
  EXPECT_EQ(b.lines[1].label.numbers.at("months"), 24);
  EXPECT_EQ(b.lines[2].amount, 10'000'000);
  EXPECT_TRUE(b.lines[3].up_to);
  EXPECT_EQ(b.lines[3].amount, 174'000'000);
  EXPECT_EQ(b.lines[3].label.numbers.at("children"), 2);

  a.children_in_school = 0;
  EXPECT_EQ(ComputeAmount(a, f, Rules(), year{2026} / 9 / 1).lines.size(), 3u);
}

ClaimantFacts WithAccident(Date day, bool fatal, int days, Rupiah wage) {
  ClaimantFacts f = Member();
  f.accidents.push_back({5, day, 7, wage, fatal, true, days});
  return f;
}

ClaimAnswers Jkk(bool heir) {
  ClaimAnswers a = Answers(ClaimType::kJkk);
  a.accident_id = 5;
  a.claimant_is_heir = heir;
  return a;
}

TEST(JkkAmount, DeathUnderPp44Of2015) {
  const auto b = ComputeAmount(Jkk(true), WithAccident(year{2019} / 12 / 1, true, 0, 5'000'000),
                               Rules(), year{2020} / 1 / 10);
  // 48 x 5,000,000 + funeral 3,000,000 + periodic 24 x 200,000.
  EXPECT_EQ(b.total, 240'000'000 + 3'000'000 + 4'800'000);
  ASSERT_EQ(b.lines.size(), 3u);
  EXPECT_EQ(b.lines[0].label.numbers.at("multiple"), 48);
  EXPECT_EQ(b.lines[2].label.id, "claims.amount.jkk_periodic_monthly");
  EXPECT_EQ(b.lines[2].label.amounts.at("per_month"), 200'000);
}

TEST(JkkAmount, DeathUnderPp82Of2019) {
  const auto b = ComputeAmount(Jkk(true), WithAccident(year{2019} / 12 / 2, true, 0, 5'000'000),
                               Rules(), year{2020} / 1 / 10);
  // 48 x 5,000,000 + funeral 10,000,000 + periodic 12,000,000 paid at once.
  EXPECT_EQ(b.total, 240'000'000 + 10'000'000 + 12'000'000);
  EXPECT_EQ(b.lines[2].label.id, "claims.amount.jkk_periodic_at_once");
  EXPECT_EQ(LinesTotal(b), b.total);
}

TEST(JkkAmount, DailyPaidWorkersWageIsThirtyDays) {
  const auto rule = Rules().JkkBenefitOn(year{2024} / 1 / 1);
  ASSERT_TRUE(rule);
  EXPECT_EQ(MonthlyWageFromDaily(150'000, *rule), 4'500'000);
}

TEST(JkkAmount, IncapacityFullWageForTwelveMonthsThenHalf) {
  // 400 days at 3,000,000 a month: 360 days at 100% (100,000 a day) and 40 days at 50%.
  const auto b = ComputeAmount(Jkk(false), WithAccident(year{2024} / 1 / 10, false, 400, 3'000'000),
                               Rules(), year{2025} / 3 / 1);
  ASSERT_EQ(b.lines.size(), 2u);
  EXPECT_EQ(b.lines[0].label.numbers.at("days"), 360);
  EXPECT_EQ(b.lines[0].label.percents.at("percent"), 10000);
  EXPECT_EQ(b.lines[0].amount, 36'000'000);
  EXPECT_EQ(b.lines[1].label.numbers.at("days"), 40);
  EXPECT_EQ(b.lines[1].amount, 2'000'000);
  EXPECT_EQ(b.total, 38'000'000);

  const auto short_leave =
      ComputeAmount(Jkk(false), WithAccident(year{2024} / 1 / 10, false, 7, 3'100'000), Rules(),
                    year{2024} / 2 / 1);
  ASSERT_EQ(short_leave.lines.size(), 1u);
  EXPECT_EQ(short_leave.total, 723'333);  // 3,100,000 x 7 / 30, rounded half up
}

ClaimAnswers JkpFor(std::int64_t spell) {
  ClaimAnswers a = Answers(ClaimType::kJkp);
  a.spell_id = spell;
  return a;
}

ClaimantFacts Dismissed(Date day, Rupiah wage) {
  ClaimantFacts f = Member();
  f.spells[0].end = day;
  f.spells[0].end_reason = "dismissed";
  AddPaidMonths(f, year{2025} / 1, 12, wage);
  return f;
}

TEST(JkpAmount, Pp37Of2021UntilTheSixthOfFebruary2025) {
  const auto b = ComputeAmount(JkpFor(1), Dismissed(year{2025} / 2 / 6, 6'000'000), Rules(),
                               year{2025} / 3 / 1);
  // The wage is capped at 5,000,000: 3 x 45% + 3 x 25%.
  ASSERT_EQ(b.lines.size(), 2u);
  EXPECT_EQ(b.lines[0].label.id, "claims.amount.jkp_step_capped");
  EXPECT_EQ(b.lines[0].label.amounts.at("base"), 5'000'000);
  EXPECT_EQ(b.lines[0].label.amounts.at("per_month"), 2'250'000);
  EXPECT_EQ(b.lines[0].label.numbers.at("first"), 1);
  EXPECT_EQ(b.lines[0].label.numbers.at("last"), 3);
  EXPECT_EQ(b.lines[0].amount, 6'750'000);
  EXPECT_EQ(b.lines[1].label.numbers.at("first"), 4);
  EXPECT_EQ(b.lines[1].label.numbers.at("last"), 6);
  EXPECT_EQ(b.lines[1].amount, 3'750'000);
  EXPECT_EQ(b.total, 10'500'000);
}

TEST(JkpAmount, Pp6Of2025FromTheSeventhOfFebruary2025) {
  const auto b = ComputeAmount(JkpFor(1), Dismissed(year{2025} / 2 / 7, 6'000'000), Rules(),
                               year{2025} / 3 / 1);
  ASSERT_EQ(b.lines.size(), 1u);
  EXPECT_EQ(b.lines[0].label.percents.at("percent"), 6000);
  EXPECT_EQ(b.total, 6 * 3'000'000);
}

TEST(JkpAmount, AWageUnderTheCapIsUsedAsItIs) {
  const auto b = ComputeAmount(JkpFor(1), Dismissed(year{2025} / 2 / 7, 4'000'000), Rules(),
                               year{2025} / 3 / 1);
  EXPECT_EQ(b.lines[0].label.id, "claims.amount.jkp_step");
  EXPECT_EQ(b.total, 6 * 2'400'000);
}

TEST(JpAmount, TheFormulaOnTheAverageWage) {
  ClaimantFacts f = Member();
  AddPaidMonths(f, year{2026} / 12, 180, 4'000'000);
  const auto b = ComputeAmount(Answers(ClaimType::kJp), f, Rules(), year{2027} / 1 / 10);
  EXPECT_TRUE(b.monthly);
  // 1% x 180/12 x (4,000,000 x 12) / 12 = 600,000, inside the 2024 limits that still apply.
  EXPECT_EQ(b.total, 600'000);
  ASSERT_EQ(b.lines.size(), 1u);
  EXPECT_EQ(b.lines[0].label.id, "claims.amount.jp_formula");
  EXPECT_EQ(b.lines[0].label.numbers.at("months"), 180);
  EXPECT_EQ(b.lines[0].label.amounts.at("wage"), 4'000'000);
}

TEST(JpAmount, RaisedToTheMinimum) {
  ClaimantFacts f = Member();
  AddPaidMonths(f, year{2026} / 12, 180, 2'000'000);
  const auto b = ComputeAmount(Answers(ClaimType::kJp), f, Rules(), year{2027} / 1 / 10);
  // The formula gives 300,000; the 2024 minimum is 393,500.
  EXPECT_EQ(b.lines[0].amount, 300'000);
  ASSERT_EQ(b.lines.size(), 2u);
  EXPECT_EQ(b.lines[1].label.id, "claims.amount.jp_raised_to_minimum");
  EXPECT_EQ(b.total, 393'500);
}

TEST(JpAmount, CutToTheMaximum) {
  const auto rules = RulesWith([](nlohmann::json& j) {
    j["jp_benefit_limits"].push_back(
        {{"year", 2026}, {"minimum_monthly", 100000}, {"maximum_monthly", 500000}});
  });
  ClaimantFacts f = Member();
  AddPaidMonths(f, year{2026} / 12, 180, 4'000'000);
  const auto b = ComputeAmount(Answers(ClaimType::kJp), f, rules, year{2027} / 1 / 10);
  ASSERT_EQ(b.lines.size(), 2u);
  EXPECT_EQ(b.lines[1].label.id, "claims.amount.jp_cut_to_maximum");
  EXPECT_EQ(b.total, 500'000);
}

TEST(JpAmount, EachEmployersWageIsCappedAtThatMonthsCap) {
  ClaimantFacts f = Member();
  // 180 months from January 2016 at 20,000,000: each month counts at its own cap.
  AddPaidMonths(f, year{2030} / 12, 180, 20'000'000);
  Rupiah sum = 0;
  for (const auto& m : f.months) sum += Rules().ContributionRulesFor(m.month).jp_wage_cap;
  const Rupiah average = (sum + 90) / 180;
  const auto b = ComputeAmount(Answers(ClaimType::kJp), f, Rules(), year{2031} / 1 / 10);
  EXPECT_EQ(b.lines[0].label.amounts.at("wage"), average);
  EXPECT_LT(average, 10'547'400);
  EXPECT_GT(average, 7'335'300);
  EXPECT_EQ(b.lines[0].amount, (average * 180 + 600) / 1200);
}

TEST(JpAmount, ALumpSumBeforeFifteenYears) {
  ClaimantFacts f = Member();
  AddPaidMonths(f, year{2020} / 12, 12, 4'000'000, 120'000);
  const Date today = year{2022} / 1 / 5;
  const auto b = ComputeAmount(Answers(ClaimType::kJp), f, Rules(), today);
  EXPECT_FALSE(b.monthly);
  ASSERT_EQ(b.lines.size(), 2u);
  EXPECT_EQ(b.lines[0].label.id, "claims.amount.jp_lump_contributions");
  EXPECT_EQ(b.lines[0].amount, 12 * 120'000);
  EXPECT_EQ(b.lines[1].label.dates.at("date"), year{2021} / 12 / 31);
  // The JHT returns the fund declared: 5.59% through 2020, 5.50% in 2021 (the rules' figure).
  std::vector<registry::JhtFlow> flows;
  for (const auto& m : f.months) flows.push_back({m.month, 120'000});
  const auto ledger = registry::ComputeJhtLedger(flows, year{2021} / 12,
                                                 [](int y) { return Rules().JhtReturnBp(y); });
  EXPECT_EQ(b.total, registry::RoundRupiah(ledger.Balance()));
  EXPECT_GT(b.lines[1].amount, 0);
  EXPECT_EQ(LinesTotal(b), b.total);
}

}  // namespace
}  // namespace lumbung::claims
