#include "registry/rules.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace lumbung::registry {
namespace {

using nlohmann::json;
using std::chrono::year;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::filesystem::path DefaultRulesPath() {
  if (const char* share = std::getenv("LUMBUNG_SHARE_DIR")) {
    return std::filesystem::path(share) / "config" / "rules.json";
  }
  // Run by hand from somewhere inside the source tree.
  for (auto dir = std::filesystem::current_path(); !dir.empty(); dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / "config" / "rules.json"))
      return dir / "config" / "rules.json";
    if (dir == dir.parent_path()) break;
  }
  return "config/rules.json";
}

// A small valid file that each validation test breaks in one place.
json MinimalRules() {
  return json::parse(R"({
    "schema": 1,
    "jht": [{"from": "2015-07-01", "worker_bp": 200, "employer_bp": 370}],
    "jkk": [{"from": "2015-07-01", "very_low_bp": 24, "low_bp": 54, "medium_bp": 89,
             "high_bp": 127, "very_high_bp": 174}],
    "jkm": [{"from": "2015-07-01", "bp": 30}],
    "jp": [{"from": "2015-07-01", "worker_bp": 100, "employer_bp": 200}],
    "jp_wage_cap": [{"from": "2015-07-01", "amount": 7000000},
                    {"from": "2016-03-01", "amount": 7335300},
                    {"from": "2017-03-01", "amount": 7703500},
                    {"from": "2018-03-01", "amount": 8094000}],
    "jkp": [{"from": "2021-02-01", "total_bp": 46, "government_bp": 22, "from_jkk_bp": 14,
             "from_jkm_bp": 10, "wage_cap": 5000000}],
    "jht_return": [{"year": 2016, "rate_bp": 719}, {"year": 2017, "rate_bp": 782}],
    "jp_benefit_limits": [{"year": 2015, "minimum_monthly": 300000, "maximum_monthly": 3600000}],
    "pension_age": [{"year": 2015, "age": 56}, {"year": 2019, "age": 57}]
  })");
}

// The RuleError message for rules text, or "" when it loads.
std::string ErrorFor(const json& rules) {
  try {
    RuleBook::FromJson(rules.dump());
  } catch (const RuleError& e) {
    return e.what();
  }
  return "";
}

TEST(RulesDefaultFile, LoadsAndStartsWithTheProgramsInJuly2015) {
  const RuleBook book = RuleBook::LoadFile(DefaultRulesPath());
  EXPECT_EQ(book.FirstMonth(), year{2015} / 7);
  EXPECT_THROW(book.ContributionRulesFor(year{2015} / 6), RuleError);

  const ContributionRules rules = book.ContributionRulesFor(year{2015} / 7);
  EXPECT_EQ(rules.jht_worker_bp, 200);
  EXPECT_EQ(rules.jht_employer_bp, 370);
  EXPECT_EQ(rules.jkk_bp, (std::array<int, kRiskClassCount>{24, 54, 89, 127, 174}));
  EXPECT_EQ(rules.jkm_bp, 30);
  EXPECT_EQ(rules.jp_worker_bp, 100);
  EXPECT_EQ(rules.jp_employer_bp, 200);
  EXPECT_EQ(rules.jp_wage_cap, 7000000);
  EXPECT_EQ(rules.jkp_total_bp, 0);
  EXPECT_EQ(rules.jkp_wage_cap, 0);
}

TEST(RulesDefaultFile, JpCapChangesInMarchEveryYear) {
  const RuleBook book = RuleBook::LoadFile(DefaultRulesPath());
  const std::pair<int, Rupiah> caps[] = {
      {2016, 7335300}, {2017, 7703500}, {2018, 8094000}, {2019, 8512400},  {2020, 8939700},
      {2021, 8754600}, {2022, 9077600}, {2023, 9559600}, {2024, 10042300}, {2025, 10547400}};
  Rupiah previous = 7000000;
  for (const auto& [y, cap] : caps) {
    SCOPED_TRACE(y);
    EXPECT_EQ(book.ContributionRulesFor(year{y} / 2).jp_wage_cap, previous);
    EXPECT_EQ(book.ContributionRulesFor(year{y} / 3).jp_wage_cap, cap);
    previous = cap;
  }
  EXPECT_EQ(book.ContributionRulesFor(year{2030} / 1).jp_wage_cap, 10547400);
}

TEST(RulesDefaultFile, JkpStartsInFebruary2021) {
  const RuleBook book = RuleBook::LoadFile(DefaultRulesPath());
  EXPECT_EQ(book.ContributionRulesFor(year{2021} / 1).jkp_total_bp, 0);
  const ContributionRules rules = book.ContributionRulesFor(year{2021} / 2);
  EXPECT_EQ(rules.jkp_total_bp, 46);
  EXPECT_EQ(rules.jkp_government_bp, 22);
  EXPECT_EQ(rules.jkp_from_jkk_bp, 14);
  EXPECT_EQ(rules.jkp_from_jkm_bp, 10);
  EXPECT_EQ(rules.jkp_wage_cap, 5000000);
}

TEST(RulesDefaultFile, JhtReturnsAndWhetherTheyAreVerified) {
  const RuleBook book = RuleBook::LoadFile(DefaultRulesPath());
  const std::pair<int, int> published[] = {
      {2016, 719}, {2017, 782}, {2018, 626}, {2019, 606}, {2020, 559}};
  for (const auto& [y, bp] : published) {
    EXPECT_EQ(book.JhtReturnBp(y), bp) << y;
    EXPECT_TRUE(book.JhtReturnIsVerified(y)) << y;
  }
  // Placeholders the demo needs, flagged so the UI can say so.
  for (int y : {2015, 2021, 2022, 2023, 2024, 2025, 2026}) {
    ASSERT_TRUE(book.JhtReturnBp(y).has_value()) << y;
    EXPECT_GE(*book.JhtReturnBp(y), 500) << y;
    EXPECT_LE(*book.JhtReturnBp(y), 650) << y;
    EXPECT_FALSE(book.JhtReturnIsVerified(y)) << y;
  }
  EXPECT_EQ(book.JhtReturnBp(2014), std::nullopt);
  EXPECT_FALSE(book.JhtReturnIsVerified(2014));
}

TEST(RulesDefaultFile, UnverifiedCapsAreReported) {
  const RuleBook book = RuleBook::LoadFile(DefaultRulesPath());
  EXPECT_TRUE(book.ContributionRulesAreVerified(year{2019} / 3));
  EXPECT_FALSE(book.ContributionRulesAreVerified(year{2021} / 3));
  EXPECT_FALSE(book.ContributionRulesAreVerified(year{2022} / 2));  // 2021's cap still applies
  EXPECT_TRUE(book.ContributionRulesAreVerified(year{2024} / 3));
  EXPECT_FALSE(book.ContributionRulesAreVerified(year{2025} / 3));
  EXPECT_THROW(book.ContributionRulesAreVerified(year{2015} / 1), RuleError);
}

TEST(RulesDefaultFile, JpLimitsCarryForwardUntilTheNextIndexation) {
  const RuleBook book = RuleBook::LoadFile(DefaultRulesPath());
  EXPECT_EQ(book.JpLimitsFor(2014), std::nullopt);
  auto check = [&](int y, Rupiah minimum, Rupiah maximum) {
    auto limits = book.JpLimitsFor(y);
    ASSERT_TRUE(limits.has_value()) << y;
    EXPECT_EQ(limits->minimum_monthly, minimum) << y;
    EXPECT_EQ(limits->maximum_monthly, maximum) << y;
  };
  check(2015, 300000, 3600000);
  check(2018, 300000, 3600000);
  check(2019, 341400, 4095750);
  check(2023, 383400, 4598100);
  check(2024, 393500, 4718200);
  check(2030, 393500, 4718200);
}

TEST(RulesDefaultFile, PensionAgeRisesToSixtyFive) {
  const RuleBook book = RuleBook::LoadFile(DefaultRulesPath());
  EXPECT_EQ(book.PensionAgeFor(2014), std::nullopt);
  const std::pair<int, int> ages[] = {{2015, 56}, {2018, 56}, {2019, 57}, {2021, 57}, {2022, 58},
                                      {2025, 59}, {2027, 59}, {2028, 60}, {2031, 61}, {2034, 62},
                                      {2037, 63}, {2040, 64}, {2042, 64}, {2043, 65}, {2060, 65}};
  for (const auto& [y, age] : ages) EXPECT_EQ(book.PensionAgeFor(y), age) << y;
}

TEST(RulesDefaultFile, JkmBenefitOfPp82From2December2019) {
  const RuleBook book = RuleBook::LoadFile(DefaultRulesPath());
  EXPECT_EQ(book.JkmBenefitOn(year{2019} / 12 / 1), std::nullopt) << "earlier amounts not entered";
  const auto b = book.JkmBenefitOn(year{2026} / 11 / 28);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->death_lump_sum + b->periodic_total + b->funeral, 42'000'000);
  EXPECT_EQ(b->periodic_months, 24);
  EXPECT_EQ(b->scholarship_max_total, 174'000'000);
  EXPECT_EQ(b->scholarship_max_children, 2);
  EXPECT_EQ(b->scholarship_min_months, 36);
}

TEST(RulesFromJson, JkmBenefitIsOptionalAndValidated) {
  EXPECT_EQ(RuleBook::FromJson(MinimalRules().dump()).JkmBenefitOn(year{2030} / 1 / 1),
            std::nullopt);
  json rules = MinimalRules();
  rules["jkm_benefit"] = json::parse(R"([{"from": "2019-12-02", "death_lump_sum": 20000000,
      "periodic_total": 12000000, "periodic_months": 24, "funeral": 10000000,
      "scholarship_max_total": 174000000, "scholarship_max_children": 2,
      "scholarship_min_months": 36}])");
  EXPECT_EQ(ErrorFor(rules), "");
  rules["jkm_benefit"][0]["funeral"] = -1;
  EXPECT_THAT(ErrorFor(rules), HasSubstr("rules: jkm_benefit[0].funeral:"));
  rules["jkm_benefit"][0]["funeral"] = 10000000;
  rules["jkm_benefit"][0]["extra"] = 1;
  EXPECT_EQ(ErrorFor(rules), "rules: jkm_benefit[0].extra: unknown key");
}

TEST(RulesFromJson, MinimalFileLoads) {
  const RuleBook book = RuleBook::FromJson(MinimalRules().dump());
  EXPECT_EQ(book.FirstMonth(), year{2015} / 7);
  EXPECT_EQ(book.ContributionRulesFor(year{2017} / 2).jp_wage_cap, 7335300);
  EXPECT_EQ(book.ContributionRulesFor(year{2017} / 3).jp_wage_cap, 7703500);
  EXPECT_TRUE(book.JhtReturnIsVerified(2016));
}

TEST(RulesFromJson, ValuesApplyFromTheFirstDayOfTheMonth) {
  json rules = MinimalRules();
  rules["jp_wage_cap"][1]["from"] = "2016-03-02";
  const RuleBook book = RuleBook::FromJson(rules.dump());
  // In force from the 2nd: March still uses the old cap, April the new one.
  EXPECT_EQ(book.ContributionRulesFor(year{2016} / 3).jp_wage_cap, 7000000);
  EXPECT_EQ(book.ContributionRulesFor(year{2016} / 4).jp_wage_cap, 7335300);
}

TEST(RulesFromJson, FirstMonthIsTheFirstWholeMonthEveryProgramCovers) {
  json rules = MinimalRules();
  rules["jkm"][0]["from"] = "2015-08-15";
  const RuleBook book = RuleBook::FromJson(rules.dump());
  EXPECT_EQ(book.FirstMonth(), year{2015} / 9);
  EXPECT_THROW(book.ContributionRulesFor(year{2015} / 8), RuleError);
  EXPECT_NO_THROW(book.ContributionRulesFor(year{2015} / 9));
}

TEST(RulesFromJson, AnnotationsAreAllowed) {
  json rules = MinimalRules();
  rules["note"] = "a fund's own copy";
  rules["jkm"][0]["source"] = "PP 44/2015";
  rules["jkm"][0]["note"] = "why";
  rules["jkm"][0]["verified"] = false;
  EXPECT_EQ(ErrorFor(rules), "");
}

TEST(RulesFromJson, RejectsTextThatIsNotAnObject) {
  EXPECT_THAT(ErrorFor(json::array()), StartsWith("rules: the top level must be an object"));
  try {
    RuleBook::FromJson("{ not json");
    FAIL();
  } catch (const RuleError& e) {
    EXPECT_THAT(e.what(), StartsWith("rules: not valid JSON"));
  }
}

TEST(RulesFromJson, RejectsUnknownTopLevelKeys) {
  json rules = MinimalRules();
  rules["jp_cap"] = json::array();
  EXPECT_EQ(ErrorFor(rules), "rules: jp_cap: unknown key");
}

TEST(RulesFromJson, RejectsUnknownEntryKeys) {
  json rules = MinimalRules();
  rules["jp"][0]["worker_pb"] = 100;
  EXPECT_EQ(ErrorFor(rules), "rules: jp[0].worker_pb: unknown key");
}

TEST(RulesFromJson, RejectsAMissingOrWrongSchemaVersion) {
  json rules = MinimalRules();
  rules["schema"] = 2;
  EXPECT_THAT(ErrorFor(rules), StartsWith("rules: schema: unsupported version"));
  rules.erase("schema");
  EXPECT_EQ(ErrorFor(rules), "rules: schema: missing");
}

TEST(RulesFromJson, RejectsEachMissingSeries) {
  for (const char* key : {"jht", "jkk", "jkm", "jp", "jp_wage_cap", "jkp", "jht_return",
                          "jp_benefit_limits", "pension_age"}) {
    json rules = MinimalRules();
    rules.erase(key);
    EXPECT_EQ(ErrorFor(rules), std::string("rules: ") + key + ": missing");
  }
}

TEST(RulesFromJson, RejectsEmptyOrNonListSeries) {
  json rules = MinimalRules();
  rules["jkm"] = json::array();
  EXPECT_EQ(ErrorFor(rules), "rules: jkm: must not be empty");
  rules["jkm"] = json::object();
  EXPECT_EQ(ErrorFor(rules), "rules: jkm: must be a list");
  rules["jkm"] = json::array({30});
  EXPECT_EQ(ErrorFor(rules), "rules: jkm[0]: must be an object");
}

TEST(RulesFromJson, RejectsBadDates) {
  for (json bad :
       {json("2016-3-01"), json("2016-02-30"), json("2017-02-29"), json("2016-13-01"),
        json("01-03-2016"), json(""), json(20160301), json("2016-03-01T00:00"), json(nullptr)}) {
    json rules = MinimalRules();
    rules["jp_wage_cap"][2]["from"] = bad;
    EXPECT_EQ(ErrorFor(rules), "rules: jp_wage_cap[2].from: must be a date written YYYY-MM-DD")
        << bad.dump();
  }
  json rules = MinimalRules();
  rules["jht"][0].erase("from");
  EXPECT_EQ(ErrorFor(rules), "rules: jht[0].from: missing");
}

TEST(RulesFromJson, AcceptsLeapDay) {
  json rules = MinimalRules();
  rules["jp_wage_cap"][3]["from"] = "2020-02-29";
  EXPECT_EQ(ErrorFor(rules), "");
}

TEST(RulesFromJson, RejectsDatesThatDoNotIncrease) {
  json rules = MinimalRules();
  rules["jp_wage_cap"][3]["from"] = "2016-03-01";
  EXPECT_EQ(ErrorFor(rules), "rules: jp_wage_cap[3].from: dates must increase");
  rules["jp_wage_cap"][3]["from"] = "2017-03-01";  // equal is not an increase
  EXPECT_EQ(ErrorFor(rules), "rules: jp_wage_cap[3].from: dates must increase");
}

TEST(RulesFromJson, RejectsYearsThatDoNotIncrease) {
  json rules = MinimalRules();
  rules["jht_return"][1]["year"] = 2016;
  EXPECT_EQ(ErrorFor(rules), "rules: jht_return[1].year: years must increase");
  rules["jht_return"][1]["year"] = 2016.5;
  EXPECT_EQ(ErrorFor(rules), "rules: jht_return[1].year: must be a whole number");
}

TEST(RulesFromJson, RejectsBasisPointsOutOfRange) {
  for (json bad : {json(-1), json(10001), json(std::numeric_limits<std::uint64_t>::max())}) {
    json rules = MinimalRules();
    rules["jht"][0]["worker_bp"] = bad;
    EXPECT_EQ(ErrorFor(rules), "rules: jht[0].worker_bp: must be 0 to 10000 basis points")
        << bad.dump();
  }
  json rules = MinimalRules();
  rules["jkm"][0]["bp"] = 10000;
  EXPECT_EQ(ErrorFor(rules), "");
  rules["jkm"][0]["bp"] = 0.3;
  EXPECT_EQ(ErrorFor(rules), "rules: jkm[0].bp: must be a whole number");
  rules["jkm"][0]["bp"] = "30";
  EXPECT_EQ(ErrorFor(rules), "rules: jkm[0].bp: must be a whole number");
  rules["jkm"][0]["bp"] = true;
  EXPECT_EQ(ErrorFor(rules), "rules: jkm[0].bp: must be a whole number");
}

TEST(RulesFromJson, RejectsAmountsThatAreNotWholeRupiah) {
  json rules = MinimalRules();
  rules["jp_wage_cap"][1]["amount"] = 7335300.5;
  EXPECT_EQ(ErrorFor(rules), "rules: jp_wage_cap[1].amount: must be a whole number");
  rules["jp_wage_cap"][1]["amount"] = 7335300.0;  // a float in JSON even though it is whole
  EXPECT_EQ(ErrorFor(rules), "rules: jp_wage_cap[1].amount: must be a whole number");
  rules["jp_wage_cap"][1]["amount"] = "7335300";
  EXPECT_EQ(ErrorFor(rules), "rules: jp_wage_cap[1].amount: must be a whole number");
  rules["jp_wage_cap"][1]["amount"] = -1;
  EXPECT_THAT(ErrorFor(rules), StartsWith("rules: jp_wage_cap[1].amount: must be 0 or more"));
  rules["jp_wage_cap"][1]["amount"] = std::numeric_limits<std::uint64_t>::max();
  EXPECT_THAT(ErrorFor(rules), StartsWith("rules: jp_wage_cap[1].amount: must be 0 or more"));
  rules = MinimalRules();
  rules["jkp"][0]["wage_cap"] = 5e6;
  EXPECT_EQ(ErrorFor(rules), "rules: jkp[0].wage_cap: must be a whole number");
}

TEST(RulesFromJson, RejectsAJkkEntryMissingAClass) {
  for (const char* key : {"very_low_bp", "low_bp", "medium_bp", "high_bp", "very_high_bp"}) {
    json rules = MinimalRules();
    rules["jkk"][0].erase(key);
    EXPECT_EQ(ErrorFor(rules), std::string("rules: jkk[0].") + key + ": missing");
  }
}

TEST(RulesFromJson, RejectsJkpPartsThatDoNotAddUp) {
  json rules = MinimalRules();
  rules["jkp"][0]["government_bp"] = 23;
  EXPECT_EQ(ErrorFor(rules),
            "rules: jkp[0].total_bp: must equal government_bp + from_jkk_bp + from_jkm_bp");
}

TEST(RulesFromJson, RejectsBadAnnotations) {
  json rules = MinimalRules();
  rules["jkm"][0]["verified"] = "no";
  EXPECT_EQ(ErrorFor(rules), "rules: jkm[0].verified: must be true or false");
  rules = MinimalRules();
  rules["jkm"][0]["source"] = 44;
  EXPECT_EQ(ErrorFor(rules), "rules: jkm[0].source: must be a string");
  rules = MinimalRules();
  rules["note"] = 1;
  EXPECT_EQ(ErrorFor(rules), "rules: note: must be a string");
}

TEST(RulesFromJson, RejectsJpLimitsUpsideDown) {
  json rules = MinimalRules();
  rules["jp_benefit_limits"][0]["minimum_monthly"] = 4000000;
  EXPECT_EQ(ErrorFor(rules),
            "rules: jp_benefit_limits[0].maximum_monthly: must not be below minimum_monthly");
}

TEST(RulesFromJson, RejectsImplausiblePensionAges) {
  json rules = MinimalRules();
  rules["pension_age"][0]["age"] = 0;
  EXPECT_EQ(ErrorFor(rules), "rules: pension_age[0].age: must be 1 to 120");
}

TEST(RulesLoadFile, AnUnreadableFileIsARuleError) {
  try {
    RuleBook::LoadFile("/nonexistent/rules.json");
    FAIL();
  } catch (const RuleError& e) {
    EXPECT_THAT(e.what(), HasSubstr("cannot read /nonexistent/rules.json"));
  }
}

TEST(RulesLoadFile, ErrorsNameTheFile) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("lumbung-rules-test-" +
                     std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + ".json");
  json rules = MinimalRules();
  rules["jkm"][0]["bp"] = -5;
  {
    std::ofstream out(path);
    out << rules.dump();
  }
  try {
    RuleBook::LoadFile(path);
    ADD_FAILURE();
  } catch (const RuleError& e) {
    EXPECT_THAT(e.what(), StartsWith("rules: jkm[0].bp: must be 0 to 10000 basis points"));
    EXPECT_THAT(e.what(), HasSubstr(path.string()));
  }
  std::filesystem::remove(path);
}

TEST(RulesDefaultConstructed, HasNoMonths) {
  const RuleBook book;
  EXPECT_THROW(book.FirstMonth(), RuleError);
  EXPECT_THROW(book.ContributionRulesFor(year{2020} / 1), RuleError);
  EXPECT_EQ(book.JhtReturnBp(2016), std::nullopt);
}

// ApplyRate: amount x bp / 10000, half up, exact.
TEST(RulesApplyRate, HandWorkedExamples) {
  // 1,234,567 x 2% = 24,691.34 -> 24,691; x 3.7% = 45,678.979 -> 45,679.
  EXPECT_EQ(ApplyRate(1234567, 200), 24691);
  EXPECT_EQ(ApplyRate(1234567, 370), 45679);
  // x 0.30% = 3,703.701 -> 3,704; x 0.46% = 5,679.0082 -> 5,679.
  EXPECT_EQ(ApplyRate(1234567, 30), 3704);
  EXPECT_EQ(ApplyRate(1234567, 46), 5679);
  EXPECT_EQ(ApplyRate(5000000, 570), 285000);
  EXPECT_EQ(ApplyRate(0, 570), 0);
  EXPECT_EQ(ApplyRate(1234567, 0), 0);
  EXPECT_EQ(ApplyRate(1234567, 10000), 1234567);
}

TEST(RulesApplyRate, RoundsHalfUp) {
  EXPECT_EQ(ApplyRate(4999, 1), 0);   // 0.4999
  EXPECT_EQ(ApplyRate(5000, 1), 1);   // 0.5
  EXPECT_EQ(ApplyRate(15000, 1), 2);  // 1.5
  EXPECT_EQ(ApplyRate(25000, 1), 3);  // 2.5: half up, not to even
  EXPECT_EQ(ApplyRate(25, 200), 1);   // 0.5
  EXPECT_EQ(ApplyRate(24, 200), 0);   // 0.48
  EXPECT_EQ(ApplyRate(75, 200), 2);   // 1.5
  EXPECT_EQ(ApplyRate(14999, 1), 1);  // 1.4999
}

TEST(RulesApplyRate, NegativeAmountsRoundSymmetrically) {
  EXPECT_EQ(ApplyRate(-5000, 1), -1);
  EXPECT_EQ(ApplyRate(-4999, 1), 0);
  EXPECT_EQ(ApplyRate(-1234567, 370), -45679);
  EXPECT_EQ(ApplyRate(1234567, -370), -45679);
  EXPECT_EQ(ApplyRate(-1234567, -370), 45679);
}

TEST(RulesApplyRate, ExactForLargeWages) {
  // 10^12 x 174 bp = 17,400,000,000 exactly; with an odd tail the half still counts.
  EXPECT_EQ(ApplyRate(1'000'000'000'000, 174), 17'400'000'000);
  EXPECT_EQ(ApplyRate(1'000'000'000'000, 10000), 1'000'000'000'000);
  EXPECT_EQ(ApplyRate(999'999'999'999, 1), 100'000'000);    // 99,999,999.9999
  EXPECT_EQ(ApplyRate(1'000'000'005'000, 1), 100'000'001);  // 100,000,000.5
  // Beyond doubles' 2^53, where a floating-point version would lose the last rupiah.
  EXPECT_EQ(ApplyRate(9'007'199'254'740'993, 10000), 9'007'199'254'740'993);
  EXPECT_EQ(ApplyRate(std::numeric_limits<Rupiah>::max(), 10000),
            std::numeric_limits<Rupiah>::max());
  EXPECT_EQ(ApplyRate(std::numeric_limits<Rupiah>::min(), 1), -922'337'203'685'478);  // .5808
}

TEST(RulesApplyRate, ThrowsWhenTheResultCannotFit) {
  EXPECT_THROW(ApplyRate(std::numeric_limits<Rupiah>::max(), 10001), std::overflow_error);
  EXPECT_EQ(ApplyRate(std::numeric_limits<Rupiah>::min(), 10000),
            std::numeric_limits<Rupiah>::min());  // -2^63 still fits
  EXPECT_THROW(ApplyRate(std::numeric_limits<Rupiah>::min(), 10001), std::overflow_error);
  EXPECT_THROW(ApplyRate(std::numeric_limits<Rupiah>::min(), -10000), std::overflow_error);
  EXPECT_THROW(ApplyRate(std::numeric_limits<Rupiah>::max(), std::numeric_limits<int>::max()),
               std::overflow_error);
}

TEST(RulesDefaultFile, JhtWithdrawalRules) {
  const RuleBook book = RuleBook::LoadFile(DefaultRulesPath());
  EXPECT_EQ(book.JhtWithdrawalRulesOn(year{2015} / 6 / 30), std::nullopt);
  const auto r = book.JhtWithdrawalRulesOn(year{2026} / 11 / 28);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->full_at_age, 56);
  EXPECT_EQ(r->waiting_months, 1);
  EXPECT_EQ(r->partial_min_years, 10);
  EXPECT_EQ(r->partial_retirement_bp, 1000);
  EXPECT_EQ(r->partial_housing_bp, 3000);
  EXPECT_FALSE(r->partial_only_one);
  EXPECT_TRUE(r->verified);
}

TEST(RulesDefaultFile, JkpBenefitFollowsTheDayOfDismissal) {
  const RuleBook book = RuleBook::LoadFile(DefaultRulesPath());
  EXPECT_EQ(book.JkpBenefitOn(year{2021} / 2 / 1), std::nullopt);
  const auto first = book.JkpBenefitOn(year{2021} / 2 / 2);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->regulation, "PP 37/2021");
  const auto old_rule = book.JkpBenefitOn(year{2025} / 2 / 6);
  ASSERT_TRUE(old_rule.has_value());
  EXPECT_EQ(old_rule->regulation, "PP 37/2021");
  EXPECT_EQ(old_rule->schedule, (std::vector<BenefitStep>{{3, 4500}, {3, 2500}}));
  const auto new_rule = book.JkpBenefitOn(year{2025} / 2 / 7);
  ASSERT_TRUE(new_rule.has_value());
  EXPECT_EQ(new_rule->regulation, "PP 6/2025");
  EXPECT_EQ(new_rule->schedule, (std::vector<BenefitStep>{{6, 6000}}));
  for (const auto& b : {*old_rule, *new_rule}) {
    EXPECT_EQ(b.wage_cap, 5'000'000);
    EXPECT_EQ(b.qualifying_months, 12);
    EXPECT_EQ(b.qualifying_window_months, 24);
    EXPECT_EQ(b.consecutive_months, 6);
  }
}

TEST(RulesDefaultFile, JkkBenefitFollowsTheDayOfTheAccident) {
  const RuleBook book = RuleBook::LoadFile(DefaultRulesPath());
  const auto old_rule = book.JkkBenefitOn(year{2019} / 12 / 1);
  ASSERT_TRUE(old_rule.has_value());
  EXPECT_EQ(old_rule->regulation, "PP 44/2015");
  EXPECT_EQ(old_rule->death_wage_multiple, 48);
  EXPECT_EQ(old_rule->death_funeral, 3'000'000);
  EXPECT_EQ(old_rule->death_periodic_total, 24 * 200'000);
  EXPECT_FALSE(old_rule->death_periodic_at_once);
  EXPECT_FALSE(old_rule->verified) << "its incapacity steps have no primary source";
  const auto new_rule = book.JkkBenefitOn(year{2019} / 12 / 2);
  ASSERT_TRUE(new_rule.has_value());
  EXPECT_EQ(new_rule->regulation, "PP 82/2019");
  EXPECT_EQ(new_rule->death_wage_multiple, 48);
  EXPECT_EQ(new_rule->death_funeral, 10'000'000);
  EXPECT_EQ(new_rule->death_periodic_total, 12'000'000);
  EXPECT_TRUE(new_rule->death_periodic_at_once);
  EXPECT_EQ(new_rule->incapacity_steps, (std::vector<BenefitStep>{{12, 10000}, {0, 5000}}));
  EXPECT_EQ(new_rule->daily_wage_days, 30);
  EXPECT_TRUE(new_rule->verified);
}

TEST(RulesFromJson, ClaimRulesAreOptional) {
  const RuleBook book = RuleBook::FromJson(MinimalRules().dump());
  EXPECT_EQ(book.JhtWithdrawalRulesOn(year{2030} / 1 / 1), std::nullopt);
  EXPECT_EQ(book.JkpBenefitOn(year{2030} / 1 / 1), std::nullopt);
  EXPECT_EQ(book.JkkBenefitOn(year{2030} / 1 / 1), std::nullopt);
}

json WithClaimRules() {
  json rules = MinimalRules();
  rules["jht_withdrawal"] = json::parse(R"([{"from": "2015-07-01", "full_at_age": 0,
      "waiting_months": 1, "partial_min_years": 10, "partial_retirement_bp": 1000,
      "partial_housing_bp": 3000, "partial_only_one": true}])");
  rules["jkp_benefit"] = json::parse(R"([{"from": "2025-02-07", "regulation": "PP 6/2025",
      "schedule": [{"months": 6, "bp": 6000}], "wage_cap": 5000000, "qualifying_months": 12,
      "qualifying_window_months": 24, "consecutive_months": 6}])");
  rules["jkk_benefit"] = json::parse(R"([{"from": "2019-12-02", "regulation": "PP 82/2019",
      "death_wage_multiple": 48, "death_funeral": 10000000, "death_periodic_total": 12000000,
      "death_periodic_months": 24, "death_periodic_at_once": true,
      "incapacity_steps": [{"months": 12, "bp": 10000}, {"months": 0, "bp": 5000}],
      "daily_wage_days": 30, "verified": false}])");
  return rules;
}

TEST(RulesFromJson, ClaimRulesLoad) {
  const RuleBook book = RuleBook::FromJson(WithClaimRules().dump());
  EXPECT_EQ(book.JhtWithdrawalRulesOn(year{2030} / 1 / 1)->full_at_age, 0);
  EXPECT_TRUE(book.JhtWithdrawalRulesOn(year{2030} / 1 / 1)->partial_only_one);
  EXPECT_EQ(book.JkpBenefitOn(year{2025} / 2 / 6), std::nullopt);
  EXPECT_EQ(book.JkpBenefitOn(year{2025} / 2 / 7)->schedule.size(), 1u);
  EXPECT_FALSE(book.JkkBenefitOn(year{2020} / 1 / 1)->verified);
}

TEST(RulesFromJson, RejectsBadClaimRules) {
  {
    json rules = WithClaimRules();
    rules["jht_withdrawal"][0]["partial_housing_bp"] = 10001;
    EXPECT_THAT(ErrorFor(rules), HasSubstr("rules: jht_withdrawal[0].partial_housing_bp:"));
  }
  {
    json rules = WithClaimRules();
    rules["jht_withdrawal"][0]["partial_only_one"] = 1;
    EXPECT_EQ(ErrorFor(rules), "rules: jht_withdrawal[0].partial_only_one: must be true or false");
  }
  {
    json rules = WithClaimRules();
    rules["jht_withdrawal"][0].erase("waiting_months");
    EXPECT_EQ(ErrorFor(rules), "rules: jht_withdrawal[0].waiting_months: missing");
  }
  {
    json rules = WithClaimRules();
    rules["jkp_benefit"][0]["schedule"] = json::array();
    EXPECT_EQ(ErrorFor(rules), "rules: jkp_benefit[0].schedule: must be a non-empty list");
  }
  {
    json rules = WithClaimRules();
    rules["jkp_benefit"][0]["schedule"][0]["months"] = 0;
    EXPECT_EQ(ErrorFor(rules), "rules: jkp_benefit[0].schedule[0].months: must be 1 to 600");
  }
  {
    json rules = WithClaimRules();
    rules["jkp_benefit"][0]["schedule"][0]["extra"] = 1;
    EXPECT_EQ(ErrorFor(rules), "rules: jkp_benefit[0].schedule[0].extra: unknown key");
  }
  {
    json rules = WithClaimRules();
    rules["jkp_benefit"][0]["qualifying_months"] = 25;
    EXPECT_THAT(ErrorFor(rules), HasSubstr("rules: jkp_benefit[0].qualifying_months:"));
  }
  {
    json rules = WithClaimRules();
    rules["jkp_benefit"][0]["regulation"] = "";
    EXPECT_EQ(ErrorFor(rules), "rules: jkp_benefit[0].regulation: must be a non-empty string");
  }
  {
    json rules = WithClaimRules();
    // Only the last incapacity step may run open-ended.
    rules["jkk_benefit"][0]["incapacity_steps"][0]["months"] = 0;
    EXPECT_EQ(ErrorFor(rules),
              "rules: jkk_benefit[0].incapacity_steps[0].months: must be 1 to 600");
  }
  {
    json rules = WithClaimRules();
    rules["jkk_benefit"][0]["daily_wage_days"] = 0;
    EXPECT_THAT(ErrorFor(rules), HasSubstr("rules: jkk_benefit[0].daily_wage_days:"));
  }
  {
    json rules = WithClaimRules();
    rules["jkk_benefit"].push_back(rules["jkk_benefit"][0]);
    EXPECT_EQ(ErrorFor(rules), "rules: jkk_benefit[1].from: dates must increase");
  }
}

}  // namespace
}  // namespace lumbung::registry
