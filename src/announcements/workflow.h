// The life of an announcement, as a pure function: a content editor writes it (draft), submits
// it for approval, and a SECOND content editor either approves it (published: members see it
// between its start and end dates) or sends it back with a reason (sent_back: the author edits
// and submits again). Nobody approves their own announcement: two people see every word the
// fund sends to its members. A published announcement is never edited (members may have read
// it, mails may be out).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace lumbung::announcements {

enum class State { kDraft, kSubmitted, kSentBack, kPublished };
enum class Action { kEdit, kSubmit, kApprove, kSendBack };

std::string_view StateName(State state);  // "draft", "submitted", "sent_back", "published"
std::optional<State> ParseState(std::string_view name);

// Why an action is refused.
enum class Refusal {
  kNone,
  kWrongState,       // e.g. approving a draft, editing a published announcement
  kOwnAnnouncement,  // approving or sending back one's own
  kNotAuthor,        // editing or submitting someone else's draft
};

struct Decision {
  Refusal refusal = Refusal::kNone;
  State next = State::kDraft;  // when allowed
  bool allowed() const { return refusal == Refusal::kNone; }
};

// What `action` by account `actor` does to an announcement in `current` written by `author`.
Decision Decide(State current, Action action, std::int64_t actor, std::int64_t author);

// Whether a published announcement is shown on `today` (YYYY-MM-DD, the fund's day): from its
// first day to its last, both included.
bool ShownOn(std::string_view starts_on, std::string_view ends_on, std::string_view today);

}  // namespace lumbung::announcements
