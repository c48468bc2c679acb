#include "core/security/otp.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>

namespace lumbung::security {
namespace {

// The key of RFC 4226 Appendix D and of RFC 6238 Appendix B (SHA-1).
constexpr std::string_view kRfcKey = "12345678901234567890";

TEST(Otp, Rfc4226AppendixDHotpValues) {
  const char* const expected[] = {"755224", "287082", "359152", "969429", "338314",
                                  "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t counter = 0; counter < 10; ++counter) {
    EXPECT_EQ(Hotp(kRfcKey, counter), expected[counter]) << "counter " << counter;
  }
}

TEST(Otp, Rfc6238AppendixBSha1Values) {
  const std::pair<std::int64_t, const char*> rows[] = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
  };
  for (const auto& [time, code] : rows) {
    EXPECT_EQ(Totp(kRfcKey, time, 8), code) << "time " << time;
  }
}

TEST(Otp, Rfc6238AppendixBSteps) {
  EXPECT_EQ(TotpStep(59), 1u);
  EXPECT_EQ(TotpStep(1111111109), 0x23523ECu);
  EXPECT_EQ(TotpStep(1111111111), 0x23523EDu);
  EXPECT_EQ(TotpStep(1234567890), 0x273EF07u);
  EXPECT_EQ(TotpStep(2000000000), 0x3F940AAu);
  EXPECT_EQ(TotpStep(20000000000), 0x27BC86AAu);
  EXPECT_EQ(TotpStep(0), 0u);
  EXPECT_EQ(TotpStep(29), 0u);
  EXPECT_EQ(TotpStep(30), 1u);
  EXPECT_EQ(TotpStep(119, 60), 1u);
}

TEST(Otp, ShortCodesKeepLeadingZeros) {
  EXPECT_EQ(Totp(kRfcKey, 1111111109, 8), "07081804");
  EXPECT_EQ(Totp(kRfcKey, 1111111109, 6), "081804");  // the same truncation, mod 10^6
  EXPECT_EQ(Totp(kRfcKey, 1111111109, 7), "7081804");
  EXPECT_EQ(Totp(kRfcKey, 59), "287082");  // step 1 = HOTP counter 1
}

TEST(Otp, Rfc4226R6RefusesWeakKeysAndOddParameters) {
  EXPECT_THROW(Hotp("", 0), std::invalid_argument);
  EXPECT_THROW(Hotp("123456789012345", 0), std::invalid_argument);  // 120 bits
  EXPECT_NO_THROW(Hotp("1234567890123456", 0));
  EXPECT_THROW(Hotp(kRfcKey, 0, 5), std::invalid_argument);
  EXPECT_THROW(Hotp(kRfcKey, 0, 9), std::invalid_argument);
  EXPECT_THROW(TotpStep(100, 0), std::invalid_argument);
  EXPECT_THROW(TotpStep(100, -30), std::invalid_argument);
  EXPECT_THROW(TotpStep(-1), std::invalid_argument);
  EXPECT_THROW(MatchTotp(kRfcKey, "123456", 1000, std::nullopt, -1), std::invalid_argument);
  EXPECT_THROW(MatchTotp(kRfcKey, "123456", 1000, std::nullopt, 11), std::invalid_argument);
  EXPECT_THROW(MatchTotp("short", "123456", 1000, std::nullopt), std::invalid_argument);
}

TEST(Otp, HotpHashesLongKeysFirst) {
  // HMAC hashes keys longer than the 64-byte block; the code must still be stable and differ.
  const std::string long_key(100, 'k');
  EXPECT_EQ(Hotp(long_key, 7), Hotp(long_key, 7));
  EXPECT_NE(Hotp(long_key, 7), Hotp(std::string(99, 'k'), 7));
}

constexpr std::int64_t kNow = 1234567890;  // exactly the start of its step
constexpr std::uint64_t kStep = 1234567890 / 30;

std::string CodeAt(std::uint64_t step) {
  return Hotp(kRfcKey, step);
}

TEST(Otp, MatchTotpAcceptsTheCurrentCode) {
  EXPECT_EQ(MatchTotp(kRfcKey, CodeAt(kStep), kNow, std::nullopt), kStep);
  EXPECT_EQ(MatchTotp(kRfcKey, CodeAt(kStep), kNow + 29, std::nullopt), kStep);
  EXPECT_EQ(MatchTotp(kRfcKey, "89005924", kNow, std::nullopt, 1, 8), kStep);  // RFC row
}

TEST(Otp, Asvs2_8_1_DriftOfOneStepEitherWayButNotTwo) {
  EXPECT_EQ(MatchTotp(kRfcKey, CodeAt(kStep - 1), kNow, std::nullopt), kStep - 1);
  EXPECT_EQ(MatchTotp(kRfcKey, CodeAt(kStep + 1), kNow, std::nullopt), kStep + 1);
  EXPECT_EQ(MatchTotp(kRfcKey, CodeAt(kStep - 2), kNow, std::nullopt), std::nullopt);
  EXPECT_EQ(MatchTotp(kRfcKey, CodeAt(kStep + 2), kNow, std::nullopt), std::nullopt);
  // No drift: only the current step.
  EXPECT_EQ(MatchTotp(kRfcKey, CodeAt(kStep), kNow, std::nullopt, 0), kStep);
  EXPECT_EQ(MatchTotp(kRfcKey, CodeAt(kStep - 1), kNow, std::nullopt, 0), std::nullopt);
  EXPECT_EQ(MatchTotp(kRfcKey, CodeAt(kStep + 1), kNow, std::nullopt, 0), std::nullopt);
  // A wider window when the caller asks for one.
  EXPECT_EQ(MatchTotp(kRfcKey, CodeAt(kStep - 2), kNow, std::nullopt, 2), kStep - 2);
}

TEST(Otp, MatchTotpNearTheEpochDoesNotWrapAround) {
  EXPECT_EQ(MatchTotp(kRfcKey, CodeAt(0), 0, std::nullopt), 0u);
  EXPECT_EQ(MatchTotp(kRfcKey, CodeAt(1), 0, std::nullopt), 1u);
  EXPECT_EQ(MatchTotp(kRfcKey, CodeAt(UINT64_MAX), 0, std::nullopt), std::nullopt);
}

TEST(Otp, Asvs2_8_4_ACodeIsAcceptedOnceOnly) {
  const std::string code = CodeAt(kStep);
  const std::optional<std::uint64_t> used = MatchTotp(kRfcKey, code, kNow, std::nullopt);
  ASSERT_EQ(used, kStep);
  // The same code again, still inside its window, is a replay.
  EXPECT_EQ(MatchTotp(kRfcKey, code, kNow, used), std::nullopt);
  EXPECT_EQ(MatchTotp(kRfcKey, code, kNow + 30, used), std::nullopt);
  // So is an older code that is still within the drift.
  EXPECT_EQ(MatchTotp(kRfcKey, CodeAt(kStep - 1), kNow, used), std::nullopt);
  // The next code is fine, and moves the marker on.
  EXPECT_EQ(MatchTotp(kRfcKey, CodeAt(kStep + 1), kNow, used), kStep + 1);
  EXPECT_EQ(MatchTotp(kRfcKey, CodeAt(kStep + 1), kNow + 30, kStep + 1), std::nullopt);
}

TEST(Otp, MatchTotpIgnoresSpacesOnly) {
  const std::string code = CodeAt(kStep);
  const std::string spaced = code.substr(0, 3) + " " + code.substr(3);
  EXPECT_EQ(MatchTotp(kRfcKey, spaced, kNow, std::nullopt), kStep);
  EXPECT_EQ(MatchTotp(kRfcKey, "  " + code + " ", kNow, std::nullopt), kStep);
  EXPECT_EQ(MatchTotp(kRfcKey, code.substr(0, 3) + "-" + code.substr(3), kNow, std::nullopt),
            std::nullopt);
  EXPECT_EQ(MatchTotp(kRfcKey, code + "\n", kNow, std::nullopt), std::nullopt);
  EXPECT_EQ(MatchTotp(kRfcKey, "\t" + code, kNow, std::nullopt), std::nullopt);
}

TEST(Otp, MatchTotpRejectsBadInput) {
  const std::string code = CodeAt(kStep);
  const std::string bad[] = {
      "",
      "      ",
      code.substr(0, 5),        // too short
      code + "0",               // too long
      "0" + code,               // too long, even with the right suffix
      code.substr(0, 5) + "a",  // letters
      "abcdef",
      "+" + code.substr(1),                                                        // signs
      "\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x94\xEF\xBC\x95\xEF\xBC\x96",  // full-width
      std::string(code.data(), 3) + std::string(1, '\0') + code.substr(3, 2),
  };
  for (const std::string& typed : bad) {
    EXPECT_EQ(MatchTotp(kRfcKey, typed, kNow, std::nullopt), std::nullopt) << typed;
  }
  // The wrong code of the right shape.
  const std::string wrong = code == "000000" ? "000001" : "000000";
  EXPECT_EQ(MatchTotp(kRfcKey, wrong, kNow, std::nullopt, 0), std::nullopt);
  // 8-digit codes when 6 are expected, and the other way round.
  EXPECT_EQ(MatchTotp(kRfcKey, "89005924", kNow, std::nullopt), std::nullopt);
  EXPECT_EQ(MatchTotp(kRfcKey, code, kNow, std::nullopt, 1, 8), std::nullopt);
  // Another key.
  EXPECT_EQ(MatchTotp("another secret key..", code, kNow, std::nullopt, 0), std::nullopt);
}

TEST(Otp, NewTotpSecretIs160RandomBits) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string secret = NewTotpSecret();
    EXPECT_EQ(secret.size(), 20u);
    EXPECT_TRUE(seen.insert(secret).second);
  }
  EXPECT_EQ(Base32Encode(NewTotpSecret()).size(), 32u);  // 160 bits = 32 letters, no padding
}

TEST(Otp, Base32Rfc4648Section10Vectors) {
  EXPECT_EQ(Base32Encode(""), "");
  EXPECT_EQ(Base32Encode("f"), "MY");
  EXPECT_EQ(Base32Encode("fo"), "MZXQ");
  EXPECT_EQ(Base32Encode("foo"), "MZXW6");
  EXPECT_EQ(Base32Encode("foob"), "MZXW6YQ");
  EXPECT_EQ(Base32Encode("fooba"), "MZXW6YTB");
  EXPECT_EQ(Base32Encode("foobar"), "MZXW6YTBOI");
}

TEST(Otp, Base32OfBinary) {
  EXPECT_EQ(Base32Encode(kRfcKey), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(Base32Encode(std::string(5, '\0')), "AAAAAAAA");
  EXPECT_EQ(Base32Encode(std::string(5, '\xff')), "77777777");
  EXPECT_EQ(Base32Encode(std::string(1, '\xff')), "74");
}

TEST(Otp, GroupsOfFour) {
  EXPECT_EQ(GroupsOfFour(""), "");
  EXPECT_EQ(GroupsOfFour("ABC"), "ABC");
  EXPECT_EQ(GroupsOfFour("ABCD"), "ABCD");
  EXPECT_EQ(GroupsOfFour("ABCDE"), "ABCD E");
  EXPECT_EQ(GroupsOfFour("ABCDEFGH"), "ABCD EFGH");
  EXPECT_EQ(GroupsOfFour("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
            "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
}

TEST(Otp, OtpauthUri) {
  EXPECT_EQ(OtpauthUri("Lumbung", "siti@example.id", kRfcKey),
            "otpauth://totp/Lumbung:siti%40example.id?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&issuer=Lumbung&algorithm=SHA1&digits=6&period=30");
}

TEST(Otp, OtpauthUriPercentEncodesNames) {
  // Spaces as %20 (never '+'), '&' and ':' encoded so they cannot end the label or the
  // parameter, non-ASCII as UTF-8 bytes; unreserved characters kept.
  EXPECT_EQ(OtpauthUri("BPJS: Lumbung & Co", "Siti Nurhaliza \xC3\xB1 a-b_c.d~e", kRfcKey),
            "otpauth://totp/BPJS%3A%20Lumbung%20%26%20Co:Siti%20Nurhaliza%20%C3%B1%20a-b_c.d~e"
            "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&issuer=BPJS%3A%20Lumbung%20%26%20Co&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(OtpauthUri("a?b=c#d/e+f%", "x", "0123456789abcdef"),
            "otpauth://totp/a%3Fb%3Dc%23d%2Fe%2Bf%25:x?secret=GAYTEMZUGU3DOOBZMFRGGZDFMY"
            "&issuer=a%3Fb%3Dc%23d%2Fe%2Bf%25&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace lumbung::security
