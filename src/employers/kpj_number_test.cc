#include "employers/kpj_number.h"

#include <set>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace lumbung::employers {
namespace {

// Worked by hand with the Damm table: body 1000000000 -> interims 1:7, 0:7, 0:8 ... ending
// at 3, so the first KPJ is 10000000003.
TEST(KpjNumber, WorkedExamples) {
  EXPECT_EQ(IssueKpj(0), "10000000003");
  EXPECT_EQ(IssueKpj(1), "10000000016");
  EXPECT_EQ(IssueKpj(42), "10000000424");
  EXPECT_EQ(IssueKpj(123456789), "11234567897");
  EXPECT_EQ(IssueKpj(kKpjSequenceCount - 1), "99999999992");
}

TEST(KpjNumber, IssuedNumbersPassAndGiveBackTheirSequence) {
  std::set<std::string> seen;
  for (std::uint64_t seq :
       {0ull, 1ull, 9ull, 10ull, 99999ull, 4'500'000'000ull, 8'999'999'999ull}) {
    const std::string kpj = IssueKpj(seq);
    EXPECT_EQ(kpj.size(), 11u);
    EXPECT_EQ(CheckKpj(kpj), KpjProblem::kNone) << kpj;
    EXPECT_EQ(KpjSequence(kpj), seq);
    EXPECT_TRUE(seen.insert(kpj).second);
  }
}

TEST(KpjNumber, SequencesBeyondTheRangeAreRefused) {
  EXPECT_THROW(IssueKpj(kKpjSequenceCount), std::out_of_range);
}

TEST(KpjNumber, ShapeProblems) {
  EXPECT_EQ(CheckKpj(""), KpjProblem::kNotElevenDigits);
  EXPECT_EQ(CheckKpj("1000000000"), KpjProblem::kNotElevenDigits);    // 10 digits
  EXPECT_EQ(CheckKpj("100000000030"), KpjProblem::kNotElevenDigits);  // 12 digits
  EXPECT_EQ(CheckKpj("0000000000 "), KpjProblem::kNotElevenDigits);   // space
  EXPECT_EQ(CheckKpj("01000000003"), KpjProblem::kNotElevenDigits);   // leading zero
  EXPECT_EQ(CheckKpj("1000000000X"), KpjProblem::kNotElevenDigits);
  EXPECT_EQ(CheckKpj("1.00000E+10"), KpjProblem::kNotElevenDigits);  // spreadsheet notation
  EXPECT_EQ(KpjSequence("10000000004"), std::nullopt);
}

TEST(KpjNumber, TyposAreCaughtByTheCheckDigit) {
  EXPECT_EQ(CheckKpj("10000000004"), KpjProblem::kBadCheckDigit);  // last digit
  EXPECT_EQ(CheckKpj("11234567887"), KpjProblem::kBadCheckDigit);  // 9 -> 8
  EXPECT_EQ(CheckKpj("11234567987"), KpjProblem::kBadCheckDigit);  // 89 swapped
  const std::string kpj = IssueKpj(777'123'456);
  for (std::size_t i = 0; i < kpj.size(); ++i) {
    for (char d = '0'; d <= '9'; ++d) {
      if (d == kpj[i] || (i == 0 && d == '0')) continue;
      std::string typo = kpj;
      typo[i] = d;
      EXPECT_EQ(CheckKpj(typo), KpjProblem::kBadCheckDigit) << typo;
    }
  }
}

}  // namespace
}  // namespace lumbung::employers
