// Builds a full HTML page response for a request: the template inside the layout, in the
// request's language, with the language switch pointing back at the same page.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/http/request.h"
#include "core/http/response.h"
#include "core/view/views.h"

namespace lumbung::view {

// `title_id` is the catalog id of the page's h1 (also used for <title>).
http::Response Page(const http::Request& request, const Views& views, const std::string& name,
                    const std::string& title_id, const mustache::data& data, int status = 200);

// A page rendered once for a visitor, with a slot wherever two responses must differ: the
// masked CSRF token (a new mask each time, against BREACH-style guessing) and the session's
// expiry times. A page that is read far more often than its figures change (the dashboard)
// keeps one and fills it per response, which costs a few string appends instead of a render.
// It is only valid for the same visitor, language, request target and page data.
class StampedPage {
 public:
  enum class Slot { kCsrf, kIdleExpiresAt, kIdleExpiresClock, kIdleSecondsLeft };

  // Splits `html` rendered with Placeholder(slot) values.
  StampedPage(const std::string& html, int status);
  static std::string Placeholder(Slot slot);

  http::Response Fill(const http::Request& request) const;
  std::size_t slots() const { return slots_.size(); }

 private:
  std::vector<std::string> parts_;  // parts_.size() == slots_.size() + 1
  std::vector<Slot> slots_;
  int status_;
};

StampedPage StampPage(const http::Request& request, const Views& views, const std::string& name,
                      const std::string& title_id, const mustache::data& data, int status = 200);

// How the layout marks its links to the page at `path` (aria-current): the page's own key is
// "page", each page above it "true". A key is the path's segments joined by "_", anything but
// a-z and 0-9 written as "_", and "home" for "/": on /account/security, {{current.account}}
// is "true" and {{current.account_security}} "page".
std::map<std::string, std::string> NavigationMarks(std::string_view path);

// "/lang/en?next=%2Fhelp" for a request of /help in Indonesian.
std::string LanguageSwitchHref(const http::Request& request);

}  // namespace lumbung::view
