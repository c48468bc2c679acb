#include "core/inbox/mail_preferences.h"

#include <soci/soci.h>

#include <algorithm>
#include <stdexcept>

#include "core/inbox/inbox.h"

namespace lumbung::inbox {

const std::vector<std::string_view>& ConfigurableMailCategories() {
  static const std::vector<std::string_view> categories = {kContributions, kPayments, kClaims,
                                                           kAnnouncements, kSupport,  kTraining};
  return categories;
}

bool DefaultMails(std::string_view category) {
  return category == kPayments || category == kClaims || category == kAnnouncements ||
         category == kSupport || category == kTraining || category == kSecurity;
}

bool Mails(const MailChoices& choices, std::string_view category) {
  if (category == kSecurity) return true;  // whatever is stored: it cannot be turned off
  if (!IsCategory(category)) return false;
  const auto chosen = choices.find(category);
  return chosen != choices.end() ? chosen->second : DefaultMails(category);
}

MailChoices LoadMailChoices(soci::session& sql, std::int64_t account_id) {
  MailChoices choices;
  long long account = account_id;
  std::string category;
  int mail = 0;
  soci::statement select = (sql.prepare << "SELECT category, mail FROM inbox_mail_preferences"
                                           " WHERE account_id = :account",
                            soci::use(account), soci::into(category), soci::into(mail));
  select.execute();
  while (select.fetch()) choices[category] = mail != 0;
  return choices;
}

bool WantsMail(soci::session& sql, std::int64_t account_id, std::string_view category) {
  if (category == kSecurity || !IsCategory(category)) return Mails({}, category);
  long long account = account_id;
  const std::string name(category);
  int mail = 0;
  sql << "SELECT mail FROM inbox_mail_preferences WHERE account_id = :account AND"
         " category = :category",
      soci::use(account), soci::use(name), soci::into(mail);
  MailChoices choices;
  if (sql.got_data()) choices[name] = mail != 0;
  return Mails(choices, category);
}

void SaveMailChoices(soci::session& sql, std::int64_t account_id, const MailChoices& choices,
                     std::int64_t now) {
  if (account_id <= 0) throw std::invalid_argument("inbox: account_id must be positive");
  const auto& configurable = ConfigurableMailCategories();
  for (const auto& [category, mail] : choices) {
    if (std::find(configurable.begin(), configurable.end(), category) == configurable.end()) {
      throw std::invalid_argument("inbox: mail for this category cannot be chosen");
    }
  }
  for (const auto& [category, mail] : choices) {
    long long account = account_id, at = now;
    int value = mail ? 1 : 0;
    std::string name = category;
    sql << "INSERT INTO inbox_mail_preferences (account_id, category, mail, updated_at) VALUES"
           " (:account, :category, :mail, :now) ON CONFLICT (account_id, category) DO UPDATE SET"
           " mail = excluded.mail, updated_at = excluded.updated_at",
        soci::use(account), soci::use(name), soci::use(value), soci::use(at);
  }
}

}  // namespace lumbung::inbox
