#include "card/card_layout.h"

#include <gtest/gtest.h>

#include <string>

namespace lumbung::card {
namespace {

std::size_t Chars(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// A stand-in font: every character 0.6 em wide.
const Measure kMeasure = [](std::string_view text, double size) {
  return static_cast<double>(Chars(text)) * size * 0.6;
};

const std::string kUrl =
    "https://portal.dana-pekerja.example/verify/card/"
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ.RSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

CardText Text(std::string name = "Siti Rahayu") {
  return CardText{.fund_name = "Dana Jaminan Pekerja Lumbung",
                  .title = "Kartu Peserta Digital",
                  .name_label = "Nama",
                  .name = std::move(name),
                  .kpj_label = "Nomor KPJ",
                  .kpj = "10000000001",
                  .verify_label = "Periksa kartu ini: pindai kodenya atau buka",
                  .verify_url = kUrl};
}

const TextRun* Find(const CardLayout& card, const std::string& text) {
  for (const auto& run : card.texts) {
    if (run.text == text) return &run;
  }
  return nullptr;
}

// Nothing is drawn off the card, and no text runs into the QR code or its quiet zone.
void ExpectTidy(const CardLayout& card) {
  const Box& qr = card.qr_area;
  EXPECT_GE(qr.x, 0);
  EXPECT_LE(qr.x + qr.width, card.width);
  EXPECT_LE(qr.y + qr.height, card.height);
  for (const auto& run : card.texts) {
    const double right = run.x + kMeasure(run.text, run.size);
    const double top = run.y - run.size * 0.8, bottom = run.y + run.size * 0.25;
    EXPECT_GE(run.x, 3.9) << run.text;
    EXPECT_LE(right, card.width - 3.9) << run.text;
    EXPECT_GE(top, 0) << run.text;
    EXPECT_LE(bottom, card.height) << run.text;
    EXPECT_GE(run.size, 1.4) << run.text;
    const bool beside_qr = bottom > qr.y && top < qr.y + qr.height;
    if (beside_qr) {
      EXPECT_LE(right, qr.x) << run.text << " runs into the QR code";
    }
  }
}

TEST(CardLayout, AnIdOneCardWithEveryTextInItsPlace) {
  const QrMatrix qr = EncodeQr(kUrl);
  const CardLayout card = LayOutCard(Text(), qr, kMeasure);
  EXPECT_DOUBLE_EQ(card.width, 85.6);
  EXPECT_DOUBLE_EQ(card.height, 53.98);
  for (const char* text :
       {"Dana Jaminan Pekerja Lumbung", "Kartu Peserta Digital", "Nama", "Siti Rahayu", "Nomor KPJ",
        "10000000001", "Periksa kartu ini: pindai kodenya atau buka"}) {
    EXPECT_NE(Find(card, text), nullptr) << text;
  }
  // Read top to bottom: fund, title, name, KPJ, how to check.
  EXPECT_LT(Find(card, "Dana Jaminan Pekerja Lumbung")->y, Find(card, "Kartu Peserta Digital")->y);
  EXPECT_LT(Find(card, "Nama")->y, Find(card, "Siti Rahayu")->y);
  EXPECT_LT(Find(card, "Siti Rahayu")->y, Find(card, "Nomor KPJ")->y);
  EXPECT_LT(Find(card, "Nomor KPJ")->y, Find(card, "10000000001")->y);
  ExpectTidy(card);
}

TEST(CardLayout, TheQrCodeIsSquareWithItsQuietZone) {
  const QrMatrix qr = EncodeQr(kUrl);
  const CardLayout card = LayOutCard(Text(), qr, kMeasure);
  const Box& area = card.qr_area;
  EXPECT_DOUBLE_EQ(area.width, area.height);
  EXPECT_GE(area.width, 25.0) << "large enough for a phone camera";
  const double module = area.width / (qr.size + 2 * kQrQuietZone);
  int dark = 0;
  for (const auto& box : card.qr_modules) {
    EXPECT_GE(box.x, area.x + kQrQuietZone * module - 1e-9);
    EXPECT_GE(box.y, area.y + kQrQuietZone * module - 1e-9);
    EXPECT_LE(box.x + box.width, area.x + area.width - kQrQuietZone * module + 1e-9);
    EXPECT_LE(box.y + box.height, area.y + area.height - kQrQuietZone * module + 1e-9);
    EXPECT_NEAR(box.height, module, 1e-9);
    dark += static_cast<int>(box.width / module + 0.5);
  }
  int expected = 0;
  for (bool d : qr.dark) expected += d;
  EXPECT_EQ(dark, expected) << "every dark module drawn, once";
}

TEST(CardLayout, TheVerificationAddressIsPrintedWhole) {
  const CardLayout card = LayOutCard(Text(), EncodeQr(kUrl), kMeasure);
  std::string joined;
  const TextRun* label = Find(card, "Periksa kartu ini: pindai kodenya atau buka");
  ASSERT_NE(label, nullptr);
  for (const auto& run : card.texts) {
    if (run.y > label->y) joined += run.text;
  }
  EXPECT_EQ(joined, kUrl);
  ExpectTidy(card);
}

TEST(CardLayout, AVeryLongAddressIsSetSmallerAndStaysOnTheCard) {
  CardText text = Text();
  text.verify_url =
      "https://" + std::string(120, 'p') + ".example/verify/card/" + std::string(87, 'T');
  const CardLayout card = LayOutCard(text, EncodeQr(text.verify_url), kMeasure);
  ExpectTidy(card);
}

TEST(CardLayout, ALongNameIsSetSmallerThenOnTwoLines) {
  const std::string medium = "Hartono Sutanto Setiadi";
  const CardLayout one = LayOutCard(Text(medium), EncodeQr(kUrl), kMeasure);
  const TextRun* run = Find(one, medium);
  ASSERT_NE(run, nullptr) << "one line";
  ExpectTidy(one);

  const std::string longer = "Raden Ajeng Kartini Sosroningrat Purwodiningrat";
  const CardLayout two = LayOutCard(Text(longer), EncodeQr(kUrl), kMeasure);
  std::string joined;
  for (const auto& r : two.texts) {
    if (r.y > Find(two, "Nama")->y && r.y < Find(two, "Nomor KPJ")->y) {
      joined += (joined.empty() ? "" : " ") + r.text;
    }
  }
  EXPECT_EQ(joined, longer) << "two lines, nothing lost";
  ExpectTidy(two);
}

TEST(CardLayout, ANameTooLongForTwoLinesEndsWithAnEllipsis) {
  std::string name;
  for (int i = 0; i < 12; ++i) name += "Panjangsekali ";
  const CardLayout card = LayOutCard(Text(name), EncodeQr(kUrl), kMeasure);
  int lines = 0;
  std::string last;
  for (const auto& r : card.texts) {
    if (r.y > Find(card, "Nama")->y && r.y < Find(card, "Nomor KPJ")->y) {
      ++lines;
      last = r.text;
    }
  }
  EXPECT_EQ(lines, 2);
  EXPECT_EQ(last.substr(last.size() - 3), "\u2026");
  ExpectTidy(card);
}

TEST(CardLayout, ALongFundNameFitsTheBand) {
  CardText text = Text();
  text.fund_name = "Badan Penyelenggara Jaminan Sosial Ketenagakerjaan Provinsi Contoh Raya";
  const CardLayout card = LayOutCard(text, EncodeQr(kUrl), kMeasure);
  EXPECT_LT(card.texts.front().size, 3.4);
  ExpectTidy(card);
}

TEST(WrapText, BreaksAtSpacesAndInsideWordsOnlyWhenAWordIsTooLong) {
  EXPECT_EQ(WrapText("aa bb cc", 3 * 0.6, 1, kMeasure),
            (std::vector<std::string>{"aa", "bb", "cc"}));
  EXPECT_EQ(WrapText("aa bb cc", 5 * 0.6, 1, kMeasure), (std::vector<std::string>{"aa bb", "cc"}));
  EXPECT_EQ(WrapText("abcdefg h", 3 * 0.6, 1, kMeasure),
            (std::vector<std::string>{"abc", "def", "g h"}));
  EXPECT_EQ(WrapText("ÑÑÑÑ", 3 * 0.6, 1, kMeasure), (std::vector<std::string>{"ÑÑÑ", "Ñ"}))
      << "never inside a character";
  EXPECT_TRUE(WrapText("", 10, 1, kMeasure).empty());
}

TEST(WrapText, ALineNeverEndsWithTheWordsOwnHyphen) {
  // pdftotext (and a reader) would take "ab-" at a line's end for hyphenation and drop it.
  EXPECT_EQ(WrapText("ab-cdef", 3 * 0.6, 1, kMeasure),
            (std::vector<std::string>{"ab", "-cd", "ef"}));
  EXPECT_EQ(WrapText("abc-def", 3 * 0.6, 1, kMeasure),
            (std::vector<std::string>{"abc", "-de", "f"}));
  EXPECT_EQ(WrapText("-abcd", 1 * 0.6, 1, kMeasure),
            (std::vector<std::string>{"-", "a", "b", "c", "d"}));
}

TEST(FitText, KeepsWhatFitsAndEndsWithAnEllipsis) {
  EXPECT_EQ(FitText("Siti", 4 * 0.6, 1, kMeasure), "Siti");
  EXPECT_EQ(FitText("Siti Rahayu", 6 * 0.6, 1, kMeasure), "Siti\u2026");
  EXPECT_EQ(FitText("ÑÑÑÑÑ", 3 * 0.6, 1, kMeasure), "ÑÑ\u2026");
}

}  // namespace
}  // namespace lumbung::card
