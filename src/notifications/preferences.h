// The mail-choices form (/notifications/preferences): pure reading of what was posted.
//
// The form has one checkbox per category the account may choose (value "1" when ticked, absent
// when not) and no field for security, whose mail is always on. Anything else (a "security"
// field that is not "1", an unknown field, a repeated field, a value other than "1") is refused
// as a whole with a message id, so a forged or damaged POST changes nothing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/http/url.h"
#include "core/inbox/mail_preferences.h"

namespace lumbung::notifications {

struct PreferencesInput {
  inbox::MailChoices choices{};  // every category in `configurable`: ticked or not
  std::string error_id{};        // a catalog id when refused; then `choices` is empty
};

// `fields`: the posted form (the csrf field is ignored). `configurable`: the categories this
// account may choose (ChoosableCategories).
PreferencesInput ReadPreferencesForm(const http::Fields& fields,
                                     const std::vector<std::string_view>& configurable);

// The categories an account with `role` chooses mail for: members every configurable one (their
// contributions, their employers' payments, their claims); other roles none (they only ever get
// security notices).
std::vector<std::string_view> ChoosableCategories(std::string_view role);

}  // namespace lumbung::notifications
