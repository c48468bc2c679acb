#include "subsidy/stage.h"

#include <array>

namespace lumbung::subsidy {
namespace {

constexpr int kStageCount = 7;

constexpr std::array<std::string_view, kStageCount> kY2022Names = {
    "not_eligible", "candidate",        "confirmed", "account_problem",
    "post_office",  "paid_post_office", "paid"};
constexpr std::array<std::string_view, kStageCount> kY2025Names = {
    "not_eligible", "meets_criteria",   "confirmed", "account_problem",
    "post_office",  "paid_post_office", "paid_bank"};

std::string Prefix(StageStyle style) {
  return "subsidy.stage." + std::string(StageStyleName(style)) + ".";
}

}  // namespace

MemberStage StageOf(const StageFacts& facts) {
  // A payment's result speaks first: money paid is paid, whatever else changed since.
  switch (facts.payment) {
    case PaymentResult::kPaidToBank:
      return MemberStage::kPaidBank;
    case PaymentResult::kPaidAtPostOffice:
      return MemberStage::kPaidPostOffice;
    case PaymentResult::kReroutedToPostOffice:
      return MemberStage::kPostOffice;
    case PaymentResult::kFailed:
    case PaymentResult::kReturnedToEmployer:
      return MemberStage::kAccountProblem;
    case PaymentResult::kNone:
      break;
  }
  if (!facts.eligible) return MemberStage::kNotEligible;
  // An account that cannot be paid is the member's to fix, even in a confirmed batch.
  if (facts.account_problem) return MemberStage::kAccountProblem;
  if (facts.batch && BatchIsConfirmed(*facts.batch)) return MemberStage::kConfirmed;
  return MemberStage::kCandidate;
}

std::string_view StageName(StageStyle style, MemberStage stage) {
  const auto& names = style == StageStyle::kY2025 ? kY2025Names : kY2022Names;
  return names[static_cast<int>(stage)];
}

StageText StageFor(StageStyle style, const StageFacts& facts) {
  StageText text;
  text.stage = StageOf(facts);
  text.id = Prefix(style) + std::string(StageName(style, text.stage));
  text.next_id = text.id + "_next";
  if (facts.payment == PaymentResult::kReturnedToEmployer)
    text.next_id = text.id + "_employer_next";
  if (text.stage == MemberStage::kConfirmed) {
    text.values["batch"] = facts.batch_number ? std::to_string(*facts.batch_number) : "-";
  }
  return text;
}

std::vector<std::string> StageMessageIds(StageStyle style) {
  std::vector<std::string> ids;
  for (int i = 0; i < kStageCount; ++i) {
    const std::string id =
        Prefix(style) + std::string(StageName(style, static_cast<MemberStage>(i)));
    ids.push_back(id);
    ids.push_back(id + "_next");
  }
  ids.push_back(Prefix(style) + "account_problem_employer_next");
  return ids;
}

}  // namespace lumbung::subsidy
