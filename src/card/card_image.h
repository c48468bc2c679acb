// The membership card as a PNG (to keep on a phone, 1012 x 638 pixels: the card at 300 dpi) and
// as a PDF (one page the size of the card, to print). Both are drawn with cairo from the same
// layout (card_layout.h) with one TrueType font (config card.font_file, Debian's DejaVu Sans by
// default) loaded through FreeType, so the two look alike and the PDF's text (a subset of the
// font, embedded with a ToUnicode map) can be copied, searched and read by pdftotext.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "card/card_layout.h"

namespace lumbung::card {

inline constexpr int kPngWidth = 1012;
inline constexpr int kPngHeight = 638;

class CardImageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The font's measure for LayOutCard. The font is loaded once per process and path, and kept
// (cairo may hold on to it in its caches). Throws CardImageError when the file is missing or
// is not a font FreeType can read.
Measure FontMeasure(const std::filesystem::path& font_file);

// The PNG's bytes. Throws CardImageError (font, or cairo failing).
std::string RenderCardPng(const CardLayout& layout, const std::filesystem::path& font_file);

// The PDF's bytes; `title` and `author` (the fund) go into the document information.
// Throws CardImageError.
std::string RenderCardPdf(const CardLayout& layout, const std::filesystem::path& font_file,
                          const std::string& title, const std::string& author);

}  // namespace lumbung::card
