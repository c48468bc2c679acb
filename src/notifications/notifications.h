// The notifications feature: the member's inbox at /notifications (newest first,
// paged, unread marked, "mark as read" one or all), the mail choices per category at
// /notifications/preferences (security always on), the unread count in the header and a
// dashboard card. Items are core/inbox's; the registry's events are brought in by sync.h.
//
// Every route is for signed-in visitors and touches only the visitor's own items: the account
// comes from the session, never from the request (ASVS 4.0.3 4.1.1, 4.2.1). Every POST carries
// the CSRF token (checked by the session middleware) and answers 303 (ASVS 4.2.2).
//
// | path                        | GET                      | POST                              |
// |-----------------------------|--------------------------|-----------------------------------|
// | /notifications              | `?page=N`, `?notice=`    |                                   |
// | /notifications/read         |                          | `id`, `page` -> 303; 404/422 page |
// | /notifications/read-all     |                          | -> 303 /notifications             |
// | /notifications/preferences  | form (`?saved=1`)        | a checkbox per category -> 303;   |
// |                             |                          | anything else 422, nothing saved  |
#pragma once

#include <memory>

#include "core/cache/fresh_cache.h"
#include "core/config/config.h"
#include "core/db/database.h"
#include "core/http/request.h"
#include "core/http/router.h"
#include "core/inbox/inbox.h"
#include "core/view/dashboard.h"
#include "core/view/views.h"
#include "notifications/sync.h"

namespace lumbung::notifications {

class Notifications {
 public:
  // Reads fund.name, fund.web_address, public.url and smtp.from (the mail's links and
  // Message-IDs). `recipient` says where an account's mail goes.
  Notifications(const config::Config& config, db::Database& database, const view::Views& views,
                RecipientLookup recipient);

  void AddRoutes(http::Router& router);

  // For other features (through the app): posts an item and mails it when the account wants
  // its category, with this feature's mail (notification_mail.h). See inbox::Notifier.
  inbox::Notifier Notifier() const;

  // The dashboard card: the unread count and a link to the inbox.
  view::DashboardCardSource DashboardCards() const;

  // Right after the session middleware, for every routed request: for a signed-in visitor,
  // counts the unread items into request.visitor.unread_notifications (one indexed COUNT). On
  // a member's GET of /dashboard or /notifications it first brings the inbox up to date with
  // the registry (sync.h), so the page and its header agree. Throws the database's error
  // after still trying to count (the caller logs it; the page can do without).
  void Attend(http::Request& request) const;

 private:
  db::Database& database_;
  const view::Views& views_;
  Mailer mailer_;
  // The registry sync (by member) and the unread count (by account) as of a moment ago; see
  // core/cache/fresh_cache.h.
  mutable cache::FreshCache<bool> synced_;
  mutable cache::FreshCache<std::int64_t> unread_;
};

}  // namespace lumbung::notifications
