// The stage a member sees for a year's wage subsidy, in the programme's own words
// (the domain facts): 2022's three stages (candidate -> confirmed as recipient in batch N ->
// paid to the account) and 2025's notices (meets the criteria / confirmed in batch N, wait for
// the transfer / eligible but an account problem / paid through the post office / paid to the
// bank account / does not meet the requirements). A programme names its wording in
// `stage_style`; years before 2022 use the three stages. Pure: the caller supplies the decision,
// the batch's state and the payment's result.
//
// The texts are catalog ids subsidy.stage.<style>.<stage> and, for what to do next,
// subsidy.stage.<style>.<stage>_next (or a more precise next step, e.g. after the payment was
// sent back to the employer); {{batch}} is the batch number.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "subsidy/batch_workflow.h"
#include "subsidy/program.h"

namespace lumbung::subsidy {

enum class MemberStage {
  kNotEligible,     // does not meet the requirements
  kCandidate,       // 2022 "candidate/registered", 2025 "meets the criteria"
  kConfirmed,       // in an approved batch: "confirmed in batch N, wait for the transfer"
  kAccountProblem,  // eligible, but the account cannot be paid (or a payment failed)
  kPostOffice,      // to be paid at the post office instead
  kPaidPostOffice,  // paid through the post office
  kPaidBank,        // paid to the bank account
};

// What happened to the member's payment in the batch (the bank's result file).
enum class PaymentResult {
  kNone,  // not sent yet, or no result yet
  kPaidToBank,
  kPaidAtPostOffice,
  kFailed,                // the bank refused it: the member corrects the account
  kReroutedToPostOffice,  // failed and moved to the post-office channel
  kReturnedToEmployer,    // failed and sent back for the employer to correct the data
};

struct StageFacts {
  bool eligible = false;
  bool account_problem = false;      // the decision's account_problem
  std::optional<BatchStatus> batch;  // the batch the member is in, if any
  std::optional<long long> batch_number;
  PaymentResult payment = PaymentResult::kNone;
};

struct StageText {
  MemberStage stage = MemberStage::kNotEligible;
  std::string id;                             // subsidy.stage.<style>.<stage>
  std::string next_id;                        // what to do next
  std::map<std::string, std::string> values;  // {{batch}}
};

MemberStage StageOf(const StageFacts& facts);
StageText StageFor(StageStyle style, const StageFacts& facts);

// "candidate"/"meets_criteria", "confirmed", ... as the style words it.
std::string_view StageName(StageStyle style, MemberStage stage);
// Every catalog id StageFor can return for a style (for catalog checks).
std::vector<std::string> StageMessageIds(StageStyle style);

}  // namespace lumbung::subsidy
