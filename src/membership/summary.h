// What the registry says about a member's membership: numbers, status, current employer and
// the programs the latest contributions went to. Storage look-up and the dashboard card.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db/database.h"
#include "core/view/dashboard.h"
#include "core/view/views.h"

namespace soci {
class session;
}

namespace lumbung::membership {

struct Summary {
  std::string kpj, full_name, status;  // status: active | inactive | deceased
  std::string current_employer;        // empty when no employment is open
  std::vector<std::string> programs;   // "JHT", "JKK", ... with an amount in the latest month
};

std::optional<Summary> LoadSummary(soci::session& sql, std::int64_t member_id);

view::DashboardCardSource DashboardCards(db::Database& database, const view::Views& views);

}  // namespace lumbung::membership
