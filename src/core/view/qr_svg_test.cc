#include "core/view/qr_svg.h"

#include <gtest/gtest.h>
#include <qrencode.h>

#include <algorithm>
#include <memory>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

namespace lumbung::view {
namespace {

// What libqrencode itself says the symbol is: rows of booleans, true for dark.
std::vector<std::vector<bool>> Reference(const std::string& text) {
  std::unique_ptr<QRcode, void (*)(QRcode*)> code(
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M),
      QRcode_free);
  EXPECT_NE(code, nullptr);
  if (!code) return {};
  std::vector<std::vector<bool>> grid(code->width, std::vector<bool>(code->width));
  for (int y = 0; y < code->width; ++y) {
    for (int x = 0; x < code->width; ++x) grid[y][x] = (code->data[y * code->width + x] & 1) != 0;
  }
  return grid;
}

std::string Attribute(const std::string& svg, const std::string& element, const std::string& name) {
  const std::regex pattern("<" + element + "[^>]* " + name + "=\"([^\"]*)\"");
  std::smatch match;
  if (!std::regex_search(svg, match, pattern)) return "<missing>";
  return match[1];
}

// Paints the path's "M<x> <y>h<n>v1h-<n>z" runs back into a grid of `modules` squares; fails
// the test for anything else in the path, a run outside the grid or a module painted twice.
std::vector<std::vector<bool>> Paint(const std::string& path, int modules) {
  std::vector<std::vector<bool>> grid(modules, std::vector<bool>(modules));
  const std::regex run(R"(M(\d+) (\d+)h(\d+)v1h-(\d+)z)");
  std::size_t covered = 0;
  for (auto it = std::sregex_iterator(path.begin(), path.end(), run); it != std::sregex_iterator();
       ++it) {
    const std::smatch& m = *it;
    EXPECT_EQ(m.position(0), static_cast<std::ptrdiff_t>(covered)) << "junk in the path";
    covered = m.position(0) + m.length(0);
    const int x = std::stoi(m[1]), y = std::stoi(m[2]), n = std::stoi(m[3]);
    EXPECT_EQ(m[3], m[4]);
    EXPECT_GE(n, 1);
    EXPECT_LT(y, modules);
    for (int i = 0; i < n; ++i) {
      EXPECT_LT(x + i, modules);
      if (x + i >= modules || y >= modules) continue;
      EXPECT_FALSE(grid[y][x + i]) << "painted twice";
      grid[y][x + i] = true;
    }
  }
  EXPECT_EQ(covered, path.size()) << "junk at the end of the path";
  return grid;
}

TEST(QrSvg, IsOneWellFormedSvgElement) {
  const std::string svg = QrSvg("otpauth", "QR code");
  EXPECT_TRUE(svg.starts_with("<svg "));
  EXPECT_TRUE(svg.ends_with("</svg>"));
  // Exactly the four tags: <svg>, <rect/>, <path/>, </svg>.
  EXPECT_EQ(std::count(svg.begin(), svg.end(), '<'), 4);
  EXPECT_EQ(std::count(svg.begin(), svg.end(), '>'), 4);
  EXPECT_EQ(std::count(svg.begin(), svg.end(), '"') % 2, 0);
  EXPECT_NE(svg.find(R"(xmlns="http://www.w3.org/2000/svg")"), std::string::npos);
  EXPECT_EQ(Attribute(svg, "svg", "shape-rendering"), "crispEdges");
  EXPECT_EQ(Attribute(svg, "svg", "role"), "img");
  EXPECT_EQ(Attribute(svg, "svg", "aria-label"), "QR code");
}

TEST(QrSvg, NoStyleAttributeForTheContentSecurityPolicy) {
  const std::string svg = QrSvg("otpauth://totp/Lumbung:siti?secret=ABCD", "QR");
  EXPECT_EQ(svg.find("style"), std::string::npos);
  EXPECT_EQ(Attribute(svg, "rect", "fill"), "#fff");
  EXPECT_EQ(Attribute(svg, "path", "fill"), "#000");
}

TEST(QrSvg, Version1Has21ModulesPlusTheQuietZone) {
  // 7 bytes fit version 1 at level M (14 bytes in 8-bit mode): 21 + 2 * 4 = 29 modules.
  const std::string svg = QrSvg("otpauth", "QR code");
  EXPECT_EQ(Attribute(svg, "svg", "viewBox"), "0 0 29 29");
  EXPECT_EQ(Attribute(svg, "svg", "width"), "116");  // 29 * 4 pixels
  EXPECT_EQ(Attribute(svg, "svg", "height"), "116");
  EXPECT_EQ(Attribute(svg, "rect", "width"), "29");
  EXPECT_EQ(Attribute(svg, "rect", "height"), "29");
  // 15 bytes no longer fit: version 2 has 25 modules.
  EXPECT_EQ(Attribute(QrSvg("otpauth://totp/", "QR"), "svg", "viewBox"), "0 0 33 33");
}

TEST(QrSvg, PixelsPerModuleScalesTheSizeNotTheViewBox) {
  const std::string svg = QrSvg("otpauth", "QR", 10);
  EXPECT_EQ(Attribute(svg, "svg", "viewBox"), "0 0 29 29");
  EXPECT_EQ(Attribute(svg, "svg", "width"), "290");
  EXPECT_EQ(Attribute(svg, "svg", "height"), "290");
  EXPECT_EQ(Attribute(QrSvg("otpauth", "QR", 1), "svg", "width"), "29");
  EXPECT_THROW(QrSvg("otpauth", "QR", 0), std::invalid_argument);
  EXPECT_THROW(QrSvg("otpauth", "QR", -4), std::invalid_argument);
  EXPECT_THROW(QrSvg("otpauth", "QR", 65), std::invalid_argument);
}

TEST(QrSvg, PathDrawsExactlyTheDarkModulesInsideTheQuietZone) {
  const std::string texts[] = {
      "otpauth",
      "otpauth://totp/Lumbung:siti%40example.id?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
      "&issuer=Lumbung&algorithm=SHA1&digits=6&period=30",
      "Sit\xC3\xAC N\xC3\xBCrhaliza",  // non-ASCII bytes, as given
  };
  for (const std::string& text : texts) {
    const std::vector<std::vector<bool>> reference = Reference(text);
    const int width = static_cast<int>(reference.size());
    const int modules = width + 8;
    const std::string svg = QrSvg(text, "QR");
    EXPECT_EQ(Attribute(svg, "svg", "viewBox"),
              "0 0 " + std::to_string(modules) + " " + std::to_string(modules));
    const std::vector<std::vector<bool>> painted = Paint(Attribute(svg, "path", "d"), modules);
    int dark = 0, drawn = 0;
    for (int y = 0; y < modules; ++y) {
      for (int x = 0; x < modules; ++x) {
        const bool inside = x >= 4 && y >= 4 && x < width + 4 && y < width + 4;
        const bool expected = inside && reference[y - 4][x - 4];
        EXPECT_EQ(painted[y][x], expected) << text << " at " << x << "," << y;
        dark += expected;
        drawn += painted[y][x];
      }
    }
    EXPECT_EQ(drawn, dark);
    EXPECT_GT(dark, width * width / 4);  // sanity: a real symbol, about half dark
  }
}

TEST(QrSvg, EscapesTheLabel) {
  const std::string svg = QrSvg("otpauth", R"(Scan "me" & <go> 'now')");
  EXPECT_NE(svg.find(R"(aria-label="Scan &quot;me&quot; &amp; &lt;go&gt; &#39;now&#39;")"),
            std::string::npos)
      << svg;
  EXPECT_EQ(svg.find("<go>"), std::string::npos);
  EXPECT_EQ(Attribute(QrSvg("otpauth", "Kode QR \xC3\xB1"), "svg", "aria-label"),
            "Kode QR \xC3\xB1");  // UTF-8 passes through
}

TEST(QrSvg, LargestSymbolAndTooLongText) {
  // Version 40 at level M holds 2331 bytes in 8-bit mode: 177 + 8 = 185 modules.
  EXPECT_EQ(Attribute(QrSvg(std::string(2331, 'a'), "QR"), "svg", "viewBox"), "0 0 185 185");
  EXPECT_THROW(QrSvg(std::string(2332, 'a'), "QR"), std::invalid_argument);
  EXPECT_THROW(QrSvg(std::string(10000, 'a'), "QR"), std::invalid_argument);
  EXPECT_THROW(QrSvg("", "QR"), std::invalid_argument);
}

}  // namespace
}  // namespace lumbung::view
