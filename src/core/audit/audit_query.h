// Reading the audit log for the fund's administrators (the back office's audit viewer and its
// CSV export): events chosen by who acted, whom they concerned, the action and a time range,
// newest first, in pages that follow the chain's ids (keyset paging: a page costs the same at
// the end of a long log as at its start, and a row appended meanwhile never shifts a page).
//
// The filter binds every value as a parameter; the time bounds are compared as the stored text
// ("2024-05-01T03:04:05.678Z" sorts as it reads), so callers turn their days into such bounds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/event.h"

namespace soci {
class session;
}

namespace lumbung::audit {

struct Filter {
  std::optional<std::int64_t> actor_user_id{};    // who acted
  std::optional<std::int64_t> subject_user_id{};  // whose account it concerned
  std::string action{};                           // exactly this action; empty: any
  std::string action_prefix{};    // actions starting with this text ("login."); empty: any
  std::string occurred_from{};    // occurred_at >= this timestamp text; empty: no lower bound
  std::string occurred_before{};  // occurred_at < this timestamp text; empty: no upper bound

  bool operator==(const Filter&) const = default;
};

// Where a page starts: the newest rows, the rows older than `id` (the next page), or the rows
// newer than `id` (the page before).
struct Cursor {
  enum class Direction { kNewest, kOlderThan, kNewerThan };
  Direction direction = Direction::kNewest;
  std::int64_t id = 0;
};

struct EventPage {
  std::vector<Event> events;  // newest first
  bool has_older = false;     // rows matching the filter below the last one shown
  bool has_newer = false;     // ... above the first one shown
};

inline constexpr int kMaxPageRows = 1000;

// One page of at most `limit` (1..kMaxPageRows; clamped) events matching `filter`.
EventPage FindEvents(soci::session& sql, const Filter& filter, const Cursor& cursor, int limit);

// The distinct actions in the log, in byte order, at most `limit` (a loose index scan over the
// action index: one short look-up per action, not a read of the whole log).
std::vector<std::string> ActionsInLog(soci::session& sql, int limit);

// One row as stored, whatever it now holds (for showing a row the chain check found changed):
// the event, and its details exactly as the column holds them.
struct StoredRow {
  Event event;
  std::string details_text;
};
std::optional<StoredRow> FindRow(soci::session& sql, std::int64_t id);

}  // namespace lumbung::audit
