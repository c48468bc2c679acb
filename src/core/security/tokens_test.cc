#include "core/security/tokens.h"

#include <gtest/gtest.h>

#include <array>
#include <set>
#include <stdexcept>

#include "core/security/encoding.h"

namespace lumbung::security {
namespace {

TEST(Tokens, Asvs3_2_2_NewTokenIs256RandomBitsInBase64Url) {
  const std::string token = NewToken();
  EXPECT_EQ(token.size(), 43u);
  EXPECT_EQ(
      token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
  ASSERT_TRUE(Base64UrlDecode(token));
  EXPECT_EQ(Base64UrlDecode(token)->size(), 32u);
  EXPECT_EQ(NewToken(16).size(), 22u);
  EXPECT_EQ(Base64UrlDecode(NewToken(64))->size(), 64u);
}

TEST(Tokens, Asvs6_3_1_TokensDoNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) EXPECT_TRUE(seen.insert(NewToken(16)).second);
}

TEST(Tokens, RefusesTooFewOrTooManyBytes) {
  EXPECT_THROW(NewToken(0), std::invalid_argument);
  EXPECT_THROW(NewToken(15), std::invalid_argument);  // under 128 bits
  EXPECT_THROW(NewToken(1025), std::invalid_argument);
}

TEST(Tokens, Asvs2_5_HashTokenIsSha256HexForStorage) {
  EXPECT_EQ(HashToken("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string token = NewToken();
  EXPECT_EQ(HashToken(token), HashToken(token));  // deterministic: rows are found by it
  EXPECT_NE(HashToken(token), token);
  EXPECT_EQ(HashToken(token).size(), 64u);
}

TEST(Tokens, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
  EXPECT_FALSE(ConstantTimeEquals(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
  EXPECT_TRUE(ConstantTimeEquals(std::string_view("a\0b", 3), std::string_view("a\0b", 3)));
}

TEST(Tokens, NumericCodesHaveTheDigitsAsked) {
  for (int digits : {1, 6, 8, 20}) {
    const std::string code = NewNumericCode(digits);
    EXPECT_EQ(code.size(), static_cast<std::size_t>(digits));
    EXPECT_EQ(code.find_first_not_of("0123456789"), std::string::npos) << code;
  }
  EXPECT_THROW(NewNumericCode(0), std::invalid_argument);
  EXPECT_THROW(NewNumericCode(21), std::invalid_argument);
  EXPECT_THROW(NewNumericCode(-6), std::invalid_argument);
}

TEST(Tokens, Asvs6_3_1_NumericCodeDigitsAreUniform) {
  // 60000 digits: each of 10 values expected 6000 times. A chi-square statistic over 9 degrees
  // of freedom exceeds 27.88 with probability 0.001, so this fails only for a biased generator
  // (a modulo-biased byte % 10 alone would not be caught, but a constant or skewed one would).
  std::array<int, 10> counts{};
  for (int i = 0; i < 10000; ++i) {
    for (char c : NewNumericCode(6)) ++counts[static_cast<std::size_t>(c - '0')];
  }
  double chi_square = 0;
  for (int count : counts) chi_square += (count - 6000.0) * (count - 6000.0) / 6000.0;
  EXPECT_LT(chi_square, 27.88);
  // Leading zeros are kept, not dropped.
  bool leading_zero = false;
  for (int i = 0; i < 1000 && !leading_zero; ++i) leading_zero = NewNumericCode(6)[0] == '0';
  EXPECT_TRUE(leading_zero);
}

}  // namespace
}  // namespace lumbung::security
