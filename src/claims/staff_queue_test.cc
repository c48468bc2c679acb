#include "claims/staff_queue.h"

#include <gtest/gtest.h>

namespace lumbung::claims {
namespace {

Document Doc(std::string type, std::string scan, std::string review, bool superseded = false) {
  Document d;
  d.doc_type = std::move(type);
  d.scan_state = std::move(scan);
  d.review = std::move(review);
  d.superseded = superseded;
  return d;
}

TEST(StaffQueue, ListsEveryStatusButDraftsWithTheFundsWorkFirst) {
  const auto statuses = QueueStatuses();
  EXPECT_EQ(statuses.size(), static_cast<std::size_t>(kStatusCount - 1));
  EXPECT_EQ(statuses[0], Status::kSubmitted);
  EXPECT_EQ(statuses[1], Status::kBeingVerified);
  EXPECT_EQ(statuses[2], Status::kVerified);
  EXPECT_FALSE(IsQueueStatus(Status::kDraft));
  for (Status s : statuses) EXPECT_TRUE(IsQueueStatus(s)) << StatusName(s);
  EXPECT_EQ(kDefaultQueueStatus, Status::kSubmitted);
}

TEST(StaffQueue, NextActorFollowsTheWorkflow) {
  EXPECT_EQ(NextActorOf(Status::kSubmitted), NextActor::kVerifier);
  EXPECT_EQ(NextActorOf(Status::kBeingVerified), NextActor::kVerifier);
  EXPECT_EQ(NextActorOf(Status::kVerified), NextActor::kApprover);
  EXPECT_EQ(NextActorOf(Status::kMoreDocuments), NextActor::kClaimant);
  EXPECT_EQ(NextActorOf(Status::kApproved), NextActor::kFinance);
  EXPECT_EQ(NextActorOf(Status::kPaid), NextActor::kNobody);
  EXPECT_EQ(NextActorOf(Status::kRejected), NextActor::kNobody);
}

TEST(StaffQueue, TheClockRunsOnlyWhileClaimsStaffMustAct) {
  const auto waiting_member = ReadClock(Status::kMoreDocuments, 9, 5);
  EXPECT_FALSE(waiting_member.runs);
  EXPECT_FALSE(waiting_member.overdue);
  EXPECT_EQ(waiting_member.working_days_waited, 9);
  EXPECT_EQ(ClockTag(waiting_member), "");
  EXPECT_FALSE(ReadClock(Status::kApproved, 9, 5).runs);
  EXPECT_TRUE(ReadClock(Status::kVerified, 0, 5).runs);
}

TEST(StaffQueue, TheClockReadsOnTimeDueTodayAndOverdue) {
  const auto fresh = ReadClock(Status::kSubmitted, 0, 5);
  EXPECT_FALSE(fresh.overdue);
  EXPECT_FALSE(fresh.last_day);
  EXPECT_EQ(fresh.working_days_left, 5);
  EXPECT_EQ(ClockTag(fresh), "");
  const auto today = ReadClock(Status::kBeingVerified, 5, 5);
  EXPECT_FALSE(today.overdue);
  EXPECT_TRUE(today.last_day);
  EXPECT_EQ(today.working_days_left, 0);
  EXPECT_EQ(ClockTag(today), "warning");
  const auto late = ReadClock(Status::kVerified, 6, 5);
  EXPECT_TRUE(late.overdue);
  EXPECT_EQ(late.working_days_left, 0);
  EXPECT_EQ(ClockTag(late), "error");
  EXPECT_EQ(ReadClock(Status::kSubmitted, -3, 5).working_days_waited, 0);
}

TEST(StaffQueue, CursorRoundTripsAndRefusesAnythingElse) {
  EXPECT_EQ(FormatQueueCursor(1767225600, 42), "1767225600.42");
  const auto parsed = ParseQueueCursor("1767225600.42");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->first, 1767225600);
  EXPECT_EQ(parsed->second, 42);
  for (const char* bad : {"", ".", "1.", ".2", "1.2.3", "-1.2", "1.-2", "a.b", "1 .2",
                          "1234567890123456789.1", "1,2"}) {
    EXPECT_FALSE(ParseQueueCursor(bad)) << bad;
  }
}

TEST(StaffQueue, OnlyCurrentCleanDocumentsAreReviewedAndOnlyCleanOnesOpened) {
  EXPECT_TRUE(IsReviewable(Doc("ektp", "clean", "pending")));
  EXPECT_FALSE(IsReviewable(Doc("ektp", "pending", "pending")));
  EXPECT_FALSE(IsReviewable(Doc("ektp", "infected", "pending")));
  EXPECT_FALSE(IsReviewable(Doc("ektp", "clean", "ask_again", true)));
  EXPECT_TRUE(IsDownloadable(Doc("ektp", "clean", "ask_again", true)));
  EXPECT_FALSE(IsDownloadable(Doc("ektp", "pending", "pending")));
  EXPECT_FALSE(IsDownloadable(Doc("ektp", "infected", "pending")));
}

TEST(StaffQueue, VerifyingNeedsEveryCurrentDocumentCleanAndAccepted) {
  EXPECT_EQ(CheckVerifyReadiness({}, {}).block, VerifyBlock::kNoDocuments);
  const std::vector<Document> accepted = {Doc("ektp", "clean", "ask_again", true),
                                          Doc("ektp", "clean", "accepted"),
                                          Doc("bank_book", "clean", "accepted")};
  EXPECT_TRUE(CheckVerifyReadiness(accepted, {}).ok());
  EXPECT_TRUE(CheckVerifyReadiness(accepted, {"ektp", "bank_book"}).ok());
  const auto missing = CheckVerifyReadiness(accepted, {"ektp", "termination_letter"});
  EXPECT_EQ(missing.block, VerifyBlock::kRequiredMissing);
  EXPECT_EQ(missing.doc_type, "termination_letter");
  EXPECT_EQ(CheckVerifyReadiness({Doc("ektp", "pending", "pending")}, {}).block,
            VerifyBlock::kNotScanned);
  EXPECT_EQ(CheckVerifyReadiness({Doc("ektp", "infected", "pending")}, {}).block,
            VerifyBlock::kInfected);
  EXPECT_EQ(CheckVerifyReadiness(
                {Doc("ektp", "clean", "accepted"), Doc("bank_book", "clean", "pending")}, {})
                .block,
            VerifyBlock::kNotReviewed);
  const auto asked = CheckVerifyReadiness({Doc("ektp", "clean", "ask_again")}, {});
  EXPECT_EQ(asked.block, VerifyBlock::kAskedAgain);
  EXPECT_EQ(asked.doc_type, "ektp");
  EXPECT_EQ(VerifyBlockName(VerifyBlock::kRequiredMissing), "required_missing");
}

TEST(StaffQueue, AskingForDocumentsNeedsADocumentAskedAgainOrANote) {
  const std::vector<Document> fine = {Doc("ektp", "clean", "accepted")};
  EXPECT_FALSE(CanAskForDocuments(fine, ""));
  EXPECT_TRUE(CanAskForDocuments(fine, "Kirim surat keterangan kerja"));
  EXPECT_TRUE(CanAskForDocuments({Doc("ektp", "clean", "ask_again")}, ""));
  // One asked again before the member replaced it does not count any more.
  EXPECT_FALSE(CanAskForDocuments(
      {Doc("ektp", "clean", "ask_again", true), Doc("ektp", "pending", "pending")}, ""));
}

TEST(StaffQueue, ExtraCheckReasonsAreSplitOnce) {
  EXPECT_TRUE(ExtraCheckReasons("").empty());
  const auto reasons =
      ExtraCheckReasons("bank_changed_recently, holder_mismatch,,bank_changed_recently");
  ASSERT_EQ(reasons.size(), 2u);
  EXPECT_EQ(reasons[0], "bank_changed_recently");
  EXPECT_EQ(reasons[1], "holder_mismatch");
}

TEST(StaffQueue, StaffTextIsTidiedAndBounded) {
  std::string out;
  EXPECT_TRUE(TidyStaffText("  Foto e-KTP buram\r\nmohon ulang\t ", 100, &out));
  EXPECT_EQ(out, "Foto e-KTP buram\nmohon ulang");
  EXPECT_FALSE(TidyStaffText("a\x01b", 100, &out));
  EXPECT_TRUE(TidyStaffText("ééé", 3, &out));
  EXPECT_FALSE(TidyStaffText("éééé", 3, &out));
  EXPECT_TRUE(TidyStaffText(" \n ", 3, &out));
  EXPECT_EQ(out, "");
}

}  // namespace
}  // namespace lumbung::claims
