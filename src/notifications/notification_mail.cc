#include "notifications/notification_mail.h"

#include <map>

#include "core/inbox/render.h"
#include "core/view/escape.h"

namespace lumbung::notifications {
namespace {

using view::EscapeHtml;

}  // namespace

mail::OutgoingMail ComposeNotificationMail(const i18n::Catalogs& catalogs,
                                           const MailSettings& settings, const Recipient& recipient,
                                           const inbox::InboxItem& item) {
  const std::string lang = catalogs.Supports(recipient.lang) ? recipient.lang : "id";
  const std::map<std::string, std::string> values = {{"name", recipient.name},
                                                     {"fund", settings.fund_name},
                                                     {"web_address", settings.web_address}};
  const auto text = [&](const std::string& id) { return catalogs.Format(lang, id, values); };

  std::string body_text, body_html;
  const auto paragraph = [&](const std::string& p) {
    body_text += p + "\n\n";
    std::string html;
    for (char c : EscapeHtml(p)) html += c == '\n' ? std::string("<br>\n") : std::string(1, c);
    body_html += "<p>" + html + "</p>\n";
  };
  const auto link = [&](const std::string& label, const std::string& url) {
    // The URL alone on its line: no mail client may wrap or join it.
    body_text += label + "\n" + url + "\n\n";
    body_html += "<p>" + EscapeHtml(label) + "<br>\n<a href=\"" + EscapeHtml(url) + "\">" +
                 EscapeHtml(url) + "</a></p>\n";
  };

  paragraph(text("notifications.mail.greeting"));
  paragraph(inbox::RenderMessage(catalogs, lang, item));
  link(text("notifications.mail.open"), settings.public_url + "/notifications");
  link(text("notifications.mail.choices"), settings.public_url + "/notifications/preferences");
  paragraph(text("notifications.mail.safety"));
  paragraph(text("notifications.mail.signature"));

  mail::OutgoingMail out;
  out.to = recipient.email;
  out.subject = text(item.mail_subject_id.empty() ? "notifications.mail.subject." + item.category
                                                  : item.mail_subject_id);
  out.text_body = body_text;
  out.html_body = "<!DOCTYPE html>\n<html lang=\"" + EscapeHtml(lang) +
                  "\"><head><meta charset=\"utf-8\"><title>" + EscapeHtml(out.subject) +
                  "</title></head><body>\n" + body_html + "</body></html>\n";
  out.category = "notifications";
  return out;
}

}  // namespace lumbung::notifications
