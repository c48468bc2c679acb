#include "card/card_image.h"

#include <gtest/gtest.h>

#include "core/config/config.h"

namespace lumbung::card {
namespace {

// The font every installation has by default (Debian fonts-dejavu-core, scripts/bootstrap).
std::filesystem::path DefaultFont() {
  for (const auto& key : config::Config::Keys()) {
    if (key.key == "card.font_file") return key.default_value;
  }
  return {};
}

CardLayout Layout() {
  CardText text{.fund_name = "Dana Jaminan Pekerja Lumbung",
                .title = "Digital membership card",
                .name_label = "Name",
                .name = "Ni Komang Sukarini Ñoño",
                .kpj_label = "KPJ number",
                .kpj = "10007000022",
                .verify_label = "Check this card: scan the code or open",
                .verify_url = "https://dana.example/verify/card/" + std::string(87, 'T')};
  return LayOutCard(text, EncodeQr(text.verify_url), FontMeasure(DefaultFont()));
}

std::uint32_t BigEndian32(const std::string& bytes, std::size_t at) {
  std::uint32_t n = 0;
  for (std::size_t i = 0; i < 4; ++i) n = n << 8 | static_cast<unsigned char>(bytes[at + i]);
  return n;
}

TEST(CardImage, ThePngIsTheCardAt300Dpi) {
  const std::string png = RenderCardPng(Layout(), DefaultFont());
  ASSERT_GT(png.size(), 33u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(png.substr(12, 4), "IHDR");
  EXPECT_EQ(BigEndian32(png, 16), static_cast<std::uint32_t>(kPngWidth));
  EXPECT_EQ(BigEndian32(png, 20), static_cast<std::uint32_t>(kPngHeight));
  EXPECT_LT(png.size(), 200'000u) << "small enough for a weak signal";
}

TEST(CardImage, ThePdfIsOneCardSizedPageWithTheFontEmbedded) {
  const std::string pdf =
      RenderCardPdf(Layout(), DefaultFont(), "Digital membership card", "Dana Jaminan");
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  EXPECT_NE(pdf.find("/MediaBox [ 0 0 242.645669 153.014173 ]"), std::string::npos)
      << "85.6 x 53.98 mm";
  EXPECT_NE(pdf.find("/FontFile"), std::string::npos) << "the font travels with the document";
  EXPECT_NE(pdf.find("/ToUnicode"), std::string::npos) << "its text can be extracted";
  EXPECT_NE(pdf.find("%%EOF"), std::string::npos);
}

TEST(CardImage, TheMeasureIsTheFontsAndScalesWithTheSize) {
  const Measure measure = FontMeasure(DefaultFont());
  const double one = measure("10000000001", 1.0);
  EXPECT_GT(one, 3.0);
  EXPECT_LT(one, 10.0);
  EXPECT_NEAR(measure("10000000001", 2.0), 2 * one, 1e-9);
  EXPECT_GT(measure("WWWW", 1.0), measure("iiii", 1.0)) << "proportional";
  EXPECT_DOUBLE_EQ(measure("", 3.0), 0.0);
}

TEST(CardImage, AMissingFontIsAClearError) {
  try {
    RenderCardPng(Layout(), "/nonexistent/font.ttf");
    FAIL() << "no error";
  } catch (const CardImageError& e) {
    EXPECT_NE(std::string(e.what()).find("card.font_file"), std::string::npos) << e.what();
  }
  EXPECT_THROW(FontMeasure("/etc/passwd"), CardImageError) << "not a font";
}

}  // namespace
}  // namespace lumbung::card
