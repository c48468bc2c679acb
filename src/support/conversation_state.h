// Where a support conversation stands, and what moves it on. A member (or an employer's user)
// opens it: new. A staff reply hands it to the member: waiting_for_member. The member's reply
// hands it back: waiting_for_staff. Either side may close it; a closed conversation takes no
// more messages (the member opens a new one). Messages from the side that is already waited
// on (a second staff reply, the member adding to a new conversation) leave the state as it is.
//
// The fund's service-level clock runs while the fund is the one to answer (new and
// waiting_for_staff), from the message that started the wait (ClockRestarts). Pure.
#pragma once

#include <optional>
#include <string_view>

namespace lumbung::support {

enum class State { kNew, kWaitingForMember, kWaitingForStaff, kClosed };
enum class Event { kMemberMessage, kStaffMessage, kClose };

// The state after `event`; nullopt when the event is not allowed in `state` (anything on a
// closed conversation).
std::optional<State> NextState(State state, Event event);

// True when the fund is the one to answer in `state` (the clock runs).
bool AwaitsStaff(State state);

// True when moving from `before` to `after` starts the fund's clock again (the member answered
// a staff reply).
bool ClockRestarts(State before, State after);

// "new", "waiting_for_member", "waiting_for_staff", "closed": the stored spelling.
std::string_view StateName(State state);
std::optional<State> ParseState(std::string_view name);

}  // namespace lumbung::support
