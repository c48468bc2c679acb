#include "claims/workflow.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <tuple>

namespace lumbung::claims {
namespace {

// The expected table written out by name, independently of workflow.cc: every (status, action,
// role) not listed here must be refused.
const std::map<std::tuple<std::string, std::string, std::string>, std::string>& Expected() {
  static const auto* table =
      new std::map<std::tuple<std::string, std::string, std::string>, std::string>{
          {{"draft", "submit", "claimant"}, "submitted"},
          {{"submitted", "start_verification", "claims_verifier"}, "being_verified"},
          {{"being_verified", "ask_documents", "claims_verifier"}, "more_documents"},
          {{"more_documents", "answer", "claimant"}, "being_verified"},
          {{"being_verified", "verify", "claims_verifier"}, "verified"},
          {{"verified", "approve", "claims_approver"}, "approved"},
          {{"verified", "reject", "claims_approver"}, "rejected"},
          {{"verified", "send_back", "claims_approver"}, "being_verified"},
          {{"draft", "withdraw", "claimant"}, "withdrawn"},
          {{"submitted", "withdraw", "claimant"}, "withdrawn"},
          {{"being_verified", "withdraw", "claimant"}, "withdrawn"},
          {{"more_documents", "withdraw", "claimant"}, "withdrawn"},
          {{"verified", "withdraw", "claimant"}, "withdrawn"},
          {{"approved", "add_to_batch", "finance"}, "in_payout"},
          {{"in_payout", "record_paid", "finance"}, "paid"},
          {{"in_payout", "record_failed", "finance"}, "payout_failed"},
          {{"payout_failed", "correct_account", "claimant"}, "approved"},
      };
  return *table;
}

// ASVS 4.0.3 1.1.6 / 4.3.3: the claim's whole life in one tested table (4 roles x 13 actions x
// 11 statuses), so no route can invent a transition.
TEST(ClaimWorkflow, TheWholeTable) {
  int allowed = 0;
  for (int s = 0; s < kStatusCount; ++s) {
    for (int a = 0; a < kActionCount; ++a) {
      for (int r = 0; r < kRoleCount; ++r) {
        const auto status = static_cast<Status>(s);
        const auto action = static_cast<Action>(a);
        const auto role = static_cast<Role>(r);
        const auto key =
            std::make_tuple(std::string(StatusName(status)), std::string(ActionName(action)),
                            std::string(RoleName(role)));
        const auto next = NextStatus(status, action, role);
        const auto it = Expected().find(key);
        if (it == Expected().end()) {
          EXPECT_FALSE(next.has_value()) << std::get<0>(key) << " " << std::get<1>(key) << " "
                                         << std::get<2>(key) << " must be refused";
        } else {
          ++allowed;
          ASSERT_TRUE(next.has_value()) << std::get<0>(key) << " " << std::get<1>(key);
          EXPECT_EQ(StatusName(*next), it->second);
        }
      }
    }
  }
  EXPECT_EQ(allowed, static_cast<int>(Expected().size()));
}

TEST(ClaimWorkflow, NamesRoundTrip) {
  for (int s = 0; s < kStatusCount; ++s) {
    const auto status = static_cast<Status>(s);
    EXPECT_EQ(ParseStatus(StatusName(status)), status);
  }
  for (int a = 0; a < kActionCount; ++a) {
    const auto action = static_cast<Action>(a);
    EXPECT_EQ(ParseAction(ActionName(action)), action);
  }
  EXPECT_FALSE(ParseStatus("approved ").has_value());
  EXPECT_FALSE(ParseAction("APPROVE").has_value());
}

TEST(ClaimWorkflow, OpenPendingAndWithdrawable) {
  EXPECT_FALSE(IsOpen(Status::kDraft));
  EXPECT_TRUE(IsOpen(Status::kSubmitted));
  EXPECT_TRUE(IsOpen(Status::kPayoutFailed));
  EXPECT_FALSE(IsOpen(Status::kPaid));
  EXPECT_FALSE(IsOpen(Status::kRejected));
  EXPECT_FALSE(IsOpen(Status::kWithdrawn));
  EXPECT_TRUE(CanWithdraw(Status::kVerified)) << "until a decision";
  EXPECT_FALSE(CanWithdraw(Status::kApproved)) << "not once approved";
  EXPECT_FALSE(CanWithdraw(Status::kInPayout));
}

// ASVS 4.0.3 1.1.6, 4.3.3: four eyes. The verifier never decides; nobody acts on their own
// claim or a relative's.
TEST(ClaimWorkflow, SeparationOfDuties) {
  SeparationFacts facts{.actor_account_id = 7, .claimant_account_id = 3};
  EXPECT_EQ(CheckSeparation(Action::kVerify, Role::kVerifier, facts), Separation::kAllowed);
  facts.verifier_account_id = 7;
  EXPECT_EQ(CheckSeparation(Action::kApprove, Role::kApprover, facts), Separation::kVerifiedIt);
  EXPECT_EQ(CheckSeparation(Action::kReject, Role::kApprover, facts), Separation::kVerifiedIt);
  EXPECT_EQ(CheckSeparation(Action::kSendBack, Role::kApprover, facts), Separation::kAllowed)
      << "sending back is not a decision";
  facts.verifier_account_id = 8;
  EXPECT_EQ(CheckSeparation(Action::kApprove, Role::kApprover, facts), Separation::kAllowed);

  SeparationFacts own{.actor_account_id = 3, .claimant_account_id = 3};
  EXPECT_EQ(CheckSeparation(Action::kStartVerification, Role::kVerifier, own),
            Separation::kOwnClaim);
  SeparationFacts insured{
      .actor_account_id = 9, .claimant_account_id = 3, .actor_is_insured_member = true};
  EXPECT_EQ(CheckSeparation(Action::kApprove, Role::kApprover, insured), Separation::kOwnClaim);
  SeparationFacts relative{
      .actor_account_id = 9, .claimant_account_id = 3, .actor_is_beneficiary = true};
  EXPECT_EQ(CheckSeparation(Action::kVerify, Role::kVerifier, relative),
            Separation::kRelativesClaim);
  EXPECT_EQ(CheckSeparation(Action::kAddToBatch, Role::kFinance, relative),
            Separation::kRelativesClaim);
  EXPECT_EQ(CheckSeparation(Action::kAnswer, Role::kClaimant, own), Separation::kAllowed);
}

}  // namespace
}  // namespace lumbung::claims
