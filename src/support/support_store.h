// Support conversations in the database (migrations/0037_support*.sql): opening one with its
// first message, the member's list, the staff's queue, the messages with their attachments,
// replies that move the state on (conversation_state.h), assignment and closing.
//
// Every function runs in the caller's transaction (none begins or commits one), so the route
// writes the change, the notice to the member and the audit row together. Reading for a member
// always goes through FindOwnConversation, which filters by the account from the session (ASVS
// 4.0.3 4.2.1): another member's conversation looks exactly like one that does not exist.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/uploads/file_kind.h"
#include "support/conversation_state.h"

namespace soci {
class session;
}

namespace lumbung::support {

struct Conversation {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::string owner_name{};
  std::string owner_role{};
  std::string topic{};
  std::string subject{};
  State state = State::kNew;
  std::optional<std::int64_t> assigned_to{};
  std::string assigned_name{};
  std::int64_t created_at = 0;
  std::int64_t last_activity_at = 0;
  std::int64_t waiting_since = 0;
  std::optional<std::int64_t> closed_at{};
};

struct Attachment {
  std::int64_t id = 0;
  std::int64_t conversation_id = 0;
  std::int64_t message_id = 0;
  std::string file_id{};  // the upload store's name; never shown
  std::string display_name{};
  uploads::FileKind kind = uploads::FileKind::kPdf;
  std::int64_t size_bytes = 0;
};

struct Message {
  std::int64_t id = 0;
  std::int64_t author_account_id = 0;
  std::string author_name{};
  bool from_staff = false;
  std::string body{};
  std::int64_t created_at = 0;
  std::vector<Attachment> attachments{};
};

// A file already in the upload store, to be tied to a message.
struct NewAttachment {
  std::string file_id{};
  std::string display_name{};
  uploads::FileKind kind = uploads::FileKind::kPdf;
  std::int64_t size_bytes = 0;
};

struct Author {
  std::int64_t account_id = 0;
  std::string name{};
  std::string role{};  // member, employer_admin, employer_staff (opening); staff for replies
};

struct NewConversation {
  std::string topic{};  // one of Topics()
  std::string subject{};
  std::string body{};
};

struct Opened {
  std::int64_t conversation_id = 0;
  std::int64_t message_id = 0;
};

// Opens a conversation (state new, the clock started at `now`) with its first message.
Opened OpenConversation(soci::session& sql, const Author& author, const NewConversation& opening,
                        const std::vector<NewAttachment>& attachments, std::int64_t now);

std::optional<Conversation> FindConversation(soci::session& sql, std::int64_t id);
// The conversation when `account_id` opened it; nullopt otherwise (also for none at all).
std::optional<Conversation> FindOwnConversation(soci::session& sql, std::int64_t id,
                                                std::int64_t account_id);

// The account's conversations, latest activity first (at most `limit`, 1..500).
std::vector<Conversation> ConversationsOf(soci::session& sql, std::int64_t account_id,
                                          int limit = 200);

// The staff's queue: conversations in `states` (empty: every state but closed), the longest
// wait first (at most `limit`, 1..500).
std::vector<Conversation> Queue(soci::session& sql, const std::vector<State>& states,
                                int limit = 200);

// The conversation's messages, oldest first, each with its attachments.
std::vector<Message> MessagesOf(soci::session& sql, std::int64_t conversation_id);

// An attachment of this conversation; nullopt for another conversation's or none.
std::optional<Attachment> FindAttachment(soci::session& sql, std::int64_t conversation_id,
                                         std::int64_t attachment_id);

struct Added {
  std::int64_t message_id = 0;
  State state = State::kNew;  // after the message
};

// Adds a message from the member (`from_staff` false) or staff and moves the state on, if the
// conversation is still in `conversation.state` (read earlier in this transaction). nullopt,
// writing nothing, when the state machine refuses (closed) or the state changed meanwhile.
std::optional<Added> AddMessage(soci::session& sql, const Conversation& conversation,
                                const Author& author, bool from_staff, const std::string& body,
                                const std::vector<NewAttachment>& attachments, std::int64_t now);

// Closes the conversation; false when it was closed already.
bool Close(soci::session& sql, std::int64_t conversation_id, std::int64_t now);

// Makes `staff` the conversation's handler; false when it is closed or not there.
bool Assign(soci::session& sql, std::int64_t conversation_id, const Author& staff);

}  // namespace lumbung::support
