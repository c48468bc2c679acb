#include "subsidy/reason_mask.h"

#include <stdexcept>

namespace lumbung::subsidy {

std::int64_t ReasonBit(const Program& program, std::string_view code) {
  const std::vector<std::string> codes = ReasonCodes(program);
  if (codes.size() > 62) throw std::logic_error("subsidy: more reason codes than mask bits");
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (codes[i] == code) return std::int64_t{1} << i;
  }
  return 0;
}

std::int64_t ReasonMask(const Program& program, const SubsidyDecision& decision) {
  std::int64_t mask = 0;
  for (const Reason& reason : decision.reasons) mask |= ReasonBit(program, reason.code);
  return mask;
}

std::vector<std::string> ReasonCodesIn(const Program& program, std::int64_t mask) {
  std::vector<std::string> found;
  const std::vector<std::string> codes = ReasonCodes(program);
  for (std::size_t i = 0; i < codes.size() && i < 63; ++i) {
    if (mask & (std::int64_t{1} << i)) found.push_back(codes[i]);
  }
  return found;
}

std::int64_t BlockingMask(const Program& program) {
  std::int64_t mask = 0;
  for (const char* code : {"not_citizen", "not_wage_earner", "not_active_on_cutoff",
                           "no_wage_reported", "wage_above_limit", "area_not_covered"}) {
    mask |= ReasonBit(program, code);
  }
  for (const std::string& list : program.exclusions) {
    mask |= ReasonBit(program, "excluded_" + list);
  }
  if (program.bank_account_required) {
    for (const char* code : {"no_bank_account", "bank_account_shared", "bank_account_flagged"}) {
      mask |= ReasonBit(program, code);
    }
  }
  return mask;
}

}  // namespace lumbung::subsidy
