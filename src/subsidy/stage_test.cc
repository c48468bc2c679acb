#include "subsidy/stage.h"

#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/i18n/catalog.h"

namespace lumbung::subsidy {
namespace {

StageFacts Eligible() {
  StageFacts f;
  f.eligible = true;
  return f;
}

// 2022: candidate -> confirmed as recipient in batch N -> paid to the account.
TEST(SubsidyStage, TheThreeStagesOf2022) {
  StageFacts f = Eligible();
  EXPECT_EQ(StageFor(StageStyle::kY2022, f).id, "subsidy.stage.y2022.candidate");
  f.batch = BatchStatus::kSubmitted;
  f.batch_number = 3;
  EXPECT_EQ(StageFor(StageStyle::kY2022, f).id, "subsidy.stage.y2022.candidate")
      << "a batch not yet approved is not shown";
  f.batch = BatchStatus::kApproved;
  const StageText confirmed = StageFor(StageStyle::kY2022, f);
  EXPECT_EQ(confirmed.id, "subsidy.stage.y2022.confirmed");
  EXPECT_EQ(confirmed.values.at("batch"), "3");
  EXPECT_EQ(confirmed.next_id, "subsidy.stage.y2022.confirmed_next");
  f.batch = BatchStatus::kSent;
  EXPECT_EQ(StageFor(StageStyle::kY2022, f).stage, MemberStage::kConfirmed);
  f.payment = PaymentResult::kPaidToBank;
  f.batch = BatchStatus::kReconciled;
  EXPECT_EQ(StageFor(StageStyle::kY2022, f).id, "subsidy.stage.y2022.paid");
}

// 2025's notices, each from the facts that lead to it.
TEST(SubsidyStage, TheNoticesOf2025) {
  auto id = [](const StageFacts& f) { return StageFor(StageStyle::kY2025, f).id; };
  StageFacts f = Eligible();
  EXPECT_EQ(id(f), "subsidy.stage.y2025.meets_criteria");
  f.batch = BatchStatus::kApproved;
  f.batch_number = 12;
  EXPECT_EQ(id(f), "subsidy.stage.y2025.confirmed");
  EXPECT_EQ(StageFor(StageStyle::kY2025, f).values.at("batch"), "12");

  StageFacts account = Eligible();
  account.account_problem = true;
  EXPECT_EQ(id(account), "subsidy.stage.y2025.account_problem");
  account.batch = BatchStatus::kApproved;
  EXPECT_EQ(id(account), "subsidy.stage.y2025.account_problem")
      << "the account is the member's to fix even in a confirmed batch";

  StageFacts failed = f;
  failed.payment = PaymentResult::kFailed;
  EXPECT_EQ(id(failed), "subsidy.stage.y2025.account_problem");
  EXPECT_EQ(StageFor(StageStyle::kY2025, failed).next_id,
            "subsidy.stage.y2025.account_problem_next");
  failed.payment = PaymentResult::kReturnedToEmployer;
  EXPECT_EQ(StageFor(StageStyle::kY2025, failed).next_id,
            "subsidy.stage.y2025.account_problem_employer_next");

  StageFacts post = f;
  post.payment = PaymentResult::kReroutedToPostOffice;
  EXPECT_EQ(id(post), "subsidy.stage.y2025.post_office");
  post.payment = PaymentResult::kPaidAtPostOffice;
  EXPECT_EQ(id(post), "subsidy.stage.y2025.paid_post_office");
  StageFacts paid = f;
  paid.payment = PaymentResult::kPaidToBank;
  EXPECT_EQ(id(paid), "subsidy.stage.y2025.paid_bank");

  EXPECT_EQ(id(StageFacts{}), "subsidy.stage.y2025.not_eligible");
}

TEST(SubsidyStage, MoneyPaidIsPaidWhateverChangedSince) {
  StageFacts f;
  f.eligible = false;  // e.g. a later run after the member changed jobs
  f.payment = PaymentResult::kPaidToBank;
  EXPECT_EQ(StageOf(f), MemberStage::kPaidBank);
}

TEST(SubsidyStage, EveryTextIsInBothCatalogs) {
  const i18n::Catalogs catalogs =
      i18n::Catalogs::LoadDirectory(std::filesystem::path(LUMBUNG_TEST_SHARE_DIR) / "locale");
  for (StageStyle style : {StageStyle::kY2022, StageStyle::kY2025}) {
    for (const std::string& id : StageMessageIds(style)) {
      for (const std::string& lang : catalogs.Languages()) {
        EXPECT_THAT(catalogs.Get(lang, id), ::testing::Not(::testing::StartsWith("[[")))
            << lang << " " << id;
      }
    }
  }
}

}  // namespace
}  // namespace lumbung::subsidy
