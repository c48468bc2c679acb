#include "core/audit/audit_query.h"

#include <soci/soci.h>

#include <algorithm>
#include <string>
#include <utility>

namespace lumbung::audit {
namespace {

constexpr char kColumns[] =
    "SELECT id, occurred_at, actor_user_id, subject_user_id, action, result, ip, user_agent,"
    " details FROM audit_log";

// The values a statement binds, in the order of their placeholders. Kept alive until the
// statement has run (SOCI binds by reference).
struct Binds {
  long long actor = 0, subject = 0, cursor = 0;
  std::string action, prefix, from, before;
  int prefix_length = 0;
  int limit = 0;
};

// " WHERE ..." for `filter` (and the cursor's bound when `cursor_clause` is given), with the
// binds registered on `st` in placeholder order.
std::string WhereClause(soci::statement& st, const Filter& filter, Binds& b,
                        const char* cursor_clause) {
  std::string where;
  const auto add = [&where](const char* condition) {
    where += where.empty() ? " WHERE " : " AND ";
    where += condition;
  };
  if (filter.actor_user_id) {
    b.actor = *filter.actor_user_id;
    add("actor_user_id = :actor");
    st.exchange(soci::use(b.actor, "actor"));
  }
  if (filter.subject_user_id) {
    b.subject = *filter.subject_user_id;
    add("subject_user_id = :subject");
    st.exchange(soci::use(b.subject, "subject"));
  }
  if (!filter.action.empty()) {
    b.action = filter.action;
    add("action = :action");
    st.exchange(soci::use(b.action, "action"));
  }
  if (!filter.action_prefix.empty()) {
    // substr rather than LIKE: '_' is a LIKE wildcard and common in action names.
    b.prefix = filter.action_prefix;
    b.prefix_length = static_cast<int>(b.prefix.size());
    add("substr(action, 1, :prefix_length) = :prefix");
    st.exchange(soci::use(b.prefix_length, "prefix_length"));
    st.exchange(soci::use(b.prefix, "prefix"));
  }
  if (!filter.occurred_from.empty()) {
    b.from = filter.occurred_from;
    add("occurred_at >= :occurred_from");
    st.exchange(soci::use(b.from, "occurred_from"));
  }
  if (!filter.occurred_before.empty()) {
    b.before = filter.occurred_before;
    add("occurred_at < :occurred_before");
    st.exchange(soci::use(b.before, "occurred_before"));
  }
  if (cursor_clause) {
    add(cursor_clause);
    st.exchange(soci::use(b.cursor, "cursor"));
  }
  return where;
}

std::optional<std::int64_t> FromIndicator(long long value, soci::indicator indicator) {
  if (indicator == soci::i_null) return std::nullopt;
  return static_cast<std::int64_t>(value);
}

// Rows matching `filter` beyond `cursor_id` in one direction, at most `limit`.
std::vector<Event> Select(soci::session& sql, const Filter& filter, const char* cursor_clause,
                          std::int64_t cursor_id, bool ascending, int limit) {
  std::vector<Event> events;
  long long id = 0, actor = 0, subject = 0;
  soci::indicator actor_indicator = soci::i_null, subject_indicator = soci::i_null;
  std::string occurred_at, action, result, ip, user_agent, details;
  Binds binds;
  binds.cursor = cursor_id;
  binds.limit = limit;
  soci::statement st(sql);
  st.exchange(soci::into(id));
  st.exchange(soci::into(occurred_at));
  st.exchange(soci::into(actor, actor_indicator));
  st.exchange(soci::into(subject, subject_indicator));
  st.exchange(soci::into(action));
  st.exchange(soci::into(result));
  st.exchange(soci::into(ip));
  st.exchange(soci::into(user_agent));
  st.exchange(soci::into(details));
  std::string query = kColumns + WhereClause(st, filter, binds, cursor_clause);
  query += ascending ? " ORDER BY id ASC" : " ORDER BY id DESC";
  query += " LIMIT :limit";
  st.exchange(soci::use(binds.limit, "limit"));
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    Event& event = events.emplace_back();
    event.id = id;
    event.occurred_at = occurred_at;
    event.actor_user_id = FromIndicator(actor, actor_indicator);
    event.subject_user_id = FromIndicator(subject, subject_indicator);
    event.action = action;
    event.result = ParseResult(result).value_or(Result::kError);
    event.ip = ip;
    event.user_agent = user_agent;
    event.details = ParseDetailsJson(details);
  }
  return events;
}

// Whether any row matching `filter` lies beyond `cursor_clause`.
bool Exists(soci::session& sql, const Filter& filter, const char* cursor_clause,
            std::int64_t cursor_id) {
  long long id = 0;
  Binds binds;
  binds.cursor = cursor_id;
  soci::statement st(sql);
  st.exchange(soci::into(id));
  const std::string query =
      "SELECT id FROM audit_log" + WhereClause(st, filter, binds, cursor_clause) + " LIMIT 1";
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  return st.execute(true);
}

constexpr char kOlder[] = "id < :cursor";
constexpr char kNewer[] = "id > :cursor";

}  // namespace

EventPage FindEvents(soci::session& sql, const Filter& filter, const Cursor& cursor, int limit) {
  EventPage page;
  limit = std::clamp(limit, 1, kMaxPageRows);
  using Direction = Cursor::Direction;
  if (cursor.direction == Direction::kNewerThan) {
    // The page before: the `limit` rows just above the cursor, shown newest first.
    page.events = Select(sql, filter, kNewer, cursor.id, /*ascending=*/true, limit + 1);
    page.has_newer = static_cast<int>(page.events.size()) > limit;
    if (page.has_newer) page.events.pop_back();
    std::reverse(page.events.begin(), page.events.end());
    page.has_older = page.events.empty() ? Exists(sql, filter, kOlder, cursor.id + 1)
                                         : Exists(sql, filter, kOlder, page.events.back().id);
    return page;
  }
  const bool from_cursor = cursor.direction == Direction::kOlderThan;
  page.events = Select(sql, filter, from_cursor ? kOlder : nullptr, cursor.id,
                       /*ascending=*/false, limit + 1);
  page.has_older = static_cast<int>(page.events.size()) > limit;
  if (page.has_older) page.events.pop_back();
  if (from_cursor) {
    page.has_newer = page.events.empty() ? Exists(sql, filter, kNewer, cursor.id - 1)
                                         : Exists(sql, filter, kNewer, page.events.front().id);
  }
  return page;
}

std::vector<std::string> ActionsInLog(soci::session& sql, int limit) {
  std::vector<std::string> actions;
  if (limit <= 0) return actions;
  // Each step asks the (action, id) index for the next action after the previous one.
  std::string action;
  soci::indicator indicator = soci::i_null;
  soci::statement st =
      (sql.prepare << "WITH RECURSIVE a(action) AS ("
                      " SELECT MIN(action) FROM audit_log"
                      " UNION ALL"
                      " SELECT (SELECT MIN(l.action) FROM audit_log l WHERE l.action > a.action)"
                      " FROM a WHERE a.action IS NOT NULL)"
                      " SELECT action FROM a WHERE action IS NOT NULL LIMIT :limit",
       soci::use(limit), soci::into(action, indicator));
  st.execute();
  while (st.fetch()) {
    if (indicator == soci::i_ok) actions.push_back(action);
  }
  return actions;
}

std::optional<StoredRow> FindRow(soci::session& sql, std::int64_t row_id) {
  const long long wanted = row_id;
  long long id = 0, actor = 0, subject = 0;
  soci::indicator actor_indicator = soci::i_null, subject_indicator = soci::i_null;
  StoredRow row;
  std::string result;
  sql << kColumns << " WHERE id = :id", soci::use(wanted), soci::into(id),
      soci::into(row.event.occurred_at), soci::into(actor, actor_indicator),
      soci::into(subject, subject_indicator), soci::into(row.event.action), soci::into(result),
      soci::into(row.event.ip), soci::into(row.event.user_agent), soci::into(row.details_text);
  if (!sql.got_data()) return std::nullopt;
  row.event.id = id;
  row.event.actor_user_id = FromIndicator(actor, actor_indicator);
  row.event.subject_user_id = FromIndicator(subject, subject_indicator);
  row.event.result = ParseResult(result).value_or(Result::kError);
  row.event.details = ParseDetailsJson(row.details_text);
  return row;
}

}  // namespace lumbung::audit
