// An application's life, as one table of status x step (pure):
//
//   apply ──(a place free)──> applied ──provider confirms──> accepted ──attends──> started
//     └──(session full)──> waiting ──a place frees──> offered ──member accepts──> accepted
//                                                          └──member declines──> declined
//   started ──provider records──> completed | not_completed
//   applied, accepted, waiting, offered ──member cancels before the first day──> cancelled
//
// A place is held by applied, accepted, offered, started, completed and not_completed: the
// session's `taken` counts exactly those. When a held place is given up (cancelled, declined)
// it goes to the first on the waiting list as an offer, else back to the session.
#pragma once

#include <optional>
#include <string_view>

namespace lumbung::training {

enum class Status {
  kApplied,
  kAccepted,
  kWaiting,
  kOffered,
  kStarted,
  kCompleted,
  kNotCompleted,
  kCancelled,
  kDeclined
};

enum class Step {
  kConfirm,           // provider: applied -> accepted
  kAcceptOffer,       // member: offered -> accepted
  kDeclineOffer,      // member: offered -> declined
  kOffer,             // a place freed: waiting -> offered
  kCancel,            // member, before the first day
  kStart,             // provider records attendance: accepted (or applied) -> started
  kComplete,          // provider: started or accepted -> completed
  kRecordNotComplete  // provider: started or accepted -> not_completed
};

std::string_view StatusName(Status status);
std::optional<Status> ParseStatus(std::string_view name);

// Where `step` leads from `from`; nullopt when the table has no such move.
std::optional<Status> Next(Status from, Step step);

// Whether an application in this status holds one of the session's places.
bool HoldsPlace(Status status);
// Still going on for the member (shown as open on the dashboard): applied, accepted, waiting,
// offered, started.
bool IsOpen(Status status);

}  // namespace lumbung::training
