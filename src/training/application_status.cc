#include "training/application_status.h"

#include <array>
#include <utility>

namespace lumbung::training {
namespace {

constexpr std::array<std::pair<Status, std::string_view>, 9> kNames = {{
    {Status::kApplied, "applied"},
    {Status::kAccepted, "accepted"},
    {Status::kWaiting, "waiting"},
    {Status::kOffered, "offered"},
    {Status::kStarted, "started"},
    {Status::kCompleted, "completed"},
    {Status::kNotCompleted, "not_completed"},
    {Status::kCancelled, "cancelled"},
    {Status::kDeclined, "declined"},
}};

}  // namespace

std::string_view StatusName(Status status) {
  for (const auto& [s, name] : kNames) {
    if (s == status) return name;
  }
  return "applied";
}

std::optional<Status> ParseStatus(std::string_view name) {
  for (const auto& [s, n] : kNames) {
    if (n == name) return s;
  }
  return std::nullopt;
}

std::optional<Status> Next(Status from, Step step) {
  switch (step) {
    case Step::kConfirm:
      if (from == Status::kApplied) return Status::kAccepted;
      break;
    case Step::kAcceptOffer:
      if (from == Status::kOffered) return Status::kAccepted;
      break;
    case Step::kDeclineOffer:
      if (from == Status::kOffered) return Status::kDeclined;
      break;
    case Step::kOffer:
      if (from == Status::kWaiting) return Status::kOffered;
      break;
    case Step::kCancel:
      if (from == Status::kApplied || from == Status::kAccepted || from == Status::kWaiting ||
          from == Status::kOffered) {
        return Status::kCancelled;
      }
      break;
    case Step::kStart:
      if (from == Status::kApplied || from == Status::kAccepted) return Status::kStarted;
      break;
    case Step::kComplete:
      if (from == Status::kStarted || from == Status::kAccepted) return Status::kCompleted;
      break;
    case Step::kRecordNotComplete:
      if (from == Status::kStarted || from == Status::kAccepted) return Status::kNotCompleted;
      break;
  }
  return std::nullopt;
}

bool HoldsPlace(Status status) {
  switch (status) {
    case Status::kApplied:
    case Status::kAccepted:
    case Status::kOffered:
    case Status::kStarted:
    case Status::kCompleted:
    case Status::kNotCompleted:
      return true;
    default:
      return false;
  }
}

bool IsOpen(Status status) {
  return status == Status::kApplied || status == Status::kAccepted || status == Status::kWaiting ||
         status == Status::kOffered || status == Status::kStarted;
}

}  // namespace lumbung::training
