// What the dev-mode page /dev/mailbox shows: the latest mail in the outbox, whatever its state,
// bodies included, so a developer can follow links without a mail server. Never route this
// outside dev.mode: it shows every member's mail. html_body is whatever the feature composed:
// show it escaped, or in a sandboxed iframe (srcdoc), never inline in the page.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace lumbung::mail {

struct StoredMail {
  std::int64_t id = 0;
  std::string to{};
  std::string subject{};
  std::string text_body{};
  std::string html_body{};
  std::string category{};
  std::string status{};  // kStatusPending, ... (outbox.h)
  int attempts = 0;
  std::string last_error{};  // empty when none
  std::string message_id{};
  std::int64_t created_at = 0;            // Unix seconds
  std::int64_t next_attempt_at = 0;       // Unix seconds
  std::optional<std::int64_t> sent_at{};  // Unix seconds, when sent
};

// The `limit` newest mails (by id: the order they were written), newest first. `limit` is
// clamped to 1..500.
std::vector<StoredMail> RecentMail(soci::session& session, int limit);

}  // namespace lumbung::mail
