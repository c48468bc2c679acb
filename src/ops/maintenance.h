// Maintenance mode: one switch in the database, so every app instance sees it. Members get a
// translated 503 page with a retry time; health and metrics endpoints stay up.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>

#include "core/db/database.h"

namespace lumbung::ops {

struct MaintenanceState {
  bool on = false;
  std::optional<std::int64_t> until_epoch_seconds;  // the announced end, if any
};

// Reads and writes the switch. Throws db::DatabaseError (or soci errors) on failure.
MaintenanceState ReadMaintenance(db::Database& database);
void WriteMaintenance(db::Database& database, const MaintenanceState& state);

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
