// /employer/users: the employer's own accounts, for its administrator only (role employer_admin;
// employer staff get 403 like anyone else). The employer is always the session's; an account id
// in a URL that is not one of this employer's accounts is answered 404 exactly like an unknown
// one (ASVS 4.1.1, 4.1.3, 4.2.1). Accounts are made, disabled and enabled through identity's
// public functions (identity.h: Invite, SetDisabled), so the invitation mail, its link and the
// sessions' end are identity's own.
//
//   GET  /employer/users                  the accounts (name, e-mail, role, state) and the
//                                         invite form; ?notice=invited|disabled|enabled
//   POST /employer/users/invite           name, email, lang -> an employer_staff account of this
//                                         employer and the invitation mail; 303
//                                         /employer/users?notice=invited; problems 422 (the
//                                         address has an account already: its own message,
//                                         nothing changed)
//   POST /employer/users/{id}/disable     a staff account of this employer: disabled, its
//                                         sessions end at once, the person is mailed; 303
//                                         ?notice=disabled. Oneself or an administrator: 403
//   POST /employer/users/{id}/enable      the same, enabled again; 303 ?notice=enabled
//
// Audited: employer.user_invited (also refused: the address has an account), .user_disabled,
// .user_enabled, with the administrator as actor and the account as subject.
#pragma once

#include "core/db/database.h"
#include "core/http/router.h"
#include "core/view/views.h"
#include "identity/identity.h"

namespace lumbung::employers {

void AddUserRoutes(http::Router& router, db::Database& database, const view::Views& views,
                   const identity::Identity& accounts);

}  // namespace lumbung::employers
