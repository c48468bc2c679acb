#include "subsidy/eligibility.h"

#include <filesystem>
#include <ostream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "registry/nik.h"

namespace lumbung::subsidy {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Not;

const std::filesystem::path kShare = LUMBUNG_TEST_SHARE_DIR;

const ProgramBook& Programs() {
  static const ProgramBook book =
      ProgramBook::LoadFile(kShare / "config" / "subsidy_programs.json");
  return book;
}

const MinimumWages& Wages() {
  static const MinimumWages wages =
      MinimumWages::LoadFile(kShare / "config" / "minimum_wages.json");
  return wages;
}

Date Plus(Date day, int n) {
  return Date{sys_days{day} + days{n}};
}

// Each shipped year as the domain facts state it, written out here independently of the data
// file: the cutoff day, the ceiling and how it compares, the lists that exclude, whether the
// minimum wage counts, the areas and whether an account is required.
struct YearFacts {
  int year;
  Date cutoff;
  Rupiah ceiling;
  bool strictly_under;
  std::vector<std::string> exclusions;
  bool minimum_wage;
  bool areas;
  bool account_required;
};

// Test names read "Y2021" and parameters print as their year.
void PrintTo(const YearFacts& y, std::ostream* os) {
  *os << y.year;
}

std::vector<YearFacts> ShippedYears() {
  return {
      {2020,
       year{2020} / 6 / 30,
       5'000'000,
       true,
       {"civil_servant", "state_enterprise_staff"},
       false,
       false,
       true},
      {2021, year{2021} / 6 / 30, 3'500'000, false, {}, true, true, true},
      {2022,
       year{2022} / 7 / 31,
       3'500'000,
       false,
       {"civil_servant", "kartu_prakerja", "pkh", "bpum"},
       true,
       false,
       true},
      {2025, year{2025} / 4 / 30, 3'500'000, false, {"civil_servant", "pkh"}, true, false, false},
  };
}

// Central Java (33): its rounded minimum wage is below Rp 3,500,000 in every year, so the
// ceiling decides; it is in 2021's PPKM areas.
constexpr Area kSemarang{33, 74};
constexpr Area kJakarta{31, 71};

Job JobAt(Date start, std::optional<Date> end, std::optional<Rupiah> wage, Area where = kSemarang,
          std::int64_t employer = 7, std::string name = "PT Maju Jaya") {
  return Job{employer, std::move(name), start, end, wage, where};
}

class SubsidyYear : public ::testing::TestWithParam<YearFacts> {
 protected:
  const Program& program() const { return *Programs().ForYear(GetParam().year); }
  Date cutoff() const { return GetParam().cutoff; }

  // Siti: a citizen wage earner at PT Maju Jaya in Semarang since 2015 on Rp 3,000,000, on no
  // list, with a valid account: eligible every year.
  SubsidyFacts Siti() const {
    SubsidyFacts f;
    f.nik = registry::MakeNik(33, 74, 1, year{1990} / 5 / 17, registry::Sex::kFemale, 12);
    f.wage_earner = true;
    f.jobs.push_back(JobAt(year{2015} / 1 / 5, std::nullopt, 3'000'000));
    f.bank_account = BankAccountState::kValid;
    return f;
  }
  SubsidyDecision Check(const SubsidyFacts& f) const { return Decide(program(), f, Wages()); }
  SubsidyFacts EarningAt(Rupiah wage, Area where = kSemarang) const {
    SubsidyFacts f = Siti();
    f.jobs[0].cutoff_month_wage = wage;
    f.jobs[0].workplace = where;
    return f;
  }
};

TEST_P(SubsidyYear, TheDataMatchesTheDomainFacts) {
  const YearFacts& y = GetParam();
  EXPECT_EQ(program().cutoff, y.cutoff);
  EXPECT_EQ(program().wage_ceiling, y.ceiling);
  EXPECT_EQ(program().wage_compare == WageCompare::kUnder, y.strictly_under);
  EXPECT_EQ(program().exclusions, y.exclusions);
  EXPECT_EQ(program().minimum_wage_replaces_ceiling, y.minimum_wage);
  EXPECT_EQ(!program().areas.empty(), y.areas);
  EXPECT_EQ(program().bank_account_required, y.account_required);
}

TEST_P(SubsidyYear, AnOrdinaryWorkerIsEligibleWithEveryReason) {
  const SubsidyDecision d = Check(Siti());
  EXPECT_TRUE(d.eligible);
  EXPECT_EQ(d.year, GetParam().year);
  std::vector<std::string> expected = {"citizen", "wage_earner", "active_on_cutoff",
                                       "wage_within_limit"};
  if (!GetParam().exclusions.empty()) expected.push_back("not_on_exclusion_lists");
  if (GetParam().areas) expected.push_back("area_covered");
  expected.push_back("bank_account_valid");
  EXPECT_EQ(d.Codes(), expected);
  EXPECT_EQ(d.wage, 3'000'000);
  EXPECT_EQ(d.wage_limit, GetParam().ceiling);
  for (const Reason& r : d.reasons) EXPECT_FALSE(r.blocks) << r.code;
}

// The cutoff day: a job that starts the day before or on the day counts, the day after does
// not; a job that ends the day before does not count, on the day or after it does.
TEST_P(SubsidyYear, CutoffDay) {
  struct Case {
    int start_offset;
    std::optional<int> end_offset;
    bool active;
  };
  for (const Case& c :
       {Case{-1, std::nullopt, true}, Case{0, std::nullopt, true}, Case{1, std::nullopt, false},
        Case{-400, -1, false}, Case{-400, 0, true}, Case{-400, 1, true}}) {
    SubsidyFacts f = Siti();
    f.jobs = {
        JobAt(Plus(cutoff(), c.start_offset),
              c.end_offset ? std::optional<Date>(Plus(cutoff(), *c.end_offset)) : std::nullopt,
              3'000'000)};
    const SubsidyDecision d = Check(f);
    const std::string where = "start " + std::to_string(c.start_offset) + " end " +
                              (c.end_offset ? std::to_string(*c.end_offset) : "open");
    EXPECT_EQ(d.eligible, c.active) << where;
    EXPECT_EQ(d.Has("active_on_cutoff"), c.active) << where;
    EXPECT_EQ(d.Has("not_active_on_cutoff"), !c.active) << where;
    if (!c.active) {
      EXPECT_FALSE(d.Has("wage_within_limit")) << "no active job, no wage to judge";
      EXPECT_FALSE(d.Has("area_covered") || d.Has("area_not_covered"));
      EXPECT_EQ(d.wage, 0);
    }
  }
}

TEST_P(SubsidyYear, NotActiveCarriesTheCutoffDay) {
  SubsidyFacts f = Siti();
  f.jobs.clear();
  const SubsidyDecision d = Check(f);
  ASSERT_EQ(d.reasons.at(2).code, "not_active_on_cutoff");
  EXPECT_EQ(d.reasons.at(2).dates.at("cutoff"), cutoff());
  EXPECT_TRUE(d.reasons.at(2).blocks);
}

// A wage equal to the ceiling: eligible where the facts say "<=", not where they say "under"
// (2020). One rupiah below is always eligible, one above never.
TEST_P(SubsidyYear, WageEqualToTheCeiling) {
  const Rupiah ceiling = GetParam().ceiling;
  EXPECT_EQ(Check(EarningAt(ceiling)).eligible, !GetParam().strictly_under);
  EXPECT_TRUE(Check(EarningAt(ceiling - 1)).eligible);
  const SubsidyDecision above = Check(EarningAt(ceiling + 1));
  EXPECT_FALSE(above.eligible);
  EXPECT_TRUE(above.Has("wage_above_limit"));
  const Reason& r = above.reasons.at(3);
  EXPECT_EQ(r.code, "wage_above_limit");
  EXPECT_EQ(r.amounts.at("wage"), ceiling + 1);
  EXPECT_EQ(r.amounts.at("limit"), ceiling);
}

// Jakarta's minimum wage rounded up to the next Rp 100,000 is the limit where the programme
// counts it (2021: 4,416,186 -> 4,500,000; 2022: 4,641,854 -> 4,700,000; 2025: 5,396,761 ->
// 5,400,000 in the shipped, unverified figures); in 2020 the ceiling alone counts.
TEST_P(SubsidyYear, MinimumWageRounding) {
  const Rupiah minimum = Wages().For(kJakarta, GetParam().year)->amount;
  const Rupiah rounded = RoundUpToHundredThousand(minimum);
  if (!GetParam().minimum_wage) {
    EXPECT_EQ(Check(EarningAt(rounded, kJakarta)).wage_limit, GetParam().ceiling);
    return;
  }
  ASSERT_GT(rounded, GetParam().ceiling);
  ASSERT_GT(rounded, minimum) << "the figure is not already a multiple";
  const SubsidyDecision at = Check(EarningAt(rounded, kJakarta));
  EXPECT_TRUE(at.eligible) << "at the rounded minimum wage";
  EXPECT_EQ(at.wage_limit, rounded);
  EXPECT_FALSE(at.verified) << "decided by an unverified minimum wage";
  EXPECT_FALSE(Check(EarningAt(rounded + 1, kJakarta)).eligible);
  EXPECT_TRUE(Check(EarningAt(minimum + 1, kJakarta)).eligible)
      << "above the exact minimum wage but under its rounding";
}

TEST_P(SubsidyYear, MinimumWageExactlyOnAHundredThousandIsNotRoundedFurther) {
  const MinimumWages wages = MinimumWages::FromJson(
      R"({"schema": 1, "minimum_wages": [{"area": "31", "name": "DKI Jakarta", "amounts": {")" +
      std::to_string(GetParam().year) + R"(": 4500000}}]})");
  if (!GetParam().minimum_wage) {
    // The ceiling alone counts, whatever the minimum wage.
    EXPECT_TRUE(Decide(program(), EarningAt(4'999'999, kJakarta), wages).eligible);
    EXPECT_FALSE(Decide(program(), EarningAt(5'000'000, kJakarta), wages).eligible);
    return;
  }
  EXPECT_TRUE(Decide(program(), EarningAt(4'500'000, kJakarta), wages).eligible);
  EXPECT_FALSE(Decide(program(), EarningAt(4'500'001, kJakarta), wages).eligible);
}

TEST_P(SubsidyYear, MissingMinimumWageUsesTheCeilingAndSaysSo) {
  const MinimumWages none = MinimumWages::FromJson(
      R"({"schema": 1, "minimum_wages": [{"area": "11", "name": "Aceh", "amounts": {"2000": 1}}]})");
  const SubsidyDecision d = Decide(program(), EarningAt(3'000'000), none);
  EXPECT_EQ(d.Has("minimum_wage_unknown"), GetParam().minimum_wage);
  EXPECT_TRUE(d.eligible);
  EXPECT_EQ(d.wage_limit, GetParam().ceiling);
}

// Two jobs: the wages are summed against the limit. Two of Rp 2,000,000 make Rp 4,000,000,
// above the ceiling of 2021-2025 (and under 2020's Rp 5,000,000).
TEST_P(SubsidyYear, TwoJobsAreSummed) {
  SubsidyFacts f = Siti();
  f.jobs = {JobAt(year{2015} / 1 / 5, std::nullopt, 2'000'000),
            JobAt(year{2018} / 3 / 1, std::nullopt, 2'000'000, kSemarang, 8, "CV Sinar")};
  const SubsidyDecision d = Check(f);
  EXPECT_EQ(d.wage, 4'000'000);
  EXPECT_EQ(d.active_jobs, 2);
  EXPECT_TRUE(d.Has("wages_summed"));
  EXPECT_EQ(d.eligible, 4'000'000 < GetParam().ceiling);
  EXPECT_EQ(d.Has("wage_above_limit"), 4'000'000 >= GetParam().ceiling);

  // A second job that ended before the cutoff does not count.
  f.jobs[1].end = Plus(cutoff(), -1);
  const SubsidyDecision one = Check(f);
  EXPECT_TRUE(one.eligible);
  EXPECT_EQ(one.wage, 2'000'000);
  EXPECT_FALSE(one.Has("wages_summed"));
}

// With jobs in two places the higher limit counts: a Jakarta job lifts the limit where the
// programme counts the minimum wage.
TEST_P(SubsidyYear, TwoJobsInTwoPlacesTakeTheHigherLimit) {
  SubsidyFacts f = Siti();
  f.jobs = {JobAt(year{2015} / 1 / 5, std::nullopt, 1'900'000),
            JobAt(year{2018} / 3 / 1, std::nullopt, 1'900'000, kJakarta, 8, "CV Sinar")};
  const SubsidyDecision d = Check(f);
  EXPECT_EQ(d.wage, 3'800'000);
  if (GetParam().minimum_wage) {
    EXPECT_GT(d.wage_limit, GetParam().ceiling);
    EXPECT_TRUE(d.eligible);
  } else {
    EXPECT_EQ(d.wage_limit, GetParam().ceiling);
    EXPECT_TRUE(d.eligible) << "under 2020's Rp 5,000,000";
  }
}

TEST_P(SubsidyYear, AnActiveJobWithoutAReportedWageCannotBeJudged) {
  SubsidyFacts f = Siti();
  f.jobs.push_back(JobAt(year{2019} / 1 / 1, std::nullopt, std::nullopt, kSemarang, 9, "PT Diam"));
  const SubsidyDecision d = Check(f);
  EXPECT_FALSE(d.eligible);
  ASSERT_TRUE(d.Has("no_wage_reported"));
  EXPECT_FALSE(d.Has("wage_within_limit"));
  for (const Reason& r : d.reasons) {
    if (r.code == "no_wage_reported") {
      EXPECT_EQ(r.text.at("employer"), "PT Diam");
    }
  }
}

// Each list the programme names excludes; a list it does not name changes nothing.
TEST_P(SubsidyYear, ExclusionLists) {
  for (const std::string list :
       {"civil_servant", "state_enterprise_staff", "pkh", "kartu_prakerja", "bpum"}) {
    SubsidyFacts f = Siti();
    f.lists = {list};
    const SubsidyDecision d = Check(f);
    const bool named =
        std::count(GetParam().exclusions.begin(), GetParam().exclusions.end(), list) > 0;
    EXPECT_EQ(d.eligible, !named) << list;
    EXPECT_EQ(d.Has("excluded_" + list), named) << list;
    if (!GetParam().exclusions.empty()) {
      EXPECT_EQ(d.Has("not_on_exclusion_lists"), !named) << list;
    }
  }
}

TEST_P(SubsidyYear, EveryReasonThatAppliesIsGiven) {
  SubsidyFacts f = EarningAt(9'000'000, Area{12, 1});
  f.lists = GetParam().exclusions;
  f.bank_account = BankAccountState::kNone;
  f.wage_earner = false;
  const SubsidyDecision d = Check(f);
  EXPECT_FALSE(d.eligible);
  EXPECT_TRUE(d.Has("not_wage_earner"));
  EXPECT_TRUE(d.Has("wage_above_limit"));
  for (const std::string& list : GetParam().exclusions) EXPECT_TRUE(d.Has("excluded_" + list));
  EXPECT_TRUE(d.Has("no_bank_account"));
  EXPECT_EQ(d.Has("area_not_covered"), GetParam().areas);
  int blocking = 0;
  for (const Reason& r : d.reasons) blocking += r.blocks ? 1 : 0;
  EXPECT_EQ(blocking, 2 + static_cast<int>(GetParam().exclusions.size()) +
                          (GetParam().areas ? 1 : 0) + (GetParam().account_required ? 1 : 0));
}

TEST_P(SubsidyYear, CitizensAndWageEarners) {
  SubsidyFacts no_nik = Siti();
  no_nik.nik = "";
  EXPECT_FALSE(Check(no_nik).eligible);
  EXPECT_TRUE(Check(no_nik).Has("not_citizen"));
  SubsidyFacts bad_nik = Siti();
  bad_nik.nik = "3374011705900000";  // serial 0000
  EXPECT_TRUE(Check(bad_nik).Has("not_citizen"));
  SubsidyFacts self_employed = Siti();
  self_employed.wage_earner = false;
  EXPECT_FALSE(Check(self_employed).eligible);
  EXPECT_TRUE(Check(self_employed).Has("not_wage_earner"));
}

TEST_P(SubsidyYear, AreasCovered) {
  SubsidyFacts f = EarningAt(2'000'000, Area{12, 1});  // Sumatera Utara, outside Medan
  const SubsidyDecision d = Check(f);
  EXPECT_EQ(d.eligible, !GetParam().areas);
  EXPECT_EQ(d.Has("area_not_covered"), GetParam().areas);
  // One job in a covered area is enough.
  f.jobs.push_back(JobAt(year{2019} / 1 / 1, std::nullopt, 1'000'000, kSemarang, 8, "CV Sinar"));
  EXPECT_TRUE(Check(f).eligible);
  EXPECT_EQ(Check(f).Has("area_covered"), GetParam().areas);
}

TEST_P(SubsidyYear, BankAccount) {
  for (auto [state, code] : {std::pair{BankAccountState::kNone, "no_bank_account"},
                             std::pair{BankAccountState::kShared, "bank_account_shared"},
                             std::pair{BankAccountState::kFlagged, "bank_account_flagged"}}) {
    SubsidyFacts f = Siti();
    f.bank_account = state;
    const SubsidyDecision d = Check(f);
    EXPECT_TRUE(d.Has(code)) << code;
    EXPECT_TRUE(d.account_problem) << code;
    EXPECT_EQ(d.eligible, !GetParam().account_required) << code;
  }
  EXPECT_FALSE(Check(Siti()).account_problem);
}

INSTANTIATE_TEST_SUITE_P(ShippedYears, SubsidyYear, ::testing::ValuesIn(ShippedYears()),
                         [](const auto& info) { return "Y" + std::to_string(info.param.year); });

TEST(SubsidyEligibility, EveryReasonHasTextInBothLanguages) {
  const i18n::Catalogs catalogs = i18n::Catalogs::LoadDirectory(kShare / "locale");
  for (const Program& p : Programs().All()) {
    for (const std::string& code : ReasonCodes(p)) {
      for (const std::string& lang : catalogs.Languages()) {
        Reason r;
        r.code = code;
        EXPECT_THAT(catalogs.Get(lang, r.MessageId()), Not(::testing::StartsWith("[[")))
            << lang << " " << code;
      }
    }
  }
}

TEST(SubsidyEligibility, ExplainsInPlainWords) {
  const i18n::Catalogs catalogs = i18n::Catalogs::LoadDirectory(kShare / "locale");
  const Program& p = *Programs().ForYear(2025);
  SubsidyFacts f;
  f.nik = registry::MakeNik(33, 74, 1, year{1990} / 5 / 17, registry::Sex::kFemale, 12);
  f.jobs.push_back(JobAt(year{2015} / 1 / 5, std::nullopt, 3'600'000));
  f.bank_account = BankAccountState::kValid;
  const SubsidyDecision d = Decide(p, f, Wages());
  ASSERT_EQ(d.reasons.at(3).code, "wage_above_limit");
  const std::string id = ExplainReason(d.reasons.at(3), catalogs, "id");
  EXPECT_THAT(id, ::testing::HasSubstr("Rp 3.600.000"));
  EXPECT_THAT(id, ::testing::HasSubstr("Rp 3.500.000"));
  const std::string en = ExplainReason(d.reasons.at(2), catalogs, "en");
  EXPECT_THAT(en, ::testing::HasSubstr("30 April 2025"));
  EXPECT_THAT(en, Not(::testing::HasSubstr("{{")));
}

}  // namespace
}  // namespace lumbung::subsidy
