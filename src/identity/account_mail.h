// The mails the identity feature sends, composed from the catalogs in the account's language:
// subject, greeting, the message, the link on a line of its own (built from public.url, never
// from the request), an optional "this wasn't me" link, and the footer naming the official web
// address. Text and HTML parts say the same.
//
// Catalog ids for a kind K: identity.mail.K.subject, identity.mail.K.body (paragraphs separated
// by blank lines; {{placeholders}} from `values`), identity.mail.K.action (the link's label).
#pragma once

#include <map>
#include <string>

#include "core/i18n/catalog.h"
#include "core/mail/outbox.h"

namespace lumbung::identity {

struct AccountMail {
  std::string kind;  // verify_email, reset_password, ...
  std::string to, lang, name;
  std::map<std::string, std::string> values;
  std::string link;         // absolute; empty: no action link
  std::string report_link;  // absolute; empty: no "this wasn't me" part
};

mail::OutgoingMail ComposeAccountMail(const i18n::Catalogs& catalogs, const std::string& fund_name,
                                      const std::string& web_address, const AccountMail& mail);

}  // namespace lumbung::identity
