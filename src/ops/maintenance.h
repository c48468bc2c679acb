// Maintenance mode: one switch in the database, so every app instance sees it. Members and
// employers get a translated 503 page with a retry time and the fund's message; health and
// metrics endpoints stay up, and so do the steps of signing in, so that fund staff can sign in
// and keep working (PassesMaintenance). Switched by `lumbung maintenance on|off` and by an
// administrator at /staff/maintenance (src/backoffice); both write the whole state.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/db/database.h"
#include "core/http/request.h"

namespace soci {
class session;
}

namespace lumbung::ops {

struct MaintenanceState {
  bool on = false;
  std::optional<std::int64_t> until_epoch_seconds;  // the announced end, if any
  // The fund's words to members on the 503 page, per language ("id", "en"); empty: none. Only
  // kept while the switch is on: switching off clears them.
  std::string message_id{};
  std::string message_en{};

  bool operator==(const MaintenanceState&) const = default;
};

// The longest message, in characters (app_settings.value holds 1024); WriteMaintenance refuses
// a longer one with std::invalid_argument.
inline constexpr std::size_t kMaxMaintenanceMessageChars = 300;

// Reads and writes the switch (rows "maintenance", "maintenance.message.id" and
// "maintenance.message.en" of app_settings). Throws db::DatabaseError (or soci errors) on
// failure. The session forms write within the caller's transaction (so that an audit row can
// commit with the change); the Database forms use their own.
MaintenanceState ReadMaintenance(db::Database& database);
MaintenanceState ReadMaintenance(soci::session& sql);
void WriteMaintenance(db::Database& database, const MaintenanceState& state);
void WriteMaintenance(soci::session& sql, const MaintenanceState& state);

// The message for a page in `lang`: that language's, else the other one's (a message in one
// language beats none), else empty.
const std::string& MaintenanceMessage(const MaintenanceState& state, std::string_view lang);

// Whether `visitor` may use `path` while maintenance is on (probes and static files are let
// through before this is asked): signed-in fund staff everywhere; anyone on /logout; visitors
// not (yet) signed in on the steps of signing in (/login and its second-factor steps, the
// forced second-factor set-up). Members and employers get the 503 page everywhere else.
bool PassesMaintenance(std::string_view path, const http::Visitor& visitor);

// What a serving process consults on each request: re-reads the database at most every
// `poll` (0: every time) and keeps the last known state when the database cannot be read.
class MaintenanceSwitch {
 public:
  MaintenanceSwitch(db::Database& database, std::chrono::seconds poll);
  MaintenanceState Current();

 private:
  db::Database& database_;
  std::chrono::seconds poll_;
  std::mutex mu_;
  MaintenanceState state_;
  std::chrono::steady_clock::time_point next_read_{};
};

}  // namespace lumbung::ops
