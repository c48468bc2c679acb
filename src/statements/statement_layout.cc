#include "statements/statement_layout.h"

#include <algorithm>

namespace lumbung::statements {
namespace {

constexpr double kTableSize = 7;        // the months table
constexpr double kTableLeading = 10.5;  // one table row
constexpr double kHeaderLeading = 8.5;  // one line of a column's title
constexpr double kTextSize = 8.5;       // notes
constexpr double kTextLeading = 11.5;
constexpr double kFactSize = 9.5;
constexpr double kFactLeading = 13;
constexpr double kFooterSize = 7.5;
constexpr double kFooterLeading = 9.5;
constexpr double kCellPadding = 4;  // between neighbouring columns

// The months table's column widths, as shares of the text width (they add up to 1): month,
// employer, wage, JHT worker, JHT employer, JKK, JKM, JP worker, JP employer, JKP, total, status.
constexpr double kColumnShares[] = {0.078, 0.150, 0.084, 0.074, 0.074, 0.074,
                                    0.074, 0.074, 0.074, 0.074, 0.086, 0.084};

// The byte length of the UTF-8 sequence starting with `lead` (1 for stray continuation bytes).
std::size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

std::vector<std::string_view> Characters(std::string_view text) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n =
        std::min(SequenceLength(static_cast<unsigned char>(text[i])), text.size() - i);
    out.push_back(text.substr(i, n));
    i += n;
  }
  return out;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// Builds the pages top to bottom; `Need` starts a new page when what comes next does not fit.
class Pages {
 public:
  Pages(const StatementText& text, const Measure& measure, PageSize size)
      : text_(text), measure_(measure), size_(size) {
    left_ = size.margin;
    right_ = size.width - size.margin;
    // The foot: two lines of the verification text and a rule above them.
    bottom_ = size.margin + 2 * kFooterLeading + 8;
    double x = left_;
    for (double share : kColumnShares) {
      column_left_.push_back(x);
      x += share * (right_ - left_);
      column_right_.push_back(x);
    }
    NewPage();
  }

  double width() const { return right_ - left_; }

  void Text(double x, double size, std::string s, Align align = Align::kLeft) {
    pages_.back().texts.push_back({x, y_, size, std::move(s), align});
  }
  void Rule(double width = 0.5) { pages_.back().lines.push_back({left_, y_, right_, y_, width}); }
  void Down(double by) { y_ -= by; }

  // Makes room for `height` points, on a new page if need be; true when a page was started.
  bool Need(double height) {
    if (y_ - height >= bottom_) return false;
    NewPage();
    return true;
  }

  void Paragraph(const std::string& s, double size, double leading) {
    for (auto& line : WrapText(s, width(), size, measure_)) {
      Need(leading);
      Down(leading);
      Text(left_, size, std::move(line));
    }
  }

  void Heading(const std::string& s, double size, double space_above) {
    Need(space_above + size + 40);  // never alone at the foot of a page
    Down(space_above + size);
    Text(left_, size, FitText(s, width(), size, measure_));
    Down(4);
  }

  // Label and value pairs side by side, `per_line` to a line (the statement's particulars).
  void Facts(const std::vector<std::pair<std::string, std::string>>& facts, int per_line,
             double label_width) {
    const double column = width() / per_line;
    for (std::size_t i = 0; i < facts.size(); ++i) {
      const int at = static_cast<int>(i) % per_line;
      if (at == 0) {
        Need(kFactLeading);
        Down(kFactLeading);
      }
      const double x = left_ + column * at;
      const auto& [label, value] = facts[i];
      Text(x, kFactSize, FitText(label, label_width - 8, kFactSize, measure_));
      Text(x + label_width, kFactSize,
           FitText(value, column - label_width - 12, kFactSize, measure_));
    }
  }

  // Figures as columns, each its label above its amount (the JHT line): compact, and amounts
  // are never cut.
  void Figures(const std::vector<std::pair<std::string, std::string>>& figures) {
    if (figures.empty()) return;
    const double column = width() / static_cast<double>(figures.size());
    std::vector<std::vector<std::string>> labels;
    std::size_t lines = 1;
    for (const auto& [label, value] : figures) {
      labels.push_back(WrapText(label, column - 12, kTableSize, measure_));
      lines = std::max(lines, labels.back().size());
    }
    Need(kHeaderLeading * static_cast<double>(lines) + 3 + kFactLeading);
    Down(kHeaderLeading * static_cast<double>(lines));
    for (std::size_t c = 0; c < figures.size(); ++c) {
      const double right = left_ + column * static_cast<double>(c + 1) - 12;
      const double first = y_ + kHeaderLeading * static_cast<double>(labels[c].size() - 1);
      for (std::size_t i = 0; i < labels[c].size(); ++i) {
        pages_.back().texts.push_back({right, first - kHeaderLeading * static_cast<double>(i),
                                       kTableSize, labels[c][i], Align::kRight});
      }
    }
    Down(3);
    Rule(0.8);
    Down(kFactLeading);
    for (std::size_t c = 0; c < figures.size(); ++c) {
      const double right = left_ + column * static_cast<double>(c + 1) - 12;
      const auto& value = figures[c].second;
      Text(right, AmountSize(value, column - 12, kFactSize), value, Align::kRight);
    }
  }

  void TableHeader() {
    std::vector<std::vector<std::string>> titles;
    std::size_t lines = 1;
    for (std::size_t c = 0; c < text_.columns.size() && c < column_left_.size(); ++c) {
      titles.push_back(WrapText(text_.columns[c], CellWidth(c), kTableSize, measure_));
      lines = std::max(lines, titles.back().size());
    }
    Down(kHeaderLeading * static_cast<double>(lines));
    for (std::size_t c = 0; c < titles.size(); ++c) {
      // Titles sit on the rule, their last line level with the others' last line.
      const double first = y_ + kHeaderLeading * static_cast<double>(titles[c].size() - 1);
      for (std::size_t i = 0; i < titles[c].size(); ++i) {
        const double y = first - kHeaderLeading * static_cast<double>(i);
        const bool amount = IsAmountColumn(c);
        pages_.back().texts.push_back({amount ? CellRight(c) : CellLeft(c), y, kTableSize,
                                       titles[c][i], amount ? Align::kRight : Align::kLeft});
      }
    }
    Down(3);
    Rule(0.8);
  }

  void TableRow(const std::vector<std::string>& cells, bool totals) {
    if (Need(kTableLeading + (totals ? 3 : 0))) TableHeader();
    if (totals) {
      Down(3);
      Rule(0.8);
    }
    Down(kTableLeading);
    for (std::size_t c = 0; c < cells.size() && c < column_left_.size(); ++c) {
      if (cells[c].empty()) continue;
      if (IsAmountColumn(c)) {
        Text(CellRight(c), AmountSize(cells[c], CellWidth(c), kTableSize), cells[c], Align::kRight);
      } else if (totals && c == 0) {
        // The totals label may use the employer column too, which is empty on that row.
        Text(column_left_[c], kTableSize,
             FitText(cells[c], column_right_[1] - column_left_[0] - kCellPadding, kTableSize,
                     measure_));
      } else {
        Text(CellLeft(c), kTableSize, FitText(cells[c], CellWidth(c), kTableSize, measure_));
      }
    }
  }

  std::vector<LayoutPage> Finish() {
    const std::string pages = std::to_string(pages_.size());
    for (std::size_t i = 0; i < pages_.size(); ++i) {
      auto& page = pages_[i];
      const double rule_y = size_.margin + 2 * kFooterLeading + 2;
      page.lines.push_back({left_, rule_y, right_, rule_y, 0.5});
      const std::string page_of =
          Replace(Replace(text_.page_of, "{{page}}", std::to_string(i + 1)), "{{pages}}", pages);
      const double page_of_width = measure_(page_of, kFooterSize);
      double y = rule_y - kFooterLeading;
      page.texts.push_back({right_, y, kFooterSize, page_of, Align::kRight});
      auto lines = WrapText(text_.footer, width() - page_of_width - 24, kFooterSize, measure_);
      for (std::size_t l = 0; l < lines.size() && l < 2; ++l) {
        page.texts.push_back({left_, y, kFooterSize, lines[l], Align::kLeft});
        y -= kFooterLeading;
      }
    }
    return std::move(pages_);
  }

 private:
  void NewPage() {
    pages_.emplace_back();
    y_ = size_.height - size_.margin;
  }

  // Text after a right-aligned amount starts a little further in, so the two never touch.
  double CellLeft(std::size_t c) const {
    return column_left_[c] + (c > 0 && IsAmountColumn(c - 1) ? kCellPadding : 0);
  }
  double CellWidth(std::size_t c) const { return column_right_[c] - CellLeft(c) - kCellPadding; }
  double CellRight(std::size_t c) const { return column_right_[c] - kCellPadding; }

  // The size at which `amount` fits in `width`: `size`, or smaller. Figures are never cut.
  double AmountSize(const std::string& amount, double width, double size) const {
    const double w = measure_(amount, size);
    return w <= width ? size : size * width / w;
  }

  const StatementText& text_;
  const Measure& measure_;
  PageSize size_;
  double left_ = 0, right_ = 0, bottom_ = 0, y_ = 0;
  std::vector<double> column_left_, column_right_;
  std::vector<LayoutPage> pages_;
};

}  // namespace

std::vector<std::string> WrapText(std::string_view text, double width, double size,
                                  const Measure& measure) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t at = 0;
  while (at <= text.size()) {
    const std::size_t space = std::min(text.find(' ', at), text.size());
    const std::string_view word = text.substr(at, space - at);
    at = space + 1;
    if (word.empty()) continue;
    const std::string joined = line.empty() ? std::string(word) : line + " " + std::string(word);
    if (measure(joined, size) <= width) {
      line = joined;
      continue;
    }
    if (!line.empty()) lines.push_back(std::move(line));
    line.clear();
    if (measure(word, size) <= width) {
      line = std::string(word);
      continue;
    }
    // A word wider than a whole line: break it between characters.
    for (std::string_view c : Characters(word)) {
      const std::string longer = line + std::string(c);
      if (!line.empty() && measure(longer, size) > width) {
        lines.push_back(std::move(line));
        line = std::string(c);
      } else {
        line = longer;
      }
    }
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

std::string FitText(std::string_view text, double width, double size, const Measure& measure) {
  if (measure(text, size) <= width) return std::string(text);
  const std::string ellipsis = "…";
  std::string out;
  for (std::string_view c : Characters(text)) {
    if (measure(out + std::string(c) + ellipsis, size) > width) break;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + ellipsis;
}

std::vector<LayoutPage> LayOutStatement(const StatementText& text, const Measure& measure,
                                        PageSize size) {
  Pages pages(text, measure, size);
  const double left = size.margin;
  // The issuer, then what the statement is and whose.
  pages.Down(16);
  pages.Text(left, 16, FitText(text.fund_name, pages.width(), 16, measure));
  pages.Down(13);
  pages.Text(left, 9, FitText(text.web_address, pages.width(), 9, measure));
  pages.Down(8);
  pages.Rule(0.8);
  pages.Heading(text.title, 14, 12);
  pages.Facts(text.facts, 2, 110);

  pages.Heading(text.months_heading, 11, 12);
  pages.TableHeader();
  for (const auto& row : text.rows) pages.TableRow(row, false);
  pages.TableRow(text.totals, true);
  pages.Down(4);
  for (const auto& note : text.months_notes) {
    pages.Down(2);
    pages.Paragraph(note, kTextSize, kTextLeading);
  }

  pages.Heading(text.ledger_heading, 11, 12);
  pages.Figures(text.ledger);
  pages.Down(4);
  for (const auto& note : text.ledger_notes) {
    pages.Down(2);
    pages.Paragraph(note, kTextSize, kTextLeading);
  }
  return pages.Finish();
}

}  // namespace lumbung::statements
