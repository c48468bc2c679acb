#include "core/i18n/rupiah_input.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace lumbung::i18n {
namespace {

constexpr std::int64_t kMax = 1'000'000'000'000LL;

std::optional<std::int64_t> Amount(std::string_view text) {
  return ParseRupiah(text, kMax).amount;
}
RupiahInputError Error(std::string_view text) {
  return ParseRupiah(text, kMax).error;
}

TEST(ParseRupiah, WhatPeopleTypeInEitherLanguage) {
  EXPECT_EQ(Amount("Rp 5.000.000"), 5'000'000);  // Indonesian grouping
  EXPECT_EQ(Amount("5.000.000"), 5'000'000);
  EXPECT_EQ(Amount("5,000,000"), 5'000'000);  // English grouping
  EXPECT_EQ(Amount("Rp 5,000,000"), 5'000'000);
  EXPECT_EQ(Amount("5000000"), 5'000'000);
  EXPECT_EQ(Amount("5 000 000"), 5'000'000);
  EXPECT_EQ(Amount("Rp5.000.000"), 5'000'000);
  EXPECT_EQ(Amount("rp. 5.000.000"), 5'000'000);
  EXPECT_EQ(Amount("IDR 5,000,000"), 5'000'000);
  EXPECT_EQ(Amount("5.000.000 rupiah"), 5'000'000);
  EXPECT_EQ(Amount("  750.000  "), 750'000);
  EXPECT_EQ(Amount("0"), 0);
  EXPECT_EQ(Amount("999"), 999);
  EXPECT_EQ(Amount("5.000"), 5'000) << "three digits after a mark group thousands";
  EXPECT_EQ(Amount("5,000"), 5'000);
}

TEST(ParseRupiah, SpacesPastedFromOtherAppsCount) {
  EXPECT_EQ(Amount("Rp\xC2\xA0"
                   "5.000.000"),
            5'000'000);  // no-break space
  EXPECT_EQ(Amount("5\xE2\x80\xAF"
                   "000\xE2\x80\xAF"
                   "000"),
            5'000'000);  // narrow no-break
}

TEST(ParseRupiah, PriceAndStatementNotationsWithoutCents) {
  EXPECT_EQ(Amount("Rp 5.000.000,-"), 5'000'000);
  EXPECT_EQ(Amount("5.000.000,00"), 5'000'000);
  EXPECT_EQ(Amount("5,000,000.00"), 5'000'000);
  EXPECT_EQ(Amount("5000000.0"), 5'000'000);
}

// Rupiah has no cents: a fraction is refused, never rounded or read as more digits.
TEST(ParseRupiah, AFractionOfARupiahIsRefused) {
  EXPECT_EQ(Error("5.000,50"), RupiahInputError::kCents);
  EXPECT_EQ(Error("5,000.50"), RupiahInputError::kCents);
  EXPECT_EQ(Error("5,5"), RupiahInputError::kCents);
  EXPECT_EQ(Error("1.5"), RupiahInputError::kCents);
  EXPECT_FALSE(Amount("5.000,50").has_value());
}

TEST(ParseRupiah, ShorthandsAreNamedAsNotUnderstood) {
  for (const char* text : {"5jt", "5 jt", "5 juta", "500rb", "500 ribu", "5k", "5,5jt", "2M"}) {
    EXPECT_EQ(Error(text), RupiahInputError::kShorthand) << text;
  }
}

TEST(ParseRupiah, OtherTextIsNotUnderstood) {
  for (const char* text :
       {"abc", "Rp", "5.00.000", "50.00.000", "5.000,000", "5,000.000.000", "5..000", "5 000.000",
        ".5000", "5.000.", "5,000,000!", "5+5", "1e6", "0x10"}) {
    EXPECT_EQ(Error(text), RupiahInputError::kNotUnderstood) << text;
  }
  EXPECT_EQ(Error(""), RupiahInputError::kEmpty);
  EXPECT_EQ(Error("   "), RupiahInputError::kEmpty);
}

TEST(ParseRupiah, NegativeAndTooLarge) {
  EXPECT_EQ(Error("-5.000"), RupiahInputError::kNegative);
  EXPECT_EQ(Error("Rp -5.000"), RupiahInputError::kNegative);
  EXPECT_EQ(Error("-Rp 5.000"), RupiahInputError::kNegative);
  EXPECT_EQ(ParseRupiah("10.000.001", 10'000'000).error, RupiahInputError::kTooLarge);
  EXPECT_EQ(ParseRupiah("10.000.000", 10'000'000).amount, 10'000'000);
  EXPECT_EQ(Error("99999999999999999999999"), RupiahInputError::kTooLarge) << "no overflow";
  EXPECT_EQ(
      ParseRupiah("9.223.372.036.854.775.807", std::numeric_limits<std::int64_t>::max()).error,
      RupiahInputError::kTooLarge)
      << "19 digits are refused before they could overflow";
}

TEST(ParseRupiah, EveryErrorHasACatalogKey) {
  EXPECT_EQ(RupiahInputErrorKey(RupiahInputError::kNone), "");
  EXPECT_EQ(RupiahInputErrorKey(RupiahInputError::kShorthand), "money.error.shorthand");
  EXPECT_EQ(RupiahInputErrorKey(RupiahInputError::kCents), "money.error.cents");
  EXPECT_EQ(RupiahInputErrorKey(RupiahInputError::kTooLarge), "money.error.too_large");
}

}  // namespace
}  // namespace lumbung::i18n
