// The starter set: the articles a new portal opens with, kept as files in src/help/starter/
// (docs/help.md) and loaded into the database when it has no article yet, at server start.
//
// topics.txt: one topic a line, "slug | position | name in Indonesian | name in English";
// blank lines and lines starting with '#' are skipped.
// <slug>.<lang>.txt (lang id or en), one file per article per language:
//   topic: akun
//   position: 1
//   status: published
//   title: Cara membuat akun
//   summary: One line shown under the title in lists and search results.
//   (a blank line)
//   the body in the help markup (article_markup.h)
// Both languages of an article must exist and name the same topic, position and status.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "help/article_check.h"
#include "help/help_store.h"

namespace soci {
class session;
}

namespace lumbung::help {

// Throws std::invalid_argument naming the line for a malformed line or a position that is no
// number.
std::vector<Topic> ParseTopics(std::string_view text);

struct StarterText {
  std::string topic;
  int position = 0;
  bool published = true;
  ArticleText text;
};
// One article file. Throws std::invalid_argument for a missing header field, an unknown one, a
// status other than published/draft or a missing blank line before the body.
StarterText ParseStarterText(std::string_view file_text);

struct StarterArticle {
  std::string slug, topic;
  ArticleDraft draft;  // topic_id left 0
};
// Reads topics.txt and every article file of `dir`; throws std::runtime_error naming the file
// for an unreadable or malformed file, an article in one language only, languages that
// disagree, a draft that CheckDraft refuses or a topic that topics.txt lacks.
std::vector<StarterArticle> ReadStarterSet(const std::filesystem::path& dir,
                                           std::vector<Topic>& topics);

// When the database has no article: loads the starter set of `dir` in one write transaction
// (the check and the load together, so two servers starting at once load it once). Returns the
// number of articles loaded (0 when there were articles already).
int LoadStarterIfEmpty(soci::session& sql, const std::filesystem::path& dir);

}  // namespace lumbung::help
