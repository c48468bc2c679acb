#include "training/application_status.h"

#include <gtest/gtest.h>

namespace lumbung::training {
namespace {

TEST(ApplicationStatus, NamesRoundTrip) {
  for (Status s :
       {Status::kApplied, Status::kAccepted, Status::kWaiting, Status::kOffered, Status::kStarted,
        Status::kCompleted, Status::kNotCompleted, Status::kCancelled, Status::kDeclined}) {
    EXPECT_EQ(ParseStatus(StatusName(s)), s);
  }
  EXPECT_FALSE(ParseStatus("Accepted"));
  EXPECT_FALSE(ParseStatus(""));
}

TEST(ApplicationStatus, TheWaitingListPath) {
  EXPECT_EQ(Next(Status::kWaiting, Step::kOffer), Status::kOffered);
  EXPECT_EQ(Next(Status::kOffered, Step::kAcceptOffer), Status::kAccepted);
  EXPECT_EQ(Next(Status::kOffered, Step::kDeclineOffer), Status::kDeclined);
  EXPECT_FALSE(Next(Status::kWaiting, Step::kAcceptOffer));
  EXPECT_FALSE(Next(Status::kApplied, Step::kOffer));
}

TEST(ApplicationStatus, CancelOnlyBeforeTheTrainingRuns) {
  for (Status s : {Status::kApplied, Status::kAccepted, Status::kWaiting, Status::kOffered}) {
    EXPECT_EQ(Next(s, Step::kCancel), Status::kCancelled);
  }
  for (Status s : {Status::kStarted, Status::kCompleted, Status::kNotCompleted, Status::kCancelled,
                   Status::kDeclined}) {
    EXPECT_FALSE(Next(s, Step::kCancel));
  }
}

TEST(ApplicationStatus, TheProvidersSteps) {
  EXPECT_EQ(Next(Status::kApplied, Step::kConfirm), Status::kAccepted);
  EXPECT_FALSE(Next(Status::kWaiting, Step::kConfirm));
  EXPECT_EQ(Next(Status::kAccepted, Step::kStart), Status::kStarted);
  EXPECT_EQ(Next(Status::kStarted, Step::kComplete), Status::kCompleted);
  EXPECT_EQ(Next(Status::kStarted, Step::kRecordNotComplete), Status::kNotCompleted);
  // Nobody on the waiting list, offered or finished can be marked.
  EXPECT_FALSE(Next(Status::kWaiting, Step::kComplete));
  EXPECT_FALSE(Next(Status::kOffered, Step::kStart));
  EXPECT_FALSE(Next(Status::kCompleted, Step::kRecordNotComplete));
  EXPECT_FALSE(Next(Status::kNotCompleted, Step::kComplete));
}

TEST(ApplicationStatus, PlacesHeld) {
  EXPECT_TRUE(HoldsPlace(Status::kApplied));
  EXPECT_TRUE(HoldsPlace(Status::kOffered));
  EXPECT_TRUE(HoldsPlace(Status::kCompleted));
  EXPECT_FALSE(HoldsPlace(Status::kWaiting));
  EXPECT_FALSE(HoldsPlace(Status::kCancelled));
  EXPECT_FALSE(HoldsPlace(Status::kDeclined));
  EXPECT_TRUE(IsOpen(Status::kWaiting));
  EXPECT_FALSE(IsOpen(Status::kCompleted));
}

}  // namespace
}  // namespace lumbung::training
