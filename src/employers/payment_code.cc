#include "employers/payment_code.h"

#include <algorithm>
#include <stdexcept>

#include "core/security/damm.h"

namespace lumbung::employers {
namespace {

constexpr std::uint64_t kFirstBody = 1'000'000'000;

}  // namespace

std::string IssuePaymentCode(std::uint64_t sequence) {
  if (sequence >= kPaymentCodeSequenceCount) {
    throw std::out_of_range("IssuePaymentCode: payment codes exhausted");
  }
  const std::string body = std::to_string(kFirstBody + sequence);
  return body + *security::DammCheckDigit(body);
}

PaymentCodeProblem CheckPaymentCode(std::string_view code) {
  const bool shape =
      code.size() == 11 && code[0] != '0' &&
      std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!shape) return PaymentCodeProblem::kNotElevenDigits;
  return security::IsDammValid(code) ? PaymentCodeProblem::kNone
                                     : PaymentCodeProblem::kBadCheckDigit;
}

std::optional<std::uint64_t> PaymentCodeSequence(std::string_view code) {
  if (CheckPaymentCode(code) != PaymentCodeProblem::kNone) return std::nullopt;
  return std::stoull(std::string(code.substr(0, 10))) - kFirstBody;
}

}  // namespace lumbung::employers
