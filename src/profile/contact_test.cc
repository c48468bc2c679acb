#include "profile/contact.h"

#include <gtest/gtest.h>

namespace lumbung::profile {
namespace {

TEST(MaritalStatuses, AreTheRegistrysValues) {
  ASSERT_EQ(MaritalStatuses().size(), 4u);
  for (const char* s : {"single", "married", "divorced", "widowed"})
    EXPECT_TRUE(IsMaritalStatus(s));
  for (const char* s : {"", "Married", "kawin", "single "}) EXPECT_FALSE(IsMaritalStatus(s)) << s;
}

TEST(CheckAddress, OneLineOfAtMost300Characters) {
  EXPECT_EQ(CheckAddress(" Jl. Kenanga No. 7, Bandung ").text, "Jl. Kenanga No. 7, Bandung");
  EXPECT_EQ(CheckAddress(std::string(300, 'a')).problem, LineProblem::kNone);
  EXPECT_EQ(CheckAddress(std::string(301, 'a')).problem, LineProblem::kTooLong);
  EXPECT_EQ(CheckAddress("").problem, LineProblem::kEmpty);
  EXPECT_EQ(CheckAddress("Jl. Kenanga\r\nBandung").problem, LineProblem::kControlCharacter);
}

TEST(NormalisePhone, MobileNumbersInTheWaysPeopleWriteThem) {
  for (const char* typed :
       {"081234567890", "0812-3456-7890", "0812 3456 7890", "+6281234567890", "+62 812 3456 7890",
        "62 812-3456-7890", "(0812) 3456.7890", "+62 (0)812 3456 7890"}) {
    const auto check = NormalisePhone(typed);
    EXPECT_EQ(check.problem, PhoneProblem::kNone) << typed;
    EXPECT_EQ(check.e164, "+6281234567890") << typed;
  }
  EXPECT_EQ(NormalisePhone("0812345678").e164, "+62812345678");        // 10 digits, the shortest
  EXPECT_EQ(NormalisePhone("0812345678901").e164, "+62812345678901");  // 13, the longest
}

TEST(NormalisePhone, LandlinesWithTheirAreaCode) {
  EXPECT_EQ(NormalisePhone("(021) 555-1234").e164, "+62215551234");
  EXPECT_EQ(NormalisePhone("021 5551 2345").e164, "+622155512345");
  EXPECT_EQ(NormalisePhone("+62 21 5551234").e164, "+62215551234");
  EXPECT_EQ(NormalisePhone("0361 234567").e164, "+62361234567");
  EXPECT_EQ(NormalisePhone("0274 12345").e164, "+6227412345");    // 8 digits with the 0
  EXPECT_EQ(NormalisePhone("0967 531234").e164, "+62967531234");  // Jayapura
}

TEST(NormalisePhone, EmptyMeansNoNumber) {
  for (const char* typed : {"", "   "}) {
    const auto check = NormalisePhone(typed);
    EXPECT_EQ(check.problem, PhoneProblem::kNone);
    EXPECT_EQ(check.e164, "");
  }
}

TEST(NormalisePhone, SaysWhatIsWrong) {
  for (const char* typed : {"0812abc4567", "0812/3456/7890", "+62+812345678", "08123456789 ext 2",
                            "０８１２３４５６７８９０", "0812_3456_7890"}) {
    EXPECT_EQ(NormalisePhone(typed).problem, PhoneProblem::kCharacters) << typed;
  }
  for (const char* typed : {"+1 415 555 0100", "+65 6123 4567", "81234567890", "1500 000",
                            "0150 0000", "0062 812 3456 7890", "+"}) {
    EXPECT_EQ(NormalisePhone(typed).problem, PhoneProblem::kNotIndonesian) << typed;
  }
  for (const char* typed :
       {"0", "62", "081234567", "08123456789012", "021 1234", "021 1234 5678 90", "+62"}) {
    EXPECT_EQ(NormalisePhone(typed).problem, PhoneProblem::kLength) << typed;
  }
}

TEST(DisplayPhone, RegistryAndEditedFormsLookTheSame) {
  EXPECT_EQ(DisplayPhone("081234567890"), "0812-3456-7890");
  EXPECT_EQ(DisplayPhone("+6281234567890"), "0812-3456-7890");
  EXPECT_EQ(DisplayPhone("0896 1234 5678"), "0896-1234-5678");
  EXPECT_EQ(DisplayPhone("+6289612345678"), "0896-1234-5678");
  EXPECT_EQ(DisplayPhone("0214551234"), "(021) 455-1234");
  EXPECT_EQ(DisplayPhone("+62214551234"), "(021) 455-1234");
}

TEST(DisplayPhone, MobileNumbersOfEveryLength) {
  EXPECT_EQ(DisplayPhone("+62812345678"), "0812-345-678");        // 10 digits
  EXPECT_EQ(DisplayPhone("+628123456789"), "0812-3456-789");      // 11
  EXPECT_EQ(DisplayPhone("+6281234567890"), "0812-3456-7890");    // 12
  EXPECT_EQ(DisplayPhone("+62812345678901"), "0812-3456-78901");  // 13
}

TEST(DisplayPhone, LandlinesWithTheAreaCodeInBrackets) {
  EXPECT_EQ(DisplayPhone("+62215551234"), "(021) 555-1234");    // Jakarta
  EXPECT_EQ(DisplayPhone("+622155512345"), "(021) 5551-2345");  // eight-digit subscriber
  EXPECT_EQ(DisplayPhone("+62614551234"), "(061) 455-1234");    // Medan
  EXPECT_EQ(DisplayPhone("+62361234567"), "(0361) 234-567");    // Denpasar
  EXPECT_EQ(DisplayPhone("+6227412345"), "(0274) 12-345");      // Yogyakarta
  EXPECT_EQ(DisplayPhone("+62967531234"), "(0967) 531-234");    // Jayapura
}

TEST(DisplayPhone, ReadsBackAsTheSameNumber) {
  for (const char* stored : {"+6281234567890", "+62812345678", "+62215551234", "+6227412345"})
    EXPECT_EQ(NormalisePhone(DisplayPhone(stored)).e164, stored) << stored;
}

TEST(DisplayPhone, ShowsAnUncheckedStoredValueAsItIs) {
  EXPECT_EQ(DisplayPhone(" 12345 "), "12345");
  EXPECT_EQ(DisplayPhone("+65 6123 4567"), "+65 6123 4567");
  EXPECT_EQ(DisplayPhone(""), "");
}

}  // namespace
}  // namespace lumbung::profile
