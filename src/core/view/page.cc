#include "core/view/page.h"

#include <algorithm>
#include <chrono>
#include <functional>

#include "core/http/url.h"
#include "core/i18n/wib_time.h"
#include "core/security/csrf.h"

namespace lumbung::view {

std::string LanguageSwitchHref(const http::Request& request) {
  const std::string other = request.lang == "en" ? "id" : "en";
  std::string next = !request.language_return.empty() ? request.language_return
                     : request.target.empty()         ? "/"
                                                      : request.target;
  if (!http::IsLocalPath(next)) next = "/";
  return "/lang/" + other + "?next=" + http::PercentEncode(next);
}

std::map<std::string, std::string> NavigationMarks(std::string_view path) {
  std::map<std::string, std::string> marks;
  if (path.empty() || path.front() != '/') return marks;
  if (path == "/") {
    marks["home"] = "page";
    return marks;
  }
  std::string key;
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end == start) break;  // "//" or a trailing "/": no link is made that way
    if (!key.empty()) key += '_';
    for (char c : path.substr(start, end - start)) {
      const bool plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      key += plain ? c : '_';
    }
    marks[key] = end == path.size() ? "page" : "true";
    start = end + 1;
  }
  return marks;
}

namespace {

std::int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The per-response values (masked CSRF token, expiry times) come from `value`.
std::string RenderLayout(const http::Request& request, const Views& views, const std::string& name,
                         const std::string& title_id, const mustache::data& data, int status,
                         const std::function<std::string(StampedPage::Slot)>& value) {
  using Slot = StampedPage::Slot;
  LayoutInfo layout;
  layout.title = views.catalogs().Get(request.lang, title_id);
  layout.error = status >= 400;
  layout.switch_lang_href = LanguageSwitchHref(request);
  mustache::data globals{mustache::data::type::object};
  const http::Visitor& visitor = request.visitor;
  if (!visitor.csrf_secret.empty()) globals.set("csrf", value(Slot::kCsrf));
  mustache::data who{mustache::data::type::object};
  if (visitor.signed_in()) {
    who.set("signed_in", true);
    who.set("name", visitor.display_name);
    who.set("staff", visitor.is_staff());
    // Only links the staff member's roles can open (least privilege: each route checks again).
    mustache::data staff_roles{mustache::data::type::object};
    for (const auto& role : visitor.staff_roles) staff_roles.set(role, true);
    who.set("staff_roles", staff_roles);
    // Verifiers and approvers share the claims queue.
    who.set("claims_staff",
            visitor.HasStaffRole("claims_verifier") || visitor.HasStaffRole("claims_approver"));
    who.set("member", visitor.role == "member");
    // Both employer roles (employer_admin, employer_staff) use the employer's pages; only the
    // administrator manages its accounts (employers/user_routes.h).
    const bool employer = visitor.employer_id != 0 &&
                          (visitor.role == "employer_admin" || visitor.role == "employer_staff");
    who.set("employer", employer);
    who.set("employer_admin", employer && visitor.role == "employer_admin");
    who.set("unread", std::to_string(visitor.unread_notifications));
    who.set("has_unread", visitor.unread_notifications > 0);
    who.set("idle_expires_at", value(Slot::kIdleExpiresAt));
    who.set("idle_expires_clock", value(Slot::kIdleExpiresClock));
    who.set("idle_seconds_left", value(Slot::kIdleSecondsLeft));
  }
  globals.set("visitor", who);
  globals.set("request_path", http::IsLocalPath(request.target) ? request.target : "/");
  mustache::data current{mustache::data::type::object};
  for (const auto& [key, mark] : NavigationMarks(request.path)) current.set(key, mark);
  globals.set("current", current);
  layout.request_globals = &globals;
  return views.RenderPage(name, request.lang, layout, data);
}

std::string SlotValue(const http::Request& request, StampedPage::Slot slot) {
  const http::Visitor& visitor = request.visitor;
  switch (slot) {
    case StampedPage::Slot::kCsrf:
      return security::MaskCsrfToken(visitor.csrf_secret);
    case StampedPage::Slot::kIdleExpiresAt:
      return std::to_string(visitor.idle_expires_at);
    case StampedPage::Slot::kIdleExpiresClock:
      return i18n::FormatWibClock(visitor.idle_expires_at, request.lang);
    case StampedPage::Slot::kIdleSecondsLeft:
      return std::to_string(std::max<std::int64_t>(0, visitor.idle_expires_at - NowSeconds()));
  }
  return "";
}

// Control characters that no catalog text, template or validated field contains.
constexpr char kSlotMark = '\x01';

}  // namespace

http::Response Page(const http::Request& request, const Views& views, const std::string& name,
                    const std::string& title_id, const mustache::data& data, int status) {
  return http::Response::Html(
      RenderLayout(request, views, name, title_id, data, status,
                   [&](StampedPage::Slot slot) { return SlotValue(request, slot); }),
      status);
}

std::string StampedPage::Placeholder(Slot slot) {
  return std::string(1, kSlotMark) + static_cast<char>('0' + static_cast<int>(slot)) + kSlotMark;
}

StampedPage::StampedPage(const std::string& html, int status) : status_(status) {
  std::size_t pos = 0;
  std::string part;
  while (true) {
    const std::size_t mark = html.find(kSlotMark, pos);
    if (mark == std::string::npos) break;
    const int slot =
        mark + 2 < html.size() && html[mark + 2] == kSlotMark ? html[mark + 1] - '0' : -1;
    if (slot < 0 || slot > static_cast<int>(Slot::kIdleSecondsLeft)) {
      part.append(html, pos, mark + 1 - pos);  // a stray mark stays text
      pos = mark + 1;
      continue;
    }
    part.append(html, pos, mark - pos);
    parts_.push_back(std::move(part));
    part.clear();
    slots_.push_back(static_cast<Slot>(slot));
    pos = mark + 3;
  }
  part.append(html, pos, std::string::npos);
  parts_.push_back(std::move(part));
}

http::Response StampedPage::Fill(const http::Request& request) const {
  std::string body;
  std::size_t size = 0;
  for (const auto& p : parts_) size += p.size();
  body.reserve(size + slots_.size() * 96);
  std::string csrf;  // one mask per response, however many forms carry it
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    body += parts_[i];
    if (slots_[i] == Slot::kCsrf) {
      if (csrf.empty()) csrf = SlotValue(request, Slot::kCsrf);
      body += csrf;
    } else {
      body += SlotValue(request, slots_[i]);
    }
  }
  body += parts_.back();
  return http::Response::Html(std::move(body), status_);
}

StampedPage StampPage(const http::Request& request, const Views& views, const std::string& name,
                      const std::string& title_id, const mustache::data& data, int status) {
  return StampedPage(
      RenderLayout(request, views, name, title_id, data, status,
                   [](StampedPage::Slot slot) { return StampedPage::Placeholder(slot); }),
      status);
}

}  // namespace lumbung::view
