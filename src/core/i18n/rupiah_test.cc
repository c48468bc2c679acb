#include "core/i18n/rupiah.h"

#include <cstdint>
#include <limits>

#include <gtest/gtest.h>

namespace lumbung::i18n {
namespace {

TEST(Rupiah, IndonesianGroupsWithDots) {
  EXPECT_EQ(FormatRupiah(1234567, "id"), "Rp 1.234.567");
  EXPECT_EQ(FormatRupiah(1000, "id"), "Rp 1.000");
  EXPECT_EQ(FormatRupiah(999, "id"), "Rp 999");
  EXPECT_EQ(FormatRupiah(100000, "id"), "Rp 100.000");
  EXPECT_EQ(FormatRupiah(12345678, "id"), "Rp 12.345.678");
}

TEST(Rupiah, EnglishGroupsWithCommas) {
  EXPECT_EQ(FormatRupiah(1234567, "en"), "Rp 1,234,567");
  EXPECT_EQ(FormatRupiah(1000, "en"), "Rp 1,000");
  EXPECT_EQ(FormatRupiah(1234, "en-GB"), "Rp 1,234");
  EXPECT_EQ(FormatRupiah(1234, "en_US"), "Rp 1,234");
}

TEST(Rupiah, ZeroAndSmallAmounts) {
  EXPECT_EQ(FormatRupiah(0, "id"), "Rp 0");
  EXPECT_EQ(FormatRupiah(0, "en"), "Rp 0");
  EXPECT_EQ(FormatRupiah(7, "id"), "Rp 7");
  EXPECT_EQ(FormatRupiah(-7, "id"), "-Rp 7");
}

TEST(Rupiah, NegativeAmountsPutTheSignFirst) {
  EXPECT_EQ(FormatRupiah(-1234, "id"), "-Rp 1.234");
  EXPECT_EQ(FormatRupiah(-1234567, "en"), "-Rp 1,234,567");
}

TEST(Rupiah, UnknownLanguagesReadAsIndonesian) {
  EXPECT_EQ(FormatRupiah(1234567, ""), "Rp 1.234.567");
  EXPECT_EQ(FormatRupiah(1234567, "jv"), "Rp 1.234.567");
  EXPECT_EQ(FormatRupiah(1234567, "eng"), "Rp 1.234.567");
  EXPECT_EQ(FormatRupiah(1234567, "e"), "Rp 1.234.567");
}

TEST(Rupiah, Int64Extremes) {
  EXPECT_EQ(FormatRupiah(std::numeric_limits<std::int64_t>::max(), "id"),
            "Rp 9.223.372.036.854.775.807");
  EXPECT_EQ(FormatRupiah(std::numeric_limits<std::int64_t>::min(), "id"),
            "-Rp 9.223.372.036.854.775.808");
  EXPECT_EQ(FormatRupiah(std::numeric_limits<std::int64_t>::min(), "en"),
            "-Rp 9,223,372,036,854,775,808");
}

}  // namespace
}  // namespace lumbung::i18n
