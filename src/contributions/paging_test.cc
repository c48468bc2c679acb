#include "contributions/paging.h"

#include <gtest/gtest.h>

namespace lumbung::contributions {
namespace {

TEST(Paging, FortyYearsAtOneEmployerAreTwentyPages) {
  // 40 x 12 = 480 rows, 24 a page: exactly 20 pages; page 2 skips the newest 24 rows.
  const PageSlice slice = SliceFor(480, 2);
  EXPECT_EQ(slice.pages, 20);
  EXPECT_EQ(slice.page, 2);
  EXPECT_EQ(slice.offset, 24);
  EXPECT_EQ(slice.limit, 24);
  EXPECT_EQ(SliceFor(480, 20).offset, 456);
}

TEST(Paging, APartPageAtTheEndCounts) {
  EXPECT_EQ(SliceFor(25, 1).pages, 2);
  EXPECT_EQ(SliceFor(24, 1).pages, 1);
  EXPECT_EQ(SliceFor(1, 1).pages, 1);
}

TEST(Paging, NoRowsIsStillOnePage) {
  const PageSlice slice = SliceFor(0, 1);
  EXPECT_EQ(slice.pages, 1);
  EXPECT_EQ(slice.page, 1);
  EXPECT_EQ(slice.offset, 0);
}

TEST(Paging, APageThatDoesNotExistFallsBackToTheFirst) {
  EXPECT_EQ(SliceFor(480, 21).page, 1);
  EXPECT_EQ(SliceFor(480, 0).page, 1);  // absent or malformed
  EXPECT_EQ(SliceFor(480, -3).page, 1);
  EXPECT_EQ(SliceFor(480, 21).offset, 0);
}

TEST(Paging, FewPagesAreAllLinked) {
  EXPECT_EQ(PageLinks(1, 1), (std::vector<int>{1}));
  EXPECT_EQ(PageLinks(2, 5), (std::vector<int>{1, 2, 3, 4, 5}));
  EXPECT_EQ(PageLinks(4, 7), (std::vector<int>{1, 2, 3, 4, 5, 6, 7}));
}

TEST(Paging, ManyPagesKeepTheEndsAndTheNeighboursWithGaps) {
  EXPECT_EQ(PageLinks(1, 20), (std::vector<int>{1, 2, 3, 0, 20}));
  EXPECT_EQ(PageLinks(10, 20), (std::vector<int>{1, 0, 8, 9, 10, 11, 12, 0, 20}));
  EXPECT_EQ(PageLinks(20, 20), (std::vector<int>{1, 0, 18, 19, 20}));
  // A gap of a single page shows that page instead.
  EXPECT_EQ(PageLinks(5, 20), (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 0, 20}));
  EXPECT_EQ(PageLinks(16, 20), (std::vector<int>{1, 0, 14, 15, 16, 17, 18, 19, 20}));
}

}  // namespace
}  // namespace lumbung::contributions
