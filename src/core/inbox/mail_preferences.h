// Which inbox categories an account also wants by e-mail. A feature that posts an
// item asks WantsMail before it queues a mail about it. Security mail cannot be turned off
// (ASVS 4.0.3 2.2.3, 2.5.5: the account holder learns of every change to the account): the
// rule says so, and the table cannot even hold a choice for "security".
//
// Defaults, for an account that never chose: mail about late employer payments and claims (the
// member may need to act), not about each month's contribution being received (routine, and
// always in the inbox).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace soci {
class session;
}

namespace lumbung::inbox {

// What the account chose, by category; a category not in the map has its default.
using MailChoices = std::map<std::string, bool, std::less<>>;

// Pure. The categories whose mail an account may turn on or off: every category but security.
const std::vector<std::string_view>& ConfigurableMailCategories();
// Pure. The default for an account that never chose (false for unknown categories).
bool DefaultMails(std::string_view category);
// Pure. Whether an item of `category` is mailed to an account with these choices: always for
// security, never for an unknown category, else the choice or the default.
bool Mails(const MailChoices& choices, std::string_view category);

// The account's stored choices (only those it made).
MailChoices LoadMailChoices(soci::session& sql, std::int64_t account_id);
// Mails(LoadMailChoices(...), category) in one primary-key look-up.
bool WantsMail(soci::session& sql, std::int64_t account_id, std::string_view category);
// Stores `choices` for the account in the caller's transaction (categories not named keep what
// they had). Throws std::invalid_argument, writing nothing, when a category is not configurable
// (security, or unknown).
void SaveMailChoices(soci::session& sql, std::int64_t account_id, const MailChoices& choices,
                     std::int64_t now);

}  // namespace lumbung::inbox
