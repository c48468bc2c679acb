#include "help/article_check.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "core/i18n/catalog.h"
#include "help/starter.h"

namespace lumbung::help {
namespace {

ArticleDraft Good() {
  ArticleDraft d;
  d.topic_id = 1;
  d.slug = "cara-klaim";
  d.texts["id"] = {"Cara klaim", "Ringkas", "Isi"};
  d.texts["en"] = {"How to claim", "Short", "Body"};
  return d;
}

TEST(ArticleCheck, AGoodDraftHasNoProblems) {
  EXPECT_TRUE(CheckDraft(Good()).empty());
}

TEST(ArticleCheck, EveryProblemAtOnceByField) {
  ArticleDraft d = Good();
  d.slug = "Cara Klaim";
  d.topic_id = 0;
  d.texts["id"].title = "";
  d.texts["en"].summary = std::string(kMaxSummaryChars + 1, 'x');
  d.texts["en"].body = std::string("a\x01 b");
  d.texts.erase("id");
  const DraftProblems p = CheckDraft(d);
  EXPECT_EQ(p.at("slug"), "slug_format");
  EXPECT_EQ(p.at("topic"), "topic");
  EXPECT_EQ(p.at("title_id"), "empty");
  EXPECT_EQ(p.at("body_id"), "empty");
  EXPECT_EQ(p.at("summary_en"), "too_long");
  EXPECT_EQ(p.at("body_en"), "characters");
}

TEST(ArticleCheck, LengthsCountCharactersNotBytes) {
  ArticleDraft d = Good();
  d.texts["id"].title.clear();
  for (std::size_t i = 0; i < kMaxTitleChars; ++i) d.texts["id"].title += "é";
  EXPECT_TRUE(CheckDraft(d).empty());
  d.texts["id"].title = "a\xff";
  EXPECT_EQ(CheckDraft(d).at("title_id"), "characters");
}

TEST(ArticleCheck, Slugs) {
  EXPECT_TRUE(IsSlug("jht"));
  EXPECT_TRUE(IsSlug("2fa-setup"));
  for (const char* bad : {"", "a", "-a", "a-", "a--b", "A-b", "a_b", "a b", "a/b", "ä-b"}) {
    EXPECT_FALSE(IsSlug(bad)) << bad;
  }
  EXPECT_FALSE(IsSlug(std::string(kMaxSlugChars + 1, 'a')));
}

TEST(ArticleCheck, CleanField) {
  EXPECT_EQ(CleanField("  a\r\nb\rc  ", false), "a\nb\nc");
  EXPECT_EQ(CleanField(" a\r\nb\tc ", true), "a b c");
  EXPECT_EQ(CleanField(" \n ", false), "");
}

// Every problem CheckDraft can name has a message in both catalogs.
TEST(ArticleCheck, EveryProblemHasTranslatedText) {
  const auto catalogs = i18n::Catalogs::LoadDirectory(
      std::filesystem::path(std::getenv("LUMBUNG_SHARE_DIR")) / "locale");
  for (const std::string lang : {"id", "en"}) {
    for (const char* problem :
         {"empty", "too_long", "characters", "slug_format", "slug_taken", "topic"}) {
      EXPECT_TRUE(catalogs.All(lang).count(std::string("help.editor.error.") + problem))
          << lang << " " << problem;
    }
  }
}

TEST(Starter, ParsesAnArticleFile) {
  const StarterText t = ParseStarterText(
      "topic: akun\nposition: 2\nstatus: draft\ntitle: Judul: dengan titik dua\n"
      "summary: Ringkas\n\n# Isi\nbaris\n");
  EXPECT_EQ(t.topic, "akun");
  EXPECT_EQ(t.position, 2);
  EXPECT_FALSE(t.published);
  EXPECT_EQ(t.text.title, "Judul: dengan titik dua");
  EXPECT_EQ(t.text.body, "# Isi\nbaris");
}

TEST(Starter, RefusesMalformedFiles) {
  EXPECT_THROW(ParseStarterText("topic: a\n"), std::invalid_argument);
  EXPECT_THROW(ParseStarterText("topic: a\nposition: 1\nstatus: live\ntitle: t\nsummary: s\n\nb"),
               std::invalid_argument);
  EXPECT_THROW(ParseStarterText("colour: red\n\nb"), std::invalid_argument);
  EXPECT_THROW(ParseTopics("akun | x | Akun | Account\n"), std::invalid_argument);
  EXPECT_EQ(ParseTopics("# c\n\nakun | 1 | Akun | Account\n").size(), 1u);
}

// The shipped starter set loads: both languages of every article, known topics, every text
// within what the editor would accept.
TEST(Starter, TheShippedSetIsValid) {
  std::vector<Topic> topics;
  const auto articles = ReadStarterSet(
      std::filesystem::path(std::getenv("LUMBUNG_SHARE_DIR")) / "src/help/starter", topics);
  EXPECT_GE(topics.size(), 5u);
  EXPECT_GE(articles.size(), 12u);
}

}  // namespace
}  // namespace lumbung::help
