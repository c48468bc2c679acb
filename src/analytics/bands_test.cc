#include "analytics/bands.h"

#include <gtest/gtest.h>

namespace lumbung::analytics {
namespace {

using namespace std::chrono;

TEST(Bands, BandOfFindsTheBandHoldingAValue) {
  const std::int64_t edges[] = {0, 100, 200};
  EXPECT_EQ(BandOf(edges, 0), 0);
  EXPECT_EQ(BandOf(edges, 99), 0);
  EXPECT_EQ(BandOf(edges, 100), 1);
  EXPECT_EQ(BandOf(edges, 5000), 2);
  EXPECT_EQ(BandOf(edges, -5), 0);
}

TEST(Bands, TheSqlCaseAgreesWithBandOf) {
  const std::int64_t edges[] = {0, 100, 200};
  EXPECT_EQ(BandCaseSql(edges, "w"), "CASE WHEN w < 100 THEN 0 WHEN w < 200 THEN 1 ELSE 2 END");
}

TEST(Bands, WageBandsAreFineUpToTenMillion) {
  const auto edges = WageBands();
  EXPECT_EQ(edges[0], 0);
  EXPECT_EQ(edges[1], 250'000);
  EXPECT_EQ(BandOf(edges, 3'100'000), 12);
  EXPECT_EQ(edges[static_cast<std::size_t>(BandOf(edges, 10'000'000))], 10'000'000);
  EXPECT_EQ(edges.back(), 100'000'000);
}

TEST(Bands, MedianFromBandsInterpolatesInsideTheMiddleBand) {
  const std::int64_t edges[] = {0, 100, 200, 300};
  // 10 people: 2 in [0,100), 6 in [100,200), 2 in [200,300): the 5th is 3 of 6 into band 1.
  const std::int64_t counts[] = {2, 6, 2, 0};
  const auto m = MedianFromBands(edges, counts);
  ASSERT_TRUE(m);
  EXPECT_DOUBLE_EQ(m->value, 150.0);
  EXPECT_FALSE(m->at_least);
}

TEST(Bands, MedianFromBandsIsCloseToTheTrueMedianOfWages) {
  // Wages 2.0M, 2.1M, ..., 4.0M (21 people): the true median is 3.0M.
  std::vector<std::int64_t> counts(WageBands().size(), 0);
  for (std::int64_t w = 2'000'000; w <= 4'000'000; w += 100'000)
    ++counts[static_cast<std::size_t>(BandOf(WageBands(), w))];
  const auto m = MedianFromBands(WageBands(), counts);
  ASSERT_TRUE(m);
  EXPECT_NEAR(m->value, 3'000'000.0, 125'000.0);
}

TEST(Bands, MedianInTheOpenBandIsItsLowerEdge) {
  const std::int64_t edges[] = {0, 100};
  const std::int64_t counts[] = {1, 5};
  const auto m = MedianFromBands(edges, counts);
  ASSERT_TRUE(m);
  EXPECT_DOUBLE_EQ(m->value, 100.0);
  EXPECT_TRUE(m->at_least);
}

TEST(Bands, NoMedianOfNobody) {
  const std::int64_t edges[] = {0, 100};
  const std::int64_t counts[] = {0, 0};
  EXPECT_FALSE(MedianFromBands(edges, counts));
}

TEST(Bands, AgeOnCountsCompletedYears) {
  EXPECT_EQ(AgeOn(1990y / 6 / 15, 2025y / 6 / 14), 34);
  EXPECT_EQ(AgeOn(1990y / 6 / 15, 2025y / 6 / 15), 35);
  // 29 February: the birthday is 1 March in other years.
  EXPECT_EQ(AgeOn(2004y / 2 / 29, 2023y / 2 / 28), 18);
  EXPECT_EQ(AgeOn(2004y / 2 / 29, 2023y / 3 / 1), 19);
  EXPECT_EQ(AgeOn(2004y / 2 / 29, 2024y / 2 / 29), 20);
}

TEST(Bands, AgeCutoffsAgreeWithAgeOn) {
  const auto edges = AgeBands();
  for (const year_month_day day : {2025y / 6 / 15, 2024y / 2 / 29, 2023y / 2 / 28, 2023y / 3 / 1}) {
    const auto cutoffs = AgeCutoffs(day);
    ASSERT_EQ(cutoffs.size(), edges.size() - 1);
    // Every birth day of two leap-year spans around each edge lands in the band of its age.
    for (std::size_t i = 0; i < cutoffs.size(); ++i) {
      const auto edge_birth = sys_days(day) - days(366 * static_cast<int>(edges[i + 1]) / 1);
      for (int shift = -800; shift <= 800; shift += 1) {
        const year_month_day birth{edge_birth + days(shift)};
        // The band the SQL gives: the first cutoff the birth day is after.
        std::size_t band = cutoffs.size();
        for (std::size_t c = 0; c < cutoffs.size(); ++c) {
          if (IsoDay(birth) > cutoffs[c]) {
            band = c;
            break;
          }
        }
        EXPECT_EQ(static_cast<int>(band), BandOf(edges, AgeOn(birth, day)))
            << IsoDay(birth) << " on " << IsoDay(day);
      }
    }
  }
}

}  // namespace
}  // namespace lumbung::analytics
