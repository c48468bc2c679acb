// The help centre's storage: topics, articles in both languages, "was this helpful?" votes and
// the full-text search on each database (docs/help.md): SQLite's FTS5 table help_search (bm25,
// snippet/highlight), PostgreSQL's weighted tsvector (ts_rank, ts_headline) with a pg_trgm
// fallback for typos in titles. Migration: migrations/0036_help*.sql.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "help/article_check.h"

namespace soci {
class session;
}

namespace lumbung::help {

struct Topic {
  std::int64_t id = 0;
  std::string slug;
  int position = 0;
  std::string name_id, name_en;
  const std::string& Name(std::string_view lang) const { return lang == "en" ? name_en : name_id; }
};

// Every topic, in their order.
std::vector<Topic> LoadTopics(soci::session& sql);
std::optional<Topic> FindTopic(soci::session& sql, std::string_view slug);
// Adds a topic or, when the slug exists, changes its names and place. Returns its id.
std::int64_t PutTopic(soci::session& sql, const Topic& topic);

// "/help/<topic>/<article>": the one address of an article, whatever the language.
std::string ArticleHref(std::string_view topic_slug, std::string_view article_slug);

// An article as the editor sees it.
struct StoredArticle {
  std::int64_t id = 0;
  ArticleDraft draft;
  std::string topic_slug;
  std::int64_t helpful_yes = 0, helpful_no = 0;
  std::int64_t updated_at = 0;
};
std::optional<StoredArticle> FindArticle(soci::session& sql, std::int64_t id);

// A line of the editor's list.
struct ArticleRow {
  std::int64_t id = 0;
  std::string slug, topic_slug, title_id, title_en;
  bool published = false;
  std::int64_t helpful_yes = 0, helpful_no = 0, updated_at = 0;
};
// Every article, drafts included, by topic and place.
std::vector<ArticleRow> ListArticles(soci::session& sql);
// How many articles there are (drafts included).
std::int64_t CountArticles(soci::session& sql);

enum class SaveOutcome { kSaved, kSlugTaken, kNotFound, kNoTopic };
struct SaveResult {
  SaveOutcome outcome = SaveOutcome::kSaved;
  std::int64_t id = 0;
};
// Stores a checked draft (CheckDraft found nothing) as a new article (`id` 0) or over article
// `id`, with the plain text search reads. Call inside the caller's write transaction (the
// caller appends the audit row to it); nothing is written unless kSaved.
SaveResult SaveArticle(soci::session& sql, std::int64_t id, const ArticleDraft& draft,
                       std::optional<std::int64_t> editor, std::int64_t now);

// A published article in one language, for its page.
struct PublishedArticle {
  std::int64_t id = 0;
  std::string slug, topic_slug, topic_name;
  std::string title, summary, body;
  std::int64_t helpful_yes = 0, helpful_no = 0, updated_at = 0;
};
std::optional<PublishedArticle> FindPublished(soci::session& sql, std::string_view topic_slug,
                                              std::string_view slug, std::string_view lang);

// A published article in a list: its title, summary and address.
struct Listed {
  std::int64_t id = 0;
  std::string title, summary, href;
};
std::vector<Listed> PublishedInTopic(soci::session& sql, std::int64_t topic_id,
                                     std::string_view lang);
// The `limit` published articles most found helpful (yes minus no), then by topic and place.
std::vector<Listed> Popular(soci::session& sql, std::string_view lang, int limit);

enum class VoteOutcome { kCounted, kAlreadyVoted, kNoArticle };
// Counts one answer of `voter` (an opaque, already hashed visitor key) for a published article;
// a second answer by the same voter changes nothing. Opens its own write transaction.
VoteOutcome RecordVote(soci::session& sql, std::int64_t article_id, const std::string& voter,
                       bool helpful, std::int64_t now);
bool HasVoted(soci::session& sql, std::int64_t article_id, const std::string& voter);

struct SearchHit {
  std::string href, title, summary;
  std::string title_html;    // the title, escaped, matched words in <mark>
  std::string snippet_html;  // a passage of the body around the matches, likewise
};
// The published articles in `lang` matching `typed` (SearchTerms; CheckQuery first), best
// first, at most `limit`: every word (as a prefix) if any article has them all, else any of
// them; on PostgreSQL, titles within a typo of the words when nothing else matches.
std::vector<SearchHit> Search(soci::session& sql, std::string_view typed, std::string_view lang,
                              int limit);

}  // namespace lumbung::help
