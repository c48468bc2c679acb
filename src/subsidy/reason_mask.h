// A decision's reasons as a bit mask, the form subsidy_outcomes.reasons stores them in (one
// BIGINT per member and run, written set-based by the eligibility run, run.h).
//
// Bit i stands for the i-th code of ReasonCodes(program) of the run's programme year:
//   citizen, not_citizen, wage_earner, not_wage_earner, active_on_cutoff, not_active_on_cutoff,
//   no_wage_reported, wage_within_limit, wage_above_limit, wages_summed, minimum_wage_unknown,
//   not_on_exclusion_lists, excluded_<list> for each list the programme names (in its order),
//   area_covered, area_not_covered, bank_account_valid, no_bank_account, bank_account_shared,
//   bank_account_flagged.
// A mask is read with the programme of the run that wrote it (subsidy_runs.program_year): a
// year's programme names its lists once and they do not move. A reason that occurs more than
// once in a decision (no_wage_reported for two employers) is one bit. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "subsidy/eligibility.h"
#include "subsidy/program.h"

namespace lumbung::subsidy {

// The bit of `code` in the programme's masks; 0 for a code the programme cannot give.
std::int64_t ReasonBit(const Program& program, std::string_view code);

// The bits of every reason of the decision.
std::int64_t ReasonMask(const Program& program, const SubsidyDecision& decision);

// The codes whose bits are set, in ReasonCodes order.
std::vector<std::string> ReasonCodesIn(const Program& program, std::int64_t mask);

// The bits of the reasons that make a member not eligible under the programme (Decide's
// `blocks`): a member is eligible exactly when (mask & BlockingMask) == 0. The bank account's
// problems block only where the programme requires an account.
std::int64_t BlockingMask(const Program& program);

}  // namespace lumbung::subsidy
