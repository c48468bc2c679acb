#include "demo/demo_people.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

namespace lumbung::demo {
namespace {

using registry::IsKnownProvinceCode;
using registry::kRiskClassCount;

using ::testing::MatchesRegex;
using ::testing::StartsWith;

TEST(DemoPeopleTest, ProvincesAreRealAndComplete) {
  std::set<int> codes;
  for (const DemoProvince& p : DemoProvinces()) {
    SCOPED_TRACE(p.code);
    EXPECT_TRUE(IsKnownProvinceCode(p.code));
    EXPECT_TRUE(codes.insert(p.code).second);
    EXPECT_GT(p.worker_weight, 0);
    EXPECT_GT(p.employer_weight, 0);
    EXPECT_GE(p.regencies, 1);
    EXPECT_LE(p.regencies, 69);  // 71.. are city codes
    EXPECT_LE(p.cities_count, 28);
    EXPECT_NE(p.cities[0], nullptr);
    int weight = 0;
    for (const DemoCultureShare& share : p.cultures) weight += share.weight;
    EXPECT_EQ(weight, 100);
    EXPECT_GT(p.minimum_wage_2025, 2'000'000);
  }
  EXPECT_EQ(DemoProvinceByCode(31).cities[0], std::string("Jakarta Selatan"));
  EXPECT_THROW(DemoProvinceByCode(10), std::out_of_range);
}

TEST(DemoPeopleTest, MinimumWagesGrowOverTheYears) {
  for (const DemoProvince& p : DemoProvinces()) {
    EXPECT_EQ(DemoMinimumWage(p.code, 2025), p.minimum_wage_2025);
    Rupiah previous = 0;
    for (int year = 2010; year <= 2030; ++year) {
      const Rupiah wage = DemoMinimumWage(p.code, year);
      EXPECT_EQ(wage % 1000, 0);
      EXPECT_GE(wage, previous) << p.code << " " << year;
      previous = wage;
    }
  }
  // Roughly right for Jakarta: about Rp 2.9 million in 2015.
  EXPECT_NEAR(DemoMinimumWage(31, 2015), 2'900'000, 200'000);
}

TEST(DemoPeopleTest, SectorsCoverEveryRiskClass) {
  std::set<RiskClass> classes;
  std::set<std::string> slugs;
  for (const DemoSector& s : DemoSectors()) {
    classes.insert(s.risk);
    EXPECT_TRUE(slugs.insert(s.slug).second);
    EXPECT_THAT(s.slug, MatchesRegex("[a-z_]+"));
  }
  EXPECT_EQ(classes.size(), static_cast<std::size_t>(kRiskClassCount));
}

TEST(DemoPeopleTest, NamesFollowTheCulture) {
  DemoRandom random(3);
  for (int i = 0; i < 50; ++i) {
    EXPECT_THAT(DemoFullName(random, NameCulture::kBalinese, Sex::kMale), StartsWith("I "));
    EXPECT_THAT(DemoFullName(random, NameCulture::kBalinese, Sex::kFemale), StartsWith("Ni "));
    const std::string batak = DemoFullName(random, NameCulture::kBatak, Sex::kMale);
    EXPECT_NE(batak.find(' '), std::string::npos) << batak;  // always a family name
  }
  std::set<std::string> names;
  for (int i = 0; i < 200; ++i)
    names.insert(DemoFullName(random, NameCulture::kJavanese, Sex::kFemale));
  EXPECT_GT(names.size(), 100u);  // varied
}

TEST(DemoPeopleTest, ContactDetailsLookRightAndAreFictitious) {
  DemoRandom random(5);
  int without_email = 0;
  for (int i = 0; i < 500; ++i) {
    EXPECT_THAT(DemoPhone(random), MatchesRegex("08[0-9]{8,11}"));
    EXPECT_THAT(DemoAddress(random, DemoProvinceByCode(32)),
                MatchesRegex("Jl\\. .+ No\\. [0-9]+, RT 0[0-9]{2}/RW 0[0-9]{2}, .+"));
    const auto email = DemoEmail(random, "Ni Made Sri Wahyuni");
    if (!email) {
      ++without_email;
      continue;
    }
    EXPECT_THAT(*email, MatchesRegex("made[.]?(wahyuni)?[0-9]*@example\\.(com|net|org)"));
  }
  EXPECT_GT(without_email, 50);
  EXPECT_LT(without_email, 300);
}

TEST(DemoPeopleTest, EmployerNames) {
  DemoRandom random(11);
  const DemoSector& construction = DemoSectors()[12];
  ASSERT_EQ(std::string(construction.slug), "construction");
  for (int i = 0; i < 50; ++i) {
    const std::string name = DemoEmployerName(random, construction);
    EXPECT_THAT(name, MatchesRegex("(PT|CV|Koperasi) .+ (Konstruksi|Bangun|Beton)")) << name;
  }
}

}  // namespace
}  // namespace lumbung::demo
