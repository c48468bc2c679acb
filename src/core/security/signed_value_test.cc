#include "core/security/signed_value.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "core/security/encoding.h"

namespace lumbung::security {
namespace {

std::string TestKey() {
  std::string key;
  for (int i = 0; i < 32; ++i) key.push_back(static_cast<char>(i));
  return key;
}

TEST(SignedValue, Asvs3_SignsWithHmacSha512_256) {
  // Known answer: the first 32 bytes of HMAC-SHA-512(key 00..1f, "hello"), as computed by
  // Python's hmac module.
  const Signer signer(TestKey());
  EXPECT_EQ(signer.Sign("hello"), "aGVsbG8.ERnNohm0Ynr_7Jmt5iffViR6nML2SoPsdneLIdk5gkU");
  EXPECT_EQ(signer.Verify("aGVsbG8.ERnNohm0Ynr_7Jmt5iffViR6nML2SoPsdneLIdk5gkU"), "hello");
}

TEST(SignedValue, RoundTripsAnyBytes) {
  const Signer signer(TestKey());
  for (const std::string& value : {std::string(), std::string("user=42|exp=1700000000"),
                                   std::string("a.b.c"), std::string("\0\xff\n", 3)}) {
    EXPECT_EQ(signer.Verify(signer.Sign(value)), value);
  }
}

TEST(SignedValue, Asvs3_RejectsAnyTampering) {
  const Signer signer(TestKey());
  const std::string signed_value = signer.Sign("member=1001");
  // Every single-character change anywhere.
  for (std::size_t i = 0; i < signed_value.size(); ++i) {
    for (char c : {'A', 'B', '_', '-', '.', '0'}) {
      if (signed_value[i] == c) continue;
      std::string changed = signed_value;
      changed[i] = c;
      EXPECT_FALSE(signer.Verify(changed)) << changed;
    }
  }
  // A different value with the old MAC.
  const std::string mac = signed_value.substr(signed_value.find('.'));
  EXPECT_FALSE(signer.Verify(Base64UrlEncode("member=1002") + mac));
  EXPECT_FALSE(signer.Verify(signed_value + "A"));
  EXPECT_FALSE(signer.Verify(signed_value.substr(0, signed_value.size() - 1)));
  EXPECT_FALSE(signer.Verify(signed_value + "."));
  EXPECT_FALSE(signer.Verify(signed_value + "=="));
}

TEST(SignedValue, RejectsMalformedInput) {
  const Signer signer(TestKey());
  for (const char* bad : {"", ".", "abc", "abc.", ".abc", "a.b.c", "!!!.###", "aGVsbG8"}) {
    EXPECT_FALSE(signer.Verify(bad)) << bad;
  }
  // A truncated MAC of valid base64url.
  EXPECT_FALSE(signer.Verify("aGVsbG8.ERnNohm0Ynr_7Jmt5iffViR6nML2SoPsdneLIdk5"));
}

TEST(SignedValue, Asvs6_4_RejectsAnotherKeysSignature) {
  const Signer a(TestKey());
  std::string other = TestKey();
  other[0] = 'x';
  const Signer b(other);
  EXPECT_FALSE(b.Verify(a.Sign("member=1001")));
  EXPECT_FALSE(a.Verify(b.Sign("member=1001")));
}

TEST(SignedValue, KeyMustBe32Bytes) {
  EXPECT_THROW(Signer(""), std::invalid_argument);
  EXPECT_THROW(Signer(std::string(31, 'k')), std::invalid_argument);
  EXPECT_THROW(Signer(std::string(33, 'k')), std::invalid_argument);
  EXPECT_NO_THROW(Signer(std::string(32, 'k')));
}

TEST(SignedValue, CopiesVerifyTheSame) {
  const Signer a(TestKey());
  Signer b = a;  // NOLINT: the copy is the point
  EXPECT_EQ(b.Verify(a.Sign("x")), "x");
}

TEST(DeriveKey, Asvs6_4_2_KeyedBlake2bPerPurpose) {
  const std::string master = TestKey();
  EXPECT_EQ(HexEncode(DeriveKey(master, "cookie.session")),
            "f88fa4986844f33dd670996176dd3f2e2cd4323034ce0b65099aa9d3c6344b6c");
  EXPECT_EQ(DeriveKey(master, "cookie.session").size(), 32u);
  EXPECT_EQ(DeriveKey(master, "cookie.session"), DeriveKey(master, "cookie.session"));
  EXPECT_NE(DeriveKey(master, "cookie.session"), DeriveKey(master, "device.remember"));
  EXPECT_NE(DeriveKey(master, "cookie.session"), master);
  std::string other = master;
  other[31] ^= 1;
  EXPECT_NE(DeriveKey(master, "cookie.session"), DeriveKey(other, "cookie.session"));
}

TEST(DeriveKey, SignaturesDoNotCrossPurposes) {
  const std::string master = TestKey();
  const Signer cookies(DeriveKey(master, "cookie.session"));
  const Signer devices(DeriveKey(master, "device.remember"));
  EXPECT_FALSE(devices.Verify(cookies.Sign("member=1001")));
}

TEST(DeriveKey, RefusesBadInput) {
  EXPECT_THROW(DeriveKey("short", "cookie.session"), std::invalid_argument);
  EXPECT_THROW(DeriveKey(std::string(65, 'k'), "cookie.session"), std::invalid_argument);
  EXPECT_THROW(DeriveKey(TestKey(), ""), std::invalid_argument);
}

TEST(ParseHexKey, AcceptsExactly64HexDigits) {
  const std::string hex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  EXPECT_EQ(ParseHexKey(hex), TestKey());
  EXPECT_EQ(ParseHexKey("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"),
            TestKey());
  EXPECT_FALSE(ParseHexKey(""));
  EXPECT_FALSE(ParseHexKey(hex.substr(2)));        // 31 bytes
  EXPECT_FALSE(ParseHexKey(hex + "20"));           // 33 bytes
  EXPECT_FALSE(ParseHexKey(hex.substr(1) + "g"));  // not hex
  EXPECT_FALSE(ParseHexKey(" " + hex.substr(1)));
  EXPECT_FALSE(ParseHexKey(std::string(64, '0')));  // a placeholder, not a secret
}

}  // namespace
}  // namespace lumbung::security
