#include "certificates/certificate_code.h"

#include <gtest/gtest.h>

#include <set>

namespace lumbung::certificates {
namespace {

TEST(CertificateCode, IsSixteenLettersOfTheAlphabetAndACheckCharacter) {
  const std::string code = CodeFromRandomBytes(std::string(16, '\x00'));
  EXPECT_EQ(code.size(), kCodeLength);
  EXPECT_EQ(code.substr(0, 16), std::string(16, '2'));
  EXPECT_EQ(code.back(), CheckCharacter(code.substr(0, 16)));
  EXPECT_THROW(CodeFromRandomBytes("short"), std::invalid_argument);
}

// ASVS 4.0.3 2.3.1-like: codes are random (80 bits), never repeated in practice.
TEST(CertificateCode, FreshCodesDifferAndParse) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string code = NewCertificateCode();
    ASSERT_TRUE(ParseCertificateCode(code)) << code;
    EXPECT_TRUE(seen.insert(code).second);
  }
}

TEST(CertificateCode, ParsesWhatPeopleType) {
  const std::string code = NewCertificateCode();
  const std::string grouped = GroupCode(code);
  EXPECT_EQ(grouped.size(), kCodeLength + 4);
  EXPECT_EQ(grouped[4], '-');
  EXPECT_EQ(ParseCertificateCode(grouped), code);
  std::string lower;
  for (const char c : grouped) lower.push_back(static_cast<char>(std::tolower(c)));
  EXPECT_EQ(ParseCertificateCode(lower), code);
  std::string spaced;
  for (const char c : grouped) spaced.push_back(c == '-' ? ' ' : c);
  EXPECT_EQ(ParseCertificateCode(spaced), code);
}

TEST(CertificateCode, TheCheckCharacterCatchesEverySingleMistypedCharacter) {
  const std::string code = NewCertificateCode();
  for (std::size_t i = 0; i < code.size(); ++i) {
    for (const char other : kCodeAlphabet) {
      if (other == code[i]) continue;
      std::string typo = code;
      typo[i] = other;
      EXPECT_FALSE(ParseCertificateCode(typo)) << typo;
    }
  }
}

TEST(CertificateCode, RefusesLookAlikesAndWrongLengths) {
  const std::string code = NewCertificateCode();
  EXPECT_FALSE(ParseCertificateCode(""));
  EXPECT_FALSE(ParseCertificateCode(code.substr(0, 16)));
  EXPECT_FALSE(ParseCertificateCode(code + "2"));
  EXPECT_FALSE(ParseCertificateCode("O" + code.substr(1)));
  EXPECT_FALSE(ParseCertificateCode("1" + code.substr(1)));
  EXPECT_FALSE(ParseCertificateCode(std::string(100, '2')));
  EXPECT_FALSE(ParseCertificateCode("../../etc/passwd"));
}

}  // namespace
}  // namespace lumbung::certificates
