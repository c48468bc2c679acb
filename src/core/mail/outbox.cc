#include "core/mail/outbox.h"

#include <Poco/UUIDGenerator.h>
#include <soci/soci.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "core/mail/address.h"
#include "core/mail/mime_text.h"

namespace lumbung::mail {
namespace {

constexpr std::size_t kMaxSubjectBytes = 255;
constexpr std::size_t kMaxBodyBytes = 1 << 20;

void Fail(const std::string& why) {
  throw std::invalid_argument("mail: " + why);
}

bool HasLineBreak(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

void ValidateBody(std::string_view body, const char* name) {
  if (body.size() > kMaxBodyBytes) Fail(std::string(name) + " is larger than 1 MiB");
  if (body.find('\0') != std::string_view::npos) Fail(std::string(name) + " contains NUL");
  if (!IsValidUtf8(body)) Fail(std::string(name) + " is not valid UTF-8");
}

}  // namespace

void ValidateOutgoingMail(const OutgoingMail& mail) {
  // Line breaks first and by name: they are how one header becomes two (Bcc: ...).
  if (HasLineBreak(mail.to)) Fail("header injection: the recipient contains CR or LF");
  if (HasLineBreak(mail.subject)) Fail("header injection: the subject contains CR or LF");
  if (!IsValidAddress(mail.to)) Fail("the recipient is not exactly one valid address");
  if (mail.subject.empty() || mail.subject.size() > kMaxSubjectBytes) {
    Fail("the subject must have 1 to 255 bytes");
  }
  if (!IsCleanHeaderText(mail.subject)) {
    Fail("the subject contains control characters or invalid UTF-8");
  }
  if (mail.text_body.empty()) Fail("the text body is empty");
  ValidateBody(mail.text_body, "the text body");
  ValidateBody(mail.html_body, "the HTML body");
  const bool category_ok =
      !mail.category.empty() && mail.category.size() <= 32 &&
      std::all_of(mail.category.begin(), mail.category.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
      });
  if (!category_ok) Fail("the category must be 1 to 32 characters of a-z, 0-9, '_' and '-'");
}

std::string MessageIdDomain(std::string_view from) {
  std::optional<Mailbox> mailbox = ParseMailbox(from);
  if (!mailbox) Fail("smtp.from is not one valid mailbox");
  return AddressDomain(mailbox->address);
}

std::string NewMessageId(std::string_view domain) {
  if (!IsValidAddress("x@" + std::string(domain))) Fail("malformed Message-ID domain");
  // Random (version 4): unguessable and unique across app instances without coordination.
  return "<" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString() + "@" +
         std::string(domain) + ">";
}

std::int64_t ToUnixSeconds(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

std::int64_t Enqueue(soci::session& session, const OutgoingMail& mail,
                     std::string_view message_id_domain,
                     std::chrono::system_clock::time_point now) {
  ValidateOutgoingMail(mail);
  const std::string message_id = NewMessageId(message_id_domain);
  const long long at = ToUnixSeconds(now);
  const std::string status(kStatusPending);
  session << "INSERT INTO mail_outbox (to_address, subject, text_body, html_body, category, "
             "status, attempts, next_attempt_at, message_id, created_at) "
             "VALUES (:to, :subject, :text, :html, :category, :status, 0, :due, :message_id, "
             ":created)",
      soci::use(mail.to), soci::use(mail.subject), soci::use(mail.text_body),
      soci::use(mail.html_body), soci::use(mail.category), soci::use(status), soci::use(at),
      soci::use(message_id), soci::use(at);
  // By the unique Message-ID rather than a dialect's RETURNING or last-insert-id.
  long long id = 0;
  session << "SELECT id FROM mail_outbox WHERE message_id = :message_id", soci::use(message_id),
      soci::into(id);
  return id;
}

int PurgeSent(soci::session& session, std::chrono::system_clock::time_point sent_before) {
  const long long before = ToUnixSeconds(sent_before);
  const std::string status(kStatusSent);
  soci::statement statement =
      (session.prepare << "DELETE FROM mail_outbox WHERE status = :status AND sent_at < :before",
       soci::use(status), soci::use(before));
  statement.execute(true);
  return static_cast<int>(statement.get_affected_rows());
}

}  // namespace lumbung::mail
