#include "identity/member_lookup.h"

#include <gtest/gtest.h>

#include <string>

namespace lumbung::identity {
namespace {

MemberQuery Query(std::string_view typed) {
  const auto check = ClassifyMemberQuery(typed);
  EXPECT_TRUE(check.query) << typed << ": " << check.problem;
  return check.query.value_or(MemberQuery{});
}

std::string Problem(std::string_view typed) {
  const auto check = ClassifyMemberQuery(typed);
  EXPECT_FALSE(check.query) << typed;
  return check.problem;
}

TEST(MemberLookup, SixteenDigitsAreANikAsPrintedOnTheCard) {
  for (const char* typed : {"3374014508900001", " 3374 0145 0890 0001 ", "3374-0145-0890-0001",
                            "3374.0145.0890.0001"}) {
    const MemberQuery q = Query(typed);
    EXPECT_EQ(q.kind, MemberQueryKind::kNik) << typed;
    EXPECT_EQ(q.value, "3374014508900001") << typed;
  }
}

TEST(MemberLookup, ElevenDigitsAreAKpj) {
  const MemberQuery q = Query("100 000 000 01");
  EXPECT_EQ(q.kind, MemberQueryKind::kKpj);
  EXPECT_EQ(q.value, "10000000001");
}

TEST(MemberLookup, OtherNumbersAreNeitherAndSaySo) {
  for (const char* typed : {"12345", "337401450890000", "33740145089000011", "1-2"}) {
    EXPECT_EQ(Problem(typed), "digits") << typed;
  }
}

TEST(MemberLookup, AnythingWithAnAtSignIsAnEMailAddressSearchedExactly) {
  const MemberQuery q = Query("  Siti.Rahayu@Contoh.CO.id ");
  EXPECT_EQ(q.kind, MemberQueryKind::kEmail);
  EXPECT_EQ(q.value, "siti.rahayu@contoh.co.id");
  EXPECT_EQ(Problem("siti@"), "email");
  EXPECT_EQ(Problem("@contoh.co.id"), "email");
}

TEST(MemberLookup, TheRestIsPartOfANameLowerCasedWithSpacesTidied) {
  const MemberQuery q = Query("  SITI   Rahayu ");
  EXPECT_EQ(q.kind, MemberQueryKind::kName);
  EXPECT_EQ(q.value, "siti rahayu");
  EXPECT_EQ(Query("Ni Made 2").kind, MemberQueryKind::kName) << "letters and digits: a name";
  EXPECT_EQ(Query("Ñoño").value, "Ñoño") << "beyond ASCII kept as typed";
  EXPECT_EQ(Problem("a"), "name_short");
  EXPECT_EQ(Problem("É"), "name_short");
}

TEST(MemberLookup, EmptyLongAndControlCharactersAreRefused) {
  EXPECT_EQ(Problem(""), "empty");
  EXPECT_EQ(Problem(" \t "), "empty");
  EXPECT_EQ(Problem(std::string(101, 'a')), "too_long");
  EXPECT_TRUE(ClassifyMemberQuery(std::string(100, 'a')).query);
  EXPECT_EQ(Problem("siti\x01"), "characters");
  EXPECT_EQ(Problem("siti\xff"), "characters");
}

TEST(MemberLookup, KindNamesAreWhatTheAuditStores) {
  EXPECT_EQ(MemberQueryKindName(MemberQueryKind::kNik), "nik");
  EXPECT_EQ(MemberQueryKindName(MemberQueryKind::kKpj), "kpj");
  EXPECT_EQ(MemberQueryKindName(MemberQueryKind::kEmail), "email");
  EXPECT_EQ(MemberQueryKindName(MemberQueryKind::kName), "name");
}

TEST(MemberLookup, Asvs5310_LikePatternsEscapeTheirWildcards) {
  EXPECT_EQ(LikeContains("siti"), "%siti%");
  EXPECT_EQ(LikeContains("100%_a\\b"), "%100\\%\\_a\\\\b%");
}

TEST(MemberLookup, Asvs83_EMailShowsItsFirstCharacterAndDomain) {
  EXPECT_EQ(MaskEmail("siti.rahayu@contoh.co.id"), "s•••@contoh.co.id");
  EXPECT_EQ(MaskEmail("é@contoh.co.id"), "é•••@contoh.co.id") << "a character is kept whole";
  EXPECT_EQ(MaskEmail("nobody"), "•••");
  EXPECT_EQ(MaskEmail("@x.id"), "•••");
  EXPECT_EQ(MaskEmail(""), "•••");
}

TEST(MemberLookup, Asvs83_KpjIsMaskedInTheMiddle) {
  EXPECT_EQ(MaskKpj("12345678901"), "123•••••901");
  EXPECT_EQ(MaskKpj("12345678"), "123••678");
  EXPECT_EQ(MaskKpj("1234567"), "•••••••");
  EXPECT_EQ(MaskKpj(""), "•");
}

TEST(MemberLookup, Asvs83_OnlyTheBirthYear) {
  EXPECT_EQ(BirthYear("1990-08-05"), "1990");
  EXPECT_EQ(BirthYear("1990-08-05 00:00:00"), "1990");
  EXPECT_EQ(BirthYear("x990-08-05"), "");
  EXPECT_EQ(BirthYear("19"), "");
}

TEST(MemberLookup, StaffTextIsFiveToFiveHundredCharacters) {
  std::string cleaned;
  EXPECT_EQ(CheckStaffText("  Telepon anggota S-000123  ", &cleaned), "");
  EXPECT_EQ(cleaned, "Telepon anggota S-000123");
  EXPECT_EQ(CheckStaffText("   ", &cleaned), "missing");
  EXPECT_EQ(CheckStaffText("abcd", &cleaned), "too_short");
  EXPECT_EQ(CheckStaffText("abcde", &cleaned), "");
  EXPECT_EQ(CheckStaffText("ééééé", &cleaned), "") << "characters, not bytes";
  EXPECT_EQ(CheckStaffText(std::string(500, 'a'), &cleaned), "");
  EXPECT_EQ(CheckStaffText(std::string(501, 'a'), &cleaned), "too_long");
  EXPECT_EQ(CheckStaffText("line one\nline two\ttab", &cleaned), "");
  EXPECT_EQ(CheckStaffText("bell\x07 rings", &cleaned), "characters");
  EXPECT_EQ(CheckStaffText("bad \xc3 utf8", &cleaned), "characters");
}

TEST(MemberLookup, SupportReferencesAreFoundInAReason) {
  EXPECT_EQ(SupportReferenceIn("S-000123"), "S-000123");
  EXPECT_EQ(SupportReferenceIn("member called, see s-42 and S-43"), "S-42");
  EXPECT_EQ(SupportReferenceIn("(S-7)"), "S-7");
  EXPECT_EQ(SupportReferenceIn("ABS-12"), "");
  EXPECT_EQ(SupportReferenceIn("S-x"), "");
  EXPECT_EQ(SupportReferenceIn("S-"), "");
  EXPECT_EQ(SupportReferenceIn("telepon"), "");
}

TEST(MemberLookup, IdentityChecksAreTheThreeTheFundAccepts) {
  for (auto method : kIdentityChecks) EXPECT_TRUE(IsIdentityCheck(method));
  EXPECT_FALSE(IsIdentityCheck(""));
  EXPECT_FALSE(IsIdentityCheck("email"));
}

}  // namespace
}  // namespace lumbung::identity
