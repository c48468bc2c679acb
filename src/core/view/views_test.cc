#include "core/view/views.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace lumbung::view {
namespace {

i18n::Catalogs TestCatalogs() {
  return i18n::Catalogs::FromMaps({{"id",
                                    {{"home.title", "Beranda & <Layanan>"},
                                     {"home.greeting", "Halo, <b>{{name}}</b>"},
                                     {"odd.braces", "Tulis {{kode}} di sini"}}},
                                   {"en",
                                    {{"home.title", "Home & <Services>"},
                                     {"home.greeting", "Hello, <b>{{name}}</b>"},
                                     {"odd.braces", "Type {{kode}} here"}}}});
}

mustache::data Globals(const i18n::Catalogs& catalogs, const std::string& lang) {
  mustache::data t{mustache::data::type::object};
  mustache::data home{mustache::data::type::object};
  home.set("title", catalogs.Get(lang, "home.title"));
  home.set("greeting", catalogs.Get(lang, "home.greeting"));
  t.set("home", home);
  mustache::data odd{mustache::data::type::object};
  odd.set("braces", catalogs.Get(lang, "odd.braces"));
  t.set("odd", odd);
  mustache::data g{mustache::data::type::object};
  g.set("lang", lang);
  g.set("t", t);
  mustache::data fund{mustache::data::type::object};
  fund.set("name", "Dana \"Lumbung\"");
  g.set("fund", fund);
  const i18n::Catalogs* c = &catalogs;
  g.set("tr", mustache::lambda2{[c, lang](const std::string& id, const mustache::renderer& render) {
          std::string key = id;
          while (!key.empty() && key.back() == ' ') key.pop_back();
          while (!key.empty() && key.front() == ' ') key.erase(0, 1);
          return render(c->Get(lang, key));
        }});
  return g;
}

std::string RenderWith(const std::string& source, const mustache::data& globals,
                       const mustache::data& page) {
  mustache::mustache tmpl(source);
  mustache::context<std::string> ctx{&globals};
  ctx.push(&page);
  return tmpl.render(ctx);
}

TEST(BakeLanguage, WritesInTheLanguagesConstantsEscapedAsTheRendererWould) {
  const auto catalogs = TestCatalogs();
  const auto g = Globals(catalogs, "id");
  EXPECT_EQ(BakeLanguage("<h1>{{t.home.title}}</h1>", g, catalogs, "id"),
            "<h1>Beranda &amp; &lt;Layanan&gt;</h1>");
  EXPECT_EQ(BakeLanguage("{{{t.home.title}}}|{{& t.home.title}}|{{ lang }}", g, catalogs, "id"),
            "Beranda & <Layanan>|Beranda & <Layanan>|id");
  EXPECT_EQ(BakeLanguage("<p>{{#tr}} home.greeting {{/tr}}</p>", g, catalogs, "id"),
            "<p>Halo, <b>{{name}}</b></p>");
}

TEST(BakeLanguage, LeavesEverythingElseAsItIs) {
  const auto catalogs = TestCatalogs();
  const auto g = Globals(catalogs, "en");
  for (const std::string source :
       {"{{name}}", "{{#rows}}{{month}}{{/rows}}", "{{^t.home.title}}x{{/t.home.title}}",
        "{{! a comment }}", "{{t.missing.id}}", "{{#tr}}no.such.id{{/tr}}", "{{t.home}}",
        "{{t.odd.braces}}", "plain text", "{{unclosed"}) {
    EXPECT_EQ(BakeLanguage(source, g, catalogs, "en"), source) << source;
  }
}

TEST(BakeLanguage, RenderingTheResultGivesWhatRenderingTheSourceGives) {
  const auto catalogs = TestCatalogs();
  const std::string source =
      "<title>{{t.home.title}} – {{fund.name}}</title>{{#rows}}<p>{{#tr}}home.greeting{{/tr}} "
      "{{t.home.title}}</p>{{/rows}}{{^rows}}{{t.odd.braces}}{{/rows}}<p>{{{t.home.title}}}</p>";
  mustache::data page{mustache::data::type::object};
  mustache::data rows{mustache::data::type::list};
  for (const char* name : {"Siti <Aminah>", "Budi"}) {
    mustache::data row{mustache::data::type::object};
    row.set("name", name);
    rows.push_back(row);
  }
  page.set("rows", rows);
  page.set("kode", "123");
  mustache::data empty{mustache::data::type::object};
  for (const std::string lang : {"id", "en"}) {
    const auto g = Globals(catalogs, lang);
    const std::string baked = BakeLanguage(source, g, catalogs, lang);
    EXPECT_NE(baked, source);
    EXPECT_EQ(RenderWith(baked, g, page), RenderWith(source, g, page)) << lang;
    EXPECT_EQ(RenderWith(baked, g, empty), RenderWith(source, g, empty)) << lang;
  }
}

TEST(BakeLanguage, EveryTemplateOfTheProjectRendersTheSame) {
  const char* share = std::getenv("LUMBUNG_SHARE_DIR");
  ASSERT_NE(share, nullptr);
  const auto catalogs = i18n::Catalogs::LoadDirectory(std::filesystem::path(share) / "locale");
  const Assets assets = Assets::LoadDirectory(std::filesystem::path(share) / "static");
  const Views views(
      share, catalogs, assets,
      FundInfo{"Dana Uji", "https://dana.example", "1500 000", "bantuan@dana.example", {}});
  ASSERT_GT(views.sources().size(), 20u);
  // A signed-in member, so that the layout's signed-in parts are compared too.
  mustache::data page{mustache::data::type::object};
  mustache::data visitor{mustache::data::type::object};
  visitor.set("signed_in", true);
  visitor.set("member", true);
  visitor.set("name", "Siti");
  page.set("visitor", visitor);
  page.set("csrf", "token");
  for (const std::string lang : {"id", "en"}) {
    const auto& g = views.globals(lang);
    for (const auto& [name, source] : views.sources()) {
      const std::string baked = BakeLanguage(source, g, catalogs, lang);
      EXPECT_EQ(RenderWith(baked, g, page), RenderWith(source, g, page)) << name << " " << lang;
    }
  }
}

}  // namespace
}  // namespace lumbung::view
