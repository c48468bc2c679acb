#include "analytics/suppression.h"

#include <gtest/gtest.h>

namespace lumbung::analytics {
namespace {

// A two-way table rows x columns from a grid of counts.
Cube Grid(const std::vector<std::vector<std::int64_t>>& grid) {
  Cube cube({static_cast<int>(grid.size()), static_cast<int>(grid[0].size())});
  for (std::size_t r = 0; r < grid.size(); ++r) {
    for (std::size_t c = 0; c < grid[r].size(); ++c) {
      cube.Add({static_cast<int>(r), static_cast<int>(c)}, grid[r][c]);
    }
  }
  return cube;
}

int HiddenIn(const Cube& cube, const std::vector<Hidden>& hidden, const std::vector<int>& line_at,
             std::size_t dim) {
  int n = 0;
  std::vector<int> index = line_at;
  for (int i = 0; i <= cube.sizes()[dim]; ++i) {
    index[dim] = i;
    n += hidden[cube.Offset(index)] != Hidden::kShown;
  }
  return n;
}

// No line of the table (the parts of a total and the total) has exactly one hidden cell, so
// none can be worked out by subtraction.
void ExpectNoLoneHiddenCell(const Cube& cube, const std::vector<Hidden>& hidden) {
  for (std::size_t o = 0; o < cube.cell_count(); ++o) {
    const auto index = cube.IndexOf(o);
    for (std::size_t d = 0; d < index.size(); ++d) {
      if (index[d] != cube.sizes()[d]) continue;
      EXPECT_NE(HiddenIn(cube, hidden, index, d), 1) << "line through offset " << o;
    }
  }
}

TEST(Suppression, TotalsAreKeptInStep) {
  const Cube cube = Grid({{20, 30}, {40, 5}});
  EXPECT_EQ(cube.Records({0, 2}), 50);
  EXPECT_EQ(cube.Records({2, 1}), 35);
  EXPECT_EQ(cube.Records({2, 2}), 95);
}

TEST(Suppression, GroupsOfTenOrMoreAndZerosAreShown) {
  const Cube cube = Grid({{10, 0}, {25, 11}});
  for (Hidden h : Suppress(cube)) EXPECT_EQ(h, Hidden::kShown);
}

TEST(Suppression, AGroupOfOneToNineIsHidden) {
  for (std::int64_t n = 1; n <= 9; ++n) {
    const Cube cube = Grid({{n, 50}, {60, 70}});
    const auto hidden = Suppress(cube);
    EXPECT_EQ(hidden[cube.Offset({0, 0})], Hidden::kSmallGroup) << n;
  }
}

// The row total minus the shown cell would give the hidden one away: a second cell of the row
// is hidden, and likewise in its column, and the cells they make lone in their lines.
TEST(Suppression, ComplementaryCellsStopRecoveryFromTotals) {
  const Cube cube = Grid({{3, 50, 40}, {60, 70, 80}, {20, 30, 25}});
  const auto hidden = Suppress(cube);
  EXPECT_EQ(hidden[cube.Offset({0, 0})], Hidden::kSmallGroup);
  // The smallest other part of row 0 (40) and of column 0 (20).
  EXPECT_EQ(hidden[cube.Offset({0, 2})], Hidden::kComplementary);
  EXPECT_EQ(hidden[cube.Offset({2, 0})], Hidden::kComplementary);
  ExpectNoLoneHiddenCell(cube, hidden);
  // Totals stay shown: two unknowns in every line.
  EXPECT_EQ(hidden[cube.Offset({3, 3})], Hidden::kShown);
  EXPECT_EQ(hidden[cube.Offset({0, 3})], Hidden::kShown);
}

TEST(Suppression, ALoneHiddenCellBesideZerosHidesItsTotal) {
  // Row 0: 4 and zeros: its total is 4 as well, hidden in its own right; column totals then
  // need a second hidden cell each.
  const Cube cube = Grid({{4, 0}, {30, 40}, {25, 35}});
  const auto hidden = Suppress(cube);
  EXPECT_NE(hidden[cube.Offset({0, 2})], Hidden::kShown);
  ExpectNoLoneHiddenCell(cube, hidden);
}

TEST(Suppression, SmallTotalsAreHidden) {
  const Cube cube = Grid({{0, 0}, {3, 4}});
  const auto hidden = Suppress(cube);
  EXPECT_EQ(hidden[cube.Offset({1, 2})], Hidden::kSmallGroup);  // 7
  EXPECT_EQ(hidden[cube.Offset({2, 2})], Hidden::kSmallGroup);
  ExpectNoLoneHiddenCell(cube, hidden);
}

TEST(Suppression, ThreeWayCubesHaveNoLoneHiddenCellInAnyLine) {
  Cube cube({4, 3, 5});
  int n = 0;
  for (int a = 0; a < 4; ++a) {
    for (int b = 0; b < 3; ++b) {
      for (int c = 0; c < 5; ++c) cube.Add({a, b, c}, (a * 7 + b * 13 + c * 29 + n++) % 40);
    }
  }
  const auto hidden = Suppress(cube);
  ExpectNoLoneHiddenCell(cube, hidden);
  for (std::size_t o = 0; o < cube.cell_count(); ++o) {
    const std::int64_t v = cube.records_at(o);
    if (v > 0 && v < kMinimumGroup) EXPECT_NE(hidden[o], Hidden::kShown);
  }
}

// Records that are not people: 12 claims of 3 people is a small group.
TEST(Suppression, FewPeopleWithManyRecordsAreHidden) {
  Cube cube({2, 1});
  cube.Add({0, 0}, 12, 3);
  cube.Add({1, 0}, 40, 35);
  const auto hidden = Suppress(cube);
  EXPECT_EQ(hidden[cube.Offset({0, 0})], Hidden::kSmallGroup);
  ExpectNoLoneHiddenCell(cube, hidden);
}

// A total of records whose parts are all hidden may hold fewer than ten people: hidden too.
TEST(Suppression, ATotalOfOnlyHiddenGroupsOfRecordsIsHidden) {
  Cube cube({2, 1});
  cube.Add({0, 0}, 6, 3);
  cube.Add({1, 0}, 6, 3);
  const auto hidden = Suppress(cube);
  EXPECT_NE(hidden[cube.Offset({2, 1})], Hidden::kShown);
}

TEST(Suppression, TheSameCubeHidesTheSameCells) {
  const Cube cube = Grid({{3, 50, 40}, {60, 7, 80}, {20, 30, 25}});
  EXPECT_EQ(Suppress(cube), Suppress(cube));
}

}  // namespace
}  // namespace lumbung::analytics
