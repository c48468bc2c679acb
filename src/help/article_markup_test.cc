#include "help/article_markup.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace lumbung::help {
namespace {

// The element names a rendering contains: only the allowed ones may ever appear.
std::set<std::string> Tags(const std::string& html) {
  std::set<std::string> tags;
  const std::regex tag(R"(<\/?([a-zA-Z0-9]+))");
  for (std::sregex_iterator it(html.begin(), html.end(), tag), end; it != end; ++it) {
    tags.insert((*it)[1]);
  }
  return tags;
}

void ExpectOnlyAllowedTags(const std::string& html) {
  const std::set<std::string> allowed = {"h2", "h3", "p", "ul", "ol", "li", "a"};
  for (const auto& tag : Tags(html)) EXPECT_TRUE(allowed.count(tag)) << tag << " in " << html;
  // Every attribute is an href in double quotes, nothing else.
  const std::regex attribute(R"(<a ([^>]*)>)");
  for (std::sregex_iterator it(html.begin(), html.end(), attribute), end; it != end; ++it) {
    EXPECT_TRUE(std::regex_match((*it)[1].str(), std::regex(R"(href="[^"<>]*")"))) << (*it)[0];
  }
}

TEST(ArticleMarkup, ParagraphsHeadingsAndLists) {
  const std::string body =
      "# Sebelum mulai\n"
      "Siapkan NIK dan\nKPJ Anda.\n"
      "\n"
      "## Langkah\n"
      "1. Buka halaman daftar\n"
      "2. Isi formulir\n"
      "\n"
      "- satu\n"
      "* dua\n";
  EXPECT_EQ(RenderArticleHtml(body, {}),
            "<h2>Sebelum mulai</h2>\n"
            "<p>Siapkan NIK dan KPJ Anda.</p>\n"
            "<h3>Langkah</h3>\n"
            "<ol>\n<li>Buka halaman daftar</li>\n<li>Isi formulir</li>\n</ol>\n"
            "<ul>\n<li>satu</li>\n<li>dua</li>\n</ul>\n");
}

TEST(ArticleMarkup, NestedListsCloseInOrder) {
  const std::string body =
      "- a\n"
      "  - a1\n"
      "    1. a1x\n"
      "  - a2\n"
      "- b\n"
      "text after\n";
  EXPECT_EQ(RenderArticleHtml(body, {}),
            "<ul>\n<li>a\n<ul>\n<li>a1\n<ol>\n<li>a1x</li>\n</ol></li>\n<li>a2</li>\n</ul></li>\n"
            "<li>b</li>\n</ul>\n<p>text after</p>\n");
}

TEST(ArticleMarkup, NestingStopsAtTheMaximumDepth) {
  std::string body;
  for (int i = 0; i < 10; ++i) body += std::string(i * 2, ' ') + "- level\n";
  const std::string html = RenderArticleHtml(body, {});
  int depth = 0, deepest = 0;
  for (std::size_t at = 0; at < html.size(); ++at) {
    if (html.compare(at, 4, "<ul>") == 0) deepest = std::max(deepest, ++depth);
    if (html.compare(at, 5, "</ul>") == 0) --depth;
  }
  EXPECT_EQ(deepest, kMaxListDepth);
  EXPECT_EQ(depth, 0) << "every list is closed";
}

TEST(ArticleMarkup, ItemContinuationAndBlankLinesInsideALoneList) {
  EXPECT_EQ(RenderArticleHtml("- first\n  continued\n\n- second\n", {}),
            "<ul>\n<li>first continued</li>\n<li>second</li>\n</ul>\n");
}

// ASVS 5.3.3 (output encoding for HTML): nothing the editor types becomes markup.
TEST(ArticleMarkup, Asvs533ScriptTagsAreText) {
  const std::string html =
      RenderArticleHtml("<script>alert(1)</script>\n\n# <img src=x onerror=alert(1)>\n", {});
  EXPECT_EQ(html,
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
            "<h2>&lt;img src=x onerror=alert(1)&gt;</h2>\n");
  ExpectOnlyAllowedTags(html);
}

TEST(ArticleMarkup, Asvs533LinksOnlyToLocalPathsAndHttps) {
  EXPECT_EQ(RenderArticleHtml("[Masuk](/login) dan [situs](https://contoh.example/a?b=1&c=2)", {}),
            "<p><a href=\"/login\">Masuk</a> dan "
            "<a href=\"https://contoh.example/a?b=1&amp;c=2\">situs</a></p>\n");
  for (const char* refused :
       {"[x](javascript:alert(1))", "[x](JavaScript:alert(1))", "[x](data:text/html,hi)",
        "[x](http://plain.example)", "[x](//evil.example)", "[x](/\\evil.example)",
        "[x](vbscript:msgbox)", "[x](https://)", "[x](https:///path)", "[x]( /login)",
        "[x](https://a.example/\"onmouseover=\"alert(1))", "[x](/a'b)", "[x](/a<b)"}) {
    const std::string html = RenderArticleHtml(refused, {});
    EXPECT_EQ(html.find("<a"), std::string::npos) << refused << " -> " << html;
    ExpectOnlyAllowedTags(html);
  }
}

TEST(ArticleMarkup, Asvs533AttributeInjectionIsEscaped) {
  const std::string html = RenderArticleHtml("[\" onclick=\"x](/ok)", {});
  EXPECT_EQ(html, "<p><a href=\"/ok\">&quot; onclick=&quot;x</a></p>\n");
  ExpectOnlyAllowedTags(html);
}

TEST(ArticleMarkup, MalformedLinksStayText) {
  EXPECT_EQ(RenderArticleHtml("[no target] and [open](/x and ](y)", {}),
            "<p>[no target] and [open](/x and ](y)</p>\n");
  EXPECT_EQ(RenderArticleHtml("[[a](/b)", {}), "<p>[<a href=\"/b\">a</a></p>\n");
}

TEST(ArticleMarkup, PlaceholdersAreFilledAndEscaped) {
  const Placeholders values = {{"fund", "Dana <Uji> & Co"}, {"url", "https://dana.example"}};
  EXPECT_EQ(RenderArticleHtml("{fund} di [{url}]({url}); {unknown}", values),
            "<p>Dana &lt;Uji&gt; &amp; Co di <a href=\"https://dana.example\">"
            "https://dana.example</a>; {unknown}</p>\n");
  // A configured address that is not https is shown, never linked.
  EXPECT_EQ(RenderArticleHtml("[situs]({url})", {{"url", "http://localhost:8080"}}),
            "<p>[situs](http://localhost:8080)</p>\n");
}

TEST(ArticleMarkup, HashWithoutSpaceIsText) {
  EXPECT_EQ(RenderArticleHtml("#tagar\n#\n", {}), "<p>#tagar #</p>\n");
}

TEST(ArticleMarkup, PlainTextDropsMarkup) {
  EXPECT_EQ(ArticlePlainText("# Judul\nIsi [tautan](/x) di sini.\n\n- butir\n  1. dalam\n"),
            "Judul\nIsi tautan di sini.\nbutir\ndalam");
}

TEST(ArticleMarkup, EmptyAndWhitespaceBodies) {
  EXPECT_EQ(RenderArticleHtml("", {}), "");
  EXPECT_EQ(RenderArticleHtml("\n \n\t\n", {}), "");
}

TEST(ArticleMarkup, IsAllowedHref) {
  EXPECT_TRUE(IsAllowedHref("/"));
  EXPECT_TRUE(IsAllowedHref("/help/akun#bagian"));
  EXPECT_TRUE(IsAllowedHref("https://example.org/x"));
  EXPECT_FALSE(IsAllowedHref(""));
  EXPECT_FALSE(IsAllowedHref("help"));
  EXPECT_FALSE(IsAllowedHref("/a b"));
  EXPECT_FALSE(IsAllowedHref(std::string("/a\0b", 4)));
  EXPECT_FALSE(IsAllowedHref("https://@evil"));
}

}  // namespace
}  // namespace lumbung::help
