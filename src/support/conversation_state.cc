#include "support/conversation_state.h"

namespace lumbung::support {

std::optional<State> NextState(State state, Event event) {
  if (state == State::kClosed) return std::nullopt;
  switch (event) {
    case Event::kClose:
      return State::kClosed;
    case Event::kStaffMessage:
      return State::kWaitingForMember;
    case Event::kMemberMessage:
      // Adding to a conversation staff have not answered yet keeps it new (and its place in
      // the queue); an answer to staff hands it back to them.
      return state == State::kNew ? State::kNew : State::kWaitingForStaff;
  }
  return std::nullopt;
}

bool AwaitsStaff(State state) {
  return state == State::kNew || state == State::kWaitingForStaff;
}

bool ClockRestarts(State before, State after) {
  return !AwaitsStaff(before) && AwaitsStaff(after);
}

std::string_view StateName(State state) {
  switch (state) {
    case State::kNew:
      return "new";
    case State::kWaitingForMember:
      return "waiting_for_member";
    case State::kWaitingForStaff:
      return "waiting_for_staff";
    case State::kClosed:
      return "closed";
  }
  return "";
}

std::optional<State> ParseState(std::string_view name) {
  for (State s : {State::kNew, State::kWaitingForMember, State::kWaitingForStaff, State::kClosed}) {
    if (StateName(s) == name) return s;
  }
  return std::nullopt;
}

}  // namespace lumbung::support
