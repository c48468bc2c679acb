// The e-mail copy of an inbox notice, in the account's language: a subject per category, the
// greeting, the notice as the inbox shows it, a link to the inbox and one to the mail choices
// (each alone on its line, built from public.url, never from the request), the safety line and
// the signature. Text and HTML parts say the same. Queued with category "notifications".
//
// Catalog ids: notifications.mail.subject.<category>, notifications.mail.{greeting, open,
// choices, safety, signature}.
#pragma once

#include <string>

#include "core/i18n/catalog.h"
#include "core/inbox/inbox.h"
#include "core/mail/outbox.h"

namespace lumbung::notifications {

struct MailSettings {
  std::string fund_name{};
  std::string web_address{};        // the official address, named in the footer
  std::string public_url{};         // links start with it (no trailing '/')
  std::string message_id_domain{};  // from smtp.from
};

struct Recipient {
  std::string email{};
  std::string lang = "id";  // an unsupported language falls back to Indonesian
  std::string name{};
};

mail::OutgoingMail ComposeNotificationMail(const i18n::Catalogs& catalogs,
                                           const MailSettings& settings, const Recipient& recipient,
                                           const inbox::InboxItem& item);

}  // namespace lumbung::notifications
