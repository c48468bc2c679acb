#include "core/view/page.h"

#include <algorithm>
#include <chrono>

#include "core/http/url.h"
#include "core/i18n/wib_time.h"
#include "core/security/csrf.h"

namespace lumbung::view {

std::string LanguageSwitchHref(const http::Request& request) {
  const std::string other = request.lang == "en" ? "id" : "en";
  std::string next = request.target.empty() ? "/" : request.target;
  if (!http::IsLocalPath(next)) next = "/";
  return "/lang/" + other + "?next=" + http::PercentEncode(next);
}

http::Response Page(const http::Request& request, const Views& views, const std::string& name,
                    const std::string& title_id, const mustache::data& data, int status) {
  LayoutInfo layout;
  layout.title = views.catalogs().Get(request.lang, title_id);
  layout.error = status >= 400;
  layout.switch_lang_href = LanguageSwitchHref(request);
  mustache::data globals{mustache::data::type::object};
  const http::Visitor& visitor = request.visitor;
  if (!visitor.csrf_secret.empty())
    globals.set("csrf", security::MaskCsrfToken(visitor.csrf_secret));
  mustache::data who{mustache::data::type::object};
  if (visitor.signed_in()) {
    who.set("signed_in", true);
    who.set("name", visitor.display_name);
    who.set("staff", visitor.is_staff());
    who.set("member", visitor.role == "member");
    who.set("unread", std::to_string(visitor.unread_notifications));
    who.set("has_unread", visitor.unread_notifications > 0);
    who.set("idle_expires_at", std::to_string(visitor.idle_expires_at));
    who.set("idle_expires_clock", i18n::FormatWibClock(visitor.idle_expires_at, request.lang));
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    who.set("idle_seconds_left",
            std::to_string(std::max<std::int64_t>(0, visitor.idle_expires_at - now)));
  }
  globals.set("visitor", who);
  globals.set("request_path", http::IsLocalPath(request.target) ? request.target : "/");
  layout.request_globals = &globals;
  return http::Response::Html(views.RenderPage(name, request.lang, layout, data), status);
}

}  // namespace lumbung::view
