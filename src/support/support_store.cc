#include "support/support_store.h"

#include <soci/soci.h>

#include <algorithm>
#include <stdexcept>

namespace lumbung::support {
namespace {

constexpr const char* kConversationColumns =
    "SELECT id, account_id, owner_name, owner_role, topic, subject, state, assigned_to,"
    " assigned_name, created_at, last_activity_at, waiting_since, closed_at"
    " FROM support_conversations";

// One conversation row as the columns above read it.
struct ConversationRow {
  long long id = 0, account = 0, assigned = 0, created = 0, activity = 0, waiting = 0, closed = 0;
  std::string owner_name, owner_role, topic, subject, state, assigned_name;
  soci::indicator assigned_ind = soci::i_null, assigned_name_ind = soci::i_null,
                  closed_ind = soci::i_null;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(account));
    st.exchange(soci::into(owner_name));
    st.exchange(soci::into(owner_role));
    st.exchange(soci::into(topic));
    st.exchange(soci::into(subject));
    st.exchange(soci::into(state));
    st.exchange(soci::into(assigned, assigned_ind));
    st.exchange(soci::into(assigned_name, assigned_name_ind));
    st.exchange(soci::into(created));
    st.exchange(soci::into(activity));
    st.exchange(soci::into(waiting));
    st.exchange(soci::into(closed, closed_ind));
  }

  Conversation Get() const {
    Conversation c;
    c.id = id;
    c.account_id = account;
    c.owner_name = owner_name;
    c.owner_role = owner_role;
    c.topic = topic;
    c.subject = subject;
    c.state = ParseState(state).value_or(State::kNew);
    if (assigned_ind == soci::i_ok) c.assigned_to = assigned;
    if (assigned_name_ind == soci::i_ok) c.assigned_name = assigned_name;
    c.created_at = created;
    c.last_activity_at = activity;
    c.waiting_since = waiting;
    if (closed_ind == soci::i_ok) c.closed_at = closed;
    return c;
  }
};

// Runs `query` (with its uses bound by `bind_uses`) and reads every conversation.
template <typename BindUses>
std::vector<Conversation> SelectConversations(soci::session& sql, const std::string& query,
                                              BindUses bind_uses) {
  ConversationRow row;
  soci::statement st(sql);
  row.Bind(st);
  bind_uses(st);
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  std::vector<Conversation> out;
  if (st.execute(true)) {
    do {
      out.push_back(row.Get());
    } while (st.fetch());
  }
  return out;
}

long long Affected(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows();
}

std::int64_t InsertMessage(soci::session& sql, std::int64_t conversation_id, const Author& author,
                           bool from_staff, const std::string& body,
                           const std::vector<NewAttachment>& attachments, std::int64_t now) {
  long long conversation = conversation_id, account = author.account_id, at = now, id = 0;
  int staff = from_staff ? 1 : 0;
  sql << "INSERT INTO support_messages (conversation_id, author_account_id, author_name,"
         " from_staff, body, created_at) VALUES (:c, :a, :n, :s, :b, :t) RETURNING id",
      soci::use(conversation), soci::use(account), soci::use(author.name), soci::use(staff),
      soci::use(body), soci::use(at), soci::into(id);
  for (const NewAttachment& a : attachments) {
    long long size = a.size_bytes;
    const std::string kind(uploads::KindName(a.kind));
    sql << "INSERT INTO support_attachments (conversation_id, message_id, file_id, display_name,"
           " kind, size_bytes, created_at) VALUES (:c, :m, :f, :d, :k, :s, :t)",
        soci::use(conversation), soci::use(id), soci::use(a.file_id), soci::use(a.display_name),
        soci::use(kind), soci::use(size), soci::use(at);
  }
  return id;
}

}  // namespace

Opened OpenConversation(soci::session& sql, const Author& author, const NewConversation& opening,
                        const std::vector<NewAttachment>& attachments, std::int64_t now) {
  long long account = author.account_id, at = now, id = 0;
  const std::string state(StateName(State::kNew));
  sql << "INSERT INTO support_conversations (account_id, owner_name, owner_role, topic, subject,"
         " state, created_at, last_activity_at, waiting_since) VALUES (:a, :n, :r, :topic, :s,"
         " :state, :t1, :t2, :t3) RETURNING id",
      soci::use(account), soci::use(author.name), soci::use(author.role), soci::use(opening.topic),
      soci::use(opening.subject), soci::use(state), soci::use(at), soci::use(at), soci::use(at),
      soci::into(id);
  const std::int64_t message =
      InsertMessage(sql, id, author, false, opening.body, attachments, now);
  return {id, message};
}

std::optional<Conversation> FindConversation(soci::session& sql, std::int64_t id) {
  long long wanted = id;
  auto rows = SelectConversations(sql, std::string(kConversationColumns) + " WHERE id = :id",
                                  [&](soci::statement& st) { st.exchange(soci::use(wanted)); });
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<Conversation> FindOwnConversation(soci::session& sql, std::int64_t id,
                                                std::int64_t account_id) {
  long long wanted = id, account = account_id;
  auto rows = SelectConversations(
      sql, std::string(kConversationColumns) + " WHERE id = :id AND account_id = :account",
      [&](soci::statement& st) {
        st.exchange(soci::use(wanted));
        st.exchange(soci::use(account));
      });
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<Conversation> ConversationsOf(soci::session& sql, std::int64_t account_id, int limit) {
  long long account = account_id, n = std::clamp(limit, 1, 500);
  return SelectConversations(sql,
                             std::string(kConversationColumns) +
                                 " WHERE account_id = :account"
                                 " ORDER BY last_activity_at DESC, id DESC LIMIT :n",
                             [&](soci::statement& st) {
                               st.exchange(soci::use(account));
                               st.exchange(soci::use(n));
                             });
}

std::vector<Conversation> Queue(soci::session& sql, const std::vector<State>& states, int limit) {
  // The states are four fixed words: the IN list is built from them, never from input.
  std::string in;
  const std::vector<State> wanted =
      states.empty()
          ? std::vector<State>{State::kNew, State::kWaitingForStaff, State::kWaitingForMember}
          : states;
  for (State s : wanted) in += (in.empty() ? "'" : ", '") + std::string(StateName(s)) + "'";
  long long n = std::clamp(limit, 1, 500);
  return SelectConversations(sql,
                             std::string(kConversationColumns) + " WHERE state IN (" + in +
                                 ") ORDER BY waiting_since, id LIMIT :n",
                             [&](soci::statement& st) { st.exchange(soci::use(n)); });
}

std::vector<Message> MessagesOf(soci::session& sql, std::int64_t conversation_id) {
  long long conversation = conversation_id;
  std::vector<Message> messages;
  {
    long long id = 0, author = 0, created = 0;
    int staff = 0;
    std::string name, body;
    soci::statement st =
        (sql.prepare << "SELECT id, author_account_id, author_name, from_staff, body, created_at"
                        " FROM support_messages WHERE conversation_id = :c ORDER BY id",
         soci::use(conversation), soci::into(id), soci::into(author), soci::into(name),
         soci::into(staff), soci::into(body), soci::into(created));
    st.execute();
    while (st.fetch()) {
      messages.push_back({id, author, name, staff != 0, body, created, {}});
    }
  }
  long long id = 0, message = 0, size = 0;
  std::string file, display, kind;
  soci::statement st =
      (sql.prepare << "SELECT id, message_id, file_id, display_name, kind, size_bytes"
                      " FROM support_attachments WHERE conversation_id = :c ORDER BY id",
       soci::use(conversation), soci::into(id), soci::into(message), soci::into(file),
       soci::into(display), soci::into(kind), soci::into(size));
  st.execute();
  while (st.fetch()) {
    Attachment a{id, conversation_id, message, file, display, uploads::FileKind::kPdf, size};
    uploads::ParseKindName(kind, &a.kind);
    for (Message& m : messages) {
      if (m.id == message) m.attachments.push_back(a);
    }
  }
  return messages;
}

std::optional<Attachment> FindAttachment(soci::session& sql, std::int64_t conversation_id,
                                         std::int64_t attachment_id) {
  long long conversation = conversation_id, wanted = attachment_id, message = 0, size = 0;
  std::string file, display, kind;
  sql << "SELECT message_id, file_id, display_name, kind, size_bytes FROM support_attachments"
         " WHERE id = :id AND conversation_id = :c",
      soci::use(wanted), soci::use(conversation), soci::into(message), soci::into(file),
      soci::into(display), soci::into(kind), soci::into(size);
  if (!sql.got_data()) return std::nullopt;
  Attachment a{attachment_id, conversation_id,         message, file,
               display,       uploads::FileKind::kPdf, size};
  if (!uploads::ParseKindName(kind, &a.kind)) return std::nullopt;
  return a;
}

std::optional<Added> AddMessage(soci::session& sql, const Conversation& conversation,
                                const Author& author, bool from_staff, const std::string& body,
                                const std::vector<NewAttachment>& attachments, std::int64_t now) {
  const auto next =
      NextState(conversation.state, from_staff ? Event::kStaffMessage : Event::kMemberMessage);
  if (!next) return std::nullopt;
  long long id = conversation.id, at = now;
  long long waiting = ClockRestarts(conversation.state, *next) ? now : conversation.waiting_since;
  const std::string before(StateName(conversation.state)), after(StateName(*next));
  // Only from the state the caller saw: a reply racing a close (or another reply) loses.
  soci::statement update =
      (sql.prepare << "UPDATE support_conversations SET state = :after, last_activity_at = :t,"
                      " waiting_since = :w WHERE id = :id AND state = :before",
       soci::use(after), soci::use(at), soci::use(waiting), soci::use(id), soci::use(before));
  if (Affected(update) != 1) return std::nullopt;
  const std::int64_t message =
      InsertMessage(sql, conversation.id, author, from_staff, body, attachments, now);
  return Added{message, *next};
}

bool Close(soci::session& sql, std::int64_t conversation_id, std::int64_t now) {
  long long id = conversation_id, at = now;
  const std::string closed(StateName(State::kClosed));
  soci::statement update =
      (sql.prepare << "UPDATE support_conversations SET state = :closed, closed_at = :t1,"
                      " last_activity_at = :t2 WHERE id = :id AND state <> :closed2",
       soci::use(closed), soci::use(at), soci::use(at), soci::use(id), soci::use(closed));
  return Affected(update) == 1;
}

bool Assign(soci::session& sql, std::int64_t conversation_id, const Author& staff) {
  long long id = conversation_id, account = staff.account_id;
  const std::string closed(StateName(State::kClosed));
  soci::statement update =
      (sql.prepare << "UPDATE support_conversations SET assigned_to = :a, assigned_name = :n"
                      " WHERE id = :id AND state <> :closed",
       soci::use(account), soci::use(staff.name), soci::use(id), soci::use(closed));
  return Affected(update) == 1;
}

}  // namespace lumbung::support
