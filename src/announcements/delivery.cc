#include "announcements/delivery.h"

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include <stdexcept>

#include "announcements/store.h"
#include "core/inbox/inbox.h"
#include "core/inbox/mail_preferences.h"
#include "core/view/escape.h"

namespace lumbung::announcements {
namespace {

using view::EscapeHtml;

// A title fit for a mail's subject line: one line, at most 255 bytes.
std::string SubjectSafe(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (text.size() > 200) {
    std::size_t cut = 200;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "...";
  }
  return text;
}

}  // namespace

mail::OutgoingMail ComposeAnnouncementMail(const DeliverySettings& s, const MailText& m,
                                           const std::string& to) {
  const i18n::Catalogs& t = *s.catalogs;
  const std::string lang = t.Supports(m.lang) ? m.lang : "id";
  const std::string title = SubjectSafe(m.title);
  const std::map<std::string, std::string> values = {
      {"name", m.name}, {"fund", s.fund_name}, {"title", title}};
  const auto text = [&](const std::string& id) { return t.Format(lang, id, values); };
  const std::string read_url = s.public_url + "/announcements/" + std::to_string(m.announcement_id);
  const std::string choices_url = s.public_url + "/notifications/preferences";

  std::string body, html;
  const auto paragraph = [&](const std::string& p) {
    body += p + "\n\n";
    html += "<p>" + EscapeHtml(p) + "</p>\n";
  };
  const auto link = [&](const std::string& label, const std::string& url) {
    body += label + "\n" + url + "\n\n";  // the URL alone on its line
    html += "<p>" + EscapeHtml(label) + "<br>\n<a href=\"" + EscapeHtml(url) + "\">" +
            EscapeHtml(url) + "</a></p>\n";
  };
  paragraph(text("announcements.mail.greeting"));
  paragraph(text("announcements.mail.intro"));
  paragraph(title);
  link(text("announcements.mail.read"), read_url);
  link(text("announcements.mail.choices"), choices_url);
  paragraph(text("announcements.mail.signature"));

  mail::OutgoingMail out;
  out.to = to;
  out.subject = text("announcements.mail.subject");
  out.text_body = body;
  out.html_body = "<!DOCTYPE html>\n<html lang=\"" + lang +
                  "\"><head><meta charset=\"utf-8\"><title>" + EscapeHtml(out.subject) +
                  "</title></head><body>\n" + html + "</body></html>\n";
  out.category = "announcements";
  return out;
}

jobs::Handler DeliveryHandler(DeliverySettings settings) {
  if (!settings.catalogs) throw std::invalid_argument("announcements: no catalogs");
  return [settings](jobs::StepContext& step) -> jobs::StepResult {
    const auto payload = nlohmann::json::parse(step.job.payload);
    const std::int64_t id = payload.at("announcement").get<std::int64_t>();
    const auto announcement = Load(step.sql, id);
    if (!announcement || announcement->state != State::kPublished) {
      return {.cursor = step.job.cursor, .processed = 0, .total = step.job.done, .finished = true};
    }
    // The audience's size when the job starts, for the progress shown to staff; members who
    // join meanwhile are reached too, and the total follows at the end.
    std::optional<std::int64_t> total;
    if (!step.job.total) total = AudienceSize(step.sql, *announcement);
    const std::int64_t after = step.job.cursor.empty() ? 0 : std::stoll(step.job.cursor);
    const auto batch = AudienceAfter(step.sql, *announcement, after, settings.batch_size);
    const long long id_value = id, now = step.now;
    std::int64_t last = after;
    for (const Recipient& r : batch) {
      last = r.account_id;
      const long long account = r.account_id;
      // The one delivery per member and announcement: a row that exists means done before.
      long long inserted = 0;
      step.sql << "INSERT INTO announcement_deliveries (announcement_id, account_id, mailed, "
                  "delivered_at) VALUES (:n, :a, 0, :now) "
                  "ON CONFLICT (announcement_id, account_id) DO NOTHING RETURNING account_id",
          soci::use(id_value), soci::use(account), soci::use(now), soci::into(inserted);
      if (!step.sql.got_data()) continue;
      const std::string lang = settings.catalogs->Supports(r.lang) ? r.lang : "id";
      inbox::Post(step.sql, {.account_id = r.account_id,
                             .category = std::string(inbox::kAnnouncements),
                             .message_id = "announcements.inbox.item",
                             .values = {{"title", SubjectSafe(announcement->Title(lang))}},
                             .link = "/announcements/" + std::to_string(id),
                             .created_at = step.now,
                             .dedupe_key = "announcement:" + std::to_string(id)});
      if (announcement->draft.send_mail && !r.email.empty() &&
          inbox::WantsMail(step.sql, r.account_id, inbox::kAnnouncements)) {
        mail::Enqueue(step.sql,
                      ComposeAnnouncementMail(settings,
                                              {.title = announcement->Title(lang),
                                               .name = r.name,
                                               .lang = lang,
                                               .announcement_id = id},
                                              r.email),
                      settings.message_id_domain);
        step.sql << "UPDATE announcement_deliveries SET mailed = 1 WHERE announcement_id = :n "
                    "AND account_id = :a",
            soci::use(id_value), soci::use(account);
      }
    }
    const bool finished = static_cast<int>(batch.size()) < settings.batch_size;
    const std::int64_t processed = static_cast<std::int64_t>(batch.size());
    if (finished) total = step.job.done + processed;
    return {.cursor = std::to_string(last),
            .processed = processed,
            .total = total,
            .finished = finished};
  };
}

}  // namespace lumbung::announcements
