#include "help/article_markup.h"

#include <vector>

namespace lumbung::help {
namespace {

enum class Kind { kHeading, kSubheading, kParagraph, kItem };

// One block of the body, as the parser found it; the emitters below turn blocks into HTML or
// plain text, so the two never disagree about what the markup means.
struct Block {
  Kind kind = Kind::kParagraph;
  std::string text;  // still unescaped markup (links), placeholders unfilled
  int depth = 0;     // items: 0 for a top-level list
  bool ordered = false;
};

int IndentOf(std::string_view line) {
  int indent = 0;
  for (char c : line) {
    if (c == ' ') {
      ++indent;
    } else if (c == '\t') {
      indent += 4;
    } else {
      break;
    }
  }
  return indent;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// "- text", "* text", "12. text", "3) text": the item's text; nullopt-like false otherwise.
bool ItemOf(std::string_view trimmed, bool& ordered, std::string_view& text) {
  if (trimmed.size() >= 2 && (trimmed[0] == '-' || trimmed[0] == '*') && trimmed[1] == ' ') {
    ordered = false;
    text = Trim(trimmed.substr(2));
    return true;
  }
  if (trimmed == "-" || trimmed == "*") {
    ordered = false;
    text = {};
    return true;
  }
  std::size_t digits = 0;
  while (digits < trimmed.size() && digits < 9 && trimmed[digits] >= '0' &&
         trimmed[digits] <= '9') {
    ++digits;
  }
  if (digits > 0 && digits + 1 < trimmed.size() &&
      (trimmed[digits] == '.' || trimmed[digits] == ')') && trimmed[digits + 1] == ' ') {
    ordered = true;
    text = Trim(trimmed.substr(digits + 2));
    return true;
  }
  return false;
}

std::vector<Block> Parse(std::string_view body) {
  std::vector<Block> blocks;
  std::vector<int> indents;  // the open lists' indents, outermost first
  bool in_paragraph = false;
  bool after_blank = false;
  std::size_t start = 0;
  while (start <= body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view line = body.substr(start, end - start);
    start = end + 1;
    const std::string_view trimmed = Trim(line);
    if (trimmed.empty()) {
      in_paragraph = false;
      after_blank = true;
      continue;
    }
    const int indent = IndentOf(line);
    bool ordered = false;
    std::string_view item_text;
    if (trimmed[0] == '#') {
      std::size_t level = 0;
      while (level < trimmed.size() && trimmed[level] == '#') ++level;
      if (level < trimmed.size() && trimmed[level] == ' ') {
        const std::string_view text = Trim(trimmed.substr(level));
        if (!text.empty()) {
          blocks.push_back({level == 1 ? Kind::kHeading : Kind::kSubheading, std::string(text)});
        }
        indents.clear();
        in_paragraph = false;
        after_blank = false;
        continue;
      }
    }
    if (ItemOf(trimmed, ordered, item_text)) {
      int depth = 0;
      if (!indents.empty()) {
        // Close the lists this item is not inside, then nest when it is indented further.
        while (indents.size() > 1 && indent < indents.back()) indents.pop_back();
        if (indent >= indents.back() + 2 && static_cast<int>(indents.size()) < kMaxListDepth) {
          indents.push_back(indent);
        }
        depth = static_cast<int>(indents.size()) - 1;
      } else {
        indents.push_back(indent);
      }
      blocks.push_back({Kind::kItem, std::string(item_text), depth, ordered});
      in_paragraph = false;
      after_blank = false;
      continue;
    }
    if (!indents.empty() && !after_blank && indent > 0 && !blocks.empty() &&
        blocks.back().kind == Kind::kItem) {
      // An indented line under an item continues it.
      blocks.back().text += ' ';
      blocks.back().text += trimmed;
      continue;
    }
    if (in_paragraph && !blocks.empty() && blocks.back().kind == Kind::kParagraph) {
      blocks.back().text += ' ';
      blocks.back().text += trimmed;
    } else {
      blocks.push_back({Kind::kParagraph, std::string(trimmed)});
    }
    indents.clear();
    in_paragraph = true;
    after_blank = false;
  }
  return blocks;
}

// Calls text(segment) for plain text and link(text, href) for each link whose target, once
// filled, is allowed; a malformed or refused link is text as it was written.
template <typename Text, typename Link>
void Inline(std::string_view s, const Placeholders& values, Text text, Link link) {
  std::size_t plain_from = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '[') {
      ++i;
      continue;
    }
    const std::size_t close = s.find(']', i + 1);
    if (close == std::string_view::npos || close + 1 >= s.size() || s[close + 1] != '(') {
      ++i;
      continue;
    }
    const std::size_t paren = s.find(')', close + 2);
    const std::string_view label = s.substr(i + 1, close - i - 1);
    if (paren == std::string_view::npos || label.empty() ||
        label.find('[') != std::string_view::npos) {
      ++i;
      continue;
    }
    const std::string href = FillPlaceholders(s.substr(close + 2, paren - close - 2), values);
    if (!IsAllowedHref(href)) {
      ++i;
      continue;
    }
    if (i > plain_from) text(FillPlaceholders(s.substr(plain_from, i - plain_from), values));
    link(FillPlaceholders(label, values), href);
    i = paren + 1;
    plain_from = i;
  }
  if (plain_from < s.size()) text(FillPlaceholders(s.substr(plain_from), values));
}

std::string InlineHtml(std::string_view s, const Placeholders& values) {
  std::string out;
  Inline(
      s, values, [&](const std::string& t) { out += EscapeHtml(t); },
      [&](const std::string& label, const std::string& href) {
        out += "<a href=\"" + EscapeHtml(href) + "\">" + EscapeHtml(label) + "</a>";
      });
  return out;
}

std::string InlinePlain(std::string_view s, const Placeholders& values) {
  std::string out;
  Inline(
      s, values, [&](const std::string& t) { out += t; },
      [&](const std::string& label, const std::string&) { out += label; });
  return out;
}

}  // namespace

bool IsAllowedHref(std::string_view href) {
  for (unsigned char c : href) {
    if (c <= 0x20 || c == 0x7f || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' ||
        c == '`') {
      return false;
    }
  }
  if (href.size() >= 1 && href[0] == '/') {
    return href.size() == 1 || (href[1] != '/');
  }
  constexpr std::string_view kHttps = "https://";
  if (href.substr(0, kHttps.size()) != kHttps || href.size() == kHttps.size()) return false;
  const char first = href[kHttps.size()];
  return first != '/' && first != '@' && first != ':' && first != '?' && first != '#';
}

std::string FillPlaceholders(std::string_view text, const Placeholders& values) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '{') {
      const std::size_t close = text.find('}', i + 1);
      if (close != std::string_view::npos) {
        const auto found = values.find(text.substr(i + 1, close - i - 1));
        if (found != values.end()) {
          out += found->second;
          i = close + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

std::string RenderArticleHtml(std::string_view body, const Placeholders& values) {
  std::string out;
  std::vector<bool> lists;  // the open lists, outermost first: ordered or not
  const auto close_lists_to = [&](std::size_t depth) {
    while (lists.size() > depth) {
      out += lists.back() ? "</li>\n</ol>" : "</li>\n</ul>";
      lists.pop_back();
      out += lists.empty() ? "\n" : "";
    }
  };
  for (const Block& block : Parse(body)) {
    if (block.kind != Kind::kItem) close_lists_to(0);
    switch (block.kind) {
      case Kind::kHeading:
        out += "<h2>" + InlineHtml(block.text, values) + "</h2>\n";
        break;
      case Kind::kSubheading:
        out += "<h3>" + InlineHtml(block.text, values) + "</h3>\n";
        break;
      case Kind::kParagraph:
        out += "<p>" + InlineHtml(block.text, values) + "</p>\n";
        break;
      case Kind::kItem: {
        const std::size_t depth = static_cast<std::size_t>(block.depth);
        close_lists_to(depth + 1);
        if (lists.size() == depth + 1 && lists.back() != block.ordered) close_lists_to(depth);
        if (lists.size() == depth + 1) {
          out += "</li>\n<li>";
        } else {
          // The parser never skips a level: this opens the list one deeper (or the first).
          out += lists.empty() ? "" : "\n";
          out += block.ordered ? "<ol>\n<li>" : "<ul>\n<li>";
          lists.push_back(block.ordered);
        }
        out += InlineHtml(block.text, values);
        break;
      }
    }
  }
  close_lists_to(0);
  return out;
}

std::string ArticlePlainText(std::string_view body, const Placeholders& values) {
  std::string out;
  for (const Block& block : Parse(body)) {
    if (!out.empty()) out += '\n';
    out += InlinePlain(block.text, values);
  }
  return out;
}

}  // namespace lumbung::help
