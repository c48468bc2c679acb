#include "subsidy/member_status.h"

#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/i18n/catalog.h"
#include "subsidy/reason_mask.h"

namespace lumbung::subsidy {
namespace {

const ProgramBook& Shipped() {
  static const ProgramBook book = ProgramBook::LoadFile(
      std::filesystem::path(LUMBUNG_TEST_SHARE_DIR) / "config" / "subsidy_programs.json");
  return book;
}

const i18n::Catalogs& Texts() {
  static const i18n::Catalogs catalogs =
      i18n::Catalogs::LoadDirectory(std::filesystem::path(LUMBUNG_TEST_SHARE_DIR) / "locale");
  return catalogs;
}

std::int64_t Mask(const Program& program, std::initializer_list<const char*> codes) {
  std::int64_t mask = 0;
  for (const char* code : codes) mask |= ReasonBit(program, code);
  return mask;
}

std::vector<std::string> CodesOf(const std::vector<Reason>& reasons) {
  std::vector<std::string> codes;
  for (const Reason& r : reasons) codes.push_back(r.code);
  return codes;
}

TEST(SubsidyMemberStatus, BatchStatesAsTheTableWritesThem) {
  EXPECT_EQ(ParseBatchState("draft"), BatchStatus::kDraft);
  EXPECT_EQ(ParseBatchState("submitted"), BatchStatus::kSubmitted);
  EXPECT_EQ(ParseBatchState("approved"), BatchStatus::kApproved);
  EXPECT_EQ(ParseBatchState("sent"), BatchStatus::kSent);
  EXPECT_EQ(ParseBatchState("reconciled"), BatchStatus::kReconciled);
  EXPECT_EQ(ParseBatchState("Approved"), std::nullopt);
  EXPECT_EQ(ParseBatchState(""), std::nullopt);
}

TEST(SubsidyMemberStatus, WithoutAPaymentTheRunSpeaks) {
  OutcomeRow outcome{.year = 2025, .eligible = true, .account_problem = true};
  const StageFacts facts = StageFactsOf(outcome, std::nullopt);
  EXPECT_TRUE(facts.eligible);
  EXPECT_TRUE(facts.account_problem);
  EXPECT_FALSE(facts.batch);
  EXPECT_EQ(facts.payment, PaymentResult::kNone);
  EXPECT_EQ(StageFor(StageStyle::kY2025, facts).id, "subsidy.stage.y2025.account_problem");
}

// Every result of subsidy_payments and the channel it was paid through.
TEST(SubsidyMemberStatus, PaymentResultsAndChannels) {
  const OutcomeRow outcome{.year = 2022, .eligible = true};
  PaymentRow p{.year = 2022,
               .batch_number = 4,
               .batch_state = "reconciled",
               .channel = "bank",
               .result = "paid"};
  EXPECT_EQ(StageFactsOf(outcome, p).payment, PaymentResult::kPaidToBank);
  p.channel = "post_office";
  EXPECT_EQ(StageFactsOf(outcome, p).payment, PaymentResult::kPaidAtPostOffice);
  p.result = "failed";
  EXPECT_EQ(StageFactsOf(outcome, p).payment, PaymentResult::kFailed);
  p.result = "rerouted_post_office";
  EXPECT_EQ(StageFactsOf(outcome, p).payment, PaymentResult::kReroutedToPostOffice);
  p.result = "returned_to_employer";
  EXPECT_EQ(StageFactsOf(outcome, p).payment, PaymentResult::kReturnedToEmployer);
  const StageText text = StageFor(StageStyle::kY2022, StageFactsOf(outcome, p));
  EXPECT_EQ(text.next_id, "subsidy.stage.y2022.account_problem_employer_next");
}

TEST(SubsidyMemberStatus, APendingPaymentInAConfirmedBatchIsConfirmedInItsNumber) {
  const OutcomeRow outcome{.year = 2022, .eligible = true};
  PaymentRow p{.year = 2022,
               .batch_number = 3,
               .batch_state = "approved",
               .channel = "bank",
               .result = "pending"};
  const StageText text = StageFor(StageStyle::kY2022, StageFactsOf(outcome, p));
  EXPECT_EQ(text.id, "subsidy.stage.y2022.confirmed");
  EXPECT_EQ(text.values.at("batch"), "3");
  p.batch_state = "submitted";
  EXPECT_EQ(StageFor(StageStyle::kY2022, StageFactsOf(outcome, p)).id,
            "subsidy.stage.y2022.candidate")
      << "a batch not yet approved is not shown";
}

// The member fixed the account after the run and was queued into a new batch: the run's account
// problem no longer holds.
TEST(SubsidyMemberStatus, BeingPutInABatchAfterTheRunEndsItsAccountProblem) {
  const OutcomeRow outcome{.year = 2022, .eligible = true, .account_problem = true};
  const PaymentRow p{.year = 2022,
                     .batch_number = 5,
                     .batch_state = "sent",
                     .channel = "bank",
                     .result = "pending"};
  EXPECT_EQ(StageFor(StageStyle::kY2022, StageFactsOf(outcome, p)).stage, MemberStage::kConfirmed);
}

// 2025: no account, paid through the post office once the batch is confirmed.
TEST(SubsidyMemberStatus, APendingPostOfficePaymentInAConfirmedBatchIsThePostOffice) {
  const OutcomeRow outcome{.year = 2025, .eligible = true, .account_problem = true};
  PaymentRow p{.year = 2025,
               .batch_number = 1,
               .batch_state = "approved",
               .channel = "post_office",
               .result = "pending"};
  EXPECT_EQ(StageFor(StageStyle::kY2025, StageFactsOf(outcome, p)).id,
            "subsidy.stage.y2025.post_office");
  p.batch_state = "draft";
  EXPECT_EQ(StageFor(StageStyle::kY2025, StageFactsOf(outcome, p)).id,
            "subsidy.stage.y2025.meets_criteria");
}

TEST(SubsidyMemberStatus, ReasonsInTheOrderOfTheRulesWithTheirValues) {
  const Program& p2022 = *Shipped().ForYear(2022);
  const OutcomeRow outcome{
      .year = 2022,
      .eligible = false,
      .reasons = Mask(p2022, {"bank_account_valid", "wage_above_limit", "citizen", "wages_summed",
                              "active_on_cutoff", "wage_earner", "excluded_pkh"}),
      .wage = 4000000,
      .wage_limit = 3500000};
  const auto reasons = ReasonsOf(p2022, outcome, CutoffJobs{.count = 2});
  EXPECT_THAT(CodesOf(reasons),
              ::testing::ElementsAre("citizen", "wage_earner", "active_on_cutoff", "wages_summed",
                                     "wage_above_limit", "excluded_pkh", "bank_account_valid"));
  const auto& t = Texts();
  EXPECT_TRUE(reasons[4].blocks);
  EXPECT_TRUE(reasons[5].blocks);
  EXPECT_FALSE(reasons[0].blocks);
  EXPECT_EQ(ExplainReason(reasons[2], t, "en"),
            "You were an active member on 31 July 2022, the programme's membership cutoff "
            "(number of jobs: 2).");
  EXPECT_EQ(ExplainReason(reasons[3], t, "en"),
            "Your wages from 2 employers are added together: Rp 4,000,000.");
  EXPECT_THAT(ExplainReason(reasons[4], t, "id"), ::testing::HasSubstr("Rp 3.500.000"));
}

TEST(SubsidyMemberStatus, AnEmployerWithoutAWageIsNamed) {
  const Program& p2025 = *Shipped().ForYear(2025);
  const OutcomeRow outcome{.year = 2025, .reasons = Mask(p2025, {"no_wage_reported"})};
  const auto reasons =
      ReasonsOf(p2025, outcome, CutoffJobs{.count = 2, .without_wage = {"PT Satu", "CV Dua"}});
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_TRUE(reasons[0].blocks);
  EXPECT_THAT(ExplainReason(reasons[0], Texts(), "en"),
              ::testing::StartsWith("PT Satu, CV Dua has not reported your wage"));
}

// 2025 pays members without an account through the post office: no account does not block.
TEST(SubsidyMemberStatus, AnAccountProblemBlocksOnlyWhereTheProgrammeRequiresAnAccount) {
  for (int year : {2022, 2025}) {
    const Program& program = *Shipped().ForYear(year);
    const OutcomeRow outcome{.year = year, .reasons = Mask(program, {"no_bank_account"})};
    const auto reasons = ReasonsOf(program, outcome, {});
    ASSERT_EQ(reasons.size(), 1u);
    EXPECT_EQ(reasons[0].blocks, program.bank_account_required) << year;
  }
}

TEST(SubsidyMemberStatus, EveryShippedReasonReadsWithoutAPlaceholderLeft) {
  for (const Program& program : Shipped().All()) {
    std::int64_t all = 0;
    for (const std::string& code : ReasonCodes(program)) all |= ReasonBit(program, code);
    const OutcomeRow outcome{.year = program.year, .reasons = all, .wage = 1, .wage_limit = 2};
    const auto reasons =
        ReasonsOf(program, outcome, CutoffJobs{.count = 1, .without_wage = {"PT Satu"}});
    EXPECT_EQ(reasons.size(), ReasonCodes(program).size()) << program.year;
    for (const Reason& reason : reasons) {
      for (const std::string& lang : Texts().Languages()) {
        EXPECT_THAT(ExplainReason(reason, Texts(), lang),
                    ::testing::Not(::testing::HasSubstr("{{")))
            << program.year << " " << lang << " " << reason.code;
      }
    }
  }
}

TEST(SubsidyMemberStatus, TonesBesideTheStage) {
  EXPECT_EQ(StageTone(MemberStage::kAccountProblem), "warning");
  EXPECT_EQ(StageTone(MemberStage::kNotEligible), "error");
  EXPECT_EQ(StageTone(MemberStage::kPaidBank), "success");
  EXPECT_EQ(StageTone(MemberStage::kPaidPostOffice), "success");
  EXPECT_EQ(StageTone(MemberStage::kConfirmed), "");
}

TEST(SubsidyMemberStatus, ThePagesTextsAreInBothCatalogs) {
  for (const char* id : {"subsidy.member.title",
                         "subsidy.member.intro",
                         "subsidy.member.stage_label",
                         "subsidy.member.next_label",
                         "subsidy.member.bank_link",
                         "subsidy.member.reasons_blocking",
                         "subsidy.member.reasons_other",
                         "subsidy.member.unverified",
                         "subsidy.member.none",
                         "subsidy.member.safety",
                         "subsidy.member.card_link",
                         "subsidy.member.nav",
                         "subsidy.checker.title",
                         "subsidy.checker.official_notice",
                         "subsidy.checker.intro",
                         "subsidy.checker.privacy",
                         "subsidy.checker.number",
                         "subsidy.checker.number_hint",
                         "subsidy.checker.number_invalid",
                         "subsidy.checker.birth_date",
                         "subsidy.checker.birth_date_hint",
                         "subsidy.checker.full_name",
                         "subsidy.checker.full_name_hint",
                         "subsidy.checker.full_name_missing",
                         "subsidy.checker.full_name_too_long",
                         "subsidy.checker.submit",
                         "subsidy.checker.sign_in_link",
                         "subsidy.checker.throttled",
                         "subsidy.checker.no_match",
                         "subsidy.checker.result_title",
                         "subsidy.checker.matched",
                         "subsidy.checker.details",
                         "subsidy.checker.matched_none",
                         "subsidy.checker.again",
                         "subsidy.checker.nav"}) {
    for (const std::string& lang : Texts().Languages()) {
      EXPECT_THAT(Texts().Get(lang, id), ::testing::Not(::testing::StartsWith("[["))) << lang << id;
    }
  }
}

}  // namespace
}  // namespace lumbung::subsidy
