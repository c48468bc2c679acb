#include "core/i18n/catalog.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace lumbung::i18n {
namespace {

TEST(Catalogs, ShippedCatalogsHaveTheSameIdsAndPlaceholdersInEveryLanguage) {
  const char* share = std::getenv("LUMBUNG_SHARE_DIR");
  ASSERT_NE(share, nullptr);
  // LoadDirectory throws when any language lacks an id, has an extra one, or its
  // placeholders differ: a page can never show a missing or broken translation.
  Catalogs c = Catalogs::LoadDirectory(std::filesystem::path(share) / "locale");
  EXPECT_EQ(c.Languages(), (std::vector<std::string>{"id", "en"}));
  EXPECT_GT(c.All("id").size(), 20u);
  EXPECT_EQ(c.All("id").size(), c.All("en").size());
}

TEST(Catalogs, RefusesIncompleteOrMismatchedLanguages) {
  EXPECT_THROW(Catalogs::FromMaps({{"id", {{"a", "A"}}}, {"en", {}}}), std::runtime_error);
  EXPECT_THROW(Catalogs::FromMaps({{"id", {{"a", "A"}}}, {"en", {{"a", "A"}, {"b", "B"}}}}),
               std::runtime_error);
  EXPECT_THROW(Catalogs::FromMaps({{"id", {{"a", "Hi {{name}}"}}}, {"en", {{"a", "Hi {{nama}}"}}}}),
               std::runtime_error);
  EXPECT_THROW(Catalogs::FromMaps({{"en", {{"a", "A"}}}}), std::runtime_error);
}

TEST(Catalogs, FormatsPlaceholdersAndShowsMissingIds) {
  auto c = Catalogs::FromMaps(
      {{"id", {{"greet", "Halo {{name}}, {{x}}"}}}, {"en", {{"greet", "Hello {{name}}, {{x}}"}}}});
  EXPECT_EQ(c.Format("en", "greet", {{"name", "Sari"}, {"x", "1"}}), "Hello Sari, 1");
  EXPECT_EQ(c.Format("xx", "greet", {{"name", "Sari"}}), "Halo Sari, {{x}}");
  EXPECT_EQ(c.Get("id", "nope"), "[[nope]]");
}

TEST(NegotiateLanguage, CookieThenAcceptLanguageThenIndonesian) {
  const std::vector<std::string> langs{"id", "en"};
  EXPECT_EQ(NegotiateLanguage("en", "id", langs), "en");
  EXPECT_EQ(NegotiateLanguage("fr", "en-US,en;q=0.9", langs), "en");
  EXPECT_EQ(NegotiateLanguage("", "fr;q=1, en;q=0.5, id;q=0.8", langs), "id");
  EXPECT_EQ(NegotiateLanguage("", "EN-gb", langs), "en");
  EXPECT_EQ(NegotiateLanguage("", "", langs), "id");
  EXPECT_EQ(NegotiateLanguage("", "de, fr", langs), "id");
  EXPECT_EQ(NegotiateLanguage("", "en;q=garbage", langs), "id");
}

}  // namespace
}  // namespace lumbung::i18n
