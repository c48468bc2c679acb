#include "subsidy/checker.h"

#include <gtest/gtest.h>

namespace lumbung::subsidy {
namespace {

TEST(SubsidyChecker, SixteenDigitsAreANikElevenAKpjNumber) {
  const auto nik = ParseCheckerIdentifier("3171014508900001");
  ASSERT_TRUE(nik);
  EXPECT_EQ(nik->kind, IdentifierKind::kNik);
  EXPECT_EQ(nik->digits, "3171014508900001");
  const auto kpj = ParseCheckerIdentifier("12345678901");
  ASSERT_TRUE(kpj);
  EXPECT_EQ(kpj->kind, IdentifierKind::kKpj);
  EXPECT_EQ(kpj->digits, "12345678901");
}

TEST(SubsidyChecker, SeparatorsBetweenDigitsAreIgnored) {
  EXPECT_EQ(ParseCheckerIdentifier(" 3171 0145 0890 0001 ")->digits, "3171014508900001");
  EXPECT_EQ(ParseCheckerIdentifier("31.71.01-4508900001")->digits, "3171014508900001");
  EXPECT_EQ(ParseCheckerIdentifier("1234567890-1")->kind, IdentifierKind::kKpj);
}

// OWASP ASVS 4.0.3 V5.1.3: anything but a NIK or a KPJ number is refused before any lookup.
TEST(SubsidyChecker, AnythingElseIsNoNumber) {
  for (const char* typed : {"", "   ", "317101450890000", "31710145089000011", "123456789012",
                            "1234567890", "3171O14508900001", "-3171014508900001",
                            "3171..014508900001", "3171014508900001;", "１２３４５６７８９０１"}) {
    EXPECT_FALSE(ParseCheckerIdentifier(typed)) << typed;
  }
}

TEST(SubsidyChecker, NamesAreComparedWithoutCaseSpacesOrTitles) {
  EXPECT_TRUE(SameRegistryName("Siti Rahayu", "siti rahayu"));
  EXPECT_TRUE(SameRegistryName("Siti Rahayu", "  SITI   RAHAYU "));
  EXPECT_TRUE(SameRegistryName("Siti Rahayu", "Ibu Siti Rahayu, S.E."));
  EXPECT_TRUE(SameRegistryName("Nurhayati", "Nur Hayati"));
  EXPECT_TRUE(SameRegistryName("Muhammad Yusuf", "Mohammad Yusuf"));
}

TEST(SubsidyChecker, ADifferentNameOrAnInitialIsNoMatch) {
  EXPECT_FALSE(SameRegistryName("Siti Rahayu Wahyuni", "Siti R. Wahyuni"))
      << "an initial makes the name easier to guess";
  EXPECT_FALSE(SameRegistryName("Siti Rahayu Wahyuni", "Siti Wahyuni"));
  EXPECT_FALSE(SameRegistryName("Siti Rahayu", "Rahayu Siti"));
  EXPECT_FALSE(SameRegistryName("Siti Rahayu", "Siti Rahayuu"));
  EXPECT_FALSE(SameRegistryName("Siti Rahayu", ""));
  EXPECT_FALSE(SameRegistryName("Siti Rahayu", ". , -"));
  EXPECT_FALSE(SameRegistryName("", ""));
}

TEST(SubsidyChecker, APersonMatchesOnBirthDateAndName) {
  const RegistryPerson person{7, "Budi Santoso", "1990-08-17"};
  EXPECT_TRUE(MatchesPerson(person, "1990-08-17", "budi santoso"));
  EXPECT_FALSE(MatchesPerson(person, "1990-08-18", "Budi Santoso"));
  EXPECT_FALSE(MatchesPerson(person, "1990-08-17", "Budi Susanto"));
  EXPECT_FALSE(MatchesPerson(person, "1990-08-18", "Budi Susanto"));
}

// The stand-in compared when the number names nobody matches nothing a form can send.
TEST(SubsidyChecker, NobodyMatchesNothingTheFormAccepts) {
  EXPECT_EQ(NobodyPerson().member_id, 0);
  EXPECT_FALSE(MatchesPerson(NobodyPerson(), "1990-08-17", "Budi Santoso"));
  EXPECT_LT(NobodyPerson().birth_date, "1900-01-01") << "the form refuses years before 1900";
}

// OWASP ASVS 4.0.3 V2.2.1 / V11.1.4: one bucket per address and one per number, the number's
// named by a digest so the throttle table keeps no NIK as typed.
TEST(SubsidyChecker, ThrottleBucketsPerAddressAndPerNumber) {
  const auto nik = *ParseCheckerIdentifier("3171014508900001");
  const auto keys = ThrottleKeys("203.0.113.9", nik);
  EXPECT_EQ(keys.address, "subsidy_check:ip:203.0.113.9");
  EXPECT_EQ(keys.identifier.rfind("subsidy_check:id:", 0), 0u);
  EXPECT_EQ(keys.identifier.find("3171014508900001"), std::string::npos);
  EXPECT_EQ(keys.identifier.size(), std::string("subsidy_check:id:").size() + 64);
  EXPECT_EQ(ThrottleKeys("198.51.100.1", nik).identifier, keys.identifier)
      << "the number's bucket is the same from every address";
  const auto spaced = *ParseCheckerIdentifier("3171 0145 0890 0001");
  EXPECT_EQ(ThrottleKeys("203.0.113.9", spaced).identifier, keys.identifier)
      << "however the number was typed";
  EXPECT_NE(ThrottleKeys("203.0.113.9", *ParseCheckerIdentifier("12345678901")).identifier,
            keys.identifier);
}

TEST(SubsidyChecker, ResultNamesForTheMetrics) {
  EXPECT_EQ(CheckResultName(CheckResult::kMatch), "match");
  EXPECT_EQ(CheckResultName(CheckResult::kNoMatch), "no_match");
  EXPECT_EQ(CheckResultName(CheckResult::kThrottled), "throttled");
}

}  // namespace
}  // namespace lumbung::subsidy
