// The help markup: how an article's body is written and the only HTML it can ever become.
//
// Editors write plain text; nothing they type is ever passed to a page as HTML. The markup:
//   # Heading             a section heading (h2; the article's title is the page's h1)
//   ## Heading            a sub-heading (h3; more #'s are h3 too)
//   - item   or  * item   a bulleted list item
//   1. item               a numbered list item (any number: the list counts itself)
//   [text](/local/path)   a link to a page of the portal, or
//   [text](https://...)   a link to another site over HTTPS
//   {fund} {url} {phone} {email}   the fund's name, official address and contacts (config)
// Lines that follow one another form one paragraph; a blank line ends it. A list item indented
// by two or more spaces more than the item above it starts a list inside that item (at most
// kMaxListDepth levels); an indented line that is not an item continues the item above.
// Anything else, including "<script>", "javascript:" links, links with quotes or spaces and
// unknown placeholders, is shown as the text it is, escaped.
//
// Pure functions, so the renderer can be tested against every trick an editor (or someone who
// took over an editor's account) could try.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include "core/view/escape.h"

namespace lumbung::help {

inline constexpr int kMaxListDepth = 4;

// The placeholders' values ("fund" -> "Dana Jaminan Pekerja Lumbung"), without the braces.
using Placeholders = std::map<std::string, std::string, std::less<>>;

using view::EscapeHtml;

// True for a link target the markup may emit: a local path ("/help/akun", not "//host" nor
// "/\host") or an https:// address, with no space, control character, quote, backslash, < or >.
bool IsAllowedHref(std::string_view href);

// `text` with each {name} that `values` knows replaced by its value; unknown ones stay.
std::string FillPlaceholders(std::string_view text, const Placeholders& values);

// The body as HTML: only h2, h3, p, ul, ol, li and a href elements, every text escaped,
// placeholders filled (in text and in link targets, before the target is checked).
std::string RenderArticleHtml(std::string_view body, const Placeholders& values);

// The body as plain text for search and summaries: heading and list markers removed, links as
// their text, one block a line. Placeholders are filled when `values` has them.
std::string ArticlePlainText(std::string_view body, const Placeholders& values = {});

}  // namespace lumbung::help
