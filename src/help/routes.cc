#include "help/routes.h"

#include <soci/soci.h>

#include <chrono>
#include <memory>

#include "core/audit/audit_log.h"
#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/http/url.h"
#include "core/i18n/day_text.h"
#include "core/i18n/fund_time.h"
#include "core/security/digest.h"
#include "core/view/page.h"
#include "help/article_check.h"
#include "help/article_markup.h"
#include "help/help_store.h"
#include "help/search_query.h"
#include "help/starter.h"

namespace lumbung::help {
namespace {

using view::mustache::data;

constexpr int kResultsShown = 10;
constexpr int kPopularShown = 5;
// The article the scam warning on /help leads to (a starter article; editors keep the slug).
constexpr std::string_view kSafetyArticle = "/help/keamanan/penipuan-dan-alamat-resmi";

struct Settings {
  Placeholders placeholders;  // {fund}, {url}, {phone}, {email}
  std::string contact_address;
};

Settings SettingsFrom(const config::Config& c) {
  Settings s;
  s.placeholders["fund"] = c.String("fund.name");
  s.placeholders["url"] =
      c.String("fund.web_address").empty() ? c.String("public.url") : c.String("fund.web_address");
  s.placeholders["phone"] = c.String("fund.phone");
  s.placeholders["email"] = c.String("fund.email");
  s.contact_address = c.String("fund.contact_address");
  return s;
}

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Value(const http::Fields& fields, std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (key == name) return value;
  }
  return "";
}

// The page with its <title> naming `heading` (an article's or topic's own title, which no
// catalog id holds): the layout wrote the catalog title of `title_id` there.
http::Response Titled(http::Response response, const view::Views& views, const std::string& lang,
                      const std::string& title_id, const std::string& heading) {
  const std::string generic = EscapeHtml(views.catalogs().Get(lang, title_id));
  const std::string open = "<title>" + generic;
  const std::size_t at = response.body.find(open);
  if (at != std::string::npos) {
    response.body.replace(at + 7, generic.size(), EscapeHtml(heading));
  }
  return response;
}

data ListData(const std::vector<Listed>& listed, const Settings& s) {
  data list{data::type::list};
  for (const auto& l : listed) {
    data item{data::type::object};
    item.set("href", l.href);
    item.set("title", FillPlaceholders(l.title, s.placeholders));
    item.set("summary", FillPlaceholders(l.summary, s.placeholders));
    list.push_back(item);
  }
  return list;
}

data SearchBox(const std::string& q, const std::string& error) {
  data search{data::type::object};
  search.set("q", q);
  if (!error.empty()) search.set("error", error);
  return search;
}

// A visitor's "was this helpful?" key: their session's (or pre-session's) CSRF secret, hashed
// with a purpose prefix, so the votes table holds nothing that identifies or authenticates them.
std::string VoterKey(const http::Request& request) {
  return security::Sha256Hex("lumbung help vote\n" + request.visitor.csrf_secret);
}

// ---------------------------------------------------------------------------------------------
// Public pages

http::Response IndexPage(http::Request& request, db::Database& database, const view::Views& views,
                         const Settings& s) {
  const std::string& lang = request.lang;
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  data page{data::type::object};
  page.set("search", SearchBox("", ""));
  data topics{data::type::list};
  for (const auto& topic : LoadTopics(sql)) {
    const auto articles = PublishedInTopic(sql, topic.id, lang);
    if (articles.empty()) continue;
    data t{data::type::object};
    t.set("slug", topic.slug);
    t.set("name", topic.Name(lang));
    t.set("articles", ListData(articles, s));
    topics.push_back(t);
  }
  page.set("topics", topics);
  const auto popular = Popular(sql, lang, kPopularShown);
  page.set("has_popular", !popular.empty());
  page.set("popular", ListData(popular, s));
  page.set("safety_href", std::string(kSafetyArticle));
  return view::Page(request, views, "help/index", "page.help.title", page);
}

http::Response SearchPage(http::Request& request, db::Database& database, const view::Views& views,
                          const Settings& s) {
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  const std::string q = request.Query("q").value_or("");
  data page{data::type::object};
  switch (CheckQuery(q)) {
    case QueryProblem::kTooLong: {
      const std::string error =
          t.Format(lang, "help.search.too_long", {{"max", std::to_string(kMaxQueryChars)}});
      page.set("search", SearchBox(q, error));
      return view::Page(request, views, "help/search", "help.search.title", page, 400);
    }
    case QueryProblem::kEmpty:
      page.set("search", SearchBox(q, ""));
      page.set("message", t.Get(lang, "help.search.empty"));
      return view::Page(request, views, "help/search", "help.search.title", page);
    case QueryProblem::kNone:
      break;
  }
  page.set("search", SearchBox(q, ""));
  std::vector<SearchHit> hits;
  {
    auto lease = database.Acquire();
    hits = Search(lease.session(), q, lang, kResultsShown);
  }
  data list{data::type::list};
  for (const auto& hit : hits) {
    data item{data::type::object};
    item.set("href", hit.href);
    // The placeholders' values are configuration, escaped like everything else.
    Placeholders escaped;
    for (const auto& [k, v] : s.placeholders) escaped[k] = EscapeHtml(v);
    item.set("title_html", FillPlaceholders(hit.title_html, escaped));
    item.set("snippet_html", FillPlaceholders(hit.snippet_html, escaped));
    list.push_back(item);
  }
  page.set("has_hits", !hits.empty());
  page.set("no_hits", hits.empty());
  page.set("hits", list);
  page.set("count_text",
           t.Format(lang, hits.size() == 1 ? "help.search.count_one" : "help.search.count",
                    {{"count", std::to_string(hits.size())}, {"query", q}}));
  page.set("none_text", t.Format(lang, "help.search.none", {{"query", q}}));
  return view::Page(request, views, "help/search", "help.search.title", page);
}

http::Response ContactPage(http::Request& request, const view::Views& views, const Settings& s) {
  data page{data::type::object};
  if (!s.contact_address.empty()) page.set("address", s.contact_address);
  return view::Page(request, views, "help/contact", "help.contact_page.title", page);
}

http::Response TopicPage(http::Request& request, db::Database& database, const view::Views& views,
                         const Settings& s) {
  const std::string& lang = request.lang;
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  const auto topic = FindTopic(sql, request.params["topic"]);
  if (!topic) return http::Response::Error(404);
  const auto articles = PublishedInTopic(sql, topic->id, lang);
  data page{data::type::object};
  page.set("topic", topic->Name(lang));
  page.set("has_articles", !articles.empty());
  page.set("articles", ListData(articles, s));
  page.set("search", SearchBox("", ""));
  return Titled(view::Page(request, views, "help/topic", "help.topic.title", page), views, lang,
                "help.topic.title", topic->Name(lang));
}

http::Response ArticlePage(http::Request& request, db::Database& database, const view::Views& views,
                           const Settings& s) {
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  const auto article = FindPublished(sql, request.params["topic"], request.params["article"], lang);
  if (!article) return http::Response::Error(404);
  const std::string title = FillPlaceholders(article->title, s.placeholders);
  data page{data::type::object};
  page.set("topic", article->topic_name);
  page.set("topic_slug", article->topic_slug);
  page.set("title", title);
  page.set("summary", FillPlaceholders(article->summary, s.placeholders));
  page.set("body", RenderArticleHtml(article->body, s.placeholders));
  page.set("updated_text",
           t.Format(lang, "help.article.updated",
                    {{"date", i18n::DayText(t, lang, i18n::FundDayIso(article->updated_at))}}));
  page.set("vote_action", ArticleHref(article->topic_slug, article->slug) + "/helpful");
  const bool voted =
      request.Query("voted").has_value() ||
      (!request.visitor.csrf_secret.empty() && HasVoted(sql, article->id, VoterKey(request)));
  page.set("voted", voted);
  return Titled(view::Page(request, views, "help/article", "help.article.title", page), views, lang,
                "help.article.title", title);
}

http::Response HelpfulPost(http::Request& request, db::Database& database) {
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  const std::string answer = Value(*fields, "helpful");
  if (answer != "yes" && answer != "no") return http::Response::Error(400);
  if (request.visitor.csrf_secret.empty()) return http::Response::Error(403);
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  // The language does not matter here: every published article has both.
  const auto article = FindPublished(sql, request.params["topic"], request.params["article"], "id");
  if (!article) return http::Response::Error(404);
  // Counted or not (a second answer), the visitor sees the same thanks.
  if (RecordVote(sql, article->id, VoterKey(request), answer == "yes", Now()) ==
      VoteOutcome::kNoArticle) {
    return http::Response::Error(404);
  }
  return http::Response::Redirect(ArticleHref(article->topic_slug, article->slug) +
                                  "?voted=1#helpful");
}

// ---------------------------------------------------------------------------------------------
// The content editor (/staff/help)

struct EditorForm {
  std::int64_t id = 0;  // 0: a new article
  ArticleDraft draft;
  std::string topic_value;  // as submitted
  DraftProblems problems;
  bool preview = false;
};

// The error summary's order: the form's order.
std::vector<std::string> FieldOrder() {
  std::vector<std::string> order = {"slug", "topic"};
  for (std::string_view lang : kLanguages) {
    for (const char* f : {"title", "summary", "body"})
      order.push_back(f + ("_" + std::string(lang)));
  }
  return order;
}

std::string ProblemText(const i18n::Catalogs& t, const std::string& lang, const std::string& field,
                        const std::string& problem) {
  if (problem == "too_long") {
    std::size_t max = kMaxBodyChars;
    if (field.rfind("title", 0) == 0) max = kMaxTitleChars;
    if (field.rfind("summary", 0) == 0) max = kMaxSummaryChars;
    return t.Format(lang, "help.editor.error.too_long", {{"max", std::to_string(max)}});
  }
  return t.Get(lang, "help.editor.error." + problem);
}

http::Response EditorFormPage(http::Request& request, soci::session& sql, const view::Views& views,
                              const Settings& s, const EditorForm& form, int status = 200) {
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  data page{data::type::object};
  const std::string title_id = form.id == 0 ? "help.editor.new_title" : "help.editor.edit_title";
  page.set("heading", t.Get(lang, title_id));
  page.set("action", form.id == 0 ? std::string("/staff/help/new")
                                  : "/staff/help/" + std::to_string(form.id));
  std::map<std::string, std::string> errors;
  data summary{data::type::list};
  for (const auto& field : FieldOrder()) {
    const auto found = form.problems.find(field);
    if (found == form.problems.end()) continue;
    errors[field] = ProblemText(t, lang, field, found->second);
    data e{data::type::object};
    e.set("href", "#f-" + field);
    e.set("message", errors[field]);
    summary.push_back(e);
  }
  page.set("has_errors", !errors.empty());
  page.set("errors", summary);
  const auto field = [&](const std::string& name, const std::string& value) {
    data f{data::type::object};
    f.set("value", value);
    if (errors.count(name)) f.set("error", errors[name]);
    return f;
  };
  page.set("slug", field("slug", form.draft.slug));
  data topic = field("topic", "");
  data options{data::type::list};
  for (const auto& tp : LoadTopics(sql)) {
    data o{data::type::object};
    o.set("value", std::to_string(tp.id));
    o.set("label", tp.Name(lang));
    o.set("selected", tp.id == form.draft.topic_id);
    options.push_back(o);
  }
  topic.set("options", options);
  page.set("topic", topic);
  data statuses{data::type::list};
  for (const char* status_value : {"draft", "published"}) {
    data o{data::type::object};
    o.set("value", std::string(status_value));
    o.set("label", t.Get(lang, std::string("help.editor.status.") + status_value));
    o.set("checked", form.draft.published == (std::string(status_value) == "published"));
    statuses.push_back(o);
  }
  page.set("statuses", statuses);
  data languages{data::type::list};
  data previews{data::type::list};
  for (std::string_view text_lang : kLanguages) {
    const std::string l(text_lang);
    const auto found = form.draft.texts.find(l);
    const ArticleText text = found == form.draft.texts.end() ? ArticleText{} : found->second;
    data group{data::type::object};
    group.set("lang", l);
    group.set("legend", t.Get(lang, "help.editor.language." + l));
    data fields{data::type::list};
    const auto text_field = [&](const char* name, const std::string& value, std::size_t max,
                                bool textarea) {
      data f = field(std::string(name) + "_" + l, value);
      f.set("name", std::string(name) + "_" + l);
      f.set("label", t.Get(lang, std::string("help.editor.field_") + name));
      f.set("hint", t.Format(lang, std::string("help.editor.hint_") + name,
                             {{"max", std::to_string(max)}}));
      f.set("max", std::to_string(max));
      f.set("textarea", textarea);
      fields.push_back(f);
    };
    text_field("title", text.title, kMaxTitleChars, false);
    text_field("summary", text.summary, kMaxSummaryChars, false);
    text_field("body", text.body, kMaxBodyChars, true);
    group.set("fields", fields);
    languages.push_back(group);
    if (form.preview) {
      data p{data::type::object};
      p.set("lang", l);
      p.set("legend", t.Get(lang, "help.editor.language." + l));
      p.set("title", FillPlaceholders(text.title, s.placeholders));
      p.set("summary", FillPlaceholders(text.summary, s.placeholders));
      p.set("body", RenderArticleHtml(text.body, s.placeholders));
      previews.push_back(p);
    }
  }
  page.set("languages", languages);
  page.set("has_preview", form.preview);
  page.set("previews", previews);
  return view::Page(request, views, "help/editor_form", title_id, page, status);
}

http::Response EditorList(http::Request& request, db::Database& database,
                          const view::Views& views) {
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  std::map<std::string, std::string> topic_names;
  for (const auto& topic : LoadTopics(sql)) topic_names[topic.slug] = topic.Name(lang);
  data rows{data::type::list};
  for (const auto& a : ListArticles(sql)) {
    data row{data::type::object};
    row.set("id", std::to_string(a.id));
    row.set("title_id", a.title_id);
    row.set("title_en", a.title_en);
    row.set("topic", topic_names[a.topic_slug]);
    row.set("status",
            t.Get(lang, a.published ? "help.editor.status.published" : "help.editor.status.draft"));
    row.set("helpful", t.Format(lang, "help.editor.helpful_counts",
                                {{"yes", std::to_string(a.helpful_yes)},
                                 {"no", std::to_string(a.helpful_no)}}));
    row.set("updated", i18n::DayText(t, lang, i18n::FundDayIso(a.updated_at)));
    rows.push_back(row);
  }
  data page{data::type::object};
  page.set("articles", rows);
  if (request.Query("saved")) page.set("notice", t.Get(lang, "help.editor.saved"));
  return view::Page(request, views, "help/editor_list", "help.editor.list_title", page);
}

http::Response EditorGet(http::Request& request, db::Database& database, const view::Views& views,
                         const Settings& s, bool is_new) {
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  EditorForm form;
  if (!is_new) {
    const auto id = http::PathId(request, "id");
    if (!id) return http::Response::Error(404);
    const auto article = FindArticle(sql, *id);
    if (!article) return http::Response::Error(404);
    form.id = article->id;
    form.draft = article->draft;
  }
  return EditorFormPage(request, sql, views, s, form);
}

http::Response EditorPost(http::Request& request, db::Database& database, const view::Views& views,
                          const Settings& s, bool is_new) {
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  EditorForm form;
  if (!is_new) {
    const auto id = http::PathId(request, "id");
    if (!id) return http::Response::Error(404);
    form.id = *id;
  }
  form.draft.slug = CleanField(Value(*fields, "slug"), true);
  const std::string topic = Value(*fields, "topic");
  if (!topic.empty() && topic.size() <= 18 &&
      topic.find_first_not_of("0123456789") == std::string::npos) {
    form.draft.topic_id = std::stoll(topic);
  }
  form.draft.published = Value(*fields, "status") == "published";
  for (std::string_view lang : kLanguages) {
    const std::string l(lang);
    form.draft.texts[l] = ArticleText{CleanField(Value(*fields, "title_" + l), true),
                                      CleanField(Value(*fields, "summary_" + l), true),
                                      CleanField(Value(*fields, "body_" + l), false)};
  }
  form.problems = CheckDraft(form.draft);
  form.preview = Value(*fields, "do") == "preview";
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  if (!is_new) {
    const auto stored = FindArticle(sql, form.id);
    if (!stored) return http::Response::Error(404);
    form.draft.position = stored->draft.position;
  }
  if (form.preview) {
    return EditorFormPage(request, sql, views, s, form, form.problems.empty() ? 200 : 422);
  }
  if (!form.problems.empty()) return EditorFormPage(request, sql, views, s, form, 422);
  auto tx = db::Transaction::ForWriting(sql);
  const SaveResult saved = SaveArticle(sql, form.id, form.draft, request.visitor.account_id, Now());
  switch (saved.outcome) {
    case SaveOutcome::kSlugTaken:
      form.problems["slug"] = "slug_taken";
      return EditorFormPage(request, sql, views, s, form, 422);
    case SaveOutcome::kNoTopic:
      form.problems["topic"] = "topic";
      return EditorFormPage(request, sql, views, s, form, 422);
    case SaveOutcome::kNotFound:
      return http::Response::Error(404);
    case SaveOutcome::kSaved:
      break;
  }
  audit::Event event;
  event.actor_user_id = request.visitor.account_id;
  event.action = is_new ? "help.article_created" : "help.article_saved";
  event.ip = request.remote_ip;
  event.user_agent = std::string(request.Header("user-agent"));
  event.details = {{"article", std::to_string(saved.id)},
                   {"slug", form.draft.slug},
                   {"status", form.draft.published ? "published" : "draft"}};
  audit::Append(sql, event);
  tx.Commit();
  return http::Response::Redirect("/staff/help?saved=" + std::to_string(saved.id));
}

}  // namespace

void AddRoutes(http::Router& router, db::Database& database, const view::Views& views,
               const config::Config& config) {
  {
    auto lease = database.Acquire();
    LoadStarterIfEmpty(lease.session(), config.SharePath("src/help/starter"));
  }
  auto s = std::make_shared<const Settings>(SettingsFrom(config));
  db::Database* db = &database;
  const view::Views* v = &views;
  router.Get("/help", [db, v, s](http::Request& r) { return IndexPage(r, *db, *v, *s); });
  router.Get("/help/search", [db, v, s](http::Request& r) { return SearchPage(r, *db, *v, *s); });
  router.Get("/help/contact", [v, s](http::Request& r) { return ContactPage(r, *v, *s); });
  router.Get("/help/{topic}", [db, v, s](http::Request& r) { return TopicPage(r, *db, *v, *s); });
  router.Get("/help/{topic}/{article}",
             [db, v, s](http::Request& r) { return ArticlePage(r, *db, *v, *s); });
  router.Post("/help/{topic}/{article}/helpful",
              [db](http::Request& r) { return HelpfulPost(r, *db); });

  const auto editor = [](http::Handler handler) {
    return http::StaffOnly({"content_editor"}, std::move(handler));
  };
  router.Get("/staff/help", editor([db, v](http::Request& r) { return EditorList(r, *db, *v); }));
  router.Get("/staff/help/new",
             editor([db, v, s](http::Request& r) { return EditorGet(r, *db, *v, *s, true); }));
  router.Post("/staff/help/new",
              editor([db, v, s](http::Request& r) { return EditorPost(r, *db, *v, *s, true); }));
  router.Get("/staff/help/{id}",
             editor([db, v, s](http::Request& r) { return EditorGet(r, *db, *v, *s, false); }));
  router.Post("/staff/help/{id}",
              editor([db, v, s](http::Request& r) { return EditorPost(r, *db, *v, *s, false); }));
}

}  // namespace lumbung::help
