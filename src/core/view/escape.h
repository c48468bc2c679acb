// Text put into HTML or XML that we write by hand (mail bodies, inline SVG, the help centre's
// article markup): the five characters that could end a text or an attribute value become
// character references. Mustache templates escape on their own; this is for the rest.
#pragma once

#include <string>
#include <string_view>

namespace lumbung::view {

// & < > " ' as &amp; &lt; &gt; &quot; &#39;; everything else (UTF-8 included) as it is.
std::string EscapeHtml(std::string_view text);

}  // namespace lumbung::view
