#include "announcements/workflow.h"

#include <gtest/gtest.h>

namespace lumbung::announcements {
namespace {

constexpr std::int64_t kAuthor = 7, kOther = 8;

TEST(WorkflowTest, TheAuthorWritesAndSubmits) {
  EXPECT_EQ(Decide(State::kDraft, Action::kEdit, kAuthor, kAuthor).next, State::kDraft);
  EXPECT_EQ(Decide(State::kDraft, Action::kSubmit, kAuthor, kAuthor).next, State::kSubmitted);
  EXPECT_EQ(Decide(State::kSentBack, Action::kSubmit, kAuthor, kAuthor).next, State::kSubmitted);
  EXPECT_EQ(Decide(State::kDraft, Action::kSubmit, kOther, kAuthor).refusal, Refusal::kNotAuthor);
}

TEST(WorkflowTest, ASecondEditorApprovesOrSendsBack) {
  const auto approve = Decide(State::kSubmitted, Action::kApprove, kOther, kAuthor);
  EXPECT_TRUE(approve.allowed());
  EXPECT_EQ(approve.next, State::kPublished);
  EXPECT_EQ(Decide(State::kSubmitted, Action::kSendBack, kOther, kAuthor).next, State::kSentBack);
}

TEST(WorkflowTest, Asvs1_1_4_NobodyApprovesOrSendsBackTheirOwn) {
  EXPECT_EQ(Decide(State::kSubmitted, Action::kApprove, kAuthor, kAuthor).refusal,
            Refusal::kOwnAnnouncement);
  EXPECT_EQ(Decide(State::kSubmitted, Action::kSendBack, kAuthor, kAuthor).refusal,
            Refusal::kOwnAnnouncement);
}

TEST(WorkflowTest, OnlyWhatTheStateAllows) {
  EXPECT_EQ(Decide(State::kDraft, Action::kApprove, kOther, kAuthor).refusal, Refusal::kWrongState);
  EXPECT_EQ(Decide(State::kSentBack, Action::kApprove, kOther, kAuthor).refusal,
            Refusal::kWrongState);
  EXPECT_EQ(Decide(State::kPublished, Action::kApprove, kOther, kAuthor).refusal,
            Refusal::kWrongState);
  EXPECT_EQ(Decide(State::kSubmitted, Action::kEdit, kAuthor, kAuthor).refusal,
            Refusal::kWrongState);
  EXPECT_EQ(Decide(State::kPublished, Action::kEdit, kAuthor, kAuthor).refusal,
            Refusal::kWrongState);
  EXPECT_EQ(Decide(State::kSubmitted, Action::kSubmit, kAuthor, kAuthor).refusal,
            Refusal::kWrongState);
}

TEST(WorkflowTest, StateNamesRoundTrip) {
  for (State s : {State::kDraft, State::kSubmitted, State::kSentBack, State::kPublished}) {
    EXPECT_EQ(ParseState(StateName(s)), s);
  }
  EXPECT_FALSE(ParseState("approved"));
}

TEST(WorkflowTest, ShownFromTheFirstToTheLastDayIncluded) {
  EXPECT_FALSE(ShownOn("2026-03-01", "2026-03-31", "2026-02-28"));
  EXPECT_TRUE(ShownOn("2026-03-01", "2026-03-31", "2026-03-01"));
  EXPECT_TRUE(ShownOn("2026-03-01", "2026-03-31", "2026-03-31"));
  EXPECT_FALSE(ShownOn("2026-03-01", "2026-03-31", "2026-04-01"));
}

}  // namespace
}  // namespace lumbung::announcements
