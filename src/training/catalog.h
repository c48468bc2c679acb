// The catalog's vocabulary and what people type into it (pure): the fields of training, the
// modes, the search filter read from the query string, and the provider's programme and session
// forms checked field by field (errors as catalog ids).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lumbung::training {

// The field codes the catalog filters by (and analytics counts by), in the order shown.
const std::vector<std::string_view>& Fields();
bool IsField(std::string_view field);
bool IsMode(std::string_view mode);  // online, in_person

inline constexpr int kCatalogPageSize = 10;

struct CatalogFilter {
  std::string q;      // words in the title, provider or description; "" any
  std::string field;  // "" any
  std::string mode;   // "" any
  int province = 0;   // 0 any
  std::string from;   // YYYY-MM-DD: sessions starting on or after; "" from today
  int page = 1;
};

// The filter from the query's values (absent: ""); values that are not allowed are dropped, so a
// tampered link shows the whole catalog rather than an error.
CatalogFilter ParseFilter(const std::map<std::string, std::string>& query);
// The query string that gives `filter` back at `page` ("field=digital&page=2"), for paging links.
std::string FilterQuery(const CatalogFilter& filter, int page);

// A day as typed: "2026-03-09", "9-3-2026", "09/03/2026"; nullopt when it is no real day.
std::optional<std::chrono::year_month_day> ParseDay(std::string_view text);
std::string IsoDay(std::chrono::year_month_day day);

// The provider's programme form, as typed. Errors: field name -> catalog id.
struct ProgrammeForm {
  std::string title, field, mode, province, city, description, duration_hours, min_age, max_age,
      min_education, cost;
  bool needs_active_membership = false, jkp_first = false, published = true;
};
struct CheckedProgramme {
  std::map<std::string, std::string> errors;
  // Valid only without errors.
  std::string title, field, mode, city, description, min_education;
  int province_code = 0, duration_hours = 0, min_age = 0, max_age = 0;
  std::int64_t cost_rupiah = 0;
};
CheckedProgramme CheckProgramme(const ProgrammeForm& form);

struct SessionForm {
  std::string starts_on, ends_on, schedule, quota;
};
struct CheckedSession {
  std::map<std::string, std::string> errors;
  std::string starts_on, ends_on, schedule;
  int quota = 0;
};
// `today`: a new session starts after it; an edited one may keep its day.
CheckedSession CheckSession(const SessionForm& form, std::chrono::year_month_day today,
                            bool is_new);

}  // namespace lumbung::training
