#include "profile/text.h"

#include <gtest/gtest.h>

namespace lumbung::profile {
namespace {

TEST(CheckLine, TrimsAndJoinsRunsOfSpaces) {
  const auto line = CheckLine("  Jl. Melati   No. 5,  RT 001/RW 002  ", 300);
  EXPECT_EQ(line.problem, LineProblem::kNone);
  EXPECT_EQ(line.text, "Jl. Melati No. 5, RT 001/RW 002");
}

TEST(CheckLine, EmptyOrOnlySpacesIsEmpty) {
  EXPECT_EQ(CheckLine("", 10).problem, LineProblem::kEmpty);
  EXPECT_EQ(CheckLine("    ", 10).problem, LineProblem::kEmpty);
}

TEST(CheckLine, CountsCharactersNotBytes) {
  // "é" is two bytes: ten of them are ten characters.
  std::string ten;
  for (int i = 0; i < 10; ++i) ten += "é";
  EXPECT_EQ(CheckLine(ten, 10).problem, LineProblem::kNone);
  EXPECT_EQ(CheckLine(ten + "x", 10).problem, LineProblem::kTooLong);
}

TEST(CheckLine, RefusesWhatCouldBreakAPageAMailOrALogLine) {
  for (const std::string& bad :
       {std::string("Jl. Melati\nNo. 5"), std::string("Jl.\tMelati"), std::string("a\rb"),
        std::string("a\x7f"), std::string("a\xc2\x85"),  // U+0085 next line
        std::string("a\xe2\x80\xa8"),                    // U+2028 line separator
        std::string("a\xe2\x80\xae"
                    "cba"),                                 // U+202E right-to-left override
        std::string("a\xe2\x81\xa6"),                       // U+2066 isolate
        std::string("\xff\xfe"), std::string("a\xc0\xaf"),  // invalid, overlong '/'
        std::string("a\xed\xa0\x80"),                       // a surrogate
        std::string("a\xe2\x80"), std::string("a") + std::string(1, '\0')}) {
    EXPECT_EQ(CheckLine(bad, 300).problem, LineProblem::kControlCharacter) << bad;
  }
}

TEST(CheckPersonName, AcceptsNamesAsPeopleWriteThem) {
  for (const char* name :
       {"Siti Rahayu", "Ni Komang Sukarini", "Dr. A. Wijaya, S.E.", "O'Neil",
        "Anak Agung Gde-Putra", "José Müller", "Abdul’Aziz", "李小龙", "Endang"}) {
    const auto check = CheckPersonName(name);
    EXPECT_EQ(check.problem, NameProblem::kNone) << name;
    EXPECT_EQ(check.name, name);
  }
  EXPECT_EQ(CheckPersonName("  Siti   Rahayu ").name, "Siti Rahayu");
}

TEST(CheckPersonName, RefusesDigitsSymbolsAndMarkup) {
  for (const char* name :
       {"Siti 2", "<script>", "Budi@mail", "=SUM(A1)", "Budi; DROP", "...", "-", "Budi × Ani"}) {
    EXPECT_EQ(CheckPersonName(name).problem, NameProblem::kCharacters) << name;
  }
  EXPECT_EQ(CheckPersonName(" ").problem, NameProblem::kEmpty);
  EXPECT_EQ(CheckPersonName(std::string(101, 'a')).problem, NameProblem::kTooLong);
  EXPECT_EQ(CheckPersonName(std::string(100, 'a')).problem, NameProblem::kNone);
  EXPECT_EQ(CheckPersonName("Siti\nRahayu").problem, NameProblem::kCharacters);
}

}  // namespace
}  // namespace lumbung::profile
