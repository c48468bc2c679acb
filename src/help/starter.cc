#include "help/starter.h"

#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "core/db/transaction.h"

namespace lumbung::help {
namespace {

std::string Trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

int Number(const std::string& s, const std::string& where) {
  if (s.empty() || s.size() > 6 ||
      !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    throw std::invalid_argument(where + ": position must be a whole number");
  }
  return std::stoi(s);
}

std::string ReadFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("help starter: cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::vector<Topic> ParseTopics(std::string_view text) {
  std::vector<Topic> topics;
  std::istringstream in{std::string(text)};
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string where = "line " + std::to_string(number);
    const std::string trimmed = Trimmed(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    std::vector<std::string> parts;
    std::size_t from = 0;
    while (true) {
      const std::size_t bar = trimmed.find('|', from);
      parts.push_back(Trimmed(std::string_view(trimmed).substr(from, bar - from)));
      if (bar == std::string::npos) break;
      from = bar + 1;
    }
    if (parts.size() != 4 || !IsSlug(parts[0]) || parts[2].empty() || parts[3].empty()) {
      throw std::invalid_argument(where + ": expected slug | position | name id | name en");
    }
    topics.push_back({0, parts[0], Number(parts[1], where), parts[2], parts[3]});
  }
  return topics;
}

StarterText ParseStarterText(std::string_view file_text) {
  StarterText out;
  std::map<std::string, std::string> header;
  std::size_t at = 0;
  int number = 0;
  bool body_started = false;
  while (at < file_text.size()) {
    std::size_t end = file_text.find('\n', at);
    if (end == std::string_view::npos) end = file_text.size();
    const std::string line = Trimmed(file_text.substr(at, end - at));
    at = end + 1;
    ++number;
    if (line.empty()) {
      body_started = true;
      break;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) {
      throw std::invalid_argument("line " + std::to_string(number) + ": expected name: value");
    }
    const std::string name = Trimmed(std::string_view(line).substr(0, colon));
    if (name != "topic" && name != "position" && name != "status" && name != "title" &&
        name != "summary") {
      throw std::invalid_argument("line " + std::to_string(number) + ": unknown field " + name);
    }
    header[name] = Trimmed(std::string_view(line).substr(colon + 1));
  }
  if (!body_started) throw std::invalid_argument("no blank line before the body");
  for (const char* required : {"topic", "position", "status", "title", "summary"}) {
    if (header[required].empty()) {
      throw std::invalid_argument(std::string("missing field ") + required);
    }
  }
  if (header["status"] != "published" && header["status"] != "draft") {
    throw std::invalid_argument("status must be published or draft");
  }
  out.topic = header["topic"];
  out.position = Number(header["position"], "position");
  out.published = header["status"] == "published";
  out.text.title = header["title"];
  out.text.summary = header["summary"];
  out.text.body = CleanField(file_text.substr(std::min(at, file_text.size())), false);
  return out;
}

std::vector<StarterArticle> ReadStarterSet(const std::filesystem::path& dir,
                                           std::vector<Topic>& topics) {
  topics = ParseTopics(ReadFile(dir / "topics.txt"));
  std::map<std::string, std::map<std::string, StarterText>> texts;  // slug -> lang -> text
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt" &&
        entry.path().filename() != "topics.txt") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const std::string stem = file.stem().string();  // "<slug>.<lang>"
    const std::size_t dot = stem.rfind('.');
    const std::string slug = dot == std::string::npos ? "" : stem.substr(0, dot);
    const std::string lang = dot == std::string::npos ? "" : stem.substr(dot + 1);
    if (!IsSlug(slug) || (lang != "id" && lang != "en")) {
      throw std::runtime_error("help starter: " + file.string() +
                               ": name must be <slug>.<id|en>.txt");
    }
    try {
      texts[slug][lang] = ParseStarterText(ReadFile(file));
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error("help starter: " + file.string() + ": " + e.what());
    }
  }
  std::vector<StarterArticle> out;
  for (auto& [slug, by_lang] : texts) {
    if (by_lang.size() != 2) {
      throw std::runtime_error("help starter: " + slug + " needs both <slug>.id.txt and .en.txt");
    }
    const StarterText& id = by_lang["id"];
    const StarterText& en = by_lang["en"];
    if (id.topic != en.topic || id.position != en.position || id.published != en.published) {
      throw std::runtime_error("help starter: " + slug +
                               ": the languages disagree on topic, position or status");
    }
    if (std::none_of(topics.begin(), topics.end(),
                     [&](const Topic& t) { return t.slug == id.topic; })) {
      throw std::runtime_error("help starter: " + slug + ": unknown topic " + id.topic);
    }
    StarterArticle article;
    article.slug = slug;
    article.topic = id.topic;
    article.draft.slug = slug;
    article.draft.position = id.position;
    article.draft.published = id.published;
    article.draft.texts["id"] = id.text;
    article.draft.texts["en"] = en.text;
    article.draft.topic_id = 1;  // checked below without the database
    const DraftProblems problems = CheckDraft(article.draft);
    if (!problems.empty()) {
      throw std::runtime_error("help starter: " + slug + ": " + problems.begin()->first + " " +
                               problems.begin()->second);
    }
    article.draft.topic_id = 0;
    out.push_back(std::move(article));
  }
  return out;
}

int LoadStarterIfEmpty(soci::session& sql, const std::filesystem::path& dir) {
  // The usual case, a database with articles, takes no lock.
  if (CountArticles(sql) > 0) return 0;
  auto tx = db::Transaction::ForWriting(sql);
  if (sql.get_backend_name() == "postgresql") {
    // Another server starting at the same moment waits here and then finds the articles.
    sql << "LOCK TABLE help_articles IN EXCLUSIVE MODE";
  }
  if (CountArticles(sql) > 0) return 0;
  std::vector<Topic> topics;
  const std::vector<StarterArticle> articles = ReadStarterSet(dir, topics);
  std::map<std::string, std::int64_t> topic_ids;
  for (const auto& topic : topics) topic_ids[topic.slug] = PutTopic(sql, topic);
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  int loaded = 0;
  for (const auto& article : articles) {
    ArticleDraft draft = article.draft;
    draft.topic_id = topic_ids.at(article.topic);
    if (SaveArticle(sql, 0, draft, std::nullopt, now).outcome != SaveOutcome::kSaved) {
      throw std::runtime_error("help starter: cannot save " + article.slug);
    }
    ++loaded;
  }
  tx.Commit();
  return loaded;
}

}  // namespace lumbung::help
