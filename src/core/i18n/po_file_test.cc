#include "core/i18n/po_file.h"

#include <gtest/gtest.h>

namespace lumbung::i18n {
namespace {

TEST(PoFile, ReadsEntriesWithMultilineStringsAndEscapes) {
  auto m = ParsePo(
      "# comment\nmsgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
      "msgid \"home.title\"\nmsgstr \"Selamat \"\n\"datang \\\"kawan\\\"\"\n",
      "t.po");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m["home.title"], "Selamat datang \"kawan\"");
}

TEST(PoFile, RejectsDuplicatesMissingTranslationsAndBadLines) {
  EXPECT_THROW(ParsePo("msgid \"a\"\nmsgstr \"x\"\n\nmsgid \"a\"\nmsgstr \"y\"\n", "t.po"),
               PoError);
  EXPECT_THROW(ParsePo("msgid \"a\"\nmsgstr \"\"\n", "t.po"), PoError);
  EXPECT_THROW(ParsePo("msgid \"a\"\n", "t.po"), PoError);
  EXPECT_THROW(ParsePo("msgid \"a\nmsgstr \"b\"\n", "t.po"), PoError);
  EXPECT_THROW(ParsePo("msgid_plural \"a\"\n", "t.po"), PoError);
  try {
    ParsePo("msgid \"a\"\nmsgstr \"x\"\n\nmsgid \"b\"\nmsgstr \"bad\\q\"\n", "id.po");
    FAIL();
  } catch (const PoError& e) {
    EXPECT_STREQ(e.what(), "id.po:5: unknown escape \\q");
  }
}

}  // namespace
}  // namespace lumbung::i18n
