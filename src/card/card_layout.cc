#include "card/card_layout.h"

#include <algorithm>

namespace lumbung::card {
namespace {

// The portal's colours (static/css/site.css): the dark brown header, text, muted labels.
constexpr Colour kBand{0x3b / 255.0, 0x2a / 255.0, 0x1e / 255.0};
constexpr Colour kOnBand{1, 1, 1};
constexpr Colour kInk{0x0b / 255.0, 0x0c / 255.0, 0x0c / 255.0};
constexpr Colour kMuted{0x4a / 255.0, 0x4f / 255.0, 0x54 / 255.0};
constexpr Colour kWhite{1, 1, 1};
constexpr Colour kEdge{0x6b / 255.0, 0x70 / 255.0, 0x75 / 255.0};

constexpr double kMargin = 4.0;
constexpr double kBandHeight = 13.0;
constexpr double kQrSide = 28.0;  // the symbol with its quiet zone
constexpr double kQrTop = 14.5;
constexpr double kMinSize = 1.4;

// Bytes of the UTF-8 character starting at text[i] (1 for a stray byte).
std::size_t CharLength(std::string_view text, std::size_t i) {
  const unsigned char lead = static_cast<unsigned char>(text[i]);
  const std::size_t n = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  return std::min(n, text.size() - i);
}

// Appends `word` to `lines`, breaking it between characters wherever a line is full. A line
// never ends with a hyphen of the word (card tokens have them): readers, and PDF text
// extraction, take one there for hyphenation and drop it; it starts the next line instead.
void BreakWord(std::string_view word, double width, double size, const Measure& measure,
               std::vector<std::string>& lines) {
  std::string line;
  for (std::size_t i = 0; i < word.size();) {
    const std::size_t n = CharLength(word, i);
    const std::string longer = line + std::string(word.substr(i, n));
    if (!line.empty() && measure(longer, size) > width) {
      std::string next(word.substr(i, n));
      if (line.size() > 1 && line.back() == '-') {
        line.pop_back();
        next = "-" + next;
      }
      lines.push_back(line);
      line = std::move(next);
    } else {
      line = longer;
    }
    i += n;
  }
  if (!line.empty()) lines.push_back(line);
}

// The largest size from `sizes` (largest first) at which `text` wraps into at most `max_lines`
// lines of `width`; at the smallest size, whatever it wraps into.
std::pair<double, std::vector<std::string>> FitLines(std::string_view text, double width,
                                                     const std::vector<double>& sizes,
                                                     std::size_t max_lines,
                                                     const Measure& measure) {
  for (double size : sizes) {
    auto lines = WrapText(text, width, size, measure);
    if (lines.size() <= max_lines) return {size, std::move(lines)};
  }
  return {sizes.back(), WrapText(text, width, sizes.back(), measure)};
}

}  // namespace

std::vector<std::string> WrapText(std::string_view text, double width, double size,
                                  const Measure& measure) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const std::size_t end = std::min(text.find(' ', i), text.size());
    if (end == i) break;
    const std::string_view word = text.substr(i, end - i);
    i = end;
    const std::string joined = line.empty() ? std::string(word) : line + " " + std::string(word);
    if (measure(joined, size) <= width) {
      line = joined;
      continue;
    }
    if (!line.empty()) lines.push_back(line);
    line.clear();
    if (measure(word, size) <= width) {
      line = std::string(word);
    } else {
      BreakWord(word, width, size, measure, lines);
      line = lines.back();  // the word's last piece may still take more words after it
      lines.pop_back();
    }
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

std::string FitText(std::string_view text, double width, double size, const Measure& measure) {
  if (measure(text, size) <= width) return std::string(text);
  const std::string ellipsis = "\u2026";
  std::string kept;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = CharLength(text, i);
    const std::string longer = kept + std::string(text.substr(i, n));
    if (measure(longer + ellipsis, size) > width) break;
    kept = longer;
    i += n;
  }
  while (!kept.empty() && kept.back() == ' ') kept.pop_back();
  return kept + ellipsis;
}

CardLayout LayOutCard(const CardText& text, const QrMatrix& qr, const Measure& measure) {
  CardLayout card;
  const double inner = card.width - 2 * kMargin;
  card.boxes.push_back({0, 0, card.width, card.height, kWhite});
  card.boxes.push_back({0, 0, card.width, kBandHeight, kBand});

  // The band: the fund's name as large as fits on one line, and what the card is.
  {
    auto [size, lines] = FitLines(text.fund_name, inner, {3.4, 3.0, 2.6, 2.2}, 1, measure);
    card.texts.push_back(
        {kMargin, 6.2, size, FitText(text.fund_name, inner, size, measure), kOnBand});
    card.texts.push_back({kMargin, 10.6, 2.4, FitText(text.title, inner, 2.4, measure), kOnBand});
  }

  // The QR code on the right, on white with its quiet zone; modules as runs of dark boxes.
  card.qr_area = {card.width - 2.0 - kQrSide, kQrTop, kQrSide, kQrSide, kWhite};
  const double module = kQrSide / (qr.size + 2 * kQrQuietZone);
  for (int y = 0; y < qr.size; ++y) {
    for (int x = 0; x < qr.size;) {
      if (!qr.Dark(x, y)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < qr.size && qr.Dark(x + run, y)) ++run;
      card.qr_modules.push_back({card.qr_area.x + (x + kQrQuietZone) * module,
                                 card.qr_area.y + (y + kQrQuietZone) * module, run * module, module,
                                 kInk});
      x += run;
    }
  }

  // Left of the code: the name (smaller, then on two lines, when it is long) and the KPJ.
  const double column = card.qr_area.x - 1.0 - kMargin;
  double y = 19.5;
  card.texts.push_back({kMargin, y, 2.0, FitText(text.name_label, column, 2.0, measure), kMuted});
  {
    auto [size, lines] = FitLines(text.name, column, {3.6, 3.2, 2.8, 2.4}, 2, measure);
    if (lines.size() > 2) {
      // Even the smallest size needs more lines: keep two, the second ending with "…".
      std::string rest = lines[1];
      for (std::size_t i = 2; i < lines.size(); ++i) rest += " " + lines[i];
      lines = {lines[0], FitText(rest, column, size, measure)};
    }
    for (const auto& line : lines) {
      y += size * 1.25;
      card.texts.push_back({kMargin, y, size, line, kInk});
    }
  }
  y += 5.0;
  card.texts.push_back({kMargin, y, 2.0, FitText(text.kpj_label, column, 2.0, measure), kMuted});
  y += 5.2;
  card.texts.push_back({kMargin, y, 4.2, FitText(text.kpj, column, 4.2, measure), kInk});

  // Under both: how to check the card, and the address in full (it is also in the QR code).
  const double bottom = card.height - 1.6;  // lowest baseline: room for descenders
  const double label_baseline = card.qr_area.y + card.qr_area.height + 2.6;
  card.texts.push_back(
      {kMargin, label_baseline, 1.9, FitText(text.verify_label, inner, 1.9, measure), kMuted});
  {
    std::vector<double> sizes;
    for (double s = 1.9; s >= kMinSize - 1e-9; s -= 0.1) sizes.push_back(s);
    auto [size, lines] = FitLines(text.verify_url, inner, sizes, 3, measure);
    const double step = std::min(size * 1.3, (bottom - label_baseline) / lines.size());
    double line_y = label_baseline;
    for (const auto& line : lines) {
      line_y += step;
      card.texts.push_back({kMargin, line_y, size, line, kInk});
    }
  }

  card.boxes.push_back({0.15, 0.15, card.width - 0.3, card.height - 0.3, kEdge, 0.3});
  return card;
}

}  // namespace lumbung::card
