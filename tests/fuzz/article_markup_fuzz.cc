// libFuzzer entry for the help centre's article markup (help/article_markup.h), which content
// editors write and every visitor's browser receives: any text is rendered to HTML and to
// plain text, with placeholder values that themselves try to inject markup.
//
// Properties, beyond no crash, leak, undefined behaviour or hang:
// - the HTML has only the promised elements (h2, h3, p, ul, ol, li, and a with nothing but an
//   href), properly nested, lists at most kMaxListDepth deep; every link target passes
//   IsAllowedHref; outside the tags there is no '<', '>', quote or bare '&' (only the five
//   references EscapeHtml writes);
// - a UTF-8 body gives UTF-8 HTML and plain text.
// Built with clang as lumbung_fuzz_article_markup (make fuzz); the seeds in
// corpus/article_markup/ are also replayed as a unit test.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz_support.h"
#include "help/article_markup.h"

namespace {

using lumbung::fuzz::Require;

std::string Unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (auto [ref, c] : {std::pair<std::string_view, char>{"&amp;", '&'},
                          {"&lt;", '<'},
                          {"&gt;", '>'},
                          {"&quot;", '"'},
                          {"&#39;", '\''}}) {
      if (text.substr(i, ref.size()) == ref) {
        out += c;
        i += ref.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

void CheckHtml(std::string_view html) {
  static const std::string_view kTags[] = {"h2", "h3", "p", "ul", "ol", "li", "a"};
  std::vector<std::string_view> open;
  int lists = 0;
  for (std::size_t i = 0; i < html.size();) {
    const char c = html[i];
    if (c == '&') {
      bool known = false;
      for (std::string_view ref : {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"}) {
        known = known || html.substr(i, ref.size()) == ref;
      }
      Require(known);
      ++i;
      continue;
    }
    Require(c != '>' && c != '"' && c != '\'');
    if (c != '<') {
      ++i;
      continue;
    }
    const std::size_t end = html.find('>', i);
    Require(end != std::string_view::npos);
    std::string_view tag = html.substr(i + 1, end - i - 1);
    i = end + 1;
    if (tag.starts_with("/")) {
      tag.remove_prefix(1);
      Require(!open.empty() && open.back() == tag);
      open.pop_back();
      if (tag == "ul" || tag == "ol") --lists;
      continue;
    }
    if (tag.starts_with("a ")) {
      Require(tag.starts_with("a href=\"") && tag.ends_with("\"") && tag.size() >= 9);
      const std::string_view href = tag.substr(8, tag.size() - 9);
      Require(href.find('"') == std::string_view::npos);
      Require(lumbung::help::IsAllowedHref(Unescape(href)));
      open.push_back("a");
      continue;
    }
    bool known = false;
    for (auto name : kTags) known = known || (name != "a" && tag == name);
    Require(known);
    open.push_back(tag);
    if (tag == "ul" || tag == "ol") Require(++lists <= lumbung::help::kMaxListDepth);
  }
  Require(open.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lumbung::help;
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  static const Placeholders values = {
      {"fund", "Dana <b>Lumbung</b> & \"Mitra\""},
      {"url", "https://lumbung.example/?a=1&b=\"2\""},
      {"phone", "javascript:alert(1)"},
      {"email", "/\\evil.example"},
  };
  const std::string html = RenderArticleHtml(body, values);
  CheckHtml(html);
  const std::string text = ArticlePlainText(body, values);
  if (lumbung::fuzz::WellFormedUtf8(body)) {
    Require(lumbung::fuzz::WellFormedUtf8(html));
    Require(lumbung::fuzz::WellFormedUtf8(text));
  }
  ArticlePlainText(body);
  return 0;
}
