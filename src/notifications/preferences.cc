#include "notifications/preferences.h"

#include <algorithm>
#include <set>

#include "core/inbox/inbox.h"

namespace lumbung::notifications {

PreferencesInput ReadPreferencesForm(const http::Fields& fields,
                                     const std::vector<std::string_view>& configurable) {
  PreferencesInput input;
  const auto refuse = [&](const char* id) {
    input.choices.clear();
    input.error_id = id;
    return input;
  };
  std::set<std::string> seen;
  inbox::MailChoices ticked;
  for (const auto& [name, value] : fields) {
    if (name == "csrf") continue;
    if (!seen.insert(name).second) return refuse("notifications.preferences.error.invalid");
    if (name == inbox::kSecurity) {
      // Security mail is always on: "1" says so and changes nothing; anything else would turn
      // it off (ASVS 4.0.3 2.2.3).
      if (value != "1") return refuse("notifications.preferences.error.security");
      continue;
    }
    if (std::find(configurable.begin(), configurable.end(), name) == configurable.end() ||
        value != "1") {
      return refuse("notifications.preferences.error.invalid");
    }
    ticked[name] = true;
  }
  for (const auto category : configurable) {
    input.choices[std::string(category)] = ticked.count(category) > 0;
  }
  return input;
}

std::vector<std::string_view> ChoosableCategories(std::string_view role) {
  if (role == "member") return inbox::ConfigurableMailCategories();
  return {};
}

}  // namespace lumbung::notifications
