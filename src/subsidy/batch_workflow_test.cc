#include "subsidy/batch_workflow.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <tuple>

namespace lumbung::subsidy {
namespace {

// The expected table written out by name, independently of batch_workflow.cc: every (status,
// action, role) not listed here must be refused.
const std::map<std::tuple<std::string, std::string, std::string>, std::string>& Expected() {
  static const auto* table =
      new std::map<std::tuple<std::string, std::string, std::string>, std::string>{
          {{"draft", "edit", "subsidy_officer"}, "draft"},
          {{"draft", "submit", "subsidy_officer"}, "submitted"},
          {{"submitted", "withdraw", "subsidy_officer"}, "draft"},
          {{"submitted", "send_back", "subsidy_approver"}, "draft"},
          {{"submitted", "approve", "subsidy_approver"}, "approved"},
          {{"approved", "send", "finance"}, "sent"},
          {{"sent", "record_results", "finance"}, "sent"},
          {{"sent", "reconcile", "finance"}, "reconciled"},
      };
  return *table;
}

// ASVS 4.0.3 1.1.6, 11.1.1: the batch's whole life in one tested table (3 roles x 8 actions x
// 5 statuses), so no route can invent a transition or skip approval.
TEST(SubsidyBatchWorkflow, TheWholeTable) {
  int allowed = 0;
  for (int s = 0; s < kBatchStatusCount; ++s) {
    for (int a = 0; a < kBatchActionCount; ++a) {
      for (int r = 0; r < kBatchRoleCount; ++r) {
        const auto status = static_cast<BatchStatus>(s);
        const auto action = static_cast<BatchAction>(a);
        const auto role = static_cast<BatchRole>(r);
        const auto key =
            std::make_tuple(std::string(BatchStatusName(status)),
                            std::string(BatchActionName(action)), std::string(BatchRoleName(role)));
        const auto next = NextBatchStatus(status, action, role);
        const auto it = Expected().find(key);
        if (it == Expected().end()) {
          EXPECT_FALSE(next.has_value()) << std::get<0>(key) << " " << std::get<1>(key) << " "
                                         << std::get<2>(key) << " must be refused";
        } else {
          ++allowed;
          ASSERT_TRUE(next.has_value()) << std::get<0>(key) << " " << std::get<1>(key);
          EXPECT_EQ(BatchStatusName(*next), it->second);
        }
      }
    }
  }
  EXPECT_EQ(allowed, static_cast<int>(Expected().size()));
}

// An approved batch cannot change: whoever asks, its only move is `send`.
TEST(SubsidyBatchWorkflow, AnApprovedBatchOnlyGoesToTheBank) {
  for (int a = 0; a < kBatchActionCount; ++a) {
    for (int r = 0; r < kBatchRoleCount; ++r) {
      const auto action = static_cast<BatchAction>(a);
      const auto next = NextBatchStatus(BatchStatus::kApproved, action, static_cast<BatchRole>(r));
      if (next) {
        EXPECT_EQ(action, BatchAction::kSend);
        EXPECT_EQ(*next, BatchStatus::kSent);
      }
    }
  }
  EXPECT_TRUE(BatchCanChange(BatchStatus::kDraft));
  for (auto s : {BatchStatus::kSubmitted, BatchStatus::kApproved, BatchStatus::kSent,
                 BatchStatus::kReconciled}) {
    EXPECT_FALSE(BatchCanChange(s)) << BatchStatusName(s);
  }
  EXPECT_FALSE(BatchIsConfirmed(BatchStatus::kSubmitted)) << "internal until approved";
  EXPECT_TRUE(BatchIsConfirmed(BatchStatus::kApproved));
  EXPECT_TRUE(BatchIsConfirmed(BatchStatus::kReconciled));
}

// ASVS 4.0.3 1.1.6: four eyes. The person who submitted never approves; nobody acts on a batch
// that pays them.
TEST(SubsidyBatchWorkflow, SeparationOfDuties) {
  BatchSeparationFacts facts{.actor_account_id = 7, .submitted_by = 3};
  EXPECT_EQ(CheckBatchSeparation(BatchAction::kApprove, BatchRole::kApprover, facts),
            BatchSeparation::kAllowed);
  facts.submitted_by = 7;
  EXPECT_EQ(CheckBatchSeparation(BatchAction::kApprove, BatchRole::kApprover, facts),
            BatchSeparation::kSubmittedIt);
  EXPECT_EQ(CheckBatchSeparation(BatchAction::kWithdraw, BatchRole::kOfficer, facts),
            BatchSeparation::kAllowed)
      << "the submitter may take it back";
  facts.submitted_by.reset();
  EXPECT_EQ(CheckBatchSeparation(BatchAction::kApprove, BatchRole::kApprover, facts),
            BatchSeparation::kSubmittedIt)
      << "no recorded submitter: no proof of two people";
  BatchSeparationFacts own{.actor_account_id = 9, .submitted_by = 3, .actor_in_batch = true};
  for (auto action : {BatchAction::kEdit, BatchAction::kApprove, BatchAction::kSend,
                      BatchAction::kRecordResults}) {
    EXPECT_EQ(CheckBatchSeparation(action, BatchRole::kFinance, own), BatchSeparation::kOwnPayment)
        << BatchActionName(action);
  }
  EXPECT_EQ(BatchSeparationName(BatchSeparation::kSubmittedIt), "submitted_it");
}

TEST(SubsidyBatchWorkflow, ReconciledOnlyWhenNobodyWaits) {
  EXPECT_TRUE(CanReconcile({.members = 10, .paid = 7, .failed = 2, .rerouted = 1}));
  EXPECT_FALSE(CanReconcile({.members = 10, .paid = 7, .failed = 2, .rerouted = 0}));
  EXPECT_FALSE(CanReconcile({.members = 10, .paid = 9, .failed = 2, .rerouted = 0}))
      << "more results than members";
  EXPECT_TRUE(CanReconcile({}));
}

TEST(SubsidyBatchWorkflow, NamesRoundTrip) {
  for (int s = 0; s < kBatchStatusCount; ++s) {
    const auto status = static_cast<BatchStatus>(s);
    EXPECT_EQ(ParseBatchStatus(BatchStatusName(status)), status);
  }
  for (int a = 0; a < kBatchActionCount; ++a) {
    const auto action = static_cast<BatchAction>(a);
    EXPECT_EQ(ParseBatchAction(BatchActionName(action)), action);
  }
  EXPECT_FALSE(ParseBatchStatus("Approved").has_value());
  EXPECT_FALSE(ParseBatchAction("approve ").has_value());
}

}  // namespace
}  // namespace lumbung::subsidy
