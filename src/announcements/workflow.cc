#include "announcements/workflow.h"

namespace lumbung::announcements {

std::string_view StateName(State state) {
  switch (state) {
    case State::kDraft:
      return "draft";
    case State::kSubmitted:
      return "submitted";
    case State::kSentBack:
      return "sent_back";
    case State::kPublished:
      return "published";
  }
  return "draft";
}

std::optional<State> ParseState(std::string_view name) {
  for (State s : {State::kDraft, State::kSubmitted, State::kSentBack, State::kPublished}) {
    if (StateName(s) == name) return s;
  }
  return std::nullopt;
}

Decision Decide(State current, Action action, std::int64_t actor, std::int64_t author) {
  const bool editable = current == State::kDraft || current == State::kSentBack;
  switch (action) {
    case Action::kEdit:
    case Action::kSubmit:
      if (!editable) return {Refusal::kWrongState, current};
      if (actor != author) return {Refusal::kNotAuthor, current};
      return {Refusal::kNone, action == Action::kEdit ? current : State::kSubmitted};
    case Action::kApprove:
    case Action::kSendBack:
      if (current != State::kSubmitted) return {Refusal::kWrongState, current};
      // The four-eyes rule: checked before anything else about the approver.
      if (actor == author) return {Refusal::kOwnAnnouncement, current};
      return {Refusal::kNone, action == Action::kApprove ? State::kPublished : State::kSentBack};
  }
  return {Refusal::kWrongState, current};
}

bool ShownOn(std::string_view starts_on, std::string_view ends_on, std::string_view today) {
  // ISO days compare as text.
  return starts_on <= today && today <= ends_on;
}

}  // namespace lumbung::announcements
