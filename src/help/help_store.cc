#include "help/help_store.h"

#include <soci/soci.h>

#include "core/db/row_value.h"
#include "core/db/transaction.h"
#include "help/article_markup.h"
#include "help/search_query.h"
#include "help/suggest.h"

namespace lumbung::help {
namespace {

bool IsPostgres(soci::session& sql) {
  return sql.get_backend_name() == "postgresql";
}

// The text search configuration of a language (migration 0036): the stemmer behind unaccent.
std::string TsConfig(std::string_view lang) {
  return lang == "en" ? "help_en" : "help_id";
}

std::string Lang(std::string_view lang) {
  return lang == "en" ? "en" : "id";
}

struct Ranked {
  std::int64_t text_id = 0;
  std::string href, title, summary, title_marked, snippet_marked;
};

// SQLite: FTS5 MATCH ranked by bm25 (title weighs most). highlight() and snippet() are in the
// same query: SQLite computes them only for the rows the LIMIT keeps (measured: one query is
// cheaper than ranking first and marking the page's rows after).
std::vector<Ranked> RankSqlite(soci::session& sql, const std::string& match,
                               const std::string& lang, int limit, bool marks) {
  std::vector<Ranked> out;
  if (match.empty()) return out;
  long long n = limit;
  const std::string marks_sql = marks ? "highlight(help_search, 0, char(1), char(2)), "
                                        "snippet(help_search, 2, char(1), char(2), '…', 24) "
                                      : "'', '' ";
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT t.id, tp.slug, a.slug, t.title, t.summary, " + marks_sql +
                  "FROM help_search "
                  "JOIN help_article_texts t ON t.id = help_search.rowid "
                  "JOIN help_articles a ON a.id = t.article_id "
                  "JOIN help_topics tp ON tp.id = a.topic_id "
                  "WHERE help_search MATCH :q AND t.lang = :lang AND a.status = 'published' "
                  "ORDER BY bm25(help_search, 10.0, 4.0, 1.0), a.id LIMIT :n",
       soci::use(match), soci::use(lang), soci::use(n));
  for (const auto& row : rows) {
    Ranked r;
    r.text_id = db::RowInt(row, 0);
    r.href = ArticleHref(db::RowText(row, 1), db::RowText(row, 2));
    r.title = db::RowText(row, 3);
    r.summary = db::RowText(row, 4);
    r.title_marked = db::RowText(row, 5);
    r.snippet_marked = db::RowText(row, 6);
    out.push_back(std::move(r));
  }
  return out;
}

// PostgreSQL: the weighted tsvector against to_tsquery() of the cleaned words, ranked by
// ts_rank; ts_headline only for the rows returned (it re-parses the text).
std::vector<Ranked> RankPostgres(soci::session& sql, const std::string& tsquery,
                                 const std::string& lang, int limit, bool marks) {
  std::vector<Ranked> out;
  if (tsquery.empty()) return out;
  long long n = limit;
  // The language and its configuration are written into the statement, not bound: they are
  // one of two fixed values (Lang), and the planner must see the language to use that
  // language's partial GIN index.
  const std::string language = Lang(lang);
  const std::string cfg = "'" + TsConfig(language) + "'::regconfig";
  const std::string marks_sql =
      marks ? "ts_headline(" + cfg +
                  ", s.title, s.query, "
                  "'HighlightAll=true, StartSel=' || chr(1) || ', StopSel=' || chr(2)), "
                  "ts_headline(" +
                  cfg +
                  ", s.plain, s.query, "
                  "'MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, "
                  "FragmentDelimiter=\" … \", StartSel=' || chr(1) || ', StopSel=' || chr(2)) "
            : "'', '' ";
  const std::string query =
      "SELECT s.id, s.topic_slug, s.slug, s.title, s.summary, " + marks_sql +
      "FROM (SELECT t.id, tp.slug AS topic_slug, a.slug, t.title, t.summary, t.plain, q.query, "
      "ts_rank(t.search, q.query) AS rank, a.id AS article_id "
      "FROM help_article_texts t JOIN help_articles a ON a.id = t.article_id "
      "JOIN help_topics tp ON tp.id = a.topic_id, "
      "(SELECT to_tsquery(" +
      cfg +
      ", :q) AS query) q "
      "WHERE t.search @@ q.query AND t.lang = '" +
      language +
      "' AND a.status = 'published' "
      "ORDER BY rank DESC, a.id LIMIT :n) s ORDER BY s.rank DESC, s.article_id";
  soci::rowset<soci::row> rows = (sql.prepare << query, soci::use(tsquery, "q"), soci::use(n, "n"));
  for (const auto& row : rows) {
    Ranked r;
    r.text_id = db::RowInt(row, 0);
    r.href = ArticleHref(db::RowText(row, 1), db::RowText(row, 2));
    r.title = db::RowText(row, 3);
    r.summary = db::RowText(row, 4);
    r.title_marked = db::RowText(row, 5);
    r.snippet_marked = db::RowText(row, 6);
    out.push_back(std::move(r));
  }
  return out;
}

// PostgreSQL only: titles within a typo or two of what was typed (pg_trgm's word similarity,
// the GIN trigram index), for when the words themselves match nothing.
std::vector<Ranked> SimilarTitles(soci::session& sql, const std::string& typed,
                                  const std::string& lang, int limit) {
  std::vector<Ranked> out;
  long long n = limit;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT t.id, tp.slug, a.slug, t.title, t.summary "
                      "FROM help_article_texts t JOIN help_articles a ON a.id = t.article_id "
                      "JOIN help_topics tp ON tp.id = a.topic_id "
                      "WHERE :typed <% t.title AND t.lang = :lang AND a.status = 'published' "
                      "ORDER BY word_similarity(:typed2, t.title) DESC, a.id LIMIT :n",
       soci::use(typed, "typed"), soci::use(lang, "lang"), soci::use(typed, "typed2"),
       soci::use(n, "n"));
  for (const auto& row : rows) {
    Ranked r;
    r.text_id = db::RowInt(row, 0);
    r.href = ArticleHref(db::RowText(row, 1), db::RowText(row, 2));
    r.title = db::RowText(row, 3);
    r.summary = db::RowText(row, 4);
    r.title_marked = r.title;
    r.snippet_marked = r.summary;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<Ranked> Rank(soci::session& sql, const std::vector<std::string>& terms,
                         const std::string& lang, int limit, Match match, bool marks) {
  return IsPostgres(sql) ? RankPostgres(sql, TsQuery(terms, match), lang, limit, marks)
                         : RankSqlite(sql, Fts5Query(terms, match), lang, limit, marks);
}

std::vector<Listed> ListedFrom(soci::rowset<soci::row>& rows) {
  std::vector<Listed> out;
  for (const auto& row : rows) {
    Listed l;
    l.id = db::RowInt(row, 0);
    l.href = ArticleHref(db::RowText(row, 1), db::RowText(row, 2));
    l.title = db::RowText(row, 3);
    l.summary = db::RowText(row, 4);
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace

std::vector<Topic> LoadTopics(soci::session& sql) {
  std::vector<Topic> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, slug, position, name_id, name_en FROM help_topics "
                      "ORDER BY position, id");
  for (const auto& row : rows) {
    Topic t;
    t.id = db::RowInt(row, 0);
    t.slug = db::RowText(row, 1);
    t.position = static_cast<int>(db::RowInt(row, 2));
    t.name_id = db::RowText(row, 3);
    t.name_en = db::RowText(row, 4);
    out.push_back(std::move(t));
  }
  return out;
}

std::optional<Topic> FindTopic(soci::session& sql, std::string_view slug) {
  for (auto& topic : LoadTopics(sql)) {
    if (topic.slug == slug) return topic;
  }
  return std::nullopt;
}

std::int64_t PutTopic(soci::session& sql, const Topic& topic) {
  int position = topic.position;
  sql << "INSERT INTO help_topics (slug, position, name_id, name_en) VALUES (:s, :p, :i, :e) "
         "ON CONFLICT (slug) DO UPDATE SET position = excluded.position, "
         "name_id = excluded.name_id, name_en = excluded.name_en",
      soci::use(topic.slug), soci::use(position), soci::use(topic.name_id),
      soci::use(topic.name_en);
  long long id = 0;
  sql << "SELECT id FROM help_topics WHERE slug = :s", soci::use(topic.slug), soci::into(id);
  return id;
}

std::string ArticleHref(std::string_view topic_slug, std::string_view article_slug) {
  return "/help/" + std::string(topic_slug) + "/" + std::string(article_slug);
}

std::optional<StoredArticle> FindArticle(soci::session& sql, std::int64_t id) {
  long long article = id;
  StoredArticle a;
  long long topic = 0, yes = 0, no = 0, updated = 0;
  int position = 0;
  std::string status;
  sql << "SELECT a.topic_id, tp.slug, a.slug, a.status, a.position, a.helpful_yes, "
         "a.helpful_no, a.updated_at FROM help_articles a "
         "JOIN help_topics tp ON tp.id = a.topic_id WHERE a.id = :id",
      soci::into(topic), soci::into(a.topic_slug), soci::into(a.draft.slug), soci::into(status),
      soci::into(position), soci::into(yes), soci::into(no), soci::into(updated),
      soci::use(article);
  if (!sql.got_data()) return std::nullopt;
  a.id = id;
  a.draft.topic_id = topic;
  a.draft.published = status == "published";
  a.draft.position = position;
  a.helpful_yes = yes;
  a.helpful_no = no;
  a.updated_at = updated;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT lang, title, summary, body FROM help_article_texts "
                      "WHERE article_id = :id",
       soci::use(article));
  for (const auto& row : rows) {
    a.draft.texts[db::RowText(row, 0)] =
        ArticleText{db::RowText(row, 1), db::RowText(row, 2), db::RowText(row, 3)};
  }
  return a;
}

std::vector<ArticleRow> ListArticles(soci::session& sql) {
  std::vector<ArticleRow> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT a.id, a.slug, tp.slug, a.status, a.helpful_yes, a.helpful_no, "
                      "a.updated_at, ti.title, te.title FROM help_articles a "
                      "JOIN help_topics tp ON tp.id = a.topic_id "
                      "LEFT JOIN help_article_texts ti ON ti.article_id = a.id AND ti.lang = 'id' "
                      "LEFT JOIN help_article_texts te ON te.article_id = a.id AND te.lang = 'en' "
                      "ORDER BY tp.position, tp.id, a.position, a.id");
  for (const auto& row : rows) {
    ArticleRow r;
    r.id = db::RowInt(row, 0);
    r.slug = db::RowText(row, 1);
    r.topic_slug = db::RowText(row, 2);
    r.published = db::RowText(row, 3) == "published";
    r.helpful_yes = db::RowInt(row, 4);
    r.helpful_no = db::RowInt(row, 5);
    r.updated_at = db::RowInt(row, 6);
    r.title_id = db::RowText(row, 7);
    r.title_en = db::RowText(row, 8);
    out.push_back(std::move(r));
  }
  return out;
}

std::int64_t CountArticles(soci::session& sql) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM help_articles", soci::into(n);
  return n;
}

SaveResult SaveArticle(soci::session& sql, std::int64_t id, const ArticleDraft& draft,
                       std::optional<std::int64_t> editor, std::int64_t now) {
  long long topic = draft.topic_id, article = id, when = now;
  long long editor_id = editor.value_or(0);
  soci::indicator editor_ind = editor ? soci::i_ok : soci::i_null;
  int position = draft.position;
  const std::string status = draft.published ? "published" : "draft";
  long long found = 0;
  sql << "SELECT COUNT(*) FROM help_topics WHERE id = :t", soci::use(topic), soci::into(found);
  if (found == 0) return {SaveOutcome::kNoTopic, id};
  long long taken = 0;
  sql << "SELECT COUNT(*) FROM help_articles WHERE slug = :s AND id <> :id", soci::use(draft.slug),
      soci::use(article), soci::into(taken);
  if (taken > 0) return {SaveOutcome::kSlugTaken, id};
  if (id == 0) {
    sql << "INSERT INTO help_articles (topic_id, slug, status, position, updated_at, "
           "updated_by) VALUES (:t, :s, :st, :p, :u, :e) RETURNING id",
        soci::use(topic), soci::use(draft.slug), soci::use(status), soci::use(position),
        soci::use(when), soci::use(editor_id, editor_ind), soci::into(article);
  } else {
    soci::statement update =
        (sql.prepare << "UPDATE help_articles SET topic_id = :t, slug = :s, status = :st, "
                        "position = :p, updated_at = :u, updated_by = :e WHERE id = :id",
         soci::use(topic), soci::use(draft.slug), soci::use(status), soci::use(position),
         soci::use(when), soci::use(editor_id, editor_ind), soci::use(article));
    update.execute(true);
    if (update.get_affected_rows() == 0) return {SaveOutcome::kNotFound, id};
  }
  for (const auto& [lang, text] : draft.texts) {
    const std::string language(lang);
    const std::string plain = ArticlePlainText(text.body);
    sql << "INSERT INTO help_article_texts (article_id, lang, title, summary, body, plain) "
           "VALUES (:a, :l, :t, :s, :b, :p) ON CONFLICT (article_id, lang) DO UPDATE SET "
           "title = excluded.title, summary = excluded.summary, body = excluded.body, "
           "plain = excluded.plain",
        soci::use(article), soci::use(language), soci::use(text.title), soci::use(text.summary),
        soci::use(text.body), soci::use(plain);
  }
  return {SaveOutcome::kSaved, article};
}

std::optional<PublishedArticle> FindPublished(soci::session& sql, std::string_view topic_slug,
                                              std::string_view slug, std::string_view lang) {
  const std::string topic(topic_slug), article(slug), language = Lang(lang);
  PublishedArticle p;
  long long id = 0, yes = 0, no = 0, updated = 0;
  std::string name_id, name_en;
  sql << "SELECT a.id, a.slug, tp.slug, tp.name_id, tp.name_en, t.title, t.summary, t.body, "
         "a.helpful_yes, a.helpful_no, a.updated_at FROM help_articles a "
         "JOIN help_topics tp ON tp.id = a.topic_id "
         "JOIN help_article_texts t ON t.article_id = a.id AND t.lang = :lang "
         "WHERE a.slug = :slug AND tp.slug = :topic AND a.status = 'published'",
      soci::into(id), soci::into(p.slug), soci::into(p.topic_slug), soci::into(name_id),
      soci::into(name_en), soci::into(p.title), soci::into(p.summary), soci::into(p.body),
      soci::into(yes), soci::into(no), soci::into(updated), soci::use(language), soci::use(article),
      soci::use(topic);
  if (!sql.got_data()) return std::nullopt;
  p.id = id;
  p.topic_name = language == "en" ? name_en : name_id;
  p.helpful_yes = yes;
  p.helpful_no = no;
  p.updated_at = updated;
  return p;
}

std::vector<Listed> PublishedInTopic(soci::session& sql, std::int64_t topic_id,
                                     std::string_view lang) {
  long long topic = topic_id;
  const std::string language = Lang(lang);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT a.id, tp.slug, a.slug, t.title, t.summary FROM help_articles a "
                      "JOIN help_topics tp ON tp.id = a.topic_id "
                      "JOIN help_article_texts t ON t.article_id = a.id AND t.lang = :lang "
                      "WHERE a.topic_id = :t AND a.status = 'published' "
                      "ORDER BY a.position, a.id",
       soci::use(language), soci::use(topic));
  return ListedFrom(rows);
}

std::vector<Listed> Popular(soci::session& sql, std::string_view lang, int limit) {
  long long n = limit;
  const std::string language = Lang(lang);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT a.id, tp.slug, a.slug, t.title, t.summary FROM help_articles a "
                      "JOIN help_topics tp ON tp.id = a.topic_id "
                      "JOIN help_article_texts t ON t.article_id = a.id AND t.lang = :lang "
                      "WHERE a.status = 'published' "
                      "ORDER BY a.helpful_yes - a.helpful_no DESC, tp.position, a.position, a.id "
                      "LIMIT :n",
       soci::use(language), soci::use(n));
  return ListedFrom(rows);
}

VoteOutcome RecordVote(soci::session& sql, std::int64_t article_id, const std::string& voter,
                       bool helpful, std::int64_t now) {
  auto tx = db::Transaction::ForWriting(sql);
  long long article = article_id, when = now;
  int answer = helpful ? 1 : 0;
  long long published = 0;
  sql << "SELECT COUNT(*) FROM help_articles WHERE id = :a AND status = 'published'",
      soci::use(article), soci::into(published);
  if (published == 0) return VoteOutcome::kNoArticle;
  soci::statement insert =
      (sql.prepare << "INSERT INTO help_votes (article_id, voter, helpful, voted_at) "
                      "VALUES (:a, :v, CAST(:h AS BOOLEAN), :w) ON CONFLICT DO NOTHING",
       soci::use(article), soci::use(voter), soci::use(answer), soci::use(when));
  insert.execute(true);
  if (insert.get_affected_rows() == 0) return VoteOutcome::kAlreadyVoted;
  if (helpful) {
    sql << "UPDATE help_articles SET helpful_yes = helpful_yes + 1 WHERE id = :a",
        soci::use(article);
  } else {
    sql << "UPDATE help_articles SET helpful_no = helpful_no + 1 WHERE id = :a", soci::use(article);
  }
  tx.Commit();
  return VoteOutcome::kCounted;
}

bool HasVoted(soci::session& sql, std::int64_t article_id, const std::string& voter) {
  long long article = article_id, n = 0;
  sql << "SELECT COUNT(*) FROM help_votes WHERE article_id = :a AND voter = :v", soci::use(article),
      soci::use(voter), soci::into(n);
  return n > 0;
}

std::vector<SearchHit> Search(soci::session& sql, std::string_view typed, std::string_view lang,
                              int limit) {
  std::vector<SearchHit> out;
  const std::vector<std::string> terms = SearchTerms(typed);
  if (terms.empty() || limit <= 0) return out;
  const std::string language = Lang(lang);
  std::vector<Ranked> ranked = Rank(sql, terms, language, limit, Match::kAll, true);
  if (ranked.empty() && terms.size() > 1) {
    ranked = Rank(sql, terms, language, limit, Match::kAny, true);
  }
  if (ranked.empty() && IsPostgres(sql)) {
    std::string words;
    for (const auto& term : terms) words += (words.empty() ? "" : " ") + term;
    ranked = SimilarTitles(sql, words, language, limit);
  }
  for (auto& r : ranked) {
    SearchHit hit;
    hit.href = std::move(r.href);
    hit.title = std::move(r.title);
    hit.summary = std::move(r.summary);
    hit.title_html = HighlightHtml(r.title_marked.empty() ? hit.title : r.title_marked);
    hit.snippet_html = HighlightHtml(r.snippet_marked);
    out.push_back(std::move(hit));
  }
  return out;
}

std::vector<ArticleLink> SuggestArticles(soci::session& sql, std::string_view text,
                                         std::string_view lang, int limit) {
  std::vector<ArticleLink> out;
  if (limit <= 0 || (lang != "id" && lang != "en")) return out;
  // Only the start of a long message: enough words to know what it is about.
  std::string_view head = text.substr(0, std::min<std::size_t>(text.size(), 4 * kMaxQueryChars));
  std::size_t chars = 0, cut = 0;
  while (cut < head.size() && chars < kMaxQueryChars) {
    ++cut;
    while (cut < head.size() && (static_cast<unsigned char>(head[cut]) & 0xC0) == 0x80) ++cut;
    ++chars;
  }
  const std::vector<std::string> terms = SearchTerms(head.substr(0, cut));
  if (terms.empty()) return out;
  for (auto& r : Rank(sql, terms, std::string(lang), limit, Match::kAny, false)) {
    out.push_back({std::move(r.title), std::move(r.href), std::move(r.summary)});
  }
  return out;
}

}  // namespace lumbung::help
