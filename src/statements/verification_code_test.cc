#include "statements/verification_code.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

namespace lumbung::statements {
namespace {

TEST(VerificationCode, TwelveLettersOfTheAlphabetInGroupsOfFour) {
  const std::string code = CodeFromRandomBytes(std::string(12, '\0'));
  EXPECT_EQ(code, "2222-2222-2222");
  const std::string all =
      CodeFromRandomBytes(std::string("\x00\x01\x02\x1f\x20\x3f\xff\x7f\x80\x81\x9e\x10", 12));
  EXPECT_EQ(all.size(), 14u);
  EXPECT_EQ(all[4], '-');
  EXPECT_EQ(all[9], '-');
  EXPECT_EQ(all.substr(0, 4), "234Z");  // the low five bits pick the letter
  EXPECT_THROW(CodeFromRandomBytes("short"), std::invalid_argument);
}

TEST(VerificationCode, NoLookAlikes) {
  for (char c : std::string("01IO")) {
    EXPECT_EQ(kCodeAlphabet.find(c), std::string_view::npos) << c;
  }
  EXPECT_EQ(kCodeAlphabet.size(), 32u);
}

TEST(VerificationCode, FreshCodesDifferAndAreCanonical) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string code = NewVerificationCode();
    ASSERT_TRUE(CanonicalCode(code)) << code;
    EXPECT_EQ(GroupCode(*CanonicalCode(code)), code);
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(VerificationCode, TypedCodesIgnoreCaseAndSeparators) {
  EXPECT_EQ(CanonicalCode("abcd-efgh-jk23"), "ABCDEFGHJK23");
  EXPECT_EQ(CanonicalCode(" ABCD EFGH JK23 "), "ABCDEFGHJK23");
  EXPECT_EQ(CanonicalCode("ABCDEFGHJK23"), "ABCDEFGHJK23");
  EXPECT_FALSE(CanonicalCode(""));
  EXPECT_FALSE(CanonicalCode("ABCD-EFGH-JK2"));    // 11
  EXPECT_FALSE(CanonicalCode("ABCD-EFGH-JK234"));  // 13
  EXPECT_FALSE(CanonicalCode("ABCD-EFGH-JK2O"));   // O is not in the alphabet
  EXPECT_FALSE(CanonicalCode("ABCD_EFGH_JK23"));
  EXPECT_FALSE(CanonicalCode("' OR 1=1 --"));
  EXPECT_FALSE(CanonicalCode(std::string(5000, 'A')));
}

TEST(VerificationCode, TheStoreKeepsAHashOfTheCanonicalCode) {
  const std::string hash = CodeHash("ABCDEFGHJK23");
  EXPECT_EQ(hash.size(), 64u);
  EXPECT_EQ(hash.find("ABCD"), std::string::npos);
  EXPECT_EQ(CodeHash(*CanonicalCode("abcd-efgh-jk23")), hash);
  EXPECT_NE(CodeHash("ABCDEFGHJK24"), hash);
}

}  // namespace
}  // namespace lumbung::statements
