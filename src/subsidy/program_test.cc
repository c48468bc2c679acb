#include "subsidy/program.h"

#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace lumbung::subsidy {
namespace {

using std::chrono::year;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const ProgramBook& Shipped() {
  static const ProgramBook book = ProgramBook::LoadFile(
      std::filesystem::path(LUMBUNG_TEST_SHARE_DIR) / "config" / "subsidy_programs.json");
  return book;
}

// A valid one-programme file, changed by each validation test in one place.
std::string File(const std::string& program_override = "") {
  std::string program = R"({"year": 2030, "name_id": "BSU 2030", "name_en": "Subsidy 2030",
    "amount_per_month": 500000, "months": 2, "transfers": [{"amount": 1000000}],
    "cutoff": "2030-03-31", "wage_ceiling": 4000000, "wage_compare": "at_most",
    "minimum_wage_replaces_ceiling": true, "minimum_wage_round_up_to": 100000,
    "exclusions": ["pkh"], "citizens_only": true, "wage_earners_only": true,
    "bank_account_required": true, "niks_per_bank_account": 1, "areas": [],
    "stage_style": "y2025")";
  program += program_override + "}";
  return R"({"schema": 1, "programs": [)" + program + "]}";
}

std::string ErrorOf(const std::string& text) {
  try {
    ProgramBook::FromJson(text);
  } catch (const DataError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(SubsidyProgram, ShipsTheYearsOfTheDomainFactsAndNone2023) {
  std::vector<int> years;
  for (const Program& p : Shipped().All()) years.push_back(p.year);
  EXPECT_THAT(years, ElementsAre(2020, 2021, 2022, 2025));
  EXPECT_EQ(Shipped().ForYear(2023), nullptr);
  EXPECT_EQ(Shipped().ForYear(2024), nullptr);
}

// The figures written out here from the domain facts, independently of the data file.
TEST(SubsidyProgram, Year2020) {
  const Program& p = *Shipped().ForYear(2020);
  EXPECT_EQ(p.amount_per_month, 600'000);
  EXPECT_EQ(p.months, 4);
  EXPECT_THAT(p.transfers, ElementsAre(1'200'000, 1'200'000));
  EXPECT_EQ(p.Total(), 2'400'000);
  EXPECT_EQ(p.cutoff, year{2020} / 6 / 30);
  EXPECT_EQ(p.wage_ceiling, 5'000'000);
  EXPECT_EQ(p.wage_compare, WageCompare::kUnder) << "under Rp 5,000,000";
  EXPECT_FALSE(p.minimum_wage_replaces_ceiling);
  EXPECT_THAT(p.exclusions, ElementsAre("civil_servant", "state_enterprise_staff"));
  EXPECT_TRUE(p.citizens_only);
  EXPECT_TRUE(p.bank_account_required);
  EXPECT_EQ(p.niks_per_bank_account, 1) << "no account shared with another NIK";
  EXPECT_TRUE(p.areas.empty());
  EXPECT_FALSE(p.verified);
  EXPECT_FALSE(p.IsVerified("cutoff")) << "the facts give June 2020, not a day";
  EXPECT_TRUE(p.IsVerified("wage_ceiling"));
}

TEST(SubsidyProgram, Year2021) {
  const Program& p = *Shipped().ForYear(2021);
  EXPECT_EQ(p.Total(), 1'000'000);
  EXPECT_EQ(p.cutoff, year{2021} / 6 / 30);
  EXPECT_EQ(p.wage_ceiling, 3'500'000);
  EXPECT_EQ(p.wage_compare, WageCompare::kAtMost);
  EXPECT_TRUE(p.minimum_wage_replaces_ceiling);
  EXPECT_EQ(p.minimum_wage_round_up_to, 100'000);
  EXPECT_TRUE(p.IsVerified("minimum_wage_round_up_to")) << "stated for 2021";
  EXPECT_TRUE(p.wage_earners_only);
  EXPECT_TRUE(p.exclusions.empty());
  EXPECT_FALSE(p.areas.empty()) << "PPKM level 3/4 areas";
  EXPECT_FALSE(p.IsVerified("areas")) << "the facts do not list the areas";
  EXPECT_TRUE(p.Covers({31, 0}));
  EXPECT_TRUE(p.Covers({32, 75})) << "a province-wide entry covers its cities";
  EXPECT_TRUE(p.Covers({12, 75})) << "Medan";
  EXPECT_FALSE(p.Covers({12, 1})) << "elsewhere in Sumatera Utara";
  EXPECT_FALSE(p.Covers({12, 0})) << "regency unknown: only a province-wide entry can say";
}

TEST(SubsidyProgram, Year2022) {
  const Program& p = *Shipped().ForYear(2022);
  EXPECT_EQ(p.Total(), 600'000);
  EXPECT_THAT(p.transfers, ElementsAre(600'000));
  EXPECT_EQ(p.cutoff, year{2022} / 7 / 31);
  EXPECT_EQ(p.wage_ceiling, 3'500'000);
  EXPECT_EQ(p.wage_compare, WageCompare::kAtMost);
  EXPECT_TRUE(p.minimum_wage_replaces_ceiling);
  EXPECT_THAT(p.exclusions, ElementsAre("civil_servant", "kartu_prakerja", "pkh", "bpum"));
  EXPECT_EQ(p.stage_style, StageStyle::kY2022);
}

TEST(SubsidyProgram, Year2025) {
  const Program& p = *Shipped().ForYear(2025);
  EXPECT_EQ(p.amount_per_month, 300'000);
  EXPECT_EQ(p.months, 2);
  EXPECT_THAT(p.transfers, ElementsAre(600'000)) << "paid at once";
  EXPECT_EQ(p.cutoff, year{2025} / 4 / 30);
  EXPECT_TRUE(p.IsVerified("cutoff"));
  EXPECT_EQ(p.wage_ceiling, 3'500'000);
  EXPECT_TRUE(p.wage_earners_only);
  EXPECT_THAT(p.exclusions, ElementsAre("civil_servant", "pkh"));
  EXPECT_FALSE(p.bank_account_required) << "the post office pays those without an account";
  EXPECT_EQ(p.stage_style, StageStyle::kY2025);
}

TEST(SubsidyProgram, ANewYearIsData) {
  const ProgramBook book = ProgramBook::FromJson(File());
  ASSERT_NE(book.ForYear(2030), nullptr);
  EXPECT_EQ(book.ForYear(2030)->Total(), 1'000'000);
  EXPECT_TRUE(book.ForYear(2030)->verified);
}

TEST(SubsidyProgram, ValidationNamesTheKey) {
  EXPECT_THAT(ErrorOf(File(R"(, "colour": "red")")),
              HasSubstr("subsidy_programs: programs[0].colour: unknown key"));
  EXPECT_THAT(ErrorOf(R"({"schema": 2, "programs": []})"), HasSubstr("schema: must be 1"));
  EXPECT_THAT(ErrorOf(R"({"schema": 1, "programs": []})"),
              HasSubstr("programs: must not be empty"));
  EXPECT_THAT(ErrorOf(R"({"schema": 1, "programs": [}")"), HasSubstr("not valid JSON"));
  EXPECT_THAT(ErrorOf(R"({"schema": 1, "extra": 1, "programs": []})"),
              HasSubstr("subsidy_programs: extra: unknown key"));

  std::string text = File();
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string t = text;
    const auto at = t.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return t.replace(at, from.size(), to);
  };
  EXPECT_THAT(ErrorOf(replaced(R"("amount": 1000000)", R"("amount": 900000)")),
              HasSubstr("programs[0].transfers: must add up to amount_per_month x months"));
  EXPECT_THAT(ErrorOf(replaced(R"("amount": 1000000)", R"("amount": 1000000.0)")),
              HasSubstr("programs[0].transfers[0].amount: must be a whole number"));
  EXPECT_THAT(ErrorOf(replaced(R"("2030-03-31")", R"("2030-02-30")")),
              HasSubstr("programs[0].cutoff: must be a date written YYYY-MM-DD"));
  EXPECT_THAT(ErrorOf(replaced(R"("2030-03-31")", R"("2031-01-31")")),
              HasSubstr("programs[0].cutoff: must not be after the programme's year"));
  EXPECT_THAT(ErrorOf(replaced(R"("wage_ceiling": 4000000)", R"("wage_ceiling": 0)")),
              HasSubstr("programs[0].wage_ceiling: must be 1 to 10^15 rupiah"));
  EXPECT_THAT(ErrorOf(replaced(R"("niks_per_bank_account": 1)", R"("niks_per_bank_account": 0)")),
              HasSubstr("programs[0].niks_per_bank_account: must be 1 to 1000"));
  EXPECT_THAT(ErrorOf(replaced(R"("niks_per_bank_account": 1, )", "")),
              HasSubstr("programs[0].niks_per_bank_account"));
  EXPECT_THAT(ErrorOf(replaced(R"("at_most")", R"("<=")")),
              HasSubstr("programs[0].wage_compare: must be \"at_most\" or \"under\""));
  EXPECT_THAT(ErrorOf(replaced(R"("minimum_wage_replaces_ceiling": true)",
                               R"("minimum_wage_replaces_ceiling": false)")),
              HasSubstr("programs[0].minimum_wage_round_up_to: must be 0"));
  EXPECT_THAT(ErrorOf(replaced(R"(["pkh"])", R"(["pkh", "pkh"])")),
              HasSubstr("programs[0].exclusions[1]: named twice"));
  EXPECT_THAT(ErrorOf(replaced(R"(["pkh"])", R"(["Kartu Prakerja"])")),
              HasSubstr("programs[0].exclusions[0]: must be a list name"));
  EXPECT_THAT(ErrorOf(replaced(R"("areas": [])", R"("areas": ["3200"])")),
              HasSubstr("programs[0].areas[0]: must be a province code"));
  EXPECT_THAT(ErrorOf(replaced(R"("areas": [])", R"("areas": ["10"])")),
              HasSubstr("programs[0].areas[0]: must be a province code"))
      << "not a province";
  EXPECT_THAT(ErrorOf(replaced(R"("y2025")", R"("y2030")")),
              HasSubstr("programs[0].stage_style: must be \"y2022\" or \"y2025\""));
  EXPECT_THAT(ErrorOf(replaced(R"("months": 2)", R"("months": 0)")),
              HasSubstr("programs[0].months: must be 1 to 24"));
  EXPECT_THAT(ErrorOf(replaced(R"("citizens_only": true)", R"("citizens_only": "yes")")),
              HasSubstr("programs[0].citizens_only: must be true or false"));
  EXPECT_THAT(ErrorOf(replaced(R"("citizens_only": true, )", "")),
              HasSubstr("programs[0].citizens_only: missing"));
}

TEST(SubsidyProgram, VerifiedAndUnverifiedMustAgree) {
  EXPECT_THAT(ErrorOf(File(R"(, "verified": false)")),
              HasSubstr("programs[0].unverified: must name the fields when verified is false"));
  EXPECT_THAT(ErrorOf(File(R"(, "unverified": ["cutoff"])")),
              HasSubstr("programs[0].verified: must be false when fields are named unverified"));
  EXPECT_THAT(ErrorOf(File(R"(, "verified": false, "unverified": ["cutof"])")),
              HasSubstr("programs[0].unverified[0]: must name a field of the programme"));
  const ProgramBook book =
      ProgramBook::FromJson(File(R"(, "verified": false, "unverified": ["cutoff"])"));
  EXPECT_FALSE(book.ForYear(2030)->IsVerified("cutoff"));
  EXPECT_TRUE(book.ForYear(2030)->IsVerified("wage_ceiling"));
}

TEST(SubsidyProgram, YearsMustIncrease) {
  std::string one = File();
  const std::string program = one.substr(one.find('[') + 1, one.rfind(']') - one.find('[') - 1);
  EXPECT_THAT(ErrorOf(R"({"schema": 1, "programs": [)" + program + "," + program + "]}"),
              HasSubstr("programs[1].year: years must increase"));
}

TEST(SubsidyProgram, UnreadableFileNamesThePath) {
  try {
    ProgramBook::LoadFile("/nonexistent/subsidy_programs.json");
    FAIL() << "no error";
  } catch (const DataError& e) {
    EXPECT_THAT(e.what(), HasSubstr("cannot read /nonexistent/subsidy_programs.json"));
  }
}

TEST(SubsidyProgram, Areas) {
  EXPECT_EQ(ParseArea("31"), (Area{31, 0}));
  EXPECT_EQ(ParseArea("3275"), (Area{32, 75}));
  EXPECT_FALSE(ParseArea("3200"));
  EXPECT_FALSE(ParseArea("00"));
  EXPECT_FALSE(ParseArea("327"));
  EXPECT_FALSE(ParseArea("3a"));
  EXPECT_EQ(AreaCode({32, 75}), "3275");
  EXPECT_EQ(AreaCode({31, 0}), "31");
  EXPECT_EQ(AreaCode({32, 5}), "3205");
}

}  // namespace
}  // namespace lumbung::subsidy
