#include "support/reference.h"

#include <gtest/gtest.h>

namespace lumbung::support {
namespace {

TEST(Reference, FormatsWithACheckDigit) {
  EXPECT_EQ(FormatReference(1).substr(0, 9), "S-000001-");
  EXPECT_EQ(FormatReference(123).size(), 10u);
  EXPECT_EQ(FormatReference(1234567).substr(0, 10), "S-1234567-");
}

TEST(Reference, ParsesWhatPeopleWrite) {
  for (std::int64_t id : {1, 123, 999999, 1234567}) {
    const std::string ref = FormatReference(id);
    EXPECT_EQ(ParseReference(ref), id) << ref;
    std::string lower = ref;
    lower[0] = 's';
    EXPECT_EQ(ParseReference(lower), id);
    std::string bare;
    for (char c : ref) {
      if (c != '-') bare += c;
    }
    EXPECT_EQ(ParseReference(bare), id);
    EXPECT_EQ(ParseReference(" S " + bare.substr(1, bare.size() - 2) + " " +
                             bare.substr(bare.size() - 1)),
              id);
  }
}

// The check digit catches a mistyped digit and two swapped digits.
TEST(Reference, RefusesTyposAndOtherText) {
  const std::string ref = FormatReference(123456);  // S-123456-d
  for (std::size_t at : {2u, 3u, 7u, 9u}) {
    std::string typo = ref;
    typo[at] = typo[at] == '9' ? '0' : static_cast<char>(typo[at] + 1);
    EXPECT_EQ(ParseReference(typo), std::nullopt) << typo;
  }
  std::string swapped = ref;
  std::swap(swapped[3], swapped[4]);
  EXPECT_EQ(ParseReference(swapped), std::nullopt) << swapped;
  EXPECT_EQ(ParseReference(""), std::nullopt);
  EXPECT_EQ(ParseReference("123"), std::nullopt);
  EXPECT_EQ(ParseReference("S-12-3"), std::nullopt);
  EXPECT_EQ(ParseReference("X-000123-4"), std::nullopt);
  EXPECT_EQ(ParseReference("S-000000-0"), std::nullopt);
  EXPECT_EQ(ParseReference("S-00012a-4"), std::nullopt);
  EXPECT_EQ(ParseReference("S-99999999999999999999-1"), std::nullopt);
}

}  // namespace
}  // namespace lumbung::support
