// Where everything on the membership card goes: pure geometry in millimetres on an ID-1 card
// (85.6 x 53.98 mm, the size of a bank card), so "nothing overlaps the QR code, nothing falls
// off the card, long names still fit" is tested without a graphics library. The PNG and PDF
// writers (card_image.h) pass the real font's measure and draw what this returns.
//
//   +--------------------------------------------------+
//   | Fund name                                        |  band in the portal's colour
//   | Digital membership card                          |
//   +--------------------------------------------------+
//   | Name                                 +---------+ |
//   | Siti Rahayu                          |   QR    | |
//   | KPJ number                           |  code   | |
//   | 10000000001                          +---------+ |
//   | Check this card: scan the code or open           |
//   | https://.../verify/card/<token, over two lines>  |
//   +--------------------------------------------------+
//
// A name that does not fit on one line at the largest size is set smaller, then over two
// lines, and only as a last resort ends with "…". The verification address is never cut: it
// wraps between characters and is set smaller when it needs more than three lines.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "card/qr_matrix.h"

namespace lumbung::card {

// The width in millimetres of `text` (UTF-8) set at `size` millimetres (the em size).
using Measure = std::function<double(std::string_view text, double size)>;

struct Colour {
  double r = 0, g = 0, b = 0;  // 0..1
  bool operator==(const Colour&) const = default;
};

struct Box {
  double x = 0, y = 0, width = 0, height = 0;  // top left, y downwards
  Colour colour;
  double stroke = 0;  // 0: filled; else an outline this thick
};

struct TextRun {
  double x = 0, y = 0;  // the left end of the baseline, y downwards
  double size = 0;      // em size
  std::string text;
  Colour colour;
};

struct CardText {
  std::string fund_name;     // config fund.name
  std::string title;         // "Digital membership card"
  std::string name_label;    // "Name"
  std::string name;          // the registry's full name
  std::string kpj_label;     // "KPJ number"
  std::string kpj;           // the member's KPJ
  std::string verify_label;  // "Check this card: scan the code or open"
  std::string verify_url;    // card::VerificationUrl; also what the QR code holds
};

struct CardLayout {
  double width = 85.6, height = 53.98;  // ID-1, millimetres
  std::vector<Box> boxes;               // background and band first, the outline last
  std::vector<Box> qr_modules;          // one box per horizontal run of dark modules
  Box qr_area;                          // the symbol with its quiet zone (white)
  std::vector<TextRun> texts;
};

// Sizes and places. Text sizes never go below 1.4 mm (4 pt), still readable on paper.
CardLayout LayOutCard(const CardText& text, const QrMatrix& qr, const Measure& measure);

// `text` as lines no wider than `width`, breaking at spaces; a word longer than a line is broken
// between characters (never inside one), so nothing is lost.
std::vector<std::string> WrapText(std::string_view text, double width, double size,
                                  const Measure& measure);

// `text` unchanged when it fits in `width`, else cut at a character boundary and ended with "…".
std::string FitText(std::string_view text, double width, double size, const Measure& measure);

}  // namespace lumbung::card
