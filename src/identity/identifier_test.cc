#include "identity/identifier.h"

#include <gtest/gtest.h>

#include <string>

namespace lumbung::identity {
namespace {

Identifier Parse(std::string_view text) {
  auto id = ParseIdentifier(text);
  EXPECT_TRUE(id.has_value()) << "ParseIdentifier(\"" << text << "\") refused";
  return id.value_or(Identifier{IdentifierKind::kUsername, "<refused>"});
}

TEST(ParseIdentifier, AnythingWithAnAtIsAnEmailLowerCasedAndTrimmed) {
  Identifier id = Parse("  Siti.Rahma@Contoh.CO.ID\t");
  EXPECT_EQ(id.kind, IdentifierKind::kEmail);
  EXPECT_EQ(id.value, "siti.rahma@contoh.co.id");
  // Detection only: a malformed address is still "an e-mail" and simply finds no account.
  EXPECT_EQ(Parse("@").kind, IdentifierKind::kEmail);
}

TEST(ParseIdentifier, SixteenDigitsAreANik) {
  Identifier id = Parse("3174012501900001");
  EXPECT_EQ(id.kind, IdentifierKind::kNik);
  EXPECT_EQ(id.value, "3174012501900001");
}

TEST(ParseIdentifier, NikMayBeWrittenInGroupsAsOnTheIdCard) {
  for (const char* text : {"3174 0125 0190 0001", "3174.0125.0190.0001", "3174-0125-0190-0001",
                           "31.74.01.250190.0001", "  3174 01 250190 0001  "}) {
    Identifier id = Parse(text);
    EXPECT_EQ(id.kind, IdentifierKind::kNik) << text;
    EXPECT_EQ(id.value, "3174012501900001") << text;
  }
}

TEST(ParseIdentifier, OtherDigitCountsAreNotANik) {
  // 15 and 17 digits, an 11-digit KPJ: usernames (which then name no account).
  for (const char* text :
       {"317401250190000", "31740125019000012", "12345678901", "3174 0125 0190 000x"}) {
    EXPECT_EQ(Parse(text).kind, IdentifierKind::kUsername) << text;
  }
}

TEST(ParseIdentifier, EverythingElseIsAUsernameLowerCased) {
  Identifier id = Parse(" Siti_Rahma.90 ");
  EXPECT_EQ(id.kind, IdentifierKind::kUsername);
  EXPECT_EQ(id.value, "siti_rahma.90");
}

TEST(ParseIdentifier, RefusesEmptyAndBlankInput) {
  EXPECT_FALSE(ParseIdentifier(""));
  EXPECT_FALSE(ParseIdentifier("   "));
  EXPECT_FALSE(ParseIdentifier("\t \t"));
}

TEST(ParseIdentifier, RefusesControlCharacters) {
  EXPECT_FALSE(ParseIdentifier("siti\nrahma"));
  EXPECT_FALSE(ParseIdentifier("siti@contoh.id\r\nBcc: x@y.id"));
  EXPECT_FALSE(ParseIdentifier(std::string("siti\0rahma", 10)));
  EXPECT_FALSE(ParseIdentifier("siti\x7f"));
  EXPECT_FALSE(ParseIdentifier("\x1b[31msiti"));
}

TEST(ParseIdentifier, RefusesInvalidUtf8) {
  EXPECT_FALSE(ParseIdentifier("siti\xff"));
  EXPECT_FALSE(ParseIdentifier("\xc3"));            // truncated sequence
  EXPECT_FALSE(ParseIdentifier("\xc0\xaf"));        // overlong '/'
  EXPECT_FALSE(ParseIdentifier("\xed\xa0\x80xx"));  // UTF-16 surrogate
  // Valid non-ASCII text is kept (and names no account): only ASCII is case-folded.
  Identifier id = Parse("Ségolène");
  EXPECT_EQ(id.kind, IdentifierKind::kUsername);
  EXPECT_EQ(id.value, "ségolène");
}

TEST(ParseIdentifier, LengthLimitIs254BytesAfterTrimming) {
  const std::string at_limit = std::string(240, 'a') + "@contoh.co.id";  // 253
  ASSERT_EQ(at_limit.size(), 253u);
  EXPECT_TRUE(ParseIdentifier(at_limit + "x"));
  EXPECT_FALSE(ParseIdentifier(at_limit + "xy"));
  EXPECT_TRUE(ParseIdentifier("   " + at_limit + "x   "));  // trimming comes first
  EXPECT_FALSE(ParseIdentifier(std::string(100000, 'a')));
}

TEST(NormaliseEmail, TrimsAndLowerCases) {
  EXPECT_EQ(NormaliseEmail("  Siti@Contoh.Co.ID "), "siti@contoh.co.id");
  EXPECT_EQ(NormaliseEmail("a.b+tag@sub.contoh.id"), "a.b+tag@sub.contoh.id");
  EXPECT_EQ(NormaliseEmail("x@y.id"), "x@y.id");
}

TEST(NormaliseEmail, RefusesWhatIsNotOnePlausibleAddress) {
  for (const char* text : {"",
                           "   ",
                           "siti",
                           "siti@",
                           "@contoh.id",
                           "siti@contoh",
                           "siti@contoh.",
                           "siti@.id",
                           "siti@@contoh.id",
                           "si@ti@contoh.id",
                           "siti rahma@contoh.id",
                           "siti@contoh..id",
                           "a@b.id, c@d.id",
                           "a@b.id;c@d.id",
                           "<a@b.id>",
                           "\"siti\"@contoh.id",
                           "siti(x)@b.id",
                           "a@b.id\r\nBcc: x@y.id",
                           "siti\n@contoh.id",
                           "siti\xff@contoh.id"}) {
    EXPECT_FALSE(NormaliseEmail(text)) << text;
  }
}

TEST(NormaliseEmail, RefusesWhatTheMailerCannotDeliver) {
  // Whatever is accepted here is later queued as the recipient of a mail (mail/address.h); an
  // address the outbox refuses would fail the sign-up with a server error instead of a message.
  for (const char* text : {".siti@contoh.id", "siti.@contoh.id", "si..ti@contoh.id",
                           "siti@.contoh.id", "siti@-contoh.id", "siti@contoh-.id",
                           "siti@con_toh.id", "sití@contoh.id", "siti@contóh.id"}) {
    EXPECT_FALSE(NormaliseEmail(text)) << text;
  }
}

TEST(NormaliseEmail, LengthLimitIs254Bytes) {
  const std::string domain =
      "@" + std::string(63, 'b') + "." + std::string(63, 'c') + "." + std::string(63, 'd') + ".id";
  ASSERT_EQ(domain.size(), 195u);
  EXPECT_TRUE(NormaliseEmail(std::string(59, 'a') + domain));   // 254 bytes
  EXPECT_FALSE(NormaliseEmail(std::string(60, 'a') + domain));  // 255 bytes
}

TEST(NormaliseUsername, LowerCasesAndTrims) {
  EXPECT_EQ(NormaliseUsername(" Siti.Rahma_90-x "), "siti.rahma_90-x");
  EXPECT_EQ(NormaliseUsername("abc"), "abc");
  EXPECT_EQ(NormaliseUsername(std::string(32, 'z')), std::string(32, 'z'));
}

TEST(NormaliseUsername, ThreeToThirtyTwoCharactersStartingWithALetter) {
  EXPECT_FALSE(NormaliseUsername(""));
  EXPECT_FALSE(NormaliseUsername("ab"));
  EXPECT_FALSE(NormaliseUsername(std::string(33, 'z')));
  EXPECT_FALSE(NormaliseUsername("1abc"));
  EXPECT_FALSE(NormaliseUsername("_abc"));
  EXPECT_FALSE(NormaliseUsername(".abc"));
}

TEST(NormaliseUsername, KeepsNiksAndKpjsUnambiguous) {
  // A username can never look like a NIK or KPJ (it starts with a letter), nor like an e-mail.
  EXPECT_FALSE(NormaliseUsername("3174012501900001"));
  EXPECT_FALSE(NormaliseUsername("12345678901"));
  EXPECT_FALSE(NormaliseUsername("siti@contoh.id"));
}

TEST(NormaliseUsername, RefusesOtherCharacters) {
  for (const char* text :
       {"siti rahma", "siti+1", "siti/1", "sití", "siti\n", "siti\xff", "si\tti"}) {
    EXPECT_FALSE(NormaliseUsername(text)) << text;
  }
}

TEST(NormaliseUsername, AgreesWithParseIdentifier) {
  // A stored username is found again by what ParseIdentifier makes of the same typing.
  for (const char* text : {"Siti.Rahma", "  budi_90 ", "ANI-x"}) {
    auto stored = NormaliseUsername(text);
    ASSERT_TRUE(stored) << text;
    Identifier id = Parse(text);
    EXPECT_EQ(id.kind, IdentifierKind::kUsername);
    EXPECT_EQ(id.value, *stored);
  }
}

}  // namespace
}  // namespace lumbung::identity
