#include "core/view/views.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <tuple>

namespace lumbung::view {
namespace {

std::atomic<std::uint64_t> next_views_id{1};

// A catalog as a tree, so "error.404.title" is reachable as t.error.404.title.
struct Node {
  std::string text;
  bool leaf = false;
  std::map<std::string, Node> children;
};

mustache::data ToData(const Node& node) {
  if (node.leaf) return mustache::data(node.text);
  mustache::data obj{mustache::data::type::object};
  for (const auto& [key, child] : node.children) obj.set(key, ToData(child));
  return obj;
}

std::string HostOf(const std::string& url) {
  std::string host = url;
  if (auto p = host.find("://"); p != std::string::npos) host = host.substr(p + 3);
  if (auto p = host.find('/'); p != std::string::npos) host = host.substr(0, p);
  return host;
}

std::string Trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// The string a dotted name (`t.layout.nav.home`) has among a language's globals; nullptr when it
// is not one of them or not a string.
const std::string* GlobalString(const mustache::data& globals, const std::string& name) {
  const mustache::data* node = &globals;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = name.find('.', start);
    const std::string part = name.substr(start, dot == std::string::npos ? dot : dot - start);
    if (!node->is_object()) return nullptr;
    node = node->get(part);
    if (!node) return nullptr;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return node->is_string() ? &node->string_value() : nullptr;
}

bool IsGlobalName(const std::string& name) {
  return name == "lang" || name.rfind("t.", 0) == 0 || name.rfind("fund.", 0) == 0 ||
         name.rfind("assets.", 0) == 0;
}

}  // namespace

std::string BakeLanguage(const std::string& source, const mustache::data& globals,
                         const i18n::Catalogs& catalogs, const std::string& lang) {
  std::string out;
  out.reserve(source.size() * 2);
  std::size_t pos = 0;
  const auto safe = [](const std::string& text) {
    return text.find("{{") == std::string::npos && text.find("}}") == std::string::npos;
  };
  while (true) {
    const std::size_t open = source.find("{{", pos);
    if (open == std::string::npos) break;
    out.append(source, pos, open - pos);
    const bool triple = source.compare(open, 3, "{{{") == 0;
    const std::size_t close = source.find(triple ? "}}}" : "}}", open + (triple ? 3 : 2));
    if (close == std::string::npos) {
      pos = open;
      break;
    }
    const std::size_t end = close + (triple ? 3 : 2);
    std::string inner = Trimmed(
        std::string_view(source).substr(open + (triple ? 3 : 2), close - open - (triple ? 3 : 2)));
    const char sigil = inner.empty() ? '\0' : inner.front();
    bool baked = false;
    if (sigil == '#' && Trimmed(inner.substr(1)) == "tr") {
      // {{#tr}}id{{/tr}}: the message itself, whose {{placeholders}} the page then fills.
      const std::size_t tr_end = source.find("{{/tr}}", end);
      if (tr_end != std::string::npos) {
        const std::string id = Trimmed(std::string_view(source).substr(end, tr_end - end));
        if (catalogs.All(lang).count(id)) {
          out += catalogs.Get(lang, id);
          pos = tr_end + 7;
          continue;
        }
      }
    } else if (triple || sigil == '&' || std::isalpha(static_cast<unsigned char>(sigil))) {
      const bool escaped = !triple && sigil != '&';
      const std::string name = sigil == '&' ? Trimmed(inner.substr(1)) : inner;
      if (IsGlobalName(name)) {
        if (const std::string* value = GlobalString(globals, name); value && safe(*value)) {
          out += escaped ? mustache::html_escape<std::string>(*value) : *value;
          baked = true;
        }
      }
    }
    if (!baked) out.append(source, open, end - open);
    pos = end;
  }
  out.append(source, pos, std::string::npos);
  return out;
}

Views::Views(const std::filesystem::path& share_dir, const i18n::Catalogs& catalogs,
             const Assets& assets, FundInfo fund)
    : catalogs_(catalogs), fund_name_(fund.name), id_(next_views_id++) {
  std::error_code ec;
  for (const auto& feature : std::filesystem::directory_iterator(share_dir / "src", ec)) {
    const auto dir = feature.path() / "templates";
    if (!std::filesystem::is_directory(dir)) continue;
    for (const auto& file : std::filesystem::directory_iterator(dir)) {
      if (file.path().extension() != ".mustache") continue;
      std::ifstream in(file.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      const std::string name =
          feature.path().filename().string() + "/" + file.path().stem().string();
      mustache::mustache check(text.str());
      if (!check.is_valid()) {
        throw std::runtime_error("template " + file.path().string() + ": " + check.error_message());
      }
      sources_[name] = text.str();
    }
  }
  if (ec) throw std::runtime_error("templates: cannot read " + share_dir.string() + "/src");

  mustache::data asset_urls{mustache::data::type::object};
  for (const auto& [logical, url] : assets.Urls()) {
    // "css/site.css" -> assets.css, "js/site.js" -> assets.js (the layout's two files);
    // any other file by its stem: "icon.svg" -> assets.icon.
    const std::filesystem::path file(logical);
    std::string key =
        file.stem() == "site" ? file.extension().string().substr(1) : file.stem().string();
    std::replace(key.begin(), key.end(), '-', '_');
    asset_urls.set(key, url);
  }

  for (const auto& lang : catalogs.Languages()) {
    Node root;
    for (const auto& [id, text] : catalogs.All(lang)) {
      Node* node = &root;
      std::stringstream parts(id);
      std::string part;
      while (std::getline(parts, part, '.')) {
        if (node->leaf) throw std::runtime_error("catalog: '" + id + "' extends a message id");
        node = &node->children[part];
      }
      if (!node->children.empty())
        throw std::runtime_error("catalog: '" + id + "' is also a prefix");
      node->leaf = true;
      node->text = text;
    }
    auto globals = std::make_unique<mustache::data>(mustache::data::type::object);
    globals->set("lang", lang);
    globals->set("t", ToData(root));
    const i18n::Catalogs* c = &catalogs_;
    globals->set(
        "tr", mustache::lambda2{[c, lang](const std::string& id, const mustache::renderer& render) {
          std::string key = id;
          while (!key.empty() && std::isspace(static_cast<unsigned char>(key.back())))
            key.pop_back();
          while (!key.empty() && std::isspace(static_cast<unsigned char>(key.front())))
            key.erase(0, 1);
          return render(c->Get(lang, key));
        }});
    mustache::data fund_data{mustache::data::type::object};
    fund_data.set("name", fund.name);
    fund_data.set("web_address", fund.web_address);
    fund_data.set("web_host", HostOf(fund.web_address));
    fund_data.set("phone", fund.phone);
    fund_data.set("email", fund.email);
    auto hours = fund.office_hours.find(lang);
    fund_data.set("office_hours", hours != fund.office_hours.end() && !hours->second.empty()
                                      ? hours->second
                                      : catalogs.Get(lang, "office_hours.default"));
    globals->set("fund", fund_data);
    globals->set("assets", asset_urls);
    auto& baked = baked_[lang];
    for (const auto& [name, source] : sources_) {
      baked[name] = BakeLanguage(source, *globals, catalogs, lang);
      if (!mustache::mustache(baked[name]).is_valid()) {
        throw std::runtime_error("template " + name + " (" + lang + "): a message breaks it");
      }
    }
    globals_[lang] = std::move(globals);
  }
}

Views::~Views() = default;

mustache::mustache& Views::Compiled(const std::string& name, const std::string& lang) const {
  // Compiled templates are kept per thread: rendering is cheap and needs no lock.
  thread_local std::map<std::tuple<std::uint64_t, std::string, std::string>,
                        std::unique_ptr<mustache::mustache>>
      cache;
  auto key = std::make_tuple(id_, lang, name);
  auto it = cache.find(key);
  if (it != cache.end()) return *it->second;
  auto language = baked_.find(lang);
  if (language == baked_.end()) throw std::runtime_error("no language " + lang);
  auto src = language->second.find(name);
  if (src == language->second.end()) throw std::runtime_error("no template " + name);
  auto compiled = std::make_unique<mustache::mustache>(src->second);
  return *cache.emplace(key, std::move(compiled)).first->second;
}

std::string Views::Render(const std::string& name, const std::string& lang,
                          const mustache::data& page, const mustache::data* request_globals) const {
  auto g = globals_.find(lang);
  if (g == globals_.end()) g = globals_.find(std::string(i18n::kDefaultLanguage));
  mustache::context<std::string> ctx{g->second.get()};
  if (request_globals) ctx.push(request_globals);
  ctx.push(&page);
  auto& tmpl = Compiled(name, g->first);
  std::string out = tmpl.render(ctx);
  if (!tmpl.error_message().empty()) {
    throw std::runtime_error("template " + name + ": " + tmpl.error_message());
  }
  return out;
}

std::string Views::RenderPage(const std::string& name, const std::string& lang,
                              const LayoutInfo& layout, const mustache::data& page) const {
  const std::string content = Render(name, lang, page, layout.request_globals);
  mustache::data frame{mustache::data::type::object};
  std::string title = layout.title + " – " + fund_name_;
  if (layout.error) title = catalogs_.Get(lang, "title.error_prefix") + title;
  frame.set("title", title);
  frame.set("content", content);
  const std::string other = lang == "en" ? "id" : "en";
  mustache::data sw{mustache::data::type::object};
  sw.set("href", layout.switch_lang_href);
  sw.set("code", other);
  sw.set("label", catalogs_.Get(other, "lang." + other));
  frame.set("switch_lang", sw);
  return Render("app/layout", lang, frame, layout.request_globals);
}

}  // namespace lumbung::view
