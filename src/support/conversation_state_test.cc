#include "support/conversation_state.h"

#include <gtest/gtest.h>

namespace lumbung::support {
namespace {

TEST(NextState, TheConversationGoesBackAndForth) {
  EXPECT_EQ(NextState(State::kNew, Event::kStaffMessage), State::kWaitingForMember);
  EXPECT_EQ(NextState(State::kWaitingForMember, Event::kMemberMessage), State::kWaitingForStaff);
  EXPECT_EQ(NextState(State::kWaitingForStaff, Event::kStaffMessage), State::kWaitingForMember);
}

TEST(NextState, TheSideWaitedOnAddsWithoutAChange) {
  EXPECT_EQ(NextState(State::kNew, Event::kMemberMessage), State::kNew);
  EXPECT_EQ(NextState(State::kWaitingForStaff, Event::kMemberMessage), State::kWaitingForStaff);
  EXPECT_EQ(NextState(State::kWaitingForMember, Event::kStaffMessage), State::kWaitingForMember);
}

TEST(NextState, EitherSideClosesAndClosedIsFinal) {
  for (State s : {State::kNew, State::kWaitingForMember, State::kWaitingForStaff}) {
    EXPECT_EQ(NextState(s, Event::kClose), State::kClosed);
  }
  for (Event e : {Event::kMemberMessage, Event::kStaffMessage, Event::kClose}) {
    EXPECT_EQ(NextState(State::kClosed, e), std::nullopt);
  }
}

TEST(Clock, RunsWhileTheFundIsToAnswer) {
  EXPECT_TRUE(AwaitsStaff(State::kNew));
  EXPECT_TRUE(AwaitsStaff(State::kWaitingForStaff));
  EXPECT_FALSE(AwaitsStaff(State::kWaitingForMember));
  EXPECT_FALSE(AwaitsStaff(State::kClosed));
  EXPECT_TRUE(ClockRestarts(State::kWaitingForMember, State::kWaitingForStaff));
  EXPECT_FALSE(ClockRestarts(State::kWaitingForStaff, State::kWaitingForStaff));
  EXPECT_FALSE(ClockRestarts(State::kNew, State::kNew));
}

TEST(StateName, RoundTrips) {
  for (State s : {State::kNew, State::kWaitingForMember, State::kWaitingForStaff, State::kClosed}) {
    EXPECT_EQ(ParseState(StateName(s)), s);
  }
  EXPECT_EQ(ParseState("open"), std::nullopt);
}

}  // namespace
}  // namespace lumbung::support
