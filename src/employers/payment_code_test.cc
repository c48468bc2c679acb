#include "employers/payment_code.h"

#include <set>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace lumbung::employers {
namespace {

TEST(PaymentCode, WorkedExamples) {
  EXPECT_EQ(IssuePaymentCode(0), "10000000003");
  EXPECT_EQ(IssuePaymentCode(123456789), "11234567897");
  EXPECT_EQ(CheckPaymentCode("11234567897"), PaymentCodeProblem::kNone);
  EXPECT_EQ(PaymentCodeSequence("11234567897"), 123456789u);
}

TEST(PaymentCode, ConsecutiveBillsGetDistinctValidCodes) {
  std::set<std::string> codes;
  for (std::uint64_t seq = 0; seq < 20000; ++seq) {
    const std::string code = IssuePaymentCode(seq);
    ASSERT_EQ(CheckPaymentCode(code), PaymentCodeProblem::kNone) << code;
    ASSERT_EQ(PaymentCodeSequence(code), seq);
    ASSERT_TRUE(codes.insert(code).second) << code;
  }
}

TEST(PaymentCode, TheRangeEnds) {
  EXPECT_EQ(IssuePaymentCode(kPaymentCodeSequenceCount - 1), "99999999992");
  EXPECT_THROW(IssuePaymentCode(kPaymentCodeSequenceCount), std::out_of_range);
}

TEST(PaymentCode, ShapeProblems) {
  EXPECT_EQ(CheckPaymentCode(""), PaymentCodeProblem::kNotElevenDigits);
  EXPECT_EQ(CheckPaymentCode("1123456789"), PaymentCodeProblem::kNotElevenDigits);
  EXPECT_EQ(CheckPaymentCode("112345678970"), PaymentCodeProblem::kNotElevenDigits);
  EXPECT_EQ(CheckPaymentCode("1123456789 7"), PaymentCodeProblem::kNotElevenDigits);
  EXPECT_EQ(CheckPaymentCode("01234567897"), PaymentCodeProblem::kNotElevenDigits);
  EXPECT_EQ(CheckPaymentCode("1123456789-"), PaymentCodeProblem::kNotElevenDigits);
  EXPECT_EQ(PaymentCodeSequence("abc"), std::nullopt);
}

// What an employer mistyping a code at the bank does: one digit wrong anywhere, or two
// neighbouring digits swapped. Every such variant of these codes is refused.
TEST(PaymentCode, EverySingleDigitMutationAndAdjacentSwapIsRefused) {
  for (std::uint64_t seq : {0ull, 7ull, 31'415'926ull, 2'718'281'828ull, 8'999'999'999ull}) {
    const std::string code = IssuePaymentCode(seq);
    for (std::size_t i = 0; i < code.size(); ++i) {
      for (char d = '0'; d <= '9'; ++d) {
        if (d == code[i]) continue;
        std::string typo = code;
        typo[i] = d;
        EXPECT_NE(CheckPaymentCode(typo), PaymentCodeProblem::kNone) << code << " -> " << typo;
      }
      if (i + 1 < code.size() && code[i] != code[i + 1]) {
        std::string swapped = code;
        std::swap(swapped[i], swapped[i + 1]);
        EXPECT_NE(CheckPaymentCode(swapped), PaymentCodeProblem::kNone)
            << code << " -> " << swapped;
      }
    }
  }
}

}  // namespace
}  // namespace lumbung::employers
