#include "site/program_rates.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace lumbung::site {
namespace {

using namespace std::chrono;

TEST(ProgramRates, PercentagesUseTheLanguagesDecimalMark) {
  EXPECT_EQ(FormatPercent(200, "id"), "2%");
  EXPECT_EQ(FormatPercent(370, "id"), "3,7%");
  EXPECT_EQ(FormatPercent(370, "en"), "3.7%");
  EXPECT_EQ(FormatPercent(24, "id"), "0,24%");
  EXPECT_EQ(FormatPercent(174, "en"), "1.74%");
}

TEST(ProgramRates, QuotesTheRulesInForceOnTheDay) {
  const char* share = std::getenv("LUMBUNG_SHARE_DIR");
  ASSERT_NE(share, nullptr);
  auto rules = registry::RuleBook::LoadFile(std::filesystem::path(share) / "config/rules.json");
  auto catalogs = i18n::Catalogs::FromMaps(
      {{"id", {{"date.months.2", "Februari"}, {"date.months.3", "Maret"}}},
       {"en", {{"date.months.2", "February"}, {"date.months.3", "March"}}}});
  auto feb = ProgramRates(rules, year(2024) / 2 / 29, "id", catalogs);
  auto mar = ProgramRates(rules, year(2024) / 3 / 1, "en", catalogs);
  EXPECT_EQ(feb["jht_worker"], "2%");
  EXPECT_EQ(feb["jht_employer"], "3,7%");
  EXPECT_EQ(feb["jkk_lowest"], "0,24%");
  EXPECT_EQ(feb["jkk_highest"], "1,74%");
  EXPECT_EQ(feb["jkm"], "0,3%");
  EXPECT_EQ(feb["jp_wage_cap"], "Rp 9.559.600");  // the 2023 cap until March 2024
  EXPECT_EQ(mar["jp_wage_cap"], "Rp 10,042,300");
  EXPECT_EQ(feb["as_of"], "29 Februari 2024");
  EXPECT_EQ(mar["as_of"], "1 March 2024");
}

}  // namespace
}  // namespace lumbung::site
