#include "help/article_check.h"

namespace lumbung::help {
namespace {

// Counts code points; -1 for invalid UTF-8 or a control character other than \n and \t.
long CountChecked(std::string_view s) {
  long chars = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (b < 0x80) {
      if ((b < 0x20 && b != '\n' && b != '\t') || b == 0x7f) return -1;
      len = 1;
      cp = b;
    } else if ((b & 0xE0) == 0xC0) {
      len = 2;
      cp = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      len = 3;
      cp = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      len = 4;
      cp = b & 0x07;
    } else {
      return -1;
    }
    if (i + len > s.size()) return -1;
    for (std::size_t k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return -1;
      cp = (cp << 6) | (c & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0x80 && cp < 0xA0)) {
      return -1;
    }
    i += len;
    ++chars;
  }
  return chars;
}

void CheckText(DraftProblems& problems, const std::string& field, std::string_view text,
               std::size_t max) {
  const long chars = CountChecked(text);
  if (chars < 0) {
    problems[field] = "characters";
  } else if (chars == 0) {
    problems[field] = "empty";
  } else if (static_cast<std::size_t>(chars) > max) {
    problems[field] = "too_long";
  }
}

}  // namespace

bool IsSlug(std::string_view slug) {
  if (slug.size() < 2 || slug.size() > kMaxSlugChars) return false;
  if (slug.front() == '-' || slug.back() == '-') return false;
  char previous = '\0';
  for (char c : slug) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && previous == '-')) return false;
    previous = c;
  }
  return true;
}

std::string CleanField(std::string_view typed, bool one_line) {
  std::string out;
  out.reserve(typed.size());
  for (std::size_t i = 0; i < typed.size(); ++i) {
    char c = typed[i];
    if (c == '\r') {
      if (i + 1 < typed.size() && typed[i + 1] == '\n') continue;
      c = '\n';
    }
    if (one_line && (c == '\n' || c == '\t')) c = ' ';
    out += c;
  }
  const auto first = out.find_first_not_of(" \t\n");
  if (first == std::string::npos) return "";
  const auto last = out.find_last_not_of(" \t\n");
  return out.substr(first, last - first + 1);
}

DraftProblems CheckDraft(const ArticleDraft& draft) {
  DraftProblems problems;
  if (draft.slug.empty()) {
    problems["slug"] = "empty";
  } else if (!IsSlug(draft.slug)) {
    problems["slug"] = "slug_format";
  }
  if (draft.topic_id <= 0) problems["topic"] = "topic";
  for (std::string_view lang : kLanguages) {
    const std::string suffix = "_" + std::string(lang);
    const auto found = draft.texts.find(lang);
    const ArticleText empty;
    const ArticleText& text = found == draft.texts.end() ? empty : found->second;
    CheckText(problems, "title" + suffix, text.title, kMaxTitleChars);
    CheckText(problems, "summary" + suffix, text.summary, kMaxSummaryChars);
    CheckText(problems, "body" + suffix, text.body, kMaxBodyChars);
  }
  return problems;
}

}  // namespace lumbung::help
