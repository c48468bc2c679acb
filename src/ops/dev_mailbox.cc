#include "ops/dev_mailbox.h"

#include <ctime>
#include <sstream>

#include "core/mail/dev_mailbox.h"
#include "core/view/page.h"

namespace lumbung::ops {
namespace {

std::string UtcTime(std::int64_t epoch) {
  std::time_t t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

}  // namespace

std::vector<MailLine> SplitMailBody(const std::string& text_body) {
  std::vector<MailLine> lines;
  std::istringstream in(text_body);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const bool url = (line.rfind("https://", 0) == 0 || line.rfind("http://", 0) == 0) &&
                     line.find_first_of(" \t\"<>") == std::string::npos;
    lines.push_back({line, url});
  }
  return lines;
}

void AddDevMailboxRoutes(http::Router& router, db::Database& database, const view::Views& views) {
  router.Get("/dev/mailbox", [&database, &views](http::Request& request) {
    std::vector<mail::StoredMail> mails;
    {
      auto lease = database.Acquire();
      mails = mail::RecentMail(lease.session(), 50);
    }
    view::mustache::data list{view::mustache::data::type::list};
    for (const auto& m : mails) {
      view::mustache::data item{view::mustache::data::type::object};
      item.set("id", std::to_string(m.id));
      item.set("to", m.to);
      item.set("subject", m.subject);
      item.set("status", m.status);
      item.set("created", UtcTime(m.created_at));
      view::mustache::data lines{view::mustache::data::type::list};
      for (const auto& line : SplitMailBody(m.text_body)) {
        view::mustache::data l{view::mustache::data::type::object};
        l.set("text", line.text);
        l.set("is_link", line.is_link ? view::mustache::data::type::bool_true
                                      : view::mustache::data::type::bool_false);
        lines.push_back(l);
      }
      item.set("lines", lines);
      list.push_back(item);
    }
    view::mustache::data page{view::mustache::data::type::object};
    page.set("mails", list);
    page.set("empty", mails.empty() ? view::mustache::data::type::bool_true
                                    : view::mustache::data::type::bool_false);
    return view::Page(request, views, "ops/dev_mailbox", "dev_mailbox.title", page);
  });
}

}  // namespace lumbung::ops
