#include "employers/kpj_number.h"

#include <algorithm>
#include <stdexcept>

#include "core/security/damm.h"

namespace lumbung::employers {
namespace {

constexpr std::uint64_t kFirstBody = 1'000'000'000;

bool IsElevenDigitsWithoutLeadingZero(std::string_view text) {
  return text.size() == 11 && text[0] != '0' &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string IssueKpj(std::uint64_t sequence) {
  if (sequence >= kKpjSequenceCount) throw std::out_of_range("IssueKpj: KPJ numbers exhausted");
  const std::string body = std::to_string(kFirstBody + sequence);
  return body + *security::DammCheckDigit(body);
}

KpjProblem CheckKpj(std::string_view kpj) {
  if (!IsElevenDigitsWithoutLeadingZero(kpj)) return KpjProblem::kNotElevenDigits;
  return security::IsDammValid(kpj) ? KpjProblem::kNone : KpjProblem::kBadCheckDigit;
}

std::optional<std::uint64_t> KpjSequence(std::string_view kpj) {
  if (CheckKpj(kpj) != KpjProblem::kNone) return std::nullopt;
  return std::stoull(std::string(kpj.substr(0, 10))) - kFirstBody;
}

}  // namespace lumbung::employers
