#include "core/security/cbor.h"

#include <gtest/gtest.h>

#include <string>

#include "core/security/encoding.h"

namespace lumbung::security {
namespace {

std::string Hex(std::string_view hex) {
  return *HexDecode(hex);
}

std::optional<CborValue> DecodeHex(std::string_view hex, const CborLimits& limits = {}) {
  return CborDecode(Hex(hex), limits);
}

// Examples of RFC 8949 Appendix A that are in the accepted subset.
TEST(Cbor, DecodesRfc8949Examples) {
  EXPECT_EQ(DecodeHex("00")->AsInt(), 0);
  EXPECT_EQ(DecodeHex("17")->AsInt(), 23);
  EXPECT_EQ(DecodeHex("1818")->AsInt(), 24);
  EXPECT_EQ(DecodeHex("1903e8")->AsInt(), 1000);
  EXPECT_EQ(DecodeHex("1a000f4240")->AsInt(), 1000000);
  EXPECT_EQ(DecodeHex("1b000000e8d4a51000")->AsInt(), 1000000000000);
  EXPECT_EQ(DecodeHex("20")->AsInt(), -1);
  EXPECT_EQ(DecodeHex("3903e7")->AsInt(), -1000);
  auto big = DecodeHex("1bffffffffffffffff");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->number, 18446744073709551615ULL);
  EXPECT_FALSE(big->AsInt());  // does not fit an int64_t
  EXPECT_EQ(DecodeHex("4401020304")->bytes, Hex("01020304"));
  EXPECT_EQ(DecodeHex("6449455446")->bytes, "IETF");
  EXPECT_EQ(DecodeHex("62c3bc")->bytes, "\xc3\xbc");
  EXPECT_EQ(DecodeHex("f4")->kind, CborValue::Kind::kBool);
  EXPECT_EQ(DecodeHex("f5")->number, 1u);
  EXPECT_EQ(DecodeHex("f6")->kind, CborValue::Kind::kNull);
  auto array = DecodeHex("8301820203820405");
  ASSERT_TRUE(array);
  ASSERT_EQ(array->items.size(), 3u);
  EXPECT_EQ(array->items[2].items[1].AsInt(), 5);
  auto map = DecodeHex("a201020304");
  ASSERT_TRUE(map);
  EXPECT_EQ(map->Find(1)->AsInt(), 2);
  EXPECT_EQ(map->Find(3)->AsInt(), 4);
  EXPECT_EQ(map->Find(5), nullptr);
  auto text_keys = DecodeHex("a26161016162820203");
  ASSERT_TRUE(text_keys);
  EXPECT_EQ(text_keys->Find("a")->AsInt(), 1);
  EXPECT_EQ(text_keys->Find("b")->items.size(), 2u);
  EXPECT_EQ(text_keys->Find(1), nullptr);  // a text key is not an integer key
}

TEST(Cbor, RefusesWhatWebAuthnDoesNotUse) {
  EXPECT_FALSE(DecodeHex("5f42010243030405ff"));      // indefinite byte string
  EXPECT_FALSE(DecodeHex("9f018202039f0405ffff"));    // indefinite array
  EXPECT_FALSE(DecodeHex("bf61610161629f0203ffff"));  // indefinite map
  EXPECT_FALSE(DecodeHex("c074323031332d30332d32315432303a30343a30305a"));  // tag 0
  EXPECT_FALSE(DecodeHex("f93c00"));                                        // half float
  EXPECT_FALSE(DecodeHex("fb3ff199999999999a"));                            // double
  EXPECT_FALSE(DecodeHex("f7"));                                            // undefined
  EXPECT_FALSE(DecodeHex("f0"));    // unassigned simple value
  EXPECT_FALSE(DecodeHex("f818"));  // one-byte simple value
  EXPECT_FALSE(DecodeHex("1c"));    // reserved additional information
  EXPECT_FALSE(DecodeHex("ff"));    // a lone "break"
}

TEST(Cbor, RefusesNonShortestHeads) {
  EXPECT_FALSE(DecodeHex("1817"));  // 23 fits the initial byte
  EXPECT_FALSE(DecodeHex("190017"));
  EXPECT_FALSE(DecodeHex("1a000000ff"));
  EXPECT_FALSE(DecodeHex("1b00000000ffffffff"));
  EXPECT_FALSE(DecodeHex("58020102"));  // length 2 in a one-byte argument
  EXPECT_FALSE(DecodeHex("a1180100"));  // a map key in the long form
}

TEST(Cbor, RefusesTruncatedAndTrailingBytes) {
  EXPECT_FALSE(DecodeHex(""));
  EXPECT_FALSE(DecodeHex("19"));
  EXPECT_FALSE(DecodeHex("1903"));
  EXPECT_FALSE(DecodeHex("440102"));
  EXPECT_FALSE(
      DecodeHex("83010203"
                "04"));  // trailing
  EXPECT_FALSE(DecodeHex("a20102"));
  std::size_t consumed = 0;
  auto prefix = CborDecodePrefix(Hex("8301020304"), &consumed);
  ASSERT_TRUE(prefix);  // the prefix form leaves what follows to the caller
  EXPECT_EQ(consumed, 4u);
}

TEST(Cbor, RefusesAmbiguousMaps) {
  EXPECT_FALSE(DecodeHex("a201020103"));      // key 1 twice
  EXPECT_FALSE(DecodeHex("a2616101616102"));  // "a" twice
  EXPECT_FALSE(
      DecodeHex("a1420102"
                "01"));                  // byte-string key
  EXPECT_FALSE(DecodeHex("a1800102"));   // array key
  EXPECT_TRUE(DecodeHex("a201022003"));  // 1 and -1 differ
}

TEST(Cbor, RefusesInvalidUtf8Text) {
  EXPECT_FALSE(DecodeHex("61ff"));
  EXPECT_FALSE(DecodeHex("62c0af"));     // overlong "/"
  EXPECT_FALSE(DecodeHex("63eda080"));   // a surrogate
  EXPECT_FALSE(DecodeHex("62c3"));       // truncated sequence (and length)
  EXPECT_FALSE(DecodeHex("61c3"));       // truncated sequence
  EXPECT_TRUE(DecodeHex("64f0908d88"));  // U+10348 is fine
}

TEST(Cbor, EnforcesDepthAndItemLimits) {
  CborLimits limits;
  limits.max_depth = 3;
  EXPECT_TRUE(DecodeHex("81818100", limits));  // depth 3
  EXPECT_FALSE(DecodeHex("8181818100", limits));
  // A thousand nested arrays: refused without recursing a thousand times.
  EXPECT_FALSE(CborDecode(std::string(1000, '\x81') + '\x00'));
  limits = {};
  limits.max_items = 4;
  EXPECT_TRUE(DecodeHex("83010203", limits));
  EXPECT_FALSE(DecodeHex("8401020304", limits));
}

TEST(Cbor, RefusesCountsLargerThanTheInput) {
  // Four billion items announced in nine bytes must fail fast, not allocate.
  EXPECT_FALSE(DecodeHex("9bffffffffffffffff"));
  EXPECT_FALSE(DecodeHex("bbffffffffffffffff"));
  EXPECT_FALSE(DecodeHex("5bffffffffffffffff"));
  EXPECT_FALSE(DecodeHex("7b7fffffffffffffff"));
}

}  // namespace
}  // namespace lumbung::security
