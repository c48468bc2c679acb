// Help-centre articles that answer what a member is about to ask: another feature (support
// conversations) shows a few of them before the member sends a message, so that the common
// questions are answered by the article rather than by a member of staff.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace soci {
class session;
}

namespace lumbung::help {

struct ArticleLink {
  std::string title;    // the article's title in the asked language, plain text (not escaped)
  std::string href;     // the article's page, a local path such as "/help/akun/lupa-kata-sandi"
  std::string summary;  // the article's one-line summary, plain text (not escaped)
};

// The `limit` published articles in `lang` ("id" or "en") most relevant to `text`, best first
// (the database's full-text ranking: bm25 on SQLite, ts_rank on PostgreSQL); empty when nothing
// matches, when `text` has no searchable word, or when `limit` <= 0. `text` may be anything a
// member typed (punctuation, quotes and query operators are taken as plain words); only its
// first 200 characters are used. Other languages than "id"/"en" give an empty list.
std::vector<ArticleLink> SuggestArticles(soci::session& sql, std::string_view text,
                                         std::string_view lang, int limit);

}  // namespace lumbung::help
