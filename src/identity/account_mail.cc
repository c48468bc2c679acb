#include "identity/account_mail.h"

#include <vector>

#include "core/view/escape.h"

namespace lumbung::identity {
namespace {

using view::EscapeHtml;

// Line breaks inside a paragraph ("Time: ...\nIP: ...", "Regards,\n<fund>") kept in HTML.
std::string HtmlLines(const std::string& text) {
  std::string out;
  for (char c : EscapeHtml(text)) {
    if (c == '\n') out += "<br>";
    out += c;
  }
  return out;
}

std::vector<std::string> Paragraphs(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

}  // namespace

mail::OutgoingMail ComposeAccountMail(const i18n::Catalogs& catalogs, const std::string& fund_name,
                                      const std::string& web_address, const AccountMail& m) {
  std::map<std::string, std::string> values = m.values;
  values["name"] = m.name;
  values["fund"] = fund_name;
  values["web_address"] = web_address;
  const std::string prefix = "identity.mail." + m.kind + ".";
  const auto text = [&](const std::string& id) { return catalogs.Format(m.lang, id, values); };

  std::string body_text, body_html;
  const auto paragraph = [&](const std::string& p) {
    body_text += p + "\n\n";
    body_html += "<p>" + HtmlLines(p) + "</p>\n";
  };
  const auto link = [&](const std::string& label, const std::string& url) {
    // The URL alone on its line: no mail client may wrap or join it.
    body_text += label + "\n" + url + "\n\n";
    body_html += "<p>" + EscapeHtml(label) + "<br>\n<a href=\"" + EscapeHtml(url) + "\">" +
                 EscapeHtml(url) + "</a></p>\n";
  };

  paragraph(text("identity.mail.greeting"));
  for (const auto& p : Paragraphs(text(prefix + "body"))) paragraph(p);
  if (!m.link.empty()) link(text(prefix + "action"), m.link);
  if (!m.report_link.empty()) link(text("identity.mail.not_me"), m.report_link);
  paragraph(text("identity.mail.safety"));
  paragraph(text("identity.mail.signature"));

  mail::OutgoingMail out;
  out.to = m.to;
  out.subject = text(prefix + "subject");
  out.text_body = body_text;
  out.html_body = "<!DOCTYPE html>\n<html lang=\"" + EscapeHtml(m.lang) +
                  "\"><head><meta charset=\"utf-8\"><title>" + EscapeHtml(out.subject) +
                  "</title></head><body>\n" + body_html + "</body></html>\n";
  out.category = "account";
  return out;
}

}  // namespace lumbung::identity
