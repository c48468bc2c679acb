#include "core/mail/message.h"

#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/MediaType.h>
#include <Poco/Net/StringPartSource.h>

#include <sstream>
#include <stdexcept>

#include "core/mail/mime_text.h"

namespace lumbung::mail {
namespace {

bool IsValidMessageId(const std::string& id) {
  return id.size() >= 5 && id.size() <= 250 && id.front() == '<' && id.back() == '>' &&
         IsPlainAscii(id) && id.find(' ') == std::string::npos && id.find('@') != std::string::npos;
}

}  // namespace

void BuildMessage(const Envelope& envelope, const Mailbox& from, Poco::Net::MailMessage& message) {
  // Checked here as well as at enqueue: this is the last line before bytes reach the server.
  if (!IsValidAddress(envelope.to)) {
    throw std::invalid_argument("mail: the recipient is not one valid address");
  }
  if (!IsCleanHeaderText(envelope.subject)) {
    throw std::invalid_argument("mail: the subject has control characters or invalid UTF-8");
  }
  if (!IsValidMessageId(envelope.message_id)) {
    throw std::invalid_argument("mail: malformed Message-ID");
  }
  if (!IsValidAddress(from.address) || !IsCleanHeaderText(from.display_name)) {
    throw std::invalid_argument("mail: malformed sender");
  }
  if (!IsValidUtf8(envelope.text_body) || !IsValidUtf8(envelope.html_body)) {
    throw std::invalid_argument("mail: a body is not valid UTF-8");
  }

  message.setSender(FormatMailbox(from));
  message.addRecipient(
      Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, envelope.to));
  message.setSubject(EncodeHeaderText(envelope.subject));
  message.set("Message-ID", envelope.message_id);
  message.set("Auto-Submitted", "auto-generated");
  message.setDate(Poco::Timestamp());

  const std::string text_type = "text/plain; charset=UTF-8";
  if (envelope.html_body.empty()) {
    message.setContentType(text_type);
    message.setContent(ToCrlf(envelope.text_body),
                       Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
    return;
  }
  // Set before adding parts: MailMessage only invents multipart/mixed when the type is not
  // multipart already.
  message.setContentType("multipart/alternative");
  message.addContent(new Poco::Net::StringPartSource(ToCrlf(envelope.text_body), text_type),
                     Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
  message.addContent(
      new Poco::Net::StringPartSource(ToCrlf(envelope.html_body), "text/html; charset=UTF-8"),
      Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
}

std::string RenderMessage(const Envelope& envelope, const Mailbox& from) {
  Poco::Net::MailMessage message;
  BuildMessage(envelope, from, message);
  std::ostringstream out;
  message.write(out);
  return out.str();
}

}  // namespace lumbung::mail
