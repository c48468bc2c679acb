#include "help/search_query.h"

#include <algorithm>
#include <cstdint>

#include "help/article_markup.h"

namespace lumbung::help {
namespace {

// Decodes one UTF-8 code point at `i`; returns its length, 0 for invalid UTF-8.
std::size_t DecodeOne(std::string_view s, std::size_t i, std::uint32_t& cp) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t len = 0;
  if (b < 0x80) {
    cp = b;
    return 1;
  } else if ((b & 0xE0) == 0xC0) {
    cp = b & 0x1F;
    len = 2;
  } else if ((b & 0xF0) == 0xE0) {
    cp = b & 0x0F;
    len = 3;
  } else if ((b & 0xF8) == 0xF0) {
    cp = b & 0x07;
    len = 4;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3F);
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
      cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return len;
}

// Letters and digits: ASCII alphanumerics and every code point from Latin-1's letters up,
// except the punctuation, spaces and symbols blocks a visitor is likely to type.
bool IsWordCodePoint(std::uint32_t cp) {
  if (cp < 0x80) {
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  }
  if (cp < 0xC0) return false;                     // Latin-1 punctuation and symbols
  if (cp == 0xD7 || cp == 0xF7) return false;      // × ÷
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols, arrows, ...
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if (cp >= 0xFE00 && cp <= 0xFE0F) return false;  // variation selectors
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;  // full-width punctuation
  if (cp >= 0x1F000) return false;                 // emoji and pictographs
  return true;
}

}  // namespace

QueryProblem CheckQuery(std::string_view typed) {
  std::size_t chars = 0;
  for (unsigned char c : typed) {
    if ((c & 0xC0) != 0x80) ++chars;
  }
  if (chars > kMaxQueryChars) return QueryProblem::kTooLong;
  return SearchTerms(typed).empty() ? QueryProblem::kEmpty : QueryProblem::kNone;
}

std::vector<std::string> SearchTerms(std::string_view typed) {
  std::vector<std::string> terms;
  std::string word;
  const auto finish = [&] {
    if (!word.empty() && std::find(terms.begin(), terms.end(), word) == terms.end() &&
        terms.size() < kMaxQueryTerms) {
      terms.push_back(word);
    }
    word.clear();
  };
  std::size_t i = 0;
  while (i < typed.size()) {
    std::uint32_t cp = 0;
    const std::size_t len = DecodeOne(typed, i, cp);
    if (len == 0) {
      finish();
      ++i;
      continue;
    }
    if (IsWordCodePoint(cp)) {
      if (len == 1) {
        char c = typed[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        word += c;
      } else {
        word.append(typed.substr(i, len));
      }
    } else {
      finish();
    }
    i += len;
  }
  finish();
  return terms;
}

std::string Fts5Query(const std::vector<std::string>& terms, Match match) {
  std::string out;
  for (const auto& term : terms) {
    if (!out.empty()) out += match == Match::kAll ? " " : " OR ";
    // A term holds no '"' (SearchTerms), but doubling is FTS5's escape: keep it correct anyway.
    out += '"';
    for (char c : term) {
      out += c;
      if (c == '"') out += '"';
    }
    out += "\"*";
  }
  return out;
}

std::string TsQuery(const std::vector<std::string>& terms, Match match) {
  std::string out;
  for (const auto& term : terms) {
    if (!out.empty()) out += match == Match::kAll ? " & " : " | ";
    out += '\'';
    for (char c : term) {
      if (c == '\'' || c == '\\') continue;
      out += c;
    }
    out += "':*";
  }
  return out;
}

std::string HighlightHtml(std::string_view marked) {
  std::string out;
  bool open = false;
  std::size_t from = 0;
  for (std::size_t i = 0; i <= marked.size(); ++i) {
    const bool at_end = i == marked.size();
    const char c = at_end ? '\0' : marked[i];
    if (!at_end && c != kMarkStart && c != kMarkEnd) continue;
    out += EscapeHtml(marked.substr(from, i - from));
    from = i + 1;
    if (at_end) break;
    if (c == kMarkStart && !open) {
      // Only open when a matching end follows, so that no <mark> is left unclosed.
      if (marked.find(kMarkEnd, i + 1) != std::string_view::npos) {
        out += "<mark>";
        open = true;
      }
    } else if (c == kMarkEnd && open) {
      out += "</mark>";
      open = false;
    }
  }
  if (open) out += "</mark>";
  return out;
}

}  // namespace lumbung::help
