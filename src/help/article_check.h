// What a content editor may save as an article: checks of the editor form, pure. Every problem
// is found at once and named by the field it is about, so the form can show each beside its
// field. Whether the slug is taken by another article is for the store to say.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace lumbung::help {

inline constexpr std::size_t kMaxSlugChars = 80;
inline constexpr std::size_t kMaxTitleChars = 150;
inline constexpr std::size_t kMaxSummaryChars = 300;
inline constexpr std::size_t kMaxBodyChars = 50000;

// The two languages every article is written in, in the order forms show them.
inline constexpr std::string_view kLanguages[] = {"id", "en"};

struct ArticleText {
  std::string title, summary, body;
  bool operator==(const ArticleText&) const = default;
};

// The editor form as submitted (and as stored, once checked).
struct ArticleDraft {
  std::int64_t topic_id = 0;
  std::string slug;
  bool published = false;
  int position = 0;
  std::map<std::string, ArticleText, std::less<>> texts;  // by language: "id", "en"
  bool operator==(const ArticleDraft&) const = default;
};

// Field name ("slug", "topic", "title_id", "body_en", ...) -> problem, the last part of the
// catalog id "help.editor.error.<problem>" (empty, too_long, slug_format, characters, ...).
using DraftProblems = std::map<std::string, std::string>;

// "jht-withdrawal": 2..80 of a-z, 0-9 and single dashes, starting and ending with a letter or
// digit.
bool IsSlug(std::string_view slug);

// `typed` cleaned the way it is stored: \r\n and \r become \n, spaces trimmed at both ends (for
// a one-line field, also every line break and tab becomes a space).
std::string CleanField(std::string_view typed, bool one_line);

// The problems of `draft` (its texts already cleaned with CleanField): an empty or too long
// title, summary or body; invalid UTF-8 or control characters other than line breaks and tabs
// (the search's highlight markers are control characters); a malformed slug; no topic. Both
// languages are required.
DraftProblems CheckDraft(const ArticleDraft& draft);

}  // namespace lumbung::help
