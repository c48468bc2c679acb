// Builds a full HTML page response for a request: the template inside the layout, in the
// request's language, with the language switch pointing back at the same page.
#pragma once

#include <string>

#include "core/http/request.h"
#include "core/http/response.h"
#include "core/view/views.h"

namespace lumbung::view {

// `title_id` is the catalog id of the page's h1 (also used for <title>).
http::Response Page(const http::Request& request, const Views& views, const std::string& name,
                    const std::string& title_id, const mustache::data& data, int status = 200);

// "/lang/en?next=%2Fhelp" for a request of /help in Indonesian.
std::string LanguageSwitchHref(const http::Request& request);

}  // namespace lumbung::view
