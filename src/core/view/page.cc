#include "core/view/page.h"

#include "core/http/url.h"

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
  return http::Response::Html(views.RenderPage(name, request.lang, layout, data), status);
}

}  // namespace lumbung::view
