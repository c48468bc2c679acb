#include "core/mail/dev_mailbox.h"

#include <soci/soci.h>

#include <algorithm>

namespace lumbung::mail {

std::vector<StoredMail> RecentMail(soci::session& session, int limit) {
  const int clamped = std::clamp(limit, 1, 500);
  long long id = 0, created_at = 0, next_attempt_at = 0, sent_at = 0;
  int attempts = 0;
  std::string to, subject, text_body, html_body, category, status, last_error, message_id;
  soci::indicator last_error_ind = soci::i_null, sent_at_ind = soci::i_null;
  soci::statement statement =
      (session.prepare << "SELECT id, to_address, subject, text_body, html_body, category, "
                          "status, attempts, last_error, message_id, created_at, "
                          "next_attempt_at, sent_at FROM mail_outbox ORDER BY id DESC LIMIT :n",
       soci::use(clamped), soci::into(id), soci::into(to), soci::into(subject),
       soci::into(text_body), soci::into(html_body), soci::into(category), soci::into(status),
       soci::into(attempts), soci::into(last_error, last_error_ind), soci::into(message_id),
       soci::into(created_at), soci::into(next_attempt_at), soci::into(sent_at, sent_at_ind));
  statement.execute();
  std::vector<StoredMail> mails;
  while (statement.fetch()) {
    StoredMail& mail = mails.emplace_back();
    mail.id = id;
    mail.to = to;
    mail.subject = subject;
    mail.text_body = text_body;
    mail.html_body = html_body;
    mail.category = category;
    mail.status = status;
    mail.attempts = attempts;
    mail.last_error = last_error_ind == soci::i_ok ? last_error : "";
    mail.message_id = message_id;
    mail.created_at = created_at;
    mail.next_attempt_at = next_attempt_at;
    if (sent_at_ind == soci::i_ok) mail.sent_at = sent_at;
  }
  return mails;
}

}  // namespace lumbung::mail
