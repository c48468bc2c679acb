#include "core/i18n/typed_text.h"

#include <gtest/gtest.h>

namespace lumbung::i18n {
namespace {

TEST(TypedText, LineEndsTabsAndSurroundingSpace) {
  std::string out;
  ASSERT_TRUE(TidyTypedText("  Foto e-KTP buram\r\nmohon ulang\t \r\n", true, &out));
  EXPECT_EQ(out, "Foto e-KTP buram\nmohon ulang");
  ASSERT_TRUE(TidyTypedText("Jl. Merdeka\r\nNo. 5", false, &out));
  EXPECT_EQ(out, "Jl. Merdeka No. 5") << "a one-line field";
  ASSERT_TRUE(TidyTypedText(" \n ", true, &out));
  EXPECT_EQ(out, "");
}

// ASVS 4.0.3 5.1.4: what no keyboard types is refused, not cleaned.
TEST(TypedText, RefusesControlCharacters) {
  std::string out = "kept";
  EXPECT_FALSE(TidyTypedText("a\x01b", true, &out));
  EXPECT_FALSE(TidyTypedText(std::string("a\0b", 3), false, &out));
  EXPECT_FALSE(TidyTypedText("a\x7f", true, &out));
  EXPECT_EQ(out, "kept");
}

TEST(TypedText, CountsCharactersNotBytes) {
  EXPECT_EQ(CharacterCount("ééé"), 3u);
  EXPECT_EQ(CharacterCount("Rp 5.000"), 8u);
  EXPECT_EQ(CharacterCount(""), 0u);
}

}  // namespace
}  // namespace lumbung::i18n
