#include "ops/maintenance.h"

#include <soci/soci.h>

#include <ctime>
#include <stdexcept>
#include <string>
#include <utility>

namespace lumbung::ops {
namespace {

const char kKey[] = "maintenance";
const char kMessageId[] = "maintenance.message.id";
const char kMessageEn[] = "maintenance.message.en";

// The forced second-factor set-up that staff accounts go through before their first full
// session (identity's two_factor_routes.cc); only visitors not yet signed in get here.
constexpr std::string_view kSetUpSteps[] = {
    "/account/two-factor/setup", "/account/two-factor/app", "/account/two-factor/app/start",
    "/account/two-factor/email", "/account/two-factor/email/start"};

std::size_t CharacterCount(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string NowIso() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

MaintenanceState ReadMaintenance(soci::session& sql) {
  MaintenanceState state;
  std::string name, value;
  const std::string names[] = {kKey, kMessageId, kMessageEn};  // bound until the statement ends
  soci::statement select =
      (sql.prepare << "SELECT name, value FROM app_settings WHERE name IN (:switch, :id, :en)",
       soci::use(names[0]), soci::use(names[1]), soci::use(names[2]), soci::into(name),
       soci::into(value));
  select.execute();
  std::string message_id, message_en;
  while (select.fetch()) {
    if (name == kMessageId) {
      message_id = value;
    } else if (name == kMessageEn) {
      message_en = value;
    } else if (!value.empty() && value != "off") {
      state.on = true;
      // "on" or "on:<epoch seconds>"
      if (auto colon = value.find(':'); colon != std::string::npos) {
        try {
          state.until_epoch_seconds = std::stoll(value.substr(colon + 1));
        } catch (...) {
        }
      }
    }
  }
  if (state.on) {
    state.message_id = std::move(message_id);
    state.message_en = std::move(message_en);
  }
  return state;
}

MaintenanceState ReadMaintenance(db::Database& database) {
  auto lease = database.Acquire();
  return ReadMaintenance(lease.session());
}

void WriteMaintenance(soci::session& sql, const MaintenanceState& state) {
  for (const std::string* message : {&state.message_id, &state.message_en}) {
    if (CharacterCount(*message) > kMaxMaintenanceMessageChars) {
      throw std::invalid_argument("maintenance: the message is longer than " +
                                  std::to_string(kMaxMaintenanceMessageChars) + " characters");
    }
  }
  std::string value = "off";
  if (state.on) {
    value = "on";
    if (state.until_epoch_seconds) value += ":" + std::to_string(*state.until_epoch_seconds);
  }
  const std::string now = NowIso();
  const auto put = [&](const std::string& name, const std::string& text) {
    sql << "DELETE FROM app_settings WHERE name = :name", soci::use(name);
    if (text.empty()) return;
    sql << "INSERT INTO app_settings (name, value, updated_at) VALUES (:n, :v, :t)",
        soci::use(name), soci::use(text), soci::use(now);
  };
  put(kKey, value);
  put(kMessageId, state.on ? state.message_id : std::string());
  put(kMessageEn, state.on ? state.message_en : std::string());
}

void WriteMaintenance(db::Database& database, const MaintenanceState& state) {
  auto lease = database.Acquire();
  soci::transaction tx(lease.session());
  WriteMaintenance(lease.session(), state);
  tx.commit();
}

const std::string& MaintenanceMessage(const MaintenanceState& state, std::string_view lang) {
  const std::string& own = lang == "en" ? state.message_en : state.message_id;
  const std::string& other = lang == "en" ? state.message_id : state.message_en;
  return own.empty() ? other : own;
}

bool PassesMaintenance(std::string_view path, const http::Visitor& visitor) {
  if (visitor.signed_in()) return visitor.is_staff() || path == "/logout";
  // Not signed in, or partway: the steps that end in a staff session.
  if (path == "/logout" || path == "/login" || path.starts_with("/login/")) return true;
  for (std::string_view step : kSetUpSteps) {
    if (path == step) return true;
  }
  return false;
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
