#include "claims/reference.h"

#include <gtest/gtest.h>

#include <set>

namespace lumbung::claims {
namespace {

TEST(ClaimReference, FormatsWithCheckDigit) {
  const std::string ref = FormatReference("4821309372");
  EXPECT_EQ(ref.substr(0, 14), "K-48213-09372-");
  EXPECT_EQ(ParseReference(ref), ref);
}

TEST(ClaimReference, ReadsWhatPeopleType) {
  const std::string ref = FormatReference("0000000001");
  std::string loose = "k " + ref.substr(2, 5) + " " + ref.substr(8, 5) + " " + ref.substr(14);
  EXPECT_EQ(ParseReference(loose), ref);
  std::string compact = "K" + ref.substr(2, 5) + ref.substr(8, 5) + ref.substr(14);
  EXPECT_EQ(ParseReference(compact), ref);
}

TEST(ClaimReference, RefusesTyposAndOtherNumbers) {
  const std::string ref = FormatReference("4821309372");
  std::string typo = ref;
  typo[3] = typo[3] == '9' ? '8' : static_cast<char>(typo[3] + 1);
  EXPECT_FALSE(ParseReference(typo).has_value()) << "one wrong digit";
  std::string swapped = ref;
  std::swap(swapped[2], swapped[3]);
  if (swapped != ref) EXPECT_FALSE(ParseReference(swapped).has_value()) << "two digits swapped";
  EXPECT_FALSE(ParseReference("S-000123-4").has_value()) << "a support reference";
  EXPECT_FALSE(ParseReference("K-4821309372").has_value()) << "no check digit";
  EXPECT_FALSE(ParseReference("").has_value());
  EXPECT_FALSE(ParseReference("K-48213-09372-5x").has_value());
}

TEST(ClaimReference, NewOnesAreRandomAndValid) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string ref = NewReference();
    EXPECT_EQ(ParseReference(ref), ref);
    seen.insert(ref);
  }
  EXPECT_EQ(seen.size(), 200u) << "ten random digits do not repeat in 200 draws (p < 1e-5)";
}

}  // namespace
}  // namespace lumbung::claims
