// Where every piece of a statement's text goes on the page: pure geometry, so pagination,
// wrapping and "nothing falls off the page" are tested without a PDF library. The PDF writer
// (statement_pdf.h) passes the real font's measure and draws what this returns.
//
// A4 landscape, so a month's twelve columns fit at a readable size. Amounts are never cut
// short: an amount wider than its column is set smaller instead. Names that do not fit end with
// "…". Every page carries the verification line and "page n of N" at its foot; the months
// table repeats its header on each page it continues on.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "statements/statement.h"

namespace lumbung::statements {

// The width in points of `text` (UTF-8) set at `size` points.
using Measure = std::function<double(std::string_view text, double size)>;

enum class Align { kLeft, kRight };

struct TextRun {
  double x = 0;  // the left edge, or the right edge for kRight
  double y = 0;  // the baseline
  double size = 0;
  std::string text;
  Align align = Align::kLeft;
};

struct Line {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double width = 0.5;
};

struct LayoutPage {
  std::vector<TextRun> texts;
  std::vector<Line> lines;
};

struct PageSize {
  double width = 841.89, height = 595.28;  // A4 landscape, in points
  double margin = 36;
};

std::vector<LayoutPage> LayOutStatement(const StatementText& text, const Measure& measure,
                                        PageSize page = {});

// `text` as lines no wider than `width` (breaking at spaces; a word longer than a line is
// broken between characters, so nothing, not even a long address, is lost).
std::vector<std::string> WrapText(std::string_view text, double width, double size,
                                  const Measure& measure);

// `text` unchanged when it fits in `width`, else cut at a character boundary and ended with "…".
std::string FitText(std::string_view text, double width, double size, const Measure& measure);

}  // namespace lumbung::statements
