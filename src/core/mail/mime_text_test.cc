#include "core/mail/mime_text.h"

#include <gtest/gtest.h>

#include "core/mail/mime_test_util.h"

namespace lumbung::mail {
namespace {

TEST(MimeTextTest, ValidatesUtf8) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Saldo JHT Anda: Rp 1.234.567 — lihat rincian 💰"));
  EXPECT_FALSE(IsValidUtf8("\xc3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\x80"));              // stray continuation
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xe0\x80\xaf"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // beyond U+10FFFF
}

TEST(MimeTextTest, CleanHeaderTextHasNoControlCharacters) {
  EXPECT_TRUE(IsCleanHeaderText("Verifikasi alamat surel Anda"));
  EXPECT_TRUE(IsCleanHeaderText("Kata sandi diubah — Lumbung"));
  for (const char* bad : {"a\rb", "a\nb", "a\tb", "a\x7f", "\xff"}) {
    EXPECT_FALSE(IsCleanHeaderText(bad)) << bad;
  }
  EXPECT_FALSE(IsCleanHeaderText(std::string("a\0b", 3)));
}

TEST(MimeTextTest, PlainAsciiHeaderTextIsUnchanged) {
  EXPECT_EQ(EncodeHeaderText("Verifikasi alamat surel Anda"), "Verifikasi alamat surel Anda");
}

TEST(MimeTextTest, EncodesNonAsciiAsUtf8Words) {
  EXPECT_EQ(EncodeHeaderText("Kata sandi — Lumbung"),
            "=?UTF-8?B?S2F0YSBzYW5kaSDigJQgTHVtYnVuZw==?=");
  // Text that looks like an encoded word is encoded too, so it reads back as itself.
  const std::string tricky = "=?UTF-8?B?SGk=?=";
  EXPECT_NE(EncodeHeaderText(tricky), tricky);
  EXPECT_EQ(test::DecodeHeaderValue(EncodeHeaderText(tricky)), tricky);
}

TEST(MimeTextTest, LongTextIsSplitIntoShortWordsOnCharacterBoundaries) {
  std::string subject;
  for (int i = 0; i < 12; ++i) subject += "Pemberitahuan — ṡaldo ";
  const std::string encoded = EncodeHeaderText(subject);
  std::size_t start = 0;
  int words = 0;
  while (start < encoded.size()) {
    std::size_t end = encoded.find("\r\n ", start);
    const std::string word = encoded.substr(start, end == std::string::npos ? end : end - start);
    ++words;
    EXPECT_LE(word.size(), 60u);
    EXPECT_EQ(word.rfind("=?UTF-8?B?", 0), 0u);
    // Each word holds whole characters: it decodes to valid UTF-8 on its own.
    EXPECT_TRUE(IsValidUtf8(test::DecodeHeaderValue(word))) << word;
    if (end == std::string::npos) break;
    start = end + 3;
  }
  EXPECT_GT(words, 5);
  EXPECT_EQ(test::DecodeHeaderValue(encoded), subject);
}

TEST(MimeTextTest, LineEndingsBecomeCrlf) {
  EXPECT_EQ(ToCrlf("a\nb\r\nc\rd\n\n"), "a\r\nb\r\nc\r\nd\r\n\r\n");
  EXPECT_EQ(ToCrlf(""), "");
}

}  // namespace
}  // namespace lumbung::mail
