#include "core/http/compression.h"

#include <gtest/gtest.h>

namespace lumbung::http {
namespace {

TEST(Compression, GzipRoundTripsAndShrinksText) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "<p>Jaminan Hari Tua</p>\n";
  const std::string packed = Gzip(text);
  EXPECT_LT(packed.size(), text.size() / 5);
  EXPECT_EQ(static_cast<unsigned char>(packed[0]), 0x1f);
  EXPECT_EQ(Gunzip(packed), text);
}

TEST(Compression, AcceptEncoding) {
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));
  EXPECT_TRUE(AcceptsGzip("br;q=1.0, gzip;q=0.8"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0.000"));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip(""));
}

TEST(Compression, CompressibleTypes) {
  EXPECT_TRUE(IsCompressibleType("text/html; charset=utf-8"));
  EXPECT_TRUE(IsCompressibleType("application/javascript; charset=utf-8"));
  EXPECT_FALSE(IsCompressibleType("image/png"));
}

}  // namespace
}  // namespace lumbung::http
