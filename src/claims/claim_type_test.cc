#include "claims/claim_type.h"

#include <gtest/gtest.h>

namespace lumbung::claims {
namespace {

TEST(ClaimType, NamesRoundTrip) {
  for (ClaimType type : kAllClaimTypes) {
    ClaimType parsed = ClaimType::kJkp;
    ASSERT_TRUE(ParseTypeName(TypeName(type), &parsed)) << TypeName(type);
    EXPECT_EQ(parsed, type);
  }
  EXPECT_EQ(TypeName(ClaimType::kJhtPartial30), "jht_partial_30");
}

TEST(ClaimType, UnknownNamesAreRefused) {
  ClaimType type = ClaimType::kJp;
  EXPECT_FALSE(ParseTypeName("", &type));
  EXPECT_FALSE(ParseTypeName("JHT_FULL", &type));
  EXPECT_FALSE(ParseTypeName("jht_full ", &type));
  EXPECT_EQ(type, ClaimType::kJp);
}

TEST(ClaimType, Programs) {
  EXPECT_EQ(ProgramOf(ClaimType::kJhtFull), "JHT");
  EXPECT_EQ(ProgramOf(ClaimType::kJhtPartial10), "JHT");
  EXPECT_EQ(ProgramOf(ClaimType::kJhtPartial30), "JHT");
  EXPECT_EQ(ProgramOf(ClaimType::kJp), "JP");
  EXPECT_EQ(ProgramOf(ClaimType::kJkm), "JKM");
  EXPECT_EQ(ProgramOf(ClaimType::kJkk), "JKK");
  EXPECT_EQ(ProgramOf(ClaimType::kJkp), "JKP");
}

}  // namespace
}  // namespace lumbung::claims
