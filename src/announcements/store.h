// Announcements in the database (migrations/0039_announcements*.sql): the editors' drafts and
// their workflow, what a member is shown, and dismissals. Every function runs in the caller's
// transaction (the routes open a write transaction, change, audit, commit).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "announcements/draft.h"
#include "announcements/workflow.h"

namespace soci {
class session;
}

namespace lumbung::announcements {

struct Announcement {
  std::int64_t id = 0;
  State state = State::kDraft;
  Draft draft;  // employer_npp filled from the employer
  std::int64_t employer_id = 0;
  std::string employer_name;  // audience employer
  std::int64_t author_account_id = 0;
  std::optional<std::int64_t> reviewer_account_id;
  std::string sent_back_reason;
  std::optional<std::int64_t> job_id;
  std::int64_t created_at = 0, updated_at = 0;
  std::optional<std::int64_t> submitted_at, published_at;

  const std::string& Title(const std::string& lang) const {
    return lang == "en" ? draft.title_en : draft.title_id;
  }
  const std::string& Body(const std::string& lang) const {
    return lang == "en" ? draft.body_en : draft.body_id;
  }
};

// The employer with this NPP, if any.
std::optional<std::int64_t> FindEmployerByNpp(soci::session& sql, const std::string& npp);

// A new draft by `author`; returns its id. `employer_id` for the employer audience, else 0.
std::int64_t Create(soci::session& sql, const Draft& draft, std::int64_t employer_id,
                    std::int64_t author, std::int64_t now);
// Replaces the text, dates and audience; the state becomes draft again.
void Update(soci::session& sql, std::int64_t id, const Draft& draft, std::int64_t employer_id,
            std::int64_t now);

std::optional<Announcement> Load(soci::session& sql, std::int64_t id);
// The newest first, at most `limit`.
std::vector<Announcement> ListRecent(soci::session& sql, int limit);

// The workflow's writes (workflow.h decides whether they are allowed).
void MarkSubmitted(soci::session& sql, std::int64_t id, std::int64_t now);
void MarkSentBack(soci::session& sql, std::int64_t id, std::int64_t reviewer,
                  const std::string& reason, std::int64_t now);
void MarkPublished(soci::session& sql, std::int64_t id, std::int64_t reviewer, std::int64_t job_id,
                   std::int64_t now);

// How many member accounts the audience has now (active or locked; pending and disabled
// accounts are not reached).
std::int64_t AudienceSize(soci::session& sql, const Announcement& announcement);

// A member account in the audience, for the delivery job.
struct Recipient {
  std::int64_t account_id = 0;
  std::string email, lang, name;
};
// The audience's accounts with an id above `after`, by id, at most `limit`.
std::vector<Recipient> AudienceAfter(soci::session& sql, const Announcement& announcement,
                                     std::int64_t after, int limit);

// What the member `member_id` (account `account_id`) is shown on `today` (YYYY-MM-DD): published,
// in its dates, for them, not dismissed; newest first, at most `limit`.
std::vector<Announcement> ShownTo(soci::session& sql, std::int64_t account_id,
                                  std::int64_t member_id, const std::string& today, int limit);
// The announcement if it is published and meant for this member (whether or not dismissed or
// still in its dates: a link in the inbox keeps working); nullopt otherwise, so that a member
// cannot tell another audience's announcement from one that does not exist.
std::optional<Announcement> ReadableBy(soci::session& sql, std::int64_t id, std::int64_t member_id);
// Records the dismissal (again: no change). The caller checked ReadableBy.
void Dismiss(soci::session& sql, std::int64_t id, std::int64_t account_id, std::int64_t now);

}  // namespace lumbung::announcements
