#include "claims/claim_answers.h"

#include <gtest/gtest.h>

namespace lumbung::claims {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

TEST(Choice, NamesRoundTripAndJkmIsOnlyForHeirs) {
  for (auto name : kChoiceNames) {
    const auto choice = ParseChoice(name);
    ASSERT_TRUE(choice) << name;
    EXPECT_EQ(ChoiceName(*choice), name);
  }
  EXPECT_EQ(ParseChoice("jkm"), (Choice{ClaimType::kJkm, true}));
  EXPECT_EQ(ParseChoice("jht_death"), (Choice{ClaimType::kJhtFull, true}));
  EXPECT_FALSE(ParseChoice("legacy"));
  EXPECT_FALSE(ParseChoice(""));
  EXPECT_FALSE(ParseChoice("JKM"));
}

TEST(Answers, RoundTripThroughJson) {
  ClaimAnswers a;
  a.type = ClaimType::kJhtFull;
  a.jht_ground = JhtGround::kJobEnded;
  a.spell_id = 12;
  const auto back = ParseAnswers(ClaimType::kJhtFull, AnswersJson(a), 7);
  EXPECT_EQ(back.jht_ground, JhtGround::kJobEnded);
  EXPECT_EQ(back.spell_id, 12);
  EXPECT_FALSE(back.claimant_is_heir);
  EXPECT_EQ(back.claim_id, 7);
}

TEST(Answers, UnreadableOrHostileJsonCountsAsNotAnswered) {
  for (const char* text : {"", "not json", "[]", R"({"spell":-3,"accident":"4","ground":"x"})",
                           R"({"spell":1.5,"children":99})"}) {
    const auto a = ParseAnswers(ClaimType::kJkp, text, 1);
    EXPECT_FALSE(a.spell_id) << text;
    EXPECT_FALSE(a.accident_id) << text;
    EXPECT_FALSE(a.jht_ground) << text;
    EXPECT_EQ(a.children_in_school, 0) << text;
  }
}

TEST(Answers, OnlyAnHeirClaimsOnTheMembersDeath) {
  EXPECT_FALSE(ParseAnswers(ClaimType::kJhtFull, R"({"ground":"death"})", 1).jht_ground);
  const auto heir = ParseAnswers(ClaimType::kJhtFull, R"({"heir":true})", 1);
  EXPECT_EQ(heir.jht_ground, JhtGround::kDeath);
  EXPECT_TRUE(ParseAnswers(ClaimType::kJkm, "{}", 1).claimant_is_heir);
}

TEST(Journey, PagesByType) {
  using V = std::vector<std::string_view>;
  auto jht = StartingAnswers({ClaimType::kJhtFull, false});
  EXPECT_EQ(JourneyPages(jht),
            (V{"ground", "eligibility", "amount", "documents", "payout", "check"}));
  EXPECT_EQ(ContinuePage(jht), "ground");
  jht.jht_ground = JhtGround::kJobEnded;
  EXPECT_EQ(JourneyPages(jht),
            (V{"ground", "spell", "eligibility", "amount", "documents", "payout", "check"}));
  EXPECT_EQ(ContinuePage(jht), "spell");
  jht.spell_id = 4;
  EXPECT_EQ(ContinuePage(jht), "eligibility");
  EXPECT_EQ(PreviousPage(jht, "ground"), "");
  EXPECT_EQ(PreviousPage(jht, "eligibility"), "spell");
  EXPECT_EQ(NextPage(jht, "spell"), "eligibility");
  EXPECT_EQ(NextPage(jht, "check"), "");
  EXPECT_EQ(PreviousPage(jht, "nonsense"), "");

  auto jkm = StartingAnswers({ClaimType::kJkm, true});
  EXPECT_EQ(JourneyPages(jkm).front(), "children");
  EXPECT_EQ(ContinuePage(jkm), "children");
  jkm.children_in_school = 0;
  EXPECT_EQ(ContinuePage(jkm), "eligibility");
  EXPECT_EQ(ParseAnswers(ClaimType::kJkm, AnswersJson(jkm), 1).children_in_school, 0);
  EXPECT_EQ(ParseAnswers(ClaimType::kJkm, "{}", 1).children_in_school, -1);
  EXPECT_EQ(ForTheRules(ParseAnswers(ClaimType::kJkm, "{}", 1)).children_in_school, 0);

  EXPECT_EQ(JourneyPages(StartingAnswers({ClaimType::kJhtFull, true})).front(), "eligibility");
  EXPECT_EQ(JourneyPages(StartingAnswers({ClaimType::kJp, false})).front(), "eligibility");
  EXPECT_EQ(JourneyPages(StartingAnswers({ClaimType::kJkp, false})).front(), "spell");
  EXPECT_EQ(JourneyPages(StartingAnswers({ClaimType::kJkk, true})).front(), "accident");
}

TEST(Decision, RoundTripsWithEveryKindOfValue) {
  Eligibility e;
  e.eligible = false;
  e.eligible_from = registry::Date{year{2027}, month{1}, day{15}};
  Reason r;
  r.id = "claims.reason.waiting";
  r.text["employer"] = "PT Maju";
  r.dates["day"] = *e.eligible_from;
  r.amounts["balance"] = 1234567;
  r.numbers["months"] = 12;
  r.percents["share"] = 4550;
  e.reasons.push_back(r);
  BenefitAmount amount;
  amount.total = 500;
  amount.lines.push_back({r, 500, false});
  amount.lines.push_back({r, 900, true});
  const auto back = ParseDecision(DecisionJson(e, amount));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->eligibility.eligible, false);
  EXPECT_EQ(back->eligibility.eligible_from, e.eligible_from);
  EXPECT_EQ(back->eligibility.reasons, e.reasons);
  ASSERT_TRUE(back->amount);
  EXPECT_EQ(back->amount->total, 500);
  ASSERT_EQ(back->amount->lines.size(), 2u);
  EXPECT_TRUE(back->amount->lines[1].up_to);
  EXPECT_EQ(back->amount->lines[0].label, r);
  EXPECT_FALSE(ParseDecision(DecisionJson(e, std::nullopt))->amount);
  EXPECT_FALSE(ParseDecision("{}"));
  EXPECT_FALSE(ParseDecision(R"({"eligible":true,"reasons":[{"id":1}]})"));
}

}  // namespace
}  // namespace lumbung::claims
