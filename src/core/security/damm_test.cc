#include "core/security/damm.h"

#include <string>

#include <gtest/gtest.h>

namespace lumbung::security {
namespace {

// The worked example published with the algorithm: 572 -> interim 4, so 5724 is valid.
TEST(Damm, PublishedExample) {
  EXPECT_EQ(DammCheckDigit("572"), '4');
  EXPECT_TRUE(IsDammValid("5724"));
  EXPECT_FALSE(IsDammValid("5723"));
}

TEST(Damm, RefusesEmptyAndNonDigits) {
  EXPECT_EQ(DammCheckDigit(""), std::nullopt);
  EXPECT_EQ(DammCheckDigit("12a4"), std::nullopt);
  EXPECT_FALSE(IsDammValid(""));
  EXPECT_FALSE(IsDammValid("57 24"));
  EXPECT_FALSE(IsDammValid("-5724"));
}

// The property the scheme was chosen for, checked exhaustively over every two-digit context.
TEST(Damm, CatchesEverySingleDigitErrorAndEveryAdjacentSwap) {
  for (int n = 0; n < 1000; ++n) {
    std::string body = std::to_string(n);
    const std::string valid = body + *DammCheckDigit(body);
    ASSERT_TRUE(IsDammValid(valid));
    for (std::size_t i = 0; i < valid.size(); ++i) {
      for (char d = '0'; d <= '9'; ++d) {
        if (d == valid[i]) continue;
        std::string typo = valid;
        typo[i] = d;
        EXPECT_FALSE(IsDammValid(typo)) << valid << " -> " << typo;
      }
      if (i + 1 < valid.size() && valid[i] != valid[i + 1]) {
        std::string swapped = valid;
        std::swap(swapped[i], swapped[i + 1]);
        EXPECT_FALSE(IsDammValid(swapped)) << valid << " -> " << swapped;
      }
    }
  }
}

}  // namespace
}  // namespace lumbung::security
