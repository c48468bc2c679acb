#include "ops/maintenance.h"

#include <soci/soci.h>

#include <ctime>
#include <string>

namespace lumbung::ops {
namespace {

const char kKey[] = "maintenance";

std::string NowIso() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

MaintenanceState ReadMaintenance(db::Database& database) {
  auto lease = database.Acquire();
  std::string value;
  soci::indicator ind = soci::i_null;
  lease.session() << "SELECT value FROM app_settings WHERE name = :name",
      soci::use(std::string(kKey)), soci::into(value, ind);
  MaintenanceState state;
  if (!lease.session().got_data() || ind != soci::i_ok || value.empty() || value == "off")
    return state;
  state.on = true;
  // "on" or "on:<epoch seconds>"
  if (auto colon = value.find(':'); colon != std::string::npos) {
    try {
      state.until_epoch_seconds = std::stoll(value.substr(colon + 1));
    } catch (...) {
    }
  }
  return state;
}

void WriteMaintenance(db::Database& database, const MaintenanceState& state) {
  std::string value = "off";
  if (state.on) {
    value = "on";
    if (state.until_epoch_seconds) value += ":" + std::to_string(*state.until_epoch_seconds);
  }
  auto lease = database.Acquire();
  soci::transaction tx(lease.session());
  lease.session() << "DELETE FROM app_settings WHERE name = :name", soci::use(std::string(kKey));
  lease.session() << "INSERT INTO app_settings (name, value, updated_at) VALUES (:n, :v, :t)",
      soci::use(std::string(kKey)), soci::use(value), soci::use(NowIso());
  tx.commit();
}

MaintenanceSwitch::MaintenanceSwitch(db::Database& database, std::chrono::seconds poll)
    : database_(database), poll_(poll) {}

MaintenanceState MaintenanceSwitch::Current() {
  std::lock_guard lock(mu_);
  const auto now = std::chrono::steady_clock::now();
  if (now >= next_read_) {
    try {
      state_ = ReadMaintenance(database_);
    } catch (const std::exception&) {
      // Keep the last known state: a database hiccup must not flip the site in or out of
      // maintenance.
    }
    next_read_ = now + poll_;
  }
  return state_;
}

}  // namespace lumbung::ops
