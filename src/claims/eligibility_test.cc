#include "claims/eligibility.h"

#include <algorithm>
#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace lumbung::claims {
namespace {

using registry::Date;
using std::chrono::year;

const registry::RuleBook& Rules() {
  static const registry::RuleBook book = registry::RuleBook::LoadFile(
      std::filesystem::path(LUMBUNG_TEST_SHARE_DIR) / "config" / "rules.json");
  return book;
}

std::vector<std::string> Ids(const Eligibility& e) {
  std::vector<std::string> ids;
  for (const auto& r : e.reasons) ids.push_back(r.id);
  return ids;
}

bool Has(const Eligibility& e, std::string_view id) {
  const auto ids = Ids(e);
  return std::find(ids.begin(), ids.end(), "claims.reason." + std::string(id)) != ids.end();
}

const Reason& Find(const Eligibility& e, std::string_view id) {
  for (const auto& r : e.reasons) {
    if (r.id == "claims.reason." + std::string(id)) return r;
  }
  static const Reason none;
  ADD_FAILURE() << "no reason " << id;
  return none;
}

// Siti: born 15 March 1970, member since 20 May 2016, working at PT Maju Jaya (employer 7)
// since then, with a JHT balance.
ClaimantFacts Siti() {
  ClaimantFacts f;
  f.birth_date = year{1970} / 3 / 15;
  f.registered_on = year{2016} / 5 / 20;
  f.member_status = "active";
  f.spells.push_back({1, 7, "PT Maju Jaya", year{2016} / 5 / 20, std::nullopt, ""});
  f.jht_balance = 50'000'000;
  return f;
}

// A job that ended: spell 2 at PT Sinar (employer 8).
ClaimantFacts WithEndedJob(Date end, std::string reason) {
  ClaimantFacts f = Siti();
  f.spells[0].end = year{2020} / 1 / 31;
  f.spells[0].end_reason = "resigned";
  f.spells.push_back({2, 8, "PT Sinar", year{2020} / 2 / 1, end, std::move(reason)});
  return f;
}

// Paid contributions with JP and JKP at employer 8, `count` months ending with `last`.
void AddPaidMonths(ClaimantFacts& f, registry::Month last, int count, registry::Rupiah wage) {
  for (int i = count - 1; i >= 0; --i) {
    f.months.push_back({last - std::chrono::months{i}, 8, wage, true, true, true, wage * 3 / 100});
  }
}

ClaimAnswers Answers(ClaimType type) {
  ClaimAnswers a;
  a.type = type;
  return a;
}

ClaimAnswers JhtFull(JhtGround ground) {
  ClaimAnswers a = Answers(ClaimType::kJhtFull);
  a.jht_ground = ground;
  return a;
}

// --- dates ---

TEST(ClaimDates, AddMonthsKeepsTheDayOrTakesTheLastDayOfTheMonth) {
  EXPECT_EQ(AddMonths(year{2026} / 12 / 15, 1), year{2027} / 1 / 15);
  EXPECT_EQ(AddMonths(year{2027} / 1 / 31, 1), year{2027} / 2 / 28);
  EXPECT_EQ(AddMonths(year{2028} / 1 / 31, 1), year{2028} / 2 / 29);
  EXPECT_EQ(AddMonths(year{2000} / 2 / 29, 12 * 56), year{2056} / 2 / 29);
  EXPECT_EQ(AddMonths(year{2000} / 2 / 29, 12 * 57), year{2057} / 2 / 28);
}

TEST(ClaimDates, IsoRoundTrip) {
  EXPECT_EQ(IsoDate(year{2027} / 1 / 5), "2027-01-05");
  EXPECT_EQ(ParseIsoDate("2027-01-05"), year{2027} / 1 / 5);
  EXPECT_EQ(ParseIsoDate("2027-02-30"), std::nullopt);
  EXPECT_EQ(ParseIsoDate("2027-1-05"), std::nullopt);
  EXPECT_EQ(ParseIsoDate("2027-01-05 10:00"), std::nullopt);
}

TEST(ClaimDates, PensionDateFollowsTheAgeOfTheYearItIsReached) {
  // 56 until 2018, 57 from 2019, 58 from 2022, 59 from 2025, 60 from 2028.
  EXPECT_EQ(PensionDate(year{1960} / 5 / 10, Rules()), year{2016} / 5 / 10);  // 56 in 2016
  EXPECT_EQ(PensionDate(year{1962} / 5 / 10, Rules()), year{2018} / 5 / 10);  // 56 in 2018
  EXPECT_EQ(PensionDate(year{1963} / 5 / 10, Rules()), year{2020} / 5 / 10);  // 57 in 2020
  EXPECT_EQ(PensionDate(year{1966} / 1 / 1, Rules()), year{2024} / 1 / 1);    // 58 in 2024
  EXPECT_EQ(PensionDate(year{1970} / 3 / 15, Rules()), year{2030} / 3 / 15);  // 60 in 2030
  // Before the rules begin, the first age known applies.
  EXPECT_EQ(PensionDate(year{1950} / 7 / 1, Rules()), year{2006} / 7 / 1);
}

TEST(ClaimStatuses, OpenIsEverythingStillBeingHandled) {
  for (const char* open : {"submitted", "being_verified", "more_documents", "verified", "approved",
                           "in_payout", "payout_failed"}) {
    EXPECT_TRUE(IsOpenStatus(open)) << open;
  }
  for (const char* closed : {"draft", "paid", "rejected", "withdrawn"}) {
    EXPECT_FALSE(IsOpenStatus(closed)) << closed;
  }
}

// --- JHT in full ---

TEST(JhtFull, AtFiftySixTheDayBeforeAndOnTheBirthday) {
  const auto before = Decide(JhtFull(JhtGround::kPensionAge), Siti(), Rules(), year{2026} / 3 / 14);
  EXPECT_FALSE(before.eligible);
  EXPECT_EQ(before.eligible_from, year{2026} / 3 / 15);
  EXPECT_EQ(Find(before, "jht_age_not_yet").numbers.at("age"), 56);
  EXPECT_EQ(Find(before, "jht_age_not_yet").dates.at("date"), year{2026} / 3 / 15);

  const auto on = Decide(JhtFull(JhtGround::kPensionAge), Siti(), Rules(), year{2026} / 3 / 15);
  EXPECT_TRUE(on.eligible);
  EXPECT_EQ(on.eligible_from, std::nullopt);
  EXPECT_TRUE(Has(on, "jht_age_reached"));
}

TEST(JhtFull, OneMonthAfterTheJobEndedTheDayBeforeAndOnTheDay) {
  ClaimAnswers a = JhtFull(JhtGround::kJobEnded);
  a.spell_id = 2;
  const ClaimantFacts f = WithEndedJob(year{2026} / 12 / 15, "resigned");
  const auto before = Decide(a, f, Rules(), year{2027} / 1 / 14);
  EXPECT_FALSE(before.eligible);
  EXPECT_EQ(before.eligible_from, year{2027} / 1 / 15);
  const Reason& wait = Find(before, "jht_job_wait");
  EXPECT_EQ(wait.text.at("employer"), "PT Sinar");
  EXPECT_EQ(wait.dates.at("ended"), year{2026} / 12 / 15);
  EXPECT_EQ(wait.dates.at("date"), year{2027} / 1 / 15);
  EXPECT_EQ(wait.numbers.at("months"), 1);

  const auto on = Decide(a, f, Rules(), year{2027} / 1 / 15);
  EXPECT_TRUE(on.eligible) << ::testing::PrintToString(Ids(on));
  EXPECT_TRUE(Has(on, "jht_job_ended"));
}

TEST(JhtFull, TheMonthEndsOnTheLastDayOfAShortMonth) {
  ClaimAnswers a = JhtFull(JhtGround::kJobEnded);
  a.spell_id = 2;
  const auto e =
      Decide(a, WithEndedJob(year{2027} / 1 / 31, "dismissed"), Rules(), year{2027} / 2 / 1);
  EXPECT_EQ(e.eligible_from, year{2027} / 2 / 28);
}

TEST(JhtFull, ContractEndDismissalAndResignationCountRetirementAndDeathDoNot) {
  ClaimAnswers a = JhtFull(JhtGround::kJobEnded);
  a.spell_id = 2;
  const Date today = year{2027} / 6 / 1;
  for (const char* reason : {"resigned", "dismissed", "contract_ended"}) {
    EXPECT_TRUE(Decide(a, WithEndedJob(year{2027} / 1 / 10, reason), Rules(), today).eligible)
        << reason;
  }
  const auto retired = Decide(a, WithEndedJob(year{2027} / 1 / 10, "retired"), Rules(), today);
  EXPECT_FALSE(retired.eligible);
  EXPECT_TRUE(Has(retired, "jht_job_retired"));
  const auto died = Decide(a, WithEndedJob(year{2027} / 1 / 10, "died"), Rules(), today);
  EXPECT_FALSE(died.eligible);
  EXPECT_TRUE(Has(died, "jht_job_died"));
}

TEST(JhtFull, NotWhileStillWorkingThere) {
  ClaimAnswers a = JhtFull(JhtGround::kJobEnded);
  a.spell_id = 1;  // still open
  const auto open = Decide(a, Siti(), Rules(), year{2027} / 6 / 1);
  EXPECT_FALSE(open.eligible);
  EXPECT_EQ(open.eligible_from, std::nullopt);
  EXPECT_TRUE(Has(open, "jht_job_still_open"));

  ClaimantFacts back = WithEndedJob(year{2027} / 1 / 10, "resigned");
  back.spells.push_back({3, 8, "PT Sinar", year{2027} / 3 / 1, std::nullopt, ""});
  a.spell_id = 2;
  const auto rehired = Decide(a, back, Rules(), year{2027} / 6 / 1);
  EXPECT_FALSE(rehired.eligible);
  EXPECT_TRUE(Has(rehired, "jht_job_rehired"));

  a.spell_id = 99;  // not the member's
  EXPECT_TRUE(Has(Decide(a, back, Rules(), year{2027} / 6 / 1), "spell_missing"));
}

TEST(JhtFull, NotWithAnEmptyBalanceNorTwice) {
  ClaimantFacts f = Siti();
  f.jht_balance = 0;
  const auto empty = Decide(JhtFull(JhtGround::kPensionAge), f, Rules(), year{2027} / 1 / 1);
  EXPECT_FALSE(empty.eligible);
  EXPECT_TRUE(Has(empty, "jht_balance_zero"));

  f = Siti();
  for (const char* status : {"submitted", "approved", "paid"}) {
    f.prior_claims = {{ClaimType::kJhtFull, status, 40}};
    const auto twice = Decide(JhtFull(JhtGround::kPensionAge), f, Rules(), year{2027} / 1 / 1);
    EXPECT_FALSE(twice.eligible) << status;
    EXPECT_TRUE(Has(twice, "jht_full_taken")) << status;
  }
  for (const char* status : {"draft", "rejected", "withdrawn"}) {
    f.prior_claims = {{ClaimType::kJhtFull, status, 40}};
    EXPECT_TRUE(Decide(JhtFull(JhtGround::kPensionAge), f, Rules(), year{2027} / 1 / 1).eligible)
        << status;
  }
  // The claim being decided does not block itself.
  f.prior_claims = {{ClaimType::kJhtFull, "being_verified", 40}};
  ClaimAnswers self = JhtFull(JhtGround::kPensionAge);
  self.claim_id = 40;
  EXPECT_TRUE(Decide(self, f, Rules(), year{2027} / 1 / 1).eligible);
}

TEST(JhtFull, ABlockedClaimHasNoDateEvenWhenItAlsoWaits) {
  ClaimantFacts f = Siti();
  f.jht_balance = 0;
  const auto e = Decide(JhtFull(JhtGround::kPensionAge), f, Rules(), year{2026} / 1 / 1);
  EXPECT_FALSE(e.eligible);
  EXPECT_EQ(e.eligible_from, std::nullopt);
  EXPECT_EQ(e.reasons.front().id, "claims.reason.jht_balance_zero");
}

TEST(JhtFull, ByTheHeirAfterDeath) {
  ClaimantFacts f = WithEndedJob(year{2026} / 8 / 1, "died");
  f.death_date = year{2026} / 8 / 1;
  ClaimAnswers a = JhtFull(JhtGround::kDeath);
  EXPECT_FALSE(Decide(a, f, Rules(), year{2026} / 9 / 1).eligible);
  EXPECT_TRUE(Has(Decide(a, f, Rules(), year{2026} / 9 / 1), "heir_only"));
  a.claimant_is_heir = true;
  const auto heir = Decide(a, f, Rules(), year{2026} / 9 / 1);
  EXPECT_TRUE(heir.eligible);
  EXPECT_EQ(Find(heir, "jht_death").dates.at("date"), year{2026} / 8 / 1);
  EXPECT_TRUE(Has(Decide(a, Siti(), Rules(), year{2026} / 9 / 1), "death_not_recorded"));
}

TEST(JhtFull, PermanentDisabilityNeedsADoctorsStatement) {
  const auto e =
      Decide(JhtFull(JhtGround::kPermanentDisability), Siti(), Rules(), year{2026} / 1 / 1);
  EXPECT_TRUE(e.eligible);
  EXPECT_TRUE(Has(e, "jht_disability_doctor"));
}

TEST(JhtFull, AGroundMustBeChosen) {
  const auto e = Decide(Answers(ClaimType::kJhtFull), Siti(), Rules(), year{2030} / 1 / 1);
  EXPECT_FALSE(e.eligible);
  EXPECT_TRUE(Has(e, "ground_missing"));
}

TEST(JhtFull, WithoutWithdrawalRulesNothingIsDecided) {
  const auto e = Decide(JhtFull(JhtGround::kPensionAge), Siti(), Rules(), year{2015} / 6 / 30);
  EXPECT_FALSE(e.eligible);
  EXPECT_TRUE(Has(e, "rules_missing"));
}

// --- JHT in part ---

TEST(JhtPartial, AfterExactlyTenYearsOfMembershipNotADayLess) {
  for (ClaimType type : {ClaimType::kJhtPartial10, ClaimType::kJhtPartial30}) {
    const auto before = Decide(Answers(type), Siti(), Rules(), year{2026} / 5 / 19);
    EXPECT_FALSE(before.eligible);
    EXPECT_EQ(before.eligible_from, year{2026} / 5 / 20);
    EXPECT_EQ(Find(before, "jht_partial_wait").numbers.at("years"), 10);
    const auto on = Decide(Answers(type), Siti(), Rules(), year{2026} / 5 / 20);
    EXPECT_TRUE(on.eligible);
    EXPECT_TRUE(Has(on, "jht_partial_membership"));
  }
}

TEST(JhtPartial, OnceEach) {
  ClaimantFacts f = Siti();
  f.prior_claims = {{ClaimType::kJhtPartial10, "paid", 3}};
  const Date today = year{2027} / 1 / 1;
  const auto again = Decide(Answers(ClaimType::kJhtPartial10), f, Rules(), today);
  EXPECT_FALSE(again.eligible);
  EXPECT_EQ(Find(again, "jht_partial_taken").percents.at("percent"), 1000);
  EXPECT_TRUE(Decide(Answers(ClaimType::kJhtPartial30), f, Rules(), today).eligible);
  f.prior_claims = {{ClaimType::kJhtPartial10, "rejected", 3},
                    {ClaimType::kJhtPartial30, "withdrawn", 4}};
  EXPECT_TRUE(Decide(Answers(ClaimType::kJhtPartial10), f, Rules(), today).eligible);
  EXPECT_TRUE(Decide(Answers(ClaimType::kJhtPartial30), f, Rules(), today).eligible);
  f.prior_claims = {{ClaimType::kJhtPartial30, "more_documents", 4}};
  EXPECT_FALSE(Decide(Answers(ClaimType::kJhtPartial30), f, Rules(), today).eligible);
}

TEST(JhtPartial, OnlyWhileWorking) {
  ClaimantFacts f = WithEndedJob(year{2026} / 6 / 30, "resigned");
  const auto e = Decide(Answers(ClaimType::kJhtPartial10), f, Rules(), year{2027} / 1 / 1);
  EXPECT_FALSE(e.eligible);
  EXPECT_TRUE(Has(e, "jht_partial_not_working"));
}

// --- JP ---

TEST(Jp, AtThePensionAgeOfTheYearTheDayBeforeAndOnTheBirthday) {
  ClaimantFacts f = Siti();  // born 15 March 1970: 60 in 2030, the pension age that year
  AddPaidMonths(f, year{2026} / 12, 120, 4'000'000);
  const auto before = Decide(Answers(ClaimType::kJp), f, Rules(), year{2030} / 3 / 14);
  EXPECT_FALSE(before.eligible);
  EXPECT_EQ(before.eligible_from, year{2030} / 3 / 15);
  EXPECT_EQ(Find(before, "jp_age_not_yet").numbers.at("age"), 60);
  const auto on = Decide(Answers(ClaimType::kJp), f, Rules(), year{2030} / 3 / 15);
  EXPECT_TRUE(on.eligible);
  EXPECT_EQ(Find(on, "jp_lump_sum").numbers.at("months"), 120);
  EXPECT_EQ(Find(on, "jp_lump_sum").numbers.at("needed"), 180);
}

TEST(Jp, FifteenYearsGiveAMonthlyPension) {
  ClaimantFacts f = Siti();
  AddPaidMonths(f, year{2029} / 12, 180, 4'000'000);
  const auto e = Decide(Answers(ClaimType::kJp), f, Rules(), year{2030} / 4 / 1);
  EXPECT_TRUE(e.eligible);
  EXPECT_EQ(Find(e, "jp_monthly").numbers.at("months"), 180);
}

TEST(Jp, NeedsPaidJpMonthsAndIsNotForHeirsOnline) {
  ClaimantFacts f = Siti();
  f.months.push_back({year{2020} / 1, 8, 4'000'000, false, true, true, 120'000});  // unpaid
  const auto none = Decide(Answers(ClaimType::kJp), f, Rules(), year{2031} / 1 / 1);
  EXPECT_FALSE(none.eligible);
  EXPECT_TRUE(Has(none, "jp_no_months"));
  ClaimAnswers heir = Answers(ClaimType::kJp);
  heir.claimant_is_heir = true;
  EXPECT_TRUE(Has(Decide(heir, f, Rules(), year{2031} / 1 / 1), "jp_heir_branch"));
}

// --- JKM ---

ClaimantFacts Deceased(Date death) {
  ClaimantFacts f = WithEndedJob(death, "died");
  f.member_status = "deceased";
  f.death_date = death;
  return f;
}

TEST(Jkm, ForTheHeirOfAMemberWhoseDeathIsRecorded) {
  ClaimAnswers a = Answers(ClaimType::kJkm);
  const auto not_heir = Decide(a, Deceased(year{2026} / 8 / 1), Rules(), year{2026} / 9 / 1);
  EXPECT_FALSE(not_heir.eligible);
  EXPECT_TRUE(Has(not_heir, "heir_only"));
  a.claimant_is_heir = true;
  EXPECT_TRUE(Has(Decide(a, Siti(), Rules(), year{2026} / 9 / 1), "death_not_recorded"));
  ClaimantFacts f = Deceased(year{2026} / 8 / 1);
  AddPaidMonths(f, year{2026} / 7, 36, 4'000'000);
  const auto ok = Decide(a, f, Rules(), year{2026} / 9 / 1);
  EXPECT_TRUE(ok.eligible);
  EXPECT_EQ(Find(ok, "jkm_scholarship_yes").numbers.at("months"), 36);
  f.months.erase(f.months.begin());
  EXPECT_EQ(
      Find(Decide(a, f, Rules(), year{2026} / 9 / 1), "jkm_scholarship_no").numbers.at("needed"),
      36);
}

TEST(Jkm, AWorkAccidentDeathGoesToJkk) {
  ClaimantFacts f = Deceased(year{2026} / 8 / 1);
  f.accidents.push_back({5, year{2026} / 8 / 1, 8, 4'000'000, true, false, 0});
  ClaimAnswers a = Answers(ClaimType::kJkm);
  a.claimant_is_heir = true;
  const auto e = Decide(a, f, Rules(), year{2026} / 9 / 1);
  EXPECT_FALSE(e.eligible);
  EXPECT_TRUE(Has(e, "jkm_accident_jkk"));
}

TEST(Jkm, DeathsBeforeTheAmountsWereEnteredAreNotDecided) {
  ClaimAnswers a = Answers(ClaimType::kJkm);
  a.claimant_is_heir = true;
  const auto e = Decide(a, Deceased(year{2019} / 12 / 1), Rules(), year{2026} / 9 / 1);
  EXPECT_FALSE(e.eligible);
  EXPECT_TRUE(Has(e, "rules_missing_on"));
}

// --- JKK ---

TEST(Jkk, TheMemberConfirmsTheAccidentFirst) {
  ClaimantFacts f = Siti();
  f.accidents.push_back({5, year{2026} / 3 / 2, 7, 4'000'000, false, false, 20});
  ClaimAnswers a = Answers(ClaimType::kJkk);
  EXPECT_TRUE(Has(Decide(a, f, Rules(), year{2026} / 5 / 1), "jkk_accident_missing"));
  a.accident_id = 5;
  const auto unconfirmed = Decide(a, f, Rules(), year{2026} / 5 / 1);
  EXPECT_FALSE(unconfirmed.eligible);
  EXPECT_TRUE(Has(unconfirmed, "jkk_not_confirmed"));
  f.accidents[0].confirmed_by_member = true;
  const auto ok = Decide(a, f, Rules(), year{2026} / 5 / 1);
  EXPECT_TRUE(ok.eligible);
  EXPECT_EQ(Find(ok, "jkk_incapacity").numbers.at("days"), 20);
  EXPECT_EQ(Find(ok, "jkk_incapacity").text.at("regulation"), "PP 82/2019");
  a.accident_id = 6;  // someone else's
  EXPECT_FALSE(Decide(a, f, Rules(), year{2026} / 5 / 1).eligible);
}

TEST(Jkk, NoDaysOffMeansNoCashBenefit) {
  ClaimantFacts f = Siti();
  f.accidents.push_back({5, year{2026} / 3 / 2, 7, 4'000'000, false, true, 0});
  ClaimAnswers a = Answers(ClaimType::kJkk);
  a.accident_id = 5;
  EXPECT_TRUE(Has(Decide(a, f, Rules(), year{2026} / 5 / 1), "jkk_no_cash"));
}

TEST(Jkk, AFatalAccidentIsClaimedByTheHeir) {
  ClaimantFacts f = Deceased(year{2026} / 3 / 2);
  f.accidents.push_back({5, year{2026} / 3 / 2, 8, 4'000'000, true, false, 0});
  ClaimAnswers a = Answers(ClaimType::kJkk);
  a.accident_id = 5;
  EXPECT_TRUE(Has(Decide(a, f, Rules(), year{2026} / 5 / 1), "heir_only"));
  a.claimant_is_heir = true;
  const auto e = Decide(a, f, Rules(), year{2026} / 5 / 1);
  EXPECT_TRUE(e.eligible);
  EXPECT_TRUE(Has(e, "jkk_death"));
}

TEST(Jkk, OneClaimInProgressAtATime) {
  ClaimantFacts f = Siti();
  f.accidents.push_back({5, year{2026} / 3 / 2, 7, 4'000'000, false, true, 20});
  f.prior_claims = {{ClaimType::kJkk, "submitted", 9}};
  ClaimAnswers a = Answers(ClaimType::kJkk);
  a.accident_id = 5;
  EXPECT_TRUE(Has(Decide(a, f, Rules(), year{2026} / 5 / 1), "jkk_in_progress"));
  f.prior_claims = {{ClaimType::kJkk, "paid", 9}};
  EXPECT_TRUE(Decide(a, f, Rules(), year{2026} / 5 / 1).eligible);
}

// --- JKP ---

ClaimAnswers Jkp() {
  ClaimAnswers a = Answers(ClaimType::kJkp);
  a.spell_id = 2;
  return a;
}

TEST(JkpEligibility, OnlyWhenTheEmployerEndedTheJob) {
  for (const char* reason : {"dismissed", "contract_ended"}) {
    ClaimantFacts f = WithEndedJob(year{2025} / 6 / 10, reason);
    AddPaidMonths(f, year{2025} / 5, 12, 4'000'000);
    EXPECT_TRUE(Decide(Jkp(), f, Rules(), year{2025} / 7 / 1).eligible) << reason;
  }
  for (const char* reason : {"resigned", "retired", "died"}) {
    ClaimantFacts f = WithEndedJob(year{2025} / 6 / 10, reason);
    AddPaidMonths(f, year{2025} / 5, 12, 4'000'000);
    const auto e = Decide(Jkp(), f, Rules(), year{2025} / 7 / 1);
    EXPECT_FALSE(e.eligible) << reason;
    EXPECT_TRUE(Has(e, std::string("jkp_not_") + reason)) << reason;
  }
  ClaimAnswers open = Jkp();
  open.spell_id = 1;
  EXPECT_TRUE(Has(Decide(open, Siti(), Rules(), year{2025} / 7 / 1), "jkp_still_working"));
}

TEST(JkpEligibility, TwelveMonthsWithinTwentyFourAndTheLastSixInARow) {
  ClaimantFacts f = WithEndedJob(year{2025} / 6 / 10, "dismissed");
  // 6 months in 2023-2024 inside the window, then the last 6 months before June 2025.
  AddPaidMonths(f, year{2024} / 6, 6, 4'000'000);
  AddPaidMonths(f, year{2025} / 5, 6, 4'000'000);
  const auto ok = Decide(Jkp(), f, Rules(), year{2025} / 7 / 1);
  EXPECT_TRUE(ok.eligible) << ::testing::PrintToString(Ids(ok));
  EXPECT_EQ(Find(ok, "jkp_qualifies").text.at("regulation"), "PP 6/2025");
  EXPECT_EQ(Find(ok, "jkp_qualifies").numbers.at("count"), 12);

  ClaimantFacts few = WithEndedJob(year{2025} / 6 / 10, "dismissed");
  AddPaidMonths(few, year{2025} / 5, 11, 4'000'000);
  const auto e = Decide(Jkp(), few, Rules(), year{2025} / 7 / 1);
  EXPECT_FALSE(e.eligible);
  EXPECT_EQ(Find(e, "jkp_too_few_months").numbers.at("count"), 11);
  EXPECT_EQ(Find(e, "jkp_too_few_months").numbers.at("needed"), 12);

  ClaimantFacts gap = WithEndedJob(year{2025} / 6 / 10, "dismissed");
  AddPaidMonths(gap, year{2025} / 3, 14, 4'000'000);  // nothing in April and May 2025
  const auto g = Decide(Jkp(), gap, Rules(), year{2025} / 7 / 1);
  EXPECT_FALSE(g.eligible);
  EXPECT_TRUE(Has(g, "jkp_not_consecutive"));
  EXPECT_FALSE(Has(g, "jkp_too_few_months"));
}

TEST(JkpEligibility, TheRuleOfTheDayOfDismissal) {
  for (auto [day, regulation] :
       {std::pair{year{2025} / 2 / 6, "PP 37/2021"}, std::pair{year{2025} / 2 / 7, "PP 6/2025"}}) {
    ClaimantFacts f = WithEndedJob(day, "dismissed");
    AddPaidMonths(f, year{2025} / 1, 12, 4'000'000);
    const auto e = Decide(Jkp(), f, Rules(), year{2025} / 3 / 1);
    ASSERT_TRUE(e.eligible);
    EXPECT_EQ(Find(e, "jkp_qualifies").text.at("regulation"), regulation);
  }
  ClaimantFacts before = WithEndedJob(year{2021} / 2 / 1, "dismissed");
  AddPaidMonths(before, year{2021} / 1, 12, 4'000'000);
  EXPECT_TRUE(Has(Decide(Jkp(), before, Rules(), year{2021} / 3 / 1), "jkp_no_program"));
}

// --- explanations ---

TEST(ExplainReason, FillsEveryKindOfValueInTheReadersLanguage) {
  const auto catalogs =
      i18n::Catalogs::FromMaps({{"id",
                                 {{"x", "{{employer}} {{date}} {{amount}} {{n}} {{p}} {{q}}"},
                                  {"date.months.1", "Januari"}}},
                                {"en",
                                 {{"x", "{{employer}} {{date}} {{amount}} {{n}} {{p}} {{q}}"},
                                  {"date.months.1", "January"}}}});
  Reason r;
  r.id = "x";
  r.text["employer"] = "PT Sinar";
  r.dates["date"] = year{2027} / 1 / 15;
  r.amounts["amount"] = 1'234'567;
  r.numbers["n"] = 12;
  r.percents["p"] = 4500;
  r.percents["q"] = 6250;
  EXPECT_EQ(ExplainReason(r, catalogs, "id"), "PT Sinar 15 Januari 2027 Rp 1.234.567 12 45% 62,5%");
  EXPECT_EQ(ExplainReason(r, catalogs, "en"), "PT Sinar 15 January 2027 Rp 1,234,567 12 45% 62.5%");
}

TEST(ExplainReason, TheCatalogsSayWhenAJhtClaimCanBeMade) {
  const auto catalogs =
      i18n::Catalogs::LoadDirectory(std::filesystem::path(LUMBUNG_TEST_SHARE_DIR) / "locale");
  ClaimAnswers a = JhtFull(JhtGround::kJobEnded);
  a.spell_id = 2;
  const auto e =
      Decide(a, WithEndedJob(year{2026} / 12 / 15, "resigned"), Rules(), year{2027} / 1 / 14);
  ASSERT_FALSE(e.reasons.empty());
  EXPECT_EQ(ExplainReason(e.reasons[0], catalogs, "en"),
            "You can claim JHT from 15 January 2027: 1 month(s) after your job at PT Sinar ended "
            "on 15 December 2026.");
  EXPECT_EQ(ExplainReason(e.reasons[0], catalogs, "id"),
            "Anda dapat mencairkan JHT mulai 15 Januari 2027: 1 bulan setelah pekerjaan Anda di "
            "PT Sinar berakhir pada 15 Desember 2026.");
}

}  // namespace
}  // namespace lumbung::claims
