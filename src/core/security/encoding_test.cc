#include "core/security/encoding.h"

#include <gtest/gtest.h>

namespace lumbung::security {
namespace {

TEST(Encoding, Base64UrlMatchesRfc4648Vectors) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("foob"), "Zm9vYg");
  EXPECT_EQ(Base64UrlEncode("fooba"), "Zm9vYmE");
  EXPECT_EQ(Base64UrlEncode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");  // the URL-safe alphabet, no padding
}

TEST(Encoding, Base64UrlRoundTripsAllBytes) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  for (std::size_t n = 0; n <= bytes.size(); n += 37) {
    const std::string part = bytes.substr(0, n);
    EXPECT_EQ(Base64UrlDecode(Base64UrlEncode(part)), part);
  }
}

TEST(Encoding, Base64UrlDecodingIsStrictAndCanonical) {
  EXPECT_EQ(Base64UrlDecode(""), "");
  EXPECT_EQ(Base64UrlDecode("Zm9vYmFy"), "foobar");
  EXPECT_FALSE(Base64UrlDecode("Zg=="));    // padding
  EXPECT_FALSE(Base64UrlDecode("Zm9v\n"));  // whitespace
  EXPECT_FALSE(Base64UrlDecode("Zm 9v"));   // whitespace inside
  EXPECT_FALSE(Base64UrlDecode("+/8"));     // the standard alphabet
  EXPECT_FALSE(Base64UrlDecode("Z"));       // impossible length
  EXPECT_FALSE(Base64UrlDecode("Zm9vY"));   // impossible length
  EXPECT_FALSE(Base64UrlDecode("Zh"));      // non-zero unused bits ("Zg" is canonical)
  EXPECT_FALSE(Base64UrlDecode("Zm9"));     // likewise ("Zm8")
  EXPECT_FALSE(Base64UrlDecode(std::string_view("Zm\0v", 4)));
  EXPECT_FALSE(Base64UrlDecode("Zm9v.Zm9v"));
}

TEST(Encoding, Hex) {
  EXPECT_EQ(HexEncode(""), "");
  EXPECT_EQ(HexEncode(std::string("\x00\x01\xab\xff", 4)), "0001abff");
  EXPECT_EQ(HexDecode("0001abff"), std::string("\x00\x01\xab\xff", 4));
  EXPECT_EQ(HexDecode("ABFF"), "\xab\xff");
  EXPECT_EQ(HexDecode(""), "");
  EXPECT_FALSE(HexDecode("abc"));    // odd
  EXPECT_FALSE(HexDecode("zz"));     // not hex
  EXPECT_FALSE(HexDecode("ab:cd"));  // separators
  EXPECT_FALSE(HexDecode("ab "));
  EXPECT_FALSE(HexDecode(" abc"));
}

}  // namespace
}  // namespace lumbung::security
