#include "core/http/url.h"

#include <gtest/gtest.h>

namespace lumbung::http {
namespace {

TEST(Url, DecodesPercentEscapesAndPlusInForms) {
  EXPECT_EQ(PercentDecode("/bantuan%20kami", false), "/bantuan kami");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
  EXPECT_EQ(PercentDecode("%E2%80%93", false), "\xE2\x80\x93");
}

TEST(Url, RefusesBadEscapesAndInvalidUtf8) {
  EXPECT_FALSE(PercentDecode("%zz", false));
  EXPECT_FALSE(PercentDecode("%4", false));
  EXPECT_FALSE(PercentDecode("%ff", false));
  EXPECT_FALSE(PercentDecode("%C0%AF", false));        // overlong '/'
  EXPECT_FALSE(PercentDecode("%ED%A0%80", false));     // surrogate
  EXPECT_FALSE(PercentDecode("%F4%90%80%80", false));  // past U+10FFFF
  EXPECT_FALSE(PercentDecode("%E2%80", false));        // truncated
}

TEST(Url, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("Rp 1.234 – Sari 👍"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));
  EXPECT_FALSE(IsValidUtf8("\x80"));
  EXPECT_FALSE(IsValidUtf8("\xF8\x88\x80\x80\x80"));
}

TEST(Url, ParsesFormsStrictly) {
  auto fields = ParseUrlEncoded("nik=3171&name=Sari+Dewi&empty=&flag");
  ASSERT_TRUE(fields);
  ASSERT_EQ(fields->size(), 4u);
  EXPECT_EQ((*fields)[1].second, "Sari Dewi");
  EXPECT_EQ((*fields)[2].second, "");
  EXPECT_EQ((*fields)[3].first, "flag");
  EXPECT_FALSE(ParseUrlEncoded("a=%zz"));
  EXPECT_TRUE(ParseUrlEncoded("")->empty());
}

TEST(Url, CookiesSkipJunk) {
  auto c = ParseCookieHeader("lang=en; junk; =x; theme=\"dark\"");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0], (std::pair<std::string, std::string>{"lang", "en"}));
  EXPECT_EQ(c[1].second, "dark");
}

TEST(Url, LocalPathsOnlyForRedirects) {
  EXPECT_TRUE(IsLocalPath("/help?x=1"));
  EXPECT_FALSE(IsLocalPath("//evil.example"));
  EXPECT_FALSE(IsLocalPath("/\\evil.example"));
  EXPECT_FALSE(IsLocalPath("https://evil.example"));
  EXPECT_FALSE(IsLocalPath(""));
  EXPECT_FALSE(IsLocalPath("/a\nb"));
}

TEST(Url, PercentEncodeRoundTrips) {
  const std::string s = "/help?x=a b&y=ü";
  EXPECT_EQ(PercentDecode(PercentEncode(s), false), s);
  EXPECT_EQ(PercentEncode("/help"), "%2Fhelp");
}

}  // namespace
}  // namespace lumbung::http
